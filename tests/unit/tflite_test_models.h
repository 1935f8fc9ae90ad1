// Small .tflite models that together use every operator and option the importer maps, shared by the simulation test
// (tests/unit/tflite_simulation_test.cpp) and the fuzzer's seed corpus (tests/fuzz/make_seeds.cpp).
#pragma once
#include <vector>

#include "tests/unit/tflite_test_builder.h"

namespace mcuprof::test {

// Weights spread over the int8 range (n values, a multiplicative pattern), so kernels see varied signs and sizes.
inline std::vector<int8_t> spread(size_t n, int factor) {
  std::vector<int8_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<int8_t>(int((i + 1) * factor % 255) - 127);
  return v;
}

// QUANTIZE -> CONV_2D -> DEPTHWISE -> ADD -> MUL -> PAD -> MAX_POOL -> MEAN -> RESHAPE(folded shape) -> FC ->
// SOFTMAX -> DEQUANTIZE, all with options.
inline std::vector<uint8_t> every_operator_model() {
  using FBB = flatbuffers::FlatBufferBuilder;
  TfliteTestModel t;
  const int f_in = t.float_activation({1, 4, 4, 1});
  const int in = t.activation({1, 4, 4, 1}, 0.5f, 1);
  const int cw = t.weights({2, 3, 3, 1}, spread(18, 37), {0.01f, 0.02f}, 0);
  const int cb = t.int32_constant({2}, {5, -5});
  const int c = t.activation({1, 4, 4, 2}, 0.2f, -128);
  const int dw = t.weights({1, 3, 3, 2}, spread(18, 53), {0.01f, 0.03f}, 3);
  const int d = t.activation({1, 4, 4, 2}, 0.2f, -3);
  const int s = t.activation({1, 4, 4, 2}, 0.3f, 0);
  const int p = t.activation({1, 4, 4, 2}, 0.1f, 2);
  const int pads = t.int32_constant({4, 2}, {0, 0, 1, 1, 1, 1, 0, 2});
  const int padded = t.activation({1, 6, 6, 4}, 0.1f, 2);
  const int pooled = t.activation({1, 3, 3, 4}, 0.1f, 2);
  const int axes = t.int32_constant({2}, {1, 2});
  const int mean = t.activation({1, 1, 1, 4}, 0.05f, 2);
  const int shape = t.plain({4}, tflite::TensorType_INT32);
  const int zero = t.int32_constant({1}, {0}), one = t.int32_constant({1}, {1});
  const int batch = t.plain({}, tflite::TensorType_INT32);
  const int minus_one = t.int32_constant({}, {-1});
  const int target = t.plain({2}, tflite::TensorType_INT32);
  const int flat = t.activation({1, 4}, 0.05f, 2);
  const int fw = t.weights({3, 4}, {1, 2, 3, 4, -1, -2, -3, -4, 5, 6, 7, 8}, {0.02f});
  const int fc = t.activation({1, 3}, 0.1f, 0);
  const int sm = t.activation({1, 3}, 1.0f / 256.0f, -128);
  const int f_out = t.float_activation({1, 3});
  t.op(tflite::BuiltinOperator_QUANTIZE, {f_in}, {in});
  t.op(tflite::BuiltinOperator_CONV_2D, {in, cw, cb}, {c}, tflite::BuiltinOptions_Conv2DOptions, [](FBB& b) {
    return tflite::CreateConv2DOptions(b, tflite::Padding_SAME, 1, 1, tflite::ActivationFunctionType_RELU6).Union();
  });
  t.op(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, {c, dw, -1}, {d}, tflite::BuiltinOptions_DepthwiseConv2DOptions,
       [](FBB& b) {
         return tflite::CreateDepthwiseConv2DOptions(b, tflite::Padding_SAME, 1, 1, 1, tflite::ActivationFunctionType_RELU)
             .Union();
       });
  t.op(tflite::BuiltinOperator_ADD, {c, d}, {s}, tflite::BuiltinOptions_AddOptions,
       [](FBB& b) { return tflite::CreateAddOptions(b).Union(); });
  t.op(tflite::BuiltinOperator_MUL, {s, d}, {p}, tflite::BuiltinOptions_MulOptions,
       [](FBB& b) { return tflite::CreateMulOptions(b).Union(); });
  t.op(tflite::BuiltinOperator_PAD, {p, pads}, {padded});
  t.op(tflite::BuiltinOperator_MAX_POOL_2D, {padded}, {pooled}, tflite::BuiltinOptions_Pool2DOptions, [](FBB& b) {
    return tflite::CreatePool2DOptions(b, tflite::Padding_VALID, 2, 2, 2, 2).Union();
  });
  t.op(tflite::BuiltinOperator_MEAN, {pooled, axes}, {mean}, tflite::BuiltinOptions_ReducerOptions,
       [](FBB& b) { return tflite::CreateReducerOptions(b, true).Union(); });
  t.op(tflite::BuiltinOperator_SHAPE, {mean}, {shape});
  t.op(tflite::BuiltinOperator_STRIDED_SLICE, {shape, zero, one, one}, {batch},
       tflite::BuiltinOptions_StridedSliceOptions,
       [](FBB& b) { return tflite::CreateStridedSliceOptions(b, 0, 0, 0, 0, 1).Union(); });
  t.op(tflite::BuiltinOperator_PACK, {batch, minus_one}, {target}, tflite::BuiltinOptions_PackOptions,
       [](FBB& b) { return tflite::CreatePackOptions(b, 2, 0).Union(); });
  t.op(tflite::BuiltinOperator_RESHAPE, {mean, target}, {flat});
  t.op(tflite::BuiltinOperator_FULLY_CONNECTED, {flat, fw, -1}, {fc}, tflite::BuiltinOptions_FullyConnectedOptions,
       [](FBB& b) { return tflite::CreateFullyConnectedOptions(b).Union(); });
  t.op(tflite::BuiltinOperator_SOFTMAX, {fc}, {sm}, tflite::BuiltinOptions_SoftmaxOptions,
       [](FBB& b) { return tflite::CreateSoftmaxOptions(b, 1.0f).Union(); });
  t.op(tflite::BuiltinOperator_DEQUANTIZE, {sm}, {f_out});
  return t.finish({f_in}, {f_out});
}

// AVERAGE_POOL_2D, RELU, RELU6 and an int8 QUANTIZE.
inline std::vector<uint8_t> pools_and_requantisation_model() {
  using FBB = flatbuffers::FlatBufferBuilder;
  TfliteTestModel t;
  const int in = t.activation({1, 4, 4, 3}, 0.5f, 1);
  const int a = t.activation({1, 2, 2, 3}, 0.5f, 1);
  const int r = t.activation({1, 2, 2, 3}, 0.25f, -128);
  const int r6 = t.activation({1, 2, 2, 3}, 6.0f / 255.0f, -128);
  const int q = t.activation({1, 2, 2, 3}, 0.1f, 0);
  t.op(tflite::BuiltinOperator_AVERAGE_POOL_2D, {in}, {a}, tflite::BuiltinOptions_Pool2DOptions, [](FBB& b) {
    return tflite::CreatePool2DOptions(b, tflite::Padding_SAME, 2, 2, 3, 3).Union();
  });
  t.op(tflite::BuiltinOperator_RELU, {a}, {r});
  t.op(tflite::BuiltinOperator_RELU6, {r}, {r6});
  t.op(tflite::BuiltinOperator_QUANTIZE, {r6}, {q});
  return t.finish({in}, {q});
}

}  // namespace mcuprof::test
