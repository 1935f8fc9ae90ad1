// From the host reference kernels' parameters (kernels/reference/kernel_params.h) to the kernel image's descriptors
// (kernels/target/mk_abi.h), and which target kernel variant runs a given shape (the dispatch CMSIS-NN's wrappers do,
// ../shared/reference/models.md). The model runner and the kernel tests both describe layers through these, so a
// kernel is tested exactly as the runner calls it.
#pragma once
#include <cstdint>
#include <span>

#include "kernels/reference/kernel_params.h"
#include "kernels/reference/kernels.h"
#include "kernels/target/mk_abi.h"
#include "sim/kernel_image.h"

namespace mcuprof {

enum class WeightFormat { kInt8, kInt4 };  // int4: packed, kernels/reference/int4.h

// Target addresses of a convolution's (or depthwise convolution's) operands; bias 0 = none; scratch 0 = none.
struct ConvOperands {
  uint32_t input = 0, weights = 0, bias = 0, multipliers = 0, shifts = 0, output = 0, scratch = 0;
};
struct FullyConnectedOperands {
  uint32_t input = 0, weights = 0, bias = 0, output = 0;
};

struct RequantArrays {
  uint32_t multipliers = 0, shifts = 0;
};
// The per-channel multipliers and shifts as the two int32 arrays the kernels read, placed in the image's flash.
RequantArrays put_requant(KernelImage& image, std::span<const ref::Requant> requant);

mk_conv make_conv(const ref::ConvParams& p, const ConvOperands& o);
mk_conv make_depthwise(const ref::DepthwiseParams& p, const ConvOperands& o);
mk_fully_connected make_fully_connected(const ref::FullyConnectedParams& p, ref::Requant requant,
                                        const FullyConnectedOperands& o);
mk_pool make_pool(const ref::PoolParams& p, uint32_t input, uint32_t output, uint32_t scratch);
mk_add make_add(const ref::AddParams& p, int32_t count, uint32_t input1, uint32_t input2, uint32_t output);
mk_pad make_pad(const ref::PadParams& p, uint32_t input, uint32_t output);
mk_mul make_mul(const ref::MulParams& p, int32_t count, uint32_t input1, uint32_t input2, uint32_t output);
mk_requantize make_requantize(const ref::RequantizeParams& p, int32_t count, uint32_t input, uint32_t output);
mk_softmax make_softmax(const ref::SoftmaxParams& p, uint32_t input, uint32_t output);

// CMSIS-NN's dispatch: a 1x1 window, stride 1 and no padding takes the GEMM fast path (MK_CONV1X1_*), everything else
// im2col (MK_CONV_*). Depthwise: 3x3, multiplier 1, padding at most 1 on every side takes the specialised kernel
// (int8 only), anything else the general one.
mk_kernel conv_kernel(const ref::ConvParams& p, WeightFormat weights);
mk_kernel depthwise_kernel(const ref::DepthwiseParams& p, WeightFormat weights);
mk_kernel fully_connected_kernel(WeightFormat weights);
// "conv_s8", "conv1x1_s8", "depthwise3x3_s8", ... (the kernel function's name without "mk_").
const char* kernel_name(mk_kernel kernel);

// The SRAM scratch the chosen kernel needs (CMSIS-NN's *_get_buffer_size with the DSP extension): im2col of two
// output pixels as int16 (2 x 2 x Kh*Kw*Cin bytes) for MK_CONV_*; one window as int16 (2 x Kh*Kw*C) for the general
// depthwise kernel with multiplier 1; 0 for the fast paths and for depthwise with multiplier > 1 (reads in place).
int64_t conv_scratch_bytes(const ref::ConvParams& p);
int64_t depthwise_scratch_bytes(const ref::DepthwiseParams& p);
// Average pooling: one int32 sum per channel (4 x C bytes).
int64_t avg_pool_scratch_bytes(const ref::PoolParams& p);

}  // namespace mcuprof
