// Memory timing of the STM32 reference boards (MemoryTiming, memory/memory_timing.h), from the board file:
//
// Stm32F4MemoryTiming [RM0090 3.5; shared/reference/stm32-boards.md]: flash (0x0800 0000 and its boot alias at 0)
// through the ART accelerator (memory/flash_accelerator.h: 128-bit lines, next-line prefetch, 64-line
// instruction cache, 8-line data cache, D-bus priority), configured by FLASH_ACR; SRAM without wait states.
//
// Stm32F7MemoryTiming [RM0385/RM0410 section 2 and 3; Cortex-M7 TRM DDI 0489 5.9]: ITCM RAM and DTCM without wait
// states (the DTCM's two 32-bit banks are the core model's business) and never cached; flash on the ITCM path
// (0x0020 0000) through the ART (64 x 256-bit lines, instruction fetches); everything else over AXIM: through
// the L1 caches (memory/l1_cache.h: 32-byte lines, I 2-way, D 4-way) when SCB CCR.IC/CCR.DC enable them and the
// address is cacheable in the ARMv7-M default memory map (B3.1, Table B3-1: Code and SRAM regions, and the
// external RAM regions; no MPU is modelled), else uncached. An uncached flash read waits LATENCY cycles (one
// 256-bit read); an uncached SRAM access the region's wait_cycles from the board file. A line fill waits for the
// uncached read of its first word (critical word first); a 32-byte line is one 256-bit flash read, so the rest
// of the line is there with it. Write-back of dirty lines goes through AXIM's write buffer and is not timed.
//
// Cache maintenance by firmware (ICIALLU, DCISW, DCIMVAC... written to the SCS) reaches the L1 model through
// SystemControl::on_cache_op, and ICRST/DCRST/ARTRST reach the ART through FlashInterface::on_cache_reset: both
// are connected by the constructors (and disconnected by the destructors). reset() empties every cache and
// buffer (power-on state).
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "cores/system_control.h"
#include "memory/flash_accelerator.h"
#include "memory/flash_interface.h"
#include "memory/l1_cache.h"
#include "memory/memory_timing.h"
#include "sim/board.h"

namespace mcuprof {

// The FLASH register layout of a board: the F7's on a Cortex-M7, the F4's otherwise. A machine builds the block as
// FlashInterface(flash_family(b), boot_flash_latency(b, hz)), maps it at b.flash_interface_base (when not 0) with
// FlashInterface::kBlockBytes, and keeps it in place (the memory timing holds a reference and a hook into it).
FlashFamily flash_family(const Board& b);
// The LATENCY the flash interface starts with: the board's wait states at hz (see flash_interface.h), 0 for a
// board without a wait-state table.
unsigned boot_flash_latency(const Board& b, uint32_t hz);

// How an address range is reached.
enum class MemoryPath : uint8_t { kNone, kArt, kFlash, kRam, kTcm };

struct MemorySpan : AddressWindow {   // base, size, contains()
  MemoryPath path = MemoryPath::kNone;
  unsigned wait_cycles = 0;  // kRam: the board's wait_cycles
  uint32_t target_base = 0;  // where the span's first byte is in the region it aliases (base when not an alias)
  uint32_t target(uint32_t addr) const { return addr - base + target_base; }
};

// The board's regions as spans. Aliases take their target's kind and addresses (the ART sees one flash whichever
// alias is used); regions named in the ART config take kArt; on a Cortex-M7, regions inside the TCM windows at
// 0x0000 0000 and 0x2000 0000 of the configured sizes are kTcm.
class MemoryMap {
 public:
  explicit MemoryMap(const Board& b);
  // A kNone span for addresses outside every region. Inline for the common case: the span found last time.
  const MemorySpan& find(uint32_t addr) const {
    return last_ < spans_.size() && spans_[last_].contains(addr) ? spans_[last_] : search(addr);
  }
 private:
  const MemorySpan& search(uint32_t addr) const;
  std::vector<MemorySpan> spans_;
  mutable size_t last_ = 0;
};

class Stm32F4MemoryTiming final : public MemoryTiming {
 public:
  Stm32F4MemoryTiming(const Board& b, FlashInterface& flash);
  ~Stm32F4MemoryTiming() override;
  Stm32F4MemoryTiming(const Stm32F4MemoryTiming&) = delete;
  Stm32F4MemoryTiming& operator=(const Stm32F4MemoryTiming&) = delete;
  Wait fetch(uint32_t addr, uint64_t now) override;
  Wait data(uint32_t addr, unsigned size, bool write, uint64_t now) override;
  void reset() override;

 private:
  MemoryMap map_;
  FlashInterface& flash_;
  FlashAccelerator art_;
};

class Stm32F7MemoryTiming final : public MemoryTiming {
 public:
  // Cortex-M7 TRM 5.9 / cortex-m-timing.md: instruction cache 2-way, data cache 4-way.
  static constexpr unsigned kIcacheWays = 2, kDcacheWays = 4;
  Stm32F7MemoryTiming(const Board& b, FlashInterface& flash, SystemControl& scs);
  ~Stm32F7MemoryTiming() override;
  Stm32F7MemoryTiming(const Stm32F7MemoryTiming&) = delete;
  Stm32F7MemoryTiming& operator=(const Stm32F7MemoryTiming&) = delete;
  Wait fetch(uint32_t addr, uint64_t now) override;
  Wait data(uint32_t addr, unsigned size, bool write, uint64_t now) override;
  void reset() override;
  void cache_op(CacheOp op, uint32_t operand);
  const L1Cache& icache() const { return icache_; }
  const L1Cache& dcache() const { return dcache_; }

 private:
  Wait fill(const MemorySpan& s) const;

  MemoryMap map_;
  FlashInterface& flash_;
  SystemControl& scs_;
  FlashAccelerator art_;
  L1Cache icache_, dcache_;
};

// The memory timing for a board: Stm32F4MemoryTiming on a Cortex-M4, Stm32F7MemoryTiming on a Cortex-M7.
std::unique_ptr<MemoryTiming> make_stm32_memory_timing(const Board& b, FlashInterface& flash, SystemControl& scs);

}  // namespace mcuprof
