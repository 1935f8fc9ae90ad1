#include "memory/flash_interface.h"

namespace mcuprof {

namespace {

constexpr uint32_t kLatency = 0xF, kPrften = 1u << 8, kIcen = 1u << 9, kDcen = 1u << 10;
constexpr uint32_t kIcrst = 1u << 11, kDcrst = 1u << 12;
constexpr uint32_t kArten = 1u << 9, kArtrst = 1u << 11;

// The writable ACR bits of each layout.
uint32_t acr_mask(FlashFamily f) {
  return f == FlashFamily::kStm32F4 ? kLatency | kPrften | kIcen | kDcen | kIcrst | kDcrst
                                    : kLatency | kPrften | kArten | kArtrst;
}

// Reset values: CR.LOCK set; OPTCR and OPTCR1 with the factory option bytes (RM0390 3.8.7: 0x0FFFAAED;
// RM0385 3.7.6-3.7.7: OPTCR 0xC0FFAAFD, OPTCR1 0x00400080 = BOOT_ADD0 0x0080, BOOT_ADD1 0x0040).
constexpr uint32_t kCrReset = 0x80000000;

}  // namespace

FlashInterface::FlashInterface(FlashFamily family, unsigned boot_latency) : family_(family) {
  regs_[4] = kCrReset;
  regs_[5] = family == FlashFamily::kStm32F4 ? 0x0FFFAAED : 0xC0FFAAFD;
  regs_[6] = family == FlashFamily::kStm32F4 ? 0 : 0x00400080;
  write_acr(boot_latency & kLatency);
}

bool FlashInterface::read(uint32_t offset, unsigned size, uint32_t& value) {
  const unsigned reg = offset / 4;
  const bool write_only = reg == 1 || reg == 2;
  const bool exists = reg < regs_.size() && (reg != 6 || family_ == FlashFamily::kStm32F7);
  const uint32_t word = exists && !write_only ? regs_[reg] : 0;
  value = (word >> (8 * (offset & 3))) & (size == 4 ? ~0u : (1u << (8 * size)) - 1);
  return true;
}

bool FlashInterface::write(uint32_t offset, unsigned size, uint32_t value) {
  const unsigned reg = offset / 4;
  const unsigned shift = 8 * (offset & 3);
  const uint32_t lanes = (size == 4 ? ~0u : (1u << (8 * size)) - 1) << shift;
  if (reg >= regs_.size() || (reg == 6 && family_ == FlashFamily::kStm32F4)) return true;
  const uint32_t merged = (regs_[reg] & ~lanes) | ((value << shift) & lanes);
  if (reg == 0) write_acr(merged);
  else regs_[reg] = merged;
  return true;
}

void FlashInterface::write_acr(uint32_t value) {
  const uint32_t old = regs_[0];
  regs_[0] = value & acr_mask(family_);
  const uint32_t v = regs_[0];
  const bool f4 = family_ == FlashFamily::kStm32F4;
  control_ = {v & kLatency, bool(v & kPrften), bool(v & (f4 ? kIcen : kArten)), bool(v & (f4 ? kDcen : kArten))};
  // A reset bit takes effect when written as 1 while its cache is disabled (RM0090 3.9.1, RM0385 3.7.1).
  const auto rising = [&](uint32_t bit) { return (v & bit) && !(old & bit); };
  const bool reset_i = rising(f4 ? kIcrst : kArtrst) && !control_.icache;
  const bool reset_d = f4 ? rising(kDcrst) && !control_.dcache : reset_i;
  if ((reset_i || reset_d) && on_cache_reset) on_cache_reset(reset_i, reset_d);
}

}  // namespace mcuprof
