// The target convolution kernels (kernels/target/convolution.c, convolution_int4.c) on both cores, invoked exactly as
// the model runner invokes them (sim/kernel_descriptors.h: make_conv, conv_kernel, conv_scratch_bytes, put_requant),
// equal bit for bit to the host reference (ref::conv2d_s8 / conv2d_w4a8 / conv1x1_w4a4): random shapes with odd
// channel counts and K = Kh*Kw*Cin not a multiple of 4 (int4 rows starting mid-byte), strides 1 and 2, SAME / VALID /
// uneven padding, every activation range, multipliers above 1, bias absent; and the DS-CNN / MicroNets layer shapes.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "kernels/reference/int4.h"
#include "kernels/reference/kernels.h"
#include "sim/kernel_descriptors.h"
#include "tests/unit/target_mac_layer.h"

namespace mcuprof {
namespace {

using target_test::random_window;

using target_test::ArenaLayout;

// int8 (weights and activations), int4 weights with int8 activations, or int4 both (1x1 only).
enum class Format { kS8, kW4A8, kW4A4 };

struct ConvCase {
  ref::ConvParams p;
  Format format = Format::kS8;
  std::vector<int8_t> input, weights;  // unpacked values (int4 ones in [-8, 7] where that format packs them)
  std::vector<int32_t> bias;
  std::vector<ref::Requant> requant;
};

// Random data and quantisation for a shape; int4 activations take int4 zero points and a clamp within [-8, 7].
ConvCase random_case(SplitMix64& rng, ref::Shape in, int out_c, ref::Window window, Format format) {
  ConvCase c;
  c.format = format;
  c.p.input = in;
  c.p.out_c = out_c;
  c.p.window = window;
  const bool a4 = format == Format::kW4A4, w4 = format != Format::kS8;
  const int32_t qmin = a4 ? -8 : -128, qmax = a4 ? 7 : 127;
  c.p.input_offset = -rng.uniform_int(qmin, qmax);
  c.p.output_offset = rng.uniform_int(qmin / 2, qmax / 2);  // room above it for RELU / RELU6 outputs
  c.p.act = ref::activation_range(static_cast<ref::Activation>(rng.uniform_int(0, 2)), a4 ? 0.5 : 0.05,
                                  c.p.output_offset, qmin, qmax);
  c.input = target_test::random_int8(rng, size_t(in.elements()), qmin, qmax);
  c.weights = target_test::random_weights(rng, size_t(out_c) * window.kh * window.kw * in.c, w4);
  const double acc_scale = (a4 ? 8.0 : 128.0) * (w4 ? 8 : 128) * std::sqrt(double(window.kh * window.kw * in.c));
  c.bias = target_test::random_bias(rng, size_t(out_c));
  for (int32_t& b : c.bias) b = rng.uniform_int(-int32_t(2 * acc_scale), int32_t(2 * acc_scale));  // not saturating
  for (int oc = 0; oc < out_c; ++oc) {
    // random_requant aims at +-100 (and above 1 now and then, for the left shift): a quarter of that keeps most int8
    // outputs inside the clamp, a sixteenth most int4 ones.
    const ref::Requant rq = target_test::random_requant(rng, acc_scale);
    const double real = std::ldexp(double(rq.multiplier), rq.shift - 31);
    c.requant.push_back(real < 1 ? ref::quantize_multiplier(real / (a4 ? 64 : 4)) : rq);
  }
  return c;
}


std::vector<int8_t> as_bytes(const std::vector<uint8_t>& v) { return {v.begin(), v.end()}; }

// The input as the tensor holds it: int8, or packed int4.
std::vector<int8_t> input_tensor(const ConvCase& c) {
  return c.format == Format::kW4A4 ? as_bytes(ref::pack_int4(c.input)) : c.input;
}

// The kernel the runner picks: conv_kernel for int8 activations; int4 activations have their one 1x1 kernel.
mk_kernel kernel_for(const ConvCase& c) {
  if (c.format == Format::kW4A4) return MK_CONV1X1_W4A4;
  return conv_kernel(c.p, c.format == Format::kS8 ? WeightFormat::kInt8 : WeightFormat::kInt4);
}

size_t output_bytes(const ConvCase& c) {
  const size_t n = size_t(c.p.output().elements());
  return c.format == Format::kW4A4 ? ref::int4_packed_bytes(n) : n;
}

// Runs the case on the target as the model runner would: operands in flash and the arena, the scratch it sizes.
std::vector<int8_t> run_target(KernelImage& image, const ConvCase& c) {
  const ArenaLayout arena(image, input_tensor(c), output_bytes(c), size_t(conv_scratch_bytes(c.p)));
  const RequantArrays rq = put_requant(image, c.requant);
  ConvOperands o;
  o.input = arena.input;
  o.weights = target_test::put_weights(image, c.weights, c.format != Format::kS8);
  o.bias = target_test::put_bias(image, c.bias);
  o.multipliers = rq.multipliers;
  o.shifts = rq.shifts;
  o.output = arena.output;
  o.scratch = arena.scratch;
  image.invoke(image.put_layer(kernel_for(c), image.put_flash_object(make_conv(c.p, o))));
  return arena.read_output(image);
}

std::vector<int8_t> run_reference(const ConvCase& c) {
  std::vector<int8_t> out(size_t(c.p.output().elements()));
  switch (c.format) {
    case Format::kS8:
      ref::conv2d_s8(c.p, c.input, c.weights, c.bias, c.requant, out);
      return out;
    case Format::kW4A8:
      ref::conv2d_w4a8(c.p, c.input, ref::pack_int4(c.weights), c.bias, c.requant, out);
      return out;
    case Format::kW4A4: {
      std::vector<uint8_t> packed(output_bytes(c));
      ref::conv1x1_w4a4(c.p, ref::pack_int4(c.input), ref::pack_int4(c.weights), c.bias, c.requant, packed);
      return as_bytes(packed);
    }
  }
  return out;
}

// The target output equals the reference, and the runner's choice of kernel for the case is `expected`.
void expect_matches_reference(KernelImage& image, const ConvCase& c, mk_kernel expected) {
  ASSERT_EQ(kernel_for(c), expected);
  const ref::Window& w = c.p.window;
  EXPECT_EQ(run_target(image, c), run_reference(c))
      << "in " << c.p.input.h << "x" << c.p.input.w << "x" << c.p.input.c << " -> " << c.p.out_c << " k " << w.kh << "x"
      << w.kw << " s" << w.stride_h << "," << w.stride_w << " pad " << w.pad.top << "," << w.pad.bottom << ","
      << w.pad.left << "," << w.pad.right << " act " << c.p.act.min << ".." << c.p.act.max
      << (c.bias.empty() ? " no bias" : "");
}

ref::Shape random_input(SplitMix64& rng, int max_hw, int max_c) {
  return {rng.uniform_int(1, max_hw), rng.uniform_int(1, max_hw), rng.uniform_int(1, max_c)};
}

// A general (im2col) window: at least one of size > 1, stride > 1 or padding, so conv_kernel does not take 1x1.
ConvCase random_general_case(SplitMix64& rng, Format format) {
  const ref::Shape in = random_input(rng, 7, 9);
  const int kh = rng.uniform_int(1, 4), kw = rng.uniform_int(1, 4);
  const int stride_h = rng.uniform_int(1, 2), stride_w = rng.uniform_int(1, 2);
  ref::Window w = random_window(rng, in, kh, kw, stride_h, stride_w, std::max(kh, kw) - 1);
  if (kh == 1 && kw == 1 && stride_h == 1 && stride_w == 1) w.pad.left = 1;  // keep it off the 1x1 fast path
  return random_case(rng, in, rng.uniform_int(1, 9), w, format);
}

ConvCase random_1x1_case(SplitMix64& rng, Format format) {
  return random_case(rng, random_input(rng, 5, 21), rng.uniform_int(1, 9), ref::Window{}, format);
}

class TargetConvolution : public ::testing::TestWithParam<const char*> {};

TEST_P(TargetConvolution, GeneralS8MatchesReferenceOnRandomShapes) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xC0A1);
  for (int i = 0; i < 40; ++i) expect_matches_reference(image, random_general_case(rng, Format::kS8), MK_CONV_S8);
}

TEST_P(TargetConvolution, PointwiseS8MatchesReferenceOnRandomShapes) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xC0A2);
  for (int i = 0; i < 40; ++i) expect_matches_reference(image, random_1x1_case(rng, Format::kS8), MK_CONV1X1_S8);
}

TEST_P(TargetConvolution, GeneralW4A8MatchesReferenceOnRandomShapes) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xC0A3);
  for (int i = 0; i < 40; ++i) expect_matches_reference(image, random_general_case(rng, Format::kW4A8), MK_CONV_W4A8);
}

TEST_P(TargetConvolution, PointwiseW4A8MatchesReferenceOnRandomShapes) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xC0A4);
  for (int i = 0; i < 40; ++i) expect_matches_reference(image, random_1x1_case(rng, Format::kW4A8), MK_CONV1X1_W4A8);
}

TEST_P(TargetConvolution, PointwiseW4A4MatchesReferenceOnRandomShapes) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xC0A5);
  for (int i = 0; i < 40; ++i) expect_matches_reference(image, random_1x1_case(rng, Format::kW4A4), MK_CONV1X1_W4A4);
}

// Each format under each activation clamp (NONE, RELU, RELU6) and without bias, on a shape with every leftover.
TEST_P(TargetConvolution, EveryActivationRangeAndAbsentBias) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xC0A6);
  for (Format format : {Format::kS8, Format::kW4A8, Format::kW4A4})
    for (int act = 0; act < 3; ++act)
      for (bool bias : {false, true}) {
        const bool a4 = format == Format::kW4A4;
        const ref::Window window = a4 ? ref::Window{} : ref::same_window({5, 3, 3}, 3, 3, 1, 1);
        ConvCase c = random_case(rng, {5, 3, a4 ? 7 : 3}, 5, window, format);
        c.p.act = ref::activation_range(static_cast<ref::Activation>(act), a4 ? 0.5 : 0.05, c.p.output_offset,
                                        a4 ? -8 : -128, a4 ? 7 : 127);
        if (!bias) c.bias.clear();
        expect_matches_reference(image, c, kernel_for(c));
      }
}

// The DS-CNN first layers (models.md): conv 10x4 on 49x10x1 with SAME padding, stride (2, 2) (DS-CNN-S) and (2, 1)
// (DS-CNN-M/L); a few output channels keep it fast (the window, padding and the K = 40 rows are the full layer's).
TEST_P(TargetConvolution, DsCnnFirstLayerShape) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xC0A7);
  const ref::Shape in{49, 10, 1};
  for (int stride_w : {2, 1})
    for (Format format : {Format::kS8, Format::kW4A8})
      expect_matches_reference(image, random_case(rng, in, 5, ref::same_window(in, 10, 4, 2, stride_w), format),
                               format == Format::kS8 ? MK_CONV_S8 : MK_CONV_W4A8);
}

// A 3x3 convolution with odd input channels (K = 27, 45: not a multiple of 4; odd K puts every other int4 weight row
// mid-byte), stride 1 and 2.
TEST_P(TargetConvolution, ThreeByThreeWithOddInputChannels) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xC0A8);
  for (int cin : {3, 5})
    for (int stride : {1, 2})
      for (Format format : {Format::kS8, Format::kW4A8}) {
        const ref::Shape in{6, 5, cin};
        expect_matches_reference(image, random_case(rng, in, 7, ref::same_window(in, 3, 3, stride, stride), format),
                                 format == Format::kS8 ? MK_CONV_S8 : MK_CONV_W4A8);
      }
}

// The MicroNets classifier: a 1x1 convolution to 12 classes on the pooled 1x1xC vector (one pixel: the odd-pixel
// path alone), with odd C too.
TEST_P(TargetConvolution, PointwiseClassifierOnOnePixel) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xC0A9);
  for (int c : {64, 63})
    for (Format format : {Format::kS8, Format::kW4A8, Format::kW4A4}) {
      const ConvCase cc = random_case(rng, {1, 1, c}, 12, ref::Window{}, format);
      expect_matches_reference(image, cc, kernel_for(cc));
    }
}

// A DS-CNN pointwise layer's width (64 -> 64) on a few pixels, odd pixel count.
TEST_P(TargetConvolution, PointwiseDsCnnWidth) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xC0AA);
  for (Format format : {Format::kS8, Format::kW4A8, Format::kW4A4}) {
    const ConvCase c = random_case(rng, {3, 1, 64}, 64, ref::Window{}, format);
    expect_matches_reference(image, c, kernel_for(c));
  }
}

INSTANTIATE_TEST_SUITE_P(ReferenceCores, TargetConvolution, ::testing::Values("stm32f446re", "stm32f746zg"));

}  // namespace
}  // namespace mcuprof
