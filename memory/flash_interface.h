// The STM32 embedded-flash interface registers (the FLASH block at 0x4002 3C00) as a bus device, for what
// timing needs: FLASH_ACR. Layouts [RM0390 (F446) and RM0090 section 3.9; RM0385 (F74x) / RM0410 (F76x) section 3.7]:
//   F4: LATENCY[3:0], PRFTEN (8), ICEN (9), DCEN (10), ICRST (11), DCRST (12)
//   F7: LATENCY[3:0], PRFTEN (8), ARTEN (9), ARTRST (11)
// The other registers (KEYR 0x04, OPTKEYR 0x08, SR 0x0C, CR 0x10, OPTCR 0x14, F7 OPTCR1 0x18) read back what
// was written, from their reset values; programming and erasing are not modelled (flash is written only by the
// loader). KEYR and OPTKEYR are write-only (read as 0). Other offsets of the block read as 0 and ignore writes.
//
// LATENCY is what the flash uses, as on silicon: firmware writes it before raising the clock and polls it back.
// Its reset value is 0, which is right only below 30 MHz; mcuprof runs at the board's clock from the first
// instruction, so the interface starts with LATENCY = the wait states the board needs at that clock (what a
// boot loader or SystemInit would have set). Firmware that writes LATENCY gets what it wrote, even a value too
// small for the clock (silicon would read corrupt data; mcuprof times it as written). The enable bits start off
// (their reset values): firmware enables the accelerator, as on silicon.
#pragma once
#include <array>
#include <cstdint>
#include <functional>

#include "memory/bus.h"

namespace mcuprof {

enum class FlashFamily : uint8_t { kStm32F4, kStm32F7 };

// What FLASH_ACR asks of the flash and its accelerator, decoded from either layout.
struct FlashControl {
  unsigned latency = 0;   // wait states: a flash read takes latency + 1 cycles
  bool prefetch = false;
  bool icache = false;    // F4 ICEN; F7 ARTEN
  bool dcache = false;    // F4 DCEN; F7 ARTEN
};

class FlashInterface final : public Device {
 public:
  static constexpr uint32_t kBlockBytes = 0x400;
  FlashInterface(FlashFamily family, unsigned boot_latency);
  FlashInterface(const FlashInterface&) = delete;  // mapped on a bus and hooked by timing models: stays in place
  FlashInterface& operator=(const FlashInterface&) = delete;

  bool read(uint32_t offset, unsigned size, uint32_t& value) override;
  bool write(uint32_t offset, unsigned size, uint32_t value) override;

  uint32_t acr() const { return regs_[0]; }
  const FlashControl& control() const { return control_; }
  // Called when firmware resets the accelerator's caches (F4: ICRST/DCRST written as 1 while that cache is
  // disabled, RM0090 3.5.2; F7: ARTRST while ARTEN is 0): (instruction cache, data cache).
  std::function<void(bool, bool)> on_cache_reset;

 private:
  void write_acr(uint32_t value);

  FlashFamily family_;
  std::array<uint32_t, 7> regs_{};  // ACR, KEYR, OPTKEYR, SR, CR, OPTCR, OPTCR1
  FlashControl control_;
};

}  // namespace mcuprof
