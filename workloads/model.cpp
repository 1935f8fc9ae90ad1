#include "workloads/model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace mcuprof {

int64_t TensorShape::elements() const {
  int64_t n = 1;
  for (int32_t d : dims) n *= d;
  return n;
}

std::string TensorShape::to_string() const {
  std::string s;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i) s += 'x';
    s += std::to_string(dims[i]);
  }
  return s;
}

int64_t Tensor::byte_size() const {
  switch (type) {
    case DataType::Int8: return shape.elements();
    case DataType::Int32: return 4 * shape.elements();
    case DataType::Int4Packed: return (shape.elements() + 1) / 2;
  }
  return 0;
}

namespace {

template <typename E, size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view name) {
  for (const auto& [e, n] : table)
    if (n == name) return e;
  return std::nullopt;
}
template <typename E, size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
  for (const auto& [x, n] : table)
    if (x == e) return n;
  return "?";
}

constexpr std::array<std::pair<OpType, std::string_view>, 11> kOps{{{OpType::Conv2D, "conv2d"},
                                                                   {OpType::DepthwiseConv2D, "depthwise_conv2d"},
                                                                   {OpType::FullyConnected, "fully_connected"},
                                                                   {OpType::AveragePool2D, "average_pool2d"},
                                                                   {OpType::MaxPool2D, "max_pool2d"},
                                                                   {OpType::Add, "add"},
                                                                   {OpType::Pad, "pad"},
                                                                   {OpType::Reshape, "reshape"},
                                                                   {OpType::Softmax, "softmax"},
                                                                   {OpType::Mul, "mul"},
                                                                   {OpType::Quantize, "quantize"}}};
constexpr std::array<std::pair<Padding, std::string_view>, 2> kPaddings{
    {{Padding::Same, "same"}, {Padding::Valid, "valid"}}};
constexpr std::array<std::pair<Activation, std::string_view>, 3> kActivations{
    {{Activation::None, "none"}, {Activation::Relu, "relu"}, {Activation::Relu6, "relu6"}}};

}  // namespace

std::string_view op_name(OpType op) { return name_of(kOps, op); }
std::optional<OpType> op_from_name(std::string_view s) { return lookup(kOps, s); }
std::string_view padding_name(Padding p) { return name_of(kPaddings, p); }
std::optional<Padding> padding_from_name(std::string_view s) { return lookup(kPaddings, s); }
std::string_view activation_name(Activation a) { return name_of(kActivations, a); }
std::optional<Activation> activation_from_name(std::string_view s) { return lookup(kActivations, s); }

// ---------------------------------------------------------------------------------------------------------------
// Shapes

namespace {

[[noreturn]] void layer_error(const Model& m, size_t index, const Layer& l, const std::string& what) {
  throw std::runtime_error("model '" + m.name + "', layer " + std::to_string(index) + " (" +
                           std::string(op_name(l.op)) + " '" + l.name + "'): " + what);
}

size_t index_of(const Layer& layer, const Model& model) {
  for (size_t i = 0; i < model.layers.size(); ++i)
    if (&model.layers[i] == &layer) return i;
  return model.layers.size();
}

[[noreturn]] void fail(const Layer& l, const Model& m, const std::string& what) {
  layer_error(m, index_of(l, m), l, what);
}

const Tensor& tensor_at(const Layer& l, const Model& m, int id) {
  if (id < 0 || static_cast<size_t>(id) >= m.tensors.size())
    fail(l, m, "tensor id " + std::to_string(id) + " out of range");
  return m.tensors[id];
}

size_t expected_inputs(OpType op) {
  switch (op) {
    case OpType::Conv2D:
    case OpType::DepthwiseConv2D:
    case OpType::FullyConnected: return 3;
    case OpType::Add:
    case OpType::Mul: return 2;
    default: return 1;
  }
}

int32_t same_out(int32_t in, int32_t s) { return (in + s - 1) / s; }
int32_t valid_out(int32_t in, int32_t k, int32_t s) { return (in - k + s) / s; }  // ceil((in-k+1)/s)

int32_t pad_before_after(Padding p, int32_t in, int32_t k, int32_t s, int32_t& after) {
  if (p == Padding::Valid) return after = 0;
  const int32_t total = std::max((same_out(in, s) - 1) * s + k - in, 0);
  after = total - total / 2;
  return total / 2;
}

}  // namespace

PadAmounts compute_padding(Padding padding, const TensorShape& in, int32_t kh, int32_t kw, int32_t sh, int32_t sw) {
  PadAmounts p;
  p.top = pad_before_after(padding, in.height(), kh, sh, p.bottom);
  p.left = pad_before_after(padding, in.width(), kw, sw, p.right);
  return p;
}

TensorShape infer_output_shape(const Layer& l, const Model& m) {
  if (l.inputs.size() != expected_inputs(l.op))
    fail(l, m, "expects " + std::to_string(expected_inputs(l.op)) + " inputs, has " + std::to_string(l.inputs.size()));
  if (l.outputs.size() != 1) fail(l, m, "expects 1 output, has " + std::to_string(l.outputs.size()));
  const TensorShape& in = tensor_at(l, m, l.inputs[0]).shape;
  const bool spatial = l.op == OpType::Conv2D || l.op == OpType::DepthwiseConv2D || l.op == OpType::AveragePool2D ||
                       l.op == OpType::MaxPool2D || l.op == OpType::Pad;
  // Checked before any case reads the channels (a scalar has no last dimension).
  if (spatial && !in.is_nhwc()) fail(l, m, "input " + in.to_string() + " is not NHWC");
  const auto windowed = [&](int32_t channels) {
    if (l.kernel_h < 1 || l.kernel_w < 1 || l.stride_h < 1 || l.stride_w < 1)
      fail(l, m, "kernel and stride must be >= 1");
    const bool same = l.padding == Padding::Same;
    const int32_t ho = same ? same_out(in.height(), l.stride_h) : valid_out(in.height(), l.kernel_h, l.stride_h);
    const int32_t wo = same ? same_out(in.width(), l.stride_w) : valid_out(in.width(), l.kernel_w, l.stride_w);
    if (ho < 1 || wo < 1)
      fail(l, m,
           "kernel " + std::to_string(l.kernel_h) + "x" + std::to_string(l.kernel_w) + " larger than input " +
               in.to_string() + " with VALID padding");
    return TensorShape{{in.dims[0], ho, wo, channels}};
  };
  const TensorShape& declared = tensor_at(l, m, l.outputs[0]).shape;
  switch (l.op) {
    case OpType::Conv2D: return windowed(tensor_at(l, m, l.inputs[1]).shape.dims.at(0));
    case OpType::DepthwiseConv2D: return windowed(in.channels() * l.depth_multiplier);
    case OpType::AveragePool2D:
    case OpType::MaxPool2D: return windowed(in.channels());
    case OpType::FullyConnected: return TensorShape{{1, tensor_at(l, m, l.inputs[1]).shape.dims.at(0)}};
    case OpType::Pad: {
      const PadAmounts& p = l.pad;
      return TensorShape{{in.dims[0], in.height() + p.top + p.bottom, in.width() + p.left + p.right,
                          in.channels() + p.channels_before + p.channels_after}};
    }
    case OpType::Reshape:
      if (declared.elements() != in.elements())
        fail(l, m, "reshape from " + in.to_string() + " to " + declared.to_string() + " changes the element count");
      return declared;
    case OpType::Add:
    case OpType::Mul:
    case OpType::Quantize:
    case OpType::Softmax: return in;
  }
  return in;
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

namespace {

void check_shape(const Layer& l, const Model& m, const char* what, const TensorShape& got, const TensorShape& want) {
  if (got != want) fail(l, m, std::string(what) + " shape " + got.to_string() + ", expected " + want.to_string());
}

void check_quant(const Layer& l, const Model& m, const char* what, const Tensor& t, size_t count) {
  if (t.quant.scale.size() != count || t.quant.zero_point.size() != count)
    fail(l, m, std::string(what) + " '" + t.name + "' needs " + std::to_string(count) + " scale(s) and zero point(s)");
  for (float s : t.quant.scale)
    if (!(s > 0.0f) || !std::isfinite(s)) fail(l, m, std::string(what) + " '" + t.name + "' has a non-positive scale");
}

void check_constant(const Layer& l, const Model& m, const char* what, const Tensor& t, DataType type) {
  if (t.type != type && !(type == DataType::Int8 && t.type == DataType::Int4Packed))
    fail(l, m, std::string(what) + " '" + t.name + "' has the wrong data type");
  const int64_t n = t.type == DataType::Int32 ? static_cast<int64_t>(t.int32_data.size()) * 4
                                              : static_cast<int64_t>(t.int8_data.size());
  if (n != t.byte_size())
    fail(l, m,
         std::string(what) + " '" + t.name + "' holds " + std::to_string(n) + " bytes, its shape " +
             t.shape.to_string() + " needs " + std::to_string(t.byte_size()));
}

void validate_weights(const Layer& l, const Model& m, const TensorShape& in, const TensorShape& out) {
  const Tensor& w = tensor_at(l, m, l.inputs[1]);
  const Tensor& b = tensor_at(l, m, l.inputs[2]);
  const int32_t cout = out.channels();
  if (l.op == OpType::Conv2D)
    check_shape(l, m, "weights", w.shape, TensorShape{{cout, l.kernel_h, l.kernel_w, in.channels()}});
  else if (l.op == OpType::DepthwiseConv2D)
    check_shape(l, m, "weights", w.shape, TensorShape{{1, l.kernel_h, l.kernel_w, cout}});
  else
    check_shape(l, m, "weights", w.shape, TensorShape{{cout, static_cast<int32_t>(in.elements())}});
  check_shape(l, m, "bias", b.shape, TensorShape{{cout}});
  check_quant(l, m, "weights", w, l.op == OpType::FullyConnected ? 1 : static_cast<size_t>(cout));
  for (int32_t zp : w.quant.zero_point)
    if (zp != 0) fail(l, m, "weights '" + w.name + "' must be symmetric (zero point 0)");
  check_constant(l, m, "weights", w, DataType::Int8);
  check_constant(l, m, "bias", b, DataType::Int32);
}

}  // namespace

void validate(const Model& m) {
  if (m.inputs.empty() || m.outputs.empty()) throw std::runtime_error("model '" + m.name + "' has no input or output");
  const auto in_range = [&](int id) { return id >= 0 && static_cast<size_t>(id) < m.tensors.size(); };
  for (int id : m.inputs)
    if (!in_range(id))
      throw std::runtime_error("model '" + m.name + "': input tensor id " + std::to_string(id) + " out of range");
  std::vector<bool> ready(m.tensors.size(), false);
  for (int id : m.inputs) ready[id] = true;
  for (size_t id = 0; id < m.tensors.size(); ++id) ready[id] = ready[id] || m.tensors[id].is_constant();
  for (const Layer& l : m.layers) {
    const TensorShape want = infer_output_shape(l, m);
    for (int id : l.inputs) {
      tensor_at(l, m, id);  // throws for an id out of range
      if (!ready[id]) fail(l, m, "reads tensor " + std::to_string(id) + " before any layer writes it");
    }
    const Tensor& in = m.tensors[l.inputs[0]];
    const Tensor& out = tensor_at(l, m, l.outputs[0]);
    check_shape(l, m, "output", out.shape, want);
    check_quant(l, m, "input", in, 1);
    check_quant(l, m, "output", out, 1);
    if (l.op == OpType::Conv2D || l.op == OpType::DepthwiseConv2D || l.op == OpType::FullyConnected)
      validate_weights(l, m, in.shape, out.shape);
    if (l.op == OpType::Add || l.op == OpType::Mul) {
      check_shape(l, m, "second input", m.tensors[l.inputs[1]].shape, in.shape);
      check_quant(l, m, "second input", m.tensors[l.inputs[1]], 1);
    }
    const bool keeps_quant =
        l.op == OpType::AveragePool2D || l.op == OpType::MaxPool2D || l.op == OpType::Pad || l.op == OpType::Reshape;
    if (keeps_quant && out.quant != in.quant) fail(l, m, "output quantisation must equal the input's");
    if (l.op == OpType::DepthwiseConv2D && l.depth_multiplier < 1) fail(l, m, "depth multiplier must be >= 1");
    ready[l.outputs[0]] = true;
  }
  for (int id : m.outputs)
    if (!in_range(id) || !ready[id])
      throw std::runtime_error("model '" + m.name + "': output tensor " + std::to_string(id) + " is never written");
}

// ---------------------------------------------------------------------------------------------------------------
// Counting

int64_t macs(const Layer& l, const Model& m) {
  const TensorShape& in = m.tensors.at(l.inputs.at(0)).shape;
  const TensorShape& out = m.tensors.at(l.outputs.at(0)).shape;
  const int64_t window = int64_t{l.kernel_h} * l.kernel_w;
  switch (l.op) {
    case OpType::Conv2D: return int64_t{out.height()} * out.width() * out.channels() * window * in.channels();
    case OpType::DepthwiseConv2D:
      return int64_t{out.height()} * out.width() * in.channels() * window * l.depth_multiplier;
    case OpType::FullyConnected: return in.elements() * out.channels();
    default: return 0;
  }
}

int64_t total_macs(const Model& m) {
  int64_t n = 0;
  for (const Layer& l : m.layers) n += macs(l, m);
  return n;
}

int64_t parameter_bytes(const Model& m) {
  int64_t n = 0;
  for (const Tensor& t : m.tensors)
    if (t.is_constant()) n += t.byte_size();
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Requantisation

std::vector<ref::Requant> output_multipliers(const Layer& l, const Model& m) {
  const double in_scale = m.tensors.at(l.inputs.at(0)).quant.scale.at(0);
  const double out_scale = m.tensors.at(l.outputs.at(0)).quant.scale.at(0);
  std::vector<ref::Requant> result;
  for (float w : m.tensors.at(l.inputs.at(1)).quant.scale)
    result.push_back(ref::quantize_multiplier(in_scale * w / out_scale));
  return result;
}

ref::Activation to_ref(Activation act) {
  switch (act) {
    case Activation::None: return ref::Activation::kNone;
    case Activation::Relu: return ref::Activation::kRelu;
    case Activation::Relu6: return ref::Activation::kRelu6;
  }
  return ref::Activation::kNone;
}

ref::ActivationRange activation_range(const Layer& l, const Model& m) {
  const Quantisation& q = m.tensors.at(l.outputs.at(0)).quant;
  return ref::activation_range(to_ref(l.activation), q.scale.at(0), q.zero_point.at(0));
}

// ---------------------------------------------------------------------------------------------------------------
// Random numbers

uint64_t SplitMix64::next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double SplitMix64::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

int32_t SplitMix64::uniform_int(int32_t lo, int32_t hi) {
  return lo + static_cast<int32_t>(next() % static_cast<uint64_t>(int64_t{hi} - lo + 1));
}

// ---------------------------------------------------------------------------------------------------------------
// Builder

ModelBuilder::ModelBuilder(std::string name, TensorShape input_shape, QuantParams q, uint64_t seed) : rng_(seed) {
  model_.name = std::move(name);
  model_.inputs.push_back(
      add_tensor(Tensor{"input", std::move(input_shape), DataType::Int8, {{q.scale}, {q.zero_point}}, {}, {}}));
}

int ModelBuilder::add_tensor(Tensor t) {
  model_.tensors.push_back(std::move(t));
  return static_cast<int>(model_.tensors.size()) - 1;
}

QuantParams ModelBuilder::activation_quant(Activation act) {
  const float scale = static_cast<float>(0.02 + 0.08 * rng_.uniform());
  switch (act) {
    case Activation::Relu6: return {6.0f / 255.0f, -128};
    case Activation::Relu: return {scale, -128};
    case Activation::None: return {scale, rng_.uniform_int(-20, 20)};
  }
  return {scale, 0};
}

// Appends `layer` (inputs set), names it, creates its output tensor with the inferred shape (`declared` for Reshape)
// and, for windowed ops, TFLite's padding; `out_quant` defaults to the input's quantisation (ops that keep the scale).
int ModelBuilder::append(Layer layer, std::optional<QuantParams> out_quant, TensorShape declared) {
  const size_t index = model_.layers.size();
  layer.name = std::string(op_name(layer.op)) + "_" + std::to_string(index);
  const Tensor& in = model_.tensors.at(layer.inputs.at(0));
  Tensor out{layer.name + "_out", std::move(declared), DataType::Int8, in.quant, {}, {}};
  if (out_quant) out.quant = {{out_quant->scale}, {out_quant->zero_point}};
  layer.outputs = {add_tensor(std::move(out))};
  model_.layers.push_back(std::move(layer));
  Layer& l = model_.layers.back();
  model_.tensors[l.outputs[0]].shape = infer_output_shape(l, model_);
  if (l.op == OpType::Conv2D || l.op == OpType::DepthwiseConv2D || l.op == OpType::AveragePool2D ||
      l.op == OpType::MaxPool2D)
    l.pad =
        compute_padding(l.padding, model_.tensors[l.inputs[0]].shape, l.kernel_h, l.kernel_w, l.stride_h, l.stride_w);
  return l.outputs[0];
}

// Creates random weights (He-like real range per channel, quantised with scale max|w|/127) and a small random bias for
// a Conv2D / DepthwiseConv2D / FullyConnected layer, then appends it.
int ModelBuilder::weighted(Layer layer, std::vector<int32_t> weight_dims, int32_t out_channels, bool per_channel) {
  const size_t index = model_.layers.size();
  const std::string base = std::string(op_name(layer.op)) + "_" + std::to_string(index);
  const TensorShape wshape{std::move(weight_dims)};
  const int64_t count = wshape.elements();
  const bool channel_last = layer.op == OpType::DepthwiseConv2D;
  const auto channel_of = [&](int64_t i) { return channel_last ? i % out_channels : i / (count / out_channels); };
  const int64_t fan_in = count / out_channels;
  std::vector<double> real(count);
  std::vector<double> range(out_channels);
  for (double& r : range) r = std::sqrt(6.0 / static_cast<double>(fan_in)) * (0.5 + rng_.uniform());
  for (int64_t i = 0; i < count; ++i) real[i] = range[channel_of(i)] * (2.0 * rng_.uniform() - 1.0);
  std::vector<double> max_abs(per_channel ? out_channels : 1, 1e-6);
  for (int64_t i = 0; i < count; ++i) {
    double& m = max_abs[per_channel ? channel_of(i) : 0];
    m = std::max(m, std::abs(real[i]));
  }
  Tensor w{base + "_weights", wshape, DataType::Int8, {}, {}, {}};
  for (double m : max_abs) {
    w.quant.scale.push_back(static_cast<float>(m / 127.0));
    w.quant.zero_point.push_back(0);
  }
  for (int64_t i = 0; i < count; ++i)
    w.int8_data.push_back(static_cast<int8_t>(std::lround(real[i] / w.quant.scale[per_channel ? channel_of(i) : 0])));
  const double in_scale = model_.tensors.at(layer.inputs.at(0)).quant.scale.at(0);
  Tensor b{base + "_bias", TensorShape{{out_channels}}, DataType::Int32, {}, {}, {}};
  for (int32_t c = 0; c < out_channels; ++c) {
    const double bias_scale = in_scale * w.quant.scale[per_channel ? c : 0];
    b.quant.scale.push_back(static_cast<float>(bias_scale));
    b.quant.zero_point.push_back(0);
    b.int32_data.push_back(static_cast<int32_t>(std::lround(0.1 * (2.0 * rng_.uniform() - 1.0) / bias_scale)));
  }
  layer.inputs.push_back(add_tensor(std::move(w)));
  layer.inputs.push_back(add_tensor(std::move(b)));
  const QuantParams out_quant = activation_quant(layer.activation);
  return append(std::move(layer), out_quant);
}

namespace {
Layer windowed_layer(OpType op, int in, int32_t kh, int32_t kw, int32_t sh, int32_t sw, Padding padding,
                     Activation act) {
  Layer l;
  l.op = op;
  l.inputs = {in};
  l.kernel_h = kh;
  l.kernel_w = kw;
  l.stride_h = sh;
  l.stride_w = sw;
  l.padding = padding;
  l.activation = act;
  return l;
}
}  // namespace

int ModelBuilder::conv2d(int in, int32_t cout, int32_t kh, int32_t kw, int32_t sh, int32_t sw, Padding p,
                         Activation act) {
  return weighted(windowed_layer(OpType::Conv2D, in, kh, kw, sh, sw, p, act),
                  {cout, kh, kw, model_.tensors.at(in).shape.channels()}, cout, true);
}

int ModelBuilder::depthwise_conv2d(int in, int32_t kh, int32_t kw, int32_t sh, int32_t sw, Padding p, Activation act,
                                   int32_t mult) {
  Layer l = windowed_layer(OpType::DepthwiseConv2D, in, kh, kw, sh, sw, p, act);
  l.depth_multiplier = mult;
  const int32_t c = model_.tensors.at(in).shape.channels() * mult;
  return weighted(std::move(l), {1, kh, kw, c}, c, true);
}

int ModelBuilder::fully_connected(int in, int32_t out_features, Activation act) {
  Layer l;
  l.op = OpType::FullyConnected;
  l.inputs = {in};
  l.activation = act;
  return weighted(std::move(l), {out_features, static_cast<int32_t>(model_.tensors.at(in).shape.elements())},
                  out_features, false);
}

int ModelBuilder::pool(OpType op, int in, int32_t kh, int32_t kw, int32_t sh, int32_t sw, Padding p) {
  return append(windowed_layer(op, in, kh, kw, sh, sw, p, Activation::None), std::nullopt);
}
int ModelBuilder::average_pool2d(int in, int32_t kh, int32_t kw, int32_t sh, int32_t sw, Padding p) {
  return pool(OpType::AveragePool2D, in, kh, kw, sh, sw, p);
}
int ModelBuilder::max_pool2d(int in, int32_t kh, int32_t kw, int32_t sh, int32_t sw, Padding p) {
  return pool(OpType::MaxPool2D, in, kh, kw, sh, sw, p);
}

int ModelBuilder::global_average_pool2d(int in) {
  const TensorShape& s = model_.tensors.at(in).shape;
  return average_pool2d(in, s.height(), s.width(), s.height(), s.width(), Padding::Valid);
}

int ModelBuilder::pad_channels_to(int in, int32_t channels) {
  const int32_t have = model_.tensors.at(in).shape.channels();
  return have < channels ? pad(in, PadAmounts{.channels_after = channels - have}) : in;
}

int ModelBuilder::add(int a, int b, Activation act) {
  Layer l;
  l.op = OpType::Add;
  l.inputs = {a, b};
  l.activation = act;
  return append(std::move(l), activation_quant(act));
}

int ModelBuilder::pad(int in, PadAmounts amounts) {
  Layer l;
  l.op = OpType::Pad;
  l.inputs = {in};
  l.pad = amounts;
  return append(std::move(l), std::nullopt);
}

int ModelBuilder::reshape(int in, TensorShape shape) {
  Layer l;
  l.op = OpType::Reshape;
  l.inputs = {in};
  return append(std::move(l), std::nullopt, std::move(shape));
}

int ModelBuilder::softmax(int in) {
  Layer l;
  l.op = OpType::Softmax;
  l.inputs = {in};
  return append(std::move(l), QuantParams{1.0f / 256.0f, -128});  // TFLite's fixed int8 softmax output
}

Model ModelBuilder::finish(std::vector<int> outputs) {
  model_.outputs = std::move(outputs);
  validate(model_);
  return model_;
}

}  // namespace mcuprof
