// The host reference kernels (kernels/reference/kernels.h): hand-computed tiny cases with exact int8 outputs, and
// randomised shapes checked against an independent double-precision evaluation of the real-valued definitions
// (real = scale * (q - zero_point); padding as real zeros on an explicitly padded input).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels/reference/int4.h"
#include "kernels/reference/kernels.h"

namespace mcuprof::ref {
namespace {

constexpr Requant kHalf{1 << 30, 0};  // exactly 0.5

std::vector<int8_t> random_values(std::mt19937& rng, size_t n, int lo, int hi) {
  std::uniform_int_distribution<int> d(lo, hi);
  std::vector<int8_t> v(n);
  for (auto& x : v) x = static_cast<int8_t>(d(rng));
  return v;
}

int uniform(std::mt19937& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
double uniform_real(std::mt19937& rng, double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); }

// The quantised output predicted by `value` = real output / output scale: round half away from zero, plus the zero
// point, clamped. The requantised integer result may differ by one only within `margin` of a rounding tie (the Q31
// multiplier's error and the high multiply's own rounding, see reference_requantize_test).
int expect_requantized(int got, double value, int32_t zero_point, ActivationRange act, double margin) {
  const int predicted = std::clamp(static_cast<int>(std::round(value)) + zero_point, act.min, act.max);
  if (std::abs(value - std::floor(value) - 0.5) > margin) {
    EXPECT_EQ(got, predicted) << "value " << value;
    return 1;
  }
  EXPECT_LE(std::abs(got - predicted), 1) << "value " << value;
  return 0;
}

// The uncertainty of multiply_by_quantized_multiplier(acc, q) around value = acc * real multiplier.
double requant_margin(double value, Requant q) {
  return std::ldexp(1.0, std::min(q.shift, 0) - 1) + std::abs(value) * std::ldexp(1.0, -30) + 1e-9;
}

// NONE, RELU or RELU6 folded into the output range [qmin, qmax].
ActivationRange random_activation(std::mt19937& rng, double scale, int32_t zero_point, int32_t qmin = -128,
                                  int32_t qmax = 127) {
  return activation_range(static_cast<Activation>(uniform(rng, 0, 2)), scale, zero_point, qmin, qmax);
}

// ---- CONV_2D ---------------------------------------------------------------------------------------------------

TEST(ReferenceConv2d, HandComputedPaddedStride2) {
  // 3x3x1 input 1..9 with zero point 1 (offset -1), 3x3 kernel of ones, padding 1, stride 2, bias 2, multiplier 0.5,
  // output zero point 3. Valid windows: {1,2,4,5} {2,3,5,6} {4,5,7,8} {5,6,8,9} -> sums of (q - 1): 8 12 20 24.
  ConvParams p;
  p.input = {3, 3, 1};
  p.out_c = 1;
  p.window = {3, 3, 2, 2, {1, 1, 1, 1}};
  p.input_offset = -1;
  p.output_offset = 3;
  const std::vector<int8_t> input{1, 2, 3, 4, 5, 6, 7, 8, 9};
  const std::vector<int8_t> weights(9, 1);
  const std::vector<int32_t> bias{2};
  const std::vector<Requant> rq{kHalf};
  std::vector<int8_t> out(4);
  conv2d_s8(p, input, weights, bias, rq, out);
  EXPECT_EQ(out, (std::vector<int8_t>{8, 10, 14, 16}));  // (sum + 2) / 2 + 3
}

TEST(ReferenceConv2d, PerChannelMultipliersShiftsAndClamp) {
  // One pixel, two input channels (q 10, -4, zero point 0), four output channels with their own requantisation.
  ConvParams p;
  p.input = {1, 1, 2};
  p.out_c = 4;
  p.act = {-20, 100};
  const std::vector<int8_t> input{10, -4};
  const std::vector<int8_t> weights{1, 1, 3, 0, -127, 0, 5, 5};  // acc: 6, 30, -1270, 30
  const std::vector<Requant> rq{{1 << 30, 2}, {1 << 30, -2}, kHalf, {1 << 30, 3}};  // x2, x1/8, x1/2, x4
  std::vector<int8_t> out(4);
  conv2d_s8(p, input, weights, {}, rq, out);
  EXPECT_EQ(out, (std::vector<int8_t>{12, 4, -20, 100}));  // 12; 3.75 -> 4; -635 clamps; 120 clamps
}

TEST(ReferenceConv2d, SaturatesAtInt8Limits) {
  ConvParams p;
  p.input = {1, 2, 1};
  p.out_c = 1;
  const std::vector<int8_t> input{127, -128};
  std::vector<int8_t> out(2);
  conv2d_s8(p, input, std::vector<int8_t>{127}, {}, std::vector<Requant>{kHalf}, out);
  EXPECT_EQ(out, (std::vector<int8_t>{127, -128}));
}

TEST(ReferenceConv2d, RejectsMismatchedSizes) {
  ConvParams p;
  p.input = {2, 2, 1};
  std::vector<int8_t> out(4);
  EXPECT_THROW(conv2d_s8(p, std::vector<int8_t>(3), std::vector<int8_t>{1}, {}, std::vector<Requant>{kHalf}, out),
               std::invalid_argument);
  EXPECT_THROW(conv2d_s8(p, std::vector<int8_t>(4), std::vector<int8_t>{1}, {}, std::vector<Requant>{}, out),
               std::invalid_argument);
}

TEST(ReferenceWindow, SamePaddingPutsTheExtraRowAtTheEnd) {
  // DS-CNN-S's first layer: 49x10 input, 10x4 kernel, stride 2 -> 25x5; total padding 9 rows (4 + 5), 2 columns.
  const Window first = same_window({49, 10, 1}, 10, 4, 2, 2);
  EXPECT_EQ(first.pad.top, 4);
  EXPECT_EQ(first.pad.bottom, 5);
  EXPECT_EQ(first.pad.left, 1);
  EXPECT_EQ(first.pad.right, 1);
  EXPECT_EQ(first.out_h(49), 25);
  EXPECT_EQ(first.out_w(10), 5);
  const Window down = same_window({32, 32, 8}, 3, 3, 2, 2);  // 32 -> 16: one padding row, at the bottom
  EXPECT_EQ(down.pad.top, 0);
  EXPECT_EQ(down.pad.bottom, 1);
  EXPECT_EQ(down.out_h(32), 16);
  const Window pool = same_window({25, 5, 64}, 25, 5, 25, 5);  // a global pool needs none
  EXPECT_EQ(pool.pad.top + pool.pad.bottom + pool.pad.left + pool.pad.right, 0);
  EXPECT_EQ(pool.out_h(25), 1);
}

TEST(ReferenceConv2d, RejectsAWindowLargerThanThePaddedInput) {
  ConvParams p;
  p.input = {2, 1, 1};
  p.window = {2, 2, 1, 2, {}};  // kw 2 over a width of 1
  EXPECT_EQ(p.output().w, 0);
  std::vector<int8_t> out;
  EXPECT_THROW(conv2d_s8(p, std::vector<int8_t>(2), std::vector<int8_t>(4), {}, std::vector<Requant>{kHalf}, out),
               std::invalid_argument);
}

TEST(ReferenceDepthwiseConv2d, HandComputedDepthMultiplier2) {
  // Two pixels (1,2) and (3,4) of two channels, a 1x2 window, depth multiplier 2: output channel oc reads channel
  // oc / 2. Weights [kx][oc]: (1,2,3,4), (5,6,7,8) -> acc 1*1+3*5, 1*2+3*6, 2*3+4*7, 2*4+4*8 = 16, 20, 34, 40.
  DepthwiseParams p;
  p.input = {1, 2, 2};
  p.depth_multiplier = 2;
  p.window = {1, 2, 1, 1, {}};
  p.output_offset = -1;
  const std::vector<int8_t> input{1, 2, 3, 4}, weights{1, 2, 3, 4, 5, 6, 7, 8};
  std::vector<int8_t> out(4);
  depthwise_conv2d_s8(p, input, weights, {}, std::vector<Requant>(4, kHalf), out);
  EXPECT_EQ(out, (std::vector<int8_t>{7, 9, 16, 19}));
}

TEST(ReferenceFullyConnected, HandComputedDoubleRounding) {
  // Inputs (1,2,3) with zero point -1 -> (2,3,4); rows (1,0,-1) and (2,2,2); bias (1,-1): acc -1 and 17; multiplier
  // 0.25. 17 * 0.25 = 4.25 gives 5: the high multiply rounds 8.5 up to 9, the shift then rounds 4.5 away from zero
  // (TFLite's double rounding). -0.25 gives 0.
  FullyConnectedParams p{3, 2, 1, 10, {}};
  const std::vector<int8_t> input{1, 2, 3}, weights{1, 0, -1, 2, 2, 2};
  const std::vector<int32_t> bias{1, -1};
  std::vector<int8_t> out(2);
  fully_connected_s8(p, input, weights, bias, {1 << 30, -1}, out);
  EXPECT_EQ(out, (std::vector<int8_t>{10, 15}));
}

// ---- Randomised MAC layers against double precision ------------------------------------------------------------

enum class Kind { kConv, kDepthwise, kFullyConnected };
struct Bits {
  bool int4_weights = false;
  bool int4_activations = false;  // 1x1 convolution only
};

// One random layer: shapes, quantisation, data, the kernel's output and the double-precision reading.
struct MacLayer {
  Kind kind = Kind::kConv;
  Bits bits;
  Shape input;
  Window window;
  int out_c = 1, depth_multiplier = 1;
  int32_t in_zp = 0, out_zp = 0;
  double in_scale = 0, out_scale = 0;
  std::vector<double> w_scale;
  std::vector<int8_t> in, w;
  std::vector<int32_t> bias;
  std::vector<Requant> rq;
  ActivationRange act;
};

MacLayer random_layer(std::mt19937& rng, Kind kind, Bits bits) {
  MacLayer l;
  l.kind = kind;
  l.bits = bits;
  const int qmax = bits.int4_activations ? 7 : 127;
  if (kind == Kind::kFullyConnected) {
    l.input = {1, 1, uniform(rng, 1, 40)};
    l.out_c = uniform(rng, 1, 12);
  } else {
    l.input = {uniform(rng, 1, 7), uniform(rng, 1, 7), uniform(rng, 1, 5)};
    const bool pointwise = bits.int4_activations;
    Window& win = l.window;
    win.kh = pointwise ? 1 : uniform(rng, 1, 3);
    win.kw = pointwise ? 1 : uniform(rng, 1, 3);
    win.stride_h = uniform(rng, 1, 2);
    win.stride_w = uniform(rng, 1, 2);
    do {
      win.pad = {uniform(rng, 0, win.kh - 1), uniform(rng, 0, win.kh - 1), uniform(rng, 0, win.kw - 1),
                 uniform(rng, 0, win.kw - 1)};
      if (pointwise) win.pad = {};
    } while (win.out_h(l.input.h) < 1 || win.out_w(l.input.w) < 1);
    l.depth_multiplier = kind == Kind::kDepthwise ? uniform(rng, 1, 3) : 1;
    l.out_c = kind == Kind::kDepthwise ? l.input.c * l.depth_multiplier : uniform(rng, 1, 7);
  }
  l.in_zp = bits.int4_activations ? uniform(rng, -3, 3) : uniform(rng, -30, 30);
  l.out_zp = bits.int4_activations ? uniform(rng, -3, 3) : uniform(rng, -30, 30);
  l.in_scale = uniform_real(rng, 0.01, 0.1);
  l.in = random_values(rng, l.input.elements(), -qmax - 1, qmax);
  const size_t weights = kind == Kind::kDepthwise ? size_t(l.window.kh) * l.window.kw * l.out_c
                                                  : size_t(l.out_c) * l.window.kh * l.window.kw * l.input.c;
  l.w = bits.int4_weights ? random_values(rng, weights, -8, 7) : random_values(rng, weights, -127, 127);
  const double shared_w_scale = uniform_real(rng, 0.002, 0.02);
  for (int oc = 0; oc < l.out_c; ++oc) {
    l.w_scale.push_back(kind == Kind::kFullyConnected ? shared_w_scale : uniform_real(rng, 0.002, 0.02));
    l.bias.push_back(uniform(rng, -3000, 3000));
  }
  return l;
}

// The layer's weight for (oc, ky, kx, ic) as a dense convolution (zero where a depthwise channel is not connected).
int dense_weight(const MacLayer& l, int oc, int ky, int kx, int ic) {
  const Window& win = l.window;
  if (l.kind == Kind::kDepthwise)
    return ic == oc / l.depth_multiplier ? l.w[(size_t(ky) * win.kw + kx) * l.out_c + oc] : 0;
  return l.w[((size_t(oc) * win.kh + ky) * win.kw + kx) * l.input.c + ic];
}

// Real outputs on an explicitly zero-padded real input: sum of real input x real weight + real bias.
std::vector<double> real_outputs(const MacLayer& l, Shape out) {
  const Window& win = l.window;
  const int ph = l.input.h + win.pad.top + win.pad.bottom, pw = l.input.w + win.pad.left + win.pad.right;
  std::vector<double> padded(size_t(ph) * pw * l.input.c, 0.0);
  for (int y = 0; y < l.input.h; ++y)
    for (int x = 0; x < l.input.w; ++x)
      for (int c = 0; c < l.input.c; ++c)
        padded[((size_t(y + win.pad.top) * pw) + x + win.pad.left) * l.input.c + c] =
            l.in_scale * (l.in[(size_t(y) * l.input.w + x) * l.input.c + c] - l.in_zp);
  std::vector<double> real;
  for (int oy = 0; oy < out.h; ++oy)
    for (int ox = 0; ox < out.w; ++ox)
      for (int oc = 0; oc < out.c; ++oc) {
        double sum = l.bias[oc] * l.in_scale * l.w_scale[oc];
        for (int ky = 0; ky < win.kh; ++ky)
          for (int kx = 0; kx < win.kw; ++kx)
            for (int ic = 0; ic < l.input.c; ++ic)
              sum += padded[((size_t(oy * win.stride_h + ky) * pw) + ox * win.stride_w + kx) * l.input.c + ic] *
                     l.w_scale[oc] * dense_weight(l, oc, ky, kx, ic);
        real.push_back(sum);
      }
  return real;
}

std::vector<int8_t> run_kernel(const MacLayer& l, Shape out) {
  std::vector<int8_t> result(out.elements());
  const std::vector<uint8_t> packed_w = pack_int4(l.bits.int4_weights ? l.w : std::vector<int8_t>{});
  ConvParams conv{l.input, l.out_c, l.window, -l.in_zp, l.out_zp, l.act};
  if (l.bits.int4_activations) {
    std::vector<uint8_t> packed_out(int4_packed_bytes(result.size()), 0xEE);
    conv1x1_w4a4(conv, pack_int4(l.in), packed_w, l.bias, l.rq, packed_out);
    EXPECT_TRUE(result.size() % 2 == 0 || packed_out.back() >> 4 == 0);
    return unpack_int4(packed_out, result.size());
  }
  switch (l.kind) {
    case Kind::kConv:
      if (l.bits.int4_weights) conv2d_w4a8(conv, l.in, packed_w, l.bias, l.rq, result);
      else conv2d_s8(conv, l.in, l.w, l.bias, l.rq, result);
      break;
    case Kind::kDepthwise: {
      DepthwiseParams dw{l.input, l.depth_multiplier, l.window, -l.in_zp, l.out_zp, l.act};
      if (l.bits.int4_weights) depthwise_conv2d_w4a8(dw, l.in, packed_w, l.bias, l.rq, result);
      else depthwise_conv2d_s8(dw, l.in, l.w, l.bias, l.rq, result);
      break;
    }
    case Kind::kFullyConnected: {
      FullyConnectedParams fc{l.input.c, l.out_c, -l.in_zp, l.out_zp, l.act};
      if (l.bits.int4_weights) fully_connected_w4a8(fc, l.in, packed_w, l.bias, l.rq[0], result);
      else fully_connected_s8(fc, l.in, l.w, l.bias, l.rq[0], result);
      break;
    }
  }
  return result;
}

// Random layers of one kind: every output equals the double-precision prediction (within one step only next to a
// rounding tie), and almost all of them exactly.
void check_random_layers(Kind kind, Bits bits, unsigned seed) {
  std::mt19937 rng(seed);
  int exact = 0, total = 0;
  for (int trial = 0; trial < 60; ++trial) {
    MacLayer l = random_layer(rng, kind, bits);
    const Shape out{l.window.out_h(l.input.h), l.window.out_w(l.input.w), l.out_c};
    const std::vector<double> real = real_outputs(l, out);
    double largest = 0;
    for (double r : real) largest = std::max(largest, std::abs(r));
    const int qmax = bits.int4_activations ? 7 : 127;
    l.out_scale = largest > 0 ? largest / (qmax - 6) : 1.0;  // a few outputs clamp once the zero point moves them
    l.act = random_activation(rng, l.out_scale, l.out_zp, -qmax - 1, qmax);
    for (int oc = 0; oc < l.out_c; ++oc) l.rq.push_back(quantize_multiplier(l.in_scale * l.w_scale[oc] / l.out_scale));
    const std::vector<int8_t> got = run_kernel(l, out);
    for (size_t i = 0; i < got.size(); ++i) {
      SCOPED_TRACE("trial " + std::to_string(trial) + " output " + std::to_string(i));
      const double value = real[i] / l.out_scale;
      exact += expect_requantized(got[i], value, l.out_zp, l.act, requant_margin(value, l.rq[i % l.out_c]));
      ++total;
    }
  }
  EXPECT_GT(exact, total * 95 / 100);
}

TEST(ReferenceConv2d, RandomShapesMatchDoublePrecision) { check_random_layers(Kind::kConv, {}, 11); }
TEST(ReferenceDepthwiseConv2d, RandomShapesMatchDoublePrecision) { check_random_layers(Kind::kDepthwise, {}, 12); }
TEST(ReferenceFullyConnected, RandomShapesMatchDoublePrecision) { check_random_layers(Kind::kFullyConnected, {}, 13); }
TEST(ReferenceConv2dW4A8, RandomShapesMatchDoublePrecision) { check_random_layers(Kind::kConv, {true, false}, 14); }
TEST(ReferenceDepthwiseConv2dW4A8, RandomShapesMatchDoublePrecision) {
  check_random_layers(Kind::kDepthwise, {true, false}, 15);
}
TEST(ReferenceFullyConnectedW4A8, RandomShapesMatchDoublePrecision) {
  check_random_layers(Kind::kFullyConnected, {true, false}, 16);
}
TEST(ReferenceConv1x1W4A4, RandomShapesMatchDoublePrecision) { check_random_layers(Kind::kConv, {true, true}, 17); }

// ---- int4 hand cases ---------------------------------------------------------------------------------------------

TEST(ReferenceConv2dW4A8, OddWeightCountSignExtendsEveryNibble) {
  // One pixel (q 2), a 1x1 convolution to three channels with int4 weights -8, 7, -1, packed low nibble first as
  // bytes 0x78 (-8 low, 7 high) and 0x0F (-1 low, an unused 0 high); multiplier 0.5: the outputs are the weights.
  ConvParams p;
  p.input = {1, 1, 1};
  p.out_c = 3;
  const std::vector<uint8_t> packed{0x78, 0x0F};
  std::vector<int8_t> out(3);
  conv2d_w4a8(p, std::vector<int8_t>{2}, packed, {}, std::vector<Requant>(3, kHalf), out);
  EXPECT_EQ(out, (std::vector<int8_t>{-8, 7, -1}));
  EXPECT_THROW(conv2d_w4a8(p, std::vector<int8_t>{2}, std::vector<uint8_t>{0x78}, {}, std::vector<Requant>(3, kHalf), out),
               std::invalid_argument);
}

TEST(ReferenceConv1x1W4A4, ClampsToInt4AndPacksAnOddOutputCount) {
  // Three pixels of one int4 channel (-8, 7, 3), weight 2, multiplier 0.5, output zero point 1: -7, 8 -> 7, 4.
  ConvParams p;
  p.input = {1, 3, 1};
  p.output_offset = 1;
  p.act = {-8, 7};
  std::vector<uint8_t> out(2, 0xFF);
  conv1x1_w4a4(p, pack_int4(std::vector<int8_t>{-8, 7, 3}), pack_int4(std::vector<int8_t>{2}), {},
               std::vector<Requant>{kHalf}, out);
  EXPECT_EQ(out, (std::vector<uint8_t>{0x79, 0x04}));
  p.act = {-128, 127};  // an int8 range is refused
  EXPECT_THROW(conv1x1_w4a4(p, pack_int4(std::vector<int8_t>{-8, 7, 3}), pack_int4(std::vector<int8_t>{2}), {},
                            std::vector<Requant>{kHalf}, out),
               std::invalid_argument);
}

// ---- Pooling -------------------------------------------------------------------------------------------------------

TEST(ReferenceAvgPool, RoundsHalvesAwayFromZero) {
  PoolParams p;
  p.input = {1, 2, 2};
  p.window = {1, 2, 1, 1, {}};
  std::vector<int8_t> out(2);
  avg_pool_s8(p, std::vector<int8_t>{-1, 1, -2, 2}, out);  // channel means -1.5, 1.5
  EXPECT_EQ(out, (std::vector<int8_t>{-2, 2}));
  p.input = {2, 2, 1};
  p.window = {2, 2, 1, 1, {}};
  std::vector<int8_t> one(1);
  avg_pool_s8(p, std::vector<int8_t>{-1, -1, -1, -2}, one);  // -1.25
  EXPECT_EQ(one[0], -1);
  avg_pool_s8(p, std::vector<int8_t>{-1, -1, -2, -2}, one);  // -1.5
  EXPECT_EQ(one[0], -2);
  avg_pool_s8(p, std::vector<int8_t>{-128, -128, -128, -127}, one);  // -127.75
  EXPECT_EQ(one[0], -128);
}

TEST(ReferenceAvgPool, DividesByTheValidCountAndClamps) {
  // 3x3 input 1..9, 3x3 window, stride 2, padding 1: each window holds 4 inputs: 12/4, 16/4, 24/4, 28/4.
  PoolParams p;
  p.input = {3, 3, 1};
  p.window = {3, 3, 2, 2, {1, 1, 1, 1}};
  const std::vector<int8_t> input{1, 2, 3, 4, 5, 6, 7, 8, 9};
  std::vector<int8_t> out(4);
  avg_pool_s8(p, input, out);
  EXPECT_EQ(out, (std::vector<int8_t>{3, 4, 6, 7}));
  p.act = {-1, 5};
  avg_pool_s8(p, input, out);
  EXPECT_EQ(out, (std::vector<int8_t>{3, 4, 5, 5}));
  max_pool_s8(p, input, out);
  EXPECT_EQ(out, (std::vector<int8_t>{5, 5, 5, 5}));
  p.act = {};
  max_pool_s8(p, input, out);
  EXPECT_EQ(out, (std::vector<int8_t>{5, 6, 8, 9}));
}

// Random pooling against the mean and maximum of an explicitly padded input (padding marked, not read).
TEST(ReferencePool, RandomShapesMatchAnExplicitlyPaddedInput) {
  std::mt19937 rng(21);
  for (int trial = 0; trial < 200; ++trial) {
    PoolParams p;
    p.input = {uniform(rng, 1, 9), uniform(rng, 1, 9), uniform(rng, 1, 5)};
    Window& w = p.window;
    w.kh = uniform(rng, 1, std::min(p.input.h, 4));
    w.kw = uniform(rng, 1, std::min(p.input.w, 4));
    w.stride_h = uniform(rng, 1, 3);
    w.stride_w = uniform(rng, 1, 3);
    w.pad = {uniform(rng, 0, w.kh - 1), uniform(rng, 0, w.kh - 1), uniform(rng, 0, w.kw - 1), uniform(rng, 0, w.kw - 1)};
    p.act = trial % 3 == 0 ? ActivationRange{uniform(rng, -128, 0), uniform(rng, 1, 127)} : ActivationRange{};
    const Shape out = p.output();
    const std::vector<int8_t> input = random_values(rng, p.input.elements(), -128, 127);
    const int ph = p.input.h + w.pad.top + w.pad.bottom, pw = p.input.w + w.pad.left + w.pad.right;
    std::vector<int> padded(size_t(ph) * pw * p.input.c, 1000);  // 1000 marks padding
    for (int y = 0; y < p.input.h; ++y)
      for (int x = 0; x < p.input.w; ++x)
        for (int c = 0; c < p.input.c; ++c)
          padded[(size_t(y + w.pad.top) * pw + x + w.pad.left) * p.input.c + c] = input[(size_t(y) * p.input.w + x) * p.input.c + c];
    std::vector<int8_t> avg(out.elements()), max(out.elements());
    avg_pool_s8(p, input, avg);
    max_pool_s8(p, input, max);
    size_t i = 0;
    for (int oy = 0; oy < out.h; ++oy)
      for (int ox = 0; ox < out.w; ++ox)
        for (int c = 0; c < out.c; ++c, ++i) {
          std::vector<int> window;
          for (int ky = 0; ky < w.kh; ++ky)
            for (int kx = 0; kx < w.kw; ++kx) {
              const int v = padded[(size_t(oy * w.stride_h + ky) * pw + ox * w.stride_w + kx) * p.input.c + c];
              if (v != 1000) window.push_back(v);
            }
          ASSERT_FALSE(window.empty());
          const double mean = std::accumulate(window.begin(), window.end(), 0.0) / window.size();
          ASSERT_EQ(avg[i], std::clamp(int(std::round(mean)), p.act.min, p.act.max)) << "trial " << trial;
          ASSERT_EQ(max[i], std::clamp(*std::max_element(window.begin(), window.end()), p.act.min, p.act.max));
        }
  }
}

// ---- ADD -----------------------------------------------------------------------------------------------------------

TEST(ReferenceAdd, HandComputedDifferentScales) {
  const AddParams p = make_add_params(0.5, 0, 0.25, 0, 1.0, 0, {});
  EXPECT_EQ(p.left_shift, 20);
  std::vector<int8_t> out(3);
  add_s8(p, std::vector<int8_t>{3, -3, 10}, std::vector<int8_t>{2, 1, -8}, out);  // 2.0, -1.25, 3.0
  EXPECT_EQ(out, (std::vector<int8_t>{2, -1, 3}));
  // Zero points: 0.1 * (40 - 10) + 0.2 * (10 + 5) = 6.0 -> 6.0 / 0.3 + 7 = 27.
  const AddParams z = make_add_params(0.1, 10, 0.2, -5, 0.3, 7, {});
  std::vector<int8_t> one(1);
  add_s8(z, std::vector<int8_t>{40}, std::vector<int8_t>{10}, one);
  EXPECT_EQ(one[0], 27);
}

TEST(ReferenceAdd, SaturatesAndClamps) {
  std::vector<int8_t> out(2);
  add_s8(make_add_params(1.0, 0, 1.0, 0, 1.0, 0, {}), std::vector<int8_t>{100, -100}, std::vector<int8_t>{100, -100},
         out);
  EXPECT_EQ(out, (std::vector<int8_t>{127, -128}));
  add_s8(make_add_params(1.0, 0, 1.0, 0, 1.0, 0, {0, 6}), std::vector<int8_t>{3, -3}, std::vector<int8_t>{5, 1}, out);
  EXPECT_EQ(out, (std::vector<int8_t>{6, 0}));  // RELU6 as the range [0, 6]
}

TEST(ReferenceAdd, RandomScalesMatchDoublePrecision) {
  std::mt19937 rng(31);
  int exact = 0, total = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const double s1 = uniform_real(rng, 0.005, 0.2), s2 = uniform_real(rng, 0.005, 0.2), so = uniform_real(rng, 0.01, 0.3);
    const int32_t z1 = uniform(rng, -128, 127), z2 = uniform(rng, -128, 127), zo = uniform(rng, -20, 20);
    const ActivationRange act = random_activation(rng, so, zo);
    const AddParams p = make_add_params(s1, z1, s2, z2, so, zo, act);
    const std::vector<int8_t> a = random_values(rng, 16, -128, 127), b = random_values(rng, 16, -128, 127);
    std::vector<int8_t> out(16);
    add_s8(p, a, b, out);
    for (size_t i = 0; i < out.size(); ++i, ++total) {
      const double value = (s1 * (a[i] - z1) + s2 * (b[i] - z2)) / so;
      exact += expect_requantized(out[i], value, zo, act, 1e-4);
    }
  }
  EXPECT_GT(exact, total * 99 / 100);
}

// ---- PAD, RESHAPE, SOFTMAX -----------------------------------------------------------------------------------------

TEST(ReferencePad, OddPaddingOnEveryAxis) {
  PadParams p;
  p.input = {1, 2, 1};
  p.h_before = 1;
  p.h_after = 2;
  p.w_after = 1;
  p.c_before = 1;
  p.pad_value = -3;
  EXPECT_EQ(p.output(), (Shape{4, 3, 2}));
  std::vector<int8_t> out(24);
  pad_s8(p, std::vector<int8_t>{5, 6}, out);
  std::vector<int8_t> expected(24, -3);
  expected[(1 * 3 + 0) * 2 + 1] = 5;  // (y 1, x 0, c 1)
  expected[(1 * 3 + 1) * 2 + 1] = 6;
  EXPECT_EQ(out, expected);
}

TEST(ReferenceReshape, CopiesBytes) {
  const std::vector<int8_t> in{1, -2, 3, -128, 127};
  std::vector<int8_t> out(5);
  reshape(in, out);
  EXPECT_EQ(out, in);
  std::vector<int8_t> shorter(4);
  EXPECT_THROW(reshape(in, shorter), std::invalid_argument);
}

TEST(ReferenceSoftmax, ParamsFollowTflitePreprocessing) {
  // beta x scale = 2^-4: the real multiplier 2^-4 x 2^26 = 0.5 x 2^23 -> Q31 2^30, left shift 23; the input radius
  // floor(31 x 2^26 / 2^23) = 248.
  SoftmaxParams p = make_softmax_params(2, 5, 1.0 / 16, 1.0);
  EXPECT_EQ(p.rows, 2);
  EXPECT_EQ(p.depth, 5);
  EXPECT_EQ(p.input_multiplier, 1 << 30);
  EXPECT_EQ(p.input_left_shift, 23);
  EXPECT_EQ(p.diff_min, -248);
  // beta 2 x scale 0.1: 0.2 x 2^26 = 0.8 x 2^24 -> round(0.8 x 2^31) = 1717986918, shift 24; radius 31 x 4 = 124.
  p = make_softmax_params(1, 1, 0.1, 2.0);
  EXPECT_EQ(p.input_multiplier, 1717986918);
  EXPECT_EQ(p.input_left_shift, 24);
  EXPECT_EQ(p.diff_min, -124);
  EXPECT_THROW(make_softmax_params(1, 1, 16.0, 1.0), std::invalid_argument);   // the left shift would pass 31
  EXPECT_THROW(make_softmax_params(1, 1, 1e-9, 1.0), std::invalid_argument);   // TFLite needs a multiplier above 1
}

TEST(ReferenceSoftmax, HandComputed) {
  // p = 1/n for n equal inputs: n = 1 -> 256 - 128 clamps to 127; 2 -> 0; 3 -> round(85.33) - 128 = -43; 4 -> -64;
  // 256 -> 1 - 128 = -127; 600 -> round(0.43) - 128 = -128 (the exponentials sum past 512).
  for (auto [n, expected] : {std::pair{1, 127}, {2, 0}, {3, -43}, {4, -64}, {256, -127}, {600, -128}}) {
    std::vector<int8_t> out(n);
    softmax_s8(make_softmax_params(1, n, 0.1, 1.0), std::vector<int8_t>(n, 9), out);
    EXPECT_EQ(out, std::vector<int8_t>(n, int8_t(expected))) << n << " equal inputs";
  }
  // ln 3 apart: p = 0.75 and 0.25 -> 192 - 128 = 64 and 64 - 128 = -64 (input scale ln(3) / 10, difference 10).
  std::vector<int8_t> pair(2);
  softmax_s8(make_softmax_params(1, 2, std::log(3.0) / 10, 1.0), std::vector<int8_t>{-5, 5}, pair);
  EXPECT_EQ(pair, (std::vector<int8_t>{-64, 64}));
  // Scale 0.5: diff_min = -31; a difference of -127 is below it -> -128, and the maximum takes everything -> 127.
  std::vector<int8_t> out(4);
  softmax_s8(make_softmax_params(2, 2, 0.5, 1.0), std::vector<int8_t>{7, 7, 127, 0}, out);
  EXPECT_EQ(out, (std::vector<int8_t>{0, 0, 127, -128}));
}

// Against the real-valued softmax: every output within one step of clamp(round(256 p) - 128), and nearly all equal
// to it (the fixed-point exp, Q12.19 sum and Newton-Raphson reciprocal err by far less than a step).
TEST(ReferenceSoftmax, WithinOneStepOfTheFloatSoftmax) {
  std::mt19937 rng(41);
  int outputs = 0, exact = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const int depth = trial % 10 == 0 ? uniform(rng, 200, 1000) : uniform(rng, 1, 40);
    const double scale = uniform_real(rng, 0.005, 0.5), beta = uniform_real(rng, 0.5, 2.0);
    const SoftmaxParams p = make_softmax_params(1, depth, scale, beta);
    const std::vector<int8_t> in = random_values(rng, size_t(depth), -128, 127);
    std::vector<int8_t> out(in.size());
    softmax_s8(p, in, out);
    const int max_q = *std::max_element(in.begin(), in.end());
    double sum = 0;
    for (int8_t q : in) sum += std::exp(beta * scale * (q - max_q));
    for (int i = 0; i < depth; ++i) {
      const double p_i = std::exp(beta * scale * (in[i] - max_q)) / sum;
      const int predicted = std::clamp(int(std::round(p_i * 256)) - 128, -128, 127);
      EXPECT_LE(std::abs(out[i] - predicted), 1) << "p " << p_i << " depth " << depth;
      ++outputs;
      exact += out[i] == predicted;
    }
  }
  EXPECT_GE(exact, outputs * 99 / 100) << exact << " of " << outputs << " exact";
}

TEST(ReferenceSoftmax, RowsSumToOneWithinRounding) {
  std::mt19937 rng(41);
  for (int trial = 0; trial < 50; ++trial) {
    const SoftmaxParams p = make_softmax_params(uniform(rng, 1, 3), uniform(rng, 1, 20), uniform_real(rng, 0.01, 0.2), 1.0);
    const std::vector<int8_t> in = random_values(rng, size_t(p.rows) * p.depth, -128, 127);
    std::vector<int8_t> out(in.size());
    softmax_s8(p, in, out);
    for (int r = 0; r < p.rows; ++r) {
      double sum = 0;
      for (int i = 0; i < p.depth; ++i) sum += (out[size_t(r) * p.depth + i] + 128) / 256.0;
      EXPECT_NEAR(sum, 1.0, (p.depth + 1) / 512.0);
    }
  }
}

TEST(ReferenceSoftmax, RejectsBadParams) {
  std::vector<int8_t> out(4);
  const std::vector<int8_t> in(4, 0);
  SoftmaxParams p = make_softmax_params(1, 4, 0.1, 1.0);
  p.input_left_shift = 32;
  EXPECT_THROW(softmax_s8(p, in, out), std::invalid_argument);
  p = make_softmax_params(1, 4, 0.1, 1.0);
  p.diff_min = 1;
  EXPECT_THROW(softmax_s8(p, in, out), std::invalid_argument);
  EXPECT_THROW(softmax_s8(make_softmax_params(1, 3, 0.1, 1.0), in, out), std::invalid_argument);  // size mismatch
  std::vector<int8_t> wide(4096);
  EXPECT_THROW(softmax_s8(make_softmax_params(1, 4096, 0.1, 1.0), wide, wide), std::invalid_argument);
}

}  // namespace
}  // namespace mcuprof::ref
