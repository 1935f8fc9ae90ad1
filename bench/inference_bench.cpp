// Simulated inferences per second: one whole-model profile (sim/model_runner.h, as `mcuprof profile` runs it, a
// single cold inference so each iteration is one inference) of zoo models dscnn-s and dscnn-l per reference board,
// with the board's timing model. Counters: inferences_per_second (wall clock), simulated_instructions_per_second,
// and the model's simulated latency on the board.
#include <benchmark/benchmark.h>

#include "sim/model_runner.h"
#include "workloads/zoo.h"

namespace mcuprof::bench {
namespace {

void BM_Inference(benchmark::State& state, const char* model_name, const char* board_name) {
  const Model model = zoo_model(model_name);
  const Board board = load_board(board_name);
  ProfileOptions options;
  options.warm = false;
  uint64_t instructions = 0;
  double latency_s = 0;
  for (auto _ : state) {
    const ProfileResult r = profile_model(model, board, options);
    instructions += r.total_instructions;
    latency_s = r.latency_s;
  }
  state.counters["inferences_per_second"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["simulated_instructions_per_second"] =
      benchmark::Counter(double(instructions), benchmark::Counter::kIsRate);
  state.counters["simulated_latency_ms"] = latency_s * 1e3;
}

BENCHMARK_CAPTURE(BM_Inference, dscnn_s_stm32f446re, "dscnn-s", "stm32f446re")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Inference, dscnn_s_stm32f746zg, "dscnn-s", "stm32f746zg")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Inference, dscnn_s_stm32f767zi, "dscnn-s", "stm32f767zi")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Inference, dscnn_l_stm32f446re, "dscnn-l", "stm32f446re")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Inference, dscnn_l_stm32f746zg, "dscnn-l", "stm32f746zg")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Inference, dscnn_l_stm32f767zi, "dscnn-l", "stm32f767zi")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace mcuprof::bench
