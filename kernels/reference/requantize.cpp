#include "kernels/reference/requantize.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mcuprof::ref {

Requant quantize_multiplier(double real) {
  if (real == 0.0) return {};
  int exponent = 0;
  const double fraction = std::frexp(real, &exponent);  // real = fraction * 2^exponent, fraction in [0.5, 1)
  int64_t q = std::llround(fraction * 2147483648.0);
  if (q == (int64_t{1} << 31)) {
    q /= 2;
    ++exponent;
  }
  if (exponent < -31) return {};
  return {static_cast<int32_t>(q), exponent};
}

int32_t saturating_rounding_doubling_high_mul(int32_t a, int32_t b) {
  constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
  if (a == kMin && b == kMin) return std::numeric_limits<int32_t>::max();
  const int64_t product = int64_t{a} * b;
  const int64_t nudge = product >= 0 ? (int64_t{1} << 30) : 1 - (int64_t{1} << 30);
  return static_cast<int32_t>((product + nudge) / (int64_t{1} << 31));  // division truncates towards zero
}

int32_t rounding_divide_by_pot(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

int32_t multiply_by_quantized_multiplier(int32_t x, Requant q) {
  const int left = std::max(q.shift, 0);
  const int right = std::max(-q.shift, 0);
  const int32_t shifted = static_cast<int32_t>(static_cast<uint32_t>(x) << left);
  return rounding_divide_by_pot(saturating_rounding_doubling_high_mul(shifted, q.multiplier), right);
}

int32_t quantize(double value, double scale, int32_t zero_point, int32_t qmin, int32_t qmax) {
  const double q = zero_point + std::round(value / scale);
  return static_cast<int32_t>(std::clamp(q, double(qmin), double(qmax)));
}

ActivationRange activation_range(Activation act, double scale, int32_t zero_point, int32_t qmin, int32_t qmax) {
  switch (act) {
    case Activation::kNone: return {qmin, qmax};
    case Activation::kRelu: return {quantize(0.0, scale, zero_point, qmin, qmax), qmax};
    case Activation::kRelu6:
      return {quantize(0.0, scale, zero_point, qmin, qmax), quantize(6.0, scale, zero_point, qmin, qmax)};
  }
  return {qmin, qmax};
}

}  // namespace mcuprof::ref
