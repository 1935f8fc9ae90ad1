#include "workloads/memory_planner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "workloads/zoo.h"

namespace mcuprof {
namespace {

// input 1x5x5x3 (75 B) -> conv 3x3 SAME 10 (250 B) -> max pool 2x2 s2 VALID (40
// B) -> conv 1x1 7 (28 B).
Model three_layer_model() {
  ModelBuilder b("three", TensorShape{{1, 5, 5, 3}}, QuantParams{0.05f, 0}, 7);
  int x = b.conv2d(b.input(), 10, 3, 3, 1, 1, Padding::Same, Activation::Relu);
  x = b.max_pool2d(x, 2, 2, 2, 2, Padding::Valid);
  x = b.conv2d(x, 7, 1, 1, 1, 1, Padding::Valid, Activation::None);
  return b.finish({x});
}

const TensorPlacement &placement_of(const MemoryPlan &plan, int tensor) {
  auto it = std::find_if(
      plan.placements.begin(), plan.placements.end(),
      [tensor](const TensorPlacement &p) { return p.tensor == tensor; });
  EXPECT_NE(it, plan.placements.end()) << "tensor " << tensor;
  return *it;
}

TEST(MemoryPlanner, ThreeLayerModelLifetimesOffsetsAndArena) {
  const Model m = three_layer_model();
  const MemoryPlan plan = plan_memory(m);
  const int in = m.inputs[0], conv = m.layers[0].outputs[0],
            pool = m.layers[1].outputs[0], out = m.layers[2].outputs[0];
  ASSERT_EQ(plan.placements.size(),
            4u); // weights and biases are not in the arena
  // Largest first: conv (256) at 0; input (80, live with conv at layer 0) above
  // it; pool (48, live with conv at layer 1) above it too, sharing the input's
  // space; output (32, live only with pool) reuses conv's space at 0.
  EXPECT_EQ(placement_of(plan, conv), (TensorPlacement{conv, 0, 1, 0, 256}));
  EXPECT_EQ(placement_of(plan, in), (TensorPlacement{in, 0, 0, 256, 80}));
  EXPECT_EQ(placement_of(plan, pool), (TensorPlacement{pool, 1, 2, 256, 48}));
  EXPECT_EQ(placement_of(plan, out), (TensorPlacement{out, 2, 2, 0, 32}));
  EXPECT_EQ(plan.arena_bytes, 336);
}

TEST(MemoryPlanner, GreedyOrderIsLargestFirstThenEarliestThenLowestId) {
  const std::vector<TensorPlacement> placed = place_greedy({
      {.tensor = 0, .first_use = 0, .last_use = 0, .size = 32},
      {.tensor = 1, .first_use = 2, .last_use = 3, .size = 64},
      {.tensor = 2, .first_use = 1, .last_use = 2, .size = 64},
      {.tensor = 3, .first_use = 1, .last_use = 1, .size = 64},
      {.tensor = 4, .first_use = 0, .last_use = 3, .size = 16},
  });
  std::vector<int> order;
  for (const TensorPlacement &p : placed)
    order.push_back(p.tensor);
  EXPECT_EQ(order, (std::vector<int>{2, 3, 1, 0, 4}));
  std::vector<int64_t> offsets;
  for (const TensorPlacement &p : placed)
    offsets.push_back(p.offset);
  // 3 meets 2 at layer 1; 1 meets 2 at layer 2 but not 3; 0 meets no 64-byte
  // tensor; 4 meets all of them.
  EXPECT_EQ(offsets, (std::vector<int64_t>{0, 64, 64, 0, 128}));
}

TEST(MemoryPlanner, GreedyFillsTheLowestGapThatFits) {
  const std::vector<TensorPlacement> placed = place_greedy({
      {.tensor = 0, .first_use = 0, .last_use = 0, .size = 96},
      {.tensor = 1, .first_use = 0, .last_use = 1, .size = 64},
      {.tensor = 2, .first_use = 1, .last_use = 1, .size = 64},
      {.tensor = 3, .first_use = 1, .last_use = 1, .size = 48},
      {.tensor = 4, .first_use = 1, .last_use = 1, .size = 32},
  });
  // 0 at 0; 1 above it at 96; 2 (0 is dead at layer 1) at 0, leaving a 32-byte
  // hole 64..96 below 1; 3 (48 B) does not fit the hole and goes above 1 at
  // 160; 4 (32 B) fills the hole exactly.
  std::vector<int64_t> offsets;
  for (const TensorPlacement &p : placed)
    offsets.push_back(p.offset);
  EXPECT_EQ(offsets, (std::vector<int64_t>{0, 96, 0, 160, 64}));
}

TEST(MemoryPlanner, EveryZooModelHasDisjointLiveTensorsAndCoveringLifetimes) {
  for (const std::string &name : zoo_names()) {
    SCOPED_TRACE(name);
    const Model m = zoo_model(name);
    const MemoryPlan plan = plan_memory(m);
    const int last = static_cast<int>(m.layers.size()) - 1;
    std::set<int> planned;
    for (const TensorPlacement &p : plan.placements) {
      planned.insert(p.tensor);
      EXPECT_FALSE(m.tensors[p.tensor].is_constant());
      EXPECT_EQ(p.offset % kArenaAlignment, 0);
      EXPECT_EQ(p.size % kArenaAlignment, 0);
      EXPECT_GE(p.size, m.tensors[p.tensor].byte_size());
      EXPECT_LE(p.offset + p.size, plan.arena_bytes);
    }
    // Every use of an activation lies inside its lifetime; inputs from 0,
    // outputs to the end.
    for (int i = 0; i <= last; ++i)
      for (const std::vector<int> *ids :
           {&m.layers[i].inputs, &m.layers[i].outputs})
        for (int t : *ids) {
          if (m.tensors[t].is_constant())
            continue;
          const TensorPlacement &p = placement_of(plan, t);
          EXPECT_LE(p.first_use, i);
          EXPECT_GE(p.last_use, i);
        }
    for (int t : m.inputs)
      EXPECT_EQ(placement_of(plan, t).first_use, 0);
    for (int t : m.outputs)
      EXPECT_EQ(placement_of(plan, t).last_use, last);
    for (size_t a = 0; a < plan.placements.size(); ++a)
      for (size_t b = a + 1; b < plan.placements.size(); ++b) {
        const TensorPlacement &p = plan.placements[a], &q = plan.placements[b];
        const bool live_together =
            p.first_use <= q.last_use && q.first_use <= p.last_use;
        const bool overlap =
            p.offset < q.offset + q.size && q.offset < p.offset + p.size;
        EXPECT_FALSE(live_together && overlap)
            << "tensors " << p.tensor << " and " << q.tensor;
      }
    EXPECT_EQ(plan.peak_sram_bytes,
              plan.arena_bytes + plan.scratch_bytes + plan.runtime_bytes);
    EXPECT_EQ(plan.flash_bytes, plan.flash.total());
    EXPECT_EQ(plan.flash.weights, parameter_bytes(m));
  }
}

TEST(MemoryPlanner, ScratchSizesFollowCmsisNnBufferShapes) {
  const Model m = three_layer_model();
  EXPECT_EQ(scratch_bytes(m.layers[0], m),
            2 * 3 * 3 * 3 * 2); // conv 3x3, Cin 3: im2col of 2 pixels, int16
  EXPECT_EQ(scratch_bytes(m.layers[1], m), 0); // max pool
  EXPECT_EQ(scratch_bytes(m.layers[2], m),
            0); // 1x1 stride 1 unpadded: no im2col
  EXPECT_EQ(plan_memory(m).scratch_bytes, 108);

  ModelBuilder b("dw", TensorShape{{1, 9, 9, 6}}, QuantParams{}, 1);
  int x = b.depthwise_conv2d(b.input(), 3, 3, 1, 1, Padding::Same,
                             Activation::None); // 3x3 kernel: none
  x = b.depthwise_conv2d(x, 5, 5, 1, 1, Padding::Same,
                         Activation::None); // window 5x5x6 int16
  x = b.depthwise_conv2d(x, 3, 3, 1, 1, Padding::Valid, Activation::None,
                         2); // multiplier 2: none
  x = b.conv2d(x, 4, 1, 1, 2, 2, Padding::Valid,
               Activation::None);                      // 1x1 stride 2: im2col
  x = b.average_pool2d(x, 3, 3, 3, 3, Padding::Valid); // int32 per channel
  const Model dw = b.finish({x});
  std::vector<int64_t> scratch;
  for (const Layer &l : dw.layers)
    scratch.push_back(scratch_bytes(l, dw));
  EXPECT_EQ(scratch,
            (std::vector<int64_t>{0, 5 * 5 * 6 * 2, 0, 2 * 12 * 2, 4 * 4}));
  EXPECT_EQ(plan_memory(dw).scratch_bytes, 300);
}

TEST(MemoryPlanner, RuntimeAndFlashEstimatesOfTheThreeLayerModel) {
  const MemoryPlan plan = plan_memory(three_layer_model());
  // 8 tensors (input, 3 activations, 2 weights, 2 biases), 3 layers, 10 + 7
  // requantised channels.
  EXPECT_EQ(plan.runtime_bytes, 4096 + 8 * 64 + 3 * 64 + 17 * 8);
  EXPECT_EQ(plan.peak_sram_bytes, 336 + 108 + 4936);
  // Weights 270 + 70 bytes, biases 4 x (10 + 7); quantisation entries: 4
  // activations + 2 x (10 + 7).
  EXPECT_EQ(plan.flash, (FlashParts{.weights = 270 + 70 + 68,
                                    .quantisation = 8 * 38,
                                    .graph = 8 * 48 + 3 * 32,
                                    .interpreter = 37 * 1024}));
  EXPECT_EQ(plan.flash_bytes, 39080);
}

Board board_with(std::vector<BoardRegion> regions) {
  Board b;
  b.name = "tiny";
  b.regions = std::move(regions);
  return b;
}

TEST(MemoryPlanner, FitVerdictWithExactMargins) {
  const MemoryPlan plan =
      plan_memory(three_layer_model()); // 5380 B SRAM, 39080 B flash
  const Board tiny =
      board_with({{"ram", RegionKind::kRam, 0x20000000, 4096, ""},
                  {"flash", RegionKind::kFlash, 0x08000000, 32768, ""},
                  {"flash_alias", RegionKind::kAlias, 0, 32768, "flash"}});
  EXPECT_EQ(check_fit(plan, tiny), (Fit{false, 4096 - 5380, 32768 - 39080}));
  const Board two_rams =
      board_with({{"dtcm", RegionKind::kRam, 0x20000000, 4096, ""},
                  {"sram", RegionKind::kRam, 0x20001000, 2048, ""},
                  {"flash", RegionKind::kFlash, 0x08000000, 32768, ""}});
  EXPECT_EQ(check_fit(plan, two_rams),
            (Fit{false, 764, -6312})); // SRAM fits, flash does not

  const Board f767 = load_board("stm32f767zi");
  EXPECT_EQ(board_sram_bytes(f767),
            (16 + 128 + 368 + 16) * 1024); // ITCM + DTCM + SRAM1 + SRAM2
  EXPECT_EQ(board_flash_bytes(f767), 2 * 1024 * 1024);
  EXPECT_EQ(check_fit(plan, f767), (Fit{true, 540672 - 5380, 2097152 - 39080}));
}

TEST(MemoryPlanner, PlansAreDeterministic) {
  for (const char *name : {"dscnn-s", "micronet-vww-2", "mlperf-ic"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(plan_memory(zoo_model(name)), plan_memory(zoo_model(name)));
  }
}

} // namespace
} // namespace mcuprof
