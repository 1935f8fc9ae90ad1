// The Cortex-M7 L1 cache tags. Facts [Cortex-M7 TRM DDI 0489 5.9; shared/reference/cortex-m-timing.md]: 32-byte
// lines, instruction cache 2-way, data cache 4-way, read-allocate; set/way operands as in ARMv7-M ARM B2.2.7
// (way in the top bits, set above the line offset). Replacement is mcuprof's documented choice (l1_cache.h):
// invalid ways first, then round-robin per set.
#include "memory/l1_cache.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace mcuprof {
namespace {

constexpr uint32_t kBase = 0x20010000;

TEST(L1Cache, GeometryFromSizeAndWays) {
  const L1Cache d(4096, 4), i(4096, 2), big(16384, 4);
  EXPECT_EQ(d.sets(), 32u);   // 4096 / 32 bytes / 4 ways
  EXPECT_EQ(i.sets(), 64u);   // 4096 / 32 / 2
  EXPECT_EQ(big.sets(), 128u);
  EXPECT_FALSE(L1Cache(0, 4).present());
  EXPECT_THROW(L1Cache(3000, 4), std::invalid_argument);
}

TEST(L1Cache, MissFillsTheLineThenEveryWordOfItHits) {
  L1Cache c(4096, 4);
  EXPECT_FALSE(c.access(kBase + 8, true));   // miss: the line kBase..kBase+31 is allocated
  EXPECT_TRUE(c.access(kBase + 8, true));
  EXPECT_TRUE(c.access(kBase, true));
  EXPECT_TRUE(c.access(kBase + 31, true));
  EXPECT_FALSE(c.access(kBase + 32, true));  // the next line
}

TEST(L1Cache, AMissWithoutAllocationLeavesTheCacheAsItWas) {
  L1Cache c(4096, 4);
  EXPECT_FALSE(c.access(kBase, false));      // e.g. a write to Write-Through, no-Write-Allocate memory
  EXPECT_FALSE(c.contains(kBase));
}

TEST(L1Cache, NoCacheAlwaysMisses) {
  L1Cache c(0, 4);
  EXPECT_FALSE(c.access(kBase, true));
  EXPECT_FALSE(c.access(kBase, true));
}

TEST(L1Cache, EvictionIsRoundRobinPerSetAfterTheInvalidWays) {
  // Addresses 1 KB apart (32 sets x 32 bytes) share a set of the 4-way data cache.
  L1Cache c(4096, 4);
  const auto line = [](unsigned k) { return kBase + 1024 * k; };
  for (unsigned k = 0; k < 4; ++k) EXPECT_FALSE(c.access(line(k), true));  // fill ways 0-3
  for (unsigned k = 0; k < 4; ++k) EXPECT_TRUE(c.contains(line(k)));
  EXPECT_FALSE(c.access(line(4), true));  // victim: way 0 (line 0)
  EXPECT_FALSE(c.contains(line(0)));
  EXPECT_TRUE(c.access(line(1), true));   // a hit does not move the round-robin pointer
  EXPECT_FALSE(c.access(line(5), true));  // victim: way 1 (line 1), although it was just used
  EXPECT_FALSE(c.contains(line(1)));
  EXPECT_TRUE(c.contains(line(2)) && c.contains(line(3)) && c.contains(line(4)) && c.contains(line(5)));
  // Another set is untouched and has its own pointer.
  EXPECT_FALSE(c.access(kBase + 32, true));
  EXPECT_TRUE(c.contains(line(2)));
}

TEST(L1Cache, InstructionCacheTwoWays) {
  L1Cache c(4096, 2);  // 64 sets: 2 KB apart share a set
  EXPECT_FALSE(c.access(0x08000000, true));
  EXPECT_FALSE(c.access(0x08000800, true));
  EXPECT_TRUE(c.access(0x08000000, true));
  EXPECT_FALSE(c.access(0x08001000, true));  // evicts way 0: 0x08000000
  EXPECT_FALSE(c.contains(0x08000000));
  EXPECT_TRUE(c.contains(0x08000800));
}

TEST(L1Cache, InvalidateByAddressSetWayAndAll) {
  L1Cache c(4096, 4);
  for (unsigned k = 0; k < 4; ++k) c.access(kBase + 1024 * k, true);  // set 0 ways 0-3 (kBase is 1 KB aligned)
  c.access(kBase + 32 * 5, true);                                      // set 5 way 0
  c.invalidate_address(kBase + 1024 + 4);                              // DCIMVAC: any address in the line
  EXPECT_FALSE(c.contains(kBase + 1024));
  c.invalidate_set_way((2u << 30) | (0u << 5));                        // DCISW: way 2 of set 0
  EXPECT_FALSE(c.contains(kBase + 2048));
  EXPECT_TRUE(c.contains(kBase) && c.contains(kBase + 3072));
  c.invalidate_set_way((0u << 30) | (5u << 5));                        // way 0 of set 5
  EXPECT_FALSE(c.contains(kBase + 32 * 5));
  c.invalidate_all();                                                  // ICIALLU
  EXPECT_FALSE(c.contains(kBase) || c.contains(kBase + 3072));
  // Invalid ways are refilled first, lowest first: after the invalidation the next fills are hits later.
  EXPECT_FALSE(c.access(kBase, true));
  EXPECT_TRUE(c.contains(kBase));
}

}  // namespace
}  // namespace mcuprof
