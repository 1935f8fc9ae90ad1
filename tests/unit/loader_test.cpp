#include "sim/loader.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

namespace mcuprof {
namespace {

namespace fs = std::filesystem;

// A tiny firmware built with the real toolchain: vectors and code in flash, .data loaded in flash and run in
// RAM (p_paddr != p_vaddr), .bss after it, and the usual linker symbols.
constexpr const char* kSource = R"(
  .syntax unified
  .thumb
  .section .vectors, "a"
  .word __StackTop
  .word reset
  .text
  .global reset
  .type reset, %function
  .thumb_func
reset:
  ldr r0, =counter
  ldr r1, [r0]
  b reset
  .size reset, . - reset
  .data
  .global counter
  .type counter, %object
counter:
  .word 0x11223344
  .size counter, 4
  .bss
  .global buffer
  .type buffer, %object
buffer:
  .space 64
  .size buffer, 64
)";

constexpr const char* kScript = R"(
MEMORY { FLASH (rx) : ORIGIN = 0x08000000, LENGTH = 64K
         RAM (rwx) : ORIGIN = 0x20000000, LENGTH = 64K }
ENTRY(reset)
SECTIONS {
  .text : { KEEP(*(.vectors)) *(.text*) *(.rodata*) } > FLASH
  .data : { *(.data*) } > RAM AT > FLASH
  .bss : { *(.bss*) } > RAM
  end = .;
  __StackTop = ORIGIN(RAM) + LENGTH(RAM);
}
)";

class Loader : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("mcuprof-loader-" + std::to_string(getpid())));
    fs::create_directories(*dir_);
    std::ofstream(*dir_ / "t.s") << kSource;
    std::ofstream(*dir_ / "t.ld") << kScript;
    const std::string d = dir_->string();
    const std::string cmd = "arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -nostdlib -T " + d + "/t.ld " + d + "/t.s -o " + d +
                            "/good.elf 2>" + d + "/err";
    built_ = std::system(cmd.c_str()) == 0;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  void SetUp() override {
    if (!built_) GTEST_SKIP() << "arm-none-eabi-gcc could not build the test image";
    bus_.add_memory("flash", RegionKind::kFlash, 0x08000000, 0x10000);
    bus_.add_memory("ram", RegionKind::kRam, 0x20000000, 0x10000);
  }

  static std::string good() { return (*dir_ / "good.elf").string(); }
  static std::vector<uint8_t> good_bytes() {
    std::ifstream in(good(), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  // Writes a variant of the good image and returns its path.
  static std::string variant(const std::string& name, const std::function<void(std::vector<uint8_t>&)>& change) {
    std::vector<uint8_t> b = good_bytes();
    change(b);
    const std::string path = (*dir_ / name).string();
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), std::streamsize(b.size()));
    return path;
  }
  std::string error_loading(const std::string& path) {
    try {
      load_elf(path, bus_);
    } catch (const LoadError& e) {
      return e.what();
    }
    return "(no error)";
  }
  uint32_t rd(uint32_t a) {
    uint32_t v = 0;
    EXPECT_TRUE(bus_.read(a, 4, v));
    return v;
  }
  static uint32_t u32_at(const std::vector<uint8_t>& b, size_t off) {
    uint32_t v;
    std::memcpy(&v, &b[off], 4);
    return v;
  }

  static fs::path* dir_;
  static bool built_;
  Bus bus_;
};
fs::path* Loader::dir_ = nullptr;
bool Loader::built_ = false;

TEST_F(Loader, PlacesSegmentsAtTheirLoadAddressesAndZeroesBss) {
  for (uint32_t a = 0x20000000; a < 0x20000100; a += 4) bus_.write(a, 4, 0xAAAAAAAA);  // RAM as left by a reset
  const LoadedImage img = load_elf(good(), bus_);
  EXPECT_EQ(rd(0x08000000), 0x20010000u) << "initial SP = __StackTop";
  const Symbol* reset = img.symbol("reset");
  ASSERT_NE(reset, nullptr);
  EXPECT_TRUE(reset->is_function);
  EXPECT_EQ(reset->addr & 1, 0u) << "Thumb bit cleared";
  EXPECT_GE(reset->size, 6u) << "three instructions";
  EXPECT_EQ(reset->size % 2, 0u);
  EXPECT_EQ(rd(0x08000004), reset->addr | 1) << "reset vector";
  EXPECT_EQ(img.entry, reset->addr | 1);

  const Symbol* counter = img.symbol("counter");
  ASSERT_NE(counter, nullptr);
  EXPECT_FALSE(counter->is_function);
  EXPECT_EQ(counter->addr, 0x20000000u);
  // .data: its bytes are in flash at the load address, RAM is left for the startup code to fill.
  const Segment* data = nullptr;
  for (const Segment& s : img.segments)
    if (s.vaddr == 0x20000000) data = &s;
  ASSERT_NE(data, nullptr);
  EXPECT_GE(data->paddr, 0x08000000u);
  EXPECT_LT(data->paddr, 0x08010000u);
  EXPECT_EQ(rd(data->paddr), 0x11223344u);
  EXPECT_EQ(rd(0x20000000), 0xAAAAAAAAu);
  // .bss is zeroed at its run-time address; flash after .data's image is untouched.
  const Symbol* buffer = img.symbol("buffer");
  ASSERT_NE(buffer, nullptr);
  EXPECT_EQ(buffer->size, 64u);
  for (uint32_t a = buffer->addr; a < buffer->addr + 64; a += 4) EXPECT_EQ(rd(a), 0u) << std::hex << a;
  EXPECT_EQ(rd(data->paddr + 4), 0xFFFFFFFFu);
  ASSERT_NE(img.symbol("end"), nullptr);
  EXPECT_EQ(img.symbol("end")->addr, buffer->addr + 64);
  EXPECT_EQ(img.symbol("nothing"), nullptr);
  for (const Symbol& s : img.symbols) EXPECT_NE(s.name[0], '$') << "mapping symbols are left out";
}

TEST_F(Loader, MissingAndNonElfFiles) {
  const std::string missing = (*dir_ / "missing.elf").string();
  EXPECT_EQ(error_loading(missing), missing + ": cannot open: No such file or directory");
  const std::string text = (*dir_ / "text.elf").string();
  std::ofstream(text) << "this is not an ELF file, just words\n";
  EXPECT_EQ(error_loading(text), text + ": not an ELF file");
  EXPECT_THROW(load_elf(text, bus_), std::runtime_error) << "LoadError is a runtime_error";
}

TEST_F(Loader, TruncatedFiles) {
  const std::string header = variant("header.elf", [](auto& b) { b.resize(40); });
  EXPECT_EQ(error_loading(header), header + ": truncated ELF header");
  const std::string half = variant("half.elf", [](auto& b) { b.resize(b.size() / 2); });
  EXPECT_NE(error_loading(half).find(half + ": truncated: the section headers end at byte"), std::string::npos)
      << error_loading(half);
  const std::string far = variant("far.elf", [](auto& b) {
    const uint32_t phoff = u32_at(b, 28);
    const uint32_t huge = 0x00F00000;
    std::memcpy(&b[phoff + 4], &huge, 4);  // first program header's p_offset
  });
  EXPECT_NE(error_loading(far).find(far + ": truncated: the segment 0's bytes end at byte"), std::string::npos)
      << error_loading(far);
}

TEST_F(Loader, WrongClassMachineAndEndianness) {
  const std::string x86 = variant("x86.elf", [](auto& b) { b[18] = 62; b[19] = 0; });  // EM_X86_64
  EXPECT_EQ(error_loading(x86), x86 + ": not an Arm ELF (e_machine 62)");
  const std::string be = variant("be.elf", [](auto& b) { b[5] = 2; });  // ELFDATA2MSB
  EXPECT_EQ(error_loading(be), be + ": big-endian ELF: Cortex-M images are little-endian");
  const std::string wide = variant("wide.elf", [](auto& b) { b[4] = 2; });  // ELFCLASS64
  EXPECT_EQ(error_loading(wide), wide + ": not a 32-bit ELF (ELF class 2): Cortex-M images are ELF32");
}

TEST_F(Loader, NoLoadableSegment) {
  const std::string none = variant("none.elf", [](auto& b) {
    const uint32_t phoff = u32_at(b, 28);
    const uint16_t phnum = uint16_t(b[44] | b[45] << 8);
    for (unsigned k = 0; k < phnum; ++k) std::memset(&b[phoff + 32 * k], 0, 4);  // p_type = PT_NULL
  });
  EXPECT_EQ(error_loading(none), none + ": no loadable segment (no PT_LOAD with bytes in memory)");
}

TEST_F(Loader, SegmentOutsideMemoryGivesItsAddressRange) {
  Bus ram_only;
  ram_only.add_memory("ram", RegionKind::kRam, 0x20000000, 0x10000);
  try {
    load_elf(good(), ram_only);
    FAIL() << "loaded into a bus without flash";
  } catch (const LoadError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind(good() + ": segment 0 (0x08000000-0x080000", 0), 0u) << msg;
    EXPECT_NE(msg.find(") is outside every memory region"), std::string::npos) << msg;
  }
}

}  // namespace
}  // namespace mcuprof
