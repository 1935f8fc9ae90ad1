// The target fully connected kernels (kernels/target/fully_connected.c) on both cores, invoked exactly as the model
// runner invokes them (sim/kernel_descriptors.h: make_fully_connected, fully_connected_kernel), equal bit for bit to
// the host reference (ref::fully_connected_s8 / fully_connected_w4a8): the zoo's classifier and autoencoder shapes,
// odd in and out counts (int4 rows starting mid-byte), every activation range, bias absent.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "kernels/reference/kernels.h"
#include "sim/kernel_descriptors.h"
#include "tests/unit/target_mac_layer.h"

namespace mcuprof {
namespace {

using target_test::ArenaLayout;

struct FullyConnectedCase {
  ref::FullyConnectedParams p;
  std::vector<int8_t> input, weights;  // weights unpacked (int4 values when int4)
  std::vector<int32_t> bias;
  ref::Requant requant;
  bool int4 = false;
};

FullyConnectedCase random_case(SplitMix64& rng, int in, int out, bool int4) {
  FullyConnectedCase c;
  c.int4 = int4;
  c.p.in_features = in;
  c.p.out_features = out;
  c.p.input_offset = -rng.uniform_int(-128, 127);
  c.p.output_offset = rng.uniform_int(-128, 127);
  c.p.act = target_test::random_activation(rng, c.p.output_offset);
  c.input = target_test::random_int8(rng, size_t(in));
  c.weights = target_test::random_weights(rng, size_t(in) * out, int4);
  c.bias = target_test::random_bias(rng, size_t(out));
  c.requant = target_test::random_requant(rng, 128.0 * (int4 ? 8 : 128) * std::sqrt(double(in)));
  return c;
}

std::vector<int8_t> run_target(KernelImage& image, const FullyConnectedCase& c) {
  const ArenaLayout arena(image, c.input, size_t(c.p.out_features), 0);
  FullyConnectedOperands o;
  o.input = arena.input;
  o.weights = target_test::put_weights(image, c.weights, c.int4);
  o.bias = target_test::put_bias(image, c.bias);
  o.output = arena.output;
  const mk_kernel kernel = fully_connected_kernel(c.int4 ? WeightFormat::kInt4 : WeightFormat::kInt8);
  image.invoke(image.put_layer(kernel, image.put_flash_object(make_fully_connected(c.p, c.requant, o))));
  return arena.read_output(image);
}

std::vector<int8_t> run_reference(const FullyConnectedCase& c) {
  std::vector<int8_t> out(size_t(c.p.out_features));
  if (c.int4)
    ref::fully_connected_w4a8(c.p, c.input, ref::pack_int4(c.weights), c.bias, c.requant, out);
  else
    ref::fully_connected_s8(c.p, c.input, c.weights, c.bias, c.requant, out);
  return out;
}

void expect_matches_reference(KernelImage& image, const FullyConnectedCase& c) {
  EXPECT_EQ(run_target(image, c), run_reference(c))
      << c.p.in_features << " -> " << c.p.out_features << (c.int4 ? " int4" : " int8") << " act " << c.p.act.min << ".."
      << c.p.act.max << " offsets " << c.p.input_offset << "," << c.p.output_offset
      << (c.bias.empty() ? " no bias" : "");
}

// The zoo's classifiers (DS-CNN S/M/L, VWW, IC) and autoencoder layers (models.md).
constexpr int kModelShapes[][2] = {{64, 12}, {172, 12}, {276, 12}, {256, 2}, {64, 10}, {640, 128}, {128, 8}, {8, 128}};

class TargetFullyConnected : public ::testing::TestWithParam<const char*> {};

TEST_P(TargetFullyConnected, MatchesReferenceOnModelShapes) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xFC01);
  for (const auto& s : kModelShapes) expect_matches_reference(image, random_case(rng, s[0], s[1], false));
}

TEST_P(TargetFullyConnected, MatchesReferenceOnOddShapes) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xFC02);
  for (int i = 0; i < 60; ++i)
    expect_matches_reference(image, random_case(rng, rng.uniform_int(1, 41), rng.uniform_int(1, 9), false));
}

TEST_P(TargetFullyConnected, Int4WeightsMatchReferenceOnModelShapes) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xFC03);
  for (const auto& s : kModelShapes) expect_matches_reference(image, random_case(rng, s[0], s[1], true));
}

TEST_P(TargetFullyConnected, Int4WeightsMatchReferenceWithRowsStartingMidByte) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xFC04);
  for (int i = 0; i < 60; ++i) {
    const int in = 2 * rng.uniform_int(0, 20) + (i % 3 == 0 ? 2 : 1);  // mostly odd: every other row mid-byte
    expect_matches_reference(image, random_case(rng, in, rng.uniform_int(1, 9), true));
  }
}

INSTANTIATE_TEST_SUITE_P(ReferenceCores, TargetFullyConnected, ::testing::Values("stm32f446re", "stm32f746zg"));

}  // namespace
}  // namespace mcuprof
