// Host reference implementations of the int8/int4 neural-network kernels: plain loops over the TFLite int8
// definitions (../shared/reference/models.md), the definition of "correct" that the simulated MCU kernels must equal
// bit for bit. Tensors are NHWC with batch 1, passed as flat spans; sizes are checked (std::invalid_argument).
// Accumulators are int32 and wrap on overflow as the MCU's do. An empty bias span means no bias.
#pragma once
#include <cstdint>
#include <span>

#include "kernels/reference/kernel_params.h"
#include "kernels/reference/requantize.h"

namespace mcuprof::ref {

// Per output (y, x, oc): acc = bias[oc] + sum over the window positions inside the input of (in + input_offset) * w,
// then multiply_by_quantized_multiplier(acc, requant[oc]) + output_offset, clamped to act. A 1x1 convolution is this
// with a 1x1 window.
void conv2d_s8(const ConvParams& p, std::span<const int8_t> input, std::span<const int8_t> weights,
               std::span<const int32_t> bias, std::span<const Requant> requant, std::span<int8_t> output);

// As conv2d_s8 per output channel oc = ic * depth_multiplier + m, summing over input channel ic only.
void depthwise_conv2d_s8(const DepthwiseParams& p, std::span<const int8_t> input, std::span<const int8_t> weights,
                         std::span<const int32_t> bias, std::span<const Requant> requant, std::span<int8_t> output);

// out[o] = clamp(mbqm(bias[o] + sum_i (in[i] + input_offset) * w[o][i], requant) + output_offset).
void fully_connected_s8(const FullyConnectedParams& p, std::span<const int8_t> input, std::span<const int8_t> weights,
                        std::span<const int32_t> bias, Requant requant, std::span<int8_t> output);

// The mean of the window's valid (non-padding) elements: sum / count rounded half away from zero, clamped to act.
void avg_pool_s8(const PoolParams& p, std::span<const int8_t> input, std::span<int8_t> output);
// The maximum of the window's valid elements, clamped to act.
void max_pool_s8(const PoolParams& p, std::span<const int8_t> input, std::span<int8_t> output);

// Elementwise: each input (q + offset) << left_shift, scaled by its multiplier; the sum scaled by the output
// multiplier, plus output_offset, clamped to act.
void add_s8(const AddParams& p, std::span<const int8_t> input1, std::span<const int8_t> input2,
            std::span<int8_t> output);
// TFLite's int8 ADD parameters: left shift 20, twice the larger input scale as the common scale, input multipliers
// scale_i / common, output multiplier common / (2^20 * output_scale).
AddParams make_add_params(double scale1, int32_t zero_point1, double scale2, int32_t zero_point2, double output_scale,
                          int32_t output_zero_point, ActivationRange act);

void pad_s8(const PadParams& p, std::span<const int8_t> input, std::span<int8_t> output);

// TFLite's integer int8 softmax (reference_ops::Softmax, which TFLite Micro and CMSIS-NN's arm_softmax_s8 compute
// with gemmlowp's fixed-point arithmetic), per row: d = q - max; for d >= diff_min, e = exp(d x multiplier) in Q0.31
// (the scaled difference in Q5.26, gemmlowp's exp_on_negative_values); the sum of e in Q12.19; its reciprocal by
// Newton-Raphson (one_over_one_plus_x_for_x_in_0_1 after normalising the sum to [1, 2)); output = e x reciprocal
// rounding-divided by 2^(bits of the sum above 1 + 23), minus 128, clamped; d < diff_min gives -128.
void softmax_s8(const SoftmaxParams& p, std::span<const int8_t> input, std::span<int8_t> output);
// TFLite's PreprocessSoftmaxScaling (kScaledDiffIntegerBits = 5) and diff_min = -CalculateInputRadius(5, shift):
// the real multiplier beta x input_scale x 2^26 quantised as quantize_multiplier does; diff_min the most negative
// difference whose scaled value stays above -32. beta x input_scale must lie in (2^-26, 16) (std::invalid_argument),
// which keeps the left shift within 0..31.
SoftmaxParams make_softmax_params(int rows, int depth, double input_scale, double beta);

// RESHAPE: the bytes unchanged.
void reshape(std::span<const int8_t> input, std::span<int8_t> output);

// int4 weights (packed, int4.h) with int8 activations: exactly the int8 kernels on the sign-extended weights.
void conv2d_w4a8(const ConvParams& p, std::span<const int8_t> input, std::span<const uint8_t> packed_weights,
                 std::span<const int32_t> bias, std::span<const Requant> requant, std::span<int8_t> output);
void depthwise_conv2d_w4a8(const DepthwiseParams& p, std::span<const int8_t> input,
                           std::span<const uint8_t> packed_weights, std::span<const int32_t> bias,
                           std::span<const Requant> requant, std::span<int8_t> output);
void fully_connected_w4a8(const FullyConnectedParams& p, std::span<const int8_t> input,
                          std::span<const uint8_t> packed_weights, std::span<const int32_t> bias, Requant requant,
                          std::span<int8_t> output);

// 1x1 convolution with int4 weights and int4 activations, both packed (int4.h). An int4 activation is
// real = scale * (q - zero_point) with q in [-8, 7]; the accumulation and requantisation are conv2d_s8's, and the
// output is clamped to p.act, which must lie within [-8, 7] (activation_range(..., -8, 7)). p.window must be 1x1.
void conv1x1_w4a4(const ConvParams& p, std::span<const uint8_t> packed_input, std::span<const uint8_t> packed_weights,
                  std::span<const int32_t> bias, std::span<const Requant> requant, std::span<uint8_t> packed_output);

// MUL (elementwise, equal shapes), TFLite's int8 scheme: out = clamp(mbqm((a + input1_offset) * (b + input2_offset),
// output) + output_offset) with the real multiplier scale_a * scale_b / output_scale (tflite::ArithmeticParams fields
// input1_offset, input2_offset, output_multiplier/shift, output_offset).
struct MulParams {
  int32_t input1_offset = 0, input2_offset = 0;  // -zero_point of each input
  Requant output;
  int32_t output_offset = 0;
  ActivationRange act;
};
MulParams make_mul_params(double scale1, int32_t zero_point1, double scale2, int32_t zero_point2, double output_scale,
                          int32_t output_zero_point, ActivationRange act);
void mul_s8(const MulParams& p, std::span<const int8_t> input1, std::span<const int8_t> input2,
            std::span<int8_t> output);

// Requantisation int8 -> int8 (TFLite QUANTIZE between int8 tensors; standalone RELU / RELU6 compute the same with
// their activation range): out = clamp(mbqm(q + input_offset, output) + output_offset) with the real multiplier
// input_scale / output_scale.
struct RequantizeParams {
  int32_t input_offset = 0;  // -input zero point
  Requant output;
  int32_t output_offset = 0;
  ActivationRange act;
};
RequantizeParams make_requantize_params(double input_scale, int32_t input_zero_point, double output_scale,
                                        int32_t output_zero_point, ActivationRange act);
void requantize_s8(const RequantizeParams& p, std::span<const int8_t> input, std::span<int8_t> output);

}  // namespace mcuprof::ref
