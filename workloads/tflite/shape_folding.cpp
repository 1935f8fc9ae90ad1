#include "workloads/tflite/shape_folding.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace mcuprof {

IntTensor fold_shape(const std::vector<int32_t>& input_dims) {
  return IntTensor{{static_cast<int32_t>(input_dims.size())}, std::vector<int64_t>(input_dims.begin(), input_dims.end())};
}

namespace {

[[noreturn]] void unsupported(const std::string& what) { throw std::invalid_argument(what); }

int64_t single(const IntTensor& t, const char* what) {
  if (t.values.size() != 1) unsupported(std::string(what) + " must hold one value (a rank-1 slice)");
  return t.values[0];
}

// TensorFlow's start/stop of one sliced axis of size n: masked ends take the whole range in the stride's direction,
// negative indices count from the end, and the result is clamped to [0, n] (stride > 0) or [-1, n - 1] (stride < 0).
int64_t axis_bound(bool masked, int64_t index, int64_t n, int64_t stride, bool is_begin) {
  if (masked) return stride > 0 ? (is_begin ? 0 : n) : (is_begin ? n - 1 : -1);
  if (index < 0) index += n;
  return stride > 0 ? std::clamp<int64_t>(index, 0, n) : std::clamp<int64_t>(index, -1, n - 1);
}

}  // namespace

IntTensor fold_strided_slice(const IntTensor& input, const IntTensor& begin, const IntTensor& end,
                             const IntTensor& strides, const StridedSliceMasks& masks) {
  if (input.dims.size() != 1) unsupported("only rank-1 inputs are folded");
  if (masks.ellipsis_mask || masks.new_axis_mask) unsupported("ellipsis and new-axis masks are not supported");
  const int64_t n = input.dims[0];
  const int64_t stride = single(strides, "strides");
  if (stride == 0) unsupported("stride 0");
  const int64_t b = single(begin, "begin");
  if (masks.shrink_axis_mask & 1) {
    const int64_t i = b < 0 ? b + n : b;
    if (i < 0 || i >= n) unsupported("index " + std::to_string(b) + " outside an axis of " + std::to_string(n));
    return IntTensor{{}, {input.values[static_cast<size_t>(i)]}};
  }
  const int64_t e_raw = masks.offset ? b + single(end, "end") : single(end, "end");
  const int64_t start = axis_bound(masks.begin_mask & 1, b, n, stride, true);
  const int64_t stop = axis_bound(masks.end_mask & 1, e_raw, n, stride, false);
  IntTensor out;
  for (int64_t i = start; stride > 0 ? i < stop : i > stop; i += stride) out.values.push_back(input.values[size_t(i)]);
  out.dims = {static_cast<int32_t>(out.values.size())};
  return out;
}

IntTensor fold_pack(const std::vector<IntTensor>& values, int32_t axis) {
  if (values.empty()) unsupported("nothing to pack");
  const int32_t rank = static_cast<int32_t>(values[0].dims.size());
  if (axis != 0 && axis != -(rank + 1)) unsupported("only axis 0 is folded, got " + std::to_string(axis));
  IntTensor out{{static_cast<int32_t>(values.size())}, {}};
  out.dims.insert(out.dims.end(), values[0].dims.begin(), values[0].dims.end());
  for (const IntTensor& v : values) {
    if (v.dims != values[0].dims) unsupported("packed tensors differ in shape");
    out.values.insert(out.values.end(), v.values.begin(), v.values.end());
  }
  return out;
}

}  // namespace mcuprof
