#include "workloads/model_json.h"

#include <cstdio>

#include <algorithm>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

namespace mcuprof {
namespace {

using Json = nlohmann::ordered_json;

// ---------------------------------------------------------------------------------------------------------------
// Reading

// Where an error is: "file.json: layer 3 (conv2d)".
struct Where {
  std::string at;
  [[noreturn]] void fail(const std::string& what) const { throw std::runtime_error(at + ": " + what); }
  [[noreturn]] void fail(const char* key, const std::string& what) const {
    fail("field '" + std::string(key) + "' " + what);
  }
};

const Json& need(const Json& obj, const char* key, const Where& w) {
  if (!obj.contains(key)) w.fail(key, "is missing");
  return obj[key];
}

int64_t as_int(const Json& v, const char* key, const Where& w, int64_t lo, int64_t hi) {
  if (!v.is_number_integer()) w.fail(key, "must be an integer, got " + v.dump());
  const int64_t x = v.get<int64_t>();
  if (x < lo || x > hi)
    w.fail(key, "value " + std::to_string(x) + " is outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return x;
}

double as_number(const Json& v, const char* key, const Where& w) {
  if (!v.is_number()) w.fail(key, "must be a number, got " + v.dump());
  return v.get<double>();
}

std::string as_string(const Json& v, const char* key, const Where& w) {
  if (!v.is_string()) w.fail(key, "must be a string, got " + v.dump());
  return v.get<std::string>();
}

constexpr int64_t kI32Max = std::numeric_limits<int32_t>::max();
constexpr int64_t kI32Min = std::numeric_limits<int32_t>::min();

std::vector<int32_t> int_list(const Json& v, const char* key, const Where& w, int64_t lo, int64_t hi) {
  if (!v.is_array()) w.fail(key, "must be a list of integers, got " + v.dump());
  std::vector<int32_t> out;
  for (const Json& x : v) out.push_back(static_cast<int32_t>(as_int(x, key, w, lo, hi)));
  return out;
}

std::pair<int32_t, int32_t> pair_of(const Json& layer, const char* key, const Where& w, std::optional<int32_t> dflt) {
  if (!layer.contains(key)) {
    if (!dflt) w.fail(key, "is missing");
    return {*dflt, *dflt};
  }
  const std::vector<int32_t> v = int_list(layer[key], key, w, 1, 1 << 20);
  if (v.size() != 2) w.fail(key, "must be [h, w]");
  return {v[0], v[1]};
}

QuantParams quant_of(const Json& v, const char* key, const Where& w) {
  if (!v.is_object()) w.fail(key, "must be an object {\"scale\": ..., \"zero_point\": ...}");
  const double scale = as_number(need(v, "scale", w), "scale", w);
  if (!(scale > 0.0)) w.fail("scale", "must be positive");
  return {static_cast<float>(scale),
          static_cast<int32_t>(as_int(need(v, "zero_point", w), "zero_point", w, -128, 127))};
}

template <typename E>
E enum_of(const Json& layer, const char* key, const Where& w, E dflt, std::optional<E> (*from)(std::string_view)) {
  if (!layer.contains(key)) return dflt;
  const std::string s = as_string(layer[key], key, w);
  const std::optional<E> e = from(s);
  if (!e) w.fail(key, "has unknown value '" + s + "'");
  return *e;
}

const std::set<std::string> kLayerFields = {
    "op",         "inputs", "out_channels", "kernel",  "stride", "padding", "depth_multiplier",
    "activation", "pad",    "shape",        "weights", "bias",   "output"};

// Replaces random weights and bias by the given ones (the bias scales follow the weight scales).
void patch_weights(Model& m, const Layer& l, const Json& layer, const Where& w) {
  Tensor& wt = m.tensors.at(l.inputs.at(1));
  Tensor& bt = m.tensors.at(l.inputs.at(2));
  if (layer.contains("weights") && layer["weights"] != "random") {
    const Json& spec = layer["weights"];
    if (!spec.is_object()) w.fail("weights", "must be \"random\" or {\"values\": [...], \"scales\": [...]}");
    const std::string type = spec.contains("type") ? as_string(spec["type"], "type", w) : "int8";
    if (type != "int8" && type != "int4_packed") w.fail("type", "must be \"int8\" or \"int4_packed\"");
    wt.type = type == "int8" ? DataType::Int8 : DataType::Int4Packed;
    const std::vector<int32_t> values = int_list(need(spec, "values", w), "values", w, -128, 127);
    if (static_cast<int64_t>(values.size()) != wt.byte_size())
      w.fail("values", "has " + std::to_string(values.size()) + " entries, weights of shape " + wt.shape.to_string() +
                           " need " + std::to_string(wt.byte_size()));
    wt.int8_data.assign(values.begin(), values.end());
    const Json& scales = need(spec, "scales", w);
    if (!scales.is_array() || scales.size() != wt.quant.scale.size())
      w.fail("scales", "must be a list of " + std::to_string(wt.quant.scale.size()) + " number(s)");
    for (size_t c = 0; c < scales.size(); ++c) {
      const double s = as_number(scales[c], "scales", w);
      if (!(s > 0.0)) w.fail("scales", "must be positive");
      wt.quant.scale[c] = static_cast<float>(s);
    }
  }
  const double in_scale = m.tensors.at(l.inputs[0]).quant.scale.at(0);
  for (size_t c = 0; c < bt.quant.scale.size(); ++c)
    bt.quant.scale[c] = static_cast<float>(in_scale * wt.quant.scale[wt.quant.scale.size() == 1 ? 0 : c]);
  if (layer.contains("bias") && layer["bias"] != "random") {
    if (!layer["bias"].is_object()) w.fail("bias", "must be \"random\" or {\"values\": [...]}");
    const std::vector<int32_t> values = int_list(need(layer["bias"], "values", w), "values", w, kI32Min, kI32Max);
    if (values.size() != bt.int32_data.size())
      w.fail("bias", "has " + std::to_string(values.size()) + " values, the layer has " +
                         std::to_string(bt.int32_data.size()) + " output channels");
    bt.int32_data = values;
  }
}

PadAmounts pad_of(const Json& layer, const Where& w) {
  PadAmounts p;
  if (!layer.contains("pad")) return p;
  const Json& v = layer["pad"];
  if (!v.is_object()) w.fail("pad", "must be an object");
  const std::pair<const char*, int32_t*> fields[] = {{"top", &p.top},
                                                     {"bottom", &p.bottom},
                                                     {"left", &p.left},
                                                     {"right", &p.right},
                                                     {"channels_before", &p.channels_before},
                                                     {"channels_after", &p.channels_after}};
  for (const auto& item : v.items()) {
    const auto* f =
        std::find_if(std::begin(fields), std::end(fields), [&](const auto& x) { return item.key() == x.first; });
    if (f == std::end(fields)) w.fail("pad", "has unknown key '" + item.key() + "'");
    *f->second = static_cast<int32_t>(as_int(item.value(), f->first, w, 0, 1 << 20));
  }
  return p;
}

// Appends one layer through the builder; returns its output tensor id.
int build_layer(ModelBuilder& b, OpType op, const std::vector<int>& in, const Json& layer, const Where& w) {
  const auto act = enum_of(layer, "activation", w, Activation::None, activation_from_name);
  const auto padding = enum_of(layer, "padding", w, Padding::Valid, padding_from_name);
  const auto out_channels = [&] {
    return static_cast<int32_t>(as_int(need(layer, "out_channels", w), "out_channels", w, 1, 1 << 20));
  };
  const auto [kh, kw] =
      op == OpType::Conv2D || op == OpType::DepthwiseConv2D || op == OpType::AveragePool2D || op == OpType::MaxPool2D
          ? pair_of(layer, "kernel", w, std::nullopt)
          : std::pair<int32_t, int32_t>{1, 1};
  const auto [sh, sw] = pair_of(layer, "stride", w, 1);
  switch (op) {
    case OpType::Conv2D: return b.conv2d(in[0], out_channels(), kh, kw, sh, sw, padding, act);
    case OpType::DepthwiseConv2D: {
      const int32_t mult =
          layer.contains("depth_multiplier")
              ? static_cast<int32_t>(as_int(layer["depth_multiplier"], "depth_multiplier", w, 1, 1 << 10))
              : 1;
      return b.depthwise_conv2d(in[0], kh, kw, sh, sw, padding, act, mult);
    }
    case OpType::FullyConnected: return b.fully_connected(in[0], out_channels(), act);
    case OpType::AveragePool2D: return b.average_pool2d(in[0], kh, kw, sh, sw, padding);
    case OpType::MaxPool2D: return b.max_pool2d(in[0], kh, kw, sh, sw, padding);
    case OpType::Add: return b.add(in[0], in[1], act);
    case OpType::Pad: return b.pad(in[0], pad_of(layer, w));
    case OpType::Reshape:
      return b.reshape(in[0], TensorShape{int_list(need(layer, "shape", w), "shape", w, 1, kI32Max)});
    case OpType::Softmax: return b.softmax(in[0]);
    case OpType::Mul:
    case OpType::Quantize: w.fail("op", "'" + std::string(op_name(op)) + "' is not available in the JSON form");
  }
  return -1;
}

// A tensor reference: a layer index (that layer's output) or "input".
int resolve(const Json& ref, const std::vector<int>& layer_outputs, int model_input, const char* key, const Where& w) {
  if (ref == "input") return model_input;
  if (layer_outputs.empty()) w.fail(key, "refers to a layer but none precedes it (use \"input\")");
  const int64_t i = as_int(ref, key, w, 0, static_cast<int64_t>(layer_outputs.size()) - 1);
  return layer_outputs[i];
}

void read_layer(ModelBuilder& b, std::vector<int>& outs, const Json& layer, const Where& file, size_t index) {
  Where w{file.at + ": layer " + std::to_string(index)};
  if (!layer.is_object()) w.fail("must be an object");
  const std::string name = as_string(need(layer, "op", w), "op", w);
  const std::optional<OpType> op = op_from_name(name);
  if (!op) w.fail("op", "has unknown value '" + name + "'");
  w.at += " (" + name + ")";
  for (const auto& item : layer.items())
    if (!kLayerFields.count(item.key())) w.fail("unknown field '" + item.key() + "'");
  std::vector<int> in;
  if (layer.contains("inputs")) {
    if (!layer["inputs"].is_array()) w.fail("inputs", "must be a list of layer indices or \"input\"");
    for (const Json& ref : layer["inputs"]) in.push_back(resolve(ref, outs, b.input(), "inputs", w));
  } else {
    in.push_back(outs.empty() ? b.input() : outs.back());
  }
  const size_t want = *op == OpType::Add ? 2 : 1;
  if (in.size() != want) w.fail("inputs", "must name " + std::to_string(want) + " tensor(s)");
  const int out = build_layer(b, *op, in, layer, w);
  Model& m = b.model();
  const Layer& l = m.layers.back();
  if (*op == OpType::Conv2D || *op == OpType::DepthwiseConv2D || *op == OpType::FullyConnected)
    patch_weights(m, l, layer, w);
  else if (layer.contains("weights") || layer.contains("bias"))
    w.fail("has weights or bias but its op takes none");
  if (layer.contains("output")) {
    const QuantParams q = quant_of(layer["output"], "output", w);
    m.tensors[out].quant = {{q.scale}, {q.zero_point}};
  }
  outs.push_back(out);
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

Json quant_json(const Quantisation& q) { return Json{{"scale", q.scale.at(0)}, {"zero_point", q.zero_point.at(0)}}; }

Json ref_json(int id, const Model& m) {
  if (id == m.inputs.at(0)) return "input";
  for (size_t i = 0; i < m.layers.size(); ++i)
    if (m.layers[i].outputs.at(0) == id) return i;
  throw std::runtime_error("model '" + m.name + "': tensor " + std::to_string(id) + " is no layer's output");
}

Json layer_json(const Layer& l, const Model& m) {
  Json j{{"op", op_name(l.op)}};
  const bool weighted = l.op == OpType::Conv2D || l.op == OpType::DepthwiseConv2D || l.op == OpType::FullyConnected;
  Json inputs = Json::array();
  for (size_t i = 0; i < (weighted ? 1 : l.inputs.size()); ++i) inputs.push_back(ref_json(l.inputs[i], m));
  j["inputs"] = inputs;
  const Tensor& out = m.tensors.at(l.outputs.at(0));
  if (l.op == OpType::Conv2D || l.op == OpType::FullyConnected) j["out_channels"] = out.shape.channels();
  if (l.op == OpType::Conv2D || l.op == OpType::DepthwiseConv2D || l.op == OpType::AveragePool2D ||
      l.op == OpType::MaxPool2D) {
    j["kernel"] = {l.kernel_h, l.kernel_w};
    j["stride"] = {l.stride_h, l.stride_w};
    j["padding"] = padding_name(l.padding);
  }
  if (l.op == OpType::DepthwiseConv2D) j["depth_multiplier"] = l.depth_multiplier;
  if (weighted || l.op == OpType::Add || l.op == OpType::Mul || l.op == OpType::Quantize)  // (content hash of imports)
    j["activation"] = activation_name(l.activation);
  if (l.op == OpType::Pad)
    j["pad"] = {{"top", l.pad.top},
                {"bottom", l.pad.bottom},
                {"left", l.pad.left},
                {"right", l.pad.right},
                {"channels_before", l.pad.channels_before},
                {"channels_after", l.pad.channels_after}};
  if (l.op == OpType::Reshape) j["shape"] = out.shape.dims;
  if (weighted) {
    const Tensor& w = m.tensors.at(l.inputs.at(1));
    j["weights"] = {{"type", w.type == DataType::Int4Packed ? "int4_packed" : "int8"},
                    {"values", w.int8_data},
                    {"scales", w.quant.scale}};
    j["bias"] = {{"values", m.tensors.at(l.inputs.at(2)).int32_data}};
  }
  j["output"] = quant_json(out.quant);
  return j;
}

}  // namespace

Model parse_model_json(const std::string& text, const std::string& origin) {
  const Where file{origin};
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::parse_error& e) {
    file.fail(std::string("invalid JSON: ") + e.what());
  }
  if (!doc.is_object()) file.fail("the model must be a JSON object");
  for (const auto& item : doc.items())
    if (item.key() != "name" && item.key() != "seed" && item.key() != "input" && item.key() != "layers" &&
        item.key() != "outputs")
      file.fail("unknown field '" + item.key() + "'");
  const std::string name = as_string(need(doc, "name", file), "name", file);
  const uint64_t seed =
      doc.contains("seed") ? static_cast<uint64_t>(as_int(doc["seed"], "seed", file, 0, INT64_MAX)) : 1;
  const Where in_where{origin + ": input"};
  const Json& input = need(doc, "input", file);
  if (!input.is_object())
    file.fail("input", "must be an object {\"shape\": [...], \"scale\": ..., \"zero_point\": ...}");
  const TensorShape shape{int_list(need(input, "shape", in_where), "shape", in_where, 1, kI32Max)};
  const QuantParams q =
      input.contains("scale") || input.contains("zero_point") ? quant_of(input, "input", in_where) : QuantParams{};
  const Json& layers = need(doc, "layers", file);
  if (!layers.is_array() || layers.empty()) file.fail("layers", "must be a non-empty list");
  try {
    ModelBuilder b(name, shape, q, seed);
    std::vector<int> outs;
    for (size_t i = 0; i < layers.size(); ++i) read_layer(b, outs, layers[i], file, i);
    std::vector<int> outputs;
    if (doc.contains("outputs")) {
      if (!doc["outputs"].is_array()) file.fail("outputs", "must be a list of layer indices");
      for (const Json& ref : doc["outputs"]) outputs.push_back(resolve(ref, outs, b.input(), "outputs", file));
    } else {
      outputs.push_back(outs.back());
    }
    return b.finish(outputs);
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    if (what.rfind(origin + ":", 0) == 0) throw;
    file.fail(what);  // shape errors from the IR name the layer
  }
}

Model read_model_json(const std::string& path) {
  std::ifstream f(path);
  if (!f) throw std::runtime_error(path + ": cannot open the model file");
  std::stringstream text;
  text << f.rdbuf();
  return parse_model_json(text.str(), path);
}

std::string model_to_json(const Model& m) {
  validate(m);
  if (m.inputs.size() != 1) throw std::runtime_error("model '" + m.name + "': the JSON form has exactly one input");
  const Tensor& in = m.tensors.at(m.inputs[0]);
  Json j{{"name", m.name}, {"input", {{"shape", in.shape.dims}}}};
  j["input"]["scale"] = in.quant.scale.at(0);
  j["input"]["zero_point"] = in.quant.zero_point.at(0);
  Json layers = Json::array();
  for (const Layer& l : m.layers) layers.push_back(layer_json(l, m));
  j["layers"] = layers;
  Json outputs = Json::array();
  for (int id : m.outputs) outputs.push_back(ref_json(id, m));
  j["outputs"] = outputs;
  return j.dump(1) + "\n";
}

void write_model_json(const Model& m, const std::string& path) {
  std::ofstream f(path);
  if (!f) throw std::runtime_error(path + ": cannot write the model file");
  f << model_to_json(m);
  if (!f) throw std::runtime_error(path + ": write failed");
}

std::string model_content_hash(const Model& model) {
  Model unnamed = model;
  unnamed.name.clear();
  uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a 64: offset basis and prime (Fowler/Noll/Vo)
  for (const char c : model_to_json(unnamed)) h = (h ^ uint8_t(c)) * 0x100000001b3ull;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

}  // namespace mcuprof
