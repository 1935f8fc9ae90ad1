// MK_ADD_S8 and MK_PAD_S8 (kernels/target/elementwise.c) on an M4 and an M7 board, described through
// sim/kernel_descriptors.h as the model runner describes them, equal bit for bit to ref::add_s8 / ref::pad_s8.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kernels/reference/kernels.h"
#include "sim/kernel_descriptors.h"
#include "tests/unit/target_mac_layer.h"

namespace mcuprof {
namespace {

using target_test::ArenaLayout;
using target_test::random_int8;

// Both inputs back to back in the arena (the second one at any alignment), the output after them.
std::vector<int8_t> add_on_target(KernelImage& image, const ref::AddParams& p, std::span<const int8_t> in1,
                                  std::span<const int8_t> in2) {
  std::vector<int8_t> both(in1.begin(), in1.end());
  both.insert(both.end(), in2.begin(), in2.end());
  const ArenaLayout arena(image, both, in1.size(), 0);
  const mk_add params = make_add(p, int32_t(in1.size()), arena.input, arena.input + uint32_t(in1.size()), arena.output);
  image.invoke(image.put_layer(MK_ADD_S8, image.put_flash_object(params)));
  return arena.read_output(image);
}

std::vector<int8_t> pad_on_target(KernelImage& image, const ref::PadParams& p, std::span<const int8_t> in) {
  const ArenaLayout arena(image, in, size_t(p.output().elements()), 0);
  image.invoke(image.put_layer(MK_PAD_S8, image.put_flash_object(make_pad(p, arena.input, arena.output))));
  return arena.read_output(image);
}

// TFLite's ADD quantisation with scales in [0.02, 0.2] (so either input may be the larger one), any zero points, and
// an output activation range (NONE, RELU, RELU6-like).
ref::AddParams random_add(SplitMix64& rng) {
  auto scale = [&] { return 0.02 + 0.18 * rng.uniform(); };
  const int32_t output_zero_point = rng.uniform_int(-128, 127);
  return ref::make_add_params(scale(), rng.uniform_int(-128, 127), scale(), rng.uniform_int(-128, 127), scale(),
                              output_zero_point, target_test::random_activation(rng, output_zero_point));
}

class TargetElementwiseTest : public ::testing::TestWithParam<const char*> {};

// Counts 1..70 cover the 4-element loop and every leftover count.
TEST_P(TargetElementwiseTest, AddMatchesReference) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xADD);
  for (int trial = 0; trial < 80; ++trial) {
    const ref::AddParams p = random_add(rng);
    const size_t n = size_t(rng.uniform_int(1, 70));
    const std::vector<int8_t> in1 = random_int8(rng, n), in2 = random_int8(rng, n);
    std::vector<int8_t> expected(n);
    ref::add_s8(p, in1, in2, expected);
    EXPECT_EQ(add_on_target(image, p, in1, in2), expected) << "trial " << trial << ", " << n << " elements";
  }
}

// The ends of int8 on both inputs with zero points at both ends: offsets of +-128 and sums at the clamp.
TEST_P(TargetElementwiseTest, AddAtTheEndsOfInt8MatchesReference) {
  KernelImage image(load_board(GetParam()));
  const std::vector<int8_t> in1 = {-128, -128, 127, 127, 0, -1, 1, -128, 127};
  const std::vector<int8_t> in2 = {-128, 127, -128, 127, 0, 1, -1, 127, -128};
  for (int32_t zp : {-128, 127, 0})
    for (double scale2 : {0.02, 0.05, 0.2}) {
      const ref::AddParams p = ref::make_add_params(0.05, zp, scale2, -zp / 2, 0.03, zp / 3, {-128, 127});
      std::vector<int8_t> expected(in1.size());
      ref::add_s8(p, in1, in2, expected);
      EXPECT_EQ(add_on_target(image, p, in1, in2), expected) << "zero point " << zp << ", scale " << scale2;
    }
}

// Padding on each side of H, W and C (zero on some), odd channel counts, any pad value; the channels unpadded in one
// case out of three (the row-copy path).
TEST_P(TargetElementwiseTest, PadMatchesReference) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0xFAD);
  for (int trial = 0; trial < 60; ++trial) {
    ref::PadParams p;
    p.input = {rng.uniform_int(1, 6), rng.uniform_int(1, 6), rng.uniform_int(1, 9)};
    p.h_before = rng.uniform_int(0, 2), p.h_after = rng.uniform_int(0, 2);
    p.w_before = rng.uniform_int(0, 2), p.w_after = rng.uniform_int(0, 2);
    const bool channels = rng.uniform_int(0, 2) != 0;
    p.c_before = channels ? rng.uniform_int(0, 5) : 0, p.c_after = channels ? rng.uniform_int(0, 5) : 0;
    p.pad_value = static_cast<int8_t>(rng.uniform_int(-128, 127));
    const std::vector<int8_t> in = random_int8(rng, size_t(p.input.elements()));
    std::vector<int8_t> expected(size_t(p.output().elements()));
    ref::pad_s8(p, in, expected);
    EXPECT_EQ(pad_on_target(image, p, in), expected)
        << "trial " << trial << ": in " << p.input.h << "x" << p.input.w << "x" << p.input.c << " pad h " << p.h_before
        << "," << p.h_after << " w " << p.w_before << "," << p.w_after << " c " << p.c_before << "," << p.c_after;
  }
}

INSTANTIATE_TEST_SUITE_P(ReferenceBoards, TargetElementwiseTest, ::testing::Values("stm32f446re", "stm32f746zg"));

}  // namespace
}  // namespace mcuprof
