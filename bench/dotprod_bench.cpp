// Instructions per second of mcuprof's functional core next to Unicorn 2 (no hooks) on the same firmware: the
// int8 dot-product loop of tests/firmware/programs/dotprod.c (SXTB16 + SMLAD, CMSIS-NN's shape), made long by
// patching its `dotprod_iterations` global in the image before reset.
//
// Both run the same window: from main() to the program's first semihosting call (the printf after the loop).
// mcuprof runs the startup code (FPU enable, .data copy, semihosting handles) untimed; its state and memory at
// main() are copied into a fresh Unicorn, which runs with no per-instruction hook until the BKPT raises its
// interrupt. The window's length comes from one stepped calibration run; each timed run checks that both
// emulators end at the BKPT with equal registers. items_per_second = instructions per second.
//
// BM_Machine runs the same window through Machine::run as `mcuprof run` does: functional-only (RunOptions::
// functional), or with the board's timing model attached (CortexM4Timing on the F446RE, CortexM7Timing on the
// F746ZG and F767ZI, each over the board's STM32 flash/ART/L1-cache timing). The timing model starts at main()
// (the startup code ran untimed); its counter simulated_cycles_per_second is the simulated clock it sustains.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "sim/board.h"
#include "sim/machine.h"
#include "tests/diff/state_compare.h"
#include "tests/diff/unicorn_cpu.h"
#include "tests/diff/unicorn_memory.h"

namespace mcuprof::bench {
namespace {

constexpr uint32_t kIterations = 2000;   // dot products of 1024 int8 pairs

struct Prepared {
  std::ostringstream out;
  std::istringstream in;
  std::unique_ptr<Machine> machine;
  uint32_t main_addr = 0;
};

uint32_t symbol(const LoadedImage& image, const char* name) {
  const Symbol* s = image.symbol(name);
  if (!s) throw std::runtime_error(std::string("dotprod.elf has no symbol ") + name);
  return s->addr;
}

// A machine stopped at main() with dotprod_iterations = kIterations. The global lives in .data: the patch goes
// to its load image in flash, which the startup code copies to RAM.
void prepare(Prepared& p, const std::string& board) {
  p.machine = std::make_unique<Machine>(load_board(board), p.out, p.in);
  const LoadedImage& image = p.machine->load(std::string(MCUPROF_FIRMWARE_DIR) + "/" + board + "/dotprod.elf");
  const uint32_t in_flash =
      symbol(image, "__data_load") + (symbol(image, "dotprod_iterations") - symbol(image, "__data_start"));
  p.machine->bus().program(in_flash, reinterpret_cast<const uint8_t*>(&kIterations), 4);
  p.main_addr = symbol(image, "main");
  Core& c = p.machine->core();
  while (c.s.r[15] != p.main_addr && c.stop_reason == StopReason::kNone) c.step();
  if (c.stop_reason != StopReason::kNone) throw std::runtime_error(board + ": dotprod stopped before main");
}

bool at_bkpt(Machine& m) {  // BKPT T1 (A7.7.17): 0xBExx
  uint32_t hw = 0;
  return m.bus().read(m.core().s.r[15], 2, hw) && (hw & 0xFF00) == 0xBE00;
}

// Instructions from main() to the first semihosting BKPT, and the state there (one stepped run).
struct Window {
  uint64_t instructions = 0;
  CpuState at_bkpt;
};
Window calibrate(const std::string& board) {
  Prepared p;
  prepare(p, board);
  Core& c = p.machine->core();
  const uint64_t start = c.instructions;
  while (!at_bkpt(*p.machine) && c.stop_reason == StopReason::kNone) c.step();
  return {c.instructions - start, c.s};
}

const Window& window(const std::string& board) {
  static std::map<std::string, Window> cache;
  auto it = cache.find(board);
  if (it == cache.end()) it = cache.emplace(board, calibrate(board)).first;
  return it->second;
}

void BM_Mcuprof(benchmark::State& state, const std::string& board) {
  const Window& w = window(board);
  for (auto _ : state) {
    state.PauseTiming();
    Prepared p;
    prepare(p, board);
    Core& c = p.machine->core();
    const uint64_t end = c.instructions + w.instructions;
    state.ResumeTiming();
    c.run(end);
    state.PauseTiming();
    if (c.stop_reason != StopReason::kBudget || !diff::state_differences(c.s, w.at_bkpt, true).empty())
      state.SkipWithError("mcuprof did not reach the calibrated BKPT");
    state.ResumeTiming();
  }
  state.SetItemsProcessed(int64_t(w.instructions) * int64_t(state.iterations()));
  state.counters["instructions"] = double(w.instructions);
}

void BM_Unicorn(benchmark::State& state, const std::string& board) {
  const Window& w = window(board);
  for (auto _ : state) {
    state.PauseTiming();
    Prepared p;
    prepare(p, board);
    const Core& c = p.machine->core();
    diff::UnicornCpu uc(c.model);
    diff::UnicornMemory memory(p.machine->bus(), uc);
    const bool fp = c.features & kFeatFpSp;
    uc.set_state(c.s, fp);
    state.ResumeTiming();
    const diff::UnicornCpu::RunResult r = uc.run_free(p.main_addr, 0xFFFFFFFE);
    state.PauseTiming();
    CpuState theirs = c.s;
    uint32_t pc = 0;
    uc_reg_read(uc.engine(), UC_ARM_REG_PC, &pc);
    uc.get_state(theirs, fp, pc);
    if (r.interrupt != 7 || !diff::state_differences(theirs, w.at_bkpt, fp).empty())
      state.SkipWithError("Unicorn did not stop at the calibrated BKPT with mcuprof's registers");
    state.ResumeTiming();
  }
  state.SetItemsProcessed(int64_t(w.instructions) * int64_t(state.iterations()));
  state.counters["instructions"] = double(w.instructions);
}

void BM_Machine(benchmark::State& state, const std::string& board, bool functional) {
  const Window& w = window(board);
  uint64_t cycles = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Prepared p;
    prepare(p, board);
    Core& c = p.machine->core();
    RunOptions options;
    options.functional = functional;
    options.max_instructions = c.instructions + w.instructions;
    const uint64_t start_cycles = p.machine->cycles();
    state.ResumeTiming();
    p.machine->run(options);
    state.PauseTiming();
    cycles = p.machine->cycles() - start_cycles;
    if (c.stop_reason != StopReason::kBudget || !diff::state_differences(c.s, w.at_bkpt, true).empty())
      state.SkipWithError("Machine::run did not reach the calibrated BKPT");
    state.ResumeTiming();
  }
  state.SetItemsProcessed(int64_t(w.instructions) * int64_t(state.iterations()));
  state.counters["instructions"] = double(w.instructions);
  state.counters["cycles"] = double(cycles);
  state.counters["simulated_cycles_per_second"] =
      benchmark::Counter(double(cycles) * double(state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK_CAPTURE(BM_Mcuprof, stm32f446re, std::string("stm32f446re"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Unicorn, stm32f446re, std::string("stm32f446re"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Mcuprof, stm32f767zi, std::string("stm32f767zi"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Unicorn, stm32f767zi, std::string("stm32f767zi"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Unicorn, stm32f746zg, std::string("stm32f746zg"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Machine, functional/stm32f446re, std::string("stm32f446re"), true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Machine, CortexM4Timing/stm32f446re, std::string("stm32f446re"), false)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Machine, CortexM7Timing/stm32f746zg, std::string("stm32f746zg"), false)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Machine, CortexM7Timing/stm32f767zi, std::string("stm32f767zi"), false)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace mcuprof::bench

BENCHMARK_MAIN();
