#include "workloads/layer_params.h"

#include "kernels/reference/kernels.h"

namespace mcuprof {

namespace {

const Tensor& input_of(const Layer& l, const Model& m, size_t k = 0) { return m.tensors.at(l.inputs.at(k)); }
const Tensor& output_of(const Layer& l, const Model& m) { return m.tensors.at(l.outputs.at(0)); }

ref::Window window_of(const Layer& l, const Model& m) {
  const TensorShape& in = input_of(l, m).shape;
  const PadAmounts p = compute_padding(l.padding, in, l.kernel_h, l.kernel_w, l.stride_h, l.stride_w);
  return {l.kernel_h, l.kernel_w, l.stride_h, l.stride_w, {p.top, p.bottom, p.left, p.right}};
}

int32_t input_offset(const Layer& l, const Model& m) { return -input_of(l, m).quant.zero_point.at(0); }
int32_t output_offset(const Layer& l, const Model& m) { return output_of(l, m).quant.zero_point.at(0); }

}  // namespace

ref::Shape ref_shape(const TensorShape& s) {
  if (s.is_nhwc()) return {s.height(), s.width(), s.channels()};
  return {1, 1, int(s.elements())};
}

ref::ConvParams conv_params(const Layer& l, const Model& m) {
  return {ref_shape(input_of(l, m).shape), input_of(l, m, 1).shape.dims.at(0), window_of(l, m), input_offset(l, m),
          output_offset(l, m), activation_range(l, m)};
}

ref::DepthwiseParams depthwise_params(const Layer& l, const Model& m) {
  return {ref_shape(input_of(l, m).shape), l.depth_multiplier, window_of(l, m), input_offset(l, m),
          output_offset(l, m), activation_range(l, m)};
}

ref::FullyConnectedParams fully_connected_params(const Layer& l, const Model& m) {
  const TensorShape& w = input_of(l, m, 1).shape;
  return {w.dims.at(1), w.dims.at(0), input_offset(l, m), output_offset(l, m), activation_range(l, m)};
}

ref::PoolParams pool_params(const Layer& l, const Model& m) {
  return {ref_shape(input_of(l, m).shape), window_of(l, m), activation_range(l, m)};
}

ref::AddParams add_params(const Layer& l, const Model& m) {
  const Quantisation &a = input_of(l, m, 0).quant, &b = input_of(l, m, 1).quant, &o = output_of(l, m).quant;
  return ref::make_add_params(a.scale.at(0), a.zero_point.at(0), b.scale.at(0), b.zero_point.at(0), o.scale.at(0),
                              o.zero_point.at(0), activation_range(l, m));
}

ref::PadParams pad_params(const Layer& l, const Model& m) {
  const PadAmounts& p = l.pad;
  return {ref_shape(input_of(l, m).shape), p.top, p.bottom, p.left, p.right, p.channels_before, p.channels_after,
          int8_t(output_of(l, m).quant.zero_point.at(0))};
}

ref::SoftmaxParams softmax_params(const Layer& l, const Model& m) {
  const TensorShape& in = input_of(l, m).shape;
  const int depth = in.channels();
  return ref::make_softmax_params(int(in.elements() / depth), depth, input_of(l, m).quant.scale.at(0), 1.0);
}

ref::MulParams mul_params(const Layer& l, const Model& m) {
  const Quantisation &a = input_of(l, m, 0).quant, &b = input_of(l, m, 1).quant, &o = output_of(l, m).quant;
  return ref::make_mul_params(a.scale.at(0), a.zero_point.at(0), b.scale.at(0), b.zero_point.at(0), o.scale.at(0),
                              o.zero_point.at(0), activation_range(l, m));
}

ref::RequantizeParams requantize_params(const Layer& l, const Model& m) {
  const Quantisation &i = input_of(l, m).quant, &o = output_of(l, m).quant;
  return ref::make_requantize_params(i.scale.at(0), i.zero_point.at(0), o.scale.at(0), o.zero_point.at(0),
                                     activation_range(l, m));
}

}  // namespace mcuprof
