// `mcuprof inspect model.tflite [--json FILE]` on a builder-made model: the layer table, totals and memory plan on
// stdout, the same as JSON; a file that is not TFLite is a one-line error with exit status 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/unit/firmware_runner.h"
#include "tests/unit/tflite_test_builder.h"

namespace mcuprof::test {
namespace {

namespace fs = std::filesystem;

fs::path scratch_dir() {
  const fs::path dir = fs::temp_directory_path() / ("mcuprof_inspect_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

void write_file(const fs::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

// float input -> QUANTIZE -> CONV_2D 3x3 (8 channels) -> AVERAGE_POOL_2D -> RESHAPE -> FULLY_CONNECTED (3).
std::vector<uint8_t> small_model() {
  TfliteTestModel t;
  const int f = t.float_activation({1, 6, 6, 1});
  const int in = t.activation({1, 6, 6, 1}, 0.5f, 0);
  const int cw = t.weights({8, 3, 3, 1}, std::vector<int8_t>(72, 1), {0.1f});
  const int c = t.activation({1, 6, 6, 8}, 0.2f, -128);
  const int p = t.activation({1, 1, 1, 8}, 0.2f, -128);
  const int shape = t.int32_constant({2}, {1, 8});
  const int flat = t.activation({1, 8}, 0.2f, -128);
  const int fw = t.weights({3, 8}, std::vector<int8_t>(24, 2), {0.05f});
  const int out = t.activation({1, 3}, 0.1f, 0);
  using FBB = flatbuffers::FlatBufferBuilder;
  t.op(tflite::BuiltinOperator_QUANTIZE, {f}, {in});
  t.op(tflite::BuiltinOperator_CONV_2D, {in, cw, -1}, {c}, tflite::BuiltinOptions_Conv2DOptions, [](FBB& b) {
    return tflite::CreateConv2DOptions(b, tflite::Padding_SAME, 1, 1, tflite::ActivationFunctionType_RELU6).Union();
  });
  t.op(tflite::BuiltinOperator_AVERAGE_POOL_2D, {c}, {p}, tflite::BuiltinOptions_Pool2DOptions,
       [](FBB& b) { return tflite::CreatePool2DOptions(b, tflite::Padding_VALID, 1, 1, 6, 6).Union(); });
  t.op(tflite::BuiltinOperator_RESHAPE, {p, shape}, {flat});
  t.op(tflite::BuiltinOperator_FULLY_CONNECTED, {flat, fw, -1}, {out}, tflite::BuiltinOptions_FullyConnectedOptions,
       [](FBB& b) { return tflite::CreateFullyConnectedOptions(b).Union(); });
  return t.finish({f}, {out});
}

TEST(TfliteInspect, PrintsLayersTotalsNotesAndTheMemoryPlan) {
  const fs::path dir = scratch_dir();
  write_file(dir / "small.tflite", small_model());
  const ProcessResult r =
      run_process({kCli, "inspect", (dir / "small.tflite").string(), "--json", (dir / "small.json").string()}, 60);
  ASSERT_EQ(r.status, 0) << r.err;
  constexpr int64_t kMacs = 6 * 6 * 8 * 9 + 8 * 3;
  EXPECT_NE(r.out.find("total: " + std::to_string(kMacs) + " MACs"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("note: stripped input conversion QUANTIZE (operator 0, FLOAT32 -> INT8)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("memory plan: arena"), std::string::npos) << r.out;

  const nlohmann::json j = nlohmann::json::parse(std::ifstream(dir / "small.json"));
  EXPECT_EQ(j["total_macs"], kMacs);
  ASSERT_EQ(j["layers"].size(), 4u);
  EXPECT_EQ(j["layers"][0]["op"], "conv2d");
  EXPECT_EQ(j["layers"][0]["activation"], "relu6");
  EXPECT_EQ(j["layers"][0]["parameter_bytes"], 72 + 8 * 4);  // weights + the zero bias the import adds
  EXPECT_EQ(j["layers"][3]["macs"], 24);
  // The arena holds at least the largest activation, the convolution's 6x6x8 output.
  EXPECT_GE(j["memory_plan"]["arena_bytes"].get<int64_t>(), 288);
  EXPECT_EQ(j["memory_plan"]["placements"].size(), 5u);  // input, conv, pool, reshape, fc outputs
  fs::remove_all(dir);
}

TEST(TfliteInspect, NonTfliteFileIsAOneLineErrorWithStatus2) {
  const fs::path dir = scratch_dir();
  std::ofstream(dir / "text.tflite") << "this is not a flatbuffer, just text\n";
  const ProcessResult r = run_process({kCli, "inspect", (dir / "text.tflite").string()}, 60);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "mcuprof: " + (dir / "text.tflite").string() + ": not a TFLite file (no \"TFL3\" file identifier)\n");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mcuprof::test
