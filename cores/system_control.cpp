#include "cores/system_control.h"

#include <algorithm>
#include <bit>
#include <iterator>
#include <limits>

#include "cores/isa/inst.h"

namespace mcuprof {

namespace {

// Offsets within the device (from 0xE0000000).
constexpr uint32_t kDwtBase = 0x01000, kScsBase = 0x0E000, kBlockSize = 0x1000;

// SysTick SYST_CSR bits (B3.3.3).
constexpr uint32_t kSystEnable = 1u << 0, kSystTickInt = 1u << 1, kSystClkSource = 1u << 2, kSystCountFlag = 1u << 16;
// DEMCR bits (C1.6.5): the writable vector-catch, monitor and trace enables.
constexpr uint32_t kDemcrMonEn = 1u << 16, kDemcrTrcena = 1u << 24, kDemcrWritable = 0x010F07F1;
// DWT_CTRL (C1.8.7): CYCCNTENA, POSTPRESET, POSTINIT, CYCTAP, SYNCTAP, PCSAMPLENA, the event enables.
constexpr uint32_t kDwtCycCntEna = 1u << 0, kDwtCtrlWritable = 0x007F1FFF;
constexpr uint32_t kLarKey = 0xC5ACCE55;  // CoreSight lock access key

// CFSR bits (B3.2.15) that record where a fault's address was captured.
constexpr uint32_t kCfsrBfarValid = 1u << 15;
constexpr uint32_t kHfsrForced = 1u << 30, kHfsrDebugEvt = 1u << 31;
constexpr uint32_t kDfsrBkpt = 1u << 1;

// Per FaultKind (in enum order): its CFSR status bit and the exception it raises when enabled.
struct FaultInfo {
  uint32_t cfsr;
  uint16_t exception;
};
constexpr FaultInfo kFaultInfo[] = {
    {1u << 16, kExcUsageFault},  // UNDEFINSTR
    {1u << 17, kExcUsageFault},  // INVSTATE
    {1u << 18, kExcUsageFault},  // INVPC
    {1u << 19, kExcUsageFault},  // NOCP
    {1u << 24, kExcUsageFault},  // UNALIGNED
    {1u << 25, kExcUsageFault},  // DIVBYZERO
    {1u << 8, kExcBusFault},     // IBUSERR
    {1u << 9, kExcBusFault},     // PRECISERR (BFAR valid)
    {1u << 12, kExcBusFault},    // STKERR
    {1u << 11, kExcBusFault},    // UNSTKERR
    {1u << 0, kExcMemManage},    // IACCVIOL
    {0, kExcDebugMonitor},       // BKPT: a debug event, recorded in DFSR
};
static_assert(std::size(kFaultInfo) == size_t(FaultKind::kBreakpoint) + 1);

// SHCSR (B3.2.13): active and pended bits are views of the exception state; bits 16-18 enable the faults.
struct ShcsrBit {
  uint8_t bit;
  uint16_t exception;
  bool pended;
};
constexpr ShcsrBit kShcsrState[] = {
    {0, kExcMemManage, false}, {1, kExcBusFault, false}, {3, kExcUsageFault, false},
    {7, kExcSvCall, false},    {8, kExcDebugMonitor, false}, {10, kExcPendSv, false},
    {11, kExcSysTick, false},  {12, kExcUsageFault, true},   {13, kExcMemManage, true},
    {14, kExcBusFault, true},  {15, kExcSvCall, true},
};
constexpr uint32_t kShcsrEnables = 7u << 16;  // MEMFAULTENA, BUSFAULTENA, USGFAULTENA

// ICSR bits (B3.2.4).
constexpr uint32_t kNmiPendSet = 1u << 31, kPendSvSet = 1u << 28, kPendSvClr = 1u << 27, kPendStSet = 1u << 26,
                   kPendStClr = 1u << 25, kIsrPending = 1u << 22, kRetToBase = 1u << 11;

// ID_PFR0..ID_ISAR4 (0xE000ED40-0xE000ED70) from the processors' TRM register summaries (the values QEMU's
// cortex-m4 and cortex-m7 models also report).
constexpr uint32_t kIdRegsM4[13] = {0x00000030, 0x00000200, 0x00100000, 0x00000000, 0x00000030, 0x00000000, 0x00000000,
                                    0x00000000, 0x01141110, 0x02111000, 0x21112231, 0x01111110, 0x01310102};
constexpr uint32_t kIdRegsM7[13] = {0x00000030, 0x00000200, 0x00100000, 0x00000000, 0x00100030, 0x00000000, 0x01000000,
                                    0x00000000, 0x01101110, 0x02112000, 0x20232231, 0x01111131, 0x01310132};

// MVFR0-2 (B4.1.2): Cortex-M4 TRM (FPv4-SP), Cortex-M7 TRM (FPv5 single or double precision).
struct Mvfr {
  uint32_t r[3];
};
Mvfr mvfr_for(uint8_t fp) {
  if (!(fp & kFeatFpSp)) return {{0, 0, 0}};
  const uint32_t mvfr2 = (fp & kFeatFpV5) ? 0x00000040 : 0;
  if (fp & kFeatFpDp) return {{0x10110221, 0x12000011, mvfr2}};
  return {{0x10110021, 0x11000011, mvfr2}};
}

// ITCMCR/DTCMCR.SZ (Cortex-M7 TRM): 0b0011 = 4 KB ... each step doubles; 0 = no TCM.
uint32_t tcm_size_field(uint32_t bytes) { return bytes < 4096 ? 0 : uint32_t(std::bit_width(bytes / 1024)); }

// A register field written through byte lanes: only the lanes written and the writable bits change.
void store(uint32_t& reg, uint32_t value, uint32_t lanes, uint32_t writable) {
  const uint32_t m = lanes & writable;
  reg = (reg & ~m) | (value & m);
}

}  // namespace

ScsConfig ScsConfig::defaults(CoreModel m) {
  ScsConfig c;
  if (m == CoreModel::kCortexM4) {
    c.fp_features = kFeatFpSp;
  } else {
    c.fp_features = kFeatFpSp | kFeatFpV5;
    c.icache_bytes = c.dcache_bytes = 4096;
    c.itcm_bytes = 16 * 1024;
    c.dtcm_bytes = 64 * 1024;
  }
  return c;
}

SystemControl::SystemControl(CoreModel model, uint32_t cpuid) : SystemControl(model, cpuid, ScsConfig::defaults(model)) {}

SystemControl::SystemControl(CoreModel model, uint32_t cpuid, const ScsConfig& config)
    : model_(model), cpuid_(cpuid), config_(config) {
  if (model_ == CoreModel::kCortexM7) {
    ccr_ = 0x00040200;  // BP and STKALIGN read as one; IC and DC off at reset (Cortex-M7 DGUG 4.3.7)
    dwt_locked_ = true;
    itcmcr_ = config_.itcm_bytes ? (tcm_size_field(config_.itcm_bytes) << 3) | 1 : 0;
    dtcmcr_ = config_.dtcm_bytes ? (tcm_size_field(config_.dtcm_bytes) << 3) | 1 : 0;
  }
  if (!config_.systick_ref_divider) syst_csr_ = kSystClkSource;  // no reference clock: CLKSOURCE reads as one
}

// ---------------------------------------------------------------- bus interface

bool SystemControl::read(uint32_t offset, unsigned size, uint32_t& value) {
  if (offset & (size - 1)) return false;  // the SCS does not support unaligned accesses
  catch_up();
  const unsigned shift = 8 * (offset & 3);
  value = uint32_t((uint64_t(read_word(offset & ~3u)) >> shift) & ((uint64_t(1) << (8 * size)) - 1));
  return true;
}

bool SystemControl::write(uint32_t offset, unsigned size, uint32_t value) {
  if (offset & (size - 1)) return false;
  catch_up();  // the cycles so far count with the configuration this write may change
  const unsigned shift = 8 * (offset & 3);
  const uint32_t lanes = uint32_t(((uint64_t(1) << (8 * size)) - 1) << shift);
  write_word(offset & ~3u, value << shift, lanes);
  return true;
}

uint32_t SystemControl::read_word(uint32_t offset) {
  if (offset - kDwtBase < kBlockSize) return dwt_read(offset - kDwtBase);
  if (offset - kScsBase < kBlockSize) return scs_read(offset - kScsBase);
  return 0;  // ITM, FPB, TPIU, ETM, ROM table: not implemented, RAZ/WI
}

void SystemControl::write_word(uint32_t offset, uint32_t value, uint32_t lanes) {
  if (offset - kDwtBase < kBlockSize) return dwt_write(offset - kDwtBase, value, lanes);
  if (offset - kScsBase < kBlockSize) return scs_write(offset - kScsBase, value, lanes);
}

// ---------------------------------------------------------------- SCS: 0xE000E000-0xE000EFFF

uint32_t SystemControl::scs_read(uint32_t off) {
  if (off >= 0x010 && off < 0x020) return systick_read(off);
  if (off >= 0x100 && off < 0x500) return nvic_read(off);
  if (off >= 0xD00 && off < 0xE00) return scb_read(off);
  const bool m7 = model_ == CoreModel::kCortexM7;
  switch (off) {
    case 0x004: return 7;  // ICTR.INTLINESNUM: 8 lines of 32 interrupts (240 implemented)
    case 0x008: return actlr_;
    case 0xF34: return fpccr_;
    case 0xF38: return fpcar_;
    case 0xF3C: return fpdscr_;
    case 0xF40: case 0xF44: case 0xF48: return mvfr_for(config_.fp_features).r[(off - 0xF40) / 4];
    case 0xF90: return m7 ? itcmcr_ : 0;
    case 0xF94: return m7 ? dtcmcr_ : 0;
    default: return 0;  // STIR and the cache maintenance operations are write-only; the rest is reserved
  }
}

void SystemControl::scs_write(uint32_t off, uint32_t value, uint32_t lanes) {
  if (off >= 0x010 && off < 0x020) return systick_write(off, value, lanes);
  if (off >= 0x100 && off < 0x500) return nvic_write(off, value, lanes);
  if (off >= 0xD00 && off < 0xE00) return scb_write(off, value, lanes);
  const bool fpu = config_.fp_features & kFeatFpSp;
  switch (off) {
    case 0x008: return store(actlr_, value, lanes, ~0u);
    case 0xF00:  // STIR (B3.4.3): pends the interrupt INTID
      if ((value & lanes & 0x1FF) < 240) set_pending(uint16_t(kExcFirstIrq + (value & 0x1FF)));
      return;
    case 0xF34: if (fpu) store(fpccr_, value, lanes, 0xC000017B); return;  // B3.2.20
    case 0xF38: if (fpu) store(fpcar_, value, lanes, ~7u); return;         // B3.2.21
    case 0xF3C: if (fpu) store(fpdscr_, value, lanes, 0x07C00000); return; // B3.2.22: AHP DN FZ RMode
    case 0xF90: if (itcmcr_) store(itcmcr_, value, lanes, 7); return;      // EN, RMW, RETEN; SZ is read-only
    case 0xF94: if (dtcmcr_) store(dtcmcr_, value, lanes, 7); return;
    default:  // cache maintenance (0xF50-0xF78, B2.2.7): no functional effect, heard by on_cache_op; reserved: ignored
      if (off >= 0xF50 && off <= 0xF78 && off != 0xF54 && on_cache_op)
        on_cache_op(CacheOp((off - 0xF50) / 4), value & lanes);
      return;
  }
}

// ---------------------------------------------------------------- SCB: 0xE000ED00-0xE000EDFF (B3.2.2)

uint32_t SystemControl::scb_read(uint32_t off) {
  const bool caches = config_.icache_bytes || config_.dcache_bytes;
  if (off >= 0xD40 && off <= 0xD70) return (model_ == CoreModel::kCortexM4 ? kIdRegsM4 : kIdRegsM7)[(off - 0xD40) / 4];
  switch (off) {
    case 0xD00: return cpuid_;
    case 0xD04: return icsr();
    case 0xD08: return vtor_;
    case 0xD0C: return 0xFA050000u | (aircr_prigroup_ << 8);  // VECTKEYSTAT; little-endian
    case 0xD10: return scr_;
    case 0xD14: return ccr_;
    case 0xD18: case 0xD1C: case 0xD20: return bytes_of(shpr_ + (off - 0xD18));
    case 0xD24: return shcsr();
    case 0xD28: return cfsr_;
    case 0xD2C: return hfsr_;
    case 0xD30: return dfsr_;
    case 0xD34: return mmfar_;
    case 0xD38: return bfar_;
    case 0xD78: return caches ? 0x09000003 : 0;  // CLIDR: L1 I and D caches, LoUU = LoC = 1 (Cortex-M7 TRM)
    case 0xD7C: return caches ? 0x8303C003 : 0;  // CTR: ARMv7 format, 8-word lines and granules
    case 0xD80: return ccsidr();
    case 0xD84: return csselr_;
    case 0xD88: return cpacr_;
    case 0xDFC: return demcr_;
    default: return 0;  // AFSR, MPU (absent), DHCSR/DCRSR/DCRDR (no debugger): RAZ
  }
}

void SystemControl::scb_write(uint32_t off, uint32_t value, uint32_t lanes) {
  const bool m7 = model_ == CoreModel::kCortexM7;
  const uint32_t v = value & lanes;
  switch (off) {
    case 0xD04:  // ICSR: set/clear pending of NMI, PendSV, SysTick
      if (v & kNmiPendSet) set_pending(kExcNmi);
      if (v & kPendSvSet) set_pending(kExcPendSv);
      if (v & kPendSvClr) clear_pending(kExcPendSv);
      if (v & kPendStSet) set_pending(kExcSysTick);
      if (v & kPendStClr) clear_pending(kExcSysTick);
      return;
    case 0xD08: return store(vtor_, value, lanes, m7 ? 0xFFFFFF80 : 0x3FFFFF80);  // TBLOFF: M4 [29:7], M7 [31:7]
    case 0xD0C:  // AIRCR: ignored unless VECTKEY = 0x05FA is written with it
      if (lanes != ~0u || (value >> 16) != 0x05FA) return;
      aircr_prigroup_ = (value >> 8) & 7;
      if (value & (1u << 2)) reset_requested_ = true;
      return;
    case 0xD10: return store(scr_, value, lanes, 0x16);  // SLEEPONEXIT, SLEEPDEEP, SEVONPEND
    case 0xD14: {
      constexpr uint32_t kCacheEnables = 3u << 16;   // IC (bit 17), DC (bit 16)
      const uint32_t before = ccr_;
      store(ccr_, value, lanes, m7 ? 0x0003011B : 0x0000031B);
      if (((before ^ ccr_) & kCacheEnables) && on_cache_enable) on_cache_enable();
      return;
    }
    case 0xD18: return set_bytes(shpr_, value, lanes, 0x00FFFFFF);      // MemManage, BusFault, UsageFault
    case 0xD1C: return set_bytes(shpr_ + 4, value, lanes, 0xFF000000);  // SVCall
    case 0xD20: return set_bytes(shpr_ + 8, value, lanes, 0xFFFF00FF);  // DebugMonitor, PendSV, SysTick
    case 0xD24: return set_shcsr((shcsr() & ~lanes) | v);
    case 0xD28: cfsr_ &= ~v; return;  // write one to clear
    case 0xD2C: hfsr_ &= ~v; return;
    case 0xD30: dfsr_ &= ~v; return;
    case 0xD34: return store(mmfar_, value, lanes, ~0u);
    case 0xD38: return store(bfar_, value, lanes, ~0u);
    case 0xD84: if (config_.icache_bytes || config_.dcache_bytes) store(csselr_, value, lanes, 1); return;  // InD
    case 0xD88: if (config_.fp_features & kFeatFpSp) store(cpacr_, value, lanes, 0x00F00000); return;  // CP10, CP11
    case 0xDFC: return store(demcr_, value, lanes, kDemcrWritable);
    default: return;
  }
}

uint32_t SystemControl::icsr() const {
  const uint16_t pending = pending_exception();
  const bool irq_pending = std::any_of(pending_ + kExcFirstIrq, pending_ + kMaxExceptions, [](bool p) { return p; });
  return (pending_[kExcNmi] ? kNmiPendSet : 0) | (pending_[kExcPendSv] ? kPendSvSet : 0) |
         (pending_[kExcSysTick] ? kPendStSet : 0) | (irq_pending ? kIsrPending : 0) | (uint32_t(pending) << 12) |
         (n_active_ <= 1 ? kRetToBase : 0) | (n_active_ ? active_order_[n_active_ - 1] : 0u);
}

uint32_t SystemControl::shcsr() const {
  uint32_t v = shcsr_ & kShcsrEnables;
  for (const ShcsrBit& b : kShcsrState)
    if (b.pended ? pending_[b.exception] : active_[b.exception]) v |= 1u << b.bit;
  return v;
}

void SystemControl::set_shcsr(uint32_t v) {
  shcsr_ = v & kShcsrEnables;
  for (const ShcsrBit& b : kShcsrState) {
    const bool on = (v >> b.bit) & 1;
    if (b.pended) set_pending_bit(b.exception, on);
    else set_active(b.exception, on);
  }
}

// CCSIDR for the cache CSSELR selects (Cortex-M7 TRM): WT, WB, RA, WA supported; 32-byte lines;
// instruction cache 2-way, data cache 4-way.
uint32_t SystemControl::ccsidr() const {
  const bool instruction = csselr_ & 1;
  const uint32_t bytes = instruction ? config_.icache_bytes : config_.dcache_bytes;
  const uint32_t ways = instruction ? 2 : 4;
  if (bytes == 0) return 0;
  const uint32_t sets = bytes / (ways * 32);
  return 0xF0000000u | ((sets - 1) << 13) | ((ways - 1) << 3) | 1;
}

uint32_t SystemControl::bytes_of(const uint8_t* prio) const {
  return uint32_t(prio[0]) | uint32_t(prio[1]) << 8 | uint32_t(prio[2]) << 16 | uint32_t(prio[3]) << 24;
}

// Priority bytes: only the implemented high-order bits of each byte hold a value (B1.5.4).
void SystemControl::set_bytes(uint8_t* prio, uint32_t value, uint32_t lanes, uint32_t writable_lanes) {
  const uint8_t implemented = uint8_t(0xFF00u >> config_.priority_bits);
  for (unsigned k = 0; k < 4; ++k)
    if ((lanes & writable_lanes) >> (8 * k) & 0xFF) prio[k] = uint8_t(value >> (8 * k)) & implemented;
}

// ---------------------------------------------------------------- NVIC: 0xE000E100-0xE000E4EF (B3.4.3)

uint32_t SystemControl::irq_word_bits(const bool* bits, unsigned word) const {
  uint32_t value = 0;
  for (unsigned b = 0; b < 32 && 32 * word + b < 240; ++b) value |= uint32_t(bits[32 * word + b]) << b;
  return value;
}

uint32_t SystemControl::nvic_read(uint32_t off) const {
  const unsigned group = (off - 0x100) / 0x80, word = (off & 0x7F) / 4;
  switch (group) {
    case 0: case 1: return irq_word_bits(enabled_irq_, word);              // ISER, ICER
    case 2: case 3: return irq_word_bits(pending_ + kExcFirstIrq, word);   // ISPR, ICPR
    case 4: return irq_word_bits(active_ + kExcFirstIrq, word);            // IABR
    case 6: case 7: return off < 0x4F0 ? bytes_of(ipr_ + (off - 0x400)) : 0;  // IPR
    default: return 0;
  }
}

void SystemControl::nvic_write(uint32_t off, uint32_t value, uint32_t lanes) {
  const unsigned group = (off - 0x100) / 0x80, word = (off & 0x7F) / 4;
  if (group >= 6) {
    if (off < 0x4F0) set_bytes(ipr_ + (off - 0x400), value, lanes, ~0u);
    return;
  }
  const uint32_t v = value & lanes;
  for (unsigned b = 0; b < 32 && 32 * word + b < 240; ++b) {
    if (!((v >> b) & 1)) continue;
    const unsigned irq = 32 * word + b;
    switch (group) {
      case 0: enabled_irq_[irq] = true; break;
      case 1: enabled_irq_[irq] = false; break;
      case 2: set_pending(uint16_t(kExcFirstIrq + irq)); break;
      case 3: clear_pending(uint16_t(kExcFirstIrq + irq)); break;
      default: break;  // IABR is read-only
    }
  }
}

// ---------------------------------------------------------------- SysTick: 0xE000E010-0xE000E01F (B3.3)

uint32_t SystemControl::systick_read(uint32_t off) {
  switch (off) {
    case 0x010: {
      const uint32_t v = syst_csr_;
      syst_csr_ &= ~kSystCountFlag;  // COUNTFLAG clears on read
      return v;
    }
    case 0x014: return syst_rvr_;
    case 0x018: return syst_cvr_;
    case 0x01C: return (config_.systick_ref_divider ? 0 : 1u << 31) | (1u << 30);  // NOREF, SKEW; TENMS unknown
    default: return 0;
  }
}

void SystemControl::systick_write(uint32_t off, uint32_t value, uint32_t lanes) {
  switch (off) {
    case 0x010:
      store(syst_csr_, value, lanes, config_.systick_ref_divider ? 7 : 3);  // ENABLE, TICKINT, CLKSOURCE
      return;
    case 0x014: return store(syst_rvr_, value, lanes, 0x00FFFFFF);
    case 0x018:  // any write clears the counter and COUNTFLAG; the next tick reloads
      syst_cvr_ = 0;
      syst_csr_ &= ~kSystCountFlag;
      return;
    default: return;
  }
}

// B3.3.1: on each tick an enabled counter decrements; reaching zero sets COUNTFLAG and, with TICKINT, pends
// SysTick; the tick after zero reloads SYST_RVR (a reload value of 0 stops the counter at zero).
// Exactly t steps of that machine, so t = a + b in one call is a calls then b (COUNTFLAG and the pending bit only
// ever get set here, and setting twice is setting once).
void SystemControl::systick_ticks(uint64_t t) const {
  if (t == 0) return;
  if (syst_cvr_ == 0) {
    if (syst_rvr_ == 0) return;
    syst_cvr_ = syst_rvr_;
    --t;
  }
  if (t < syst_cvr_) {
    syst_cvr_ -= uint32_t(t);
    return;
  }
  t -= syst_cvr_;
  syst_cvr_ = 0;
  syst_csr_ |= kSystCountFlag;
  if (syst_csr_ & kSystTickInt) pending_[kExcSysTick] = true;
  if (syst_rvr_ == 0) return;
  t %= uint64_t(syst_rvr_) + 1;  // whole periods end at zero again: nothing new to record
  if (t) syst_cvr_ = syst_rvr_ + 1 - uint32_t(t);
}

// Counts the cycles since the last catch-up. Each piece composes: CYCCNT adds modulo 2^32; the reference clock
// gives floor((phase + a) / d) ticks then floor(((phase + a) mod d + b) / d), which sum to floor((phase + a + b) / d)
// with the same phase left over; systick_ticks composes (above).
void SystemControl::count_elapsed() const {
  const uint64_t cycles = cycles_ - counted_to_;
  counted_to_ = cycles_;
  if ((demcr_ & kDemcrTrcena) && (dwt_ctrl_ & kDwtCycCntEna)) dwt_cyccnt_ += uint32_t(cycles);
  if (!(syst_csr_ & kSystEnable)) return;
  if (syst_csr_ & kSystClkSource) return systick_ticks(cycles);
  systick_phase_ += cycles;  // the reference clock ticks once every systick_ref_divider core cycles
  systick_ticks(systick_phase_ / config_.systick_ref_divider);
  systick_phase_ %= config_.systick_ref_divider;
}

uint64_t SystemControl::cycles_to_next_event() const {
  constexpr uint64_t kNever = std::numeric_limits<uint64_t>::max();
  catch_up();
  if ((syst_csr_ & (kSystEnable | kSystTickInt)) != (kSystEnable | kSystTickInt)) return kNever;
  const uint64_t ticks = syst_cvr_ ? syst_cvr_ : syst_rvr_ ? uint64_t(syst_rvr_) + 1 : 0;
  if (ticks == 0) return kNever;
  if (syst_csr_ & kSystClkSource) return ticks;
  return ticks * config_.systick_ref_divider - systick_phase_;
}

// ---------------------------------------------------------------- DWT: 0xE0001000-0xE0001FFF (C1.8)

uint32_t SystemControl::dwt_read(uint32_t off) const {
  switch (off) {
    case 0x000: return dwt_ctrl_;
    case 0x004: return dwt_cyccnt_;
    case 0xFB4: return model_ == CoreModel::kCortexM7 ? (dwt_locked_ ? 3u : 1u) : 0u;  // LSR: SLI, SLK
    default: return 0;  // the other counters, PCSR, comparators, ID registers: not modelled
  }
}

void SystemControl::dwt_write(uint32_t off, uint32_t value, uint32_t lanes) {
  if (off == 0xFB0) {  // LAR: the key unlocks, any other value locks (Cortex-M7 only)
    if (model_ == CoreModel::kCortexM7) dwt_locked_ = !(lanes == ~0u && value == kLarKey);
    return;
  }
  if (dwt_locked_) return;
  if (off == 0x000) store(dwt_ctrl_, value, lanes, kDwtCtrlWritable);
  if (off == 0x004) store(dwt_cyccnt_, value, lanes, ~0u);
}

// ---------------------------------------------------------------- faults and exception state

void SystemControl::record_fault(const Fault& f) {
  cfsr_ |= kFaultInfo[size_t(f.kind)].cfsr;
  if (f.kind == FaultKind::kPreciseErr && f.address_valid) {
    bfar_ = f.address;
    cfsr_ |= kCfsrBfarValid;
  }
  if (f.kind == FaultKind::kBreakpoint) {
    dfsr_ |= kDfsrBkpt;
    if (!(demcr_ & kDemcrMonEn)) hfsr_ |= kHfsrDebugEvt;  // no debugger, no monitor: escalates to HardFault
  }
}

uint16_t SystemControl::fault_exception(FaultKind k) const {
  const uint16_t exc = kFaultInfo[size_t(k)].exception;
  return enabled(exc) ? exc : uint16_t(kExcHardFault);
}

void SystemControl::escalate_to_hardfault() { hfsr_ |= kHfsrForced; }

void SystemControl::set_pending(uint16_t exc) {
  catch_up();
  pending_[exc] = true;
}

void SystemControl::clear_pending(uint16_t exc) {
  catch_up();  // a SysTick count that reached zero before now is cleared too, as it would have been when counted
  pending_[exc] = false;
}

void SystemControl::set_active(uint16_t exc, bool a) {
  if (active_[exc] == a) return;
  active_[exc] = a;
  if (a) {
    active_order_[n_active_++] = exc;
    return;
  }
  uint16_t* end = active_order_ + n_active_;
  std::remove(active_order_, end, exc);
  --n_active_;
}

bool SystemControl::any_active_except(uint16_t exc) const { return n_active_ > (active_[exc] ? 1u : 0u); }

int SystemControl::priority(uint16_t exc) const {
  if (exc <= kExcHardFault) return int(exc) - 4;  // Reset -3, NMI -2, HardFault -1
  return exc < kExcFirstIrq ? shpr_[exc - 4] : ipr_[exc - kExcFirstIrq];
}

int SystemControl::group_priority(uint16_t exc) const {
  const int p = priority(exc);
  return p < 0 ? p : int(uint32_t(p) & (0xFFu << (aircr_prigroup_ + 1)) & 0xFF);
}

// Whether a pending exception can be taken at all (B1.5.4): faults need their SHCSR enable, DebugMonitor
// DEMCR.MON_EN, interrupts their NVIC enable; reserved numbers never.
bool SystemControl::enabled(uint16_t exc) const {
  switch (exc) {
    case kExcReset: case kExcNmi: case kExcHardFault: case kExcSvCall: case kExcPendSv: case kExcSysTick: return true;
    case kExcMemManage: case kExcBusFault: case kExcUsageFault: return shcsr_ & (1u << (16 + exc - kExcMemManage));
    case kExcDebugMonitor: return demcr_ & kDemcrMonEn;
    default: return exc >= kExcFirstIrq && enabled_irq_[exc - kExcFirstIrq];
  }
}

uint16_t SystemControl::pending_exception() const {
  catch_up();
  uint16_t best = 0;
  for (uint16_t e = 1; e < kMaxExceptions; ++e)
    if (pending_[e] && enabled(e) && (best == 0 || priority(e) < priority(best))) best = e;
  return best;
}

}  // namespace mcuprof
