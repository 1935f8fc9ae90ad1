// Instructions per second on the int8 kernels of tests/firmware/kernels (dot_s8: a fully connected row, SXTB16 +
// SMLAD over weights in flash; conv3x3_s8: a 3x3 convolution's GEMM, two pixels by two channels of SMLADs), the
// shape of a profiled model's layers. One benchmark item is kCalls calls of the kernel function from its entry,
// as the program makes it, to its return: the program runs (untimed) to the kernel's entry, and each call starts
// from the registers it had there (the kernels read their inputs and write only their outputs, so every call
// does the same work). mcuprof keeps its timing-model state across calls (warm caches and predictor, as in a
// sweep's back-to-back inferences); Unicorn keeps its translated code. Each run checks that both engines
// returned with the registers of the calibration run.
#include <benchmark/benchmark.h>

#include <map>
#include <string>

#include "bench/bench_machine.h"
#include "tests/diff/state_compare.h"
#include "tests/diff/unicorn_cpu.h"
#include "tests/diff/unicorn_memory.h"

namespace mcuprof::bench {
namespace {

constexpr unsigned kCalls = 200;
const std::string kBoard = "stm32f746zg";

// The program stopped at the kernel's entry, with what one call executes (from a stepped calibration run).
struct KernelCall {
  Prepared p;
  CpuState entry;
  uint32_t return_address = 0;
  uint64_t instructions = 0;   // per call
  CpuState at_return;
};

void prepare(KernelCall& k, const std::string& program) {
  load(k.p, kBoard, program, [](const LoadedImage&, Machine&) {});
  const std::string kernel = "kernel_" + program;
  step_to(k.p, symbol(k.p.machine->image(), program, kernel.c_str()), program + " " + kernel);
  Core& c = k.p.machine->core();
  k.entry = c.s;
  k.return_address = c.s.r[14] & ~1u;
}

// The instructions of one call, and the registers at its return.
void calibrate(KernelCall& k, const std::string& program) {
  prepare(k, program);
  Core& c = k.p.machine->core();
  const uint64_t start = c.instructions;
  step_to(k.p, k.return_address, program + " return");
  k.instructions = c.instructions - start;
  k.at_return = c.s;
}

const KernelCall& calibrated(const std::string& program) {
  static std::map<std::string, KernelCall> cache;
  auto it = cache.find(program);
  if (it == cache.end()) {
    it = cache.try_emplace(program).first;
    calibrate(it->second, program);
  }
  return it->second;
}

void finish(benchmark::State& state, uint64_t per_call) {
  state.SetItemsProcessed(int64_t(per_call * kCalls) * int64_t(state.iterations()));
  state.counters["instructions"] = double(per_call * kCalls);
}

void BM_Machine(benchmark::State& state, const std::string& program, bool functional) {
  const KernelCall& want = calibrated(program);
  KernelCall k;
  prepare(k, program);
  Machine& m = *k.p.machine;
  Core& c = m.core();
  RunOptions options;
  options.functional = functional;
  for (auto _ : state) {
    for (unsigned call = 0; call < kCalls; ++call) {
      c.s = k.entry;
      options.max_instructions = c.instructions + want.instructions;
      m.run(options);
    }
    state.PauseTiming();
    if (c.stop_reason != StopReason::kBudget || !diff::state_differences(c.s, want.at_return, true).empty())
      state.SkipWithError("Machine::run did not return from the kernel with the calibrated registers");
    state.ResumeTiming();
  }
  finish(state, want.instructions);
}

void BM_Unicorn(benchmark::State& state, const std::string& program) {
  const KernelCall& want = calibrated(program);
  KernelCall k;
  prepare(k, program);
  const Core& c = k.p.machine->core();
  const bool fp = c.features & kFeatFpSp;
  diff::UnicornCpu uc(c.model);
  diff::UnicornMemory memory(k.p.machine->bus(), uc);
  for (auto _ : state) {
    diff::UnicornCpu::RunResult r;
    for (unsigned call = 0; call < kCalls; ++call) {
      uc.set_state(k.entry, fp);
      r = uc.run_free(k.entry.r[15], k.return_address);
    }
    state.PauseTiming();
    CpuState theirs = c.s;
    uc.get_state(theirs, fp, k.return_address);
    if (r.err != UC_ERR_OK || !diff::state_differences(theirs, want.at_return, fp).empty())
      state.SkipWithError("Unicorn did not return from the kernel with mcuprof's registers");
    state.ResumeTiming();
  }
  finish(state, want.instructions);
}

void register_kernel(const std::string& program) {
  benchmark::RegisterBenchmark(speed_name(program, "unicorn").c_str(), BM_Unicorn, program)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(speed_name(program, "functional").c_str(), BM_Machine, program, true)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(speed_name(program, "timed").c_str(), BM_Machine, program, false)
      ->Unit(benchmark::kMillisecond);
}

const bool kRegistered = (register_kernel("dot_s8"), register_kernel("conv3x3_s8"), true);

}  // namespace
}  // namespace mcuprof::bench
