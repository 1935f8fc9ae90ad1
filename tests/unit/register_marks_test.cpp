// RegisterMarks: the bytes the semantics mark gather into StepRecord's bit masks, by PMOVMSKB or the portable
// multiply, identically.
#include "cores/register_marks.h"

#include <gtest/gtest.h>

#include <random>

namespace mcuprof {
namespace {

TEST(RegisterMarks, MarkedRegistersBecomeTheirBits) {
  RegisterMarks m;
  EXPECT_EQ(m.mask(), 0u);
  for (unsigned n : {0u, 7u, 8u, 13u, 15u}) m.mark(n);
  const uint16_t want = 1u << 0 | 1u << 7 | 1u << 8 | 1u << 13 | 1u << 15;
  EXPECT_EQ(m.mask(), want);
  EXPECT_EQ(m.mask_portable(), want);
  m.mark(7);   // marking twice changes nothing
  EXPECT_EQ(m.mask(), want);
  m.clear();
  EXPECT_EQ(m.mask(), 0u);
  EXPECT_EQ(m.mask_portable(), 0u);
}

TEST(RegisterMarks, BothGathersAgreeOnEverySubset) {
  for (uint32_t subset = 0; subset < 0x10000; ++subset) {
    RegisterMarks m;
    for (unsigned n = 0; n < 16; ++n)
      if (subset >> n & 1) m.mark(n);
    ASSERT_EQ(m.mask(), subset);
    ASSERT_EQ(m.mask_portable(), subset);
  }
}

}  // namespace
}  // namespace mcuprof
