#include "sim/semihosting.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/board.h"
#include "sim/loader.h"
#include "tests/unit/core_fixture.h"

namespace mcuprof {
namespace {

using test::CoreFixture;

constexpr uint32_t kBlock = CoreFixture::kData;          // argument blocks
constexpr uint32_t kText = CoreFixture::kData + 0x100;   // strings
constexpr uint32_t kBuf = CoreFixture::kData + 0x400;    // buffers the host fills

struct Semi : CoreFixture {
  std::ostringstream out;
  std::istringstream in{"first line\nsecond"};
  Semihosting sh{out, in, "prog --fast 3"};

  // Runs one operation with r1 = arg and returns r0.
  uint32_t call(uint32_t op, uint32_t arg) {
    core.set_reg(0, op);
    core.set_reg(1, arg);
    EXPECT_TRUE(sh.handle(core));
    return core.reg(0);
  }
  uint32_t call(uint32_t op, std::initializer_list<uint32_t> block) {
    uint32_t a = kBlock;
    for (uint32_t w : block) set_mem32(a, w), a += 4;
    return call(op, kBlock);
  }
  void put_string(uint32_t at, const std::string& s) {
    bus.program(at, reinterpret_cast<const uint8_t*>(s.c_str()), uint32_t(s.size() + 1));
  }
  std::string string_at(uint32_t at, uint32_t n) {
    std::string s;
    for (uint32_t k = 0; k < n; ++k) s += char(mem8(at + k));
    return s;
  }
  uint32_t open(const std::string& name, uint32_t mode) {
    put_string(kText, name);
    return call(0x01, {kText, mode, uint32_t(name.size())});
  }
  uint32_t last_errno() { return call(0x13, 0); }
};

TEST(Semihosting, Write0AndWriteC) {
  Semi f;
  f.put_string(kText, "hello\n");
  f.call(0x04, kText);
  f.set_mem8(kBuf, 'Z');
  f.call(0x03, kBuf);
  EXPECT_EQ(f.out.str(), "hello\nZ");
}

TEST(Semihosting, ConsoleHandlesWriteAndRead) {
  Semi f;
  const uint32_t in = f.open(":tt", 0), out = f.open(":tt", 4), err = f.open(":tt", 8);
  EXPECT_NE(in, 0u);
  EXPECT_NE(in, uint32_t(-1));
  EXPECT_NE(out, in);
  EXPECT_NE(err, out);
  f.put_string(kText, "abcdef");
  EXPECT_EQ(f.call(0x05, {out, kText, 3}), 0u) << "all bytes written";
  EXPECT_EQ(f.call(0x05, {err, kText + 3, 3}), 0u);
  EXPECT_EQ(f.out.str(), "abcdef");
  EXPECT_EQ(f.call(0x05, {in, kText, 3}), uint32_t(-1)) << "stdin is not writable";
  EXPECT_EQ(f.last_errno(), 9u);  // EBADF

  EXPECT_EQ(f.call(0x06, {in, kBuf, 100}), 100u - 11) << "one line at a time: returns the bytes not read";
  EXPECT_EQ(f.string_at(kBuf, 11), "first line\n");
  EXPECT_EQ(f.call(0x06, {in, kBuf, 3}), 0u);
  EXPECT_EQ(f.string_at(kBuf, 3), "sec");
  EXPECT_EQ(f.call(0x07, 0), uint32_t('o')) << "SYS_READC";
  EXPECT_EQ(f.call(0x06, {in, kBuf, 10}), 10u - 2);
  EXPECT_EQ(f.call(0x06, {in, kBuf, 10}), 10u) << "end of input: nothing read";

  EXPECT_EQ(f.call(0x09, {out}), 1u) << "SYS_ISTTY";
  EXPECT_EQ(f.call(0x0C, {out}), 0u) << "SYS_FLEN of the console";
  EXPECT_EQ(f.call(0x0A, {out, 0}), uint32_t(-1)) << "the console cannot seek";
  EXPECT_EQ(f.last_errno(), 29u);  // ESPIPE
  EXPECT_EQ(f.call(0x02, {out}), 0u);
  EXPECT_EQ(f.call(0x02, {out}), uint32_t(-1)) << "already closed";
  EXPECT_EQ(f.call(0x05, {out, kText, 3}), uint32_t(-1));
}

TEST(Semihosting, HostFilesAreRefused) {
  Semi f;
  EXPECT_EQ(f.open("/etc/passwd", 0), uint32_t(-1));
  EXPECT_EQ(f.last_errno(), 13u);  // EACCES
  EXPECT_EQ(f.open("output.txt", 4), uint32_t(-1));
  EXPECT_EQ(f.open(":tt", 12), uint32_t(-1)) << "modes are 0-11";
  EXPECT_EQ(f.last_errno(), 22u);
  EXPECT_EQ(f.open(":semihosting-features", 4), uint32_t(-1)) << "the features file is read-only";
}

TEST(Semihosting, FeaturesFileAdvertisesExitExtendedAndSeparateStderr) {
  Semi f;
  const uint32_t h = f.open(":semihosting-features", 0);
  ASSERT_NE(h, uint32_t(-1));
  EXPECT_EQ(f.call(0x0C, {h}), 5u);
  EXPECT_EQ(f.call(0x09, {h}), 0u) << "not a tty";
  EXPECT_EQ(f.call(0x06, {h, kBuf, 4}), 0u);
  EXPECT_EQ(f.string_at(kBuf, 4), "SHFB");
  EXPECT_EQ(f.call(0x06, {h, kBuf, 8}), 7u) << "one feature byte left";
  EXPECT_EQ(f.mem8(kBuf), 0x03);
  EXPECT_EQ(f.call(0x0A, {h, 4}), 0u);
  EXPECT_EQ(f.call(0x06, {h, kBuf, 1}), 0u);
  EXPECT_EQ(f.mem8(kBuf), 0x03);
  EXPECT_EQ(f.call(0x0A, {h, 6}), uint32_t(-1)) << "past the end";
}

TEST(Semihosting, SimulatedTime) {
  Semi f;
  EXPECT_EQ(f.call(0x10, 0), uint32_t(-1)) << "no clock set";
  f.sh.set_clock_hz(1000);
  f.scs.advance(2570);
  EXPECT_EQ(f.call(0x10, 0), 257u) << "centiseconds";
  EXPECT_EQ(f.call(0x11, 0), 2u) << "seconds since reset";
  EXPECT_EQ(f.call(0x31, 0), 1000u) << "SYS_TICKFREQ";
  f.scs.advance(uint64_t(1) << 32);
  EXPECT_EQ(f.call(0x30, kBuf), 0u) << "SYS_ELAPSED";
  EXPECT_EQ(f.mem32(kBuf), 2570u);
  EXPECT_EQ(f.mem32(kBuf + 4), 1u);
}

TEST(Semihosting, CommandLine) {
  Semi f;
  EXPECT_EQ(f.call(0x15, {kBuf, 80}), 0u);
  EXPECT_EQ(f.string_at(kBuf, 14), std::string("prog --fast 3") + '\0');
  EXPECT_EQ(f.mem32(kBlock + 4), 13u) << "the length without the terminator";
  EXPECT_EQ(f.call(0x15, {kBuf, 13}), uint32_t(-1)) << "no room for the terminator";
}

TEST(Semihosting, HeapInfoFromSymbolsOrTheLargestRam) {
  Semi f;
  f.call(0x16, {kBlock + 0x10});  // r1 -> a word holding the block's address
  EXPECT_EQ(f.mem32(kBlock + 0x10), CoreFixture::kCode) << "heap base: the first of the largest RAM regions";
  EXPECT_EQ(f.mem32(kBlock + 0x14), CoreFixture::kCode + 0x10000);
  EXPECT_EQ(f.mem32(kBlock + 0x18), CoreFixture::kCode + 0x10000) << "stack base: the top of that RAM";
  EXPECT_EQ(f.mem32(kBlock + 0x1C), CoreFixture::kCode);

  LoadedImage img;
  img.symbols = {{"__end__", 0x20010800, 0, false}, {"__StackTop", 0x20020000, 0, false},
                 {"__HeapLimit", 0x2001C000, 0, false}};
  const Semihosting::HeapInfo h = Semihosting::heap_info_for(img, f.bus);
  EXPECT_EQ(h.heap_base, 0x20010800u);
  EXPECT_EQ(h.heap_limit, 0x2001C000u);
  EXPECT_EQ(h.stack_base, 0x20020000u);
  EXPECT_EQ(h.stack_limit, 0x20010800u);
  f.sh.set_heap_info(h);
  f.call(0x16, {kBlock + 0x10});
  EXPECT_EQ(f.mem32(kBlock + 0x10), 0x20010800u);
  EXPECT_EQ(f.mem32(kBlock + 0x18), 0x20020000u);
}

TEST(Semihosting, ExitReasonsAndCodes) {
  Semi f;
  f.call(0x18, 0x20026);  // ADP_Stopped_ApplicationExit
  EXPECT_EQ(f.core.stop_reason, StopReason::kExit);
  EXPECT_EQ(f.core.exit_code, 0);
  Semi g;
  g.call(0x18, 0x20023);  // ADP_Stopped_RunTimeErrorUnknown (abort)
  EXPECT_EQ(g.core.stop_reason, StopReason::kExit);
  EXPECT_EQ(g.core.exit_code, 1);
  Semi h;
  h.call(0x20, {0x20026, 7});
  EXPECT_EQ(h.core.exit_code, 7);
  Semi k;
  k.call(0x20, {0x20024, 7});
  EXPECT_EQ(k.core.exit_code, 1);
}

TEST(Semihosting, UnknownOperationsAndBadPointersFail) {
  Semi f;
  EXPECT_EQ(f.call(0x99, 0), uint32_t(-1));
  EXPECT_EQ(f.last_errno(), 88u);  // ENOSYS
  EXPECT_EQ(f.call(0x04, 0x40000000), uint32_t(-1)) << "SYS_WRITE0 of an unmapped string";
  EXPECT_EQ(f.last_errno(), 14u);  // EFAULT
  const uint32_t out = f.open(":tt", 4);
  EXPECT_EQ(f.call(0x05, {out, kText, 0xFFFFFFFF}), uint32_t(-1)) << "a length running off the end of memory";
  EXPECT_EQ(f.last_errno(), 14u);
  EXPECT_EQ(f.out.str(), "") << "nothing written";
  EXPECT_EQ(f.core.stop_reason, StopReason::kNone) << "the core does not fault";
}

TEST(Semihosting, BkptFromTheProgram) {
  Semi f;
  f.core.on_bkpt = [&](Core& c, uint32_t imm) { return imm == 0xAB && f.sh.handle(c); };
  f.put_string(kText, "from code\n");
  f.load_asm("ldr r1, =0x20010100\n movs r0, #4\n bkpt 0xab\n movs r0, #0x18\n ldr r1, =0x20026\n bkpt 0xab\n b .");
  f.step(10);
  EXPECT_EQ(f.out.str(), "from code\n");
  EXPECT_EQ(f.core.stop_reason, StopReason::kExit);
  EXPECT_EQ(f.core.exit_code, 0);
}

// newlib's rdimon startup, printf, malloc, stderr and exit() through semihosting, on the mps2-an386 board
// (the program gives the same output and exit code under qemu-system-arm -M mps2-an386).
TEST(Semihosting, NewlibProgramRunsToItsExitCode) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("mcuprof-semi-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "v.s") << ".syntax unified\n.thumb\n.section .vectors, \"a\"\n.word __StackTop\n.word _start\n";
  std::ofstream(dir / "p.c") << R"(#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char** argv) {
  printf("hello %d argc=%d\n", 42, argc);
  for (int i = 1; i < argc; ++i) printf("arg %s\n", argv[i]);
  char* p = malloc(100);
  strcpy(p, "heap ok");
  puts(p);
  fprintf(stderr, "to stderr\n");
  return 3;
}
)";
  std::ofstream(dir / "t.ld") << R"(
MEMORY { CODE (rx) : ORIGIN = 0x00000000, LENGTH = 4M
         RAM (rwx) : ORIGIN = 0x20000000, LENGTH = 4M }
ENTRY(_start)
SECTIONS {
  .text : {
    KEEP(*(.vectors)) *(.text*) KEEP(*(.init)) KEEP(*(.fini)) *(.rodata*)
    . = ALIGN(4);
    __preinit_array_start = .; KEEP(*(.preinit_array)) __preinit_array_end = .;
    __init_array_start = .; KEEP(*(SORT(.init_array.*))) KEEP(*(.init_array)) __init_array_end = .;
    __fini_array_start = .; KEEP(*(.fini_array)) __fini_array_end = .;
  } > CODE
  .ARM.exidx : { *(.ARM.exidx*) } > CODE
  .data : { *(.data*) } > RAM
  .bss : { __bss_start__ = .; *(.bss*) *(COMMON) . = ALIGN(4); __bss_end__ = .; } > RAM
  end = .;
  __end__ = .;
  __StackTop = ORIGIN(RAM) + LENGTH(RAM);
  __stack = __StackTop;
}
)";
  const std::string d = dir.string();
  const std::string cmd = "arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -O2 -specs=rdimon.specs -T " + d + "/t.ld " + d +
                          "/v.s " + d + "/p.c -o " + d + "/p.elf 2>" + d + "/err";
  if (std::system(cmd.c_str()) != 0) {
    fs::remove_all(dir);
    GTEST_SKIP() << "arm-none-eabi-gcc with newlib could not build the program";
  }

  const Board board = load_board("mps2-an386");
  Bus bus;
  build_bus(board, bus);
  SystemControl scs(board.core, board.cpuid, board.scs);
  bus.add_device("scs", SystemControl::kBase, SystemControl::kSize, &scs);
  Core core(bus, scs, board.core, board.features);
  const LoadedImage img = load_elf(d + "/p.elf", bus);
  fs::remove_all(dir);

  std::ostringstream out;
  std::istringstream in;
  Semihosting sh(out, in, "prog one");
  sh.set_clock_hz(board.clock_hz);
  sh.set_heap_info(Semihosting::heap_info_for(img, bus));
  core.on_bkpt = [&](Core& c, uint32_t imm) { return imm == 0xAB && sh.handle(c); };
  core.reset(board.boot_address);
  const StopReason why = core.run(20'000'000);
  EXPECT_EQ(why, StopReason::kExit) << "fault at 0x" << std::hex << core.fault_pc << ": "
                                    << fault_name(core.last_fault.kind) << " " << core.last_fault.detail;
  EXPECT_EQ(core.exit_code, 3) << "exit() status through SYS_EXIT_EXTENDED";
  EXPECT_EQ(out.str(), "hello 42 argc=2\narg one\nheap ok\nto stderr\n");
}

}  // namespace
}  // namespace mcuprof
