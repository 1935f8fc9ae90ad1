#include "sim/model_runner.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "reports/power.h"
#include "sim/kernel_descriptors.h"
#include "sim/kernel_image.h"
#include "workloads/int4_weights.h"
#include "workloads/layer_params.h"
#include "workloads/model_json.h"
#include "workloads/reference_executor.h"

namespace mcuprof {

Cause LayerProfile::main_stall() const {
  Cause worst = Cause::kIssue;
  uint64_t most = 0;
  for (size_t k = 0; k < cycles.by_cause.size(); ++k) {
    if (Cause(k) == Cause::kIssue || cycles.by_cause[k] <= most) continue;
    most = cycles.by_cause[k];
    worst = Cause(k);
  }
  return worst;
}

namespace {

constexpr uint32_t kScratchAlign = 16;

// One layer ready to run: its descriptor in flash and which kernel it calls.
struct LoweredLayer {
  mk_kernel kernel = MK_COPY;
  uint32_t descriptor = 0;
};

// Where every tensor lives on the target: constants in flash, activations at their arena offsets.
class Placement {
 public:
  Placement(KernelImage& image, const Model& model, const MemoryPlan& plan) : model_(model) {
    const uint64_t need = uint64_t(plan.arena_bytes) + uint64_t(plan.scratch_bytes) + kScratchAlign;
    const uint64_t have = image.arena_end() - image.arena_base();
    if (need > have)
      throw std::runtime_error("the activations need " + std::to_string(need) + " bytes of SRAM (arena " +
                               std::to_string(plan.arena_bytes) + " + scratch " + std::to_string(plan.scratch_bytes) +
                               "), the board has " + std::to_string(have) + " after the kernel image");
    for (const TensorPlacement& p : plan.placements) address_[p.tensor] = image.arena_base() + uint32_t(p.offset);
    scratch_ = (image.arena_base() + uint32_t(plan.arena_bytes) + kScratchAlign - 1) / kScratchAlign * kScratchAlign;
    for (size_t id = 0; id < model.tensors.size(); ++id) {
      const Tensor& t = model.tensors[id];
      if (!t.int8_data.empty()) address_[int(id)] = image.put_flash(std::span<const int8_t>(t.int8_data));
      if (!t.int32_data.empty()) address_[int(id)] = image.put_flash(std::span<const int32_t>(t.int32_data));
    }
  }

  uint32_t at(int tensor) const { return address_.at(tensor); }
  uint32_t scratch(int64_t bytes) const { return bytes > 0 ? scratch_ : 0; }
  const Tensor& tensor(int id) const { return model_.tensors.at(id); }

 private:
  const Model& model_;
  std::map<int, uint32_t> address_;
  uint32_t scratch_ = 0;
};

WeightFormat weight_format(const Layer& l, const Model& m) {
  return m.tensors.at(l.inputs.at(1)).type == DataType::Int4Packed ? WeightFormat::kInt4 : WeightFormat::kInt8;
}

template <class Descriptor>
LoweredLayer put(KernelImage& image, mk_kernel kernel, const Descriptor& d) {
  return {kernel, image.put_layer(kernel, image.put_flash_object(d))};
}

ConvOperands conv_operands(KernelImage& image, const Layer& l, const Model& m, const Placement& at, int64_t scratch) {
  const RequantArrays rq = put_requant(image, output_multipliers(l, m));
  const uint32_t bias = l.inputs.size() > 2 ? at.at(l.inputs[2]) : 0;
  return {at.at(l.inputs[0]), at.at(l.inputs[1]), bias, rq.multipliers, rq.shifts, at.at(l.outputs[0]),
          at.scratch(scratch)};
}

LoweredLayer lower(KernelImage& image, const Layer& l, const Model& m, const Placement& at) {
  const uint32_t in = at.at(l.inputs.at(0)), out = at.at(l.outputs.at(0));
  switch (l.op) {
    case OpType::Conv2D: {
      const ref::ConvParams p = conv_params(l, m);
      return put(image, conv_kernel(p, weight_format(l, m)),
                 make_conv(p, conv_operands(image, l, m, at, conv_scratch_bytes(p))));
    }
    case OpType::DepthwiseConv2D: {
      const ref::DepthwiseParams p = depthwise_params(l, m);
      return put(image, depthwise_kernel(p, weight_format(l, m)),
                 make_depthwise(p, conv_operands(image, l, m, at, depthwise_scratch_bytes(p))));
    }
    case OpType::FullyConnected: {
      const FullyConnectedOperands o{in, at.at(l.inputs[1]), l.inputs.size() > 2 ? at.at(l.inputs[2]) : 0, out};
      return put(image, fully_connected_kernel(weight_format(l, m)),
                 make_fully_connected(fully_connected_params(l, m), output_multipliers(l, m).at(0), o));
    }
    case OpType::AveragePool2D: {
      const ref::PoolParams p = pool_params(l, m);
      return put(image, MK_AVG_POOL_S8, make_pool(p, in, out, at.scratch(avg_pool_scratch_bytes(p))));
    }
    case OpType::MaxPool2D: return put(image, MK_MAX_POOL_S8, make_pool(pool_params(l, m), in, out, 0));
    case OpType::Add: {
      const int32_t count = int32_t(at.tensor(l.outputs[0]).shape.elements());
      return put(image, MK_ADD_S8, make_add(add_params(l, m), count, in, at.at(l.inputs.at(1)), out));
    }
    case OpType::Pad: return put(image, MK_PAD_S8, make_pad(pad_params(l, m), in, out));
    case OpType::Reshape: {
      const mk_copy d{int32_t(at.tensor(l.outputs[0]).byte_size()), in, out};
      return put(image, MK_COPY, d);
    }
    case OpType::Softmax: return put(image, MK_SOFTMAX_S8, make_softmax(softmax_params(l, m), in, out));
    case OpType::Mul: {
      const int32_t count = int32_t(at.tensor(l.outputs[0]).shape.elements());
      return put(image, MK_MUL_S8, make_mul(mul_params(l, m), count, in, at.at(l.inputs.at(1)), out));
    }
    case OpType::Quantize: {
      const int32_t count = int32_t(at.tensor(l.outputs[0]).shape.elements());
      return put(image, MK_REQUANTIZE_S8, make_requantize(requantize_params(l, m), count, in, out));
    }
  }
  throw std::logic_error("model runner: an op it does not know");
}

std::string where(const Model& m, size_t index) {
  const Layer& l = m.layers[index];
  return "model '" + m.name + "', layer " + std::to_string(index) + " (" + std::string(op_name(l.op)) +
         (l.name.empty() ? "" : " '" + l.name + "'") + ")";
}

}  // namespace

ProfileResult profile_model(const Model& original, const Board& board, const ProfileOptions& options) {
  const Model model = options.int4 ? with_int4_weights(original) : original;
  validate(model);
  ProfileResult r;
  r.model = model.name;
  r.model_hash = model_content_hash(model);
  r.board = board.name;
  r.core = board.core;
  r.clock_hz = board.clock_hz;
  r.int4 = options.int4;
  r.functional = options.functional;
  r.total_macs = total_macs(model);
  r.total_ops = ops(r.total_macs);
  r.plan = plan_memory(model);
  r.fit = check_fit(r.plan, board);

  KernelImage image(board, options.functional);
  std::vector<LoweredLayer> lowered;
  std::unique_ptr<Placement> at;
  try {
    at = std::make_unique<Placement>(image, model, r.plan);
    for (const Layer& l : model.layers) {
      try {
        lowered.push_back(lower(image, l, model, *at));
      } catch (const std::exception& e) {
        throw std::runtime_error(where(model, lowered.size()) + ": " + e.what());
      }
    }
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot place model '" + model.name + "' on " + board.name + ": " + e.what());
  }
  const std::vector<int8_t> input = options.input ? *options.input : random_input(model, options.input_seed);
  const Tensor& in = model.tensors.at(model.inputs.at(0));
  if (int64_t(input.size()) != in.shape.elements())
    throw std::runtime_error("model '" + model.name + "': the input has " + std::to_string(input.size()) +
                             " bytes, tensor " + in.shape.to_string() + " needs " + std::to_string(in.shape.elements()));

  for (int pass = options.warm ? 0 : 1; pass < 2; ++pass) {
    image.write_ram(at->at(model.inputs.at(0)), std::span<const int8_t>(input));
    r.layers.clear();
    for (size_t i = 0; i < model.layers.size(); ++i) {
      const Layer& l = model.layers[i];
      KernelImage::Invocation inv;
      try {
        inv = image.invoke(lowered[i].descriptor, options.max_instructions_per_layer);
      } catch (const std::exception& e) {
        throw std::runtime_error(where(model, i) + ", kernel " + kernel_name(lowered[i].kernel) + " on " +
                                 board.name + ": " + e.what());
      }
      LayerProfile lp;
      lp.index = int(i);
      lp.op = l.op;
      lp.name = l.name;
      lp.kernel = kernel_name(lowered[i].kernel);
      lp.output_shape = model.tensors.at(l.outputs.at(0)).shape;
      lp.macs = macs(l, model);
      lp.ops = ops(lp.macs);
      lp.instructions = inv.instructions;
      lp.cycles = inv.cycles;
      r.layers.push_back(std::move(lp));
    }
  }
  for (const LayerProfile& lp : r.layers) {
    r.total_cycles += lp.total_cycles();
    r.total_instructions += lp.instructions;
  }
  r.latency_s = double(r.total_cycles) / board.clock_hz;
  if (board.power) {
    r.power_w = board.power->active_w;
    r.power_estimate = board.power->estimate;
  }
  r.energy_j = energy_per_inference_j(r.latency_s, r.power_w);
  const Tensor& out = model.tensors.at(model.outputs.at(0));
  const std::vector<uint8_t> bytes = image.read_ram(at->at(model.outputs.at(0)), size_t(out.byte_size()));
  r.output.assign(bytes.begin(), bytes.end());
  return r;
}

}  // namespace mcuprof
