// The target depthwise kernels (kernels/target/depthwise.c) on both cores, invoked exactly as the model runner invokes
// them (sim/kernel_descriptors.h: make_depthwise, depthwise_kernel, depthwise_scratch_bytes, put_requant), equal bit
// for bit to the host reference (ref::depthwise_conv2d_s8 / depthwise_conv2d_w4a8) on random shapes: odd channel
// counts, channels not a multiple of 4, strides 1 and 2, SAME / VALID / uneven padding, multipliers above 1, 5x5
// windows, every activation range, bias absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "kernels/reference/kernels.h"
#include "sim/kernel_descriptors.h"
#include "tests/unit/target_mac_layer.h"

namespace mcuprof {
namespace {

using target_test::ArenaLayout;
using target_test::random_window;

struct DepthwiseCase {
  ref::DepthwiseParams p;
  std::vector<int8_t> input, weights;  // weights unpacked (int4 values when int4)
  std::vector<int32_t> bias;
  std::vector<ref::Requant> requant;
  bool int4 = false;
};

// Random data and quantisation for a shape.
DepthwiseCase random_case(SplitMix64& rng, ref::Shape in, int multiplier, ref::Window window, bool int4) {
  DepthwiseCase c;
  c.int4 = int4;
  c.p.input = in;
  c.p.depth_multiplier = multiplier;
  c.p.window = window;
  c.p.input_offset = -rng.uniform_int(-128, 127);
  c.p.output_offset = rng.uniform_int(-128, 127);
  c.p.act = target_test::random_activation(rng, c.p.output_offset);
  const int out_c = in.c * multiplier;
  c.input = target_test::random_int8(rng, size_t(in.elements()));
  c.weights = target_test::random_weights(rng, size_t(window.kh) * window.kw * out_c, int4);
  c.bias = target_test::random_bias(rng, size_t(out_c));
  const double acc_scale = 128.0 * (int4 ? 8 : 128) * std::sqrt(double(window.kh * window.kw));
  for (int oc = 0; oc < out_c; ++oc) c.requant.push_back(target_test::random_requant(rng, acc_scale));
  return c;
}


// Runs the case on the target as the model runner would: the kernel depthwise_kernel picks, its scratch.
std::vector<int8_t> run_target(KernelImage& image, const DepthwiseCase& c, mk_kernel kernel) {
  const ref::Shape out = c.p.output();
  const ArenaLayout arena(image, c.input, size_t(out.elements()), size_t(depthwise_scratch_bytes(c.p)));
  const RequantArrays rq = put_requant(image, c.requant);
  ConvOperands o;
  o.input = arena.input;
  o.weights = target_test::put_weights(image, c.weights, c.int4);
  o.bias = target_test::put_bias(image, c.bias);
  o.multipliers = rq.multipliers;
  o.shifts = rq.shifts;
  o.output = arena.output;
  o.scratch = arena.scratch;
  image.invoke(image.put_layer(kernel, image.put_flash_object(make_depthwise(c.p, o))));
  return arena.read_output(image);
}

std::vector<int8_t> run_reference(const DepthwiseCase& c) {
  std::vector<int8_t> out(size_t(c.p.output().elements()));
  if (c.int4)
    ref::depthwise_conv2d_w4a8(c.p, c.input, ref::pack_int4(c.weights), c.bias, c.requant, out);
  else
    ref::depthwise_conv2d_s8(c.p, c.input, c.weights, c.bias, c.requant, out);
  return out;
}

// The target output equals the reference; the kernel depthwise_kernel picks for the case must be `expected`.
void expect_matches_reference(KernelImage& image, const DepthwiseCase& c, mk_kernel expected) {
  const mk_kernel kernel = depthwise_kernel(c.p, c.int4 ? WeightFormat::kInt4 : WeightFormat::kInt8);
  ASSERT_EQ(kernel, expected);
  const ref::Window& w = c.p.window;
  EXPECT_EQ(run_target(image, c, kernel), run_reference(c))
      << "in " << c.p.input.h << "x" << c.p.input.w << "x" << c.p.input.c << " x" << c.p.depth_multiplier << " k "
      << w.kh << "x" << w.kw << " s" << w.stride_h << " pad " << w.pad.top << "," << w.pad.bottom << "," << w.pad.left
      << "," << w.pad.right << " act " << c.p.act.min << ".." << c.p.act.max << (c.bias.empty() ? " no bias" : "");
}

ref::Shape random_input(SplitMix64& rng, int max_c) {
  return {rng.uniform_int(1, 7), rng.uniform_int(1, 7), rng.uniform_int(1, max_c)};
}

class TargetDepthwise : public ::testing::TestWithParam<const char*> {};

TEST_P(TargetDepthwise, Specialised3x3MatchesReferenceOnRandomShapes) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xD3D3);
  for (int i = 0; i < 40; ++i) {
    const ref::Shape in = random_input(rng, 13);
    const int stride = rng.uniform_int(1, 2);
    expect_matches_reference(image, random_case(rng, in, 1, random_window(rng, in, 3, 3, stride, stride, 1), false),
                             MK_DEPTHWISE3X3_S8);
  }
}

TEST_P(TargetDepthwise, Specialised3x3MatchesReferenceOnDsCnnLayer) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xD5C1);
  const ref::Shape in{25, 5, 64};  // DS-CNN-S's depthwise layers (models.md)
  expect_matches_reference(image, random_case(rng, in, 1, ref::same_window(in, 3, 3, 1, 1), false), MK_DEPTHWISE3X3_S8);
}

TEST_P(TargetDepthwise, GeneralMatchesReferenceWithMultiplierOne) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0x6E1);
  for (int i = 0; i < 30; ++i) {
    const ref::Shape in = random_input(rng, 11);
    // Windows the 3x3 kernel does not take: 5x5, 1x1, 3x5 and 3x3 with padding 2.
    static constexpr int kWindows[][3] = {{5, 5, 4}, {1, 1, 0}, {3, 5, 2}, {3, 3, 2}};
    const auto& k = kWindows[i % 4];
    const int stride = rng.uniform_int(1, 2);
    ref::Window w = random_window(rng, in, k[0], k[1], stride, stride, k[2]);
    if (k[0] == 3 && k[1] == 3) w.pad.left = 2;
    expect_matches_reference(image, random_case(rng, in, 1, w, false), MK_DEPTHWISE_S8);
  }
}

TEST_P(TargetDepthwise, GeneralMatchesReferenceWithMultiplierAboveOne) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0x3417);
  for (int i = 0; i < 30; ++i) {
    const ref::Shape in = random_input(rng, 6);
    const int k = rng.uniform_int(1, 5);
    const int stride = rng.uniform_int(1, 2);
    const ref::Window w = random_window(rng, in, k, k == 1 ? 1 : 3, stride, stride, k - 1);
    expect_matches_reference(image, random_case(rng, in, rng.uniform_int(2, 3), w, false), MK_DEPTHWISE_S8);
  }
}

TEST_P(TargetDepthwise, Int4WeightsMatchReferenceOnRandomShapes) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0x4444);
  for (int i = 0; i < 40; ++i) {
    const ref::Shape in = random_input(rng, 13);
    const int k = i % 2 == 0 ? 3 : rng.uniform_int(1, 5);  // half the 3x3 shape, half anything
    const int multiplier = i % 4 == 3 ? 2 : 1;
    const int stride = rng.uniform_int(1, 2);
    const ref::Window w = random_window(rng, in, k, k, stride, stride, std::max(k - 1, 0));
    expect_matches_reference(image, random_case(rng, in, multiplier, w, true), MK_DEPTHWISE_W4A8);
  }
}

INSTANTIATE_TEST_SUITE_P(ReferenceCores, TargetDepthwise, ::testing::Values("stm32f446re", "stm32f746zg"));

}  // namespace
}  // namespace mcuprof
