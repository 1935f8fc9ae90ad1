// `--int4`: a model's int8 weights re-quantised to signed int4 (packed, kernels/reference/int4.h) for Conv2D,
// DepthwiseConv2D and FullyConnected, the activations staying int8 (the w4a8 kernels). Symmetric as the int8 weights
// are (models.md): per channel (per tensor for FullyConnected) the new scale is old_scale x max|q| / 7 and
// q4 = round(q x 7 / max|q|) (half away from zero, within [-7, 7]); each bias is rescaled to the new
// input_scale x weight_scale, so the layer computes the same function up to the int4 rounding of the weights.
#pragma once
#include "workloads/model.h"

namespace mcuprof {

Model with_int4_weights(const Model& model);

}  // namespace mcuprof
