// The memory planner: where a model's activations live in the runtime's arena,
// how much SRAM and flash an inference needs on a TFLite Micro + CMSIS-NN style
// runtime, and whether that fits a board.
//
// SRAM = arena (activation tensors, planned greedy by size like TFLite Micro's
// GreedyMemoryPlanner)
//      + scratch (the largest per-layer CMSIS-NN buffer; layers run one at a
//      time, so they share it)
//      + runtime state (estimate, see RuntimeEstimate).
// Two conservative simplifications: a Reshape's output gets its own buffer (no aliasing of its input), and scratch is
// added on top of the arena rather than planned inside it with its layer's lifetime.
// Flash = weights and biases + quantisation parameters + graph description
// (estimate) + interpreter code. The runtime and graph figures are estimates
// anchored on ../shared/reference/stm32-boards.md ("Other facts": the TFLite
// Micro interpreter on the F746 takes about 4 KB SRAM and 37 KB flash) and on
// the sizes of TFLite Micro's per-tensor and per-node records on a 32-bit
// target; they are not measurements.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/board.h"
#include "workloads/model.h"

namespace mcuprof {

// Arena offsets and sizes are multiples of this (TFLite Micro's buffer
// alignment, kBufferAlignment = 16).
inline constexpr int64_t kArenaAlignment = 16;

// The documented estimates (bytes). Runtime SRAM = interpreter + per_tensor x
// tensors (constants too: the runtime keeps a record for every tensor of the
// graph) + per_layer x layers + per_channel x requantised output channels.
struct RuntimeEstimate {
  int64_t interpreter_sram =
      4 * 1024; // stm32-boards.md: the interpreter's own SRAM on the F746
  int64_t per_tensor_sram =
      64; // a TfLiteTensor-sized record (data/dims/quantisation pointers, type,
          // bytes)
  int64_t per_layer_sram = 64; // node (input/output arrays, op data pointer) +
                               // registration + OpData header
  int64_t per_channel_sram =
      8; // CMSIS-NN OpData: int32 multiplier + int32 shift per output channel
  int64_t interpreter_flash =
      37 * 1024; // stm32-boards.md: the interpreter's code on the F746
  int64_t per_tensor_flash = 48; // flatbuffer Tensor table: shape vector, type,
                                 // buffer index, name, quant ref
  int64_t per_layer_flash = 32;  // flatbuffer Operator table: opcode index,
                                 // input/output vectors, options
  int64_t per_quant_entry_flash =
      8; // one scale (float32) + one zero point (int32) per quantisation entry
};

// An activation tensor's place in the arena. Lifetime in layer indices, both
// ends inclusive: from the layer that writes it (0 for a model input) to the
// last layer that reads it (the last layer for a model output).
struct TensorPlacement {
  int tensor = 0;
  int first_use = 0, last_use = 0;
  int64_t offset = 0,
          size = 0; // size: the tensor's bytes rounded up to kArenaAlignment
  bool operator==(const TensorPlacement &) const = default;
};

struct FlashParts {
  int64_t weights =
      0; // weights and biases at their storage type (parameter_bytes)
  int64_t quantisation = 0; // per_quant_entry_flash x every tensor's scale
                            // entries (per channel for weights)
  int64_t graph = 0; // per_tensor_flash x tensors + per_layer_flash x layers
  int64_t interpreter = 0; // interpreter_flash
  int64_t total() const { return weights + quantisation + graph + interpreter; }
  bool operator==(const FlashParts &) const = default;
};

struct MemoryPlan {
  std::vector<TensorPlacement> placements; // in placement order (largest first)
  std::vector<int64_t> layer_scratch;      // per layer, CMSIS-NN scratch bytes
  int64_t arena_bytes = 0;                 // max end over placements
  int64_t scratch_bytes = 0;               // max of layer_scratch
  int64_t runtime_bytes = 0;               // RuntimeEstimate SRAM
  int64_t peak_sram_bytes = 0;             // arena + scratch + runtime
  FlashParts flash;
  int64_t flash_bytes = 0; // flash.total()
  bool operator==(const MemoryPlan &) const = default;
};

// Lifetimes of the non-constant tensors used by the model, in tensor-id order.
std::vector<TensorPlacement> tensor_lifetimes(const Model &model);
// Greedy by size: largest first (ties: earlier first use, then lower tensor
// id); each at the lowest aligned offset where it overlaps no already-placed
// tensor whose lifetime intersects its own. Fills offset; returns placement
// order.
std::vector<TensorPlacement>
place_greedy(std::vector<TensorPlacement> lifetimes);
// The scratch buffer the target kernel that runs `layer` needs (CMSIS-NN's
// *_get_buffer_size shapes, DSP extension): sim/kernel_descriptors.h
// conv_scratch_bytes, depthwise_scratch_bytes, avg_pool_scratch_bytes; 0 for
// every other op.
int64_t scratch_bytes(const Layer &layer, const Model &model);
MemoryPlan plan_memory(const Model &model,
                       const RuntimeEstimate &estimate = {});

// A board's capacity: SRAM = every ram-kind region (TCMs included: ITCM, DTCM,
// SRAM1, SRAM2 on the STM32F7); flash = every flash-kind region (aliases not
// counted again).
struct Fit {
  bool fits = false;
  int64_t sram_margin = 0,
          flash_margin = 0; // capacity - need; negative when short
  bool operator==(const Fit &) const = default;
};
int64_t board_sram_bytes(const Board &board);
int64_t board_flash_bytes(const Board &board);
Fit check_fit(const MemoryPlan &plan, const Board &board);

} // namespace mcuprof
