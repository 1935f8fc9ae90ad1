// The Cortex-M7 branch predictor: a direct-mapped BTAC over the static rule (cores/timing/branch_predictor.h).
#include "cores/timing/branch_predictor.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace mcuprof {
namespace {

constexpr BranchShape kForwardCond{true, true, 0x1100};
constexpr BranchShape kBackwardCond{true, true, 0x0F00};
constexpr BranchShape kUncond{false, true, 0x2000};
constexpr BranchShape kIndirect{false, false, 0};

TEST(BranchPredictor, StaticRuleOnAMiss) {
  const BranchPredictor p(16);
  EXPECT_FALSE(p.predict(0x1000, kForwardCond).taken);   // forward conditional: not taken
  const BranchPrediction back = p.predict(0x1000, kBackwardCond);
  EXPECT_TRUE(back.taken);                               // backward conditional (a loop): taken
  EXPECT_EQ(back.target, 0x0F00u);
  EXPECT_FALSE(back.from_btac);
  EXPECT_TRUE(p.predict(0x1000, kUncond).taken);         // unconditional direct: taken at decode
  EXPECT_FALSE(p.predict(0x1000, kIndirect).taken);      // indirect: target unknown without the BTAC
}

TEST(BranchPredictor, BtacRemembersTakenBranchesAndForgetsNotTaken) {
  BranchPredictor p(16);
  p.update(0x1000, true, 0x3000);
  const BranchPrediction hit = p.predict(0x1000, kIndirect);
  EXPECT_TRUE(hit.taken);
  EXPECT_TRUE(hit.from_btac);
  EXPECT_EQ(hit.target, 0x3000u);
  p.update(0x1000, false, 0x1004);
  EXPECT_FALSE(p.predict(0x1000, kIndirect).taken);
  EXPECT_TRUE(p.predict(0x1000, kBackwardCond).taken);   // back to the static rule
  EXPECT_FALSE(p.predict(0x1000, kBackwardCond).from_btac);
}

TEST(BranchPredictor, DirectMappedEntriesEvictEachOther) {
  BranchPredictor p(16);   // index = (pc >> 1) & 15: 0x1000 and 0x1020 share an entry
  p.update(0x1000, true, 0x3000);
  p.update(0x1020, true, 0x4000);
  EXPECT_FALSE(p.predict(0x1000, kIndirect).taken);
  EXPECT_EQ(p.predict(0x1020, kIndirect).target, 0x4000u);
  p.update(0x1002, true, 0x5000);                         // a different entry: both kept
  EXPECT_TRUE(p.predict(0x1020, kIndirect).from_btac);
  EXPECT_TRUE(p.predict(0x1002, kIndirect).from_btac);
  p.reset();
  EXPECT_FALSE(p.predict(0x1002, kIndirect).taken);
}

TEST(BranchPredictor, NoBtacMeansStaticOnlyAndSizesArePowersOfTwo) {
  BranchPredictor p(0);
  p.update(0x1000, true, 0x3000);
  EXPECT_FALSE(p.predict(0x1000, kIndirect).taken);
  EXPECT_THROW(BranchPredictor(24), std::invalid_argument);
}

}  // namespace
}  // namespace mcuprof
