#include "memory/bus.h"
#include "tests/unit/error_of.h"

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace mcuprof {
namespace {

// Records every access it sees; rejects offsets at or above `limit`.
struct RecordingDevice : Device {
  struct Access { uint32_t offset; unsigned size; uint32_t value; bool write; };
  std::vector<Access> log;
  uint32_t limit = 0x100;
  bool read(uint32_t offset, unsigned size, uint32_t& value) override {
    log.push_back({offset, size, 0, false});
    value = 0xA5000000u | offset;
    return offset < limit;
  }
  bool write(uint32_t offset, unsigned size, uint32_t value) override {
    log.push_back({offset, size, value, true});
    return offset < limit;
  }
};

using test::error_of;

uint32_t rd(Bus& b, uint32_t a, unsigned n) {
  uint32_t v = 0xDEADBEEF;
  EXPECT_TRUE(b.read(a, n, v)) << std::hex << a;
  return v;
}

TEST(Bus, RamIsLittleEndianAtAnyAlignment) {
  Bus b;
  b.add_memory("sram", RegionKind::kRam, 0x20000000, 0x10000);
  EXPECT_EQ(rd(b, 0x20000000, 4), 0u);  // RAM starts zeroed
  ASSERT_TRUE(b.write(0x20000001, 4, 0x44332211));
  EXPECT_EQ(rd(b, 0x20000001, 1), 0x11u);
  EXPECT_EQ(rd(b, 0x20000004, 1), 0x44u);
  EXPECT_EQ(rd(b, 0x20000002, 2), 0x3322u);
  EXPECT_EQ(rd(b, 0x20000000, 4), 0x33221100u);
  ASSERT_TRUE(b.write(0x20000FFE, 4, 0xCAFEF00D));  // crosses a page boundary inside the region
  EXPECT_EQ(rd(b, 0x20000FFE, 4), 0xCAFEF00Du);
  EXPECT_EQ(rd(b, 0x20001000, 2), 0xCAFEu);
  EXPECT_NE(b.read_ptr(0x20000000), nullptr);
  EXPECT_NE(b.write_ptr(0x2000FFFC), nullptr);
}

TEST(Bus, FlashIsErasedReadOnlyAndProgrammable) {
  Bus b;
  b.add_memory("flash", RegionKind::kFlash, 0x08000000, 0x8000);
  EXPECT_EQ(rd(b, 0x08000000, 4), 0xFFFFFFFFu);
  EXPECT_FALSE(b.write(0x08000000, 4, 0));
  EXPECT_EQ(b.write_ptr(0x08000000), nullptr);
  EXPECT_NE(b.read_ptr(0x08000000), nullptr);
  const uint8_t image[] = {1, 2, 3, 4, 5};
  ASSERT_TRUE(b.program(0x08000003, image, sizeof image));
  EXPECT_EQ(rd(b, 0x08000000, 4), 0x01FFFFFFu);
  EXPECT_EQ(rd(b, 0x08000004, 4), 0x05040302u);
  EXPECT_EQ(rd(b, 0x08000008, 4), 0xFFFFFFFFu);
}

TEST(Bus, UnmappedAndStraddlingAccessesAreBusErrors) {
  Bus b;
  b.add_memory("a", RegionKind::kRam, 0x20000000, 0x1000);
  b.add_memory("b", RegionKind::kRam, 0x20001000, 0x1000);  // adjacent: accesses may straddle
  uint32_t v = 0;
  EXPECT_FALSE(b.read(0x10000000, 4, v));
  EXPECT_FALSE(b.write(0x10000000, 1, 0));
  EXPECT_FALSE(b.read(0x20001FFE, 4, v));   // runs off the end of 'b' into nothing
  EXPECT_FALSE(b.write(0x20001FFF, 2, 0));
  EXPECT_FALSE(b.read(0xFFFFFFFE, 4, v));   // would wrap around the address space
  ASSERT_TRUE(b.write(0x20000FFF, 2, 0xBBAA));  // straddles 'a' and 'b'
  EXPECT_EQ(rd(b, 0x20000FFF, 1), 0xAAu);
  EXPECT_EQ(rd(b, 0x20001000, 1), 0xBBu);
  EXPECT_EQ(rd(b, 0x20000FFF, 2), 0xBBAAu);
}

TEST(Bus, StraddlingRamAndFlashCannotBeWritten) {
  Bus b;
  b.add_memory("ram", RegionKind::kRam, 0x0, 0x1000);
  b.add_memory("flash", RegionKind::kFlash, 0x1000, 0x1000);
  EXPECT_FALSE(b.write(0xFFE, 4, 0x11223344));
  EXPECT_EQ(rd(b, 0xFFC, 4), 0u) << "a refused write changes nothing";
  EXPECT_EQ(rd(b, 0xFFE, 4), 0xFFFF0000u);
}

TEST(Bus, RegionsSmallerThanAPageUseTheSlowPath) {
  Bus b;
  b.add_memory("small", RegionKind::kRam, 0x20000000, 0x800);
  b.add_memory("other", RegionKind::kRam, 0x20000800, 0x800);
  EXPECT_EQ(b.read_ptr(0x20000000), nullptr);
  ASSERT_TRUE(b.write(0x200007FC, 4, 0x12345678));
  ASSERT_TRUE(b.write(0x20000800, 4, 0x9ABCDEF0));
  EXPECT_EQ(rd(b, 0x200007FC, 4), 0x12345678u);
  EXPECT_EQ(rd(b, 0x200007FE, 4), 0xDEF01234u);
}

TEST(Bus, OverlapsAndBadRegionsAreClearErrors) {
  Bus b;
  b.add_memory("sram1", RegionKind::kRam, 0x20000000, 0x1C000);
  EXPECT_EQ(error_of([&] { b.add_memory("sram2", RegionKind::kRam, 0x2001B000, 0x4000); }),
            "memory region 'sram2' [0x2001b000-0x2001efff] overlaps region 'sram1' [0x20000000-0x2001bfff]");
  EXPECT_NE(error_of([&] { b.add_memory("empty", RegionKind::kRam, 0x30000000, 0); }).find("size 0"), std::string::npos);
  EXPECT_NE(error_of([&] { b.add_memory("top", RegionKind::kRam, 0xFFFFF000, 0x2000); }).find("past the 4 GB"),
            std::string::npos);
  EXPECT_NE(error_of([&] { b.add_memory("sram1", RegionKind::kRam, 0x30000000, 0x1000); }).find("two memory regions"),
            std::string::npos);
  EXPECT_NE(error_of([&] { b.add_alias("x", 0x0, 0x1000, "nothing"); }).find("no flash or RAM region named 'nothing'"),
            std::string::npos);
  EXPECT_NE(error_of([&] { b.add_alias("x", 0x0, 0x20000, "sram1"); }).find("larger than its target"),
            std::string::npos);
  EXPECT_NE(error_of([&] { b.add_alias("x", 0x100, 0x1000, "sram1"); }).find("same offset within a 4 KB page"),
            std::string::npos);
}

TEST(Bus, AliasesShareTheirTargetsStorage) {
  Bus b;
  b.add_memory("flash", RegionKind::kFlash, 0x08000000, 0x10000);
  b.add_alias("boot", 0x00000000, 0x10000, "flash");
  b.add_memory("ram", RegionKind::kRam, 0x20000000, 0x2000);
  b.add_alias("ram_mirror", 0x20400000, 0x2000, "ram");
  const uint8_t word[] = {0x78, 0x56, 0x34, 0x12};
  ASSERT_TRUE(b.program(0x00000100, word, 4));  // programming through the alias reaches the flash
  EXPECT_EQ(rd(b, 0x08000100, 4), 0x12345678u);
  EXPECT_FALSE(b.write(0x00000100, 4, 0)) << "an alias of flash is read-only too";
  ASSERT_TRUE(b.write(0x20400010, 4, 0xABCD));
  EXPECT_EQ(rd(b, 0x20000010, 4), 0xABCDu);
  EXPECT_EQ(b.find(0x00000004)->storage_kind(), RegionKind::kFlash);
  EXPECT_EQ(b.find(0x00000004)->name, "boot");
}

TEST(Bus, DevicesSeeOffsetsAndMayRefuse) {
  Bus b;
  RecordingDevice dev;
  b.add_device("dev", 0xE0000000, 0x1000, &dev);
  EXPECT_EQ(b.read_ptr(0xE0000000), nullptr);
  EXPECT_EQ(rd(b, 0xE0000010, 4), 0xA5000010u);
  ASSERT_TRUE(b.write(0xE0000022, 2, 0xBEEF));
  uint32_t v = 0;
  EXPECT_FALSE(b.read(0xE0000200, 4, v));
  EXPECT_FALSE(b.read(0xE0000FFE, 4, v)) << "runs off the end of the device";
  ASSERT_EQ(dev.log.size(), 3u);
  EXPECT_EQ(dev.log[1].offset, 0x22u);
  EXPECT_EQ(dev.log[1].size, 2u);
  EXPECT_EQ(dev.log[1].value, 0xBEEFu);
  EXPECT_TRUE(dev.log[1].write);
  const uint8_t byte = 0;
  EXPECT_FALSE(b.program(0xE0000000, &byte, 1)) << "the loader cannot program a device";
}

TEST(Bus, ProgramRefusesBytesOutsideMemoryAndWritesNothing) {
  Bus b;
  b.add_memory("ram", RegionKind::kRam, 0x20000000, 0x1000);
  const uint8_t bytes[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  EXPECT_FALSE(b.program(0x20000FFC, bytes, 8));
  EXPECT_EQ(rd(b, 0x20000FFC, 4), 0u);
  EXPECT_TRUE(b.program(0x20000FF8, bytes, 8));
  EXPECT_EQ(rd(b, 0x20000FFC, 4), 0x08070605u);
}

struct HookLog {
  std::vector<uint32_t> pages;
  static void hook(void* self, uint32_t page) { static_cast<HookLog*>(self)->pages.push_back(page); }
};

TEST(Bus, WritesToDecodedCodePagesCallTheHookOnceAndReturnToFastWrites) {
  Bus b;
  b.add_memory("ram", RegionKind::kRam, 0x20000000, 0x4000);
  HookLog log;
  b.set_code_write_hook(&HookLog::hook, &log);
  b.mark_code_page(0x20001234);
  EXPECT_TRUE(b.is_code_page(0x20001000));
  EXPECT_EQ(b.write_ptr(0x20001000), nullptr);
  EXPECT_NE(b.read_ptr(0x20001000), nullptr) << "reads of code pages stay fast";
  ASSERT_TRUE(b.write(0x20002000, 4, 1));  // another page: no hook
  EXPECT_TRUE(log.pages.empty());
  ASSERT_TRUE(b.write(0x20001FFE, 4, 0x11223344));  // straddles into the next page
  EXPECT_EQ(log.pages, std::vector<uint32_t>{0x20001u});
  EXPECT_EQ(rd(b, 0x20001FFE, 4), 0x11223344u);
  EXPECT_FALSE(b.is_code_page(0x20001000));
  EXPECT_NE(b.write_ptr(0x20001000), nullptr);
  ASSERT_TRUE(b.write(0x20001000, 4, 2));
  EXPECT_EQ(log.pages.size(), 1u) << "the page was unmarked: no second call";
}

TEST(Bus, CodeMarksFollowAliasesOfTheSameStorage) {
  Bus b;
  b.add_memory("ram", RegionKind::kRam, 0x00000000, 0x4000);
  b.add_alias("mirror", 0x00400000, 0x4000, "ram");
  HookLog log;
  b.set_code_write_hook(&HookLog::hook, &log);
  b.mark_code_page(0x00400010);  // decoded through the mirror
  EXPECT_TRUE(b.is_code_page(0x00000000));
  ASSERT_TRUE(b.write(0x00000020, 4, 0xE7FE));  // written through the original
  EXPECT_EQ(log.pages, (std::vector<uint32_t>{0x000u, 0x400u}));
  EXPECT_FALSE(b.is_code_page(0x00400000));
}

TEST(Bus, ProgramInvalidatesDecodedCodeAndUnmarkNeedsNoHook) {
  Bus b;
  b.add_memory("flash", RegionKind::kFlash, 0x08000000, 0x4000);
  b.add_memory("ram", RegionKind::kRam, 0x20000000, 0x4000);
  HookLog log;
  b.set_code_write_hook(&HookLog::hook, &log);
  b.mark_code_page(0x08000000);
  const uint8_t nop[] = {0x00, 0xBF};
  ASSERT_TRUE(b.program(0x08000ABC, nop, 2));
  EXPECT_EQ(log.pages, std::vector<uint32_t>{0x08000u});
  b.mark_code_page(0x20000000);
  b.unmark_code_page(0x20000000);
  EXPECT_NE(b.write_ptr(0x20000000), nullptr);
  ASSERT_TRUE(b.write(0x20000000, 2, 0));
  EXPECT_EQ(log.pages.size(), 1u);
}

}  // namespace
}  // namespace mcuprof
