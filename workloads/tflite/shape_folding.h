// Constant folding of the integer shape arithmetic TFLite converters leave in graphs: SHAPE -> STRIDED_SLICE -> PACK
// computing a RESHAPE's target shape (e.g. Keras Flatten: [batch, -1] from the input's own shape). With static shapes
// these operators have constant results; mcuprof computes them on the host instead of running them.
#pragma once
#include <cstdint>
#include <vector>

namespace mcuprof {

// An int32 / int64 tensor's values (row-major) and shape; rank 0 is a scalar.
struct IntTensor {
  std::vector<int32_t> dims;
  std::vector<int64_t> values;
  bool operator==(const IntTensor&) const = default;
};

// SHAPE: the dims of a tensor as a rank-1 tensor.
IntTensor fold_shape(const std::vector<int32_t>& input_dims);

// STRIDED_SLICE options, with TensorFlow's meaning: bit i of begin_mask / end_mask ignores begin[i] / end[i] (the
// whole range in the stride's direction); bit i of shrink_axis_mask takes the single element at begin[i] and drops
// the axis; `offset`: end is relative to begin. Ellipsis and new-axis masks are not supported.
struct StridedSliceMasks {
  int32_t begin_mask = 0, end_mask = 0, ellipsis_mask = 0, new_axis_mask = 0, shrink_axis_mask = 0;
  bool offset = false;
};
// STRIDED_SLICE of a rank-1 tensor (begin, end and strides rank 1 of length 1). Negative indices count from the end;
// indices are clamped to the axis as TensorFlow does. Throws std::invalid_argument for what it does not support.
IntTensor fold_strided_slice(const IntTensor& input, const IntTensor& begin, const IntTensor& end,
                             const IntTensor& strides, const StridedSliceMasks& masks);

// PACK along axis 0 (or the equivalent negative axis) of equally shaped tensors: dims [n] + dims.
IntTensor fold_pack(const std::vector<IntTensor>& values, int32_t axis);

}  // namespace mcuprof
