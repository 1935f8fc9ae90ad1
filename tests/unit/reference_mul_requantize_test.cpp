// Host references of MUL and int8 requantisation (kernels/reference/mul.cpp, requantize_op.cpp) against the real-number
// arithmetic they approximate: within one quantisation step everywhere, and exact on cases computed by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "kernels/reference/kernels.h"

namespace mcuprof::ref {
namespace {

double quantised(double real, double scale, int32_t zero_point, ActivationRange act) {
  return std::clamp(std::round(real / scale) + zero_point, double(act.min), double(act.max));
}

TEST(ReferenceMul, EveryInputPairWithinOneStepOfTheRealProduct) {
  const double s1 = 0.05, s2 = 0.02, so = 0.01;
  const int32_t z1 = 3, z2 = -7, zo = -5;
  const MulParams p = make_mul_params(s1, z1, s2, z2, so, zo, ActivationRange{});
  std::vector<int8_t> a, b;
  for (int x = -128; x < 128; ++x)
    for (int y = -128; y < 128; y += 5) {
      a.push_back(int8_t(x));
      b.push_back(int8_t(y));
    }
  std::vector<int8_t> out(a.size());
  mul_s8(p, a, b, out);
  for (size_t i = 0; i < out.size(); ++i)
    EXPECT_NEAR(out[i], quantised(s1 * (a[i] - z1) * s2 * (b[i] - z2), so, zo, {}), 1.0) << i;
}

TEST(ReferenceMul, ExactHandCasesAndActivationClamp) {
  // Scales 0.5 x 0.5 / 0.25 = 1: out = (a - 1) * (b + 2) + 0, clamped to RELU6's [0, 24] at scale 0.25.
  const MulParams p = make_mul_params(0.5, 1, 0.5, -2, 0.25, 0, ActivationRange{0, 24});
  const std::vector<int8_t> a{1, 2, 3, 5, -3, 11};
  const std::vector<int8_t> b{4, 3, 2, 4, 1, 9};
  std::vector<int8_t> out(a.size());
  mul_s8(p, a, b, out);
  EXPECT_EQ(out, (std::vector<int8_t>{0, 5, 8, 24, 0, 24}));
}

TEST(ReferenceRequantize, WithinOneStepAndExactForPowerOfTwoRatios) {
  const RequantizeParams p = make_requantize_params(0.03, 10, 0.07, -20, ActivationRange{});
  std::vector<int8_t> in(256), out(256);
  for (int i = 0; i < 256; ++i) in[i] = int8_t(i - 128);
  requantize_s8(p, in, out);
  for (int i = 0; i < 256; ++i) EXPECT_NEAR(out[i], quantised(0.03 * (in[i] - 10), 0.07, -20, {}), 1.0) << i;

  // Ratio 1/2: (q - 4) / 2 + 1, halves rounded up (the rounding doubling high multiply's ties go to +infinity).
  const RequantizeParams half = make_requantize_params(0.5, 4, 1.0, 1, ActivationRange{});
  const std::vector<int8_t> q{4, 5, 6, 3, 2, -128, 127};
  std::vector<int8_t> r(q.size());
  requantize_s8(half, q, r);
  EXPECT_EQ(r, (std::vector<int8_t>{1, 2, 2, 1, 0, -65, 63}));  // 0.5 -> 1, -0.5 -> 0, -132 / 2 = -66, 61.5 -> 62
}

TEST(ReferenceRequantize, SizesMustAgree) {
  std::vector<int8_t> in(3), out(4);
  EXPECT_THROW(requantize_s8(RequantizeParams{}, in, out), std::invalid_argument);
  EXPECT_THROW(mul_s8(MulParams{}, in, in, out), std::invalid_argument);
}

}  // namespace
}  // namespace mcuprof::ref
