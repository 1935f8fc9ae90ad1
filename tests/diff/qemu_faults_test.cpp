// Faults compared against QEMU 7.2 (the cases the Unicorn lock-step tests avoid: Unicorn raises no UsageFault
// for misaligned LDRD/LDM/LDREX/VLDR, and reports faults as error codes). Each case is a few instructions in a
// bare-metal template assembled for QEMU's mps2-an386 (Cortex-M4) and mps2-an500 (Cortex-M7): the fault handler
// folds CFSR (B3.2.15) into the exit code, and QEMU's exit status must equal mcuprof's exit code, except for
// the listed cases where QEMU deviates from the manual (Case::qemu_deviation; then the manual's value counts).
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/board.h"
#include "sim/machine.h"

namespace mcuprof::diff {
namespace {

// Exit code: 0 when nothing faulted; else UFSR[3:0] (UNDEFINSTR 1, INVSTATE 2, INVPC 4, NOCP 8) | UNALIGNED 0x10 |
// DIVBYZERO 0x20 | 0x40 if BFSR is non-zero | 0x80 if MMFSR is non-zero. MemManage, BusFault and UsageFault
// are enabled (SHCSR), so nothing escalates to HardFault.
constexpr const char* kTemplate = R"(
  .syntax unified
  .thumb
  .section .vectors,"a"
  .word 0x20008000
  .word reset + 1
  .rept 14
  .word fault + 1
  .endr
  .text
  .thumb_func
reset:
  ldr r0, =0xE000ED24
  ldr r1, =0x00070000
  str r1, [r0]
  dsb
  isb
CASE
  movs r2, #0
  b exit
  .thumb_func
fault:
  ldr r0, =0xE000ED28
  ldr r1, [r0]
  ubfx r2, r1, #16, #4
  ubfx r3, r1, #24, #2
  orr r2, r2, r3, lsl #4
  tst r1, #0xFF00
  it ne
  orrne r2, r2, #0x40
  tst r1, #0xFF
  it ne
  orrne r2, r2, #0x80
exit:
  ldr r1, =0x20001000
  ldr r3, =0x20026
  str r3, [r1]
  str r2, [r1, #4]
  movs r0, #0x20
  bkpt 0xab
  b .
  .ltorg
  .align 2
even_target:
  nop
)";

constexpr const char* kEnableFpu = "  ldr r1, =0xE000ED88\n  ldr r3, =0x00F00000\n  str r3, [r1]\n  dsb\n  isb\n";
// CCR (B3.2.8) UNALIGN_TRP / DIV_0_TRP, then DSB and ISB so that later instructions see the change (QEMU
// translates with the CCR value of the start of a translation block; the ISB ends the block).
constexpr const char* kUnalignTrp = "  ldr r1, =0xE000ED14\n  ldr r3, [r1]\n  orr r3, r3, #8\n  str r3, [r1]\n  dsb\n  isb\n";
constexpr const char* kDiv0Trp = "  ldr r1, =0xE000ED14\n  ldr r3, [r1]\n  orr r3, r3, #16\n  str r3, [r1]\n  dsb\n  isb\n";
constexpr const char* kOddAddress = "  ldr r0, =0x20002002\n";

struct Case {
  const char* name;
  std::string code;
  // Where QEMU is known to deviate from the ARMv7-M ARM: the architectural exit code and the reason.
  int architectural = -1;
  const char* qemu_deviation = nullptr;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> list = {
      {"ldrd_unaligned", std::string(kOddAddress) + "  ldrd r2, r3, [r0]\n"},          // A3.2.1: always aligned
      {"strd_unaligned", std::string(kOddAddress) + "  strd r2, r3, [r0]\n"},
      {"ldm_unaligned", std::string(kOddAddress) + "  ldm r0, {r2, r3}\n"},
      {"stm_unaligned", std::string(kOddAddress) + "  stm r0, {r2, r3}\n"},
      {"ldrex_unaligned", std::string(kOddAddress) + "  ldrex r2, [r0]\n"},
      {"strex_unaligned", std::string(kOddAddress) + "  strex r1, r2, [r0]\n", 0x10,
       "QEMU checks the exclusive monitor first and skips the access (and its alignment check) when it fails; "
       "ARMv7-M's ExclusiveMonitorsPass() (A3.4) raises the UNALIGNED UsageFault whatever the monitor says"},
      {"vldr_unaligned", std::string(kEnableFpu) + kOddAddress + "  vldr s0, [r0]\n"},
      {"vstm_unaligned", std::string(kEnableFpu) + kOddAddress + "  vstmia r0, {s0-s1}\n"},
      {"ldr_unaligned_allowed", std::string(kOddAddress) + "  ldr r2, [r0]\n  strh r2, [r0, #1]\n"},
      {"ldr_unaligned_trapped", std::string(kUnalignTrp) + kOddAddress + "  ldr r2, [r0]\n"},
      {"strh_unaligned_trapped", std::string(kUnalignTrp) + "  ldr r0, =0x20002001\n  strh r2, [r0]\n"},
      {"sdiv_by_zero_trapped", std::string(kDiv0Trp) + "  movs r1, #0\n  sdiv r2, r2, r1\n"},
      {"udiv_by_zero_allowed", "  movs r1, #0\n  udiv r2, r2, r1\n"},
      {"udf", "  udf #7\n"},
      {"bx_to_even_address", "  adr r0, even_target\n  bx r0\n"},
      {"fp_disabled", "  vadd.f32 s0, s0, s0\n"},
      {"coprocessor_mcr", "  .inst.w 0xee000010\n"},   // MCR p0, #0, r0, c0, c0, #0: no coprocessor 0
      {"coprocessor_cdp", "  .inst.w 0xee000000\n"},   // CDP p0, #0, c0, c0, c0, #0
      {"execute_never", "  ldr r0, =0xE0000001\n  bx r0\n"},   // B3.1: the PPB is execute-never
  };
  return list;
}

struct Machine2 {
  const char* name;
  const char* cpu;
  const char* fpu;
};
const Machine2 kMachines[] = {{"mps2-an386", "cortex-m4", "fpv4-sp-d16"}, {"mps2-an500", "cortex-m7", "fpv5-d16"}};

int status_of(int system_result) { return WIFEXITED(system_result) ? WEXITSTATUS(system_result) : -1; }

class QemuFaults : public ::testing::TestWithParam<std::tuple<int, int>> {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/mcuprof-faults-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }
  std::string dir_;
};

TEST_P(QemuFaults, SameFaultStatusAsQemu) {
  const Machine2& m = kMachines[std::get<0>(GetParam())];
  const Case& c = cases()[size_t(std::get<1>(GetParam()))];
  std::string source = kTemplate;
  source.replace(source.find("CASE\n"), 5, c.code);
  std::ofstream(dir_ + "/t.S") << source;
  std::ofstream(dir_ + "/t.ld") << "MEMORY { CODE (rx) : ORIGIN = 0x0, LENGTH = 64K }\n"
                                   "SECTIONS { .text : { KEEP(*(.vectors)) *(.text*) } > CODE }\n";
  const std::string elf = dir_ + "/t.elf";
  const std::string cc = std::string("arm-none-eabi-gcc -mthumb -mcpu=") + m.cpu + " -mfloat-abi=hard -mfpu=" + m.fpu +
                         " -nostdlib -T " + dir_ + "/t.ld " + dir_ + "/t.S -o " + elf + " 2>" + dir_ + "/cc.err";
  ASSERT_EQ(std::system(cc.c_str()), 0) << std::ifstream(dir_ + "/cc.err").rdbuf();

  const std::string qemu = std::string("timeout 30 qemu-system-arm -M ") + m.name +
                           " -nographic -monitor none -serial none -semihosting-config enable=on,target=native"
                           " -kernel " + elf + " >/dev/null 2>&1";
  const int qemu_status = status_of(std::system(qemu.c_str()));
  ASSERT_GE(qemu_status, 0);
  ASSERT_NE(qemu_status, 124) << "QEMU timed out";
  if (c.qemu_deviation) {
    EXPECT_NE(qemu_status, c.architectural) << "QEMU now agrees with the manual: drop the note";
  }
  const int expected = c.qemu_deviation ? c.architectural : qemu_status;

  std::ostringstream out;
  std::istringstream in;
  Machine sim(load_board(m.name), out, in);
  sim.load(elf);
  RunOptions options;
  options.max_instructions = 100000;
  const StopReason why = sim.run(options);
  ASSERT_EQ(why, StopReason::kExit) << sim.describe_stop();
  EXPECT_EQ(sim.core().exit_code, expected) << c.name << " on " << m.name << ": exit code = folded CFSR "
                                            << "(UFSR[3:0] | UNALIGNED 0x10 | DIVBYZERO 0x20 | BFSR 0x40 | MMFSR 0x80)";
}

INSTANTIATE_TEST_SUITE_P(Cases, QemuFaults,
                         ::testing::Combine(::testing::Range(0, 2), ::testing::Range(0, int(cases().size()))),
                         [](const ::testing::TestParamInfo<std::tuple<int, int>>& info) {
                           std::string n = std::string(kMachines[std::get<0>(info.param)].name) + "_" +
                                           cases()[size_t(std::get<1>(info.param))].name;
                           for (char& ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

}  // namespace
}  // namespace mcuprof::diff
