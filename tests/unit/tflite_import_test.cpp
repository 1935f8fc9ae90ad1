// The .tflite importer on small files written with the flatbuffers builder (tflite_test_builder.h): every supported
// operator and option maps to the IR layer it should, with the file's weights, biases and quantisation; edge
// conversions are stripped and shape operators folded; unsupported operators and options give one-line errors.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <stdexcept>

#include "tests/unit/tflite_test_builder.h"
#include "workloads/reference_executor.h"
#include "workloads/tflite/tflite_import.h"

namespace mcuprof {
namespace {

using test::TfliteTestModel;
using FBB = flatbuffers::FlatBufferBuilder;

TfliteImport import(const TfliteTestModel& t, std::vector<int> in, std::vector<int> out) {
  const std::vector<uint8_t> bytes = t.finish(in, out);
  return import_tflite_bytes(bytes, "test.tflite");
}

// The one-line error of importing the model, "" when it imports.
std::string import_error(const TfliteTestModel& t, std::vector<int> in, std::vector<int> out) {
  try {
    import(t, std::move(in), std::move(out));
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

std::vector<int8_t> ramp(size_t n, int start = -3) {
  std::vector<int8_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<int8_t>(start + int(i % 7));
  return v;
}

TfliteTestModel::Options conv_options(tflite::Padding p, int32_t sh, int32_t sw, tflite::ActivationFunctionType a,
                                      int32_t dilation = 1) {
  return [=](FBB& b) { return tflite::CreateConv2DOptions(b, p, sw, sh, a, dilation, dilation).Union(); };
}
TfliteTestModel::Options depthwise_options(tflite::Padding p, int32_t stride, int32_t multiplier,
                                           tflite::ActivationFunctionType a) {
  return [=](FBB& b) { return tflite::CreateDepthwiseConv2DOptions(b, p, stride, stride, multiplier, a).Union(); };
}
TfliteTestModel::Options pool_options(tflite::Padding p, int32_t stride, int32_t kh, int32_t kw,
                                      tflite::ActivationFunctionType a) {
  return [=](FBB& b) { return tflite::CreatePool2DOptions(b, p, stride, stride, kw, kh, a).Union(); };
}

// ---------------------------------------------------------------------------------------------------------------
// Convolutions and fully connected

TEST(TfliteImport, Conv2DKeepsOptionsPerChannelWeightsAndBias) {
  TfliteTestModel t;
  const int in = t.activation({1, 5, 5, 2}, 0.5f, 3);
  const int w = t.weights({3, 3, 3, 2}, ramp(54), {0.01f, 0.02f, 0.03f}, 0);
  const int b = t.int32_constant({3}, {100, -200, 300});
  const int out = t.activation({1, 3, 3, 3}, 6.0f / 255.0f, -128);
  t.op(tflite::BuiltinOperator_CONV_2D, {in, w, b}, {out}, tflite::BuiltinOptions_Conv2DOptions,
       conv_options(tflite::Padding_SAME, 2, 2, tflite::ActivationFunctionType_RELU6));
  const Model m = import(t, {in}, {out}).model;
  ASSERT_EQ(m.layers.size(), 1u);
  const Layer& l = m.layers[0];
  EXPECT_EQ(l.op, OpType::Conv2D);
  EXPECT_EQ(l.kernel_h, 3);
  EXPECT_EQ(l.stride_w, 2);
  EXPECT_EQ(l.padding, Padding::Same);
  EXPECT_EQ(l.activation, Activation::Relu6);
  EXPECT_EQ(l.pad, (PadAmounts{1, 1, 1, 1, 0, 0}));  // SAME 3x3 stride 2 on 5: total 2, split evenly
  EXPECT_EQ(m.tensors[l.inputs[1]].int8_data, ramp(54));
  EXPECT_EQ(m.tensors[l.inputs[1]].quant.scale, (std::vector<float>{0.01f, 0.02f, 0.03f}));
  EXPECT_EQ(m.tensors[l.inputs[2]].int32_data, (std::vector<int32_t>{100, -200, 300}));
  EXPECT_EQ(m.tensors[l.inputs[0]].quant, (Quantisation{{0.5f}, {3}}));
  EXPECT_EQ(macs(l, m), 3 * 3 * 3 * 3 * 3 * 2);
}

TEST(TfliteImport, Conv2DPerTensorWeightsAndNoBias) {
  TfliteTestModel t;
  const int in = t.activation({1, 4, 4, 1}, 0.5f, 0);
  const int w = t.weights({2, 1, 1, 1}, {3, -4}, {0.25f});
  const int out = t.activation({1, 4, 4, 2}, 0.1f, 0);
  t.op(tflite::BuiltinOperator_CONV_2D, {in, w, -1}, {out}, tflite::BuiltinOptions_Conv2DOptions,
       conv_options(tflite::Padding_VALID, 1, 1, tflite::ActivationFunctionType_RELU));
  const Model m = import(t, {in}, {out}).model;
  const Layer& l = m.layers.at(0);
  EXPECT_EQ(l.activation, Activation::Relu);
  EXPECT_EQ(l.padding, Padding::Valid);
  EXPECT_EQ(m.tensors[l.inputs[1]].quant.scale, (std::vector<float>{0.25f, 0.25f}));  // repeated per channel
  EXPECT_EQ(m.tensors[l.inputs[2]].int32_data, (std::vector<int32_t>{0, 0}));
}

TEST(TfliteImport, Conv2DRefusesDilationAndWrongQuantisedDimension) {
  TfliteTestModel t;
  const int in = t.activation({1, 4, 4, 1}, 0.5f, 0);
  const int w = t.weights({2, 1, 1, 1}, {3, -4}, {0.25f});
  const int out = t.activation({1, 4, 4, 2}, 0.1f, 0);
  t.op(tflite::BuiltinOperator_CONV_2D, {in, w, -1}, {out}, tflite::BuiltinOptions_Conv2DOptions,
       conv_options(tflite::Padding_VALID, 1, 1, tflite::ActivationFunctionType_NONE, 2));
  EXPECT_EQ(import_error(t, {in}, {out}), "test.tflite: operator 0 (CONV_2D): dilation other than 1 is not supported");

  TfliteTestModel u;
  const int in2 = u.activation({1, 4, 4, 1}, 0.5f, 0);
  const int w2 = u.weights({2, 1, 1, 1}, {3, -4}, {0.25f, 0.5f}, 3);
  const int out2 = u.activation({1, 4, 4, 2}, 0.1f, 0);
  u.op(tflite::BuiltinOperator_CONV_2D, {in2, w2, -1}, {out2}, tflite::BuiltinOptions_Conv2DOptions,
       conv_options(tflite::Padding_VALID, 1, 1, tflite::ActivationFunctionType_NONE));
  EXPECT_NE(import_error(u, {in2}, {out2}).find("quantised along dimension 3, expected 0"), std::string::npos);
}

TEST(TfliteImport, DepthwiseMultiplierFollowsChannelCounts) {
  for (int32_t option : {0, 2}) {  // newer converters leave the option 0
    TfliteTestModel t;
    const int in = t.activation({1, 6, 6, 2}, 0.5f, 1);
    const int w = t.weights({1, 3, 3, 4}, ramp(36), {0.1f, 0.2f, 0.3f, 0.4f}, 3);
    const int b = t.int32_constant({4}, {1, 2, 3, 4});
    const int out = t.activation({1, 2, 2, 4}, 0.2f, -5);
    t.op(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, {in, w, b}, {out}, tflite::BuiltinOptions_DepthwiseConv2DOptions,
         depthwise_options(tflite::Padding_VALID, 2, option, tflite::ActivationFunctionType_NONE));
    const Model m = import(t, {in}, {out}).model;
    const Layer& l = m.layers.at(0);
    EXPECT_EQ(l.op, OpType::DepthwiseConv2D);
    EXPECT_EQ(l.depth_multiplier, 2);
    EXPECT_EQ(l.stride_h, 2);
    EXPECT_EQ(macs(l, m), 2 * 2 * 2 * 9 * 2);
  }
  TfliteTestModel t;
  const int in = t.activation({1, 6, 6, 2}, 0.5f, 1);
  const int w = t.weights({1, 3, 3, 4}, ramp(36), {0.1f});
  const int out = t.activation({1, 2, 2, 4}, 0.2f, -5);
  t.op(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, {in, w}, {out}, tflite::BuiltinOptions_DepthwiseConv2DOptions,
       depthwise_options(tflite::Padding_VALID, 2, 3, tflite::ActivationFunctionType_NONE));
  EXPECT_NE(import_error(t, {in}, {out}).find("depth multiplier 3"), std::string::npos);
}

TEST(TfliteImport, FullyConnectedKeepNumDimsAddsAReshape) {
  TfliteTestModel t;
  const int in = t.activation({1, 1, 1, 4}, 0.5f, 0);
  const int w = t.weights({3, 4}, ramp(12), {0.05f, 0.05f, 0.05f}, 0);  // equal per-channel scales collapse
  const int b = t.int32_constant({3}, {7, 8, 9});
  const int out = t.activation({1, 1, 1, 3}, 0.3f, 2);
  t.op(tflite::BuiltinOperator_FULLY_CONNECTED, {in, w, b}, {out}, tflite::BuiltinOptions_FullyConnectedOptions,
       [](FBB& fb) {
         return tflite::CreateFullyConnectedOptions(fb, tflite::ActivationFunctionType_RELU,
                                                    tflite::FullyConnectedOptionsWeightsFormat_DEFAULT, true)
             .Union();
       });
  const Model m = import(t, {in}, {out}).model;
  ASSERT_EQ(m.layers.size(), 2u);
  EXPECT_EQ(m.layers[0].op, OpType::FullyConnected);
  EXPECT_EQ(m.layers[0].activation, Activation::Relu);
  EXPECT_EQ(m.tensors[m.layers[0].outputs[0]].shape, (TensorShape{{1, 3}}));
  EXPECT_EQ(m.tensors[m.layers[0].inputs[1]].quant.scale, (std::vector<float>{0.05f}));
  EXPECT_EQ(m.layers[1].op, OpType::Reshape);
  EXPECT_EQ(m.tensors[m.outputs[0]].shape, (TensorShape{{1, 1, 1, 3}}));
  EXPECT_EQ(total_macs(m), 12);
}

TEST(TfliteImport, FullyConnectedRefusesPerChannelScales) {
  TfliteTestModel t;
  const int in = t.activation({1, 4}, 0.5f, 0);
  const int w = t.weights({2, 4}, ramp(8), {0.05f, 0.07f}, 0);
  const int out = t.activation({1, 2}, 0.3f, 2);
  t.op(tflite::BuiltinOperator_FULLY_CONNECTED, {in, w, -1}, {out}, tflite::BuiltinOptions_FullyConnectedOptions,
       [](FBB& fb) { return tflite::CreateFullyConnectedOptions(fb).Union(); });
  EXPECT_NE(import_error(t, {in}, {out}).find("per-channel FULLY_CONNECTED weights are not supported"),
            std::string::npos);
}

// ---------------------------------------------------------------------------------------------------------------
// Pools, elementwise, pad, reshape, softmax, mean

TEST(TfliteImport, PoolsKeepWindowPaddingAndFusedActivation) {
  for (const auto code : {tflite::BuiltinOperator_AVERAGE_POOL_2D, tflite::BuiltinOperator_MAX_POOL_2D}) {
    TfliteTestModel t;
    const int in = t.activation({1, 5, 5, 3}, 0.5f, 1);
    const int out = t.activation({1, 3, 3, 3}, 0.5f, 1);
    t.op(code, {in}, {out}, tflite::BuiltinOptions_Pool2DOptions,
         pool_options(tflite::Padding_SAME, 2, 3, 2, tflite::ActivationFunctionType_RELU6));
    const Model m = import(t, {in}, {out}).model;
    const Layer& l = m.layers.at(0);
    EXPECT_EQ(l.op, code == tflite::BuiltinOperator_MAX_POOL_2D ? OpType::MaxPool2D : OpType::AveragePool2D);
    EXPECT_EQ(l.kernel_h, 3);
    EXPECT_EQ(l.kernel_w, 2);
    EXPECT_EQ(l.padding, Padding::Same);
    EXPECT_EQ(l.activation, Activation::Relu6);
  }
}

TEST(TfliteImport, AddAndMulWithFusedActivation) {
  TfliteTestModel t;
  const int a = t.activation({1, 2, 2, 3}, 0.5f, 1);
  const int b = t.activation({1, 2, 2, 3}, 0.25f, -2);
  const int sum = t.activation({1, 2, 2, 3}, 0.75f, 0);
  const int product = t.activation({1, 2, 2, 3}, 0.1f, -128);
  t.op(tflite::BuiltinOperator_ADD, {a, b}, {sum}, tflite::BuiltinOptions_AddOptions,
       [](FBB& fb) { return tflite::CreateAddOptions(fb, tflite::ActivationFunctionType_RELU).Union(); });
  t.op(tflite::BuiltinOperator_MUL, {sum, b}, {product}, tflite::BuiltinOptions_MulOptions,
       [](FBB& fb) { return tflite::CreateMulOptions(fb, tflite::ActivationFunctionType_RELU6).Union(); });
  const Model m = import(t, {a, b}, {product}).model;
  ASSERT_EQ(m.layers.size(), 2u);
  EXPECT_EQ(m.layers[0].op, OpType::Add);
  EXPECT_EQ(m.layers[0].activation, Activation::Relu);
  EXPECT_EQ(m.layers[1].op, OpType::Mul);
  EXPECT_EQ(m.layers[1].activation, Activation::Relu6);
  EXPECT_EQ(m.layers[1].inputs, (std::vector<int>{m.layers[0].outputs[0], m.inputs[1]}));
}

TEST(TfliteImport, ElementwiseRefusesBroadcasting) {
  TfliteTestModel t;
  const int a = t.activation({1, 2, 2, 3}, 0.5f, 1);
  const int b = t.activation({1, 1, 1, 3}, 0.25f, -2);
  const int out = t.activation({1, 2, 2, 3}, 0.75f, 0);
  t.op(tflite::BuiltinOperator_MUL, {a, b}, {out});
  EXPECT_EQ(import_error(t, {a, b}, {out}),
            "test.tflite: operator 0 (MUL): inputs of shapes 1x2x2x3 and 1x1x1x3 (broadcasting is not supported)");
}

TEST(TfliteImport, PadReadsPaddingsOfHeightWidthAndChannels) {
  TfliteTestModel t;
  const int in = t.activation({1, 3, 3, 2}, 0.5f, 4);
  const int p = t.int32_constant({4, 2}, {0, 0, 1, 2, 0, 1, 3, 1});
  const int out = t.activation({1, 6, 4, 6}, 0.5f, 4);
  t.op(tflite::BuiltinOperator_PAD, {in, p}, {out}, tflite::BuiltinOptions_PadOptions,
       [](FBB& fb) { return tflite::CreatePadOptions(fb).Union(); });
  const Model m = import(t, {in}, {out}).model;
  EXPECT_EQ(m.layers.at(0).op, OpType::Pad);
  EXPECT_EQ(m.layers.at(0).pad, (PadAmounts{1, 2, 0, 1, 3, 1}));

  TfliteTestModel u;
  const int in2 = u.activation({1, 3, 3, 2}, 0.5f, 4);
  const int p2 = u.int32_constant({4, 2}, {1, 0, 0, 0, 0, 0, 0, 0});
  const int out2 = u.activation({2, 3, 3, 2}, 0.5f, 4);
  u.op(tflite::BuiltinOperator_PAD, {in2, p2}, {out2});
  EXPECT_NE(import_error(u, {in2}, {out2}).find("padding the batch dimension is not supported"), std::string::npos);
}

TEST(TfliteImport, ReshapeTargetFromConstantOrOptions) {
  TfliteTestModel t;
  const int in = t.activation({1, 2, 2, 3}, 0.5f, 0);
  const int shape = t.int32_constant({2}, {1, -1});
  const int flat = t.activation({1, 12}, 0.5f, 0);
  const int back = t.activation({1, 3, 4, 1}, 0.5f, 0);
  t.op(tflite::BuiltinOperator_RESHAPE, {in, shape}, {flat});
  t.op(tflite::BuiltinOperator_RESHAPE, {flat}, {back}, tflite::BuiltinOptions_ReshapeOptions, [](FBB& fb) {
    return tflite::CreateReshapeOptions(fb, fb.CreateVector(std::vector<int32_t>{1, 3, 4, 1})).Union();
  });
  const Model m = import(t, {in}, {back}).model;
  ASSERT_EQ(m.layers.size(), 2u);
  EXPECT_EQ(m.tensors[m.layers[0].outputs[0]].shape, (TensorShape{{1, 12}}));
  EXPECT_EQ(m.tensors[m.layers[1].outputs[0]].shape, (TensorShape{{1, 3, 4, 1}}));

  TfliteTestModel u;
  const int in2 = u.activation({1, 2, 2, 3}, 0.5f, 0);
  const int wrong = u.int32_constant({2}, {2, 6});
  const int flat2 = u.activation({1, 12}, 0.5f, 0);
  u.op(tflite::BuiltinOperator_RESHAPE, {in2, wrong}, {flat2});
  EXPECT_NE(import_error(u, {in2}, {flat2}).find("target shape does not match the output shape 1x12"),
            std::string::npos);
}

// Keras Flatten as converters write it: RESHAPE(x, PACK(STRIDED_SLICE(SHAPE(x), [0], [1], [1], shrink), -1)).
TEST(TfliteImport, FoldsShapeStridedSlicePackFeedingAReshape) {
  TfliteTestModel t;
  const int in = t.activation({1, 2, 2, 3}, 0.5f, 0);
  const int shape = t.plain({4}, tflite::TensorType_INT32);
  const int zero = t.int32_constant({1}, {0}), one = t.int32_constant({1}, {1});
  const int batch = t.plain({}, tflite::TensorType_INT32);
  const int minus_one = t.int32_constant({}, {-1});
  const int target = t.plain({2}, tflite::TensorType_INT32);
  const int flat = t.activation({1, 12}, 0.5f, 0);
  t.op(tflite::BuiltinOperator_SHAPE, {in}, {shape}, tflite::BuiltinOptions_ShapeOptions,
       [](FBB& fb) { return tflite::CreateShapeOptions(fb, tflite::TensorType_INT32).Union(); });
  t.op(tflite::BuiltinOperator_STRIDED_SLICE, {shape, zero, one, one}, {batch}, tflite::BuiltinOptions_StridedSliceOptions,
       [](FBB& fb) { return tflite::CreateStridedSliceOptions(fb, 0, 0, 0, 0, 1).Union(); });
  t.op(tflite::BuiltinOperator_PACK, {batch, minus_one}, {target}, tflite::BuiltinOptions_PackOptions,
       [](FBB& fb) { return tflite::CreatePackOptions(fb, 2, 0).Union(); });
  t.op(tflite::BuiltinOperator_RESHAPE, {in, target}, {flat});
  const TfliteImport imp = import(t, {in}, {flat});
  ASSERT_EQ(imp.model.layers.size(), 1u);
  EXPECT_EQ(imp.model.layers[0].op, OpType::Reshape);
  ASSERT_EQ(imp.notes.size(), 1u);
  EXPECT_EQ(imp.notes[0], "folded 3 shape operator(s) (SHAPE, STRIDED_SLICE, PACK) into constants");
}

TEST(TfliteImport, SoftmaxNeedsBetaOneAndTfliteOutputQuantisation) {
  const auto softmax_model = [](float beta, float out_scale) {
    TfliteTestModel t;
    const int in = t.activation({1, 10}, 0.5f, 0);
    const int out = t.activation({1, 10}, out_scale, -128);
    t.op(tflite::BuiltinOperator_SOFTMAX, {in}, {out}, tflite::BuiltinOptions_SoftmaxOptions,
         [=](FBB& fb) { return tflite::CreateSoftmaxOptions(fb, beta).Union(); });
    return import_error(t, {in}, {out});
  };
  EXPECT_EQ(softmax_model(1.0f, 1.0f / 256.0f), "");
  EXPECT_NE(softmax_model(2.0f, 1.0f / 256.0f).find("beta 2.000000 is not supported"), std::string::npos);
  EXPECT_NE(softmax_model(1.0f, 1.0f / 255.0f).find("scale 1/256, zero point -128"), std::string::npos);
}

TEST(TfliteImport, MeanOverHeightAndWidthBecomesAWholePlanePool) {
  struct Case {
    bool keep_dims;
    float out_scale;
    std::vector<OpType> ops;
  };
  for (const Case& c : {Case{true, 0.5f, {OpType::AveragePool2D}},
                        Case{true, 0.25f, {OpType::AveragePool2D, OpType::Quantize}},
                        Case{false, 0.5f, {OpType::AveragePool2D, OpType::Reshape}}}) {
    TfliteTestModel t;
    const int in = t.activation({1, 4, 3, 5}, 0.5f, 2);
    const int axes = t.int32_constant({2}, {2, -3});  // any order, negative axes count from the end
    const int out = t.activation(c.keep_dims ? std::vector<int32_t>{1, 1, 1, 5} : std::vector<int32_t>{1, 5},
                                 c.out_scale, 2);
    t.op(tflite::BuiltinOperator_MEAN, {in, axes}, {out}, tflite::BuiltinOptions_ReducerOptions,
         [=](FBB& fb) { return tflite::CreateReducerOptions(fb, c.keep_dims).Union(); });
    const TfliteImport imp = import(t, {in}, {out});
    std::vector<OpType> ops;
    for (const Layer& l : imp.model.layers) ops.push_back(l.op);
    EXPECT_EQ(ops, c.ops);
    EXPECT_EQ(imp.model.layers[0].kernel_h, 4);
    EXPECT_EQ(imp.model.layers[0].kernel_w, 3);
    EXPECT_EQ(imp.notes.size(), 1u);
  }
  TfliteTestModel t;
  const int in = t.activation({1, 4, 3, 5}, 0.5f, 2);
  const int axes = t.int32_constant({1}, {3});
  const int out = t.activation({1, 4, 3, 1}, 0.5f, 2);
  t.op(tflite::BuiltinOperator_MEAN, {in, axes}, {out});
  EXPECT_NE(import_error(t, {in}, {out}).find("only the mean over height and width"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------------------------
// Quantize, dequantize, relu

TEST(TfliteImport, StripsFloatAndUint8EdgeConversions) {
  for (const auto edge : {tflite::TensorType_FLOAT32, tflite::TensorType_UINT8}) {
    TfliteTestModel t;
    const int raw_in = edge == tflite::TensorType_FLOAT32 ? t.float_activation({1, 4}) : t.activation({1, 4}, 0.5f, 128, edge);
    const int q_in = t.activation({1, 4}, 0.5f, 0);
    const int w = t.weights({2, 4}, ramp(8), {0.1f});
    const int q_out = t.activation({1, 2}, 0.2f, 1);
    const int raw_out = edge == tflite::TensorType_FLOAT32 ? t.float_activation({1, 2}) : t.activation({1, 2}, 0.2f, 129, edge);
    t.op(tflite::BuiltinOperator_QUANTIZE, {raw_in}, {q_in});
    t.op(tflite::BuiltinOperator_FULLY_CONNECTED, {q_in, w, -1}, {q_out}, tflite::BuiltinOptions_FullyConnectedOptions,
         [](FBB& fb) { return tflite::CreateFullyConnectedOptions(fb).Union(); });
    t.op(edge == tflite::TensorType_FLOAT32 ? tflite::BuiltinOperator_DEQUANTIZE : tflite::BuiltinOperator_QUANTIZE,
         {q_out}, {raw_out});
    const TfliteImport imp = import(t, {raw_in}, {raw_out});
    ASSERT_EQ(imp.model.layers.size(), 1u);
    EXPECT_EQ(imp.model.tensors[imp.model.inputs[0]].quant, (Quantisation{{0.5f}, {0}}));
    EXPECT_EQ(imp.model.outputs[0], imp.model.layers[0].outputs[0]);
    ASSERT_EQ(imp.notes.size(), 2u);
    EXPECT_NE(imp.notes[0].find("stripped input conversion QUANTIZE (operator 0"), std::string::npos);
    EXPECT_NE(imp.notes[1].find("stripped output conversion"), std::string::npos);
  }
}

TEST(TfliteImport, FloatInputWithoutQuantizeIsRefused) {
  TfliteTestModel t;
  const int in = t.float_activation({1, 4});
  const int out = t.activation({1, 4}, 0.5f, 0);
  t.op(tflite::BuiltinOperator_RELU, {in}, {out});
  EXPECT_NE(import_error(t, {in}, {out}).find("model input 't0' (tensor 0) has FLOAT32"), std::string::npos);
}

TEST(TfliteImport, ScalarModelInputIsRefusedWithoutNamingAnOperator) {
  TfliteTestModel t;
  const int in = t.activation({}, 0.5f, 0);
  const int out = t.activation({1}, 0.5f, 0);
  t.op(tflite::BuiltinOperator_RESHAPE, {in}, {out});
  EXPECT_EQ(import_error(t, {in}, {out}),
            "test.tflite: activation 't0' (tensor 0) is a scalar (rank 0 is not supported)");
}

TEST(TfliteImport, Int8QuantizeAndStandaloneReluAreRequantisations) {
  TfliteTestModel t;
  const int in = t.activation({1, 8}, 0.5f, 3);
  const int q = t.activation({1, 8}, 0.25f, -1);
  const int r = t.activation({1, 8}, 0.25f, -128);
  const int r6 = t.activation({1, 8}, 6.0f / 255.0f, -128);
  t.op(tflite::BuiltinOperator_QUANTIZE, {in}, {q});
  t.op(tflite::BuiltinOperator_RELU, {q}, {r});
  t.op(tflite::BuiltinOperator_RELU6, {r}, {r6});
  const TfliteImport imp = import(t, {in}, {r6});
  const Model& m = imp.model;
  ASSERT_EQ(m.layers.size(), 3u);
  for (const Layer& l : m.layers) EXPECT_EQ(l.op, OpType::Quantize);
  EXPECT_EQ(m.layers[0].activation, Activation::None);
  EXPECT_EQ(m.layers[1].activation, Activation::Relu);
  EXPECT_EQ(m.layers[2].activation, Activation::Relu6);
  // The host reference: real value 0.5 * (x - 3), requantised to 0.25 steps, clamped at 0 and 6.
  const std::vector<int8_t> input{-128, -20, 0, 3, 4, 10, 20, 127};
  const std::vector<int8_t> out = run_reference(m, input);
  for (size_t i = 0; i < input.size(); ++i) {
    const double real = std::clamp(0.5 * (input[i] - 3), 0.0, 6.0);
    EXPECT_NEAR(out[i], std::clamp(std::round(real / (6.0 / 255.0)) - 128, -128.0, 127.0), 1.0) << i;
  }
}

TEST(TfliteImport, DequantizeInsideTheGraphIsRefused) {
  TfliteTestModel t;
  const int in = t.activation({1, 4}, 0.5f, 0);
  const int f = t.float_activation({1, 4});
  const int q = t.activation({1, 4}, 0.5f, 0);
  const int out = t.activation({1, 4}, 0.5f, 0);
  t.op(tflite::BuiltinOperator_DEQUANTIZE, {in}, {f});
  t.op(tflite::BuiltinOperator_QUANTIZE, {f}, {q});
  t.op(tflite::BuiltinOperator_RELU, {q}, {out});
  EXPECT_EQ(import_error(t, {in}, {out}),
            "test.tflite: operator 0 (DEQUANTIZE): DEQUANTIZE inside the graph is not supported (only at the model's "
            "output)");
}

TEST(TfliteImport, ReadsBuffersStoredAfterTheFlatbuffer) {
  TfliteTestModel t;
  const int in = t.activation({1, 4}, 0.5f, 0);
  const int wt = t.raw({2, 4}, tflite::TensorType_INT8, {0.1f}, {0}, {1, 2, 3, 4, 0xff, 0xfe, 0xfd, 0xfc}, true);
  const int out = t.activation({1, 2}, 0.2f, 0);
  t.op(tflite::BuiltinOperator_FULLY_CONNECTED, {in, wt, -1}, {out}, tflite::BuiltinOptions_FullyConnectedOptions,
       [](FBB& fb) { return tflite::CreateFullyConnectedOptions(fb).Union(); });
  std::vector<uint8_t> bytes = t.finish({in}, {out});
  const Model m = import_tflite_bytes(bytes, "big.tflite").model;
  EXPECT_EQ(m.tensors[m.layers.at(0).inputs[1]].int8_data, (std::vector<int8_t>{1, 2, 3, 4, -1, -2, -3, -4}));
  bytes.resize(bytes.size() - 1);  // the data now runs past the end of the file
  EXPECT_THROW(
      {
        try {
          import_tflite_bytes(bytes, "big.tflite");
        } catch (const std::runtime_error& e) {
          EXPECT_NE(std::string(e.what()).find(": buffer 1 lies outside the file"), std::string::npos) << e.what();
          throw;
        }
      },
      std::runtime_error);
}

// ---------------------------------------------------------------------------------------------------------------
// Bad files

TEST(TfliteImport, UnsupportedOperatorIsNamedWithItsIndex) {
  TfliteTestModel t;
  const int a = t.activation({1, 4}, 0.5f, 0);
  const int b = t.activation({1, 4}, 0.5f, 0);
  const int c = t.activation({1, 4}, 0.5f, 0);
  t.op(tflite::BuiltinOperator_RELU, {a}, {b});
  t.op(tflite::BuiltinOperator_SUB, {a, b}, {c});
  EXPECT_EQ(import_error(t, {a}, {c}), "test.tflite: operator 1 (SUB): unsupported operator");
}

// Files that verify as flatbuffers but describe a broken or unsupported graph: each gives its own one-line error.
TEST(TfliteImport, MalformedGraphsNameTheOperatorAndTensor) {
  using Edit = std::function<void(TfliteTestModel&, int in, int w, int out)>;
  const auto conv = [](TfliteTestModel& t, int in, int w, int b, int out, tflite::ActivationFunctionType act) {
    t.op(tflite::BuiltinOperator_CONV_2D, {in, w, b}, {out}, tflite::BuiltinOptions_Conv2DOptions,
         conv_options(tflite::Padding_VALID, 1, 1, act));
  };
  const auto plain_conv = [&](TfliteTestModel& t, int in, int w, int out) {
    conv(t, in, w, -1, out, tflite::ActivationFunctionType_NONE);
  };
  const std::vector<std::pair<Edit, std::string>> cases = {
      {[](TfliteTestModel& t, int in, int w, int out) { t.op(tflite::BuiltinOperator_CONV_2D, {in, w, 99}, {out}); },
       "operator 0: tensor index 99 out of range"},
      {[&](TfliteTestModel& t, int in, int, int out) {
         conv(t, in, t.raw({2, 1, 1, 1}, tflite::TensorType_INT8, {0.1f}, {3}, {1, 2}), -1, out,
              tflite::ActivationFunctionType_NONE);
       },
       "operator 0 (CONV_2D): weights 't3' (tensor 3) have a non-zero zero point (int8 weights must be symmetric)"},
      {[&](TfliteTestModel& t, int in, int w, int out) {
         conv(t, in, w, t.raw({2}, tflite::TensorType_INT8, {0.1f}, {0}, {1, 2}), out,
              tflite::ActivationFunctionType_NONE);
       },
       "operator 0 (CONV_2D): bias 't3' (tensor 3) has INT8, expected INT32"},
      {[&](TfliteTestModel& t, int in, int, int out) {
         conv(t, in, t.raw({2, 1, 1, 1}, tflite::TensorType_INT8, {0.1f}, {0}, {1, 2, 3}), -1, out,
              tflite::ActivationFunctionType_NONE);
       },
       "operator 0 (CONV_2D): weights 't3' (tensor 3) hold 3 bytes, shape 2x1x1x1 needs 2"},
      {[&](TfliteTestModel& t, int in, int w, int out) { conv(t, in, w, -1, out, tflite::ActivationFunctionType_TANH); },
       "operator 0 (CONV_2D): fused activation TANH is not supported"},
      {[](TfliteTestModel& t, int in, int w, int out) { t.op(tflite::BuiltinOperator_CONV_2D, {in, w}, {out}); },
       "operator 0 (CONV_2D): its options table is missing or of the wrong type"},
      {[&](TfliteTestModel& t, int in, int w, int out) {
         plain_conv(t, in, w, out);
         plain_conv(t, in, w, out);
       },
       "operator 1 (CONV_2D): tensor 't2' (tensor 2) is written twice"},
      {[&](TfliteTestModel& t, int in, int w, int out) {
         plain_conv(t, in, w, out);
         t.op(tflite::BuiltinOperator_RELU, {out}, {out, in});
       },
       "operator 1 (RELU): has 2 outputs, expected 1"},
      {[&](TfliteTestModel& t, int in, int w, int) { plain_conv(t, in, w, t.activation({1, 3, 3, 0}, 0.1f, 0)); },
       "tensor 't3' (tensor 3) has a dimension 0 (must be >= 1)"},
      {[&](TfliteTestModel& t, int in, int w, int) {
         plain_conv(t, in, w, t.raw({1, 3, 3, 2}, tflite::TensorType_INT8, {0.1f, 0.2f}, {0, 0}));
       },
       "operator 0 (CONV_2D): tensor 't3' (tensor 3) needs one scale and zero point (per-tensor quantisation), has 2 "
       "scale(s)"},
      {[&](TfliteTestModel& t, int in, int w, int) { plain_conv(t, in, w, t.activation({1, 3, 3, 2}, 0.1f, 300)); },
       "operator 0 (CONV_2D): tensor 't3' (tensor 3) has zero point 300 outside int8"},
      {[](TfliteTestModel&, int, int, int) {}, "model output 't2' (tensor 2) is no int8 operator's output"},
  };
  for (const auto& [edit, message] : cases) {
    TfliteTestModel t;
    const int in = t.activation({1, 3, 3, 1}, 0.5f, 0);
    const int w = t.weights({2, 1, 1, 1}, {1, 2}, {0.1f});
    const int out = t.activation({1, 3, 3, 2}, 0.1f, 0);
    edit(t, in, w, out);
    EXPECT_EQ(import_error(t, {in}, {out}), "test.tflite: " + message);
  }
}

TEST(TfliteImport, NonTfliteAndTruncatedFilesGiveOneLineErrors) {
  const std::vector<uint8_t> text{'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd', '\n'};
  EXPECT_THROW(
      {
        try {
          import_tflite_bytes(text, "x.tflite");
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "x.tflite: not a TFLite file (no \"TFL3\" file identifier)");
          throw;
        }
      },
      std::runtime_error);
  EXPECT_THROW(import_tflite_bytes(std::vector<uint8_t>{1, 2, 3}, "x.tflite"), std::runtime_error);

  TfliteTestModel t;
  const int in = t.activation({1, 4, 4, 1}, 0.5f, 0);
  const int w = t.weights({2, 3, 3, 1}, ramp(18), {0.25f});
  const int out = t.activation({1, 4, 4, 2}, 0.1f, 0);
  t.op(tflite::BuiltinOperator_CONV_2D, {in, w, -1}, {out}, tflite::BuiltinOptions_Conv2DOptions,
       conv_options(tflite::Padding_SAME, 1, 1, tflite::ActivationFunctionType_NONE));
  const std::vector<uint8_t> bytes = t.finish({in}, {out});
  for (size_t n = 8; n < bytes.size(); n += 7) {
    const std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + n);
    EXPECT_THROW(import_tflite_bytes(cut, "cut.tflite"), std::runtime_error) << n;
  }
}

// Every single-byte corruption of a small model either imports (a change the format allows) or gives an error;
// none crashes (the fuzzer, tests/fuzz, explores far more).
TEST(TfliteImport, CorruptedBytesNeverCrash) {
  TfliteTestModel t;
  const int in = t.activation({1, 4, 4, 2}, 0.5f, 0);
  const int w = t.weights({1, 3, 3, 2}, ramp(18), {0.25f, 0.5f}, 3);
  const int mid = t.activation({1, 4, 4, 2}, 0.1f, 0);
  const int out = t.activation({1, 2, 2, 2}, 0.1f, 0);
  t.op(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, {in, w, -1}, {mid}, tflite::BuiltinOptions_DepthwiseConv2DOptions,
       depthwise_options(tflite::Padding_SAME, 1, 1, tflite::ActivationFunctionType_RELU));
  t.op(tflite::BuiltinOperator_MAX_POOL_2D, {mid}, {out}, tflite::BuiltinOptions_Pool2DOptions,
       pool_options(tflite::Padding_VALID, 2, 2, 2, tflite::ActivationFunctionType_NONE));
  const std::vector<uint8_t> bytes = t.finish({in}, {out});
  int imported = 0, refused = 0;
  for (size_t i = 0; i < bytes.size(); ++i)
    for (uint8_t flip : {0x01, 0x80, 0xff}) {
      std::vector<uint8_t> bad = bytes;
      bad[i] ^= flip;
      try {
        const Model m = import_tflite_bytes(bad, "bad.tflite").model;
        validate(m);
        ++imported;
      } catch (const std::runtime_error&) {
        ++refused;
      }
    }
  EXPECT_GT(refused, 0);
  EXPECT_GT(imported, 0);
}

}  // namespace
}  // namespace mcuprof
