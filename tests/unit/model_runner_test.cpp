// The model runner (sim/model_runner.h): a whole model's simulated inference equals the host reference executor bit
// for bit on both cores, int8 and int4; cycles add up by layer and cause; latency and energy follow from them; errors
// name the model and the problem.
#include <gtest/gtest.h>

#include "sim/model_runner.h"
#include "workloads/int4_weights.h"
#include "workloads/model_json.h"
#include "workloads/reference_executor.h"

namespace mcuprof {
namespace {

// Every op and every kernel variant the runner dispatches to: general and 1x1 convolution, 3x3 and general
// depthwise (5x5, multiplier 2), both pools, add, pad, reshape, fully connected, softmax.
Model every_op_model(uint64_t seed) {
  ModelBuilder b("every-op", TensorShape{{1, 12, 9, 3}}, {0.08f, 3}, seed);
  const int c0 = b.conv2d(b.input(), 10, 3, 3, 2, 1, Padding::Same, Activation::Relu6);
  const int d0 = b.depthwise_conv2d(c0, 3, 3, 1, 1, Padding::Same, Activation::Relu);
  const int p0 = b.conv2d(d0, 10, 1, 1, 1, 1, Padding::Valid, Activation::None);
  const int a0 = b.add(c0, p0, Activation::None);
  const int d1 = b.depthwise_conv2d(a0, 5, 5, 1, 1, Padding::Same, Activation::None, 2);
  const int m0 = b.max_pool2d(d1, 2, 2, 2, 2, Padding::Valid);
  const int pd = b.pad(m0, PadAmounts{1, 0, 0, 1, 0, 0});
  const int g0 = b.average_pool2d(pd, 4, 5, 1, 1, Padding::Valid);
  const int r0 = b.reshape(g0, TensorShape{{1, 20}});
  const int f0 = b.fully_connected(r0, 7, Activation::None);
  return b.finish({b.softmax(f0)});
}

// A layer appended by hand (ModelBuilder has no MUL or QUANTIZE: the TFLite importer makes them): its int8 output
// takes the given quantisation and the first input's shape.
int append_elementwise(Model& m, OpType op, std::vector<int> inputs, QuantParams out, Activation act) {
  Tensor t{"t" + std::to_string(m.tensors.size()), m.tensors.at(inputs.at(0)).shape, DataType::Int8,
           {{out.scale}, {out.zero_point}}, {}, {}};
  m.tensors.push_back(t);
  Layer l;
  l.name = std::string(op_name(op)) + std::to_string(m.layers.size());
  l.op = op;
  l.inputs = std::move(inputs);
  l.outputs = {int(m.tensors.size()) - 1};
  l.activation = act;
  m.layers.push_back(l);
  return l.outputs[0];
}

// MUL of two activations, then QUANTIZE (int8 -> int8 rescale) with a RELU6 clamp, as imported graphs have them.
Model mul_quantize_model(uint64_t seed) {
  ModelBuilder b("mul-quantize", TensorShape{{1, 5, 7, 6}}, {0.06f, -4}, seed);
  const int c0 = b.conv2d(b.input(), 6, 3, 3, 1, 1, Padding::Same, Activation::None);
  Model m = b.model();
  const int mul = append_elementwise(m, OpType::Mul, {c0, 0}, {0.02f, 9}, Activation::None);
  const int q = append_elementwise(m, OpType::Quantize, {mul}, {6.0f / 255, -128}, Activation::Relu6);
  m.outputs = {q};
  validate(m);
  return m;
}

class ModelRunnerTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ModelRunnerTest, SimulatedInferenceEqualsTheReferenceExecutor) {
  const Board board = load_board(GetParam());
  for (uint64_t seed : {1u, 2u, 3u}) {
    const Model model = every_op_model(seed);
    ProfileOptions options;
    options.input_seed = seed;
    const ProfileResult r = profile_model(model, board, options);
    EXPECT_EQ(r.output, run_reference(model, random_input(model, seed))) << "seed " << seed;
    ASSERT_EQ(r.layers.size(), model.layers.size());
  }
}

TEST_P(ModelRunnerTest, MulAndQuantizeEqualTheReference) {
  const Model model = mul_quantize_model(7);
  const ProfileResult r = profile_model(model, load_board(GetParam()), {.functional = true});
  EXPECT_EQ(r.layers[1].kernel, "mul_s8");
  EXPECT_EQ(r.layers[2].kernel, "requantize_s8");
  EXPECT_EQ(r.output, run_reference(model, random_input(model, 1)));
}

TEST_P(ModelRunnerTest, Int4WeightsEqualTheReferenceOnRequantisedWeights) {
  const Board board = load_board(GetParam());
  const Model model = every_op_model(4);
  ProfileOptions options;
  options.int4 = true;
  options.functional = true;  // values only
  const ProfileResult r = profile_model(model, board, options);
  EXPECT_EQ(r.output, run_reference(with_int4_weights(model), random_input(model, options.input_seed)));
  EXPECT_EQ(r.layers[0].kernel, "conv_w4a8");
  EXPECT_EQ(r.layers[2].kernel, "conv1x1_w4a8");
  EXPECT_EQ(r.layers[1].kernel, "depthwise_w4a8");
  EXPECT_EQ(r.layers[9].kernel, "fully_connected_w4a8");
}

TEST_P(ModelRunnerTest, KernelVariantsFollowTheShapes) {
  const ProfileResult r = profile_model(every_op_model(1), load_board(GetParam()), {.functional = true});
  const std::vector<std::string> expected = {"conv_s8",     "depthwise3x3_s8", "conv1x1_s8", "add_s8",
                                             "depthwise_s8", "max_pool_s8",    "pad_s8",     "avg_pool_s8",
                                             "copy",         "fully_connected_s8", "softmax_s8"};
  ASSERT_EQ(r.layers.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(r.layers[i].kernel, expected[i]) << "layer " << i;
}

TEST_P(ModelRunnerTest, TotalsAddUpAndFollowTheBoard) {
  const Board board = load_board(GetParam());
  const Model model = every_op_model(5);
  const ProfileResult r = profile_model(model, board);
  uint64_t cycles = 0;
  int64_t macs = 0;
  for (const LayerProfile& l : r.layers) {
    EXPECT_GT(l.total_cycles(), 0u);
    EXPECT_GE(l.total_cycles(), l.cycles.by_cause[size_t(Cause::kIssue)]);
    EXPECT_EQ(l.macs, mcuprof::macs(model.layers[size_t(l.index)], model));
    EXPECT_EQ(l.ops, 2 * l.macs);
    cycles += l.total_cycles();
    macs += l.macs;
  }
  EXPECT_EQ(r.total_cycles, cycles);
  EXPECT_EQ(r.total_macs, macs);
  EXPECT_EQ(r.total_macs, total_macs(model));
  EXPECT_EQ(r.total_ops, 2 * r.total_macs);
  EXPECT_DOUBLE_EQ(r.latency_s, double(cycles) / board.clock_hz);
  ASSERT_TRUE(board.power.has_value());
  EXPECT_DOUBLE_EQ(r.energy_j, r.latency_s * board.power->active_w);
  EXPECT_EQ(r.power_estimate, board.power->estimate);
  EXPECT_EQ(r.model_hash, model_content_hash(model));
  EXPECT_TRUE(r.fit.fits);
  EXPECT_GT(r.plan.peak_sram_bytes, r.plan.arena_bytes);
}

TEST_P(ModelRunnerTest, DeterministicAndBackToBackInferenceReusesTheCaches) {
  const Board board = load_board(GetParam());
  const Model model = every_op_model(6);
  const ProfileResult warm1 = profile_model(model, board);
  const ProfileResult warm2 = profile_model(model, board);
  EXPECT_EQ(warm1.total_cycles, warm2.total_cycles);
  for (size_t i = 0; i < warm1.layers.size(); ++i)
    EXPECT_EQ(warm1.layers[i].cycles.by_cause, warm2.layers[i].cycles.by_cause) << "layer " << i;
  const ProfileResult cold = profile_model(model, board, {.warm = false});
  EXPECT_EQ(cold.output, warm1.output);
  EXPECT_EQ(cold.total_instructions, warm1.total_instructions);
  if (board.core == CoreModel::kCortexM7) {
    EXPECT_LT(warm1.total_cycles, cold.total_cycles);  // the L1 caches still hold code and weights
  } else {
    // The F4 ART keeps 64 + 8 lines of 16 bytes: after a whole inference it holds the last layers, so a second
    // inference starts almost as cold as the first (within a few cycles either way).
    EXPECT_NEAR(double(warm1.total_cycles), double(cold.total_cycles), 1e-3 * double(cold.total_cycles));
  }
}

TEST_P(ModelRunnerTest, ModelTooLargeForTheFlashIsAClearError) {
  ModelBuilder b("huge", TensorShape{{1, 1, 1, 1024}}, {0.05f, 0}, 1);
  b.fully_connected(b.input(), 2100, Activation::None);  // 2.1 MB of weights: more than any reference board's flash
  const Model model = b.finish({int(b.model().tensors.size()) - 1});
  try {
    profile_model(model, load_board(GetParam()), {.functional = true});
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("'huge'"), std::string::npos) << what;
    EXPECT_NE(what.find("flash"), std::string::npos) << what;
  }
}

TEST_P(ModelRunnerTest, WrongInputSizeIsAClearError) {
  ProfileOptions options;
  options.input = std::vector<int8_t>(5);
  EXPECT_THROW(profile_model(every_op_model(1), load_board(GetParam()), options), std::runtime_error);
}

INSTANTIATE_TEST_SUITE_P(ReferenceBoards, ModelRunnerTest,
                         ::testing::Values("stm32f446re", "stm32f746zg", "stm32f767zi"));

}  // namespace
}  // namespace mcuprof
