// The ART accelerator: access patterns in, wait cycles out. Facts [RM0090 3.5.2; shared/reference/
// stm32-boards.md]: one flash read returns a 128-bit line and takes WS + 1 cycles; prefetch reads the next line
// while the current one executes; a branch to a line in neither the prefetch buffer nor the cache waits the wait
// states; the instruction cache holds 64 lines, the data cache 8; the D-bus has priority over the I-bus.
// The "core" here fetches one 32-bit word per cycle plus the waits it is told (a Cortex-M4 I-bus fetch).
#include "memory/flash_accelerator.h"

#include <gtest/gtest.h>

#include <vector>

namespace mcuprof {
namespace {

constexpr uint32_t kFlash = 0x08000000;
constexpr unsigned kWs = 5;  // F446 at 180 MHz (stm32-boards.md)

struct Art {
  FlashAccelerator art{ArtGeometry{16, 64, 8}};
  FlashControl c{kWs, false, false, false};
  uint64_t now = 0;
  // Fetches each address in turn, one cycle each plus its wait; returns the waits.
  std::vector<uint32_t> run(const std::vector<uint32_t>& addrs) {
    std::vector<uint32_t> waits;
    for (uint32_t a : addrs) {
      const Wait w = art.fetch(a, now, c);
      waits.push_back(w.cycles);
      now += 1 + w.cycles;
    }
    return waits;
  }
  std::vector<uint32_t> sequential(uint32_t from, unsigned words) {
    std::vector<uint32_t> a;
    for (unsigned k = 0; k < words; ++k) a.push_back(from + 4 * k);
    return run(a);
  }
};

TEST(FlashAccelerator, SequentialWithoutPrefetchWaitsOncePerLine) {
  // Each 128-bit line is one read: its first word waits WS, the other three come from the line buffer, so four
  // words take 4 + WS cycles ("at least WS+1 cycles per 4 words").
  Art t;
  EXPECT_EQ(t.sequential(kFlash, 12), (std::vector<uint32_t>{kWs, 0, 0, 0, kWs, 0, 0, 0, kWs, 0, 0, 0}));
  EXPECT_EQ(t.now, 3 * (4 + kWs));
}

TEST(FlashAccelerator, SequentialWithPrefetchIsBoundByOneReadPerLine) {
  // The first line waits WS (read at cycles 0-5). The prefetch of line 1 starts when the port frees (cycle 6) and
  // delivers at 6 + WS = 11; the core asks for it at 0 + 6 + 3 = 9: 2 cycles. From then on each line costs one
  // flash read, WS + 1 = 6 cycles per 4 words: 4 fetch cycles + 2 waits.
  Art t;
  t.c.prefetch = true;
  EXPECT_EQ(t.sequential(kFlash, 12), (std::vector<uint32_t>{kWs, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0}));
  EXPECT_EQ(t.now, (1 + kWs) + 3 + 2 * (kWs + 1));
}

TEST(FlashAccelerator, SlowCodeFindsThePrefetchedLineReady) {
  // With prefetch, a line whose 4 words take at least WS + 1 cycles to execute never waits after the first line:
  // here each word is followed by 5 cycles of work (a core stalled elsewhere).
  Art t;
  t.c.prefetch = true;
  std::vector<uint32_t> waits;
  for (unsigned k = 0; k < 12; ++k) {
    waits.push_back(t.art.fetch(kFlash + 4 * k, t.now, t.c).cycles);
    t.now += 1 + waits.back() + 5;
  }
  EXPECT_EQ(waits, (std::vector<uint32_t>{kWs, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
}

TEST(FlashAccelerator, BranchToALineInNeitherBufferWaitsTheWaitStates) {
  Art t;
  t.c.prefetch = true;
  t.sequential(kFlash, 4);
  t.now += 20;  // the prefetch of line 1 has finished: the flash is idle
  EXPECT_EQ(t.run({kFlash + 0x400}), std::vector<uint32_t>{kWs});
  // Back to the prefetched line? No: the prefetch buffer now holds the line after 0x400.
  t.now += 20;
  EXPECT_EQ(t.run({kFlash + 0x10}), std::vector<uint32_t>{kWs});
  // A branch taken right away, while the prefetch of 0x20 is in flight, waits for the flash port: 0x10 was read
  // in cycles T..T+5 and the prefetch holds the flash for the next WS + 1 cycles (a read in progress is not
  // aborted: our reading of RM0090, which does not say); the core asks at T + 6, its read starts at T + 12 and
  // delivers WS later: 2 * WS + 1 cycles of wait.
  EXPECT_EQ(t.run({kFlash + 0x800}), std::vector<uint32_t>{2 * kWs + 1});
}

TEST(FlashAccelerator, InstructionCacheServesALoopAfterItsFirstPass) {
  // A 3-line loop body: the first pass misses each line (WS), later passes hit the instruction cache.
  Art t;
  t.c.icache = true;
  const std::vector<uint32_t> loop{kFlash, kFlash + 0x10, kFlash + 0x20};
  EXPECT_EQ(t.run(loop), (std::vector<uint32_t>{kWs, kWs, kWs}));
  EXPECT_EQ(t.run(loop), (std::vector<uint32_t>{0, 0, 0}));
  t.art.reset_icache();  // ICRST
  EXPECT_EQ(t.run(loop), (std::vector<uint32_t>{kWs, kWs, kWs}));
}

TEST(FlashAccelerator, PrefetchSkipsALineAlreadyCached) {
  // Line 1 is in the instruction cache: executing line 0 starts no flash read, so a branch right after it
  // finds the flash idle and waits only its own WS.
  Art t;
  t.c.icache = t.c.prefetch = true;
  t.run({kFlash + 0x10});
  t.now += 20;
  t.run({kFlash});                                        // miss; line 1 is cached: no prefetch
  EXPECT_EQ(t.run({kFlash + 0x400}), std::vector<uint32_t>{kWs});
  EXPECT_EQ(t.run({kFlash + 0x10}), std::vector<uint32_t>{0});
}

TEST(FlashAccelerator, InstructionCacheHoldsSixtyFourLines) {
  Art t;
  t.c.icache = true;
  std::vector<uint32_t> lines;
  for (uint32_t k = 0; k < 65; ++k) lines.push_back(kFlash + 16 * k * 3);  // non-sequential: no line buffer help
  t.run(lines);
  // 65 lines through a 64-line LRU cache: the first was evicted, the second (and the last) stay.
  EXPECT_EQ(t.run({lines[1], lines[64], lines[0]}), (std::vector<uint32_t>{0, 0, kWs}));
}

TEST(FlashAccelerator, DataCacheHitsOnRepeatedWeightReads) {
  Art t;
  t.c.dcache = true;
  const uint32_t weights = kFlash + 0x4000;
  EXPECT_EQ(t.art.data(weights, 0, t.c).cycles, kWs);     // first read of the line: one flash read
  EXPECT_EQ(t.art.data(weights + 4, 10, t.c).cycles, 0u);  // same 128-bit line: in the data cache
  EXPECT_EQ(t.art.data(weights, 20, t.c).cycles, 0u);
  const Wait miss = t.art.data(weights + 16, 30, t.c);     // the next line
  EXPECT_EQ(miss.cycles, kWs);
  EXPECT_EQ(miss.cause, Cause::kFlashWait);
  // Without DCEN every data read goes to the flash.
  t.c.dcache = false;
  EXPECT_EQ(t.art.data(weights, 40, t.c).cycles, kWs);
  EXPECT_EQ(t.art.data(weights, 50, t.c).cycles, kWs);
}

TEST(FlashAccelerator, DataCacheEvictsTheLeastRecentlyUsedOfEightLines) {
  Art t;
  t.c.dcache = true;
  uint64_t now = 0;
  const auto read = [&](unsigned line) { return t.art.data(kFlash + 16 * line, now += 10, t.c).cycles; };
  for (unsigned line = 0; line < 8; ++line) EXPECT_EQ(read(line), kWs);
  EXPECT_EQ(read(0), 0u);    // line 0 is now the most recently used; line 1 the least
  EXPECT_EQ(read(8), kWs);   // evicts line 1
  EXPECT_EQ(read(0), 0u);
  EXPECT_EQ(read(2), 0u);
  EXPECT_EQ(read(1), kWs);   // evicted; refilling it evicts line 3
  EXPECT_EQ(read(3), kWs);
}

TEST(FlashAccelerator, DataReadTakesPriorityOverAPrefetchInFlight) {
  Art t;
  t.c.prefetch = true;
  EXPECT_EQ(t.art.fetch(kFlash, 0, t.c).cycles, kWs);   // line 0 read 0-5; prefetch of line 1 starts at 6, ready 11
  // A literal-pool read at cycle 6 is served at once (D-bus priority): WS...
  EXPECT_EQ(t.art.data(kFlash + 0x1000, 6, t.c).cycles, kWs);
  // ...and the prefetch moves back by one read (WS + 1): ready at 17, so a fetch at 9 waits 8.
  EXPECT_EQ(t.art.fetch(kFlash + 0x10, 9, t.c).cycles, 17u - 9u);
}

TEST(FlashAccelerator, ZeroWaitStatesNeverWait) {
  Art t;
  t.c.latency = 0;
  EXPECT_EQ(t.sequential(kFlash, 8), std::vector<uint32_t>(8, 0));
  EXPECT_EQ(t.art.data(kFlash, t.now, t.c).cycles, 0u);
}

}  // namespace
}  // namespace mcuprof
