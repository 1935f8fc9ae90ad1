#include "workloads/tflite/tflite_import.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <stdexcept>

#include "workloads/tflite/shape_folding.h"
#include "workloads/tflite/tflite_graph.h"

namespace mcuprof {

namespace {

using tflite::BuiltinOperator;

// One operator of the file: its index, table and checked tensor indices.
struct Op {
  size_t index;
  const tflite::Operator& fb;
  std::vector<int> in, out;
};

constexpr int32_t kMaxWindow = 1 << 16;

std::string join_dims(const std::vector<int32_t>& dims) { return TensorShape{dims}.to_string(); }

Layer layer_of(OpType op, std::vector<int> inputs, Activation act = Activation::None) {
  Layer l;
  l.op = op;
  l.inputs = std::move(inputs);
  l.activation = act;
  return l;
}

Layer windowed_layer(OpType op, int32_t kh, int32_t kw, int32_t sh, int32_t sw, tflite::Padding padding,
                     Activation act) {
  Layer l = layer_of(op, {}, act);
  l.kernel_h = kh;
  l.kernel_w = kw;
  l.stride_h = sh;
  l.stride_w = sw;
  l.padding = padding == tflite::Padding_VALID ? Padding::Valid : Padding::Same;
  return l;
}

// ADD and MUL options are optional (converters may omit them): no table means no fused activation.
template <typename Options>
tflite::ActivationFunctionType fused_or_none(const Options* o) {
  return o ? o->fused_activation_function() : tflite::ActivationFunctionType_NONE;
}

class Importer {
 public:
  Importer(const TfliteGraph& g, std::string name) : g_(g), ir_(g.tensor_count(), -1) { m_.name = std::move(name); }

  TfliteImport run();

 private:
  using Handler = void (Importer::*)(const Op&);
  struct Mapping {
    BuiltinOperator code;
    Handler handler;
  };
  static const Mapping kMappings[];

  // Operator handlers (one per supported builtin; see kMappings).
  void conv2d(const Op& op);
  void depthwise_conv2d(const Op& op);
  void fully_connected(const Op& op);
  void pool(const Op& op);
  void elementwise(const Op& op);
  void pad(const Op& op);
  void reshape(const Op& op);
  void softmax(const Op& op);
  void mean(const Op& op);
  void quantize(const Op& op);
  void relu(const Op& op);
  void dequantize(const Op& op);
  void fold_shape_op(const Op& op);
  void fold_strided_slice_op(const Op& op);
  void fold_pack_op(const Op& op);

  static constexpr size_t kNoOperator = SIZE_MAX;
  [[noreturn]] void fail(const std::string& what) const {
    if (current_ == kNoOperator) g_.fail(what);
    g_.fail("operator " + std::to_string(current_) + " (" + g_.op_code_name(current_) + "): " + what);
  }
  void strip_edge_conversions();
  void map_operator(size_t index);

  tflite::TensorType type_of(int tfl) const { return g_.tensor(tfl).type(); }
  std::string type_name(int tfl) const;
  Quantisation activation_quant(int tfl) const;
  int add_tensor(Tensor t, int tfl);
  int activation(int tfl);
  int weights(int tfl, int32_t channels, int32_t channel_axis, bool one_scale_per_channel);
  int bias(int tfl, const std::string& layer_name, int32_t channels, double input_scale,
           const std::vector<float>& weight_scales);
  IntTensor int_constant(int tfl) const;
  int input_at(const Op& op, size_t k) const;
  Activation fused(tflite::ActivationFunctionType a) const;
  template <typename Options>
  const Options& options(const Options* o) const;
  void append(Layer layer, int tfl_out);
  int append_to_new(Layer layer, TensorShape shape, Quantisation quant, const std::string& name);

  const TfliteGraph& g_;
  TfliteImport result_;
  Model& m_ = result_.model;
  size_t current_ = kNoOperator;   // the operator being mapped, named in errors
  std::vector<int> ir_;            // .tflite tensor index -> IR tensor id (-1: none yet)
  std::map<int, IntTensor> folded_;  // results of folded shape operators
  std::vector<bool> stripped_;     // per operator: an edge conversion the import removed
  std::vector<int> inputs_, outputs_;  // the graph's .tflite input / output tensors after stripping
  int folded_count_ = 0;
};

const Importer::Mapping Importer::kMappings[] = {
    {tflite::BuiltinOperator_CONV_2D, &Importer::conv2d},
    {tflite::BuiltinOperator_DEPTHWISE_CONV_2D, &Importer::depthwise_conv2d},
    {tflite::BuiltinOperator_FULLY_CONNECTED, &Importer::fully_connected},
    {tflite::BuiltinOperator_AVERAGE_POOL_2D, &Importer::pool},
    {tflite::BuiltinOperator_MAX_POOL_2D, &Importer::pool},
    {tflite::BuiltinOperator_ADD, &Importer::elementwise},
    {tflite::BuiltinOperator_MUL, &Importer::elementwise},
    {tflite::BuiltinOperator_PAD, &Importer::pad},
    {tflite::BuiltinOperator_RESHAPE, &Importer::reshape},
    {tflite::BuiltinOperator_SOFTMAX, &Importer::softmax},
    {tflite::BuiltinOperator_MEAN, &Importer::mean},
    {tflite::BuiltinOperator_QUANTIZE, &Importer::quantize},
    {tflite::BuiltinOperator_DEQUANTIZE, &Importer::dequantize},
    {tflite::BuiltinOperator_RELU, &Importer::relu},
    {tflite::BuiltinOperator_RELU6, &Importer::relu},
    {tflite::BuiltinOperator_SHAPE, &Importer::fold_shape_op},
    {tflite::BuiltinOperator_STRIDED_SLICE, &Importer::fold_strided_slice_op},
    {tflite::BuiltinOperator_PACK, &Importer::fold_pack_op},
};

// ---------------------------------------------------------------------------------------------------------------
// Tensors

std::string Importer::type_name(int tfl) const {
  const std::string name = tflite::EnumNameTensorType(type_of(tfl));
  return name.empty() ? "type " + std::to_string(static_cast<int>(type_of(tfl))) : name;
}

// Element i of a [long] vector. The flatbuffers Verifier checks a vector's alignment for its 4-byte length only, so
// the 8-byte elements of a valid file may sit at any 4-byte boundary: read them bytewise (UBSan flags the library's
// aligned load, found by the fuzzer).
int64_t int64_at(const flatbuffers::Vector<int64_t>& v, size_t i) {
  int64_t value = 0;
  std::memcpy(&value, v.Data() + i * sizeof(int64_t), sizeof value);
  return value;
}

// An activation's per-tensor quantisation (the IR's, and TFLite int8's, only form for activations).
Quantisation Importer::activation_quant(int tfl) const {
  const tflite::QuantizationParameters* q = g_.tensor(tfl).quantization();
  const size_t scales = q && q->scale() ? q->scale()->size() : 0;
  const size_t zero_points = q && q->zero_point() ? q->zero_point()->size() : 0;
  if (scales != 1 || zero_points > 1)
    fail("tensor " + g_.tensor_name(tfl) + " needs one scale and zero point (per-tensor quantisation), has " +
         std::to_string(scales) + " scale(s)");
  const float scale = q->scale()->Get(0);
  const int64_t zero_point = zero_points ? int64_at(*q->zero_point(), 0) : 0;
  if (!(scale > 0.0f) || !std::isfinite(scale)) fail("tensor " + g_.tensor_name(tfl) + " has a non-positive scale");
  if (zero_point < -128 || zero_point > 127)
    fail("tensor " + g_.tensor_name(tfl) + " has zero point " + std::to_string(zero_point) + " outside int8");
  return Quantisation{{scale}, {static_cast<int32_t>(zero_point)}};
}

int Importer::add_tensor(Tensor t, int tfl) {
  m_.tensors.push_back(std::move(t));
  const int id = static_cast<int>(m_.tensors.size()) - 1;
  if (tfl >= 0) ir_[tfl] = id;
  return id;
}

std::string name_of(const tflite::Tensor& t) { return t.name() ? t.name()->str() : std::string(); }

// The IR tensor of an int8 activation, created on first use.
int Importer::activation(int tfl) {
  if (ir_[tfl] >= 0) return ir_[tfl];
  if (type_of(tfl) != tflite::TensorType_INT8)
    fail("tensor " + g_.tensor_name(tfl) + " has " + type_name(tfl) + "; only int8 activations are supported");
  if (!g_.constant_bytes(tfl).empty())
    fail("tensor " + g_.tensor_name(tfl) + " is a constant where an activation is expected (not supported)");
  if (g_.shape(tfl).empty()) fail("activation " + g_.tensor_name(tfl) + " is a scalar (rank 0 is not supported)");
  return add_tensor(Tensor{name_of(g_.tensor(tfl)), TensorShape{g_.shape(tfl)}, DataType::Int8, activation_quant(tfl),
                           {}, {}},
                    tfl);
}

// Constant int8 weights with symmetric quantisation: one scale per output channel (conv, depthwise: a per-tensor
// scale is repeated) or one scale (fully connected: per-channel scales must all be equal).
int Importer::weights(int tfl, int32_t channels, int32_t channel_axis, bool one_scale_per_channel) {
  if (ir_[tfl] >= 0) return ir_[tfl];
  const std::string what = "weights " + g_.tensor_name(tfl);
  if (type_of(tfl) != tflite::TensorType_INT8) fail(what + " have " + type_name(tfl) + ", expected INT8");
  Tensor w{name_of(g_.tensor(tfl)), TensorShape{g_.shape(tfl)}, DataType::Int8, {}, {}, {}};
  const std::span<const uint8_t> data = g_.constant_bytes(tfl);
  if (static_cast<int64_t>(data.size()) != w.shape.elements())
    fail(what + " hold " + std::to_string(data.size()) + " bytes, shape " + w.shape.to_string() + " needs " +
         std::to_string(w.shape.elements()));
  w.int8_data.resize(data.size());
  std::memcpy(w.int8_data.data(), data.data(), data.size());
  const tflite::QuantizationParameters* q = g_.tensor(tfl).quantization();
  const size_t scales = q && q->scale() ? q->scale()->size() : 0;
  if (scales != 1 && scales != static_cast<size_t>(channels))
    fail(what + " have " + std::to_string(scales) + " scales for " + std::to_string(channels) + " output channels");
  if (scales > 1 && q->quantized_dimension() != channel_axis)
    fail(what + " are quantised along dimension " + std::to_string(q->quantized_dimension()) + ", expected " +
         std::to_string(channel_axis));
  if (q->zero_point())
    for (size_t i = 0; i < q->zero_point()->size(); ++i)
      if (int64_at(*q->zero_point(), i) != 0) fail(what + " have a non-zero zero point (int8 weights must be symmetric)");
  w.quant.scale.assign(q->scale()->begin(), q->scale()->end());
  if (one_scale_per_channel && scales == 1) w.quant.scale.assign(static_cast<size_t>(channels), w.quant.scale[0]);
  if (!one_scale_per_channel && scales > 1) {
    for (float s : w.quant.scale)
      if (s != w.quant.scale[0]) fail(what + ": per-channel FULLY_CONNECTED weights are not supported");
    w.quant.scale.resize(1);
  }
  w.quant.zero_point.assign(w.quant.scale.size(), 0);
  return add_tensor(std::move(w), tfl);
}

// The int32 bias (zeros when the operator has none), with the IR's scale convention input_scale * weight_scale[c].
int Importer::bias(int tfl, const std::string& layer_name, int32_t channels, double input_scale,
                   const std::vector<float>& weight_scales) {
  Tensor b{layer_name + "_bias", TensorShape{{channels}}, DataType::Int32, {}, {}, std::vector<int32_t>(channels, 0)};
  for (int32_t c = 0; c < channels; ++c) {
    b.quant.scale.push_back(static_cast<float>(input_scale * weight_scales[weight_scales.size() == 1 ? 0 : c]));
    b.quant.zero_point.push_back(0);
  }
  if (tfl < 0) return add_tensor(std::move(b), -1);
  const std::string what = "bias " + g_.tensor_name(tfl);
  if (type_of(tfl) != tflite::TensorType_INT32) fail(what + " has " + type_name(tfl) + ", expected INT32");
  if (TensorShape{g_.shape(tfl)}.elements() != channels)
    fail(what + " has shape " + join_dims(g_.shape(tfl)) + " for " + std::to_string(channels) + " output channels");
  const std::span<const uint8_t> data = g_.constant_bytes(tfl);
  if (data.size() != 4 * static_cast<size_t>(channels))
    fail(what + " holds " + std::to_string(data.size()) + " bytes, needs " + std::to_string(4 * channels));
  b.name = name_of(g_.tensor(tfl));
  std::memcpy(b.int32_data.data(), data.data(), data.size());  // little-endian in the file, as on the host
  return add_tensor(std::move(b), tfl);
}

// An integer constant: a folded shape operator's result, or an INT32 / INT64 tensor with a buffer.
IntTensor Importer::int_constant(int tfl) const {
  if (const auto it = folded_.find(tfl); it != folded_.end()) return it->second;
  const std::span<const uint8_t> data = g_.constant_bytes(tfl);
  const tflite::TensorType type = type_of(tfl);
  const size_t width = type == tflite::TensorType_INT32 ? 4 : type == tflite::TensorType_INT64 ? 8 : 0;
  if (!width || data.empty())
    fail("input " + g_.tensor_name(tfl) + " must be a constant INT32 or INT64 tensor, is " + type_name(tfl) +
         (data.empty() ? " without data" : ""));
  IntTensor t{g_.shape(tfl), {}};
  if (data.size() != width * static_cast<size_t>(TensorShape{t.dims}.elements()))
    fail("constant " + g_.tensor_name(tfl) + " holds " + std::to_string(data.size()) + " bytes, shape " +
         join_dims(t.dims) + " needs " + std::to_string(width * TensorShape{t.dims}.elements()));
  for (size_t i = 0; i < data.size(); i += width) {
    int64_t v = 0;
    if (width == 4) {
      int32_t v32;
      std::memcpy(&v32, data.data() + i, 4);
      v = v32;
    } else {
      std::memcpy(&v, data.data() + i, 8);
    }
    t.values.push_back(v);
  }
  return t;
}

int Importer::input_at(const Op& op, size_t k) const {
  if (k >= op.in.size() || op.in[k] < 0) fail("input " + std::to_string(k) + " is missing");
  return op.in[k];
}

// ---------------------------------------------------------------------------------------------------------------
// Layers

// Appends `layer` writing .tflite tensor `tfl_out`. When the IR's shape for the layer's output differs from the file's
// only in layout (same element count, e.g. FULLY_CONNECTED with keep_num_dims), the layer writes an intermediate
// tensor and a Reshape produces the file's shape.
void Importer::append(Layer layer, int tfl_out) {
  if (layer.name.empty()) layer.name = name_of(g_.tensor(tfl_out));
  if (layer.name.empty()) layer.name = std::string(op_name(layer.op)) + "_" + std::to_string(current_);
  if (ir_[tfl_out] >= 0) fail("tensor " + g_.tensor_name(tfl_out) + " is written twice");
  if (type_of(tfl_out) != tflite::TensorType_INT8)
    fail("output " + g_.tensor_name(tfl_out) + " has " + type_name(tfl_out) + "; only int8 is supported");
  // Bounded so that the IR's output-size arithmetic (in + stride - 1, in 32 bits) cannot overflow.
  for (int32_t v : {layer.kernel_h, layer.kernel_w, layer.stride_h, layer.stride_w})
    if (v < 1 || v > kMaxWindow) fail("kernel and stride must lie in [1, " + std::to_string(kMaxWindow) + "]");
  const Quantisation quant = activation_quant(tfl_out);
  const TensorShape declared{g_.shape(tfl_out)};
  layer.outputs = {add_tensor(Tensor{name_of(g_.tensor(tfl_out)), declared, DataType::Int8, quant, {}, {}}, -1)};
  TensorShape inferred;
  try {
    m_.layers.push_back(layer);
    inferred = infer_output_shape(m_.layers.back(), m_);
  } catch (const std::exception& e) {
    fail(e.what());
  }
  Layer& l = m_.layers.back();
  if (l.op == OpType::Conv2D || l.op == OpType::DepthwiseConv2D || l.op == OpType::AveragePool2D ||
      l.op == OpType::MaxPool2D)
    l.pad = compute_padding(l.padding, m_.tensors[l.inputs[0]].shape, l.kernel_h, l.kernel_w, l.stride_h, l.stride_w);
  if (inferred == declared) {
    ir_[tfl_out] = l.outputs[0];
    return;
  }
  if (inferred.elements() != declared.elements())
    fail("output " + g_.tensor_name(tfl_out) + " has shape " + declared.to_string() + ", the operator computes " +
         inferred.to_string());
  m_.tensors[l.outputs[0]].shape = inferred;
  m_.tensors[l.outputs[0]].name += "_" + inferred.to_string();
  Layer reshape = layer_of(OpType::Reshape, {l.outputs[0]});
  reshape.name = layer.name + "_reshape";
  const int out = add_tensor(Tensor{name_of(g_.tensor(tfl_out)), declared, DataType::Int8, quant, {}, {}}, tfl_out);
  reshape.outputs = {out};
  m_.layers.push_back(std::move(reshape));
}

// Appends `layer` writing a new IR tensor (not in the file) of the given shape and quantisation; returns its id.
int Importer::append_to_new(Layer layer, TensorShape shape, Quantisation quant, const std::string& name) {
  layer.name = name;
  layer.outputs = {add_tensor(Tensor{name, std::move(shape), DataType::Int8, std::move(quant), {}, {}}, -1)};
  m_.layers.push_back(std::move(layer));
  return m_.layers.back().outputs[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Operator handlers

Activation Importer::fused(tflite::ActivationFunctionType a) const {
  switch (a) {
    case tflite::ActivationFunctionType_NONE: return Activation::None;
    case tflite::ActivationFunctionType_RELU: return Activation::Relu;
    case tflite::ActivationFunctionType_RELU6: return Activation::Relu6;
    default: break;
  }
  const std::string name = tflite::EnumNameActivationFunctionType(a);
  fail("fused activation " + (name.empty() ? std::to_string(static_cast<int>(a)) : name) + " is not supported");
}

// The operator's options table of the expected type (builtin_options_as_X()), or an error naming it.
template <typename Options>
const Options& Importer::options(const Options* o) const {
  if (!o) fail("its options table is missing or of the wrong type");
  return *o;
}

void Importer::conv2d(const Op& op) {
  const auto& o = options(op.fb.builtin_options_as_Conv2DOptions());
  if (o.dilation_h_factor() != 1 || o.dilation_w_factor() != 1) fail("dilation other than 1 is not supported");
  const int in = activation(input_at(op, 0));
  const std::vector<int32_t> wdims = g_.shape(input_at(op, 1));
  if (wdims.size() != 4) fail("weights must be [Cout, Kh, Kw, Cin], are " + join_dims(wdims));
  Layer l = windowed_layer(OpType::Conv2D, wdims[1], wdims[2], o.stride_h(), o.stride_w(), o.padding(),
                           fused(o.fused_activation_function()));
  const int w = weights(input_at(op, 1), wdims[0], 0, true);
  const std::vector<float> scales = m_.tensors[w].quant.scale;
  l.name = name_of(g_.tensor(op.out.at(0)));
  l.inputs = {in, w, bias(op.in.size() > 2 ? op.in[2] : -1, l.name, wdims[0], m_.tensors[in].quant.scale[0], scales)};
  append(std::move(l), op.out.at(0));
}

void Importer::depthwise_conv2d(const Op& op) {
  const auto& o = options(op.fb.builtin_options_as_DepthwiseConv2DOptions());
  if (o.dilation_h_factor() != 1 || o.dilation_w_factor() != 1) fail("dilation other than 1 is not supported");
  const int in = activation(input_at(op, 0));
  const std::vector<int32_t> wdims = g_.shape(input_at(op, 1));
  if (wdims.size() != 4 || wdims[0] != 1) fail("weights must be [1, Kh, Kw, C], are " + join_dims(wdims));
  if (!m_.tensors[in].shape.is_nhwc()) fail("input " + m_.tensors[in].shape.to_string() + " is not NHWC");
  const int32_t in_channels = m_.tensors[in].shape.channels();
  const int32_t channels = wdims[3];
  // The multiplier follows from the channel counts (newer converters leave the option 0, the schema calls it
  // redundant); a non-zero option must agree.
  if (channels % in_channels != 0 || (o.depth_multiplier() != 0 && o.depth_multiplier() != channels / in_channels))
    fail(std::to_string(channels) + " output channels from " + std::to_string(in_channels) + " input channels with depth "
         "multiplier " + std::to_string(o.depth_multiplier()));
  Layer l = windowed_layer(OpType::DepthwiseConv2D, wdims[1], wdims[2], o.stride_h(), o.stride_w(), o.padding(),
                           fused(o.fused_activation_function()));
  l.depth_multiplier = channels / in_channels;
  const int w = weights(input_at(op, 1), channels, 3, true);
  const std::vector<float> scales = m_.tensors[w].quant.scale;
  l.name = name_of(g_.tensor(op.out.at(0)));
  l.inputs = {in, w, bias(op.in.size() > 2 ? op.in[2] : -1, l.name, channels, m_.tensors[in].quant.scale[0], scales)};
  append(std::move(l), op.out.at(0));
}

void Importer::fully_connected(const Op& op) {
  const auto& o = options(op.fb.builtin_options_as_FullyConnectedOptions());
  if (o.weights_format() != tflite::FullyConnectedOptionsWeightsFormat_DEFAULT)
    fail("shuffled weights format is not supported");
  const int in = activation(input_at(op, 0));
  const std::vector<int32_t> wdims = g_.shape(input_at(op, 1));
  if (wdims.size() != 2) fail("weights must be [out, in], are " + join_dims(wdims));
  Layer l = layer_of(OpType::FullyConnected, {}, fused(o.fused_activation_function()));
  const int w = weights(input_at(op, 1), wdims[0], 0, false);
  const std::vector<float> scales = m_.tensors[w].quant.scale;
  l.name = name_of(g_.tensor(op.out.at(0)));
  l.inputs = {in, w, bias(op.in.size() > 2 ? op.in[2] : -1, l.name, wdims[0], m_.tensors[in].quant.scale[0], scales)};
  append(std::move(l), op.out.at(0));
}

void Importer::pool(const Op& op) {
  const auto& o = options(op.fb.builtin_options_as_Pool2DOptions());
  const bool average = g_.op_code(op.index) == tflite::BuiltinOperator_AVERAGE_POOL_2D;
  Layer l = windowed_layer(average ? OpType::AveragePool2D : OpType::MaxPool2D, o.filter_height(), o.filter_width(),
                           o.stride_h(), o.stride_w(), o.padding(), fused(o.fused_activation_function()));
  l.inputs = {activation(input_at(op, 0))};
  if (activation_quant(op.out.at(0)) != m_.tensors[l.inputs[0]].quant)
    fail("input and output quantisation differ (TFLite int8 pooling requires them equal)");
  append(std::move(l), op.out.at(0));
}

// ADD and MUL of two equally shaped int8 tensors (no broadcasting).
void Importer::elementwise(const Op& op) {
  const bool add = g_.op_code(op.index) == tflite::BuiltinOperator_ADD;
  const tflite::ActivationFunctionType act = add ? fused_or_none(op.fb.builtin_options_as_AddOptions())
                                                 : fused_or_none(op.fb.builtin_options_as_MulOptions());
  const int a = activation(input_at(op, 0)), b = activation(input_at(op, 1));
  if (m_.tensors[a].shape != m_.tensors[b].shape)
    fail("inputs of shapes " + m_.tensors[a].shape.to_string() + " and " + m_.tensors[b].shape.to_string() +
         " (broadcasting is not supported)");
  append(layer_of(add ? OpType::Add : OpType::Mul, {a, b}, fused(act)), op.out.at(0));
}

void Importer::pad(const Op& op) {
  const int in = activation(input_at(op, 0));
  const IntTensor p = int_constant(input_at(op, 1));
  if (p.dims != std::vector<int32_t>{4, 2}) fail("paddings must be [4, 2] (NHWC), are " + join_dims(p.dims));
  for (int64_t v : p.values)
    if (v < 0 || v > (1 << 20)) fail("padding " + std::to_string(v) + " outside [0, 2^20]");
  if (p.values[0] || p.values[1]) fail("padding the batch dimension is not supported");
  const auto at = [&](int i) { return static_cast<int32_t>(p.values[i]); };
  if (activation_quant(op.out.at(0)) != m_.tensors[in].quant) fail("input and output quantisation differ");
  Layer l = layer_of(OpType::Pad, {in});
  l.pad = PadAmounts{at(2), at(3), at(4), at(5), at(6), at(7)};
  append(std::move(l), op.out.at(0));
}

// RESHAPE to the output tensor's shape; a given target shape (input 1, possibly folded, or the options' new_shape)
// must agree with it, with -1 standing for the remaining elements.
void Importer::reshape(const Op& op) {
  const int in = activation(input_at(op, 0));
  const std::vector<int32_t> declared = g_.shape(op.out.at(0));
  std::optional<std::vector<int64_t>> target;
  if (op.in.size() > 1 && op.in[1] >= 0) target = int_constant(op.in[1]).values;
  else if (const auto* o = op.fb.builtin_options_as_ReshapeOptions(); o && o->new_shape())
    target = std::vector<int64_t>(o->new_shape()->begin(), o->new_shape()->end());
  if (target) {
    const int64_t known = TensorShape{declared}.elements();
    bool ok = target->size() == declared.size();
    for (size_t i = 0; ok && i < target->size(); ++i) ok = (*target)[i] == declared[i] || (*target)[i] == -1;
    if (!ok || known != m_.tensors[in].shape.elements())
      fail("target shape does not match the output shape " + join_dims(declared));
  }
  if (activation_quant(op.out.at(0)) != m_.tensors[in].quant) fail("input and output quantisation differ");
  append(layer_of(OpType::Reshape, {in}), op.out.at(0));
}

void Importer::softmax(const Op& op) {
  const auto& o = options(op.fb.builtin_options_as_SoftmaxOptions());
  if (o.beta() != 1.0f) fail("beta " + std::to_string(o.beta()) + " is not supported (only 1)");
  // TFLite's int8 softmax output is fixed: scale 1/256, zero point -128.
  if (activation_quant(op.out.at(0)) != Quantisation{{1.0f / 256.0f}, {-128}})
    fail("output quantisation must be scale 1/256, zero point -128 (TFLite int8 softmax)");
  append(layer_of(OpType::Softmax, {activation(input_at(op, 0))}), op.out.at(0));
}

// MEAN over height and width of an NHWC tensor: AVERAGE_POOL_2D over the whole plane (the pool's rounding: sum over
// count, half away from zero), then a requantisation when the output's quantisation differs from the input's; the
// keep_dims = false layout follows by append's reshape.
void Importer::mean(const Op& op) {
  const int in = activation(input_at(op, 0));
  const TensorShape& shape = m_.tensors[in].shape;
  if (!shape.is_nhwc()) fail("input " + shape.to_string() + " is not NHWC");
  std::vector<int64_t> axes = int_constant(input_at(op, 1)).values;
  for (int64_t& a : axes) a = a < 0 ? a + 4 : a;
  std::sort(axes.begin(), axes.end());
  if (axes != std::vector<int64_t>{1, 2}) fail("only the mean over height and width (axes 1, 2) is supported");
  const Quantisation out_quant = activation_quant(op.out.at(0));
  Layer pool = windowed_layer(OpType::AveragePool2D, shape.height(), shape.width(), 1, 1, tflite::Padding_VALID,
                              Activation::None);
  pool.inputs = {in};
  result_.notes.push_back("MEAN (operator " + std::to_string(op.index) + ") computed as a " + shape.to_string() +
                          " average pool" + (out_quant == m_.tensors[in].quant ? "" : " and a requantisation"));
  if (out_quant == m_.tensors[in].quant) return append(std::move(pool), op.out.at(0));
  const std::string name = name_of(g_.tensor(op.out.at(0)));
  const int pooled = append_to_new(std::move(pool), TensorShape{{shape.dims[0], 1, 1, shape.channels()}},
                                   m_.tensors[in].quant, name + "_pooled");
  append(layer_of(OpType::Quantize, {pooled}), op.out.at(0));
}

// QUANTIZE between int8 tensors inside the graph (edge conversions were stripped before).
void Importer::quantize(const Op& op) {
  if (type_of(input_at(op, 0)) != tflite::TensorType_INT8)
    fail("QUANTIZE from " + type_name(op.in[0]) + " inside the graph is not supported (only at the model's input)");
  append(layer_of(OpType::Quantize, {activation(op.in[0])}), op.out.at(0));
}

// Standalone RELU / RELU6: TFLite requantises to the output's scale and clamps, which is a Quantize layer with the
// activation's clamp.
void Importer::relu(const Op& op) {
  const bool six = g_.op_code(op.index) == tflite::BuiltinOperator_RELU6;
  result_.notes.push_back(g_.op_code_name(op.index) + " (operator " + std::to_string(op.index) +
                          ") computed as a requantisation with its clamp");
  append(layer_of(OpType::Quantize, {activation(input_at(op, 0))}, six ? Activation::Relu6 : Activation::Relu),
         op.out.at(0));
}

void Importer::dequantize(const Op&) { fail("DEQUANTIZE inside the graph is not supported (only at the model's output)"); }

void Importer::fold_shape_op(const Op& op) {
  folded_[op.out.at(0)] = fold_shape(g_.shape(input_at(op, 0)));
  ++folded_count_;
}

void Importer::fold_strided_slice_op(const Op& op) {
  const auto& o = options(op.fb.builtin_options_as_StridedSliceOptions());
  const StridedSliceMasks masks{o.begin_mask(), o.end_mask(), o.ellipsis_mask(), o.new_axis_mask(),
                                o.shrink_axis_mask(), o.offset()};
  try {
    folded_[op.out.at(0)] = fold_strided_slice(int_constant(input_at(op, 0)), int_constant(input_at(op, 1)),
                                               int_constant(input_at(op, 2)), int_constant(input_at(op, 3)), masks);
  } catch (const std::invalid_argument& e) {
    fail(std::string("cannot fold: ") + e.what());
  }
  ++folded_count_;
}

void Importer::fold_pack_op(const Op& op) {
  const auto& o = options(op.fb.builtin_options_as_PackOptions());
  std::vector<IntTensor> values;
  for (size_t k = 0; k < op.in.size(); ++k) values.push_back(int_constant(input_at(op, k)));
  try {
    folded_[op.out.at(0)] = fold_pack(values, o.axis());
  } catch (const std::invalid_argument& e) {
    fail(std::string("cannot fold: ") + e.what());
  }
  ++folded_count_;
}

// ---------------------------------------------------------------------------------------------------------------
// The graph

bool is_edge_type(tflite::TensorType t) { return t == tflite::TensorType_FLOAT32 || t == tflite::TensorType_UINT8; }

// Marks QUANTIZE (float32 / uint8 -> int8) reading a model input and DEQUANTIZE / QUANTIZE (int8 -> float32 / uint8)
// writing a model output as stripped; the int8 tensor on their other side becomes the model's input / output.
void Importer::strip_edge_conversions() {
  stripped_.assign(g_.operator_count(), false);
  const auto replace = [](std::vector<int>& ids, int from, int to) {
    const auto it = std::find(ids.begin(), ids.end(), from);
    if (it == ids.end()) return false;
    *it = to;
    return true;
  };
  for (size_t i = 0; i < g_.operator_count(); ++i) {
    current_ = i;
    const BuiltinOperator code = g_.op_code(i);
    if (code != tflite::BuiltinOperator_QUANTIZE && code != tflite::BuiltinOperator_DEQUANTIZE) continue;
    const std::vector<int> in = g_.inputs(i), out = g_.outputs(i);
    if (in.size() != 1 || out.size() != 1 || in[0] < 0) continue;
    const std::string conversion = g_.op_code_name(i) + " (operator " + std::to_string(i) + ", " + type_name(in[0]) +
                                   " -> " + type_name(out[0]) + ")";
    if (is_edge_type(type_of(in[0])) && type_of(out[0]) == tflite::TensorType_INT8 && replace(inputs_, in[0], out[0])) {
      stripped_[i] = true;
      result_.notes.push_back("stripped input conversion " + conversion + ": the model input is " +
                              g_.tensor_name(out[0]));
    } else if (type_of(in[0]) == tflite::TensorType_INT8 && is_edge_type(type_of(out[0])) &&
               replace(outputs_, out[0], in[0])) {
      stripped_[i] = true;
      result_.notes.push_back("stripped output conversion " + conversion + ": the model output is " +
                              g_.tensor_name(in[0]));
    }
  }
}

void Importer::map_operator(size_t index) {
  current_ = index;
  if (stripped_[index]) return;
  const Op op{index, g_.op(index), g_.inputs(index), g_.outputs(index)};
  if (op.out.size() != 1) fail("has " + std::to_string(op.out.size()) + " outputs, expected 1");
  const BuiltinOperator code = g_.op_code(index);
  for (const Mapping& m : kMappings)
    if (m.code == code) return (this->*m.handler)(op);
  fail("unsupported operator");
}

TfliteImport Importer::run() {
  if (g_.subgraph_count() > 1)
    result_.notes.push_back("the file has " + std::to_string(g_.subgraph_count()) +
                            " subgraphs; only the first (the main model) is imported");
  inputs_ = g_.graph_inputs();
  outputs_ = g_.graph_outputs();
  if (inputs_.empty() || outputs_.empty()) g_.fail("the main subgraph has no input or no output");
  strip_edge_conversions();
  current_ = kNoOperator;
  for (int in : inputs_) {
    if (type_of(in) != tflite::TensorType_INT8)
      g_.fail("model input " + g_.tensor_name(in) + " has " + type_name(in) +
              " and no QUANTIZE to int8 follows it (only int8 models are supported)");
    m_.inputs.push_back(activation(in));
  }
  for (size_t i = 0; i < g_.operator_count(); ++i) map_operator(i);
  current_ = kNoOperator;
  for (int out : outputs_) {
    if (ir_[out] < 0) g_.fail("model output " + g_.tensor_name(out) + " is no int8 operator's output");
    m_.outputs.push_back(ir_[out]);
  }
  if (folded_count_)
    result_.notes.push_back("folded " + std::to_string(folded_count_) +
                            " shape operator(s) (SHAPE, STRIDED_SLICE, PACK) into constants");
  try {
    validate(m_);
  } catch (const std::exception& e) {
    g_.fail(e.what());
  }
  return std::move(result_);
}

}  // namespace

TfliteImport import_tflite_bytes(std::span<const uint8_t> bytes, const std::string& origin) {
  const TfliteGraph graph(bytes, origin);
  return Importer(graph, std::filesystem::path(origin).stem().string()).run();
}

TfliteImport import_tflite_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error(path + ": cannot open");
  const std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
  if (f.bad()) throw std::runtime_error(path + ": read failed");
  return import_tflite_bytes(bytes, path);
}

Model import_tflite(const std::string& path) { return import_tflite_file(path).model; }

}  // namespace mcuprof
