// Instruction family: multiply_dsp. Multiply and divide, the DSP extension's multiplies, parallel add/subtract,
// saturation, packing and extension (ARMv7-M ARM, DDI 0403E: encoding tables A5.2.5, A5.3.3, A5.3.11-A5.3.17;
// instructions in A7.7).
//
// Inst fields: rd rn rm as named; ra = Ra (accumulator), or RdHi in the long forms (then rd = RdLo);
// imm = saturate_to (SSAT/USAT and their 16-bit forms); shift_type/shift_n = the operand shift of SSAT/USAT/PKH;
// shift_n = the rotation (0, 8, 16, 24) of the extend instructions.
// Pattern letters: 'A' and 'B' become kFlagA and kFlagB:
//   kFlagA: N (Rn's top half) of SMLA<x><y>/SMUL<x><y>/SMLAL<x><y>; R (round) of SMMUL/SMMLA/SMMLS; tb of PKHBT/PKHTB.
//   kFlagB: M (Rm's top half) of SMLA<x><y>/SMUL<x><y>/SMLAL<x><y>/SMLAW<y>/SMULW<y>; X (swap Rm's halves) of the
//           dual multiplies SMLAD/SMUAD/SMLSD/SMUSD/SMLALD/SMLSLD.
// 'Z' marks the manual's should-be-zero bits "(0)" and 'O' its should-be-one bits "(1)": other values are
// UNPREDICTABLE.
#include <cstdlib>

#include "cores/core.h"
#include "cores/decoder/decoder.h"

namespace mcuprof {
namespace {

using DR = DecodeResult;

// ---------------------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------------------

bool bad(unsigned r) { return r == 13 || r == 15; }  // the manual's "n IN {13,15}"

// Every decode function ends here: the A/B bits become flags, and a constraint or a should-be bit that does
// not hold makes the encoding UNPREDICTABLE.
DR done(const Fields& f, Inst& i, bool unpredictable) {
  i.flags |= (f('A') ? kFlagA : 0) | (f('B') ? kFlagB : 0);
  return unpredictable || f('Z') != 0 ? DR::kUnpredictable : DR::kOk;
}

bool take_dnm(const Fields& f, Inst& i) {
  i.rd = f('d'); i.rn = f('n'); i.rm = f('m');
  return bad(i.rd) || bad(i.rn) || bad(i.rm);
}

// A7.7.83 MUL T1: Rdm is the destination and the second operand; setflags = !InITBlock().
DR dec_mul16(const Fields& f, Inst& i) {
  i.rd = i.rm = f('d'); i.rn = f('n'); i.flags = kSetFlagsOutsideIt;
  return DR::kOk;
}
DR dec_dnm(const Fields& f, Inst& i) { return done(f, i, take_dnm(f, i)); }
// Accumulating forms whose Ra = 1111 is the separate non-accumulating encoding: only Ra = 13 is UNPREDICTABLE.
DR dec_dnma(const Fields& f, Inst& i) { i.ra = f('a'); return done(f, i, take_dnm(f, i) || i.ra == 13); }
// MLS, SMMLS: no Ra = 1111 form, so Ra IN {13,15} is UNPREDICTABLE.
DR dec_dnma_all(const Fields& f, Inst& i) { i.ra = f('a'); return done(f, i, take_dnm(f, i) || bad(i.ra)); }
// Long multiplies: RdLo (l), RdHi (h), and dHi == dLo is UNPREDICTABLE.
DR dec_long(const Fields& f, Inst& i) {
  i.rd = f('l'); i.ra = f('h'); i.rn = f('n'); i.rm = f('m');
  return done(f, i, bad(i.rd) || bad(i.ra) || bad(i.rn) || bad(i.rm) || i.rd == i.ra);
}
// SDIV, UDIV: bits [15:12] are (1)(1)(1)(1).
DR dec_div(const Fields& f, Inst& i) { return done(f, i, take_dnm(f, i) || f('O') != 0xF); }
// SSAT/USAT (sh:'0', imm3:imm2 shift) and SSAT16/USAT16 (no shift): saturate_to = sat_imm (+1 when signed).
template <bool Signed>
DR dec_sat(const Fields& f, Inst& i) {
  const ImmShift s = decode_imm_shift(f('h') << 1, f('i'));
  i.rd = f('d'); i.rn = f('n'); i.imm = f('s') + Signed; i.shift_type = s.type; i.shift_n = s.amount;
  return done(f, i, bad(i.rd) || bad(i.rn));
}
// PKHBT, PKHTB: tb selects LSL or ASR as in DecodeImmShift(tb:'0', imm3:imm2).
DR dec_pkh(const Fields& f, Inst& i) {
  const ImmShift s = decode_imm_shift(f('A') << 1, f('i'));
  i.shift_type = s.type; i.shift_n = s.amount;
  return done(f, i, take_dnm(f, i));
}
// SXTB/SXTH/UXTB/UXTH/SXTB16/UXTB16: rotation = rotate:'000' (none in the 16-bit encodings).
DR dec_extend(const Fields& f, Inst& i) {
  i.rd = f('d'); i.rm = f('m'); i.shift_n = uint8_t(8 * f('r'));
  return done(f, i, bad(i.rd) || bad(i.rm));
}
// The accumulating extends (SXTAB...): Rn = 1111 is the plain extend, Rn = 13 is UNPREDICTABLE.
DR dec_extend_add(const Fields& f, Inst& i) {
  i.rd = f('d'); i.rn = f('n'); i.rm = f('m'); i.shift_n = uint8_t(8 * f('r'));
  return done(f, i, bad(i.rd) || bad(i.rm) || i.rn == 13);
}

// ---------------------------------------------------------------------------------------------------------
// Semantics helpers
// ---------------------------------------------------------------------------------------------------------

int64_t sint(uint32_t x) { return int32_t(x); }                                    // SInt(x) of a word
int64_t half(uint32_t x, bool top) { return int16_t(top ? x >> 16 : x & 0xFFFF); }  // SInt(x<31:16> or x<15:0>)
bool has(const Inst& i, uint8_t flag) { return i.flags & flag; }
void set_q_if(Core& c, bool saturated) { if (saturated) c.s.q = true; }

template <bool Acc>
uint32_t acc(const Core& c, const Inst& i) { return Acc ? c.reg(i.ra) : 0; }

// R[d] = result<31:0>; "if result != SInt(result<31:0>) then APSR.Q = '1'".
void write_q(Core& c, unsigned d, int64_t result) {
  c.set_reg(d, uint32_t(result));
  set_q_if(c, result != int32_t(result));
}

// R[dHi]:R[dLo] of the long forms
uint64_t read_long(const Core& c, const Inst& i) { return (uint64_t(c.reg(i.ra)) << 32) | c.reg(i.rd); }
void write_long(Core& c, const Inst& i, uint64_t v) {
  c.set_reg(i.ra, uint32_t(v >> 32));
  c.set_reg(i.rd, uint32_t(v));
}

template <bool Signed>
SatResult saturate(int64_t x, unsigned n) { return Signed ? signed_sat_q(x, n) : unsigned_sat_q(x, n); }

// ---------------------------------------------------------------------------------------------------------
// Multiply and divide (A5.3.16, A5.3.17)
// ---------------------------------------------------------------------------------------------------------

// A7.7.83 MUL
void exec_mul(Core& c, const Inst& i) {
  const uint32_t r = c.reg(i.rn) * c.reg(i.rm);
  c.set_reg(i.rd, r);
  if (c.setflags(i)) c.set_nz(r);
}

// A7.7.73 MLA, A7.7.74 MLS
template <bool Sub>
void exec_mla(Core& c, const Inst& i) {
  const uint32_t p = c.reg(i.rn) * c.reg(i.rm);
  c.set_reg(i.rd, Sub ? c.reg(i.ra) - p : c.reg(i.ra) + p);
}

// A7.7.147 SMULL, A7.7.201 UMULL, A7.7.136 SMLAL, A7.7.200 UMLAL
template <bool Signed, bool Acc>
void exec_mull(Core& c, const Inst& i) {
  const uint32_t n = c.reg(i.rn), m = c.reg(i.rm);
  const uint64_t p = Signed ? uint64_t(sint(n) * sint(m)) : uint64_t(n) * m;
  write_long(c, i, p + (Acc ? read_long(c, i) : 0));
}

// A7.7.199 UMAAL
void exec_umaal(Core& c, const Inst& i) {
  write_long(c, i, uint64_t(c.reg(i.rn)) * c.reg(i.rm) + c.reg(i.ra) + c.reg(i.rd));
}

// A7.7.125 SDIV, A7.7.192 UDIV: RoundTowardsZero; divide by zero gives 0 unless CCR.DIV_0_TRP (B3.2.8).
template <bool Signed>
void exec_div(Core& c, const Inst& i) {
  const uint32_t n = c.reg(i.rn), m = c.reg(i.rm);
  if (m == 0 && c.scs.div_0_trp()) c.fault(FaultKind::kDivByZero);
  c.set_reg(i.rd, m == 0 ? 0 : Signed ? uint32_t(sint(n) / sint(m)) : n / m);
}

// ---------------------------------------------------------------------------------------------------------
// DSP multiplies
// ---------------------------------------------------------------------------------------------------------

// A7.7.134 SMLABB..SMLATT, A7.7.146 SMULBB..SMULTT: kFlagA/kFlagB take the top half of Rn/Rm.
template <bool Acc>
void exec_smla_xy(Core& c, const Inst& i) {
  write_q(c, i.rd, half(c.reg(i.rn), has(i, kFlagA)) * half(c.reg(i.rm), has(i, kFlagB)) + sint(acc<Acc>(c, i)));
}

// A7.7.139 SMLAWB/SMLAWT, A7.7.148 SMULWB/SMULWT: R[d] = result<47:16>.
template <bool Acc>
void exec_smlaw(Core& c, const Inst& i) {
  const int64_t r = sint(c.reg(i.rn)) * half(c.reg(i.rm), has(i, kFlagB)) + sint(acc<Acc>(c, i)) * 65536;
  write_q(c, i.rd, r >> 16);
}

// The two 16x16 products of the dual multiplies, added or subtracted; kFlagB (X) swaps Rm's halves first.
int64_t dual_products(const Core& c, const Inst& i, bool sub) {
  const uint32_t n = c.reg(i.rn), m = has(i, kFlagB) ? ror32(c.reg(i.rm), 16) : c.reg(i.rm);
  const int64_t p1 = half(n, false) * half(m, false), p2 = half(n, true) * half(m, true);
  return sub ? p1 - p2 : p1 + p2;
}

// A7.7.135 SMLAD(X), A7.7.145 SMUAD(X), A7.7.140 SMLSD(X), A7.7.149 SMUSD(X)
template <bool Sub, bool Acc>
void exec_smlad(Core& c, const Inst& i) { write_q(c, i.rd, dual_products(c, i, Sub) + sint(acc<Acc>(c, i))); }

// A7.7.138 SMLALD(X), A7.7.141 SMLSLD(X): 64-bit accumulate, no Q.
template <bool Sub>
void exec_smlald(Core& c, const Inst& i) { write_long(c, i, read_long(c, i) + uint64_t(dual_products(c, i, Sub))); }

// A7.7.137 SMLALBB..SMLALTT
void exec_smlal_xy(Core& c, const Inst& i) {
  const int64_t p = half(c.reg(i.rn), has(i, kFlagA)) * half(c.reg(i.rm), has(i, kFlagB));
  write_long(c, i, read_long(c, i) + uint64_t(p));
}

// A7.7.144 SMMUL(R), A7.7.142 SMMLA(R), A7.7.143 SMMLS(R): R[d] = ((Ra << 32) +/- Rn*Rm (+ 0x80000000 if R))<63:32>.
// Only the top word is kept, so the 64-bit sum may wrap.
template <bool Acc, bool Sub>
void exec_smmla(Core& c, const Inst& i) {
  const uint64_t p = uint64_t(sint(c.reg(i.rn)) * sint(c.reg(i.rm)));
  const uint64_t r = (uint64_t(acc<Acc>(c, i)) << 32) + (Sub ? 0 - p : p) + (has(i, kFlagA) ? 0x80000000u : 0);
  c.set_reg(i.rd, uint32_t(r >> 32));
}

// A7.7.208 USAD8, A7.7.209 USADA8: sum of absolute byte differences.
template <bool Acc>
void exec_usad8(Core& c, const Inst& i) {
  const uint32_t n = c.reg(i.rn), m = c.reg(i.rm);
  uint32_t sum = acc<Acc>(c, i);
  for (unsigned k = 0; k < 32; k += 8) sum += std::abs(int(bits(n, k + 7, k)) - int(bits(m, k + 7, k)));
  c.set_reg(i.rd, sum);
}

// ---------------------------------------------------------------------------------------------------------
// Parallel addition and subtraction (A5.3.13, A5.3.14): a grid of prefix x operation.
// ---------------------------------------------------------------------------------------------------------

// The operation: lane width, whether Rm's halfwords are exchanged (ASX, SAX), and which lanes subtract.
struct LaneOp {
  uint8_t width;
  bool exchange;
  uint8_t sub_lanes;  // bit k set: lane k is a difference
};
constexpr LaneOp kAdd16{16, false, 0b00}, kAsx{16, true, 0b01}, kSax{16, true, 0b10}, kSub16{16, false, 0b11},
    kAdd8{8, false, 0b0000}, kSub8{8, false, 0b1111};

// The prefix: signedness and what becomes of each lane's exact result. Only the modular forms (S, U) set GE.
enum class LaneResult : uint8_t { kModular, kSaturated, kHalved };
struct Prefix {
  bool is_signed;
  LaneResult result;
};
constexpr Prefix kS{true, LaneResult::kModular}, kQ{true, LaneResult::kSaturated}, kSH{true, LaneResult::kHalved},
    kU{false, LaneResult::kModular}, kUQ{false, LaneResult::kSaturated}, kUH{false, LaneResult::kHalved};

// A7.7.101 QADD16 ... A7.7.214 USUB8 (36 sections): each lane's exact sum or difference (the manual's sum1, diff2),
// then wrapped (GE: signed >= 0; unsigned sums >= 2^width, unsigned differences >= 0), saturated, or halved.
template <Prefix P, LaneOp O>
void exec_parallel(Core& c, const Inst& i) {
  constexpr unsigned w = O.width, lanes = 32 / w, ge_bits = w / 8;
  const uint32_t n = c.reg(i.rn), m = c.reg(i.rm);
  uint32_t result = 0;
  uint8_t ge = 0;
  for (unsigned k = 0; k < lanes; ++k) {
    const unsigned km = O.exchange ? k ^ 1 : k;
    const uint32_t un = bits(n, k * w + w - 1, k * w), um = bits(m, km * w + w - 1, km * w);
    const int32_t a = P.is_signed ? sign_extend(un, w) : int32_t(un);
    const int32_t b = P.is_signed ? sign_extend(um, w) : int32_t(um);
    const bool sub = bit(O.sub_lanes, k);
    const int32_t x = sub ? a - b : a + b;
    int32_t r = x;
    if constexpr (P.result == LaneResult::kSaturated) r = int32_t(saturate<P.is_signed>(x, w).value);
    if constexpr (P.result == LaneResult::kHalved) r = x >> 1;
    result |= bits(uint32_t(r), w - 1, 0) << (k * w);
    if (P.is_signed || sub ? x >= 0 : x >= (1 << w)) ge |= ((1u << ge_bits) - 1) << (k * ge_bits);
  }
  c.set_reg(i.rd, result);
  if constexpr (P.result == LaneResult::kModular) c.s.ge = ge;
}

// A7.7.126 SEL: each byte from Rn where its GE bit is set, else from Rm.
void exec_sel(Core& c, const Inst& i) {
  uint32_t r = 0;
  for (unsigned k = 0; k < 4; ++k) r |= (bit(c.s.ge, k) ? c.reg(i.rn) : c.reg(i.rm)) & (0xFFu << (8 * k));
  c.set_reg(i.rd, r);
}

// ---------------------------------------------------------------------------------------------------------
// Saturation
// ---------------------------------------------------------------------------------------------------------

// A7.7.100 QADD, A7.7.107 QSUB, A7.7.104 QDADD, A7.7.105 QDSUB: R[d] = sat(R[m] +/- sat(R[n] (x2))).
template <bool Double, bool Sub>
void exec_qadd(Core& c, const Inst& i) {
  const SatResult n = signed_sat_q(sint(c.reg(i.rn)) * (Double ? 2 : 1), 32);
  const SatResult r = signed_sat_q(sint(c.reg(i.rm)) + (Sub ? -sint(n.value) : sint(n.value)), 32);
  c.set_reg(i.rd, r.value);
  set_q_if(c, n.sat || r.sat);
}

// A7.7.150 SSAT, A7.7.210 USAT: saturate the shifted register to imm bits.
template <bool Signed>
void exec_sat(Core& c, const Inst& i) {
  const uint32_t operand = shift(c.reg(i.rn), SRType(i.shift_type), i.shift_n, c.s.c);
  const SatResult r = saturate<Signed>(sint(operand), i.imm);
  c.set_reg(i.rd, r.value);
  set_q_if(c, r.sat);
}

// A7.7.151 SSAT16, A7.7.211 USAT16: saturate each signed halfword.
template <bool Signed>
void exec_sat16(Core& c, const Inst& i) {
  uint32_t result = 0;
  bool saturated = false;
  for (unsigned k = 0; k < 2; ++k) {
    const SatResult r = saturate<Signed>(half(c.reg(i.rn), k), i.imm);
    result |= bits(r.value, 15, 0) << (16 * k);
    saturated |= r.sat;
  }
  c.set_reg(i.rd, result);
  set_q_if(c, saturated);
}

// ---------------------------------------------------------------------------------------------------------
// Packing and extension
// ---------------------------------------------------------------------------------------------------------

// A7.7.92 PKHBT, PKHTB (kFlagA = tb): the shifted Rm supplies the top (BT) or bottom (TB) halfword.
void exec_pkh(Core& c, const Inst& i) {
  const uint32_t n = c.reg(i.rn), op2 = shift(c.reg(i.rm), SRType(i.shift_type), i.shift_n, c.s.c);
  c.set_reg(i.rd, has(i, kFlagA) ? (n & 0xFFFF0000u) | (op2 & 0xFFFFu) : (op2 & 0xFFFF0000u) | (n & 0xFFFFu));
}

// A7.7.176-A7.7.181 SXTAB/SXTAH/SXTB/SXTH, A7.7.215-A7.7.220 UXTAB/UXTAH/UXTB/UXTH:
// R[d] = (Add ? R[n] : 0) + Extend(ROR(R[m], rotation)<Width-1:0>).
template <bool Signed, unsigned Width, bool Add>
void exec_extend(Core& c, const Inst& i) {
  const uint32_t v = bits(ror32(c.reg(i.rm), i.shift_n), Width - 1, 0);
  c.set_reg(i.rd, (Add ? c.reg(i.rn) : 0) + (Signed ? uint32_t(sign_extend(v, Width)) : v));
}

// A7.7.180 SXTB16, A7.7.177 SXTAB16, A7.7.219 UXTB16, A7.7.216 UXTAB16: bytes 0 and 2 of the rotated Rm,
// extended into (and added to) each halfword.
template <bool Signed, bool Add>
void exec_extend_b16(Core& c, const Inst& i) {
  const uint32_t v = ror32(c.reg(i.rm), i.shift_n), n = Add ? c.reg(i.rn) : 0;
  uint32_t result = 0;
  for (unsigned k = 0; k < 32; k += 16) {
    const uint32_t b = bits(v, k + 7, k);
    result |= bits(bits(n, k + 15, k) + (Signed ? uint32_t(sign_extend(b, 8)) : b), 15, 0) << k;
  }
  c.set_reg(i.rd, result);
}

// ---------------------------------------------------------------------------------------------------------
// Decoder table: one line per encoding, first halfword then second.
// ---------------------------------------------------------------------------------------------------------

constexpr Encoding kEncodings[] = {
    // A5.3.16 Multiply, multiply accumulate, and absolute difference
    {"MUL T1", "0100001101nnnddd", dec_mul16, exec_mul},
    {"MUL T2", "111110110000nnnn" "1111dddd0000mmmm", dec_dnm, exec_mul},
    {"MLA T1", "111110110000nnnn" "aaaadddd0000mmmm", dec_dnma, exec_mla<false>},
    {"MLS T1", "111110110000nnnn" "aaaadddd0001mmmm", dec_dnma_all, exec_mla<true>},
    {"SMLABB T1", "111110110001nnnn" "aaaadddd00ABmmmm", dec_dnma, exec_smla_xy<true>},
    {"SMULBB T1", "111110110001nnnn" "1111dddd00ABmmmm", dec_dnm, exec_smla_xy<false>},
    {"SMLAD T1", "111110110010nnnn" "aaaadddd000Bmmmm", dec_dnma, exec_smlad<false, true>},
    {"SMUAD T1", "111110110010nnnn" "1111dddd000Bmmmm", dec_dnm, exec_smlad<false, false>},
    {"SMLAWB T1", "111110110011nnnn" "aaaadddd000Bmmmm", dec_dnma, exec_smlaw<true>},
    {"SMULWB T1", "111110110011nnnn" "1111dddd000Bmmmm", dec_dnm, exec_smlaw<false>},
    {"SMLSD T1", "111110110100nnnn" "aaaadddd000Bmmmm", dec_dnma, exec_smlad<true, true>},
    {"SMUSD T1", "111110110100nnnn" "1111dddd000Bmmmm", dec_dnm, exec_smlad<true, false>},
    {"SMMLA T1", "111110110101nnnn" "aaaadddd000Ammmm", dec_dnma, exec_smmla<true, false>},
    {"SMMUL T1", "111110110101nnnn" "1111dddd000Ammmm", dec_dnm, exec_smmla<false, false>},
    {"SMMLS T1", "111110110110nnnn" "aaaadddd000Ammmm", dec_dnma_all, exec_smmla<true, true>},
    {"USADA8 T1", "111110110111nnnn" "aaaadddd0000mmmm", dec_dnma, exec_usad8<true>},
    {"USAD8 T1", "111110110111nnnn" "1111dddd0000mmmm", dec_dnm, exec_usad8<false>},

    // A5.3.17 Long multiply, long multiply accumulate, and divide
    {"SMULL T1", "111110111000nnnn" "llllhhhh0000mmmm", dec_long, exec_mull<true, false>},
    {"SDIV T1", "111110111001nnnn" "OOOOdddd1111mmmm", dec_div, exec_div<true>},
    {"UMULL T1", "111110111010nnnn" "llllhhhh0000mmmm", dec_long, exec_mull<false, false>},
    {"UDIV T1", "111110111011nnnn" "OOOOdddd1111mmmm", dec_div, exec_div<false>},
    {"SMLAL T1", "111110111100nnnn" "llllhhhh0000mmmm", dec_long, exec_mull<true, true>},
    {"SMLALBB T1", "111110111100nnnn" "llllhhhh10ABmmmm", dec_long, exec_smlal_xy},
    {"SMLALD T1", "111110111100nnnn" "llllhhhh110Bmmmm", dec_long, exec_smlald<false>},
    {"SMLSLD T1", "111110111101nnnn" "llllhhhh110Bmmmm", dec_long, exec_smlald<true>},
    {"UMLAL T1", "111110111110nnnn" "llllhhhh0000mmmm", dec_long, exec_mull<false, true>},
    {"UMAAL T1", "111110111110nnnn" "llllhhhh0110mmmm", dec_long, exec_umaal},

    // A5.3.13 Parallel addition and subtraction, signed (hw2 bits [6:4]: 000 S, 001 Q, 010 SH)
    {"SADD16 T1", "111110101001nnnn" "1111dddd0000mmmm", dec_dnm, exec_parallel<kS, kAdd16>},
    {"SASX T1", "111110101010nnnn" "1111dddd0000mmmm", dec_dnm, exec_parallel<kS, kAsx>},
    {"SSAX T1", "111110101110nnnn" "1111dddd0000mmmm", dec_dnm, exec_parallel<kS, kSax>},
    {"SSUB16 T1", "111110101101nnnn" "1111dddd0000mmmm", dec_dnm, exec_parallel<kS, kSub16>},
    {"SADD8 T1", "111110101000nnnn" "1111dddd0000mmmm", dec_dnm, exec_parallel<kS, kAdd8>},
    {"SSUB8 T1", "111110101100nnnn" "1111dddd0000mmmm", dec_dnm, exec_parallel<kS, kSub8>},
    {"QADD16 T1", "111110101001nnnn" "1111dddd0001mmmm", dec_dnm, exec_parallel<kQ, kAdd16>},
    {"QASX T1", "111110101010nnnn" "1111dddd0001mmmm", dec_dnm, exec_parallel<kQ, kAsx>},
    {"QSAX T1", "111110101110nnnn" "1111dddd0001mmmm", dec_dnm, exec_parallel<kQ, kSax>},
    {"QSUB16 T1", "111110101101nnnn" "1111dddd0001mmmm", dec_dnm, exec_parallel<kQ, kSub16>},
    {"QADD8 T1", "111110101000nnnn" "1111dddd0001mmmm", dec_dnm, exec_parallel<kQ, kAdd8>},
    {"QSUB8 T1", "111110101100nnnn" "1111dddd0001mmmm", dec_dnm, exec_parallel<kQ, kSub8>},
    {"SHADD16 T1", "111110101001nnnn" "1111dddd0010mmmm", dec_dnm, exec_parallel<kSH, kAdd16>},
    {"SHASX T1", "111110101010nnnn" "1111dddd0010mmmm", dec_dnm, exec_parallel<kSH, kAsx>},
    {"SHSAX T1", "111110101110nnnn" "1111dddd0010mmmm", dec_dnm, exec_parallel<kSH, kSax>},
    {"SHSUB16 T1", "111110101101nnnn" "1111dddd0010mmmm", dec_dnm, exec_parallel<kSH, kSub16>},
    {"SHADD8 T1", "111110101000nnnn" "1111dddd0010mmmm", dec_dnm, exec_parallel<kSH, kAdd8>},
    {"SHSUB8 T1", "111110101100nnnn" "1111dddd0010mmmm", dec_dnm, exec_parallel<kSH, kSub8>},
    // A5.3.14 Parallel addition and subtraction, unsigned (hw2 bits [6:4]: 100 U, 101 UQ, 110 UH)
    {"UADD16 T1", "111110101001nnnn" "1111dddd0100mmmm", dec_dnm, exec_parallel<kU, kAdd16>},
    {"UASX T1", "111110101010nnnn" "1111dddd0100mmmm", dec_dnm, exec_parallel<kU, kAsx>},
    {"USAX T1", "111110101110nnnn" "1111dddd0100mmmm", dec_dnm, exec_parallel<kU, kSax>},
    {"USUB16 T1", "111110101101nnnn" "1111dddd0100mmmm", dec_dnm, exec_parallel<kU, kSub16>},
    {"UADD8 T1", "111110101000nnnn" "1111dddd0100mmmm", dec_dnm, exec_parallel<kU, kAdd8>},
    {"USUB8 T1", "111110101100nnnn" "1111dddd0100mmmm", dec_dnm, exec_parallel<kU, kSub8>},
    {"UQADD16 T1", "111110101001nnnn" "1111dddd0101mmmm", dec_dnm, exec_parallel<kUQ, kAdd16>},
    {"UQASX T1", "111110101010nnnn" "1111dddd0101mmmm", dec_dnm, exec_parallel<kUQ, kAsx>},
    {"UQSAX T1", "111110101110nnnn" "1111dddd0101mmmm", dec_dnm, exec_parallel<kUQ, kSax>},
    {"UQSUB16 T1", "111110101101nnnn" "1111dddd0101mmmm", dec_dnm, exec_parallel<kUQ, kSub16>},
    {"UQADD8 T1", "111110101000nnnn" "1111dddd0101mmmm", dec_dnm, exec_parallel<kUQ, kAdd8>},
    {"UQSUB8 T1", "111110101100nnnn" "1111dddd0101mmmm", dec_dnm, exec_parallel<kUQ, kSub8>},
    {"UHADD16 T1", "111110101001nnnn" "1111dddd0110mmmm", dec_dnm, exec_parallel<kUH, kAdd16>},
    {"UHASX T1", "111110101010nnnn" "1111dddd0110mmmm", dec_dnm, exec_parallel<kUH, kAsx>},
    {"UHSAX T1", "111110101110nnnn" "1111dddd0110mmmm", dec_dnm, exec_parallel<kUH, kSax>},
    {"UHSUB16 T1", "111110101101nnnn" "1111dddd0110mmmm", dec_dnm, exec_parallel<kUH, kSub16>},
    {"UHADD8 T1", "111110101000nnnn" "1111dddd0110mmmm", dec_dnm, exec_parallel<kUH, kAdd8>},
    {"UHSUB8 T1", "111110101100nnnn" "1111dddd0110mmmm", dec_dnm, exec_parallel<kUH, kSub8>},

    // A5.3.15 Miscellaneous operations (REV, RBIT, CLZ are in data_processing)
    {"QADD T1", "111110101000nnnn" "1111dddd1000mmmm", dec_dnm, exec_qadd<false, false>},
    {"QDADD T1", "111110101000nnnn" "1111dddd1001mmmm", dec_dnm, exec_qadd<true, false>},
    {"QSUB T1", "111110101000nnnn" "1111dddd1010mmmm", dec_dnm, exec_qadd<false, true>},
    {"QDSUB T1", "111110101000nnnn" "1111dddd1011mmmm", dec_dnm, exec_qadd<true, true>},
    {"SEL T1", "111110101010nnnn" "1111dddd1000mmmm", dec_dnm, exec_sel},

    // A5.3.3 Data processing (plain binary immediate): saturation
    {"SSAT T1", "11110Z1100h0nnnn" "0iiiddddiiZsssss", dec_sat<true>, exec_sat<true>},
    {"SSAT16 T1", "11110Z110010nnnn" "0000dddd00ZZssss", dec_sat<true>, exec_sat16<true>},
    {"USAT T1", "11110Z1110h0nnnn" "0iiiddddiiZsssss", dec_sat<false>, exec_sat<false>},
    {"USAT16 T1", "11110Z111010nnnn" "0000dddd00ZZssss", dec_sat<false>, exec_sat16<false>},

    // A5.3.11 Data processing (shifted register): pack halfword (S = 0 and T = 0, else UNDEFINED)
    {"PKHBT T1", "111010101100nnnn" "ZiiiddddiiA0mmmm", dec_pkh, exec_pkh},

    // A5.2.5 Miscellaneous 16-bit instructions: extend
    {"SXTH T1", "1011001000mmmddd", dec_extend, exec_extend<true, 16, false>},
    {"SXTB T1", "1011001001mmmddd", dec_extend, exec_extend<true, 8, false>},
    {"UXTH T1", "1011001010mmmddd", dec_extend, exec_extend<false, 16, false>},
    {"UXTB T1", "1011001011mmmddd", dec_extend, exec_extend<false, 8, false>},

    // A5.3.12 Data processing (register): extend and extend-and-add (Rn = 1111: the plain extend)
    {"SXTAH T1", "111110100000nnnn" "1111dddd1Zrrmmmm", dec_extend_add, exec_extend<true, 16, true>},
    {"SXTH T2", "1111101000001111" "1111dddd1Zrrmmmm", dec_extend, exec_extend<true, 16, false>},
    {"UXTAH T1", "111110100001nnnn" "1111dddd1Zrrmmmm", dec_extend_add, exec_extend<false, 16, true>},
    {"UXTH T2", "1111101000011111" "1111dddd1Zrrmmmm", dec_extend, exec_extend<false, 16, false>},
    {"SXTAB16 T1", "111110100010nnnn" "1111dddd1Zrrmmmm", dec_extend_add, exec_extend_b16<true, true>},
    {"SXTB16 T1", "1111101000101111" "1111dddd1Zrrmmmm", dec_extend, exec_extend_b16<true, false>},
    {"UXTAB16 T1", "111110100011nnnn" "1111dddd1Zrrmmmm", dec_extend_add, exec_extend_b16<false, true>},
    {"UXTB16 T1", "1111101000111111" "1111dddd1Zrrmmmm", dec_extend, exec_extend_b16<false, false>},
    {"SXTAB T1", "111110100100nnnn" "1111dddd1Zrrmmmm", dec_extend_add, exec_extend<true, 8, true>},
    {"SXTB T2", "1111101001001111" "1111dddd1Zrrmmmm", dec_extend, exec_extend<true, 8, false>},
    {"UXTAB T1", "111110100101nnnn" "1111dddd1Zrrmmmm", dec_extend_add, exec_extend<false, 8, true>},
    {"UXTB T2", "1111101001011111" "1111dddd1Zrrmmmm", dec_extend, exec_extend<false, 8, false>},
};

}  // namespace

std::span<const Encoding> multiply_dsp_encodings() { return kEncodings; }

}  // namespace mcuprof
