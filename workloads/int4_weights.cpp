#include "workloads/int4_weights.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "kernels/reference/int4.h"

namespace mcuprof {

namespace {

// Channel of flat weight element i: the outermost index for Conv2D [Cout, Kh, Kw, Cin], the innermost for
// DepthwiseConv2D [1, Kh, Kw, C], always 0 for FullyConnected (per-tensor).
size_t channel_of(OpType op, const Tensor& w, size_t i) {
  const size_t per_outer = size_t(w.shape.elements() / w.shape.dims.at(0));
  switch (op) {
    case OpType::Conv2D: return i / per_outer;
    case OpType::DepthwiseConv2D: return i % size_t(w.shape.channels());
    default: return 0;
  }
}

// The int4 scale of a channel whose largest int8 magnitude is max_abs (an all-zero channel keeps its scale).
float int4_scale(float scale, int32_t max_abs) { return max_abs ? float(double(scale) * max_abs / 7.0) : scale; }

void requantise_layer(const Layer& l, Model& m) {
  Tensor& w = m.tensors.at(l.inputs.at(1));
  if (w.type != DataType::Int8) return;  // already int4
  const size_t channels = w.quant.scale.size();
  std::vector<int32_t> max_abs(channels, 0);
  for (size_t i = 0; i < w.int8_data.size(); ++i) {
    int32_t& mx = max_abs[channel_of(l.op, w, i)];
    mx = std::max(mx, std::abs(int32_t(w.int8_data[i])));
  }
  std::vector<int8_t> q4(w.int8_data.size());
  for (size_t i = 0; i < q4.size(); ++i) {
    const int32_t mx = max_abs[channel_of(l.op, w, i)];
    q4[i] = mx ? int8_t(std::lround(double(w.int8_data[i]) * 7.0 / mx)) : 0;
  }
  std::vector<float> new_scale(channels);
  for (size_t c = 0; c < channels; ++c) new_scale[c] = int4_scale(w.quant.scale[c], max_abs[c]);
  if (l.inputs.size() > 2) {
    Tensor& b = m.tensors.at(l.inputs.at(2));
    for (size_t c = 0; c < b.int32_data.size(); ++c) {
      const size_t wc = channels == 1 ? 0 : c;
      b.int32_data[c] = int32_t(std::llround(double(b.int32_data[c]) * w.quant.scale[wc] / new_scale[wc]));
      b.quant.scale[std::min(c, b.quant.scale.size() - 1)] = m.tensors.at(l.inputs.at(0)).quant.scale.at(0) * new_scale[wc];
    }
  }
  const std::vector<uint8_t> packed = ref::pack_int4(q4);
  w.int8_data.assign(packed.begin(), packed.end());
  w.type = DataType::Int4Packed;
  w.quant.scale = new_scale;
}

}  // namespace

Model with_int4_weights(const Model& model) {
  Model m = model;
  for (const Layer& l : m.layers)
    if (l.op == OpType::Conv2D || l.op == OpType::DepthwiseConv2D || l.op == OpType::FullyConnected)
      requantise_layer(l, m);
  validate(m);
  return m;
}

}  // namespace mcuprof
