// MK_SOFTMAX_S8 (kernels/target/softmax.c) on an M4 and an M7 board, described through sim/kernel_descriptors.h as
// the model runner describes it, equal bit for bit to ref::softmax_s8 (TFLite's integer softmax).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "kernels/reference/kernels.h"
#include "sim/kernel_descriptors.h"
#include "tests/unit/target_mac_layer.h"

namespace mcuprof {
namespace {

using target_test::ArenaLayout;
using target_test::random_int8;

void expect_matches_reference(KernelImage& image, const ref::SoftmaxParams& p, std::span<const int8_t> in,
                              const std::string& what) {
  const ArenaLayout arena(image, in, in.size(), 0);
  image.invoke(image.put_layer(MK_SOFTMAX_S8, image.put_flash_object(make_softmax(p, arena.input, arena.output))));
  std::vector<int8_t> expected(in.size());
  ref::softmax_s8(p, in, expected);
  EXPECT_EQ(arena.read_output(image), expected)
      << what << ": " << p.rows << " x " << p.depth << ", multiplier " << p.input_multiplier << " shift "
      << p.input_left_shift << " diff_min " << p.diff_min;
}

// Input scales over three octaves around typical logits' (0.02 .. 0.5); rows spread over all of int8 or bunched
// within a few steps of each other (many terms near the maximum).
std::vector<int8_t> random_rows(SplitMix64& rng, size_t n) {
  if (rng.uniform_int(0, 1) == 0) return random_int8(rng, n);
  const int32_t centre = rng.uniform_int(-100, 100);
  return random_int8(rng, n, centre - 6, centre + 6);
}

class TargetSoftmaxTest : public ::testing::TestWithParam<const char*> {};

// The classifier widths of the zoo (2, 8, 10, 12) and others, one to three rows.
TEST_P(TargetSoftmaxTest, ClassifierWidthsMatchReference) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0x50F7);
  const int depths[] = {1, 2, 3, 8, 10, 12, 17, 40};
  for (int trial = 0; trial < 48; ++trial) {
    const int depth = depths[trial % 8];
    const ref::SoftmaxParams p = ref::make_softmax_params(rng.uniform_int(1, 3), depth, 0.02 + 0.48 * rng.uniform(), 1.0);
    expect_matches_reference(image, p, random_rows(rng, size_t(p.rows) * depth), "trial " + std::to_string(trial));
  }
}

// Many rows per call at several scales, so that outputs within a hair of a rounding tie occur: there any
// difference in the fixed-point steps would show.
TEST_P(TargetSoftmaxTest, ManyRowsMatchReference) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0x3A5);
  for (int trial = 0; trial < 8; ++trial) {
    const ref::SoftmaxParams p = ref::make_softmax_params(150, 12, 0.02 + 0.48 * rng.uniform(), 1.0);
    expect_matches_reference(image, p, random_rows(rng, size_t(p.rows) * p.depth), "trial " + std::to_string(trial));
  }
}

// ImageNet-sized rows: with a small input scale the exponentials sum past 512 (every output -128, the divide's
// exponent above 31); with a larger one most terms fall below diff_min.
TEST_P(TargetSoftmaxTest, ThousandWideRowsMatchReference) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0x1000);
  for (double scale : {0.004, 0.05, 0.3}) {
    const ref::SoftmaxParams p = ref::make_softmax_params(1, 1001, scale, 1.0);
    expect_matches_reference(image, p, random_rows(rng, 1001), "scale " + std::to_string(scale));
  }
}

// The ends of the accepted beta x scale range: a left shift of 31 (only the maximum survives diff_min) and a tiny
// scale (every difference far above diff_min, exponentials near one).
TEST_P(TargetSoftmaxTest, ExtremeScalesMatchReference) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0x5CA1E);
  for (double scale : {std::nextafter(16.0, 0.0), 1.0, 1e-6}) {
    const ref::SoftmaxParams p = ref::make_softmax_params(2, 12, scale, 1.0);
    expect_matches_reference(image, p, random_int8(rng, 24), "scale " + std::to_string(scale));
  }
}

INSTANTIATE_TEST_SUITE_P(ReferenceBoards, TargetSoftmaxTest, ::testing::Values("stm32f446re", "stm32f746zg"));

}  // namespace
}  // namespace mcuprof
