// Instructions per second of mcuprof next to Unicorn 2 (no hooks) on the same firmware: the int8 dot-product loop
// of tests/firmware/programs/dotprod.c (SXTB16 + SMLAD, CMSIS-NN's shape), made long by patching its
// `dotprod_iterations` global in the image before reset.
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
#include <string>

#include "bench/bench_machine.h"
#include "tests/diff/state_compare.h"
#include "tests/diff/unicorn_cpu.h"
#include "tests/diff/unicorn_memory.h"

namespace mcuprof::bench {
namespace {

constexpr uint32_t kIterations = 2000;   // dot products of 1024 int8 pairs

// A machine stopped at main() with dotprod_iterations = kIterations. The global lives in .data: the patch goes
// to its load image in flash, which the startup code copies to RAM.
uint32_t prepare(Prepared& p, const std::string& board) {
  load(p, board, "dotprod", [](const LoadedImage& image, Machine& m) {
    const uint32_t in_flash = symbol(image, "dotprod", "__data_load") +
                              (symbol(image, "dotprod", "dotprod_iterations") - symbol(image, "dotprod", "__data_start"));
    m.bus().program(in_flash, reinterpret_cast<const uint8_t*>(&kIterations), 4);
  });
  const uint32_t main_addr = symbol(p.machine->image(), "dotprod", "main");
  step_to(p, main_addr, board + " dotprod main()");
  return main_addr;
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

void BM_Unicorn(benchmark::State& state, const std::string& board) {
  const Window& w = window(board);
  for (auto _ : state) {
    state.PauseTiming();
    Prepared p;
    const uint32_t main_addr = prepare(p, board);
    const Core& c = p.machine->core();
    diff::UnicornCpu uc(c.model);
    diff::UnicornMemory memory(p.machine->bus(), uc);
    const bool fp = c.features & kFeatFpSp;
    uc.set_state(c.s, fp);
    state.ResumeTiming();
    const diff::UnicornCpu::RunResult r = uc.run_free(main_addr, 0xFFFFFFFE);
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

// stm32f746zg is the board `make bench` compares with Unicorn (bench_main.cpp); the other boards for reference.
BENCHMARK_CAPTURE(BM_Unicorn, stm32f746zg, std::string("stm32f746zg"))
    ->Name(speed_name("dotprod", "unicorn"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Machine, stm32f746zg, std::string("stm32f746zg"), true)
    ->Name(speed_name("dotprod", "functional"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Machine, stm32f746zg, std::string("stm32f746zg"), false)
    ->Name(speed_name("dotprod", "timed"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Machine, CortexM4Timing/stm32f446re, std::string("stm32f446re"), false)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Machine, CortexM7Timing/stm32f767zi, std::string("stm32f767zi"), false)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace mcuprof::bench
