// Cortex-M4 cycle model. Sources (tags as in shared/reference/cortex-m-timing.md):
// [TRM]   Cortex-M4 TRM (ARM DDI 0439): table 3-1 (cycles per instruction), 3.3.2 (load/store timings, the same
//         text as the Cortex-M3 TRM DDI 0337 3.3.2), table 7-1 (FPU).
// [MEAS]  jnk0le's DWT measurements on an STM32F407 (cortex_m3m4.md).
// [CMP]   compendium.i-0.nl "Branch timing" (DWT measurements on a Cortex-M4): a taken branch takes 2 cycles, 3
//         when its target is a 32-bit instruction at an odd halfword; a not-taken conditional branch 1.
// [TI]    TI SLAU356 (MSP432 Cortex-M4F TRM) 1.5.8: exception entry 12 cycles, return 12 cycles (zero wait).
//
// retire() runs once per simulated instruction: its helpers are [[gnu::always_inline]] because GCC otherwise
// keeps them as calls (inlining them made timed simulation on stm32f446re about 5% faster; BM_Inference).
#include "cores/timing/cortex_m4_timing.h"

#include <algorithm>
#include <bit>
#include <iterator>
#include <string_view>

#include "cores/core.h"
#include "cores/decoder/decoder.h"
#include "memory/memory_timing.h"

namespace mcuprof {
namespace {

using C = InstClass;

// [TRM] table 3-1 and table 7-1 at zero wait states, per class: cycles, plus one per 32-bit word transferred
// where the TRM says 1+N (N registers; .64 FP transfers count two words).
struct ClassTiming {
  uint8_t cycles;
  bool per_word;
};

constexpr ClassTiming kClassTiming[] = {
    /* kAlu */ {1, false},           // MOV, ADD, logic, compare, shifts: 1 (1+P when writing the PC)
    /* kBitfield */ {1, false},      // BFI/UBFX/SXT*/REV/CLZ/PKH: 1
    /* kSimd */ {1, false},          // parallel add/sub, saturate, SEL, USAD8: 1
    /* kMul */ {1, false},           // MUL and every DSP multiply: 1 (single-cycle 32x32 MAC on the M4)
    /* kMac */ {1, false},           // MLA, MLS, SMLAD...: 1
    /* kMulLong */ {1, false},       // SMULL, UMLAL, SMLALD...: 1
    /* kDiv */ {2, false},           // SDIV/UDIV: 2 to 12, see divide_cycles
    /* kLoad */ {2, false},          // LDR*: 2, one less when pipelined after a load (TRM 3.3.2)
    /* kStore */ {1, false},         // STR* immediate offset: 1 ("always one cycle", TRM 3.3.2); register offset +1
    /* kLoadDual */ {1, true},       // LDRD: 1+N = 3, not pipelined with neighbours (TRM 3.3.2)
    /* kStoreDual */ {1, true},      // STRD: 3
    /* kLoadMultiple */ {1, true},   // LDM/POP: 1+N (+P when loading the PC)
    /* kStoreMultiple */ {1, true},  // STM/PUSH: 1+N
    /* kBranch */ {1, false},        // B/BL/CBZ: 1, +P when taken
    /* kBranchReg */ {1, false},     // BX/BLX: 1+P
    /* kTableBranch */ {3, false},   // TBB/TBH: "two cycles for the load, one cycle for the add" + P (TRM 3.3.2)
    /* kIt */ {1, false},            // IT: 1, or 0 when folded (see retire)
    /* kHint */ {1, false},          // NOP, YIELD, SEV, PLD: 1
    /* kSleep */ {1, false},         // WFI/WFE: 1 + W (the wait is the machine's sleep, not this model's)
    /* kBarrier */ {1, false},       // DSB/DMB: 1 + B, B minimum 0 (plus write-buffer drain); ISB: 1 + refill
    /* kSystem */ {1, false},        // MRS/MSR/CPS: "1 or 2", the minimum taken; SVC/BKPT/UDF: 1 + exception
    /* kFpAlu */ {1, false},         // VADD/VSUB/VMUL/VABS/VNEG/VCMP/VCVT/VMOV: 1 (+1 if the next uses the result)
    /* kFpMac */ {3, false},         // VMLA/VFMA and negated forms: 3
    /* kFpDiv */ {1, false},         // VDIV: 14, issued in 1; later FP instructions wait (see retire)
    /* kFpSqrt */ {1, false},        // VSQRT: 14, as VDIV
    /* kFpLoad */ {1, true},         // VLDR: .32 2, .64 3
    /* kFpStore */ {1, true},        // VSTR: .32 2, .64 3
    /* kFpLoadMultiple */ {1, true},  // VLDM/VPOP: .32 1+N, .64 1+2N
    /* kFpStoreMultiple */ {1, true}, // VSTM/VPUSH: .32 1+N, .64 1+2N
    /* kFpTransfer */ {1, false},    // VMOV core<->S, VMRS, VMSR: 1; VMOV of two core registers 2 (extra)
    /* kUndefined */ {1, false},
};
static_assert(std::size(kClassTiming) == size_t(C::kUndefined) + 1, "one timing row per instruction class");

// [TRM] table 7-1: VDIV.F32 and VSQRT.F32 take 14 cycles.
constexpr unsigned kFpLongLatency = 14;
// [TRM] 3.3.2: a branch target from a register or memory costs "three cycles for the pipeline reload" (LDR PC,
// TBB/TBH); P is at most 3 (table 3-1 note: "P ranges from 1 to 3 depending on the alignment and width of the
// target instruction, and whether the processor manages to speculate the address early").
constexpr unsigned kLateRefill = 3;
// [TI] 1.5.8 / [TRM] "interrupt latency 12 cycles"; the return also takes 12 (the returned-to instruction is
// fetched in parallel with the unstacking).
constexpr unsigned kExceptionEntry = 12;
constexpr unsigned kExceptionReturn = 12;

bool is_fp(C c) { return c >= C::kFpAlu && c <= C::kFpTransfer; }
bool is_load(C c) {
  return c == C::kLoad || c == C::kLoadDual || c == C::kLoadMultiple || c == C::kFpLoad || c == C::kFpLoadMultiple;
}
bool addresses_memory(C c) {
  return (c >= C::kLoad && c <= C::kStoreMultiple) || c == C::kTableBranch ||
         (c >= C::kFpLoad && c <= C::kFpStoreMultiple);
}

// S registers covered by register r of an FP operation (D<n> is S<2n>, S<2n+1>), or by `words` consecutive
// S registers from r.
uint64_t fp_regs(unsigned r, bool dbl) { return dbl ? uint64_t(3) << (2 * r) : uint64_t(1) << r; }
uint64_t fp_words(unsigned first, unsigned words) {
  return words >= 64 ? ~uint64_t(0) : ((uint64_t(1) << words) - 1) << first;
}

unsigned words_transferred(const StepRecord& r) {
  unsigned w = 0;
  for (unsigned k = 0; k < r.n_access; ++k) w += (r.access[k].size + 3u) / 4u;
  return w;
}

// The cost of an unaligned access in extra bus transfers (shared/reference: +1 for a halfword-aligned word,
// +2 for a byte-aligned word, +1 for a byte-aligned halfword).
unsigned unaligned_cycles(const MemAccess& a) {
  if (a.size == 4) return (a.addr & 1) ? 2 : (a.addr & 2) ? 1 : 0;
  return (a.size == 2 && (a.addr & 1)) ? 1 : 0;
}

CortexM4Timing::EncodingTiming describe_encoding(const Encoding& e, InstClass cls) {
  const std::string_view name = e.name, pattern = e.pattern;
  CortexM4Timing::EncodingTiming t;
  t.cls = cls;
  // TBB/TBH address their table as base + index, like the register-offset loads.
  t.reg_offset = name.find("(register)") != std::string_view::npos || cls == C::kTableBranch;
  t.fp_double = (e.features & kFeatFpDp) != 0;
  const bool fp_data = cls == C::kFpAlu || cls == C::kFpMac || cls == C::kFpDiv || cls == C::kFpSqrt;
  t.fp_reads_n = fp_data && pattern.find('n') != std::string_view::npos;
  t.fp_reads_m = fp_data && pattern.find('m') != std::string_view::npos;
  t.fp_writes_d = cls == C::kFpAlu && !name.starts_with("VCMP");
  t.isb = name.starts_with("ISB");
  t.extra = name.find("two ARM core registers") != std::string_view::npos ? 1 : 0;   // [TRM] 7-1: VMOV 2
  return t;
}

}  // namespace

CortexM4Timing::CortexM4Timing(const Decoder& decoder, MemoryTiming& memory, const CpuState* regs)
    : memory_(memory), regs_(regs) {
  const std::vector<InstClass> classes = classify_encodings(decoder);
  enc_.reserve(classes.size());
  for (size_t k = 0; k < classes.size(); ++k)
    enc_.push_back(describe_encoding(decoder.encoding(uint16_t(k)), classes[k]));
}

void CortexM4Timing::reset() {
  now_ = 0;
  prev_ = {};
  refill_ = Refill::kNone;
  returning_ = false;
  fetched_word_ = 1;
  write_buffer_until_ = 0;
  fp_busy_until_ = 0;
}

CycleSplit CortexM4Timing::exception_entry() {
  CycleSplit out;
  CycleTally s{out};
  s.add(Cause::kException, kExceptionEntry);   // stacking and vector fetch, refill included
  refill_ = Refill::kNone;
  fetched_word_ = 1;
  prev_ = {};
  finish(s);
  return out;
}

CycleSplit CortexM4Timing::exception_return() {
  CycleSplit out;
  CycleTally s{out};
  s.add(Cause::kException, kExceptionReturn);  // unstacking, with the returned-to instruction fetched alongside
  prev_ = {};
  finish(s);
  returning_ = true;   // the instruction retiring next wrote EXC_RETURN: its refill is part of the return
  return out;
}

uint64_t CortexM4Timing::retire(const StepRecord& r, CycleSplit& into) {
  CycleTally s{into};
  cycles_of(r, s);
  return s.total;
}

[[gnu::always_inline]] inline void CortexM4Timing::cycles_of(const StepRecord& r, CycleTally& s) {
  static const EncodingTiming kUnknown{};   // not an encoding of the table (kNoEncoding): one cycle
  const EncodingTiming& e = r.inst->enc < enc_.size() ? enc_[r.inst->enc] : kUnknown;
  s.add(Cause::kBranch, refill_cycles(r));
  refill_ = Refill::kNone;
  add_fetch_waits(r, s);
  // A conditional instruction that fails still takes its issue cycle; B<c>/CBZ not taken: 1 [TRM] 3-1.
  if (!r.cond_passed) {
    s.add(Cause::kIssue, 1);
    prev_ = {};
    prev_.narrow = r.inst->len == 2;
    return finish(s);
  }
  if (is_fp(e.cls)) wait_until(fp_busy_until_, Cause::kInterlock, s);
  // [TRM] 3-1: "IT instructions can be folded onto a preceding 16-bit Thumb instruction": 0 cycles.
  if (e.cls == C::kIt && prev_.narrow) {
    prev_.narrow = false;
    return finish(s);
  }

  unsigned cycles = base_cycles(r, e);
  const bool dependent = address_stall(r, e) != 0;
  // [TRM] 3.3.2: a load followed by a load or store saves a cycle on the second one, unless its address
  // depends on the first one's result (a base written back by the first counts: [MEAS] pre/post-indexed
  // loads on one base do not chain). A one-cycle store has nothing left to save.
  if (prev_.load && (e.cls == C::kLoad || e.cls == C::kStore) && !dependent && cycles >= 2) --cycles;
  s.add(Cause::kIssue, 1);
  s.add(Cause::kMultiCycle, cycles - 1);
  // [TRM] 3.3.2: "Any load or store that generates an address dependent on the result of a preceding data
  // processing operation will stall the pipeline for an additional cycle" (no forwarding to the AGU; [MEAS]
  // "base address and offset must be available 1 cycle earlier").
  if (dependent) s.add(prev_.from_memory ? Cause::kLoadUse : Cause::kInterlock, 1);
  s.add(Cause::kInterlock, fp_result_stall(r, e));
  // [MEAS] "stores cannot be pipelined with following load instructions (adds extra cycle to store)".
  if (prev_.one_cycle_store && is_load(e.cls)) s.add(Cause::kMemory, 1);
  if (e.cls == C::kBarrier) wait_until(write_buffer_until_, write_buffer_cause_, s);   // DSB/DMB drain it
  add_data_timing(r, s);

  if (e.cls == C::kFpDiv || e.cls == C::kFpSqrt) fp_busy_until_ = now_ + s.total - 1 + kFpLongLatency;
  if (r.branched && !returning_) refill_ = e.cls == C::kBranch ? Refill::kEarly : Refill::kLate;
  // [TRM] 3-1: ISB's B "is equivalent to the number required for a pipeline refill".
  else if (e.isb) refill_ = Refill::kEarly;
  if (r.branched) fetched_word_ = 1;
  remember(r, e);
  finish(s);
}

[[gnu::always_inline]] inline unsigned CortexM4Timing::base_cycles(const StepRecord& r, const EncodingTiming& e) const {
  if (e.cls == C::kDiv) return divide_cycles(r);
  const ClassTiming& t = kClassTiming[size_t(e.cls)];
  unsigned c = t.cycles + e.extra + (t.per_word ? words_transferred(r) : 0);
  // [MEAS] "reg offset store execute in 2 cycles"; [TRM] 3.3.2: nothing pipelines after it.
  if (e.cls == C::kStore && e.reg_offset) ++c;
  return c;
}

// SDIV/UDIV: [TRM] 3-1 "2 to 12", ending early depending on the operands; the TRM gives no formula. ESTIMATE:
// the divider is taken to retire 3 quotient bits per cycle after 2 fixed cycles, so a quotient of q significant
// bits takes 2 + ceil(q / 3) cycles, capped at 12 (a 32-bit quotient: 2 + 11 -> 12). The quotient's significant
// bits equal the Cortex-R4 TRM's early-termination term clz(divisor) - clz(dividend) (+1) (DDI 0363G C.8), the
// quantity a leading-zero early-termination divider iterates over. Without the registers: the worst case.
unsigned CortexM4Timing::divide_cycles(const StepRecord& r) const {
  constexpr unsigned kFixed = 2, kBitsPerCycle = 3, kMax = 12;
  if (!regs_) return kMax;
  uint32_t q = regs_->r[r.inst->rd];
  const bool is_signed = r.inst->raw >> 20 == 0xFB9;   // SDIV T1: 111110111001...; UDIV: ...1011
  if (is_signed && int32_t(q) < 0) q = 0u - q;
  const unsigned bits = 32u - unsigned(std::countl_zero(q));
  return std::min(kMax, kFixed + (bits + kBitsPerCycle - 1) / kBitsPerCycle);
}

// P of the taken branch before this instruction. Rule: a target computed at decode (B, BL, CBZ/CBNZ, B<c>)
// is fetched early: P = 1, or 2 when the target is a 32-bit instruction at an odd halfword, which needs a second
// fetch [CMP]. A target from a register or memory (BX, BLX, LDR/POP/LDM PC, TBB/TBH, MOV/ADD PC) is known only
// at execute: P = 3, the TRM's "three cycles for the pipeline reload" (3.3.2).
[[gnu::always_inline]] inline unsigned CortexM4Timing::refill_cycles(const StepRecord& r) const {
  switch (refill_) {
    case Refill::kNone: return 0;
    case Refill::kEarly: return 1 + ((r.inst->len == 4 && (r.pc & 2)) ? 1 : 0);
    case Refill::kLate: return kLateRefill;
  }
  return 0;
}

// 1 when a base or index register was written by the instruction just before (a base written back counts, as
// [MEAS] found for pre/post-indexed loads; applied alike to LDM/STM/PUSH/POP writeback).
[[gnu::always_inline]] inline unsigned CortexM4Timing::address_stall(const StepRecord& r,
                                                                    const EncodingTiming& e) const {
  if (!addresses_memory(e.cls)) return 0;
  uint32_t regs = (1u << r.inst->rn) | (e.reg_offset ? 1u << r.inst->rm : 0);
  regs &= r.regs_read & 0x7FFFu;   // the PC (literal forms) is never a dependency
  return (regs & prev_.written) ? 1 : 0;
}

// [TRM] 7-1: one-cycle FP instructions take +1 when the next instruction uses their result.
[[gnu::always_inline]] inline unsigned CortexM4Timing::fp_result_stall(const StepRecord& r,
                                                                      const EncodingTiming& e) const {
  if (r.regs_read & prev_.fp_core_result) return 1;
  if (!prev_.fp_result) return 0;
  const Inst& i = *r.inst;
  uint64_t reads = 0;
  if (e.fp_reads_n) reads |= fp_regs(i.rn, e.fp_double);
  if (e.fp_reads_m) reads |= fp_regs(i.rm, e.fp_double);
  if (e.cls == C::kFpMac) reads |= fp_regs(i.rd, e.fp_double);   // the accumulator
  if (e.cls == C::kFpStore || e.cls == C::kFpStoreMultiple) reads |= fp_words(i.rd, i.list);
  if (e.cls == C::kFpTransfer && (i.flags & kFlagA)) reads |= fp_words(i.rn, i.list);   // to core registers
  return (reads & prev_.fp_result) ? 1 : 0;
}

// The fetch unit reads aligned 32-bit blocks; sequential 16-bit instructions share one.
[[gnu::always_inline]] inline void CortexM4Timing::add_fetch_waits(const StepRecord& r, CycleTally& s) {
  for (uint32_t a = r.pc & ~3u; a < r.pc + r.inst->len; a += 4) {
    if (a == fetched_word_) continue;
    const Wait w = memory_.fetch_wait(a, now_ + s.total);
    s.add(w.cause, w.cycles);
    fetched_word_ = a;
  }
}

// Unaligned splits, memory waits of loads, and the 1-entry write buffer ([TRM] 3.3.2: "Even a stalled STR
// normally only takes two cycles, because of the write buffer"): a store's wait is hidden until the next data
// access (or barrier) needs the bus.
[[gnu::always_inline]] inline void CortexM4Timing::add_data_timing(const StepRecord& r, CycleTally& s) {
  for (unsigned k = 0; k < r.n_access; ++k) {
    const MemAccess& a = r.access[k];
    s.add(Cause::kMemory, unaligned_cycles(a));
    wait_until(write_buffer_until_, write_buffer_cause_, s);
    const Wait w = memory_.data_wait(a.addr, a.size, a.write, now_ + s.total);
    if (a.write) {
      write_buffer_until_ = now_ + s.total + w.cycles;
      write_buffer_cause_ = w.cause;
    } else {
      s.add(w.cause, w.cycles);
    }
  }
}

[[gnu::always_inline]] inline void CortexM4Timing::wait_until(uint64_t ready, Cause cause, CycleTally& s) const {
  const uint64_t t = now_ + s.total;
  if (ready > t) s.add(cause, ready - t);
}

// What the next instruction needs to know of this one, written into prev_ field by field: building a Previous and
// assigning it had the compiler read the new struct back with one wide load right after the narrow stores that
// built it, which waits for those stores to leave the store buffer (a stall on every instruction).
[[gnu::always_inline]] inline void CortexM4Timing::remember(const StepRecord& r, const EncodingTiming& e) {
  prev_.written = r.regs_written;
  prev_.from_memory = is_load(e.cls);
  prev_.load = e.cls == C::kLoad && !r.branched;
  prev_.one_cycle_store = e.cls == C::kStore && !e.reg_offset;
  prev_.narrow = r.inst->len == 2 && !r.branched;
  prev_.fp_result = e.fp_writes_d ? fp_regs(r.inst->rd, e.fp_double) : 0;
  prev_.fp_core_result = 0;
  if (e.cls == C::kFpTransfer) {
    prev_.fp_core_result = r.regs_written;
    if (!(r.inst->flags & kFlagA)) prev_.fp_result = fp_words(r.inst->rn, r.inst->list);   // core -> S registers
  }
}

[[gnu::always_inline]] inline void CortexM4Timing::finish(const CycleTally& s) {
  now_ += s.total;
  returning_ = false;
}

}  // namespace mcuprof
