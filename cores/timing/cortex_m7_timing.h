// Cortex-M7 timing: the 6-stage in-order dual-issue pipeline as a scoreboard. Each instruction gets an issue
// cycle = the latest of (the previous instruction's issue cycle, +0 when the pair may dual-issue, else +1),
// (the cycles at which its source registers are ready, given the producers' latencies) and (structural
// limits: store buffer, divider, fetch). In order: a younger instruction never issues before an older one.
// Facts: /work/shared/reference/cortex-m-timing.md ("Cortex-M7"), which summarises jnk0le's DWT measurements
// on an STM32H743 (github.com/jnk0le/random, "pipeline cycle test/doc/cortex_m7.md", cited below as [MEAS]).
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "cores/timing/branch_predictor.h"
#include "cores/timing/instruction_class.h"
#include "cores/timing/timing_model.h"

namespace mcuprof {

class Decoder;
struct Inst;
struct MemAccess;

struct CortexM7Params {
  // Not published by Arm (reference: "BTAC size: not public; make it a board/core parameter"); 64 entries is an
  // assumption of this model, to be set per board. 0 = static prediction only.
  unsigned btac_entries = 64;
  // [MEAS] "unaligned stores execute without any stalls until store buffer clogs up (5 consecutive stores)".
  unsigned store_buffer_entries = 4;
};

class CortexM7Timing final : public TimingModel {
 public:
  CortexM7Timing(const Decoder& decoder, MemoryTiming& memory, CortexM7Params params = {});
  ~CortexM7Timing() override;

  uint64_t retire(const StepRecord& r, CycleSplit& into) override;
  CycleSplit exception_entry() override;
  CycleSplit exception_return() override;
  void sleep(uint64_t cycles) override { now_ += cycles; }
  void reset() override;

  // Which producer a register's value comes from, for the latency table (cortex_m7_timing.cpp).
  enum class Producer : uint8_t { kEarlyAlu, kLateAlu, kDsp, kLoadWord, kLoadSub, kMul, kDiv, kFromFp, kCount };
  enum class FpProducer : uint8_t { kArith, kFma, kMla, kLoad, kFromCore, kDiv, kSqrt, kCount };

  // What the model knows about each encoding beyond its InstClass (derived from its name and pattern).
  struct Traits {
    InstClass cls = InstClass::kUndefined;
    bool early_alu = false;      // ADD/SUB/MOV/shift-by-immediate: may run in the early ALU
    bool register_form = false;  // "(register)" data processing: Rm may be shifted (an EX1 operand)
    bool compare = false;        // CMP/CMN/TST/TEQ: set the flags without the S bit
    bool conditional = false;    // CBZ/CBNZ (B<c> is conditional by its cond field)
    bool movt = false;           // MOVT: pairs with a MOVW writing the same register [MEAS]
    bool exclusive_store = false;  // STREX*: issues alone
    bool fused = false;          // VFMA/VFMS/VFNMA/VFNMS (else VMLA...): latencies differ
    bool fp_reads_n = false;     // FP data processing with a Vn operand
    bool fp_reads_m = false;     // ... with a Vm operand
    bool fp_reads_d = false;     // Vd is a source (VCMP, VCVT fixed-point, the accumulator of VMLA/VFMA)
    bool fp_writes_d = false;    // Vd is written (all but VCMP)
  };

 private:
  struct RegState {
    uint64_t at = 0;                       // issue cycle of the producer
    Producer by = Producer::kLateAlu;
  };
  struct FpRegState {
    uint64_t at = 0;
    FpProducer by = FpProducer::kArith;
  };
  struct Op;  // one instruction, as the scoreboard sees it
  struct OpSummary {   // what pairing needs of the previous instruction
    uint16_t groups = 0;
    uint32_t addr = 0;
  };
  struct CachedOp;     // a describe() result and the inputs it was computed from (see op_for)

  Op describe(const StepRecord& r) const;
  const Op& op_for(const StepRecord& r);
  void core_operands(const StepRecord& r, Op& op) const;
  void fp_operands(const Inst& i, Op& op) const;
  void issue_shape(const StepRecord& r, Op& op) const;
  void pairing(Op& op) const;
  void list_sources(Op& op) const;
  unsigned issue_cycles(const StepRecord& r, const Op& op) const;
  bool can_pair(const OpSummary& older, const Op& younger, uint32_t younger_addr) const;
  void fetch(const StepRecord& r, uint64_t& earliest, Cause& why);
  void wait_for_sources(const Op& op, uint64_t& earliest, Cause& why) const;
  bool sources_early(const Op& op, uint64_t issue) const;
  void drain_store(const MemAccess& a, uint64_t issue);
  void write_results(const Op& op, uint64_t issue, bool early);
  uint32_t branch_penalty(const StepRecord& r, const Op& op, uint64_t issue, bool& pair_target);

  const Decoder& decoder_;
  MemoryTiming& memory_;
  const CortexM7Params params_;
  std::vector<Traits> traits_;
  BranchPredictor predictor_;
  std::vector<CachedOp> ops_;   // direct-mapped by PC (op_for)

  // The clock starts late enough that every register reads as produced long ago (the scoreboard's default
  // entries are "issued at cycle 0"); only differences of cycles are reported.
  static constexpr uint64_t kStart = 64;
  uint64_t now_ = kStart;      // the next instruction that does not pair issues at now_ or later
  uint64_t last_issue_ = kStart;   // issue cycle of the previous instruction
  bool slot_open_ = false;     // the previous instruction issued as the older of a pair that may still take one
  OpSummary last_;
  std::array<RegState, 16> regs_{};
  std::array<FpRegState, 32> fp_regs_{};
  bool returning_ = false;     // the retiring instruction's PC write was an exception return
  uint64_t flags_at_ = 0;      // issue cycle of the last flag-setting instruction
  uint64_t div_free_ = 0;      // the integer divider is free from this cycle on
  std::vector<uint64_t> store_done_;   // drain-end cycle of each store buffer entry, as a ring
  size_t store_next_ = 0;
  uint64_t drain_free_ = 0;            // the store buffer's port is free from this cycle on
  std::array<uint64_t, 2> bank_free_{};  // even/odd word bank free for the next read-modify-write
  uint32_t fetch_block_ = ~0u;         // the 64-bit block the last instruction came from
  uint64_t fetch_free_ = kStart;       // the fetch unit can start its next read at this cycle
};

}  // namespace mcuprof
