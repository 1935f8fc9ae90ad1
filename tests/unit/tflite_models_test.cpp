// The four published int8 models of ../shared/models (SOURCES.md) through the importer: MAC counts equal the ones
// SOURCES.md states, and the simulated inference (the model runner on an M4 and an M7 board) computes the host
// reference's output bit for bit on a fixed input.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "sim/board.h"
#include "sim/model_runner.h"
#include "workloads/reference_executor.h"
#include "workloads/tflite/tflite_import.h"

namespace mcuprof {
namespace {

struct RealModel {
  const char* file;
  int64_t macs;  // SOURCES.md
};
constexpr RealModel kRealModels[] = {{"ds_cnn_s_quantized.tflite", 2'656'768},
                                     {"kws_micronet_m.tflite", 15'556'352},
                                     {"ad_small_int8.tflite", 18'740'192},
                                     {"vww2_50_50_INT8.tflite", 3'143'416}};

const std::filesystem::path kModelsDir = std::filesystem::path(MCUPROF_SHARED_DIR) / "models";

#define SKIP_WITHOUT_SHARED_MODELS()                                                                         \
  if (!std::filesystem::is_directory(kModelsDir))                                                            \
  GTEST_SKIP() << "the real .tflite models are not here: " << kModelsDir.string()                            \
               << " is missing (it sits beside the checkout as ../shared/models; see its SOURCES.md)"

class TfliteRealModels : public testing::TestWithParam<RealModel> {};

TEST_P(TfliteRealModels, MacsEqualSourcesMd) {
  SKIP_WITHOUT_SHARED_MODELS();
  const Model m = import_tflite((kModelsDir / GetParam().file).string());
  EXPECT_EQ(total_macs(m), GetParam().macs);
}

TEST_P(TfliteRealModels, SimulatedOutputEqualsHostReferenceOnM4AndM7) {
  SKIP_WITHOUT_SHARED_MODELS();
  const Model m = import_tflite((kModelsDir / GetParam().file).string());
  const std::vector<int8_t> input = random_input(m, 7);
  const std::vector<int8_t> expected = run_reference(m, input);
  for (const char* board : {"stm32f446re", "stm32f746zg"}) {
    ProfileOptions options;
    options.functional = true;  // values do not depend on timing; functional mode is the fastest
    options.warm = false;
    options.input = input;
    const ProfileResult r = profile_model(m, load_board(board), options);
    EXPECT_EQ(r.output, expected) << board;
    EXPECT_EQ(r.total_macs, GetParam().macs) << board;
  }
}

INSTANTIATE_TEST_SUITE_P(SharedModels, TfliteRealModels, testing::ValuesIn(kRealModels),
                         [](const testing::TestParamInfo<RealModel>& info) {
                           std::string name = std::filesystem::path(info.param.file).stem().string();
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace mcuprof
