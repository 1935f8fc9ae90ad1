// The int8 kernel-loop firmware (tests/firmware/kernels) on the three STM32 reference boards: the checksum the
// firmware prints is the host's; the cycles its DWT CYCCNT measured around the kernel call are the cycles the
// timing model charged to the kernel function (the profile's self cycles) plus the call, the return and the counter
// reads; and a second run gives the same output and the same cycles.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>

#include "sim/machine.h"

namespace mcuprof {
namespace {

// At most this many DWT cycles outside the kernel's own instructions: the BL, the return's refill and the
// instructions between the two CYCCNT reads (tests/firmware/kernels/kernels.h TIMED).
constexpr uint64_t kWindowOverhead = 24;

std::string firmware(const std::string& board, const std::string& file) {
  return std::string(MCUPROF_FIRMWARE_DIR) + "/" + board + "/" + file;
}

std::string read_text(const std::string& path) {
  std::ifstream f(path);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

struct KernelRun {
  std::ostringstream out;
  std::istringstream in;
  Machine m;
  KernelRun(const std::string& board, const std::string& program, bool functional = false) : m(load_board(board), out, in) {
    m.load(firmware(board, program + ".elf"));
    RunOptions o;
    o.profile = true;
    o.functional = functional;
    o.max_instructions = 10'000'000;
    m.run(o);
  }
  FunctionProfile row(const std::string& name) const {
    const std::vector<FunctionProfile> rows = m.profiler()->results();
    auto it = std::find_if(rows.begin(), rows.end(), [&](const FunctionProfile& p) { return p.name == name; });
    return it == rows.end() ? FunctionProfile{} : *it;
  }
};

// The firmware's "<kernel> cycles=<n> iterations=<n> cycles_per_iteration=<x.xx>" line.
struct DwtLine {
  uint64_t cycles = 0, iterations = 0, hundredths = 0;
  bool found = false;
};
DwtLine dwt_line(const std::string& out, const std::string& kernel) {
  DwtLine d;
  const size_t at = out.find(kernel + " cycles=");
  if (at == std::string::npos) return d;
  unsigned long long cycles, iterations, whole, frac;
  const std::string format = kernel + " cycles=%llu iterations=%llu cycles_per_iteration=%llu.%2llu";
  if (std::sscanf(out.c_str() + at, format.c_str(), &cycles, &iterations, &whole, &frac) != 4) return d;
  return {cycles, iterations, whole * 100 + frac, true};
}

using Case = std::tuple<std::string, std::string>;  // board, program
class KernelLoops : public ::testing::TestWithParam<Case> {
 protected:
  const std::string& board() const { return std::get<0>(GetParam()); }
  const std::string& program() const { return std::get<1>(GetParam()); }
  std::string kernel() const { return "kernel_" + program(); }
};

TEST_P(KernelLoops, PrintsTheHostsChecksum) {
  KernelRun r(board(), program());
  ASSERT_EQ(r.m.core().stop_reason, StopReason::kExit) << r.m.describe_stop();
  EXPECT_EQ(r.m.core().exit_code, 0);
  const std::string expected = read_text(firmware(board(), program() + ".expected"));
  ASSERT_NE(expected.find("checksum="), std::string::npos);
  std::istringstream lines(expected);
  for (std::string line; std::getline(lines, line);) EXPECT_NE(r.out.str().find(line + "\n"), std::string::npos) << line;
}

// The vendor-style setup before main (kernels.h system_init) left the accelerators on: FLASH_ACR as SystemInit
// writes it at full clock, and on the Cortex-M7 CCR.IC and CCR.DC.
TEST_P(KernelLoops, StartupEnablesTheFlashAcceleratorAndCaches) {
  KernelRun r(board(), program());
  const bool m7 = r.m.board().core == CoreModel::kCortexM7;
  uint32_t acr = 0, ccr = 0;
  ASSERT_TRUE(r.m.bus().read(0x40023C00, 4, acr));
  ASSERT_TRUE(r.m.bus().read(0xE000ED14, 4, ccr));
  EXPECT_EQ(acr, m7 ? 0x307u : 0x705u);  // F7: LATENCY 7, PRFTEN, ARTEN; F4: LATENCY 5, PRFTEN, ICEN, DCEN
  EXPECT_EQ(ccr & 0x30000u, m7 ? 0x30000u : 0u);
}

TEST_P(KernelLoops, DwtCyclesAreTheKernelsProfiledCycles) {
  KernelRun r(board(), program());
  const DwtLine dwt = dwt_line(r.out.str(), kernel());
  ASSERT_TRUE(dwt.found) << r.out.str();
  const FunctionProfile f = r.row(kernel());
  ASSERT_EQ(f.calls, 1u);
  const uint64_t self = f.self.total();
  EXPECT_EQ(f.inclusive, self);  // the kernel calls nothing
  EXPECT_GE(dwt.cycles, self);
  EXPECT_LE(dwt.cycles, self + kWindowOverhead);
  // The printed cycles per iteration is the profile's, to its last printed digit plus the window overhead spread
  // over the iterations.
  const uint64_t profiled_hundredths = (self * 100 + dwt.iterations / 2) / dwt.iterations;
  const uint64_t overhead_hundredths = (kWindowOverhead * 100 + dwt.iterations - 1) / dwt.iterations;
  EXPECT_LE(dwt.hundredths - profiled_hundredths, 1u + overhead_hundredths)
      << dwt.hundredths << " vs " << profiled_hundredths;
  EXPECT_EQ(dwt.hundredths, (dwt.cycles * 100 + dwt.iterations / 2) / dwt.iterations);
}

TEST_P(KernelLoops, TimingOnlyChangesTheCycles) {
  KernelRun timed(board(), program()), functional(board(), program(), true);
  const FunctionProfile t = timed.row(kernel()), f = functional.row(kernel());
  EXPECT_EQ(t.instructions, f.instructions);
  EXPECT_EQ(f.self.total(), f.instructions);  // functional: one cycle per instruction
  EXPECT_GT(t.self.total(), 0u);
  const std::string expected = read_text(firmware(board(), program() + ".expected"));
  EXPECT_NE(functional.out.str().find(expected), std::string::npos);
}

TEST_P(KernelLoops, RunsAreDeterministic) {
  KernelRun a(board(), program()), b(board(), program());
  EXPECT_EQ(a.out.str(), b.out.str());
  EXPECT_EQ(a.m.cycles(), b.m.cycles());
  EXPECT_EQ(a.row(kernel()).self.by_cause, b.row(kernel()).self.by_cause);
}

INSTANTIATE_TEST_SUITE_P(Stm32, KernelLoops,
                         ::testing::Combine(::testing::Values("stm32f446re", "stm32f746zg", "stm32f767zi"),
                                            ::testing::Values("dot_s8", "conv3x3_s8")),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return std::get<0>(info.param) + "_" + std::get<1>(info.param);
                         });

}  // namespace
}  // namespace mcuprof
