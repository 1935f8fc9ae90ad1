// Builder-made .tflite models that use every operator the importer maps (tflite_test_models.h), imported and run on
// the simulated M4 and M7 (the model runner with the target kernels): the output equals the host reference's bit for
// bit, and every layer ran a kernel.
#include <gtest/gtest.h>

#include "sim/board.h"
#include "sim/model_runner.h"
#include "tests/unit/tflite_test_models.h"
#include "workloads/reference_executor.h"
#include "workloads/tflite/tflite_import.h"

namespace mcuprof {
namespace {

void expect_simulation_equals_reference(const std::vector<uint8_t>& file, const char* name) {
  const Model m = import_tflite_bytes(file, name).model;
  for (uint64_t seed : {1, 2, 3}) {
    const std::vector<int8_t> input = random_input(m, seed);
    const std::vector<int8_t> expected = run_reference(m, input);
    for (const char* board : {"stm32f446re", "stm32f767zi"}) {
      ProfileOptions options;
      options.functional = true;
      options.warm = false;
      options.input = input;
      const ProfileResult r = profile_model(m, load_board(board), options);
      EXPECT_EQ(r.output, expected) << name << " on " << board << ", seed " << seed;
      ASSERT_EQ(r.layers.size(), m.layers.size());
      for (const LayerProfile& l : r.layers) EXPECT_FALSE(l.kernel.empty()) << l.name;
    }
  }
}

TEST(TfliteSimulation, EveryOperatorModelMatchesTheReference) {
  expect_simulation_equals_reference(test::every_operator_model(), "every_operator.tflite");
}

TEST(TfliteSimulation, PoolsAndRequantisationModelMatchesTheReference) {
  expect_simulation_equals_reference(test::pools_and_requantisation_model(), "pools_and_requantisation.tflite");
}

}  // namespace
}  // namespace mcuprof
