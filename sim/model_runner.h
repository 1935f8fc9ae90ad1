// The model runner: one inference of a model on a simulated board, layer by layer, with the target kernels
// (kernels/target, cross-compiled per core) running on the simulated core.
//
// What it does, as deployed firmware does (TFLite Micro + CMSIS-NN on the board, ../shared/reference/models.md):
// - loads the kernel image for the board's core (build/kernels/<core>.elf, KernelImage), whose startup enables the
//   flash accelerator (ART) or the L1 caches like the vendors' SystemInit, then pauses before the first layer;
// - writes every constant (weights, biases, per-channel multipliers and shifts) and one descriptor per layer into the
//   modelled flash after the kernel code, and places the activations in SRAM at the memory planner's arena offsets
//   (arena base: the board's "model_runner.arena_base", default the first RAM after the kernel image's own data and
//   stack: on the STM32F7 that is DTCM first, then SRAM1);
// - invokes layer after layer and reads the core's cycle split between two layers' pauses, so each layer's cycles
//   carry their per-cause split, and cache/ART state flows from layer to layer;
// - by default runs the inference twice and reports the second (back-to-back inference: the caches hold what the
//   previous inference left, as on a board running inference in a loop); ProfileOptions::warm = false reports a
//   first inference after reset.
// The per-layer invocation loop of the kernel image (a few cycles per layer) is counted in each layer; TFLite Micro's
// interpreter overhead beyond that is not modelled.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cores/timing/timing_model.h"
#include "sim/board.h"
#include "workloads/memory_planner.h"
#include "workloads/model.h"

namespace mcuprof {

struct ProfileOptions {
  bool int4 = false;        // int4 weights (packed, w4a8 kernels) for Conv2D, DepthwiseConv2D and FullyConnected
  bool functional = false;  // no timing model: one cycle per instruction
  bool warm = true;         // report the second of two back-to-back inferences (see above)
  uint64_t input_seed = 1;  // the input tensor: deterministic pseudo-random int8 values from this seed...
  std::optional<std::vector<int8_t>> input;  // ...unless given (the model input's bytes, NHWC)
  uint64_t max_instructions_per_layer = 4'000'000'000ull;  // a runaway kernel stops with an error naming the layer
};

struct LayerProfile {
  int index = 0;
  OpType op = OpType::Conv2D;
  std::string name;
  std::string kernel;  // the target kernel that ran, e.g. "conv1x1_s8", "depthwise3x3_s8"
  TensorShape output_shape;
  int64_t macs = 0, ops = 0;
  uint64_t instructions = 0;
  CycleSplit cycles;  // by cause; cycles.total() is the layer's cycle count
  uint64_t total_cycles() const { return cycles.total(); }
  // The largest cause other than kIssue (the "main stall cause"); kIssue when nothing stalled.
  Cause main_stall() const;
};

struct ProfileResult {
  std::string model;       // Model::name
  std::string model_hash;  // content hash of the model (model_content_hash)
  std::string board;
  CoreModel core = CoreModel::kCortexM4;
  uint32_t clock_hz = 0;
  bool int4 = false;
  bool functional = false;
  int64_t total_macs = 0, total_ops = 0;
  uint64_t total_cycles = 0, total_instructions = 0;
  double latency_s = 0;
  double power_w = 0;            // board active power; 0 when the board file has none
  bool power_estimate = false;   // the board's power figure is an estimate, not a measurement
  double energy_j = 0;           // latency_s x power_w
  MemoryPlan plan;
  Fit fit;
  std::vector<LayerProfile> layers;
  std::vector<int8_t> output;  // the model output's bytes after the reported inference
};

// Profiles `model` on `board`. Throws std::runtime_error with one line naming the model, the layer and the problem
// (a kernel fault with its address and disassembly, an instruction budget exhausted, a model that does not fit the
// board's flash or RAM address space, a missing kernel image).
ProfileResult profile_model(const Model& model, const Board& board, const ProfileOptions& options = {});

}  // namespace mcuprof
