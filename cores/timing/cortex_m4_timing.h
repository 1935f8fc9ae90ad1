// Cortex-M4 timing: a 3-stage, single-issue pipeline (Cortex-M4 TRM, ARM DDI 0439). Cycles of each retired
// instruction come from the TRM's cycle table per instruction class (table 3-1, FPU table 7-1), the load/store
// pipelining rules of TRM 3.3.2, pipeline refills after taken branches, and the waits of the board's memory
// (MemoryTiming), each cycle attributed to one Cause. Facts and their sources: shared/reference/cortex-m-timing.md
// and the comments in cortex_m4_timing.cpp.
#pragma once
#include <cstdint>
#include <vector>

#include "cores/timing/instruction_class.h"
#include "cores/timing/timing_model.h"

namespace mcuprof {

class Decoder;
class MemoryTiming;
struct CpuState;

class CortexM4Timing final : public TimingModel {
 public:
  // regs: the core's registers, read after each instruction for the operand-dependent divide time (the
  // quotient); without them a divide takes the TRM's worst case.
  CortexM4Timing(const Decoder& decoder, MemoryTiming& memory, const CpuState* regs = nullptr);

  uint64_t retire(const StepRecord& r, CycleSplit& into) override;
  CycleSplit exception_entry() override;
  CycleSplit exception_return() override;
  void reset() override;

  uint64_t now() const { return now_; }   // cycles retired so far
  void sleep(uint64_t cycles) override { now_ += cycles; }

  // What the model needs of each decoder encoding beyond its class, derived once from the table.
  struct EncodingTiming {
    InstClass cls = InstClass::kUndefined;
    bool reg_offset = false;     // load/store addressed by base + index register ("(register)" forms)
    bool fp_double = false;      // operates on D registers
    bool fp_reads_n = false;     // FP data processing with an Sn/Dn source (the pattern has an n field)
    bool fp_reads_m = false;     // ... with an Sm/Dm source
    bool fp_writes_d = false;    // one-cycle FP operation writing Sd/Dd (VCMP writes only FPSCR flags)
    bool isb = false;            // ISB: its barrier time is a pipeline refill
    uint8_t extra = 0;           // extra issue cycles of the form (VMOV of two core registers)
  };

 private:
  enum class Refill : uint8_t { kNone, kEarly, kLate };

  // What the next instruction's timing depends on.
  struct Previous {
    uint16_t written = 0;        // core registers the instruction wrote
    bool from_memory = false;    // a load: the registers it wrote came from memory
    bool load = false;           // a single load that the next load/store can pipeline with (TRM 3.3.2)
    bool one_cycle_store = false;  // a store whose data phase overlaps the next instruction
    bool narrow = false;         // a 16-bit instruction that did not branch: an IT can fold onto it
    uint64_t fp_result = 0;      // S registers written by a one-cycle FP instruction (bit n = Sn)
    uint16_t fp_core_result = 0; // core registers written by a one-cycle FP transfer (VMOV, VMRS)
  };

  unsigned base_cycles(const StepRecord& r, const EncodingTiming& e) const;
  unsigned divide_cycles(const StepRecord& r) const;
  unsigned refill_cycles(const StepRecord& r) const;
  unsigned address_stall(const StepRecord& r, const EncodingTiming& e) const;
  unsigned fp_result_stall(const StepRecord& r, const EncodingTiming& e) const;
  void add_fetch_waits(const StepRecord& r, CycleTally& s);
  void add_data_timing(const StepRecord& r, CycleTally& s);
  void wait_until(uint64_t ready, Cause cause, CycleTally& s) const;
  void remember(const StepRecord& r, const EncodingTiming& e);
  void finish(const CycleTally& s);
  void cycles_of(const StepRecord& r, CycleTally& s);   // retire's charges

  std::vector<EncodingTiming> enc_;
  MemoryTiming& memory_;
  const CpuState* regs_;

  uint64_t now_ = 0;
  Previous prev_{};
  Refill refill_ = Refill::kNone;       // refill owed by the next instruction (the branch target)
  bool returning_ = false;              // the retiring instruction's PC write was an exception return
  uint32_t fetched_word_ = 1;           // last 32-bit block fetched (odd: none, after a branch)
  uint64_t write_buffer_until_ = 0;     // the 1-entry write buffer drains at this cycle
  Cause write_buffer_cause_ = Cause::kMemory;
  uint64_t fp_busy_until_ = 0;          // VDIV/VSQRT still computing (out of order with integer code)
};

}  // namespace mcuprof
