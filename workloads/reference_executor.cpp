#include "workloads/reference_executor.h"

#include <stdexcept>

#include "kernels/reference/kernels.h"
#include "workloads/layer_params.h"

namespace mcuprof {

namespace {

std::span<const uint8_t> as_bytes(const std::vector<int8_t>& v) {
  return {reinterpret_cast<const uint8_t*>(v.data()), v.size()};
}

void run_layer(const Layer& l, const Model& m, std::vector<std::vector<int8_t>>& values) {
  const auto in = [&](size_t k) -> const std::vector<int8_t>& { return values.at(l.inputs.at(k)); };
  std::vector<int8_t>& out = values.at(l.outputs.at(0));
  out.assign(size_t(m.tensors.at(l.outputs.at(0)).shape.elements()), 0);
  const auto weights = [&]() -> const Tensor& { return m.tensors.at(l.inputs.at(1)); };
  const auto bias = [&]() { return std::span<const int32_t>(m.tensors.at(l.inputs.at(2)).int32_data); };
  const bool int4 = l.inputs.size() > 1 && weights().type == DataType::Int4Packed;
  switch (l.op) {
    case OpType::Conv2D: {
      const std::vector<ref::Requant> rq = output_multipliers(l, m);
      if (int4) ref::conv2d_w4a8(conv_params(l, m), in(0), as_bytes(weights().int8_data), bias(), rq, out);
      else ref::conv2d_s8(conv_params(l, m), in(0), weights().int8_data, bias(), rq, out);
      return;
    }
    case OpType::DepthwiseConv2D: {
      const std::vector<ref::Requant> rq = output_multipliers(l, m);
      if (int4) ref::depthwise_conv2d_w4a8(depthwise_params(l, m), in(0), as_bytes(weights().int8_data), bias(), rq, out);
      else ref::depthwise_conv2d_s8(depthwise_params(l, m), in(0), weights().int8_data, bias(), rq, out);
      return;
    }
    case OpType::FullyConnected: {
      const ref::Requant rq = output_multipliers(l, m).at(0);
      if (int4) ref::fully_connected_w4a8(fully_connected_params(l, m), in(0), as_bytes(weights().int8_data), bias(), rq, out);
      else ref::fully_connected_s8(fully_connected_params(l, m), in(0), weights().int8_data, bias(), rq, out);
      return;
    }
    case OpType::AveragePool2D: ref::avg_pool_s8(pool_params(l, m), in(0), out); return;
    case OpType::MaxPool2D: ref::max_pool_s8(pool_params(l, m), in(0), out); return;
    case OpType::Add: ref::add_s8(add_params(l, m), in(0), in(1), out); return;
    case OpType::Pad: ref::pad_s8(pad_params(l, m), in(0), out); return;
    case OpType::Reshape: ref::reshape(in(0), out); return;
    case OpType::Softmax: ref::softmax_s8(softmax_params(l, m), in(0), out); return;
    case OpType::Mul: ref::mul_s8(mul_params(l, m), in(0), in(1), out); return;
    case OpType::Quantize: ref::requantize_s8(requantize_params(l, m), in(0), out); return;
  }
  throw std::logic_error("reference executor: layer " + l.name + " has an op it does not know");
}

}  // namespace

std::vector<std::vector<int8_t>> run_reference_tensors(const Model& model, std::span<const int8_t> input) {
  std::vector<std::vector<int8_t>> values(model.tensors.size());
  const Tensor& in = model.tensors.at(model.inputs.at(0));
  if (int64_t(input.size()) != in.shape.elements())
    throw std::invalid_argument("model '" + model.name + "': input has " + std::to_string(input.size()) +
                                " bytes, tensor " + in.name + " " + in.shape.to_string() + " needs " +
                                std::to_string(in.shape.elements()));
  values.at(model.inputs.at(0)).assign(input.begin(), input.end());
  for (const Layer& l : model.layers) run_layer(l, model, values);
  return values;
}

std::vector<int8_t> run_reference(const Model& model, std::span<const int8_t> input) {
  return run_reference_tensors(model, input).at(model.outputs.at(0));
}

std::vector<int8_t> random_input(const Model& model, uint64_t seed) {
  SplitMix64 rng(seed);
  std::vector<int8_t> input(size_t(model.tensors.at(model.inputs.at(0)).shape.elements()));
  for (int8_t& v : input) v = int8_t(rng.uniform_int(-128, 127));
  return input;
}

}  // namespace mcuprof
