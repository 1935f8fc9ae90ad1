// Firmware lock-step against Unicorn 2: each test firmware ELF (tests/firmware, built into
// MCUPROF_FIRMWARE_DIR/<variant>/<program>.elf) runs in mcuprof's Machine (board, loader, semihosting) and in
// Unicorn's Cortex-M4 / Cortex-M7 model over copies of the same memory; r0-r15, APSR (NZCVQ, GE) and, with an
// FPU, S0-S31 and FPSCR are compared after every instruction, and all RAM when the program exits.
//
// What Unicorn cannot do is done by mcuprof and its result copied into Unicorn (registers, FP registers, PC):
//   - semihosting (BKPT 0xAB): mcuprof's Semihosting serves the call; it writes guest memory directly (SYS_READ,
//     SYS_HEAPINFO...), so all RAM is copied into Unicorn too;
//   - accesses to the System Control Space (0xE0000000 and up: CPACR, SCB, SysTick, DWT): Unicorn 2 maps no
//     SCS for Thumb code; the loaded or stored values are mcuprof's.
// Unicorn is stepped with UC_HOOK_CODE, which it does not call for the instructions an IT block skips:
// mcuprof steps over those (they must be skipped there too) before the states are compared.
// Programs that need exceptions (SVC, PendSV, SysTick interrupts: exceptions), faults (unaligned, udf,
// unmapped) or never end (forever) are not run: Unicorn has no NVIC model for Thumb code.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "sim/board.h"
#include "sim/disassembler.h"
#include "sim/machine.h"
#include "tests/diff/instruction_sampler.h"
#include "tests/diff/state_compare.h"
#include "tests/diff/unicorn_cpu.h"
#include "tests/diff/unicorn_memory.h"

namespace mcuprof::diff {
namespace {

struct Program {
  const char* variant;   // tests/firmware build variant, also the board
  const char* name;
};

std::string elf_path(const Program& p) {
  return std::string(MCUPROF_FIRMWARE_DIR) + "/" + p.variant + "/" + p.name + ".elf";
}

class FirmwareLockstep {
 public:
  explicit FirmwareLockstep(const Program& p)
      : board_(load_board(p.variant)), machine_(board_, out_, in_), uc_(board_.core),
        fp_(board_.features & kFeatFpSp) {
    machine_.load(elf_path(p));
    Core& c = machine_.core();
    c.record = true;
    c.deliver_faults = false;
    memory_ = std::make_unique<UnicornMemory>(machine_.bus(), uc_);
  }

  // Runs to the program's exit (or max_instructions); returns "" or the first divergence.
  std::string run(uint64_t max_instructions) {
    Core& c = machine_.core();
    while (c.stop_reason == StopReason::kNone && c.instructions < max_instructions) {
      uc_.set_state(c.s, fp_);
      first_ = true;
      special_ = false;
      const UnicornCpu::RunResult res = uc_.run(c.s.r[15], [&](uint32_t addr) { return step(addr, max_instructions); });
      if (!divergence_.empty()) return divergence_;
      if (special_) {
        memory_->copy_ram_from_bus();
        continue;
      }
      if (c.stop_reason == StopReason::kNone && (res.err != UC_ERR_OK || res.interrupt >= 0))
        return "Unicorn stopped at " + where(c.pc()) + ": " +
               (res.interrupt >= 0 ? "exception " + std::to_string(res.interrupt) : uc_strerror(res.err));
    }
    if (c.stop_reason == StopReason::kFault || c.stop_reason == StopReason::kLockup)
      return "mcuprof stopped: " + machine_.describe_stop();
    const std::string m = memory_->first_difference();
    return m.empty() ? m : "memory differs at the end: " + m;
  }

  uint64_t instructions() const { return machine_.core().instructions; }
  uint64_t synced() const { return synced_; }
  const Core& core() const { return machine_.core(); }

 private:
  std::string where(uint32_t pc) const {
    char addr[16];
    std::snprintf(addr, sizeof addr, "0x%08x", pc);
    return std::string(addr) + " (" + machine_.disassemble_at(pc) + ")";
  }

  // Unicorn is about to execute the instruction at addr: check the previous one, then run this one in mcuprof.
  bool step(uint32_t addr, uint64_t max_instructions) {
    Core& c = machine_.core();
    if (!first_) {
      while (c.s.r[15] != addr && c.in_it_block() && c.stop_reason == StopReason::kNone) {
        c.step();   // an instruction the IT block skips: Unicorn calls no hook for it
        if (c.rec.cond_passed) return diverge("mcuprof executed an IT-block instruction Unicorn skipped", c.rec.pc);
      }
      CpuState theirs = c.s;
      uc_.get_state(theirs, fp_, addr);
      const std::string d = state_differences(c.s, theirs, fp_);
      if (!d.empty()) return diverge("state differs after the instruction\n" + d, last_pc_);
    }
    first_ = false;
    if (c.stop_reason != StopReason::kNone || c.instructions >= max_instructions) return false;
    before_ = c.s;
    last_pc_ = c.s.r[15];
    c.step();
    if (c.stop_reason != StopReason::kNone) return false;
    bool scs = false;
    for (unsigned k = 0; k < c.rec.n_access; ++k) scs |= c.rec.access[k].addr >= SystemControl::kBase;
    special_ = scs || mnemonic_of(c.decoder().encoding(c.rec.inst->enc)) == "BKPT";
    if (special_) ++synced_;
    return !special_;
  }

  bool diverge(const std::string& what, uint32_t pc) {
    divergence_ = "after " + std::to_string(machine_.core().instructions) + " instructions, at " + where(pc) + ": " +
                  what + "  inputs (state before the instruction):\n" + format_state(before_, fp_) +
                  "  mcuprof after:\n" + format_state(machine_.core().s, fp_);
    return false;
  }

  Board board_;
  std::ostringstream out_;
  std::istringstream in_;
  Machine machine_;
  UnicornCpu uc_;
  bool fp_;
  std::unique_ptr<UnicornMemory> memory_;
  bool first_ = true, special_ = false;
  CpuState before_;
  uint32_t last_pc_ = 0;
  uint64_t synced_ = 0;
  std::string divergence_;
};

class LockstepFirmware : public ::testing::TestWithParam<Program> {};

TEST_P(LockstepFirmware, MatchesUnicornInstructionByInstruction) {
  const Program& p = GetParam();
  if (!std::filesystem::exists(elf_path(p))) GTEST_SKIP() << elf_path(p) << " not built";
  FirmwareLockstep t(p);
  const std::string divergence = t.run(50'000'000);
  std::printf("%s/%s: %llu instructions in lock-step, %llu synchronised from mcuprof (semihosting, SCS)\n",
              p.variant, p.name, (unsigned long long)t.instructions(), (unsigned long long)t.synced());
  EXPECT_EQ(divergence, "");
  EXPECT_EQ(t.core().stop_reason, StopReason::kExit) << "the program did not exit within the budget";
}

std::vector<Program> programs() {
  std::vector<Program> out;
  for (const char* variant : {"stm32f446re", "stm32f767zi"})
    for (const char* name : {"hello", "alu", "muldsp", "dsp", "loadstore", "branches", "fp", "dotprod", "selfmod",
                             "dwt"})
      out.push_back({variant, name});
  return out;
}

INSTANTIATE_TEST_SUITE_P(Programs, LockstepFirmware, ::testing::ValuesIn(programs()),
                         [](const ::testing::TestParamInfo<Program>& info) {
                           std::string n = std::string(info.param.variant) + "_" + info.param.name;
                           for (char& ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

}  // namespace
}  // namespace mcuprof::diff
