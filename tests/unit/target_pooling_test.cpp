// MK_AVG_POOL_S8 and MK_MAX_POOL_S8 (kernels/target/pooling.c) on an M4 and an M7 board, described through
// sim/kernel_descriptors.h as the model runner describes them, equal bit for bit to ref::avg_pool_s8 / max_pool_s8.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "kernels/reference/kernels.h"
#include "sim/kernel_descriptors.h"
#include "tests/unit/target_mac_layer.h"

namespace mcuprof {
namespace {

using target_test::ArenaLayout;
using target_test::random_int8;

enum class Pool { kAverage, kMax };

std::vector<int8_t> run_on_target(KernelImage& image, Pool kind, const ref::PoolParams& p,
                                  std::span<const int8_t> in) {
  const bool average = kind == Pool::kAverage;
  const ArenaLayout arena(image, in, size_t(p.output().elements()), average ? size_t(avg_pool_scratch_bytes(p)) : 0);
  const mk_pool params = make_pool(p, arena.input, arena.output, arena.scratch);
  image.invoke(image.put_layer(average ? MK_AVG_POOL_S8 : MK_MAX_POOL_S8, image.put_flash_object(params)));
  return arena.read_output(image);
}

std::vector<int8_t> run_reference(Pool kind, const ref::PoolParams& p, std::span<const int8_t> in) {
  std::vector<int8_t> out(size_t(p.output().elements()));
  (kind == Pool::kAverage ? ref::avg_pool_s8 : ref::max_pool_s8)(p, in, out);
  return out;
}

void expect_matches_reference(KernelImage& image, Pool kind, const ref::PoolParams& p, std::span<const int8_t> in,
                              const std::string& what) {
  EXPECT_EQ(run_on_target(image, kind, p, in), run_reference(kind, p, in))
      << what << (kind == Pool::kAverage ? " avg" : " max") << " in " << p.input.h << "x" << p.input.w << "x"
      << p.input.c << " window " << p.window.kh << "x" << p.window.kw << " stride " << p.window.stride_h << ","
      << p.window.stride_w << " pad " << p.window.pad.top << "," << p.window.pad.bottom << "," << p.window.pad.left
      << "," << p.window.pad.right << " act [" << p.act.min << ", " << p.act.max << "]";
}

// NONE, RELU or RELU6-like clamps around a random zero point, or a narrow clamp both ends of which bite.
ref::ActivationRange random_range(SplitMix64& rng) {
  if (rng.uniform_int(0, 3) == 0) {
    const int32_t lo = rng.uniform_int(-40, 0);
    return {lo, lo + rng.uniform_int(0, 40)};
  }
  return target_test::random_activation(rng, rng.uniform_int(-128, 20));
}

// Window 1..4, stride 1..2, padding below the window on each side, an input at least as large as the window, odd
// and even channel counts.
ref::PoolParams random_pool(SplitMix64& rng) {
  ref::PoolParams p;
  ref::Window& w = p.window;
  w.kh = rng.uniform_int(1, 4), w.kw = rng.uniform_int(1, 4);
  w.stride_h = rng.uniform_int(1, 2), w.stride_w = rng.uniform_int(1, 2);
  w.pad = {rng.uniform_int(0, w.kh - 1), rng.uniform_int(0, w.kh - 1), rng.uniform_int(0, w.kw - 1),
           rng.uniform_int(0, w.kw - 1)};
  p.input = {rng.uniform_int(w.kh, w.kh + 5), rng.uniform_int(w.kw, w.kw + 5), rng.uniform_int(1, 19)};
  p.act = random_range(rng);
  return p;
}

class TargetPoolingTest : public ::testing::TestWithParam<const char*> {};

TEST_P(TargetPoolingTest, RandomShapesMatchReference) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0x9001);
  for (int trial = 0; trial < 60; ++trial) {
    const ref::PoolParams p = random_pool(rng);
    const std::vector<int8_t> in = random_int8(rng, size_t(p.input.elements()));
    for (Pool kind : {Pool::kAverage, Pool::kMax}) expect_matches_reference(image, kind, p, in, "trial " + std::to_string(trial));
  }
}

// The pooling layers of the zoo: DS-CNN's global 25x5 (S) and 13x5 (M, L) windows, MicroNet-AD's 4x4, the VWW
// model's 3x3, and a 2x2 stride-2 downsampling; channel counts as in those models (a multiple of 4 and not).
TEST_P(TargetPoolingTest, ZooWindowsMatchReference) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0x9002);
  struct Case {
    ref::Shape input;
    int kh, kw, stride;
  };
  const Case cases[] = {{{25, 5, 64}, 25, 5, 1}, {{13, 5, 172}, 13, 5, 1}, {{13, 5, 23}, 13, 5, 1},
                        {{4, 4, 276}, 4, 4, 1},  {{3, 3, 257}, 3, 3, 1},   {{8, 8, 33}, 2, 2, 2}};
  for (const Case& c : cases) {
    ref::PoolParams p;
    p.input = c.input;
    p.window = {c.kh, c.kw, c.stride, c.stride, {}};
    p.act = random_range(rng);
    const std::vector<int8_t> in = random_int8(rng, size_t(p.input.elements()));
    for (Pool kind : {Pool::kAverage, Pool::kMax}) expect_matches_reference(image, kind, p, in, "zoo");
  }
}

// Sums and maxima at the ends of int8 (all -128, all 127) and rounding ties of the mean (an even count whose sum is
// an odd multiple of half of it), with every activation range.
TEST_P(TargetPoolingTest, ExtremeValuesAndRoundingTiesMatchReference) {
  KernelImage image(load_board(GetParam()));
  SplitMix64 rng(0x9003);
  ref::PoolParams p;
  p.input = {4, 4, 7};
  p.window = {2, 2, 2, 2, {}};
  const std::vector<std::vector<int8_t>> inputs = {
      std::vector<int8_t>(112, -128), std::vector<int8_t>(112, 127), random_int8(rng, 112, -2, 2)};
  const ref::ActivationRange ranges[] = {{-128, 127}, {-128, -100}, {0, 127}, {-1, 1}, {100, 127}};
  for (const auto& in : inputs)
    for (ref::ActivationRange act : ranges) {
      p.act = act;
      for (Pool kind : {Pool::kAverage, Pool::kMax}) expect_matches_reference(image, kind, p, in, "extreme");
    }
}

INSTANTIATE_TEST_SUITE_P(ReferenceBoards, TargetPoolingTest, ::testing::Values("stm32f446re", "stm32f746zg"));

}  // namespace
}  // namespace mcuprof
