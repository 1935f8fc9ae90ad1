#include "workloads/memory_planner.h"

#include "sim/kernel_descriptors.h"
#include "workloads/layer_params.h"

#include <algorithm>

namespace mcuprof {
namespace {

int64_t align_up(int64_t n) {
  return (n + kArenaAlignment - 1) / kArenaAlignment * kArenaAlignment;
}

bool lifetimes_intersect(const TensorPlacement &a, const TensorPlacement &b) {
  return a.first_use <= b.last_use && b.first_use <= a.last_use;
}

// Extends tensor t's lifetime to cover layer index `at` (a tensor first seen
// gets [at, at]).
void touch(std::vector<TensorPlacement> &life, const Model &m, int t, int at) {
  if (m.tensors.at(t).is_constant())
    return;
  TensorPlacement &p = life[t];
  if (p.first_use < 0) {
    p.first_use = p.last_use = at;
    return;
  }
  p.first_use = std::min(p.first_use, at);
  p.last_use = std::max(p.last_use, at);
}

// The lowest aligned offset for `p` clear of every placed tensor live at the
// same time.
int64_t lowest_free_offset(const TensorPlacement &p,
                           const std::vector<TensorPlacement> &placed) {
  std::vector<const TensorPlacement *> live;
  for (const TensorPlacement &q : placed)
    if (lifetimes_intersect(p, q))
      live.push_back(&q);
  std::sort(live.begin(), live.end(),
            [](auto *a, auto *b) { return a->offset < b->offset; });
  int64_t offset = 0;
  for (const TensorPlacement *q : live) {
    if (offset + p.size <= q->offset)
      break;
    offset = std::max(offset, q->offset + q->size);
  }
  return offset;
}

// Output channels whose requantisation parameters the kernel keeps (per channel
// for convolutions, one for FC).
int64_t requantised_channels(const Layer &l, const Model &m) {
  switch (l.op) {
  case OpType::Conv2D:
  case OpType::DepthwiseConv2D:
    return m.tensors.at(l.outputs.at(0)).shape.channels();
  case OpType::FullyConnected:
    return 1;
  default:
    return 0;
  }
}

int64_t runtime_sram(const Model &m, const RuntimeEstimate &e) {
  int64_t channels = 0;
  for (const Layer &l : m.layers)
    channels += requantised_channels(l, m);
  return e.interpreter_sram +
         e.per_tensor_sram * static_cast<int64_t>(m.tensors.size()) +
         e.per_layer_sram * static_cast<int64_t>(m.layers.size()) +
         e.per_channel_sram * channels;
}

FlashParts flash_parts(const Model &m, const RuntimeEstimate &e) {
  int64_t quant_entries = 0;
  for (const Tensor &t : m.tensors)
    quant_entries += static_cast<int64_t>(t.quant.scale.size());
  return FlashParts{
      .weights = parameter_bytes(m),
      .quantisation = e.per_quant_entry_flash * quant_entries,
      .graph = e.per_tensor_flash * static_cast<int64_t>(m.tensors.size()) +
               e.per_layer_flash * static_cast<int64_t>(m.layers.size()),
      .interpreter = e.interpreter_flash,
  };
}

int64_t region_bytes(const Board &b, RegionKind kind) {
  int64_t n = 0;
  for (const BoardRegion &r : b.regions)
    if (r.kind == kind)
      n += r.size;
  return n;
}

} // namespace

std::vector<TensorPlacement> tensor_lifetimes(const Model &m) {
  std::vector<TensorPlacement> life(
      m.tensors.size(), TensorPlacement{.first_use = -1, .last_use = -1});
  const int last = static_cast<int>(m.layers.size()) - 1;
  for (int t : m.inputs)
    touch(life, m, t, 0);
  for (int i = 0; i <= last; ++i) {
    for (int t : m.layers[i].inputs)
      touch(life, m, t, i);
    for (int t : m.layers[i].outputs)
      touch(life, m, t, i);
  }
  for (int t : m.outputs)
    touch(life, m, t, last);
  std::vector<TensorPlacement> used;
  for (size_t t = 0; t < life.size(); ++t) {
    if (life[t].first_use < 0)
      continue;
    life[t].tensor = static_cast<int>(t);
    life[t].size = align_up(m.tensors[t].byte_size());
    used.push_back(life[t]);
  }
  return used;
}

std::vector<TensorPlacement> place_greedy(std::vector<TensorPlacement> order) {
  std::stable_sort(order.begin(), order.end(),
                   [](const TensorPlacement &a, const TensorPlacement &b) {
                     if (a.size != b.size)
                       return a.size > b.size;
                     if (a.first_use != b.first_use)
                       return a.first_use < b.first_use;
                     return a.tensor < b.tensor;
                   });
  std::vector<TensorPlacement> placed;
  for (TensorPlacement p : order) {
    p.offset = lowest_free_offset(p, placed);
    placed.push_back(p);
  }
  return placed;
}

int64_t scratch_bytes(const Layer &l, const Model &m) {
  switch (l.op) {
  case OpType::Conv2D:
    return conv_scratch_bytes(conv_params(l, m));
  case OpType::DepthwiseConv2D:
    return depthwise_scratch_bytes(depthwise_params(l, m));
  case OpType::AveragePool2D:
    return avg_pool_scratch_bytes(pool_params(l, m));
  default:
    return 0;
  }
}

MemoryPlan plan_memory(const Model &m, const RuntimeEstimate &e) {
  MemoryPlan plan;
  plan.placements = place_greedy(tensor_lifetimes(m));
  for (const TensorPlacement &p : plan.placements)
    plan.arena_bytes = std::max(plan.arena_bytes, p.offset + p.size);
  for (const Layer &l : m.layers)
    plan.layer_scratch.push_back(scratch_bytes(l, m));
  for (int64_t s : plan.layer_scratch)
    plan.scratch_bytes = std::max(plan.scratch_bytes, s);
  plan.runtime_bytes = runtime_sram(m, e);
  plan.peak_sram_bytes =
      plan.arena_bytes + plan.scratch_bytes + plan.runtime_bytes;
  plan.flash = flash_parts(m, e);
  plan.flash_bytes = plan.flash.total();
  return plan;
}

int64_t board_sram_bytes(const Board &b) {
  return region_bytes(b, RegionKind::kRam);
}
int64_t board_flash_bytes(const Board &b) {
  return region_bytes(b, RegionKind::kFlash);
}

Fit check_fit(const MemoryPlan &plan, const Board &b) {
  Fit f;
  f.sram_margin = board_sram_bytes(b) - plan.peak_sram_bytes;
  f.flash_margin = board_flash_bytes(b) - plan.flash_bytes;
  f.fits = f.sram_margin >= 0 && f.flash_margin >= 0;
  return f;
}

} // namespace mcuprof
