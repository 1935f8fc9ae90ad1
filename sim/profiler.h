// Per-function profile of a run from the ELF's function symbols: calls, instructions, self cycles split by
// cause, and inclusive cycles. It follows calls on a shadow stack: a branch that writes LR (BL, BLX) or an
// exception entry pushes a frame with the address execution will come back to; reaching that address pops it
// (BX LR, POP {PC}, exception return, and longjmp-style returns to an outer frame).
#pragma once
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "cores/core.h"
#include "sim/loader.h"

namespace mcuprof {

struct FunctionProfile {
  std::string name;
  uint32_t address = 0;
  uint64_t calls = 0;
  uint64_t instructions = 0;
  CycleSplit self;          // cycles of the function's own instructions, by cause
  uint64_t inclusive = 0;   // cycles from entry to return, callees included (recursion counted once)
};

class Profiler {
 public:
  explicit Profiler(const std::vector<Symbol>& symbols);
  void on_step(const StepRecord& r);
  // The functions that ran, most self cycles first (open calls are closed at the current cycle).
  std::vector<FunctionProfile> results() const;
  uint64_t total_cycles() const { return now_; }
  // A table: one row per function, the causes that occurred as columns; seconds at clock_hz.
  void print(std::ostream& out, uint32_t clock_hz, size_t max_rows = 40) const;

 private:
  struct Frame {
    size_t function;
    uint32_t return_address;
    uint64_t entered_at;
  };
  size_t function_at(uint32_t pc);
  void enter(size_t function, uint32_t return_address);
  void leave();
  static uint64_t close(const Frame& f, uint64_t now) { return now - f.entered_at; }

  std::vector<FunctionProfile> functions_;   // sorted by address; the last entry is "<no symbol>"
  std::vector<uint32_t> ends_;               // end address of each function
  std::vector<uint32_t> depth_;              // how many frames of each function are open
  std::vector<Frame> stack_;
  size_t last_ = 0;                          // function of the previous lookup (code runs in runs)
  uint32_t expected_pc_ = 0;                 // where the previous instruction said execution continues
  bool started_ = false;
  uint64_t now_ = 0;
};

}  // namespace mcuprof
