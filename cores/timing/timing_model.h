// The timing side of "functional and timing are separate" (gem5's split): the executor (cores/core.cpp) says
// what each instruction did in a StepRecord; a TimingModel turns that into cycles, split by cause. One
// executor, many cores: CortexM4Timing and CortexM7Timing implement this interface; with no timing model the
// core runs functional-only and counts one cycle per instruction.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace mcuprof {

struct StepRecord;
class MemoryTiming;

// Where cycles go. Every cycle a timing model reports is attributed to exactly one cause, so the causes add up
// to the total (`mcuprof run --profile` prints them per function).
enum class Cause : uint8_t {
  kIssue,        // the instruction's own issue cycles (1 for single-cycle instructions; 0 for a dual-issued one)
  kMultiCycle,   // extra cycles of multi-cycle instructions (LDM/STM, divides, MAC chains, FP divide...)
  kFlashWait,    // instruction or data fetch waiting for flash wait states (ART/prefetch misses included)
  kCacheMiss,    // L1 cache line fills (Cortex-M7)
  kLoadUse,      // a consumer waiting for a load result
  kInterlock,    // other register dependencies: address generation, MUL/MAC/FP result latencies
  kBranch,       // pipeline refill after a taken branch, or a branch misprediction
  kMemory,       // other memory latency: unaligned access, store buffer, bus contention
  kException,    // exception entry (stacking, vector fetch) and return (unstacking)
  kSleep,        // WFI/WFE: the core sleeps until SysTick or another exception wakes it
  kCount,
};
std::string_view cause_name(Cause c);

struct CycleSplit {
  std::array<uint64_t, size_t(Cause::kCount)> by_cause{};
  void add(Cause c, uint64_t n) { by_cause[size_t(c)] += n; }
  uint64_t total() const {
    uint64_t t = 0;
    for (uint64_t v : by_cause) t += v;
    return t;
  }
  CycleSplit& operator+=(const CycleSplit& o) {
    for (size_t k = 0; k < by_cause.size(); ++k) by_cause[k] += o.by_cause[k];
    return *this;
  }
};

// Charges into a CycleSplit, counting what it charged: a model's "how many cycles so far" for one instruction
// without re-summing the split.
struct CycleTally {
  CycleSplit& into;
  uint64_t total = 0;
  void add(Cause c, uint64_t n) {
    into.add(c, n);
    total += n;
  }
};

class TimingModel {
 public:
  virtual ~TimingModel() = default;
  // Called after every instruction, executed or skipped by its condition: adds the cycles it took, split by
  // cause, to `into` and returns how many it added. A model may hold cycles back (e.g. a dual-issue slot) and
  // report them with a later instruction, but the sum over a run is the run's cycle count. (Adding in place
  // rather than returning a CycleSplit: the core adds straight into the run's total on its hot path.)
  virtual uint64_t retire(const StepRecord& r, CycleSplit& into) = 0;
  // Exception entry (stacking, vector fetch) and return (unstacking) cost.
  virtual CycleSplit exception_entry() = 0;
  virtual CycleSplit exception_return() = 0;
  // The core slept (WFI/WFE) this many cycles: the model's clock moves on without instructions.
  virtual void sleep(uint64_t cycles) = 0;
  virtual void reset() = 0;
};

}  // namespace mcuprof
