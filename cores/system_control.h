// The System Control Space (ARMv7-M ARM B3.2-B3.4, C1.8): SCB, SysTick, NVIC, DWT, FPU control
// registers, as a bus device, plus the exception bookkeeping the core needs (pending, active, priority).
#pragma once
#include <cstdint>

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

class SystemControl final : public Device {
 public:
  // 0xE000E000-0xE000EFFF is the SCS proper; DWT (0xE0001000) and the debug registers are separate
  // devices on the bus but share this object's state; map this device at kBase with size kSize.
  static constexpr uint32_t kBase = 0xE0000000;
  static constexpr uint32_t kSize = 0x00100000;  // the PPB: ITM, DWT, FPB, SCS, debug

  SystemControl(CoreModel model, uint32_t cpuid);
  bool read(uint32_t offset, unsigned size, uint32_t& value) override;
  bool write(uint32_t offset, unsigned size, uint32_t value) override;

  // --- what the core asks ---
  uint32_t vtor() const { return vtor_; }
  bool unalign_trp() const { return ccr_ & (1u << 3); }
  bool div_0_trp() const { return ccr_ & (1u << 4); }
  bool stkalign() const { return ccr_ & (1u << 9); }
  uint32_t cpacr() const { return cpacr_; }
  uint32_t fpccr() const { return fpccr_; }
  void set_fpccr(uint32_t v) { fpccr_ = v; }
  uint32_t fpcar() const { return fpcar_; }
  void set_fpcar(uint32_t v) { fpcar_ = v; }
  uint32_t fpdscr() const { return fpdscr_; }

  // Records a fault's cause in CFSR/HFSR and its address in BFAR/MMFAR (B3.2.15-B3.2.18).
  void record_fault(const Fault& f);
  // The exception a fault of this kind raises if enabled in SHCSR, else HardFault (B1.5.8).
  uint16_t fault_exception(FaultKind k) const;
  void escalate_to_hardfault();  // sets HFSR.FORCED

  // Exception state (B1.5.4): pending and active bits, priorities from SHPR1-3 and NVIC_IPR.
  void set_pending(uint16_t exc);
  void clear_pending(uint16_t exc);
  bool is_pending(uint16_t exc) const { return pending_[exc]; }
  void set_active(uint16_t exc, bool a) { active_[exc] = a; }
  bool is_active(uint16_t exc) const { return active_[exc]; }
  int priority(uint16_t exc) const;            // -3 reset, -2 NMI, -1 HardFault, else the configured value
  int group_priority(uint16_t exc) const;      // priority with PRIGROUP's subpriority bits removed
  // Highest-priority pending exception (lowest number wins ties) that is enabled, or 0 when none.
  uint16_t pending_exception() const;
  bool any_active_except(uint16_t exc) const;  // for RETTOBASE and return-to-thread checks

  // --- time: the core reports elapsed cycles (instructions until a timing model exists) ---
  void advance(uint64_t cycles);   // SysTick count-down (may pend SysTick), DWT CYCCNT
  // Cycles until SysTick would next pend its exception, or UINT64_MAX when it cannot: WFI sleeps that long.
  uint64_t cycles_to_next_event() const;
  uint64_t cycles() const { return cycles_; }

 private:
  CoreModel model_;
  uint32_t cpuid_;
  uint32_t vtor_ = 0, ccr_ = 0x200, cpacr_ = 0, aircr_prigroup_ = 0;
  uint32_t shcsr_ = 0, cfsr_ = 0, hfsr_ = 0, mmfar_ = 0, bfar_ = 0;
  uint8_t shpr_[12] = {};     // SHPR1-3: priorities of exceptions 4-15
  uint8_t ipr_[240] = {};     // NVIC_IPR: priorities of IRQ 0-239
  bool enabled_irq_[240] = {};
  bool pending_[kMaxExceptions] = {};
  bool active_[kMaxExceptions] = {};
  uint32_t fpccr_ = 0xC0000000, fpcar_ = 0, fpdscr_ = 0;  // ASPEN and LSPEN set at reset (B3.2.20)
  // SysTick (B3.3): CSR, RVR, CVR, and DWT (C1.8): CTRL, CYCCNT, DEMCR.TRCENA, LAR
  uint32_t syst_csr_ = 0, syst_rvr_ = 0, syst_cvr_ = 0;
  uint32_t dwt_ctrl_ = 0x40000000, dwt_cyccnt_ = 0, demcr_ = 0;
  uint64_t cycles_ = 0;
};

}  // namespace mcuprof
