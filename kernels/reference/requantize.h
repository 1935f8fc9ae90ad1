// Integer requantisation as TFLite defines it for int8 kernels (the "double rounding" reference scheme, which
// CMSIS-NN's arm_nn_requantize also computes): a real multiplier becomes a Q31 integer and a power-of-two shift, and
// an int32 accumulator is scaled by a rounding doubling high multiply followed by a rounding right shift.
#pragma once
#include <cstdint>

#include "kernels/reference/kernel_params.h"

namespace mcuprof::ref {

// real ~= multiplier * 2^(shift - 31) with multiplier = round(fraction * 2^31), fraction in [0.5, 1) (rounding half
// away from zero); a fraction rounding up to 1.0 becomes 2^30 with shift + 1. Zero, and multipliers below 2^-32 (shift
// < -31), give {0, 0}. real must be >= 0 and < 2^31.
Requant quantize_multiplier(double real);

// round(a * b / 2^31) with ties towards +infinity (gemmlowp's SaturatingRoundingDoublingHighMul); the single
// overflowing case a == b == INT32_MIN saturates to INT32_MAX.
int32_t saturating_rounding_doubling_high_mul(int32_t a, int32_t b);

// x / 2^exponent rounded to nearest, ties away from zero; exponent in [0, 31].
int32_t rounding_divide_by_pot(int32_t x, int exponent);

// x * real for the Requant of real: x shifted left by max(shift, 0) (wrapping in 32 bits, as the int32 arithmetic of
// the MCU kernels does), rounding-doubling-high-multiplied by the multiplier, then rounding-divided by 2^max(-shift, 0).
int32_t multiply_by_quantized_multiplier(int32_t x, Requant q);

// TFLite's quantisation of a real value: zero_point + round(value / scale), half away from zero, clamped to [qmin,
// qmax]; activation_range uses it to fold RELU/RELU6 into the output clamp.
int32_t quantize(double value, double scale, int32_t zero_point, int32_t qmin = -128, int32_t qmax = 127);

enum class Activation { kNone, kRelu, kRelu6 };

// The output clamp of a fused activation for an output tensor (scale, zero_point) of range [qmin, qmax]
// (int8: -128..127; int4: -8..7): NONE the whole range, RELU [quantize(0), qmax], RELU6 [quantize(0), quantize(6)].
ActivationRange activation_range(Activation act, double scale, int32_t zero_point, int32_t qmin = -128,
                                 int32_t qmax = 127);

}  // namespace mcuprof::ref
