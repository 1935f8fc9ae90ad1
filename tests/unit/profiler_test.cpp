// The per-function profile (mcuprof run --profile) and the cycle totals it must agree with.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "sim/machine.h"

namespace mcuprof {
namespace {

std::string elf(const std::string& board, const std::string& program) {
  return std::string(MCUPROF_FIRMWARE_DIR) + "/" + board + "/" + program + ".elf";
}

struct Profiled {
  std::ostringstream out;
  std::istringstream in;
  Machine m;
  explicit Profiled(const std::string& board, const std::string& program, bool functional = false)
      : m(load_board(board), out, in) {
    m.load(elf(board, program));
    RunOptions o;
    o.profile = true;
    o.functional = functional;
    o.max_instructions = 50'000'000;
    m.run(o);
  }
  const FunctionProfile* find(const std::string& name) const {
    static std::vector<FunctionProfile> rows;
    rows = m.profiler()->results();
    auto it = std::find_if(rows.begin(), rows.end(), [&](const FunctionProfile& p) { return p.name == name; });
    return it == rows.end() ? nullptr : &*it;
  }
};

TEST(Profiler, SelfCyclesAndTheirCausesAddUpToTheRunsCycles) {
  for (const char* board : {"stm32f446re", "stm32f767zi"}) {
    Profiled p(board, "hello");
    ASSERT_EQ(p.m.core().stop_reason, StopReason::kExit) << board;
    const std::vector<FunctionProfile> rows = p.m.profiler()->results();
    uint64_t self = 0, instructions = 0;
    for (const FunctionProfile& f : rows) {
      self += f.self.total();
      instructions += f.instructions;
    }
    EXPECT_EQ(self, p.m.cycles()) << board;
    EXPECT_EQ(self, p.m.core().cycles.total()) << board;
    EXPECT_EQ(instructions, p.m.core().instructions) << board;
  }
}

TEST(Profiler, FollowsCallsAndReturns) {
  Profiled p("stm32f446re", "hello");
  const FunctionProfile* main_fn = p.find("main");
  const FunctionProfile* printf_fn = p.find("printf");
  ASSERT_NE(main_fn, nullptr);
  ASSERT_NE(printf_fn, nullptr);
  EXPECT_EQ(main_fn->calls, 1u);
  EXPECT_GE(printf_fn->calls, 1u);
  // main's inclusive time contains printf's; printf's contains its own instructions.
  EXPECT_GT(main_fn->inclusive, printf_fn->inclusive);
  EXPECT_GE(printf_fn->inclusive, printf_fn->self.total());
  EXPECT_LT(main_fn->inclusive, p.m.cycles());  // the startup code runs before main
}

TEST(Profiler, FunctionalModeCountsOneIssueCyclePerInstruction) {
  Profiled p("stm32f446re", "hello", true);
  EXPECT_EQ(p.m.cycles(), p.m.core().instructions);
  EXPECT_EQ(p.m.core().cycles.by_cause[size_t(Cause::kIssue)], p.m.core().instructions);
}

TEST(Profiler, PrintsOneRowPerFunctionWithTheCausesThatOccurred) {
  Profiled p("stm32f446re", "hello");
  std::ostringstream s;
  p.m.profiler()->print(s, 180'000'000);
  const std::string text = s.str();
  EXPECT_NE(text.find("main"), std::string::npos);
  EXPECT_NE(text.find("issue"), std::string::npos);
  EXPECT_EQ(text.find("sleep"), std::string::npos);  // hello never sleeps: no empty cause column
}

// Same ELF, same board: the same cycles, every time (DEVELOPERS.md: deterministic).
TEST(Timing, RunsAreDeterministic) {
  for (const char* board : {"stm32f446re", "stm32f746zg", "stm32f767zi"}) {
    Profiled a(board, "dotprod"), b(board, "dotprod");
    EXPECT_EQ(a.m.cycles(), b.m.cycles()) << board;
    EXPECT_EQ(a.m.core().cycles.by_cause, b.m.core().cycles.by_cause) << board;
    EXPECT_GT(a.m.cycles(), a.m.core().instructions) << board;  // flash wait states at the board's clock
  }
}

}  // namespace
}  // namespace mcuprof
