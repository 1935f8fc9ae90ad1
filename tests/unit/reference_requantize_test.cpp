// The host reference's requantisation primitives (kernels/reference/requantize.h) and int4 packing
// (kernels/reference/int4.h), against hand-computed values and against independent wide-integer or double arithmetic.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "kernels/reference/int4.h"
#include "kernels/reference/requantize.h"

namespace mcuprof::ref {
namespace {

constexpr int32_t k2p30 = int32_t{1} << 30;
constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
constexpr int32_t kMax = std::numeric_limits<int32_t>::max();

void expect_requant(Requant got, int32_t multiplier, int shift) {
  EXPECT_EQ(got.multiplier, multiplier);
  EXPECT_EQ(got.shift, shift);
}

TEST(ReferenceRequantize, QuantizeMultiplierHandValues) {
  expect_requant(quantize_multiplier(0.5), k2p30, 0);
  expect_requant(quantize_multiplier(1.0), k2p30, 1);
  expect_requant(quantize_multiplier(0.25), k2p30, -1);
  expect_requant(quantize_multiplier(3.0), 1610612736, 2);   // 0.75 * 2^31, 3 = 0.75 * 2^2
  expect_requant(quantize_multiplier(0.75), 1610612736, 0);
  expect_requant(quantize_multiplier(0.0), 0, 0);
  expect_requant(quantize_multiplier(1.0 - std::ldexp(1.0, -33)), k2p30, 1);  // the fraction rounds up to 1.0
  expect_requant(quantize_multiplier(std::ldexp(1.0, -40)), 0, 0);            // below 2^-32: zero
  expect_requant(quantize_multiplier(std::ldexp(0.5, -31)), k2p30, -31);      // the smallest kept
  // 0.1 = 0.8 * 2^-3; round(0.8 * 2^31) = 1717986918.4 -> 1717986918.
  expect_requant(quantize_multiplier(0.1), 1717986918, -3);
}

TEST(ReferenceRequantize, QuantizeMultiplierIsWithinHalfAStep) {
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> exponent(-30.0, 20.0);
  for (int i = 0; i < 10000; ++i) {
    const double real = std::exp2(exponent(rng));
    const Requant q = quantize_multiplier(real);
    ASSERT_GE(q.multiplier, k2p30);
    const double step = std::ldexp(1.0, q.shift - 31);
    EXPECT_LE(std::abs(q.multiplier * step - real), step / 2) << real;
  }
}

// round(a * b / 2^31), ties towards +infinity, in 128-bit arithmetic: floor((2ab + 2^31) / 2^32).
int32_t srdhm_wide(int32_t a, int32_t b) {
  const __int128 twice = __int128(2) * a * b + (__int128(1) << 31);
  return static_cast<int32_t>(twice >> 32);  // arithmetic shift of a signed value = floor
}

TEST(ReferenceRequantize, SaturatingRoundingDoublingHighMul) {
  EXPECT_EQ(saturating_rounding_doubling_high_mul(k2p30, k2p30), int32_t{1} << 29);
  EXPECT_EQ(saturating_rounding_doubling_high_mul(1, k2p30), 1);    // 0.5 -> 1
  EXPECT_EQ(saturating_rounding_doubling_high_mul(-1, k2p30), 0);   // -0.5 -> 0 (tie towards +infinity)
  EXPECT_EQ(saturating_rounding_doubling_high_mul(3, k2p30), 2);    // 1.5 -> 2
  EXPECT_EQ(saturating_rounding_doubling_high_mul(-3, k2p30), -1);  // -1.5 -> -1
  EXPECT_EQ(saturating_rounding_doubling_high_mul(kMin, kMin), kMax);
  EXPECT_EQ(saturating_rounding_doubling_high_mul(kMin, kMax), -kMax);
  std::mt19937 rng(2);
  std::uniform_int_distribution<int32_t> any(kMin, kMax);
  for (int i = 0; i < 100000; ++i) {
    const int32_t a = any(rng), b = any(rng) >> (i % 31);
    if (a == kMin && b == kMin) continue;
    ASSERT_EQ(saturating_rounding_doubling_high_mul(a, b), srdhm_wide(a, b)) << a << " * " << b;
  }
}

TEST(ReferenceRequantize, RoundingDivideByPowerOfTwoRoundsHalfAwayFromZero) {
  EXPECT_EQ(rounding_divide_by_pot(5, 1), 3);
  EXPECT_EQ(rounding_divide_by_pot(-5, 1), -3);
  EXPECT_EQ(rounding_divide_by_pot(4, 1), 2);
  EXPECT_EQ(rounding_divide_by_pot(-6, 2), -2);  // -1.5
  EXPECT_EQ(rounding_divide_by_pot(-5, 2), -1);  // -1.25
  EXPECT_EQ(rounding_divide_by_pot(-7, 2), -2);  // -1.75
  EXPECT_EQ(rounding_divide_by_pot(7, 0), 7);
  EXPECT_EQ(rounding_divide_by_pot(kMin, 31), -1);
  EXPECT_EQ(rounding_divide_by_pot(kMax, 31), 1);
  std::mt19937 rng(3);
  std::uniform_int_distribution<int32_t> any(kMin, kMax);
  for (int i = 0; i < 100000; ++i) {
    const int32_t x = any(rng);
    const int e = i % 32;
    ASSERT_EQ(rounding_divide_by_pot(x, e), static_cast<int32_t>(std::round(std::ldexp(double(x), -e)))) << x << " " << e;
  }
}

TEST(ReferenceRequantize, MultiplyByQuantizedMultiplierHandValues) {
  EXPECT_EQ(multiply_by_quantized_multiplier(3, {k2p30, 2}), 6);     // 3 * 2: left shift then * 0.5
  EXPECT_EQ(multiply_by_quantized_multiplier(-5, {k2p30, -1}), -1);  // -1.25
  EXPECT_EQ(multiply_by_quantized_multiplier(-6, {k2p30, -1}), -2);  // -1.5, away from zero
  EXPECT_EQ(multiply_by_quantized_multiplier(6, {k2p30, -1}), 2);    // 1.5
  EXPECT_EQ(multiply_by_quantized_multiplier(10, {k2p30, -2}), 1);   // 1.25
  EXPECT_EQ(multiply_by_quantized_multiplier(-3, {k2p30, 0}), -1);   // -1.5 with no right shift: the high multiply's tie
  EXPECT_EQ(multiply_by_quantized_multiplier(1000, {0, 0}), 0);
  // The left shift wraps in 32 bits as the MCU's LSL does: 2^30 << 2 == 0.
  EXPECT_EQ(multiply_by_quantized_multiplier(k2p30, {k2p30, 2}), 0);
}

TEST(ReferenceRequantize, MultiplyByQuantizedMultiplierMatchesRealProduct) {
  std::mt19937_64 rng(4);
  std::uniform_real_distribution<double> exponent(-20.0, 6.0);
  std::uniform_int_distribution<int32_t> acc(-1 << 20, 1 << 20);
  int exact = 0, total = 0;
  for (int i = 0; i < 20000; ++i) {
    const double real = std::exp2(exponent(rng));
    const int32_t x = acc(rng);
    if (std::abs(x * real) > 1e6) continue;
    const Requant q = quantize_multiplier(real);
    const double value = x * real;
    const int32_t got = multiply_by_quantized_multiplier(x, q);
    // Error bound: the high multiply rounds to 1/2^(right shift + 1) of the result, the Q31 multiplier to 2^-31.
    const double margin = std::ldexp(1.0, std::min(q.shift, 0) - 1) + std::abs(value) * std::ldexp(1.0, -30);
    const double distance_to_tie = std::abs(value - std::floor(value) - 0.5);
    ++total;
    if (distance_to_tie > margin) {
      ASSERT_EQ(got, std::round(value)) << x << " * " << real;
      ++exact;
    } else {
      ASSERT_LE(std::abs(got - std::round(value)), 1) << x << " * " << real;
    }
  }
  EXPECT_GT(exact, total * 3 / 4);  // multipliers >= 0.5 round only in the high multiply: every case is "near"
}

TEST(ReferenceRequantize, ActivationRanges) {
  auto expect_range = [](ActivationRange r, int32_t min, int32_t max) {
    EXPECT_EQ(r.min, min);
    EXPECT_EQ(r.max, max);
  };
  expect_range(activation_range(Activation::kNone, 0.05, -10), -128, 127);
  expect_range(activation_range(Activation::kRelu, 0.05, -10), -10, 127);
  expect_range(activation_range(Activation::kRelu6, 0.05, -10), -10, 110);  // -10 + 6 / 0.05
  expect_range(activation_range(Activation::kRelu6, 0.01, 0), 0, 127);      // 600 saturates
  expect_range(activation_range(Activation::kRelu, 0.1, -128), -128, 127);
  expect_range(activation_range(Activation::kRelu6, 0.08, 3), 3, 78);       // 3 + round(75)
  expect_range(activation_range(Activation::kRelu6, 0.048, 0), 0, 125);     // round(124.99..) = 125
  expect_range(activation_range(Activation::kNone, 1.0, -8, -8, 7), -8, 7);
  expect_range(activation_range(Activation::kRelu6, 1.0, -8, -8, 7), -8, -2);
  expect_range(activation_range(Activation::kRelu, 0.5, 2, -8, 7), 2, 7);
}

TEST(ReferenceInt4, PacksLowNibbleFirstAndSignExtends) {
  const std::vector<int8_t> values{1, -1, -8, 7, 3};
  const std::vector<uint8_t> packed = pack_int4(values);
  EXPECT_EQ(packed, (std::vector<uint8_t>{0xF1, 0x78, 0x03}));  // odd count: the last high nibble is 0
  EXPECT_EQ(unpack_int4(packed, values.size()), values);
  EXPECT_EQ(int4_at(packed, 2), -8);
  EXPECT_EQ(int4_at(std::vector<uint8_t>{0x9E}, 0), -2);
  EXPECT_EQ(int4_at(std::vector<uint8_t>{0x9E}, 1), -7);
  EXPECT_EQ(int4_packed_bytes(0), 0u);
  EXPECT_EQ(int4_packed_bytes(7), 4u);
  EXPECT_THROW(pack_int4(std::vector<int8_t>{8}), std::invalid_argument);
  EXPECT_THROW(pack_int4(std::vector<int8_t>{-9}), std::invalid_argument);
  EXPECT_THROW(unpack_int4(std::vector<uint8_t>{0, 0}, 5), std::invalid_argument);
}

TEST(ReferenceInt4, EveryByteRoundTrips) {
  for (int b = 0; b < 256; ++b) {
    const std::vector<uint8_t> byte{static_cast<uint8_t>(b)};
    const std::vector<int8_t> v = unpack_int4(byte, 2);
    EXPECT_EQ(v[0], (b & 0xF) >= 8 ? (b & 0xF) - 16 : (b & 0xF));
    EXPECT_EQ(v[1], (b >> 4) >= 8 ? (b >> 4) - 16 : (b >> 4));
    EXPECT_EQ(pack_int4(v), byte);
  }
}

}  // namespace
}  // namespace mcuprof::ref
