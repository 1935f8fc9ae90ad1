// `mcuprof inspect model.tflite [--json FILE]`: what a .tflite file becomes in mcuprof's model IR: the layers with
// shapes, MACs and parameter bytes, the tensors, what the import stripped or folded, and the memory plan.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "sim/cli/cli.h"
#include "workloads/memory_planner.h"
#include "workloads/tflite/tflite_import.h"

namespace mcuprof::cli {

namespace {

int64_t layer_parameter_bytes(const Layer& l, const Model& m) {
  int64_t n = 0;
  for (int id : l.inputs)
    if (m.tensors.at(id).is_constant()) n += m.tensors[id].byte_size();
  return n;
}

// Converter tensor names list every fused op ("model/re_lu/Relu;model/conv2d/BiasAdd;..."): the table shows the
// first 60 characters (the JSON has them whole).
std::string short_name(const std::string& name) { return name.size() <= 60 ? name : name.substr(0, 57) + "..."; }

std::string quant_text(const Quantisation& q) {
  if (q.scale.size() != 1) return std::to_string(q.scale.size()) + " channel scales";
  char buf[64];
  std::snprintf(buf, sizeof buf, "scale %.6g zp %d", q.scale[0], q.zero_point.at(0));
  return buf;
}

void print_text(const TfliteImport& imp, const MemoryPlan& plan) {
  const Model& m = imp.model;
  const Tensor& in = m.tensors.at(m.inputs.at(0));
  const Tensor& out = m.tensors.at(m.outputs.at(0));
  std::printf("model %s: input %s (%s), output %s (%s)\n", m.name.c_str(), in.shape.to_string().c_str(),
              quant_text(in.quant).c_str(), out.shape.to_string().c_str(), quant_text(out.quant).c_str());
  for (const std::string& note : imp.notes) std::printf("note: %s\n", note.c_str());
  std::printf("\n%3s  %-16s %-14s %-6s %12s %10s %10s  %s\n", "#", "op", "output", "act", "MACs", "params B",
              "out B", "name");
  for (size_t i = 0; i < m.layers.size(); ++i) {
    const Layer& l = m.layers[i];
    const Tensor& o = m.tensors.at(l.outputs.at(0));
    std::printf("%3zu  %-16s %-14s %-6s %12lld %10lld %10lld  %s\n", i, std::string(op_name(l.op)).c_str(),
                o.shape.to_string().c_str(), std::string(activation_name(l.activation)).c_str(),
                (long long)macs(l, m), (long long)layer_parameter_bytes(l, m), (long long)o.byte_size(),
                short_name(l.name).c_str());
  }
  std::printf("\ntotal: %lld MACs (%lld ops), %lld parameter bytes, %zu layers, %zu tensors\n",
              (long long)total_macs(m), (long long)ops(total_macs(m)), (long long)parameter_bytes(m),
              m.layers.size(), m.tensors.size());
  std::printf("memory plan: arena %lld B + scratch %lld B + runtime %lld B = peak SRAM %lld B; flash %lld B "
              "(weights %lld, quantisation %lld, graph %lld, interpreter %lld)\n",
              (long long)plan.arena_bytes, (long long)plan.scratch_bytes, (long long)plan.runtime_bytes,
              (long long)plan.peak_sram_bytes, (long long)plan.flash_bytes, (long long)plan.flash.weights,
              (long long)plan.flash.quantisation, (long long)plan.flash.graph, (long long)plan.flash.interpreter);
  std::printf("\n%6s %10s %10s %9s  %s\n", "tensor", "offset", "bytes", "layers", "name");
  for (const TensorPlacement& p : plan.placements)
    std::printf("%6d %10lld %10lld %4d-%-4d  %s\n", p.tensor, (long long)p.offset, (long long)p.size, p.first_use,
                p.last_use, short_name(m.tensors.at(p.tensor).name).c_str());
}

nlohmann::ordered_json to_json(const TfliteImport& imp, const MemoryPlan& plan) {
  const Model& m = imp.model;
  using Json = nlohmann::ordered_json;
  Json tensors = Json::array();
  for (const Tensor& t : m.tensors)
    tensors.push_back({{"name", t.name},
                       {"shape", t.shape.dims},
                       {"type", t.type == DataType::Int32 ? "int32" : "int8"},
                       {"bytes", t.byte_size()},
                       {"constant", t.is_constant()},
                       {"scale", t.quant.scale},
                       {"zero_point", t.quant.zero_point}});
  Json layers = Json::array();
  for (const Layer& l : m.layers)
    layers.push_back({{"name", l.name},
                      {"op", op_name(l.op)},
                      {"inputs", l.inputs},
                      {"outputs", l.outputs},
                      {"output_shape", m.tensors.at(l.outputs.at(0)).shape.dims},
                      {"kernel", {l.kernel_h, l.kernel_w}},
                      {"stride", {l.stride_h, l.stride_w}},
                      {"padding", padding_name(l.padding)},
                      {"activation", activation_name(l.activation)},
                      {"macs", macs(l, m)},
                      {"parameter_bytes", layer_parameter_bytes(l, m)}});
  Json placements = Json::array();
  for (const TensorPlacement& p : plan.placements)
    placements.push_back({{"tensor", p.tensor}, {"offset", p.offset}, {"bytes", p.size}, {"first_layer", p.first_use},
                          {"last_layer", p.last_use}});
  return Json{{"model", m.name},
              {"inputs", m.inputs},
              {"outputs", m.outputs},
              {"notes", imp.notes},
              {"total_macs", total_macs(m)},
              {"total_ops", ops(total_macs(m))},
              {"parameter_bytes", parameter_bytes(m)},
              {"layers", layers},
              {"tensors", tensors},
              {"memory_plan",
               {{"arena_bytes", plan.arena_bytes},
                {"scratch_bytes", plan.scratch_bytes},
                {"runtime_bytes", plan.runtime_bytes},
                {"peak_sram_bytes", plan.peak_sram_bytes},
                {"flash_bytes", plan.flash_bytes},
                {"flash",
                 {{"weights", plan.flash.weights},
                  {"quantisation", plan.flash.quantisation},
                  {"graph", plan.flash.graph},
                  {"interpreter", plan.flash.interpreter}}},
                {"layer_scratch", plan.layer_scratch},
                {"placements", placements}}}};
}

}  // namespace

int inspect_command(const Args& args) {
  po::options_description opts(
      "usage: mcuprof inspect MODEL.tflite [--json FILE]\n\n"
      "Shows what a TFLite int8 model becomes in mcuprof: its layers (op, output shape, fused activation, MACs,\n"
      "parameter bytes, output bytes), what the import stripped or folded (float/uint8 edge conversions, shape\n"
      "operators), totals, and the memory plan (arena placement, scratch, runtime and flash estimates).\n\noptions");
  std::string model_path, json_path;
  opts.add_options()("help,h", "this text")("json", po::value(&json_path), "also write all of it as JSON to FILE");
  if (!parse_command(args, opts, &model_path)) return 0;
  if (model_path.empty()) throw po::error("missing MODEL.tflite");
  const TfliteImport imp = import_tflite_file(model_path);
  const MemoryPlan plan = plan_memory(imp.model);
  print_text(imp, plan);
  if (!json_path.empty()) {
    std::ofstream out(json_path);
    out << to_json(imp, plan).dump(2) << "\n";
    if (!out) throw std::runtime_error("cannot write " + json_path);
  }
  return 0;
}

}  // namespace mcuprof::cli
