// Instruction family: floating_point. The floating-point extension of ARMv7E-M: FPv4-SP (Cortex-M4F),
// FPv5 single precision (Cortex-M7, STM32F746) and FPv5 with double precision (STM32F767).
// Encodings from the ARMv7-M ARM (DDI 0403E): A6.4 floating-point data-processing, A6.5 extension register
// load/store, A6.6 32-bit and A6.7 64-bit transfers between core and extension registers; semantics from
// A7.7 (VABS ... VSUB and the FPv5 VSEL, VMAXNM/VMINNM, VRINT*, VCVTA/N/P/M). The arithmetic with its exact
// FPSCR behaviour lives in cores/isa/fp/fp_arith.{h,cpp}.
//
// Family conventions:
// - An encoding with the sz bit is two table lines: sz=0 (single) and sz=1 (double, kFeatFpDp), so a core
//   without double precision decodes every .F64 data-processing form as UNDEFINED; FPv5 additions need
//   kFeatFpV5. Single-precision forms, loads, stores and moves (of D registers too: they are part of
//   FPv4-SP) decode on every core: without an FPU, executing them raises NOCP (ExecuteFPCheck), as the
//   CP10/CP11 space does on a Cortex-M4 without FP. Encodings outside these tables (Advanced SIMD among
//   them) are UNDEFINED.
// - rd, rn, rm are extension register numbers: S0-S31 (Vx:X) or D0-D15 (X:Vx) as the operation's width
//   says. The M profile has 16 doubleword registers; an encoding naming D16-D31 is UNDEFINED.
//   Transfers keep the core register in rd (Rt) and ra (Rt2), the first S register (D<n> is S<2n>, S<2n+1>)
//   in rn, and the number of words in list.
// - Loads/stores: rd = first S register, list = number of words, rn = base, imm = offset or byte count;
//   kAdd, kIndex, kWback as the P, U, W bits say.
// - imm holds VMOV's expanded immediate (its top 32 bits), VSEL's condition, the fixed-point fraction
//   bits, or the rounding of VRINT*/VCVT* (a Rounding value, or kFpscrRounding for FPSCR.RMode).
// - kFlagA: direction (to the core registers / to fixed-point) or VRINTX's exactness; kFlagB: unsigned;
//   kFlagC: VCMP with #0.0.
// - Patterns name the bits the manual draws as (0) 'z': any other value is UNPREDICTABLE (refused).
// - Every semantics function starts with ExecuteFPCheck (Core::check_fp_enabled: NOCP unless CPACR grants
//   CP10/CP11). FPv5's unconditional encodings (T=1 space) are UNPREDICTABLE inside an IT block.
#include <algorithm>
#include <string>

#include "cores/core.h"
#include "cores/decoder/decoder.h"
#include "cores/isa/fp/fp_arith.h"

namespace mcuprof {
namespace {

using namespace fp;
using S = uint32_t;  // single-precision operation
using D = uint64_t;  // double-precision operation

constexpr uint8_t kSp = kFeatNone, kDp = kFeatFpDp, kSpV5 = kFeatFpV5, kDpV5 = kFeatFpDp | kFeatFpV5;
constexpr uint8_t kToCore = kFlagA, kToFixed = kFlagA, kExact = kFlagA, kUnsigned = kFlagB, kWithZero = kFlagC;
constexpr uint32_t kFpscrRounding = 5;

constexpr DecodeResult kOk = DecodeResult::kOk, kUndefined = DecodeResult::kUndefined,
                       kUnpredictable = DecodeResult::kUnpredictable;

// ---------------------------------------------------------------- registers

template <class B> B get(const Core& c, unsigned r) {
  if constexpr (sizeof(B) == 4) return c.s.s[r];
  else return c.s.d(r);
}
template <class B> void set(Core& c, unsigned r, B v) {
  if constexpr (sizeof(B) == 4) c.s.s[r] = v;
  else c.s.set_d(r, v);
}

// Sx = Vx:X, Dx = X:Vx; -1 for D16-D31, which the M profile does not have.
template <class B> int reg_number(uint32_t v, uint32_t x) {
  if constexpr (sizeof(B) == 4) return int((v << 1) | x);
  else return x ? -1 : int(v);
}

// ---------------------------------------------------------------- decode helpers

DecodeResult set_regs(Inst& i, int d, int n, int m) {
  if (d < 0 || n < 0 || m < 0) return kUndefined;
  i.rd = uint8_t(d);
  i.rn = uint8_t(n);
  i.rm = uint8_t(m);
  return kOk;
}

// Data processing on Dd, Dn, Dm of one width (fields the pattern lacks read as 0).
template <class B> DecodeResult decode_dnm(const Fields& f, Inst& i) {
  return set_regs(i, reg_number<B>(f('d'), f('D')), reg_number<B>(f('n'), f('N')), reg_number<B>(f('m'), f('M')));
}

// One operand, possibly of another width than the result (conversions). VCMP #0.0 has no Vm: its (0) bits
// are checked here.
template <class Bd, class Bm = Bd, uint8_t kFlags = 0> DecodeResult decode_dm(const Fields& f, Inst& i) {
  if (f('z')) return kUnpredictable;
  i.flags = kFlags;
  return set_regs(i, reg_number<Bd>(f('d'), f('D')), 0, reg_number<Bm>(f('m'), f('M')));
}

// VRINT*: the rounding (or kFpscrRounding) in imm.
template <class B, uint32_t kRounding, uint8_t kFlags = 0> DecodeResult decode_rint(const Fields& f, Inst& i) {
  i.imm = kRounding;
  return decode_dm<B, B, kFlags>(f, i);
}

// VCVT/VCVTR/VCVTA.. between floating-point and integer: 'g' is 1 for a signed integer.
template <class Bd, class Bm, uint32_t kRounding = kFpscrRounding>
DecodeResult decode_int(const Fields& f, Inst& i) {
  const DecodeResult r = decode_dm<Bd, Bm>(f, i);
  i.imm = kRounding;
  i.flags = f('g') ? 0 : kUnsigned;
  return r;
}

// VCVT (between floating-point and fixed-point): size 16 or 32 ('w'), frac_bits = size - UInt(imm4:i).
template <class B> DecodeResult decode_fixed(const Fields& f, Inst& i) {
  const int size = f('w') ? 32 : 16, frac_bits = size - int((f('i') << 1) | f('j'));
  if (frac_bits < 0) return kUnpredictable;
  i.imm = uint32_t(frac_bits);
  i.list = uint16_t(size);
  i.flags = uint8_t((f('o') ? kToFixed : 0) | (f('U') ? kUnsigned : 0));
  return set_regs(i, reg_number<B>(f('d'), f('D')), 0, 0);
}

// VFPExpandImm(imm8), the top 32 bits of the single or double value (the rest is zero).
template <class B> DecodeResult decode_vmov_imm(const Fields& f, Inst& i) {
  if (f('z')) return kUnpredictable;
  constexpr unsigned kExpBits = sizeof(B) == 4 ? 8 : 11;
  const uint32_t imm8 = f('i'), b6 = bit(imm8, 6);
  const uint32_t exp = ((b6 ^ 1) << (kExpBits - 1)) | ((b6 ? (1u << (kExpBits - 3)) - 1 : 0) << 2) | bits(imm8, 5, 4);
  i.imm = (bit(imm8, 7) << 31) | (exp << (31 - kExpBits)) | (bits(imm8, 3, 0) << (27 - kExpBits));
  return set_regs(i, reg_number<B>(f('d'), f('D')), 0, 0);
}

template <class B> DecodeResult decode_vsel(const Fields& f, Inst& i) {  // cond = cc:(cc<1> EOR cc<0>):'0'
  const uint32_t cc = f('c');
  i.imm = (cc << 2) | ((bit(cc, 1) ^ bit(cc, 0)) << 1);
  return decode_dnm<B>(f, i);
}

// VLDR, VSTR: imm32 = imm8:'00'; one word (S) or two (D). VSTR: if n == 15 then UNPREDICTABLE.
template <bool kDouble, bool kStore> DecodeResult decode_vldr(const Fields& f, Inst& i) {
  const int first = kDouble ? 2 * reg_number<D>(f('d'), f('D')) : reg_number<S>(f('d'), f('D'));
  i.rn = uint8_t(f('n'));
  i.imm = f('i') << 2;
  i.list = kDouble ? 2 : 1;
  i.flags = uint8_t(kIndex | (f('U') ? kAdd : 0));
  if (first < 0) return kUndefined;
  i.rd = uint8_t(first);
  return kStore && i.rn == 15 ? kUnpredictable : kOk;
}

// VLDM, VSTM, VPUSH, VPOP: T1 (D registers, imm8 = 2 * regs) and T2 (S registers, imm8 = regs).
DecodeResult set_multiple(Inst& i, bool dbl, uint32_t vd, uint32_t x, uint32_t n, uint32_t imm8, uint8_t puw) {
  const int first = dbl ? 2 * reg_number<D>(vd, x) : reg_number<S>(vd, x);
  if (first < 0) return kUndefined;
  i.rd = uint8_t(first);
  i.rn = uint8_t(n);
  i.list = uint16_t(imm8);
  i.imm = imm8 << 2;
  i.flags = puw;
  // regs == 0, or past the last register: UNPREDICTABLE; so are n == 15 and the odd-imm8 form of T1 (FLDMX).
  const bool bad = imm8 == 0 || first + imm8 > 32 || n == 15 || (dbl && (imm8 & 1));
  return bad ? kUnpredictable : kOk;
}

template <bool kDouble> DecodeResult decode_vldm(const Fields& f, Inst& i) {  // P == U is UNDEFINED here
  if (f('P') == f('U')) return kUndefined;
  const uint8_t puw = uint8_t((f('P') ? kIndex : 0) | (f('U') ? kAdd : 0) | (f('W') ? kWback : 0));
  return set_multiple(i, kDouble, f('d'), f('D'), f('n'), f('i'), puw);
}

template <bool kDouble, bool kPush> DecodeResult decode_vpush(const Fields& f, Inst& i) {  // VSTMDB/VLDMIA SP!
  return set_multiple(i, kDouble, f('d'), f('D'), 13, f('i'), kPush ? (kIndex | kWback) : (kAdd | kWback));
}

bool core_reg_ok(uint32_t t) { return t != 13 && t != 15; }

// VMOV between core registers (Rt 't', Rt2 'u') and `words` consecutive S registers from `first`; bit 20
// (op or L, 'L' in the patterns) is 1 towards the core. Rt or Rt2 of 13 or 15 is UNPREDICTABLE, so are S31
// as the first of two and Rt == Rt2 when moving to the core.
DecodeResult set_transfer(const Fields& f, Inst& i, int first, unsigned words) {
  if (first < 0) return kUndefined;
  i.rn = uint8_t(first);
  i.rd = uint8_t(f('t'));
  i.ra = uint8_t(f('u'));
  i.list = uint16_t(words);
  i.flags = bit(f.raw, 20) ? kToCore : 0;
  const bool pair_bad = !core_reg_ok(i.ra) || first == 31 || ((i.flags & kToCore) && i.rd == i.ra);
  return f('z') || !core_reg_ok(i.rd) || (words == 2 && pair_bad) ? kUnpredictable : kOk;
}

DecodeResult decode_vmov_single(const Fields& f, Inst& i) {  // S<n> (A6.6)
  return set_transfer(f, i, reg_number<S>(f('n'), f('N')), 1);
}
DecodeResult decode_vmov_scalar(const Fields& f, Inst& i) {  // D<n>[h] (A6.6)
  return set_transfer(f, i, 2 * reg_number<D>(f('n'), f('N')) + int(f('h')), 1);
}
template <bool kDouble> DecodeResult decode_vmov_pair(const Fields& f, Inst& i) {  // S<m>, S<m+1> or D<m> (A6.7)
  return set_transfer(f, i, kDouble ? 2 * reg_number<D>(f('m'), f('M')) : reg_number<S>(f('m'), f('M')), 2);
}

// VMRS (t == 15 is the APSR_nzcv form; t == 13 is UNPREDICTABLE) and VMSR (t == 13 or 15 UNPREDICTABLE).
template <bool kVmrs> DecodeResult decode_vmrs_vmsr(const Fields& f, Inst& i) {
  i.rd = uint8_t(f('t'));
  return f('z') == 0 && i.rd != 13 && (kVmrs || i.rd != 15) ? kOk : kUnpredictable;
}

// ---------------------------------------------------------------- semantics

// FPv5's unconditional encodings: "if InITBlock() then UNPREDICTABLE".
template <ExecFn kExec> void no_it(Core& c, const Inst& i) {
  c.require_outside_it(i);
  kExec(c, i);
}

Rounding rounding_of(const Inst& i, uint32_t fpscr) {
  return i.imm == kFpscrRounding ? fpscr_rounding(fpscr) : Rounding(i.imm);
}

template <class B> using Binary = B (*)(B, B, uint32_t&);
template <class Bd, class Bm> using Unary = Bd (*)(Bm, uint32_t&);

// VADD, VSUB, VMUL, VDIV, VNMUL, VMAXNM, VMINNM: Dd = op(Dn, Dm).
template <class B, Binary<B> kOp> void exec_binary(Core& c, const Inst& i) {
  c.check_fp_enabled();
  set<B>(c, i.rd, kOp(get<B>(c, i.rn), get<B>(c, i.rm), c.s.fpscr));
}

// VABS, VNEG, VMOV (register), VSQRT, VCVT between widths, VCVTB/VCVTT from half: Dd = op(Dm).
template <class Bd, class Bm, Unary<Bd, Bm> kOp> void exec_unary(Core& c, const Inst& i) {
  c.check_fp_enabled();
  set<Bd>(c, i.rd, kOp(get<Bm>(c, i.rm), c.s.fpscr));
}

template <class B> B nmul(B a, B b, uint32_t& fpscr) { return fp_neg(fp_mul(a, b, fpscr)); }
template <class B> B abs_op(B a, uint32_t&) { return fp_abs(a); }
template <class B> B neg_op(B a, uint32_t&) { return fp_neg(a); }
template <class B> B copy_op(B a, uint32_t&) { return a; }
template <class B, bool kTop> B from_half(S a, uint32_t& fpscr) {
  return half_to_fp<B>(uint16_t(a >> (kTop ? 16 : 0)), fpscr);
}

// VMLA, VMLS, VNMLA, VNMLS (product rounded, then the sum: FPAdd(±Dd, ±FPMul(Dn, Dm))) and
// VFMA, VFMS, VFNMA, VFNMS (one rounding: FPMulAdd(±Dd, ±Dn, Dm)).
template <class B, bool kFused, bool kNegAcc, bool kNegMul> void exec_mul_acc(Core& c, const Inst& i) {
  c.check_fp_enabled();
  uint32_t& fpscr = c.s.fpscr;
  const B acc = kNegAcc ? fp_neg(get<B>(c, i.rd)) : get<B>(c, i.rd), n = get<B>(c, i.rn), m = get<B>(c, i.rm);
  if constexpr (kFused) {
    set<B>(c, i.rd, fp_mul_add(acc, kNegMul ? fp_neg(n) : n, m, fpscr));
  } else {
    const B product = fp_mul(n, m, fpscr);
    set<B>(c, i.rd, fp_add(acc, kNegMul ? fp_neg(product) : product, fpscr));
  }
}

template <class B> void exec_vmov_imm(Core& c, const Inst& i) {  // VMOV (immediate)
  c.check_fp_enabled();
  set<B>(c, i.rd, B(i.imm) << (8 * sizeof(B) - 32));
}

template <class B, bool kSignalNaNs> void exec_vcmp(Core& c, const Inst& i) {  // VCMP, VCMPE: FPSCR.NZCV
  c.check_fp_enabled();
  uint32_t& fpscr = c.s.fpscr;
  const B m = (i.flags & kWithZero) ? B(0) : get<B>(c, i.rm);
  const uint32_t nzcv = fp_compare(get<B>(c, i.rd), m, kSignalNaNs, fpscr);
  fpscr = (fpscr & 0x0FFFFFFFu) | (nzcv << 28);
}

template <class B> void exec_vrint(Core& c, const Inst& i) {  // VRINTA/N/P/M/R/X/Z
  c.check_fp_enabled();
  uint32_t& fpscr = c.s.fpscr;
  set<B>(c, i.rd, fp_round_int(get<B>(c, i.rm), rounding_of(i, fpscr), i.flags & kExact, fpscr));
}

template <class B> void exec_to_int(Core& c, const Inst& i) {  // VCVT, VCVTR, VCVTA/N/P/M to a 32-bit integer
  c.check_fp_enabled();
  uint32_t& fpscr = c.s.fpscr;
  c.s.s[i.rd] = fp_to_fixed(get<B>(c, i.rm), 32, 0, i.flags & kUnsigned, rounding_of(i, fpscr), fpscr);
}

template <class B> void exec_from_int(Core& c, const Inst& i) {  // VCVT from a 32-bit integer
  c.check_fp_enabled();
  set<B>(c, i.rd, fixed_to_fp<B>(c.s.s[i.rm], 32, 0, i.flags & kUnsigned, c.s.fpscr));
}

// VCVT (between floating-point and fixed-point), in place; the fixed-point value is the register's low
// `size` bits, a result is extended to the register's width.
template <class B> void exec_vcvt_fixed(Core& c, const Inst& i) {
  c.check_fp_enabled();
  uint32_t& fpscr = c.s.fpscr;
  const B v = get<B>(c, i.rd);
  const bool is_unsigned = i.flags & kUnsigned;
  if (i.flags & kToFixed) {
    const uint32_t r = fp_to_fixed(v, i.list, i.imm, is_unsigned, Rounding::kZero, fpscr);
    set<B>(c, i.rd, is_unsigned ? B(r) : B(int64_t(int32_t(r))));
  } else {
    set<B>(c, i.rd, fixed_to_fp<B>(uint32_t(v), i.list, i.imm, is_unsigned, fpscr));
  }
}

template <class B, bool kTop> void exec_to_half(Core& c, const Inst& i) {  // VCVTB, VCVTT to half precision
  c.check_fp_enabled();
  const uint32_t h = fp_to_half(get<B>(c, i.rm), c.s.fpscr), shift = kTop ? 16 : 0;
  c.s.s[i.rd] = (c.s.s[i.rd] & ~(0xFFFFu << shift)) | (h << shift);
}

template <class B> void exec_vsel(Core& c, const Inst& i) {  // VSEL: Dd = if ConditionHolds(cond) then Dn else Dm
  c.check_fp_enabled();
  set<B>(c, i.rd, get<B>(c, c.condition_passed(i.imm) ? i.rn : i.rm));
}

// VLDR, VSTR, VLDM, VSTM, VPUSH, VPOP (MemA word accesses; D<n> is its two words, low word first).
template <bool kLoad> void exec_load_store(Core& c, const Inst& i) {
  c.check_fp_enabled();
  const uint32_t base = i.rn == 15 ? (c.reg(15) & ~3u) : c.reg(i.rn);
  const uint32_t offset_base = (i.flags & kAdd) ? base + i.imm : base - i.imm;
  const uint32_t address = (i.flags & kIndex) ? offset_base : base;
  if constexpr (kLoad) {
    uint32_t words[32];
    for (unsigned k = 0; k < i.list; ++k) words[k] = c.mem_a(address + 4 * k, 4);
    std::copy_n(words, i.list, c.s.s + i.rd);
  } else {
    for (unsigned k = 0; k < i.list; ++k) c.set_mem_a(address + 4 * k, 4, c.s.s[i.rd + k]);
  }
  if (i.flags & kWback) c.set_reg(i.rn, offset_base);
}

void exec_vmov_core(Core& c, const Inst& i) {  // VMOV between core registers and S registers / D halves
  c.check_fp_enabled();
  const uint8_t core[2] = {i.rd, i.ra};
  for (unsigned k = 0; k < i.list; ++k) {
    if (i.flags & kToCore) c.set_reg(core[k], c.s.s[i.rn + k]);
    else c.s.s[i.rn + k] = c.reg(core[k]);
  }
}

void exec_vmrs(Core& c, const Inst& i) {  // VMRS: Rt = FPSCR, or APSR.NZCV = FPSCR.NZCV
  c.check_fp_enabled();
  if (i.rd == 15) c.s.set_apsr_nzcvq((c.s.fpscr & 0xF0000000u) | (uint32_t(c.s.q) << 27));
  else c.set_reg(i.rd, c.s.fpscr);
}

void exec_vmsr(Core& c, const Inst& i) {  // VMSR: FPSCR = Rt (reserved bits read as zero)
  c.check_fp_enabled();
  c.s.fpscr = c.reg(i.rd) & kFpscrWritable;
}

constexpr uint32_t kNearest = uint32_t(Rounding::kNearest), kPlusInf = uint32_t(Rounding::kPlusInf),
                   kMinusInf = uint32_t(Rounding::kMinusInf), kZero = uint32_t(Rounding::kZero),
                   kTiesAway = uint32_t(Rounding::kTiesAway);

// ---------------------------------------------------------------- decoder table
// Patterns are written halfword by halfword; the sz bit (bit 8 of the second halfword) is spelled out.

// The rest of the coprocessor space (A5.3.18: CDP, MCR, MRC, MCRR, MRRC, LDC, STC and their "2" forms). The
// Cortex-M4 and M7 have no coprocessor but the FPU (CP10/CP11), and executing any other coprocessor instruction
// raises a NOCP UsageFault (B3.2.15 UFSR.NOCP: "the processor does not support coprocessor instructions").
// coproc 101x is the FP space: what its lines above did not claim is UNDEFINED ("SEE Floating-point").
DecodeResult decode_coprocessor(const Fields& f, Inst& i) {
  const uint32_t coproc = bits(f.raw, 11, 8);
  if ((coproc >> 1) == 0b101) return DecodeResult::kSeeOther;
  i.imm = coproc;
  return kOk;
}
// LDC/STC: P = U = W = 0 is MCRR/MRRC (more specific lines) or UNDEFINED.
DecodeResult decode_coprocessor_load_store(const Fields& f, Inst& i) {
  if (f('P') == 0 && f('U') == 0 && f('W') == 0) return kUndefined;
  return decode_coprocessor(f, i);
}
void exec_coprocessor(Core& c, const Inst& i) { c.fault(FaultKind::kNoCp, "coprocessor p" + std::to_string(i.imm)); }

constexpr Encoding kEncodings[] = {
    // A6.4 data processing (T = 0): three registers
    {"VMLA T1",   "111011100D00nnnn" "dddd1010N0M0mmmm", decode_dnm<S>, exec_mul_acc<S, false, false, false>, kSp},
    {"VMLA T1",   "111011100D00nnnn" "dddd1011N0M0mmmm", decode_dnm<D>, exec_mul_acc<D, false, false, false>, kDp},
    {"VMLS T1",   "111011100D00nnnn" "dddd1010N1M0mmmm", decode_dnm<S>, exec_mul_acc<S, false, false, true>, kSp},
    {"VMLS T1",   "111011100D00nnnn" "dddd1011N1M0mmmm", decode_dnm<D>, exec_mul_acc<D, false, false, true>, kDp},
    {"VNMLA T1",  "111011100D01nnnn" "dddd1010N1M0mmmm", decode_dnm<S>, exec_mul_acc<S, false, true, true>, kSp},
    {"VNMLA T1",  "111011100D01nnnn" "dddd1011N1M0mmmm", decode_dnm<D>, exec_mul_acc<D, false, true, true>, kDp},
    {"VNMLS T1",  "111011100D01nnnn" "dddd1010N0M0mmmm", decode_dnm<S>, exec_mul_acc<S, false, true, false>, kSp},
    {"VNMLS T1",  "111011100D01nnnn" "dddd1011N0M0mmmm", decode_dnm<D>, exec_mul_acc<D, false, true, false>, kDp},
    {"VMUL T1",   "111011100D10nnnn" "dddd1010N0M0mmmm", decode_dnm<S>, exec_binary<S, fp_mul<S>>, kSp},
    {"VMUL T1",   "111011100D10nnnn" "dddd1011N0M0mmmm", decode_dnm<D>, exec_binary<D, fp_mul<D>>, kDp},
    {"VNMUL T2",  "111011100D10nnnn" "dddd1010N1M0mmmm", decode_dnm<S>, exec_binary<S, nmul<S>>, kSp},
    {"VNMUL T2",  "111011100D10nnnn" "dddd1011N1M0mmmm", decode_dnm<D>, exec_binary<D, nmul<D>>, kDp},
    {"VADD T1",   "111011100D11nnnn" "dddd1010N0M0mmmm", decode_dnm<S>, exec_binary<S, fp_add<S>>, kSp},
    {"VADD T1",   "111011100D11nnnn" "dddd1011N0M0mmmm", decode_dnm<D>, exec_binary<D, fp_add<D>>, kDp},
    {"VSUB T1",   "111011100D11nnnn" "dddd1010N1M0mmmm", decode_dnm<S>, exec_binary<S, fp_sub<S>>, kSp},
    {"VSUB T1",   "111011100D11nnnn" "dddd1011N1M0mmmm", decode_dnm<D>, exec_binary<D, fp_sub<D>>, kDp},
    {"VDIV T1",   "111011101D00nnnn" "dddd1010N0M0mmmm", decode_dnm<S>, exec_binary<S, fp_div<S>>, kSp},
    {"VDIV T1",   "111011101D00nnnn" "dddd1011N0M0mmmm", decode_dnm<D>, exec_binary<D, fp_div<D>>, kDp},
    {"VFNMA T1",  "111011101D01nnnn" "dddd1010N1M0mmmm", decode_dnm<S>, exec_mul_acc<S, true, true, true>, kSp},
    {"VFNMA T1",  "111011101D01nnnn" "dddd1011N1M0mmmm", decode_dnm<D>, exec_mul_acc<D, true, true, true>, kDp},
    {"VFNMS T1",  "111011101D01nnnn" "dddd1010N0M0mmmm", decode_dnm<S>, exec_mul_acc<S, true, true, false>, kSp},
    {"VFNMS T1",  "111011101D01nnnn" "dddd1011N0M0mmmm", decode_dnm<D>, exec_mul_acc<D, true, true, false>, kDp},
    {"VFMA T1",   "111011101D10nnnn" "dddd1010N0M0mmmm", decode_dnm<S>, exec_mul_acc<S, true, false, false>, kSp},
    {"VFMA T1",   "111011101D10nnnn" "dddd1011N0M0mmmm", decode_dnm<D>, exec_mul_acc<D, true, false, false>, kDp},
    {"VFMS T1",   "111011101D10nnnn" "dddd1010N1M0mmmm", decode_dnm<S>, exec_mul_acc<S, true, false, true>, kSp},
    {"VFMS T1",   "111011101D10nnnn" "dddd1011N1M0mmmm", decode_dnm<D>, exec_mul_acc<D, true, false, true>, kDp},
    // A6.4 data processing (T = 0): "other" (opc1 = 1x11)
    {"VMOV (immediate) T1", "111011101D11iiii" "dddd1010z0z0iiii", decode_vmov_imm<S>, exec_vmov_imm<S>, kSp},
    {"VMOV (immediate) T1", "111011101D11iiii" "dddd1011z0z0iiii", decode_vmov_imm<D>, exec_vmov_imm<D>, kDp},
    {"VMOV (register) T1",  "111011101D110000" "dddd101001M0mmmm", decode_dm<S>, exec_unary<S, S, copy_op<S>>, kSp},
    {"VMOV (register) T1",  "111011101D110000" "dddd101101M0mmmm", decode_dm<D>, exec_unary<D, D, copy_op<D>>, kDp},
    {"VABS T1",   "111011101D110000" "dddd101011M0mmmm", decode_dm<S>, exec_unary<S, S, abs_op<S>>, kSp},
    {"VABS T1",   "111011101D110000" "dddd101111M0mmmm", decode_dm<D>, exec_unary<D, D, abs_op<D>>, kDp},
    {"VNEG T1",   "111011101D110001" "dddd101001M0mmmm", decode_dm<S>, exec_unary<S, S, neg_op<S>>, kSp},
    {"VNEG T1",   "111011101D110001" "dddd101101M0mmmm", decode_dm<D>, exec_unary<D, D, neg_op<D>>, kDp},
    {"VSQRT T1",  "111011101D110001" "dddd101011M0mmmm", decode_dm<S>, exec_unary<S, S, fp_sqrt<S>>, kSp},
    {"VSQRT T1",  "111011101D110001" "dddd101111M0mmmm", decode_dm<D>, exec_unary<D, D, fp_sqrt<D>>, kDp},
    {"VCVTB T1",  "111011101D110010" "dddd101001M0mmmm", decode_dm<S, S>, exec_unary<S, S, from_half<S, false>>, kSp},
    {"VCVTB T1",  "111011101D110010" "dddd101101M0mmmm", decode_dm<D, S>, exec_unary<D, S, from_half<D, false>>, kDpV5},
    {"VCVTT T1",  "111011101D110010" "dddd101011M0mmmm", decode_dm<S, S>, exec_unary<S, S, from_half<S, true>>, kSp},
    {"VCVTT T1",  "111011101D110010" "dddd101111M0mmmm", decode_dm<D, S>, exec_unary<D, S, from_half<D, true>>, kDpV5},
    {"VCVTB T1",  "111011101D110011" "dddd101001M0mmmm", decode_dm<S, S>, exec_to_half<S, false>, kSp},
    {"VCVTB T1",  "111011101D110011" "dddd101101M0mmmm", decode_dm<S, D>, exec_to_half<D, false>, kDpV5},
    {"VCVTT T1",  "111011101D110011" "dddd101011M0mmmm", decode_dm<S, S>, exec_to_half<S, true>, kSp},
    {"VCVTT T1",  "111011101D110011" "dddd101111M0mmmm", decode_dm<S, D>, exec_to_half<D, true>, kDpV5},
    {"VCMP T1",   "111011101D110100" "dddd101001M0mmmm", decode_dm<S>, exec_vcmp<S, false>, kSp},
    {"VCMP T1",   "111011101D110100" "dddd101101M0mmmm", decode_dm<D>, exec_vcmp<D, false>, kDp},
    {"VCMPE T1",  "111011101D110100" "dddd101011M0mmmm", decode_dm<S>, exec_vcmp<S, true>, kSp},
    {"VCMPE T1",  "111011101D110100" "dddd101111M0mmmm", decode_dm<D>, exec_vcmp<D, true>, kDp},
    {"VCMP T2",   "111011101D110101" "dddd101001z0zzzz", decode_dm<S, S, kWithZero>, exec_vcmp<S, false>, kSp},
    {"VCMP T2",   "111011101D110101" "dddd101101z0zzzz", decode_dm<D, D, kWithZero>, exec_vcmp<D, false>, kDp},
    {"VCMPE T2",  "111011101D110101" "dddd101011z0zzzz", decode_dm<S, S, kWithZero>, exec_vcmp<S, true>, kSp},
    {"VCMPE T2",  "111011101D110101" "dddd101111z0zzzz", decode_dm<D, D, kWithZero>, exec_vcmp<D, true>, kDp},
    {"VRINTR T1", "111011101D110110" "dddd101001M0mmmm", decode_rint<S, kFpscrRounding>, exec_vrint<S>, kSpV5},
    {"VRINTR T1", "111011101D110110" "dddd101101M0mmmm", decode_rint<D, kFpscrRounding>, exec_vrint<D>, kDpV5},
    {"VRINTZ T1", "111011101D110110" "dddd101011M0mmmm", decode_rint<S, kZero>, exec_vrint<S>, kSpV5},
    {"VRINTZ T1", "111011101D110110" "dddd101111M0mmmm", decode_rint<D, kZero>, exec_vrint<D>, kDpV5},
    {"VRINTX T1", "111011101D110111" "dddd101001M0mmmm", decode_rint<S, kFpscrRounding, kExact>, exec_vrint<S>, kSpV5},
    {"VRINTX T1", "111011101D110111" "dddd101101M0mmmm", decode_rint<D, kFpscrRounding, kExact>, exec_vrint<D>, kDpV5},
    {"VCVT (between double-precision and single-precision) T1",
                  "111011101D110111" "dddd101011M0mmmm", decode_dm<D, S>, exec_unary<D, S, fp_convert<D, S>>, kDp},
    {"VCVT (between double-precision and single-precision) T1",
                  "111011101D110111" "dddd101111M0mmmm", decode_dm<S, D>, exec_unary<S, D, fp_convert<S, D>>, kDp},
    {"VCVT (between floating-point and integer) T1",
                  "111011101D111000" "dddd1010g1M0mmmm", decode_int<S, S>, exec_from_int<S>, kSp},
    {"VCVT (between floating-point and integer) T1",
                  "111011101D111000" "dddd1011g1M0mmmm", decode_int<D, S>, exec_from_int<D>, kDp},
    {"VCVT (between floating-point and integer) T1",
                  "111011101D11110g" "dddd101011M0mmmm", decode_int<S, S, kZero>, exec_to_int<S>, kSp},
    {"VCVT (between floating-point and integer) T1",
                  "111011101D11110g" "dddd101111M0mmmm", decode_int<S, D, kZero>, exec_to_int<D>, kDp},
    {"VCVTR (between floating-point and integer) T1",
                  "111011101D11110g" "dddd101001M0mmmm", decode_int<S, S>, exec_to_int<S>, kSp},
    {"VCVTR (between floating-point and integer) T1",
                  "111011101D11110g" "dddd101101M0mmmm", decode_int<S, D>, exec_to_int<D>, kDp},
    {"VCVT (between floating-point and fixed-point) T1",
                  "111011101D111o1U" "dddd1010w1j0iiii", decode_fixed<S>, exec_vcvt_fixed<S>, kSp},
    {"VCVT (between floating-point and fixed-point) T1",
                  "111011101D111o1U" "dddd1011w1j0iiii", decode_fixed<D>, exec_vcvt_fixed<D>, kDp},
    // FPv5 (T = 1): unconditional
    {"VSEL T1",   "111111100Dccnnnn" "dddd1010N0M0mmmm", decode_vsel<S>, no_it<exec_vsel<S>>, kSpV5},
    {"VSEL T1",   "111111100Dccnnnn" "dddd1011N0M0mmmm", decode_vsel<D>, no_it<exec_vsel<D>>, kDpV5},
    {"VMAXNM T1", "111111101D00nnnn" "dddd1010N0M0mmmm", decode_dnm<S>, no_it<exec_binary<S, fp_max_num<S>>>, kSpV5},
    {"VMAXNM T1", "111111101D00nnnn" "dddd1011N0M0mmmm", decode_dnm<D>, no_it<exec_binary<D, fp_max_num<D>>>, kDpV5},
    {"VMINNM T1", "111111101D00nnnn" "dddd1010N1M0mmmm", decode_dnm<S>, no_it<exec_binary<S, fp_min_num<S>>>, kSpV5},
    {"VMINNM T1", "111111101D00nnnn" "dddd1011N1M0mmmm", decode_dnm<D>, no_it<exec_binary<D, fp_min_num<D>>>, kDpV5},
    {"VRINTA T1", "111111101D111000" "dddd101001M0mmmm", decode_rint<S, kTiesAway>, no_it<exec_vrint<S>>, kSpV5},
    {"VRINTA T1", "111111101D111000" "dddd101101M0mmmm", decode_rint<D, kTiesAway>, no_it<exec_vrint<D>>, kDpV5},
    {"VRINTN T1", "111111101D111001" "dddd101001M0mmmm", decode_rint<S, kNearest>, no_it<exec_vrint<S>>, kSpV5},
    {"VRINTN T1", "111111101D111001" "dddd101101M0mmmm", decode_rint<D, kNearest>, no_it<exec_vrint<D>>, kDpV5},
    {"VRINTP T1", "111111101D111010" "dddd101001M0mmmm", decode_rint<S, kPlusInf>, no_it<exec_vrint<S>>, kSpV5},
    {"VRINTP T1", "111111101D111010" "dddd101101M0mmmm", decode_rint<D, kPlusInf>, no_it<exec_vrint<D>>, kDpV5},
    {"VRINTM T1", "111111101D111011" "dddd101001M0mmmm", decode_rint<S, kMinusInf>, no_it<exec_vrint<S>>, kSpV5},
    {"VRINTM T1", "111111101D111011" "dddd101101M0mmmm", decode_rint<D, kMinusInf>, no_it<exec_vrint<D>>, kDpV5},
    {"VCVTA T1",  "111111101D111100" "dddd1010g1M0mmmm", decode_int<S, S, kTiesAway>, no_it<exec_to_int<S>>, kSpV5},
    {"VCVTA T1",  "111111101D111100" "dddd1011g1M0mmmm", decode_int<S, D, kTiesAway>, no_it<exec_to_int<D>>, kDpV5},
    {"VCVTN T1",  "111111101D111101" "dddd1010g1M0mmmm", decode_int<S, S, kNearest>, no_it<exec_to_int<S>>, kSpV5},
    {"VCVTN T1",  "111111101D111101" "dddd1011g1M0mmmm", decode_int<S, D, kNearest>, no_it<exec_to_int<D>>, kDpV5},
    {"VCVTP T1",  "111111101D111110" "dddd1010g1M0mmmm", decode_int<S, S, kPlusInf>, no_it<exec_to_int<S>>, kSpV5},
    {"VCVTP T1",  "111111101D111110" "dddd1011g1M0mmmm", decode_int<S, D, kPlusInf>, no_it<exec_to_int<D>>, kDpV5},
    {"VCVTM T1",  "111111101D111111" "dddd1010g1M0mmmm", decode_int<S, S, kMinusInf>, no_it<exec_to_int<S>>, kSpV5},
    {"VCVTM T1",  "111111101D111111" "dddd1011g1M0mmmm", decode_int<S, D, kMinusInf>, no_it<exec_to_int<D>>, kDpV5},
    // A6.5 extension register load/store (T1: doubleword registers, T2: single-precision registers)
    {"VSTM T1",   "1110110PUDW0nnnn" "dddd1011iiiiiiii", decode_vldm<true>, exec_load_store<false>, kSp},
    {"VSTM T2",   "1110110PUDW0nnnn" "dddd1010iiiiiiii", decode_vldm<false>, exec_load_store<false>, kSp},
    {"VLDM T1",   "1110110PUDW1nnnn" "dddd1011iiiiiiii", decode_vldm<true>, exec_load_store<true>, kSp},
    {"VLDM T2",   "1110110PUDW1nnnn" "dddd1010iiiiiiii", decode_vldm<false>, exec_load_store<true>, kSp},
    {"VSTR T1",   "11101101UD00nnnn" "dddd1011iiiiiiii", decode_vldr<true, true>, exec_load_store<false>, kSp},
    {"VSTR T2",   "11101101UD00nnnn" "dddd1010iiiiiiii", decode_vldr<false, true>, exec_load_store<false>, kSp},
    {"VLDR T1",   "11101101UD01nnnn" "dddd1011iiiiiiii", decode_vldr<true, false>, exec_load_store<true>, kSp},
    {"VLDR T2",   "11101101UD01nnnn" "dddd1010iiiiiiii", decode_vldr<false, false>, exec_load_store<true>, kSp},
    {"VPUSH T1",  "111011010D101101" "dddd1011iiiiiiii", decode_vpush<true, true>, exec_load_store<false>, kSp},
    {"VPUSH T2",  "111011010D101101" "dddd1010iiiiiiii", decode_vpush<false, true>, exec_load_store<false>, kSp},
    {"VPOP T1",   "111011001D111101" "dddd1011iiiiiiii", decode_vpush<true, false>, exec_load_store<true>, kSp},
    {"VPOP T2",   "111011001D111101" "dddd1010iiiiiiii", decode_vpush<false, false>, exec_load_store<true>, kSp},
    // A6.6 32-bit transfers between core and extension registers
    {"VMOV (between ARM core register and single-precision register) T1",
                  "11101110000Lnnnn" "tttt1010Nzz1zzzz", decode_vmov_single, exec_vmov_core, kSp},
    {"VMOV (ARM core register to scalar) T1",
                  "1110111000h0nnnn" "tttt1011N001zzzz", decode_vmov_scalar, exec_vmov_core, kSp},
    {"VMOV (scalar to ARM core register) T1",
                  "1110111000h1nnnn" "tttt1011N001zzzz", decode_vmov_scalar, exec_vmov_core, kSp},
    {"VMSR T1",   "1110111011100001" "tttt1010zzz1zzzz", decode_vmrs_vmsr<false>, exec_vmsr, kSp},
    {"VMRS T1",   "1110111011110001" "tttt1010zzz1zzzz", decode_vmrs_vmsr<true>, exec_vmrs, kSp},
    // A6.7 64-bit transfers between core and extension registers
    {"VMOV (between two ARM core registers and two single-precision registers) T1",
                  "11101100010Luuuu" "tttt101000M1mmmm", decode_vmov_pair<false>, exec_vmov_core, kSp},
    {"VMOV (between two ARM core registers and a doubleword extension register) T1",
                  "11101100010Luuuu" "tttt101100M1mmmm", decode_vmov_pair<true>, exec_vmov_core, kSp},
    // A5.3.18 other coprocessors: NOCP. MCRR/MRRC are split on the top bit of coproc so that their 1xxx half is
    // more specific than VLDM/VSTM (coproc 101x), with which they share the P = U = W = 0 corner.
    {"CDP T1",   "11101110xxxxxxxx" "xxxxxxxxxxx0xxxx", decode_coprocessor, exec_coprocessor},
    {"CDP2 T2",  "11111110xxxxxxxx" "xxxxxxxxxxx0xxxx", decode_coprocessor, exec_coprocessor},
    {"MCR T1",   "11101110xxx0xxxx" "xxxxxxxxxxx1xxxx", decode_coprocessor, exec_coprocessor},
    {"MCR2 T2",  "11111110xxx0xxxx" "xxxxxxxxxxx1xxxx", decode_coprocessor, exec_coprocessor},
    {"MRC T1",   "11101110xxx1xxxx" "xxxxxxxxxxx1xxxx", decode_coprocessor, exec_coprocessor},
    {"MRC2 T2",  "11111110xxx1xxxx" "xxxxxxxxxxx1xxxx", decode_coprocessor, exec_coprocessor},
    {"MCRR T1",  "111011000100xxxx" "xxxx0xxxxxxxxxxx", decode_coprocessor, exec_coprocessor},
    {"MCRR T1",  "111011000100xxxx" "xxxx1xxxxxxxxxxx", decode_coprocessor, exec_coprocessor},
    {"MCRR2 T2", "111111000100xxxx" "xxxx0xxxxxxxxxxx", decode_coprocessor, exec_coprocessor},
    {"MCRR2 T2", "111111000100xxxx" "xxxx1xxxxxxxxxxx", decode_coprocessor, exec_coprocessor},
    {"MRRC T1",  "111011000101xxxx" "xxxx0xxxxxxxxxxx", decode_coprocessor, exec_coprocessor},
    {"MRRC T1",  "111011000101xxxx" "xxxx1xxxxxxxxxxx", decode_coprocessor, exec_coprocessor},
    {"MRRC2 T2", "111111000101xxxx" "xxxx0xxxxxxxxxxx", decode_coprocessor, exec_coprocessor},
    {"MRRC2 T2", "111111000101xxxx" "xxxx1xxxxxxxxxxx", decode_coprocessor, exec_coprocessor},
    {"LDC T1",   "1110110PU0W1xxxx" "xxxxxxxxxxxxxxxx", decode_coprocessor_load_store, exec_coprocessor},
    {"LDCL T1",  "1110110PU1W1xxxx" "xxxxxxxxxxxxxxxx", decode_coprocessor_load_store, exec_coprocessor},
    {"LDC2 T2",  "1111110PU0W1xxxx" "xxxxxxxxxxxxxxxx", decode_coprocessor_load_store, exec_coprocessor},
    {"LDC2L T2", "1111110PU1W1xxxx" "xxxxxxxxxxxxxxxx", decode_coprocessor_load_store, exec_coprocessor},
    {"STC T1",   "1110110PU0W0xxxx" "xxxxxxxxxxxxxxxx", decode_coprocessor_load_store, exec_coprocessor},
    {"STCL T1",  "1110110PU1W0xxxx" "xxxxxxxxxxxxxxxx", decode_coprocessor_load_store, exec_coprocessor},
    {"STC2 T2",  "1111110PU0W0xxxx" "xxxxxxxxxxxxxxxx", decode_coprocessor_load_store, exec_coprocessor},
    {"STC2L T2", "1111110PU1W0xxxx" "xxxxxxxxxxxxxxxx", decode_coprocessor_load_store, exec_coprocessor},
};

}  // namespace

std::span<const Encoding> floating_point_encodings() { return kEncodings; }

}  // namespace mcuprof
