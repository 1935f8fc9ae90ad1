// The System Control Space (ARMv7-M ARM B3.2-B3.4, C1.8): SCB, SysTick, NVIC, DWT, FPU control
// registers, as a bus device, plus the exception bookkeeping the core needs (pending, active, priority).
//
// Access rules (documented choices):
// - Reserved and unimplemented PPB addresses (ITM, FPB, TPIU, ETM, ROM table, MPU, reserved SCS words) read as
//   zero and ignore writes: the v7-M ARM makes reserved SCS registers UNK/SBZP and components that are absent
//   RES0, so RAZ/WI is the conservative reading. The MPU reads as absent (MPU_TYPE.DREGION = 0).
// - An access that is not naturally aligned is refused (a bus fault): the SCS does not support unaligned
//   accesses. Byte and halfword accesses are accepted for every register (the manual defines them for SHPR,
//   NVIC_IPR and CFSR; elsewhere they are UNPREDICTABLE and this model treats them as the same lanes of a word).
// - Unprivileged accesses are not checked here (they should be BusFaults, B3.2.1).
// - AIRCR.SYSRESETREQ is recorded (reset_requested()) but does not reset anything; VECTRESET and
//   VECTCLRACTIVE are debug-only (UNPREDICTABLE from software) and ignored.
// - DWT: only CTRL and CYCCNT are modelled (the other profiling counters, PC sampling and comparators are
//   RAZ/WI). On the Cortex-M7 the DWT software lock (DWT_LAR/DWT_LSR) is implemented and locked at reset:
//   writes to the DWT are ignored until 0xC5ACCE55 is written to DWT_LAR, as on STM32F7 parts. The Cortex-M4
//   has no such lock (DWT_LSR reads 0).
// - Cache maintenance operations (0xE000EF50-0xE000EF78) change nothing here (the functional model has no
//   caches; the cache ID registers describe the configured caches); they are passed to on_cache_op, which a
//   timing model with caches connects.
#pragma once
#include <cstdint>
#include <functional>

#include "cores/fault.h"
#include "memory/bus.h"

namespace mcuprof {

enum class CoreModel : uint8_t { kCortexM4, kCortexM7 };

// Exception numbers (B1.5.2).
enum ExceptionNumber : uint16_t {
  kExcReset = 1, kExcNmi = 2, kExcHardFault = 3, kExcMemManage = 4, kExcBusFault = 5, kExcUsageFault = 6,
  kExcSvCall = 11, kExcDebugMonitor = 12, kExcPendSv = 14, kExcSysTick = 15, kExcFirstIrq = 16,
};
constexpr unsigned kMaxExceptions = 16 + 240;

// The cache maintenance registers (ARMv7-M ARM B2.2.7, Table B2-1), numbered by their word offset from
// 0xE000EF50 (0xE000EF54 is reserved). Each write carries a set/way or an address (MVA) operand.
enum class CacheOp : uint8_t {
  kIcIallu = 0, kIcImvau = 2, kDcImvac = 3, kDcIsw = 4, kDcCmvau = 5, kDcCmvac = 6, kDcCsw = 7,
  kDcCimvac = 8, kDcCisw = 9, kBpIall = 10,
};

// What the board says about the core's configuration options (the ID registers and NVIC follow it).
struct ScsConfig {
  uint8_t fp_features = 0;        // Feature bits (cores/isa/inst.h): selects MVFR0-2; 0 = no FPU (CPACR CP10/11 RAZ)
  uint32_t icache_bytes = 0;      // L1 instruction cache (Cortex-M7), 0 = none
  uint32_t dcache_bytes = 0;      // L1 data cache (Cortex-M7), 0 = none
  uint32_t itcm_bytes = 0;        // ITCM size reported by ITCMCR (Cortex-M7)
  uint32_t dtcm_bytes = 0;        // DTCM size reported by DTCMCR (Cortex-M7)
  unsigned priority_bits = 4;     // implemented priority bits (STM32F4/F7: 4); the low bits are RAZ/WI
  unsigned systick_ref_divider = 8;  // SysTick reference clock = core clock / this (STM32: HCLK/8); 0 = none
  // STM32 defaults: the M4 of the F446 (FPv4-SP, no caches), the M7 of the F746 (FPv5-SP, 4 KB caches).
  static ScsConfig defaults(CoreModel m);
};

class SystemControl final : public Device {
 public:
  // 0xE000E000-0xE000EFFF is the SCS proper; DWT (0xE0001000) and the debug registers are separate
  // devices on the bus but share this object's state; map this device at kBase with size kSize.
  static constexpr uint32_t kBase = 0xE0000000;
  static constexpr uint32_t kSize = 0x00100000;  // the PPB: ITM, DWT, FPB, SCS, debug

  SystemControl(CoreModel model, uint32_t cpuid);   // with ScsConfig::defaults(model)
  SystemControl(CoreModel model, uint32_t cpuid, const ScsConfig& config);
  bool read(uint32_t offset, unsigned size, uint32_t& value) override;
  bool write(uint32_t offset, unsigned size, uint32_t value) override;

  // --- what the core asks ---
  uint32_t vtor() const { return vtor_; }
  uint32_t ccr() const { return ccr_; }   // CCR (B3.2.8; on the Cortex-M7 also IC, bit 17, and DC, bit 16)
  bool unalign_trp() const { return ccr_ & (1u << 3); }
  bool div_0_trp() const { return ccr_ & (1u << 4); }
  bool stkalign() const { return ccr_ & (1u << 9); }
  uint32_t cpacr() const { return cpacr_; }
  uint32_t fpccr() const { return fpccr_; }
  void set_fpccr(uint32_t v) { fpccr_ = v; }
  uint32_t fpcar() const { return fpcar_; }
  void set_fpcar(uint32_t v) { fpcar_ = v; }
  uint32_t fpdscr() const { return fpdscr_; }
  unsigned prigroup() const { return aircr_prigroup_; }   // AIRCR.PRIGROUP
  bool reset_requested() const { return reset_requested_; }  // AIRCR.SYSRESETREQ was written
  const ScsConfig& config() const { return config_; }
  // Hears every write to a cache maintenance register (operation, value written); unset by default.
  std::function<void(CacheOp, uint32_t)> on_cache_op;
  // Hears a write to CCR that changes IC or DC (Cortex-M7 cache enables); unset by default.
  std::function<void()> on_cache_enable;

  // Records a fault's cause in CFSR/HFSR and its address in BFAR/MMFAR (B3.2.15-B3.2.18).
  void record_fault(const Fault& f);
  // The exception a fault of this kind raises if enabled in SHCSR, else HardFault (B1.5.8). A BKPT that is not
  // semihosting is a debug event: DebugMonitor when DEMCR.MON_EN, else HardFault (no debugger, C1.7).
  // Escalation by priority (a fault at or above its handler's priority) is the caller's business.
  uint16_t fault_exception(FaultKind k) const;
  void escalate_to_hardfault();  // sets HFSR.FORCED

  // Exception state (B1.5.4): pending and active bits, priorities from SHPR1-3 and NVIC_IPR.
  void set_pending(uint16_t exc);
  void clear_pending(uint16_t exc);
  bool is_pending(uint16_t exc) const {
    catch_up();
    return pending_[exc];
  }
  void set_active(uint16_t exc, bool a);
  bool is_active(uint16_t exc) const { return active_[exc]; }
  int priority(uint16_t exc) const;            // -3 reset, -2 NMI, -1 HardFault, else the configured value
  int group_priority(uint16_t exc) const;      // priority with PRIGROUP's subpriority bits removed
  // Highest-priority pending exception (lowest number wins ties) that is enabled, or 0 when none.
  uint16_t pending_exception() const;
  bool any_active_except(uint16_t exc) const;  // for RETTOBASE and return-to-thread checks

  // --- time: the core reports elapsed cycles (instructions until a timing model exists) ---
  // Called as instructions complete (one by one, or a functional run's at once), so it only moves the clock.
  // The counters that run with it (SysTick, DWT CYCCNT) are counted lazily: every method that can observe them
  // or the pending bits, and every register access, first catches them up over the cycles elapsed since, with
  // the configuration in force until then. That gives the same results as counting at every advance because
  // counting is composable: counting a cycles then b cycles leaves the same state as counting a + b (see
  // count_elapsed).
  uint64_t advance(uint64_t cycles) { return cycles_ += cycles; }   // the new count
  // Cycles until SysTick would next pend its exception, or UINT64_MAX when it cannot: WFI sleeps that long.
  uint64_t cycles_to_next_event() const;
  uint64_t cycles() const { return cycles_; }

 private:
  bool enabled(uint16_t exc) const;
  uint32_t read_word(uint32_t offset);
  void write_word(uint32_t offset, uint32_t value, uint32_t lanes);
  uint32_t scs_read(uint32_t off);                              // off from 0xE000E000
  void scs_write(uint32_t off, uint32_t value, uint32_t lanes);
  uint32_t scb_read(uint32_t off);                              // 0xE000ED00-0xE000EDFF
  void scb_write(uint32_t off, uint32_t value, uint32_t lanes);
  uint32_t nvic_read(uint32_t off) const;                       // 0xE000E100-0xE000E4EF
  void nvic_write(uint32_t off, uint32_t value, uint32_t lanes);
  uint32_t dwt_read(uint32_t off) const;                        // off from 0xE0001000
  void dwt_write(uint32_t off, uint32_t value, uint32_t lanes);
  uint32_t systick_read(uint32_t off);
  void systick_write(uint32_t off, uint32_t value, uint32_t lanes);
  // Brings the counters up to cycles_ (cheap when already there: the common case for back-to-back queries).
  void catch_up() const {
    if (counted_to_ != cycles_) count_elapsed();
  }
  void count_elapsed() const;
  void systick_ticks(uint64_t ticks) const;
  uint32_t icsr() const;
  uint32_t shcsr() const;
  void set_shcsr(uint32_t v);
  uint32_t bytes_of(const uint8_t* prio) const;
  void set_bytes(uint8_t* prio, uint32_t value, uint32_t lanes, uint32_t writable_lanes);
  uint32_t ccsidr() const;
  void set_pending_bit(uint16_t exc, bool p) { if (p) set_pending(exc); else clear_pending(exc); }
  uint32_t irq_word_bits(const bool* bits, unsigned word) const;

  CoreModel model_;
  uint32_t cpuid_;
  ScsConfig config_;
  uint32_t vtor_ = 0, ccr_ = 0x200, cpacr_ = 0, aircr_prigroup_ = 0;
  uint32_t scr_ = 0, actlr_ = 0, csselr_ = 0, itcmcr_ = 0, dtcmcr_ = 0;
  uint32_t shcsr_ = 0, cfsr_ = 0, hfsr_ = 0, dfsr_ = 0, mmfar_ = 0, bfar_ = 0;
  bool reset_requested_ = false;
  uint8_t shpr_[12] = {};     // SHPR1-3: priorities of exceptions 4-15
  uint8_t ipr_[240] = {};     // NVIC_IPR: priorities of IRQ 0-239
  bool enabled_irq_[240] = {};
  // mutable: the counters catch up in const queries, and reaching zero pends SysTick (pending_[kExcSysTick]).
  mutable bool pending_[kMaxExceptions] = {};
  bool active_[kMaxExceptions] = {};
  uint16_t active_order_[kMaxExceptions] = {};  // active exceptions in activation order: the last is VECTACTIVE
  unsigned n_active_ = 0;
  uint32_t fpccr_ = 0xC0000000, fpcar_ = 0, fpdscr_ = 0;  // ASPEN and LSPEN set at reset (B3.2.20)
  // SysTick (B3.3): CSR, RVR, CVR, and DWT (C1.8): CTRL, CYCCNT, DEMCR.TRCENA, LAR.
  // The fields marked mutable are a cache of a function of cycles_ (and of the register writes in between): the
  // queries that catch them up are logically const.
  mutable uint32_t syst_csr_ = 0;  // COUNTFLAG (bit 16) is set by counting
  uint32_t syst_rvr_ = 0;
  mutable uint32_t syst_cvr_ = 0;
  mutable uint64_t systick_phase_ = 0;  // core cycles counted towards the next reference-clock tick
  uint32_t dwt_ctrl_ = 0x40000000, demcr_ = 0;
  mutable uint32_t dwt_cyccnt_ = 0;
  bool dwt_locked_ = false;
  uint64_t cycles_ = 0;
  mutable uint64_t counted_to_ = 0;  // the value of cycles_ the counters above are up to date with
};

}  // namespace mcuprof
