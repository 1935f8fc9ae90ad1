// SOFTMAX (int8): TFLite's integer algorithm (kernels.h). Written from the public descriptions of TFLite's
// reference_ops::Softmax, GetReciprocal, PreprocessSoftmaxScaling and CalculateInputRadius and of gemmlowp's
// fixedpoint.h (exp_on_negative_values, one_over_one_plus_x_for_x_in_0_1: their steps and constants). A value
// "in Qm.n" is an int32 x standing for x / 2^n; "Q0.31 one" is INT32_MAX, as in gemmlowp.
#include <bit>
#include <cmath>
#include <limits>

#include "kernels/reference/detail.h"
#include "kernels/reference/kernels.h"

namespace mcuprof::ref {

namespace {

constexpr int kScaledDiffIntegerBits = 5;     // the exponent's input is Q5.26: differences down to -32
constexpr int kAccumulationIntegerBits = 12;  // the sum of exponentials is Q12.19
constexpr int kMaxDepth = 4095;               // 4096 x Q12.19 one would overflow the sum
constexpr int32_t kOneQ0 = std::numeric_limits<int32_t>::max();

int32_t mul(int32_t a, int32_t b) { return saturating_rounding_doubling_high_mul(a, b); }

// gemmlowp's SaturatingRoundingMultiplyByPOT with a positive exponent: a left shift saturating to the int32 range.
int32_t saturating_shift_left(int32_t x, int exponent) {
  const int32_t limit = (int32_t{1} << (31 - exponent)) - 1;
  if (x > limit) return std::numeric_limits<int32_t>::max();
  if (x < -limit) return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(static_cast<uint32_t>(x) << exponent);
}

// exp(a) for a Q0.31 a in [-1/4, 0), in Q0.31: the Taylor series around -1/8 to the fourth power,
// exp(-1/8) (1 + x + x^2/2 + x^3/6 + x^4/24) with x = a + 1/8.
int32_t exp_on_quarter_interval(int32_t a) {
  constexpr int32_t kExpMinusOneEighth = 1895147668;  // exp(-1/8) in Q0.31
  constexpr int32_t kOneThird = 715827883;            // 1/3 in Q0.31
  const int32_t x = a + (1 << 28);
  const int32_t x2 = mul(x, x), x3 = mul(x2, x), x4 = mul(x2, x2);
  const int32_t x4_over_4 = rounding_divide_by_pot(x4, 2);
  const int32_t higher_terms = rounding_divide_by_pot(mul(x4_over_4 + x3, kOneThird) + x2, 1);  // x^4/24+x^3/6+x^2/2
  return kExpMinusOneEighth + mul(kExpMinusOneEighth, x + higher_terms);
}

// exp(-2^k) in Q0.31 for k = -2..4: a difference's bits above its last quarter, one factor per set bit.
constexpr int32_t kExpMinusPowerOfTwo[] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};

// exp(a) for a Q5.26 a <= 0, in Q0.31: a = r - m with r in [-1/4, 0) and m a non-negative multiple of 1/4, so
// exp(a) = exp(r) x the product of exp(-2^k) over the bits k of m.
int32_t exp_on_negative_values(int32_t a) {
  constexpr int kFractionalBits = 31 - kScaledDiffIntegerBits;
  constexpr int32_t kQuarter = int32_t{1} << (kFractionalBits - 2);
  if (a == 0) return kOneQ0;
  const int32_t r = (a & (kQuarter - 1)) - kQuarter;
  int32_t result = exp_on_quarter_interval(saturating_shift_left(r, kScaledDiffIntegerBits));  // r to Q0.31
  const int32_t m = r - a;
  for (int k = -2; k <= 4; ++k)
    if (m & (int32_t{1} << (kFractionalBits + k))) result = mul(result, kExpMinusPowerOfTwo[k + 2]);
  return result;
}

// 1 / (1 + a) for a Q0.31 a in [0, 1), in Q0.31: Newton-Raphson on the half denominator d = (1 + a) / 2 from
// x = 48/17 - 32/17 d, three steps x += x (1 - d x) in Q2.29, and 1 / (1 + a) = x / 2.
int32_t one_over_one_plus_x(int32_t a) {
  constexpr int32_t k48Over17 = 1515870810, kMinus32Over17 = -1010580540, kOneQ2 = 1 << 29;  // Q2.29
  const int32_t d = static_cast<int32_t>((int64_t{a} + kOneQ0 + 1) / 2);  // gemmlowp's RoundingHalfSum(a, one)
  int32_t x = k48Over17 + mul(d, kMinus32Over17);
  for (int step = 0; step < 3; ++step) x += saturating_shift_left(mul(x, kOneQ2 - mul(d, x)), 2);
  return saturating_shift_left(x, 1);
}

// round(x / 2^exponent); exponent may exceed 31 only for x >= 0 (a probability below 1/512), where it is 0. TFLite's
// reference checks the exponent against 31 instead (rows whose exponentials sum to 512 or more).
int32_t divide_probability(int32_t x, int exponent) { return exponent > 31 ? 0 : rounding_divide_by_pot(x, exponent); }

void softmax_row(const SoftmaxParams& p, std::span<const int8_t> in, std::span<int8_t> out) {
  int32_t max_q = std::numeric_limits<int8_t>::min();
  for (int8_t q : in) max_q = std::max<int32_t>(max_q, q);
  const Requant to_q5_26{p.input_multiplier, p.input_left_shift};
  auto exp_of = [&](int32_t diff) { return exp_on_negative_values(multiply_by_quantized_multiplier(diff, to_q5_26)); };
  int32_t sum = 0;  // Q12.19; at least one (the maximum's term), below 2^31 by the depth limit
  for (int8_t q : in)
    if (q - max_q >= p.diff_min) sum += rounding_divide_by_pot(exp_of(q - max_q), kAccumulationIntegerBits);
  // sum = 2^bits_over_unit x (1 + fraction): the reciprocal of (1 + fraction), the power of two folded into the divide.
  const int headroom = std::countl_zero(static_cast<uint32_t>(sum));
  const int bits_over_unit = kAccumulationIntegerBits - headroom;
  const int32_t reciprocal = one_over_one_plus_x(static_cast<int32_t>((static_cast<uint32_t>(sum) << headroom) - (1u << 31)));
  const int exponent = bits_over_unit + 31 - 8;  // Q0.31 probability to units of 1/256
  for (size_t i = 0; i < in.size(); ++i) {
    const int32_t diff = in[i] - max_q;
    out[i] = diff < p.diff_min ? int8_t{-128}
                               : detail::clamp_to(divide_probability(mul(reciprocal, exp_of(diff)), exponent) - 128, {});
  }
}

}  // namespace

void softmax_s8(const SoftmaxParams& p, std::span<const int8_t> input, std::span<int8_t> output) {
  constexpr const char* k = "softmax_s8";
  detail::require(p.rows > 0 && p.depth > 0, k, "empty shape");
  detail::require(p.depth <= kMaxDepth, k, "depth above 4095 (the Q12.19 sum of exponentials would overflow)");
  detail::require(input.size() == size_t(p.rows) * p.depth && output.size() == input.size(), k, "size != rows x depth");
  detail::require(p.input_left_shift >= 0 && p.input_left_shift <= 31 && p.input_multiplier >= 0, k,
                  "input multiplier negative or left shift outside 0..31");
  detail::require(p.diff_min <= 0 && (int64_t{p.diff_min} << p.input_left_shift) >= std::numeric_limits<int32_t>::min(),
                  k, "diff_min positive or overflowing once shifted");
  for (int r = 0; r < p.rows; ++r)
    softmax_row(p, input.subspan(size_t(r) * p.depth, p.depth), output.subspan(size_t(r) * p.depth, p.depth));
}

SoftmaxParams make_softmax_params(int rows, int depth, double input_scale, double beta) {
  const double scale = beta * input_scale;
  detail::require(scale > std::ldexp(1.0, -26) && scale < 16.0, "make_softmax_params",
                  "beta x input scale outside (2^-26, 16)");
  // TFLite caps the real multiplier at 2^31 - 1; below 16 x 2^26 = 2^30 the cap never applies.
  const Requant m = quantize_multiplier(std::ldexp(scale, 31 - kScaledDiffIntegerBits));
  const int64_t radius = ((int64_t{1} << kScaledDiffIntegerBits) - 1) << (31 - kScaledDiffIntegerBits) >> m.shift;
  return {rows, depth, m.multiplier, m.shift, static_cast<int32_t>(-radius)};
}

}  // namespace mcuprof::ref
