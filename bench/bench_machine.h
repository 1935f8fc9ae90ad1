// Shared by the benchmarks: a board's Machine with a test firmware program loaded and run (untimed, one
// instruction at a time) up to a symbol, and the names under which `make bench` pairs mcuprof with Unicorn.
#pragma once
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "sim/board.h"
#include "sim/machine.h"

namespace mcuprof::bench {

// Benchmarks named "Speed/<workload>/<engine>" with engine "unicorn", "functional" or "timed" (the board's core
// and memory timing models) on the same instructions are put side by side at the end of `make bench`
// (bench_main.cpp): instructions per second as a fraction of Unicorn's.
inline std::string speed_name(const std::string& workload, const std::string& engine) {
  return "Speed/" + workload + "/" + engine;
}

struct Prepared {
  std::ostringstream out;
  std::istringstream in;
  std::unique_ptr<Machine> machine;
};

inline uint32_t symbol(const LoadedImage& image, const std::string& program, const char* name) {
  const Symbol* s = image.symbol(name);
  if (!s) throw std::runtime_error(program + ".elf has no symbol " + name);
  return s->addr;
}

inline std::string firmware_path(const std::string& board, const std::string& program) {
  return std::string(MCUPROF_FIRMWARE_DIR) + "/" + board + "/" + program + ".elf";
}

// Loads the program; `patch` may change the image before reset (e.g. a loop count in .data's load image).
template <class Patch>
void load(Prepared& p, const std::string& board, const std::string& program, Patch patch) {
  p.machine = std::make_unique<Machine>(load_board(board), p.out, p.in);
  const LoadedImage& image = p.machine->load(firmware_path(board, program));
  patch(image, *p.machine);
  p.machine->core().reset(p.machine->board().boot_address);
}

// Steps the loaded program until its PC reaches `addr` (untimed: no timing model is attached while stepping).
inline void step_to(Prepared& p, uint32_t addr, const std::string& what) {
  Core& c = p.machine->core();
  while (c.s.r[15] != addr && c.stop_reason == StopReason::kNone) c.step();
  if (c.stop_reason != StopReason::kNone) throw std::runtime_error(what + ": stopped before reaching it");
}

}  // namespace mcuprof::bench
