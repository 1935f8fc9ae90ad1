// The STM32 FLASH register block: FLASH_ACR bits and reset values [RM0390 3.8 (F446), RM0385 3.7 (F74x)].
#include "memory/flash_interface.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace mcuprof {
namespace {

uint32_t read32(FlashInterface& f, uint32_t off) {
  uint32_t v = 0;
  EXPECT_TRUE(f.read(off, 4, v));
  return v;
}

TEST(FlashInterface, ResetValuesWithTheBootLatency) {
  FlashInterface f4(FlashFamily::kStm32F4, 5), f7(FlashFamily::kStm32F7, 7);
  EXPECT_EQ(read32(f4, 0x00), 5u);            // ACR: LATENCY as a boot loader leaves it, accelerator off
  EXPECT_EQ(f4.control().latency, 5u);
  EXPECT_FALSE(f4.control().prefetch || f4.control().icache || f4.control().dcache);
  EXPECT_EQ(read32(f4, 0x10), 0x80000000u);   // CR: LOCK
  EXPECT_EQ(read32(f4, 0x14), 0x0FFFAAEDu);   // OPTCR
  EXPECT_EQ(read32(f7, 0x14), 0xC0FFAAFDu);
  EXPECT_EQ(read32(f7, 0x18), 0x00400080u);   // OPTCR1: BOOT_ADD0 = 0x0080 (boot from 0x0020 0000)
  EXPECT_EQ(read32(f4, 0x18), 0u);            // no OPTCR1 on the F446
  EXPECT_EQ(read32(f4, 0x3FC), 0u);           // outside the registers
}

TEST(FlashInterface, LatencyReadsBackAsFirmwarePollsIt) {
  FlashInterface f(FlashFamily::kStm32F4, 0);
  EXPECT_TRUE(f.write(0x00, 4, 0x705));  // PRFTEN | ICEN | DCEN | LATENCY 5 (what HAL code writes at 180 MHz)
  EXPECT_EQ(read32(f, 0x00) & 0xF, 5u);
  EXPECT_EQ(f.control().latency, 5u);
  EXPECT_TRUE(f.control().prefetch && f.control().icache && f.control().dcache);
  EXPECT_TRUE(f.write(0x00, 1, 0x02));   // a byte write to LATENCY keeps the enables
  EXPECT_EQ(read32(f, 0x00), 0x702u);
  uint32_t low_byte = 0;
  EXPECT_TRUE(f.read(0x00, 1, low_byte));
  EXPECT_EQ(low_byte, 2u);
}

TEST(FlashInterface, OnlyTheLayoutsBitsAreWritable) {
  FlashInterface f4(FlashFamily::kStm32F4, 0), f7(FlashFamily::kStm32F7, 0);
  f4.write(0x00, 4, 0xFFFFFFFF);
  f7.write(0x00, 4, 0xFFFFFFFF);
  EXPECT_EQ(f4.acr(), 0x1F0Fu);  // LATENCY[3:0], PRFTEN, ICEN, DCEN, ICRST, DCRST
  EXPECT_EQ(f7.acr(), 0x0B0Fu);  // LATENCY[3:0], PRFTEN, ARTEN, ARTRST
  EXPECT_TRUE(f7.control().icache && f7.control().dcache);  // ARTEN
}

TEST(FlashInterface, KeyRegistersAreWriteOnlyAndOthersReadBack) {
  FlashInterface f(FlashFamily::kStm32F4, 0);
  f.write(0x04, 4, 0x45670123);  // KEYR
  EXPECT_EQ(read32(f, 0x04), 0u);
  f.write(0x0C, 4, 0x1);         // SR
  EXPECT_EQ(read32(f, 0x0C), 1u);
}

TEST(FlashInterface, CacheResetOnlyWhileTheCacheIsDisabled) {
  std::vector<std::pair<bool, bool>> resets;
  FlashInterface f4(FlashFamily::kStm32F4, 5);
  f4.on_cache_reset = [&](bool i, bool d) { resets.push_back({i, d}); };
  f4.write(0x00, 4, 0x205 | (1u << 11));  // ICEN and ICRST: ignored while ICEN is set (RM0090 3.9.1)
  f4.write(0x00, 4, 0x005);
  f4.write(0x00, 4, 0x005 | (1u << 11));  // ICRST with ICEN clear: the instruction cache is reset
  f4.write(0x00, 4, 0x005 | (1u << 12));  // DCRST (ICRST cleared in the same write)
  EXPECT_EQ(resets, (std::vector<std::pair<bool, bool>>{{true, false}, {false, true}}));
  resets.clear();
  FlashInterface f7(FlashFamily::kStm32F7, 7);
  f7.on_cache_reset = [&](bool i, bool d) { resets.push_back({i, d}); };
  f7.write(0x00, 4, 0x007 | (1u << 11));  // ARTRST with ARTEN clear
  EXPECT_EQ(resets, (std::vector<std::pair<bool, bool>>{{true, true}}));
}

}  // namespace
}  // namespace mcuprof
