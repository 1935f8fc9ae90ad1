// A model IR layer as the parameters of its kernel (kernels/reference/kernel_params.h): shapes, window and padding,
// offsets, requantisation and activation clamp. The host reference executor and the model runner both start from
// these, so the simulated kernels and the reference see the same numbers.
#pragma once
#include <vector>

#include "kernels/reference/kernel_params.h"
#include "kernels/reference/kernels.h"  // MulParams, RequantizeParams
#include "workloads/model.h"

namespace mcuprof {

// NHWC [1, H, W, C] -> {H, W, C}; any other rank -> {1, 1, elements}.
ref::Shape ref_shape(const TensorShape& shape);

ref::ConvParams conv_params(const Layer& layer, const Model& model);
ref::DepthwiseParams depthwise_params(const Layer& layer, const Model& model);
ref::FullyConnectedParams fully_connected_params(const Layer& layer, const Model& model);
ref::PoolParams pool_params(const Layer& layer, const Model& model);
ref::AddParams add_params(const Layer& layer, const Model& model);
ref::PadParams pad_params(const Layer& layer, const Model& model);
// SOFTMAX with beta 1 (the IR has no beta; TFLite's converters emit 1).
ref::SoftmaxParams softmax_params(const Layer& layer, const Model& model);
ref::MulParams mul_params(const Layer& layer, const Model& model);
ref::RequantizeParams requantize_params(const Layer& layer, const Model& model);  // OpType::Quantize

}  // namespace mcuprof
