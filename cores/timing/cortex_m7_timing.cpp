#include "cores/timing/cortex_m7_timing.h"

#include <algorithm>
#include <bit>
#include <string_view>

#include "cores/core.h"
#include "cores/decoder/decoder.h"
#include "memory/memory_timing.h"

// Sources, cited per rule: [REF] /work/shared/reference/cortex-m-timing.md, section "Cortex-M7"; [MEAS]
// jnk0le's DWT measurements on an STM32H743 (github.com/jnk0le/random, "pipeline cycle test/doc/cortex_m7.md");
// [LLVM] ARMScheduleM7.td; [M4TRM] Cortex-M4 TRM (ARM DDI 0439) where the M7 TRM publishes no figure.
//
// retire() runs once per simulated instruction: its helpers are [[gnu::always_inline]] because GCC otherwise
// keeps them as calls (inlining them made the timed simulator about 10% faster; bench/, Speed/*/timed).

namespace mcuprof {
namespace {

using C = InstClass;
using P = CortexM7Timing::Producer;
using FP = CortexM7Timing::FpProducer;

// How an instruction uses a core register operand.
enum Use : uint8_t {
  kLate,         // read by the late ALU (EX2): the common case
  kEarly,        // read in EX1, one cycle earlier [REF "Inputs needed one cycle early"]: shifted operands,
                 // load/store base and index, sources of bitfield/extend/reverse instructions
  kMulOperand,   // multiplier operand: "can't consume ldr result from previous cycle" [MEAS]
  kAccumulate,   // MAC accumulator, MOVT's kept half: read a stage after the late ALU [MEAS]
  kStoreData,    // "can store any result in same cycle, including ldr, ldrh, ldrb" [MEAS]
  kUseCount,
};

// Cycles from a producer's issue to the earliest issue of a consumer, by producer and use (0: same cycle,
// i.e. the consumer may be the younger op of the producer's pair).
constexpr uint8_t kLatency[size_t(P::kCount)][kUseCount] = {
    //  late early mul acc store
    {0, 1, 0, 0, 0},  // kEarlyAlu: "result of early alu can be forwarded to late alu in 0 cycles, or early alu
                      //   next cycle" [MEAS]; address writeback of the AGU behaves the same [MEAS]
    {1, 2, 1, 0, 0},  // kLateAlu: ALU -> ALU 1 [REF]; an EX1 reader needs it a cycle earlier [REF]
    {1, 2, 1, 0, 0},  // kDsp: "DSP/bitfield result -> load/store address +1" [REF]
    {1, 2, 2, 0, 0},  // kLoadWord: next instruction except EX1 readers [REF]; pointer chase 1 stall [REF];
                      //   MUL can't take the previous cycle's LDR [MEAS]
    {2, 3, 2, 1, 0},  // kLoadSub: LDRB/LDRH +1 [REF]; "third in early ALU", accumulate next cycle [MEAS]
    {2, 3, 2, 1, 1},  // kMul: MUL/MAC -> use 2 [REF]; accumulator chain 1 per cycle [REF]
    {7, 8, 7, 6, 6},  // kDiv: about 7 [REF, LLVM]; other uses shifted like a late-ALU result
    {1, 2, 1, 0, 0},  // kFromFp: "vmov to GPR has 1 cycle of result latency into late ALU and 0 cycles to MAC
                      //   accumulate dependency" [MEAS]
};

// How an FP instruction uses an extension register.
enum FpUse : uint8_t { kOperand, kFpAccumulate, kFpStoreData, kToCore, kFpUseCount };

// [MEAS] result-latency table ("as vmul.f operand / as fma accumulate / as vstr operand") and the VMOV notes.
constexpr uint8_t kFpLatency[size_t(FP::kCount)][kFpUseCount] = {
    //  op acc store to-core
    {3, 3, 1, 3},      // kArith: VADD/VMUL 3 [REF]; to a core register 3 ("3 cycles of input latency from fp ALU")
    {5, 3, 3, 5},      // kFma: VFMA 5 / 3 [REF]; vstr 3, vmov 5 [MEAS]
    {6, 3, 4, 5},      // kMla: VMLA 6 / 3 [REF]; vstr 4 [MEAS]; to core: VFMA's 5 (no VMLA figure published)
    {1, 3, 1, 2},      // kLoad: "vldr.f has 1 cycle of result latency, except as the vfma accumulate ... 3" [MEAS]
    {3, 3, 3, 3},      // kFromCore: VMOV core -> FP 3 [REF]
    {16, 16, 16, 16},  // kDiv: VDIV.F32 16 [REF]
    {14, 14, 14, 14},  // kSqrt: VSQRT.F32 14 [REF]
};

constexpr unsigned kDoubleDivideCycles = 30;   // "vdiv.d 30" [MEAS "fpu (double precision)"]

// Pairing groups [REF "Dual-issue rules"].
enum Group : uint16_t {
  kGStore = 1 << 0,
  kGLoad = 1 << 1,
  kGMul = 1 << 2,
  kGDsp = 1 << 3,       // DSP and bitfield ops: only in the older slot, never two together
  kGBitfield = 1 << 4,
  kGShifted = 1 << 5,   // a shifted register operand
  kGFpArith = 1 << 6,
  kGFpMac = 1 << 7,
  kGFpMem = 1 << 8,     // VLDR, VSTR, VMOV
  kGFpLong = 1 << 9,    // VDIV, VSQRT: "dual issues with one integer instruction" [MEAS]
  kGBranch = 1 << 10,
};

// [REF "Dual-issue rules"]: an older op of the first group never pairs with a younger op of the second. Beyond
// these: an op that issues alone, or a DSP/bitfield op (older slot only), is never the younger; two loads pair
// only on different DTCM/D-cache banks (can_pair).
constexpr std::pair<uint16_t, uint16_t> kNoPair[] = {
    {kGStore, kGStore}, {kGMul, kGMul}, {kGMul, kGStore}, {kGStore, kGMul}, {kGShifted, kGShifted},
    {kGBitfield, kGShifted}, {kGShifted, kGBitfield}, {kGFpArith, kGFpArith}, {kGFpMac, kGFpMem},
    {kGFpMem, kGFpMac}, {kGBranch, kGBranch},
    {kGFpLong, kGFpArith}, {kGFpLong, kGFpMem},   // "dual issues with one integer instruction" [MEAS]
};

constexpr uint16_t kNoPc = 0x7FFF;  // PC reads and writes are the branch machinery's, not the scoreboard's

uint16_t bit16(unsigned r) { return uint16_t(1u << r); }
uint32_t fp_range(unsigned first, unsigned words) {   // S<first>..S<first+words-1>
  return first >= 32 ? 0 : uint32_t(((uint64_t(1) << words) - 1) << first);
}

template <class Mask, class Fn> void for_each_bit(Mask mask, Fn fn) {
  for (; mask; mask &= mask - 1) fn(unsigned(std::countr_zero(mask)));
}

bool is_one_of(std::string_view mnemonic, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), mnemonic) != set.end();
}

CortexM7Timing::Traits traits_of(const Encoding& e, InstClass cls) {
  const std::string_view name = e.name, pattern = e.pattern;
  const std::string_view mnemonic = name.substr(0, name.find(' '));
  CortexM7Timing::Traits t;
  t.cls = cls;
  // "add, sub, mov ... + simple shifts and rotations (aliased to mov)" run in the early ALU [MEAS]
  t.early_alu = is_one_of(mnemonic, {"ADD", "SUB", "MOV", "LSL", "LSR", "ASR", "ROR"}) &&
                name.find("(register)") == std::string_view::npos;
  t.register_form = cls == C::kAlu && name.find("(register)") != std::string_view::npos &&
                    !is_one_of(mnemonic, {"LSL", "LSR", "ASR", "ROR"});
  t.compare = is_one_of(mnemonic, {"CMP", "CMN", "TST", "TEQ"});
  t.conditional = is_one_of(mnemonic, {"CBZ", "CBNZ"});
  t.movt = mnemonic == "MOVT";
  t.exclusive_store = mnemonic.substr(0, 5) == "STREX";
  t.fused = mnemonic.substr(0, 2) == "VF";
  const bool fp_dp = cls == C::kFpAlu || cls == C::kFpMac || cls == C::kFpDiv || cls == C::kFpSqrt;
  t.fp_reads_n = fp_dp && pattern.find('n') != std::string_view::npos;
  t.fp_reads_m = fp_dp && pattern.find('m') != std::string_view::npos;
  const bool vcmp = mnemonic.substr(0, 4) == "VCMP";
  // VCMP compares Vd; VCVT between floating-point and fixed-point converts Vd in place (its pattern has no Vm)
  t.fp_reads_d = cls == C::kFpMac || vcmp || (mnemonic == "VCVT" && !t.fp_reads_m);
  t.fp_writes_d = fp_dp && !vcmp;
  return t;
}

}  // namespace

// One instruction as the scoreboard sees it. What varies between executions with the same registers and
// access count (the data addresses) is not here: retire reads it from the StepRecord.
struct CortexM7Timing::Op {
  struct Source {
    uint8_t reg;
    uint8_t use;
  };
  const Traits* t = nullptr;
  uint16_t groups = 0;
  bool alone = false;             // issues alone [REF]
  bool never_younger = false;     // never the younger op of a pair (alone, or DSP/bitfield)
  uint16_t no_pair_after = 0;     // groups of an older op it cannot pair with (kNoPair)
  bool may_lead = false;          // may be the older op of a pair (one issue cycle, or a long FP op)
  bool even_store_multiple = false;  // an STM-like transfer of an even count: +1 issue cycle when not 8-aligned
  uint8_t issue_cycles = 1;       // cycles the issue stage is busy (before that alignment cycle)
  std::array<uint16_t, kUseCount> use{};   // core source registers by use
  uint16_t results = 0;           // core registers written with the instruction's result
  uint16_t writeback = 0;         // base registers written back by the AGU
  Producer producer = Producer::kLateAlu;
  bool early_candidate = false;   // may run in the early ALU
  std::array<uint32_t, kFpUseCount> fp_use{};
  uint32_t fp_results = 0;
  FpProducer fp_producer = FpProducer::kArith;
  bool sets_flags = false;
  // `use` as a list in the order wait_for_sources visits it (by use, then by register; the uses are disjoint
  // and never the PC, so at most 15), and whether any fp_use is set: the scoreboard's inner loop.
  uint8_t n_sources = 0;
  bool fp_sources = false;
  std::array<Source, 15> sources{};
};

// describe() depends on the instruction (Inst, a function of its halfwords: the decoder reads nothing else) and,
// of the StepRecord, only on regs_read, regs_written, n_access, access[0].size and branched. An entry whose
// key holds all of these is exactly describe()'s result for the instruction retiring now.
struct CortexM7Timing::CachedOp {
  static constexpr uint64_t kEmpty = 1;   // an odd PC: never a Thumb instruction's address
  static uint64_t instruction(const StepRecord& r) { return r.pc | uint64_t(r.inst->raw) << 32; }
  static uint64_t inputs(const StepRecord& r) {
    return r.shape() | uint64_t(r.n_access ? r.access[0].size : 0) << 48;
  }
  uint64_t instruction_key = kEmpty;
  uint64_t inputs_key = 0;
  Op op;
};
constexpr size_t kCachedOps = 2048;   // a power of two: 4 KB of code, a whole inference's kernels with few conflicts

CortexM7Timing::CortexM7Timing(const Decoder& decoder, MemoryTiming& memory, CortexM7Params params)
    : decoder_(decoder), memory_(memory), params_(params), predictor_(params.btac_entries),
      ops_(kCachedOps), store_done_(std::max(1u, params.store_buffer_entries)) {
  const std::vector<InstClass> classes = classify_encodings(decoder);
  traits_.reserve(classes.size());
  for (size_t k = 0; k < classes.size(); ++k) traits_.push_back(traits_of(decoder.encoding(uint16_t(k)), classes[k]));
}

CortexM7Timing::~CortexM7Timing() = default;

void CortexM7Timing::reset() {
  predictor_.reset();
  now_ = last_issue_ = kStart;
  slot_open_ = returning_ = false;
  last_ = {};
  regs_ = {};
  fp_regs_ = {};
  flags_at_ = div_free_ = drain_free_ = 0;
  fetch_free_ = kStart;
  std::fill(store_done_.begin(), store_done_.end(), 0);
  store_next_ = 0;
  bank_free_ = {};
  fetch_block_ = ~0u;
}

CortexM7Timing::Op CortexM7Timing::describe(const StepRecord& r) const {
  Op op;
  op.t = &traits_[r.inst->enc];
  core_operands(r, op);
  fp_operands(*r.inst, op);
  issue_shape(r, op);
  pairing(op);
  list_sources(op);
  return op;
}

void CortexM7Timing::pairing(Op& op) const {
  op.never_younger = op.alone || (op.groups & kGDsp);
  for (const auto& [older, younger] : kNoPair)
    if (op.groups & younger) op.no_pair_after |= older;
  op.may_lead = !op.alone && (op.issue_cycles == 1 || (op.groups & kGFpLong));
}

[[gnu::always_inline]] inline const CortexM7Timing::Op& CortexM7Timing::op_for(const StepRecord& r) {
  CachedOp& c = ops_[(r.pc >> 1) & (kCachedOps - 1)];
  const uint64_t instruction = CachedOp::instruction(r), inputs = CachedOp::inputs(r);
  if (c.instruction_key != instruction || c.inputs_key != inputs) c = {instruction, inputs, describe(r)};
  return c.op;
}

void CortexM7Timing::list_sources(Op& op) const {
  for (unsigned u = 0; u < kUseCount; ++u)
    for_each_bit(op.use[u], [&](unsigned n) { op.sources[op.n_sources++] = {uint8_t(n), uint8_t(u)}; });
  op.fp_sources = std::any_of(op.fp_use.begin(), op.fp_use.end(), [](uint32_t regs) { return regs != 0; });
}

// Core registers: which are read in which stage, what the result's producer is.
void CortexM7Timing::core_operands(const StepRecord& r, Op& op) const {
  const Inst& i = *r.inst;
  const Traits& t = *op.t;
  const uint16_t read = r.regs_read & kNoPc, written = r.regs_written & kNoPc;
  uint16_t late = read;
  const auto take = [&](Use u, uint16_t regs) {
    op.use[u] |= regs & late;
    late &= ~regs;
  };
  op.results = written;
  switch (t.cls) {
    case C::kAlu: {
      const bool shifted = t.register_form && i.shift_n != 0;   // shift_n is DecodeImmShift's amount (RRX: 1)
      if (shifted) take(kEarly, bit16(i.rm));
      if (t.movt) take(kAccumulate, bit16(i.rd));   // "movw + movt pair can dual issue with mutual dependency"
      op.groups = shifted ? kGShifted : 0;
      op.early_candidate = t.early_alu && !shifted;
      break;
    }
    case C::kBitfield: {
      // SBFX/UBFX/RBIT/REV read their source in EX1; BFI/PKH/SXTA/UXTA the extracted operand (Rm) [REF, MEAS]
      uint16_t sources = read & ~bit16(i.rd);
      if (sources & (sources - 1)) sources &= bit16(i.rm);   // two or more
      take(kEarly, sources);
      op.groups = kGDsp | kGBitfield;
      op.producer = P::kDsp;
      break;
    }
    case C::kSimd:
      op.groups = kGDsp;
      op.producer = P::kDsp;
      break;
    case C::kMul: case C::kMac: case C::kMulLong:
      take(kAccumulate, t.cls == C::kMac ? bit16(i.ra) : t.cls == C::kMulLong ? bit16(i.rd) | bit16(i.ra) : 0);
      take(kMulOperand, read);
      op.groups = kGMul;
      op.producer = P::kMul;
      break;
    case C::kDiv:
      op.alone = true;   // "SDIV/UDIV about 7, issues alone" [REF, LLVM]
      op.producer = P::kDiv;
      break;
    case C::kLoad: case C::kLoadDual: case C::kLoadMultiple: case C::kFpLoad: case C::kFpLoadMultiple:
    case C::kTableBranch:
      take(kEarly, read);   // every core register a load reads is an address register
      op.writeback = (i.flags & kWback) ? written & bit16(i.rn) : 0;
      op.results = written & ~op.writeback;
      op.producer = r.n_access && r.access[0].size < 4 ? P::kLoadSub : P::kLoadWord;
      op.groups = t.cls == C::kLoad ? kGLoad : 0;
      break;
    case C::kStore: case C::kStoreDual: case C::kStoreMultiple: case C::kFpStore: case C::kFpStoreMultiple: {
      const uint16_t data = t.cls == C::kStore ? bit16(i.rd)
                            : t.cls == C::kStoreDual ? bit16(i.rd) | bit16(i.ra)
                            : t.cls == C::kStoreMultiple ? i.list : 0;
      take(kEarly, bit16(i.rn) | (read & ~data));
      take(kStoreData, read);
      op.writeback = written;
      op.results = 0;
      op.groups = t.cls == C::kStore ? kGStore : 0;
      break;
    }
    case C::kFpTransfer:
      op.producer = P::kFromFp;
      break;
    case C::kHint:
      // PLD/PLI generate their address in EX1 like a load: "PLD stalls on its address like a load" [MEAS,
      // jnk0le cortex_m7.md]. NOP, YIELD, SEV read no register.
      take(kEarly, read);
      break;
    default:
      break;
  }
  op.use[kLate] |= late;
  const bool data_processing = t.cls == C::kAlu || t.cls == C::kBitfield || t.cls == C::kSimd ||
                               t.cls == C::kMul || t.cls == C::kMac || t.cls == C::kMulLong;
  op.sets_flags = t.compare || (data_processing && (i.flags & (kSetFlags | kSetFlagsOutsideIt)));
}

// Extension registers (cores/isa/floating_point.cpp conventions: rd/rn/rm are S or D numbers as the sz bit
// (raw bit 8) says; loads, stores and transfers name a first S register and a word count in list). Mixed-width
// conversions are taken at the width of their sz bit.
void CortexM7Timing::fp_operands(const Inst& i, Op& op) const {
  const Traits& t = *op.t;
  const bool dbl = (i.raw >> 8) & 1;
  const auto fp_reg = [&](unsigned n) { return dbl ? fp_range(2 * n, 2) : fp_range(n, 1); };
  switch (t.cls) {
    case C::kFpAlu: case C::kFpMac: case C::kFpDiv: case C::kFpSqrt:
      op.fp_use[kOperand] = (t.fp_reads_n ? fp_reg(i.rn) : 0) | (t.fp_reads_m ? fp_reg(i.rm) : 0) |
                            (t.fp_reads_d && t.cls != C::kFpMac ? fp_reg(i.rd) : 0);
      op.fp_use[kFpAccumulate] = t.cls == C::kFpMac ? fp_reg(i.rd) : 0;
      op.fp_results = t.fp_writes_d ? fp_reg(i.rd) : 0;
      op.fp_producer = t.cls == C::kFpMac ? (t.fused ? FP::kFma : FP::kMla)
                       : t.cls == C::kFpDiv ? FP::kDiv : t.cls == C::kFpSqrt ? FP::kSqrt : FP::kArith;
      op.groups |= kGFpArith | (t.cls == C::kFpMac ? kGFpMac : 0) |
                   (t.cls == C::kFpDiv || t.cls == C::kFpSqrt ? kGFpLong : 0);
      break;
    case C::kFpLoad: case C::kFpLoadMultiple:
      op.fp_results = fp_range(i.rd, i.list);
      op.fp_producer = FP::kLoad;
      op.groups |= kGFpMem;
      break;
    case C::kFpStore: case C::kFpStoreMultiple:
      op.fp_use[kFpStoreData] = fp_range(i.rd, i.list);
      op.groups |= kGFpMem;
      break;
    case C::kFpTransfer:   // VMOV: rn = first S register, list = words, kFlagA = towards the core
      if (i.flags & kFlagA) op.fp_use[kToCore] = fp_range(i.rn, i.list);
      else op.fp_results = fp_range(i.rn, i.list);
      op.fp_producer = FP::kFromCore;
      op.groups |= kGFpMem;
      op.alone = i.list == 2;   // "two-register VMOV with anything" cannot pair [REF]
      break;
    default:
      break;
  }
}

// Issue-stage occupancy and pairing constraints.
void CortexM7Timing::issue_shape(const StepRecord& r, Op& op) const {
  const Inst& i = *r.inst;
  const Traits& t = *op.t;
  // Issue alone, ceil(N/2) cycles: LDM/STM/PUSH/POP/LDRD/STRD, and VLDM/VSTM, which behave as LDM/STM [REF, MEAS]
  switch (t.cls) {
    case C::kLoadDual: case C::kStoreDual: case C::kLoadMultiple: case C::kStoreMultiple:
    case C::kFpLoadMultiple: case C::kFpStoreMultiple: {
      op.alone = true;
      op.issue_cycles = uint8_t(std::max(1u, (r.n_access + 1u) / 2));
      // "STM not 8-byte aligned: +1 for an even register count" [REF]: issue_cycles() adds it, the address
      // being this execution's
      const bool store_multiple = t.cls == C::kStoreMultiple || t.cls == C::kFpStoreMultiple;
      op.even_store_multiple = store_multiple && r.n_access && r.n_access % 2 == 0;
      break;
    }
    case C::kFpLoad: case C::kFpStore:
      op.alone = i.list == 2;   // "VLDR.64/VSTR.64 with anything" cannot pair [REF]
      break;
    case C::kSystem: case C::kBarrier: case C::kSleep:
      op.alone = true;   // "MSR/MRS, barriers, SVC, CLREX" issue alone [REF, LLVM]
      break;
    case C::kStore:
      op.alone = t.exclusive_store;   // STREX issues alone [REF, LLVM]
      break;
    case C::kTableBranch:
      op.alone = true;
      op.issue_cycles = 2;   // "TBB/TBH take 2 issue cycles" [REF, LLVM]
      break;
    case C::kFpDiv: case C::kFpSqrt:
      // "vdiv.f/vsqrt.f execute in 16/14 cycles, dual issues with one integer instruction and locks pipeline
      // for the rest of the duration" [MEAS]
      // VDIV.F64 takes 30 [MEAS "fpu (double precision)"]; VSQRT.F64 has no published figure: the .F32 one.
      op.issue_cycles = t.cls == C::kFpSqrt ? kFpLatency[size_t(FP::kSqrt)][kOperand]
                        : (i.raw >> 8) & 1 ? kDoubleDivideCycles
                                           : kFpLatency[size_t(FP::kDiv)][kOperand];
      break;
    default:
      break;
  }
  const bool branch_class = t.cls == C::kBranch || t.cls == C::kBranchReg || t.cls == C::kTableBranch;
  if (branch_class || r.branched) op.groups |= kGBranch;
}

// The issue stage's cycles for this execution: the op's, plus the unaligned store-multiple cycle.
[[gnu::always_inline]] inline unsigned CortexM7Timing::issue_cycles(const StepRecord& r, const Op& op) const {
  if (!op.even_store_multiple) return op.issue_cycles;
  uint32_t lowest = ~0u;
  for (unsigned k = 0; k < r.n_access; ++k) lowest = std::min(lowest, r.access[k].addr);
  return op.issue_cycles + ((lowest & 7) ? 1 : 0);
}

// [REF "Dual-issue rules"]: can `younger` (its first data address younger_addr) issue in the same cycle as `older`?
[[gnu::always_inline]] inline bool CortexM7Timing::can_pair(const OpSummary& older, const Op& younger,
                                                           uint32_t younger_addr) const {
  if (younger.never_younger || (older.groups & younger.no_pair_after)) return false;
  // Two loads pair only when they hit different 32-bit banks (even/odd word) of DTCM or D-cache [REF]
  if (older.groups & younger.groups & kGLoad) return ((older.addr ^ younger_addr) & 4) != 0;
  return true;
}

// The 64-bit blocks the instruction spans must have been fetched. The fetch unit reads one block per cycle
// into a 4 x 64-bit prefetch queue [REF "Structure"], so it runs at most 4 blocks ahead of issue; after a
// taken branch it restarts at the target.
[[gnu::always_inline]] inline void CortexM7Timing::fetch(const StepRecord& r, uint64_t& earliest, Cause& why) {
  constexpr uint64_t kQueueBlocks = 4;
  const uint32_t first = r.pc & ~7u, last = (r.pc + r.inst->len - 1) & ~7u;
  for (uint32_t block = first; block <= last; block += 8) {
    if (block == fetch_block_) continue;
    const uint64_t start = std::max(fetch_free_, now_ > kQueueBlocks ? now_ - kQueueBlocks : 0);
    const Wait w = memory_.fetch_wait(block, start);
    fetch_block_ = block;
    const uint64_t ready = start + w.cycles;
    fetch_free_ = ready + 1;
    if (ready > earliest) {
      earliest = ready;
      why = w.cycles ? w.cause : Cause::kMemory;
    }
  }
}

// The cycle from which every source register is ready for its use.
[[gnu::always_inline]] inline void CortexM7Timing::wait_for_sources(const Op& op, uint64_t& earliest,
                                                                   Cause& why) const {
  const auto need = [&](uint64_t at, bool load) {
    if (at > earliest) earliest = at, why = load ? Cause::kLoadUse : Cause::kInterlock;
  };
  for (unsigned k = 0; k < op.n_sources; ++k) {
    const Op::Source s = op.sources[k];
    const RegState& p = regs_[s.reg];
    need(p.at + kLatency[size_t(p.by)][s.use], p.by == P::kLoadWord || p.by == P::kLoadSub);
  }
  if (!op.fp_sources) return;
  for (unsigned u = 0; u < kFpUseCount; ++u)
    for_each_bit(op.fp_use[u], [&](unsigned n) {
      const FpRegState& p = fp_regs_[n];
      need(p.at + kFpLatency[size_t(p.by)][u], p.by == FP::kLoad);
    });
}

// Whether an early-ALU candidate has all its sources in time for EX1 at `issue`.
[[gnu::always_inline]] inline bool CortexM7Timing::sources_early(const Op& op, uint64_t issue) const {
  bool in_time = true;
  for_each_bit(op.use[kLate], [&](unsigned n) {
    in_time &= regs_[n].at + kLatency[size_t(regs_[n].by)][kEarly] <= issue;
  });
  return in_time;
}

// A store enters the store buffer, which drains through one port [REF "Unaligned loads ... Byte/halfword
// stores"; MEAS "stores"]: a word store takes the port one cycle; a byte/halfword store is a read-modify-write
// of its 32-bit bank, so the port is busy 2 cycles and the bank 4 ("4 cycles per store to one bank, 2 when
// alternating banks"); an unaligned store takes 4 ("the throughput is 4 cycles per one store"). No merging.
void CortexM7Timing::drain_store(const MemAccess& a, uint64_t issue) {
  const unsigned bank = (a.addr >> 2) & 1;
  const bool sub_word = a.size < 4, unaligned = a.addr % a.size != 0;
  uint64_t start = std::max(issue, drain_free_);
  if (sub_word) start = std::max(start, bank_free_[bank]);
  const Wait w = memory_.data_wait(a.addr, a.size, true, start);
  drain_free_ = start + (unaligned ? 4 : sub_word ? 2 : 1) + w.cycles;
  if (sub_word) bank_free_[bank] = start + 4 + w.cycles;
  store_done_[store_next_] = drain_free_;
  store_next_ = (store_next_ + 1) % store_done_.size();
}

// Cycles lost to a mispredicted branch; pair_target says whether the next instruction may share the branch's
// cycle (a not-taken branch, or a taken one whose target the BTAC supplied [REF "Branches"]).
[[gnu::always_inline]] inline uint32_t CortexM7Timing::branch_penalty(const StepRecord& r, const Op& op,
                                                                     uint64_t issue, bool& pair_target) {
  pair_target = !returning_;
  if (!(op.groups & kGBranch) || returning_) return 0;   // an exception return's refill is part of its cost
  const Inst& i = *r.inst;
  BranchShape shape;
  shape.direct = op.t->cls == C::kBranch;
  shape.conditional = op.t->conditional || (shape.direct && i.cond < 14);
  shape.target = r.branched ? r.next_pc : r.pc + 4 + i.imm;
  const BranchPrediction p = predictor_.predict(r.pc, shape);
  predictor_.update(r.pc, r.branched, r.next_pc);
  const bool correct = p.taken == r.branched && (!r.branched || p.target == r.next_pc);
  pair_target = correct && (!r.branched || p.from_btac);
  if (correct) return 0;
  // "mispredict penalty 8 cycles, or 6 when the flags were set at least 3 cycles before the conditional
  // branch" [REF, MEAS]
  const bool flags_early = shape.conditional && !op.t->conditional && flags_at_ + 3 <= issue;
  return flags_early ? 6 : 8;
}

[[gnu::always_inline]] inline void CortexM7Timing::write_results(const Op& op, uint64_t issue, bool early) {
  const Producer by = op.producer == P::kLateAlu && early ? P::kEarlyAlu : op.producer;
  for_each_bit(op.results, [&](unsigned n) { regs_[n] = {issue, by}; });
  for_each_bit(op.writeback, [&](unsigned n) { regs_[n] = {issue, P::kEarlyAlu}; });
  for_each_bit(op.fp_results, [&](unsigned n) { fp_regs_[n] = {issue, op.fp_producer}; });
}

uint64_t CortexM7Timing::retire(const StepRecord& r, CycleSplit& into) {
  const Op& op = op_for(r);
  const InstClass cls = op.t->cls;
  const uint32_t addr = r.n_access ? r.access[0].addr : 0;   // first data address (load bank pairing)
  const unsigned busy = issue_cycles(r, op);
  CycleTally charged{into};

  // When may it issue? Fetch, operands, then structural limits.
  uint64_t ready = 0;
  Cause why = Cause::kIssue;
  fetch(r, ready, why);
  wait_for_sources(op, ready, why);
  const auto structural = [&](uint64_t at, Cause c) {
    if (at > ready) ready = at, why = c;
  };
  if (cls == C::kDiv) structural(div_free_, Cause::kMultiCycle);
  if (cls == C::kStore && r.n_access) structural(store_done_[store_next_], Cause::kMemory);   // buffer full
  if (cls == C::kBarrier)   // DSB/DMB wait for the write buffer [M4TRM table 3-1, REF]
    structural(*std::max_element(store_done_.begin(), store_done_.end()), Cause::kMemory);

  const bool paired = slot_open_ && can_pair(last_, op, addr) && ready <= last_issue_;
  const uint64_t issue = paired ? last_issue_ : std::max(now_, ready);
  // Early ALU [MEAS "there is an early and late ALU ... one cycle apart"]: ADD/SUB/MOV/shift-by-immediate in
  // the older slot whose sources are ready for EX1 run in the early ALU, so their result reaches a late-ALU
  // reader in the same cycle (the younger op of the pair) and an EX1 reader next cycle (kEarlyAlu row).
  const bool early = op.early_candidate && !paired && sources_early(op, issue);

  charged.add(why, issue > now_ ? issue - now_ : 0);
  const uint64_t end = std::max(now_, issue + busy);
  if (!paired) {
    charged.add(Cause::kIssue, 1);
    charged.add(Cause::kMultiCycle, end - issue - 1);
  }
  now_ = end;

  // After issue: data memory, unaligned loads, branches.
  uint64_t extra = 0;
  const auto stall = [&](uint64_t n, Cause c) {
    charged.add(c, n);
    extra += n;
  };
  const bool single_store = cls == C::kStore || cls == C::kFpStore;
  for (unsigned k = 0; k < r.n_access; ++k) {
    const MemAccess& a = r.access[k];
    if (a.write && single_store) {
      drain_store(a, issue);
      continue;
    }
    // Loads wait for their data; LDM/STM/STRD transfer directly, so their waits hold the pipeline too.
    const Wait w = memory_.data_wait(a.addr, a.size, a.write, issue + extra);
    stall(w.cycles, w.cause);
    // "Unaligned loads: +3 cycles in the older slot, +4 in the younger" [REF]
    if (!a.write && a.addr % a.size != 0) stall(paired ? 4 : 3, Cause::kMemory);
  }
  bool pair_target = true;
  stall(branch_penalty(r, op, issue, pair_target), Cause::kBranch);
  now_ += extra;

  write_results(op, issue + (op.results && extra ? extra : 0), early);
  if (cls == C::kDiv) div_free_ = issue + kLatency[size_t(P::kDiv)][kLate];
  if (op.sets_flags) flags_at_ = issue;
  if (r.branched) {   // the fetch unit restarts at the target: at once when predicted, after the refill if not
    fetch_block_ = ~0u;
    fetch_free_ = extra ? now_ : issue;
  }
  slot_open_ = !paired && op.may_lead && !extra && pair_target;
  last_issue_ = issue;
  last_ = {op.groups, addr};
  returning_ = false;
  return charged.total;
}

// Exception entry and return: the Cortex-M7 TRM publishes no figure; the Cortex-M4's are used [M4TRM §3.9.1]:
// "a maximum of a 12 cycle latency from asserting the interrupt to execution of the first instruction of the
// ISR ... Returns from interrupts similarly take twelve cycles". The pipeline restarts afterwards.
CycleSplit CortexM7Timing::exception_entry() {
  constexpr uint64_t kCycles = 12;
  CycleSplit out;
  out.add(Cause::kException, kCycles);
  now_ += kCycles;
  slot_open_ = false;
  fetch_block_ = ~0u;
  fetch_free_ = now_;
  return out;
}

CycleSplit CortexM7Timing::exception_return() {
  const CycleSplit out = exception_entry();
  returning_ = true;   // the instruction retiring next wrote EXC_RETURN
  return out;
}

}  // namespace mcuprof
