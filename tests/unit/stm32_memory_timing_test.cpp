// Memory timing of the reference boards, from their board files: the paths (ART, AXIM + L1, TCM, SRAM), the
// FLASH_ACR and SCB CCR bits firmware writes, and the maintenance operations it performs. Facts:
// shared/reference/stm32-boards.md (wait states by clock, ART, F7 paths), cortex-m-timing.md (L1 geometry).
#include "memory/stm32_memory_timing.h"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "tests/unit/core_fixture.h"

namespace mcuprof {
namespace {

constexpr uint32_t kScb = 0xE000E000 - SystemControl::kBase;
constexpr uint32_t kCcr = kScb + 0xD14;
constexpr uint32_t kCcrIc = 1u << 17, kCcrDc = 1u << 16;

TEST(Stm32Boards, BoardFilesDescribeTheFlashInterfaceAndTheArt) {
  const Board f4 = load_board("stm32f446re"), f7 = load_board("stm32f767zi");
  EXPECT_EQ(f4.flash_interface_base, 0x40023C00u);
  ASSERT_TRUE(f4.art && f7.art);
  EXPECT_EQ(f4.art->line_bits, 128u);
  EXPECT_EQ(f4.art->icache_lines, 64u);
  EXPECT_EQ(f4.art->dcache_lines, 8u);
  EXPECT_EQ(f7.art->line_bits, 256u);
  EXPECT_EQ(f7.art->regions, std::vector<std::string>{"flash_itcm"});
  // Wait states at the boards' clocks: 5 on the F446 at 180 MHz, 7 on the F7 at 216 MHz.
  EXPECT_EQ(boot_flash_latency(f4, f4.clock_hz), 5u);
  EXPECT_EQ(boot_flash_latency(f7, f7.clock_hz), 7u);
  EXPECT_EQ(boot_flash_latency(f7, 16000000), 0u);  // HSI 16 MHz: 0 WS
  EXPECT_EQ(boot_flash_latency(load_board("mps2-an386"), 25000000), 0u);  // no flash table
  EXPECT_EQ(flash_family(f4), FlashFamily::kStm32F4);
  EXPECT_EQ(flash_family(f7), FlashFamily::kStm32F7);
}

TEST(Stm32Boards, ArtConfigErrorsNameTheField) {
  nlohmann::json j = load_board("stm32f446re").json;
  const auto error = [&] {
    try {
      parse_board(j.dump(), "t.json");
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  j["flash"]["art"]["regions"] = {"flash", "nowhere"};
  EXPECT_EQ(error(), "t.json: field 'flash.art.regions': 'nowhere' is not a region of this board");
  j["flash"]["art"]["regions"] = {"flash"};
  j["flash"]["art"]["line_bits"] = 100;
  EXPECT_EQ(error(), "t.json: field 'flash.art.line_bits': must be a power of two of at least 32");
  j["flash"].erase("art");
  j["regions"][2]["wait_cycles"] = 3;
  const Board b = parse_board(j.dump(), "t.json");
  EXPECT_FALSE(b.art);
  EXPECT_EQ(b.regions[2].wait_cycles, 3u);
}

TEST(Stm32Boards, EveryBoardGetsAMemoryTiming) {
  // The QEMU comparison boards have no flash table and no ART: their memories do not wait.
  for (const Board& b : list_boards()) {
    FlashInterface flash(flash_family(b), boot_flash_latency(b, b.clock_hz));
    SystemControl scs(b.core, b.cpuid, b.scs);
    const auto timing = make_stm32_memory_timing(b, flash, scs);
    const Wait w = timing->fetch(b.boot_address, 0);
    EXPECT_EQ(w.cycles, b.flash_wait_states.empty() ? 0 : boot_flash_latency(b, b.clock_hz)) << b.name;
  }
}

struct F4 {
  explicit F4(const char* name = "stm32f446re") : board(load_board(name)) {}
  Board board;
  FlashInterface flash{flash_family(board), boot_flash_latency(board, board.clock_hz)};
  SystemControl scs{board.core, board.cpuid, board.scs};
  std::unique_ptr<MemoryTiming> timing = make_stm32_memory_timing(board, flash, scs);
};

TEST(Stm32F4MemoryTiming, FlashAndItsBootAliasGoThroughTheArtSramDoesNotWait) {
  F4 t;
  EXPECT_NE(dynamic_cast<Stm32F4MemoryTiming*>(t.timing.get()), nullptr);
  // Firmware that never writes FLASH_ACR runs with the board's 5 WS and the accelerator off.
  const Wait miss = t.timing->fetch(0x08000100, 0);
  EXPECT_EQ(miss.cycles, 5u);
  EXPECT_EQ(miss.cause, Cause::kFlashWait);
  EXPECT_EQ(t.timing->fetch(0x08000104, 6).cycles, 0u);   // the same 128-bit line
  EXPECT_EQ(t.timing->fetch(0x00000200, 20).cycles, 5u);  // the alias at 0: another line, same flash
  EXPECT_EQ(t.timing->fetch(0x08000204, 30).cycles, 0u);  // the same line as 0x200: the line buffer holds it
  EXPECT_EQ(t.timing->data(0x20000000, 4, false, 30).cycles, 0u);
  EXPECT_EQ(t.timing->data(0x2001C000, 4, true, 31).cycles, 0u);
  EXPECT_EQ(t.timing->data(0x08000400, 4, false, 40).cycles, 5u);  // literal read, no data cache
}

TEST(Stm32F4MemoryTiming, FlashAcrWritesChangeTheTiming) {
  F4 t;
  t.flash.write(0x00, 4, 0x002);                          // LATENCY = 2 (firmware at 60-90 MHz)
  EXPECT_EQ(t.timing->fetch(0x08000000, 0).cycles, 2u);
  t.flash.write(0x00, 4, 0x605);                          // LATENCY 5, ICEN, DCEN
  EXPECT_EQ(t.timing->data(0x08002000, 4, false, 10).cycles, 5u);
  EXPECT_EQ(t.timing->data(0x08002000, 4, false, 20).cycles, 0u);  // data cache hit
  EXPECT_EQ(t.timing->fetch(0x08000100, 30).cycles, 5u);
  EXPECT_EQ(t.timing->fetch(0x08000000, 40).cycles, 5u);  // read while ICEN was off: not cached
  EXPECT_EQ(t.timing->fetch(0x08000100, 50).cycles, 0u);  // instruction cache hit
  // Disable, reset (ICRST) and re-enable the instruction cache: its lines are gone.
  t.flash.write(0x00, 4, 0x405);
  t.flash.write(0x00, 4, 0x405 | (1u << 11));
  t.flash.write(0x00, 4, 0x605);
  EXPECT_EQ(t.timing->fetch(0x08000000, 60).cycles, 5u);  // (leaves the line buffer, which holds 0x08000100)
  EXPECT_EQ(t.timing->fetch(0x08000100, 70).cycles, 5u);
  EXPECT_EQ(t.timing->data(0x08002000, 4, false, 80).cycles, 0u);  // the data cache was not reset
}

// Firmware writes FLASH_ACR over the bus (and polls LATENCY back), then reads weights from flash in a loop; the
// timing model sees the core's recorded data accesses. The 5 loads of a pass touch two 128-bit lines.
uint64_t weight_loop_flash_waits(uint32_t acr) {
  test::CoreFixture f(CoreModel::kCortexM4);
  F4 t;
  f.bus.add_device("flash_interface", t.board.flash_interface_base, FlashInterface::kBlockBytes, &t.flash);
  f.load_asm(R"(
    ldr r0, =0x40023C00
    ldr r1, =)" + std::to_string(acr) + R"(
    str r1, [r0]
    ldr r2, [r0]
    ldr r3, =0x08000000
    movs r4, #4
  pass:
    ldr r5, [r3]
    ldr r5, [r3, #4]
    ldr r5, [r3, #8]
    ldr r5, [r3, #12]
    ldr r5, [r3, #16]
    subs r4, #1
    bne pass
  done:
    b done
    .ltorg
  )");
  uint64_t now = 0, flash_waits = 0;
  f.core.record = true;
  f.core.observer = [&](const StepRecord& r) {
    for (unsigned k = 0; k < r.n_access; ++k) {
      const MemAccess& a = r.access[k];
      const Wait w = t.timing->data(a.addr, a.size, a.write, now);
      if (a.addr >> 24 == 0x08) flash_waits += w.cycles;
      now += w.cycles;
    }
    now += 1;
  };
  f.step(6 + 4 * 7);
  EXPECT_EQ(f.core.s.r[2], acr);  // LATENCY (and the enables) read back
  EXPECT_EQ(f.core.s.r[4], 0u);
  return flash_waits;
}

TEST(Stm32F4MemoryTiming, FirmwareEnablingTheDataCacheSpeedsUpWeightReads) {
  // DCEN | LATENCY 5: the first pass misses each of the two lines once (2 x 5), later passes hit.
  EXPECT_EQ(weight_loop_flash_waits(0x405), 2u * 5u);
  // LATENCY 5 without DCEN: every one of the 4 x 5 loads waits 5.
  EXPECT_EQ(weight_loop_flash_waits(0x005), 20u * 5u);
  // LATENCY 1 (firmware at 30-60 MHz) without DCEN: 20 x 1.
  EXPECT_EQ(weight_loop_flash_waits(0x001), 20u);
}

struct F7 {
  explicit F7(const char* name = "stm32f746zg") : board(load_board(name)) {}
  Board board;
  FlashInterface flash{flash_family(board), boot_flash_latency(board, board.clock_hz)};
  SystemControl scs{board.core, board.cpuid, board.scs};
  std::unique_ptr<MemoryTiming> timing = make_stm32_memory_timing(board, flash, scs);
  void set_ccr(uint32_t bits) {
    uint32_t ccr = 0;
    scs.read(kCcr, 4, ccr);
    scs.write(kCcr, 4, ccr | bits);
  }
};

TEST(Stm32F7MemoryTiming, UncachedAximFlashWaitsOnEveryRead) {
  // Caches off at reset (CCR.IC/DC = 0): every AXIM flash read waits the 7 wait states.
  F7 t;
  for (uint64_t now : {0, 10, 20}) EXPECT_EQ(t.timing->fetch(0x08000000, now).cycles, 7u);
  EXPECT_EQ(t.timing->data(0x08001000, 4, false, 30).cycles, 7u);
}

TEST(Stm32F7MemoryTiming, InstructionCacheFillThenHits) {
  F7 t;
  t.set_ccr(kCcrIc);
  const Wait fill = t.timing->fetch(0x08000000, 0);   // one 256-bit flash read fills the 32-byte line
  EXPECT_EQ(fill.cycles, 7u);
  EXPECT_EQ(fill.cause, Cause::kCacheMiss);
  for (uint32_t off = 8; off < 32; off += 8) EXPECT_EQ(t.timing->fetch(0x08000000 + off, off).cycles, 0u);
  EXPECT_EQ(t.timing->fetch(0x08000020, 40).cycles, 7u);  // the next line
  // ICIALLU written to the SCS reaches the cache.
  t.scs.write(kScb + 0xF50, 4, 0);
  EXPECT_EQ(t.timing->fetch(0x08000000, 50).cycles, 7u);
  // The data side is separate: D-cache off, data reads of the same flash stay uncached.
  EXPECT_EQ(t.timing->data(0x08000000, 4, false, 60).cycles, 7u);
}

TEST(Stm32F7MemoryTiming, DataCacheHitsOnRepeatedWeightReads) {
  F7 t;
  t.set_ccr(kCcrDc);
  const uint32_t weights = 0x08040000;
  EXPECT_EQ(t.timing->data(weights, 4, false, 0).cycles, 7u);
  for (uint32_t k = 1; k < 8; ++k) EXPECT_EQ(t.timing->data(weights + 4 * k, 4, false, 10 * k).cycles, 0u);
  EXPECT_EQ(t.timing->data(weights, 1, false, 100).cycles, 0u);
  // DCIMVAC (by address) drops the line; DCCMVAC (clean) keeps it.
  t.scs.write(kScb + 0xF68, 4, weights);
  EXPECT_EQ(t.timing->data(weights, 4, false, 110).cycles, 0u);
  t.scs.write(kScb + 0xF5C, 4, weights);
  EXPECT_EQ(t.timing->data(weights, 4, false, 120).cycles, 7u);
}

TEST(Stm32F7MemoryTiming, TcmsAndTheItcmFlashPath) {
  F7 t;
  EXPECT_EQ(t.timing->fetch(0x00000100, 0).cycles, 0u);              // ITCM RAM
  EXPECT_EQ(t.timing->data(0x20000000, 4, false, 1).cycles, 0u);     // DTCM
  EXPECT_EQ(t.timing->data(0x2000FFFC, 4, true, 2).cycles, 0u);
  // Flash over ITCM goes through the ART (256-bit lines): with ARTEN and PRFTEN off, one read per line.
  EXPECT_EQ(t.timing->fetch(0x00200000, 10).cycles, 7u);
  EXPECT_EQ(t.timing->fetch(0x00200018, 20).cycles, 0u);             // same 256-bit line
  EXPECT_EQ(t.timing->fetch(0x00200020, 30).cycles, 7u);
  t.flash.write(0x00, 4, 0x207);                                      // ARTEN
  EXPECT_EQ(t.timing->fetch(0x00200040, 40).cycles, 7u);
  EXPECT_EQ(t.timing->fetch(0x00200000, 50).cycles, 7u);             // read before ARTEN: not cached
  EXPECT_EQ(t.timing->fetch(0x00200040, 60).cycles, 0u);             // ART hit
  // The L1 caches never hold the ITCM path or the TCMs.
  t.set_ccr(kCcrIc | kCcrDc);
  EXPECT_FALSE(static_cast<Stm32F7MemoryTiming&>(*t.timing).icache().contains(0x00200040));
}

TEST(Stm32F7MemoryTiming, ItcmFlashWithPrefetchRunsAtOneLinePerEightCycles) {
  // RM0410 (single bank): a 256-bit line holds 8 32-bit instructions, so sequential code needs at least 8 cycles
  // per line read; at 7 WS a read takes 8 cycles. The core fetches 64 bits per cycle (4 fetches per line): with
  // PRFTEN, after the first line each line waits 8 - 4 = 4 cycles.
  F7 t;
  t.flash.write(0x00, 4, 0x107);  // PRFTEN, LATENCY 7
  uint64_t now = 0;
  std::vector<uint32_t> waits;
  for (uint32_t a = 0x00200000; a < 0x00200060; a += 8) {
    waits.push_back(t.timing->fetch(a, now).cycles);
    now += 1 + waits.back();
  }
  EXPECT_EQ(waits, (std::vector<uint32_t>{7, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0}));
}

TEST(Stm32F7MemoryTiming, SramOverAximIsCachedWriteAllocate) {
  F7 t("stm32f767zi");
  const auto& m7 = static_cast<Stm32F7MemoryTiming&>(*t.timing);
  EXPECT_EQ(m7.dcache().sets(), 128u);  // 16 KB, 4-way, 32-byte lines
  EXPECT_EQ(m7.icache().sets(), 256u);  // 16 KB, 2-way
  t.set_ccr(kCcrDc);
  const uint32_t sram1 = 0x20020000;
  // The board gives SRAM1 no wait states, so fills cost nothing here; the tags still follow the SRAM region's
  // Write-Back Write-Allocate attribute (B3.1): a write miss allocates.
  EXPECT_EQ(t.timing->data(sram1, 4, true, 0).cycles, 0u);
  EXPECT_TRUE(m7.dcache().contains(sram1));
  // The Code region is Write-Through without Write-Allocate: a write miss does not allocate (flash writes are bus
  // faults, ITCM RAM is a TCM: use the external RAM region at 0x8000 0000, also WT, to see it). Not on this map:
  // an address outside every region costs nothing and is not cached.
  EXPECT_EQ(t.timing->data(0x80000000, 4, true, 1).cycles, 0u);
  EXPECT_FALSE(m7.dcache().contains(0x80000000));
  // DCISW by set/way: SRAM1's line sits in set (0x20020000 / 32) % 128 = 0, way 0.
  t.scs.write(kScb + 0xF60, 4, 0);
  EXPECT_FALSE(m7.dcache().contains(sram1));
}

TEST(Stm32F7MemoryTiming, ResetEmptiesEverything) {
  F7 t;
  t.set_ccr(kCcrIc | kCcrDc);
  t.timing->fetch(0x08000000, 0);
  t.timing->data(0x08001000, 4, false, 10);
  t.timing->reset();
  EXPECT_EQ(t.timing->fetch(0x08000000, 20).cycles, 7u);
  EXPECT_EQ(t.timing->data(0x08001000, 4, false, 30).cycles, 7u);
}

// The quiet windows are only a shortcut: a random mix of fetches, loads, stores, FLASH_ACR and CCR writes and
// cache maintenance, asked through fetch_wait/data_wait, costs exactly what fetch()/data() say on a twin asked
// directly (a window that hid a wait or a state change would make the two drift apart).
template <class Boards>
void expect_windows_change_nothing(const char* board, uint32_t seed) {
  Boards fast(board), slow(board);
  std::mt19937 rng(seed);
  const auto pick = [&](uint32_t n) { return uint32_t(rng() % n); };
  // A walk through each area (mostly short steps, so lines are reused; sometimes a jump within 12 KB, more
  // than the F746's 4 KB caches hold)
  const uint32_t areas[] = {0x08000000, 0x00200000, 0x20000000, 0x2001F000, 0x00000000};
  uint32_t offsets[5] = {};
  uint64_t now = 0;
  for (int k = 0; k < 20000; ++k) {
    now += pick(3);
    const uint32_t area = pick(5);
    offsets[area] = pick(4) ? (offsets[area] + pick(12)) % 12288 : pick(12288);
    const uint32_t addr = areas[area] + offsets[area];
    const unsigned op = pick(100);
    if (op < 45) {
      const Wait a = fast.timing->fetch_wait(addr & ~7u, now), b = slow.timing->fetch(addr & ~7u, now);
      ASSERT_EQ(a.cycles, b.cycles) << board << " fetch " << std::hex << addr << " step " << std::dec << k;
      ASSERT_EQ(a.cause, b.cause);
    } else if (op < 90) {
      const unsigned size = 1u << pick(3);
      const bool write = pick(4) == 0;
      const Wait a = fast.timing->data_wait(addr, size, write, now), b = slow.timing->data(addr, size, write, now);
      ASSERT_EQ(a.cycles, b.cycles) << board << " data " << std::hex << addr << " step " << std::dec << k;
      ASSERT_EQ(a.cause, b.cause);
    } else {
      const uint32_t acr = pick(2) ? 0x700 | pick(8) : pick(8), ccr = pick(4) << 16;
      const uint32_t cache_op = kScb + 0xF50 + 4 * (pick(10) == 1 ? 0 : pick(10)), operand = addr;
      for (Boards* t : {&fast, &slow}) {
        if (op < 94) t->flash.write(0x00, 4, acr);
        else if (op < 97) t->scs.write(kCcr, 4, ccr);
        else t->scs.write(cache_op, 4, operand);
      }
    }
  }
}

TEST(Stm32F4MemoryTiming, QuietWindowsChangeNothing) {
  for (uint32_t seed : {1u, 2u, 3u}) expect_windows_change_nothing<F4>("stm32f446re", seed);
}

TEST(Stm32F7MemoryTiming, QuietWindowsChangeNothing) {
  for (const char* board : {"stm32f746zg", "stm32f767zi"})
    for (uint32_t seed : {1u, 2u, 3u}) expect_windows_change_nothing<F7>(board, seed);
}

TEST(Stm32F7MemoryTiming, DestructionDisconnectsTheHooks) {
  Board board = load_board("stm32f746zg");
  FlashInterface flash(FlashFamily::kStm32F7, 7);
  SystemControl scs(board.core, board.cpuid, board.scs);
  { Stm32F7MemoryTiming timing(board, flash, scs); }
  EXPECT_FALSE(scs.on_cache_op);
  EXPECT_FALSE(scs.on_cache_enable);
  EXPECT_FALSE(flash.on_cache_reset);
  scs.write(kScb + 0xF50, 4, 0);  // no dangling call
}

}  // namespace
}  // namespace mcuprof
