// Instruction family: data_processing. The integer ALU (AND EOR ORR ORN BIC MOV MVN TST TEQ ADD ADC SUB SBC RSB
// CMP CMN), shifts (LSL LSR ASR ROR RRX), MOVW/MOVT, ADR, ADD/SUB with SP, bitfields (BFC BFI SBFX UBFX) and
// REV REV16 REVSH RBIT CLZ. Encodings from the ARMv7-M ARM (DDI 0403E) A5.2.1-A5.2.3 and A5.2.5 (16-bit),
// A5.3.1, A5.3.3, A5.3.11, A5.3.12 and A5.3.15 (32-bit); semantics after the A7.7 pseudocode.
//
// Family conventions:
// - Every line is decoded by dp<Form>: the Form says how the second operand is encoded, which UNPREDICTABLE
//   register rules of the manual apply, which flags are fixed, and where d, n, m come from (a field letter of
//   the pattern, or a fixed register for the SP forms). Inst rd, rn, rm are the manual's d, n, m.
// - Field letters: 'd' 'n' 'm' registers (Rdn encodings name their register 'd'), 'S' the S bit, 'i' the
//   immediate (imm3:imm2 of shifts, i:imm3:imm8, lsbit of bitfields), 't' the shift type, 'w' the msbit or
//   widthminus1 of bitfields, 'j':'i':'k' = imm4:i:imm3:imm8 of MOVW/MOVT, 'M' REV's copy of Rm.
// - 'z' names the bits the manual draws as (0): any other value is UNPREDICTABLE (A5.1.1).
// - One semantic function per kind of operation (logical, arith; test and compare are their forms that write no
//   register), over a second-operand source: Imm (imm, with the carry of ThumbExpandImm_C in kImmCarry),
//   ShiftedReg (R[m] shifted by shift_type/shift_n, Shift_C), or RegShiftedReg (R[n] shifted by R[m]<7:0>:
//   the register-controlled shifts, which are MOVs of that operand).
// - The rules that depend on ITSTATE ("if d == 15 && InITBlock() && !LastInITBlock()", MOVS T2's "if
//   InITBlock()") are checked when the instruction writes its result, and refused with an UNDEFINSTR
//   UsageFault marked "UNPREDICTABLE", as branch_system does.
#include <bit>
#include <string>

#include "cores/core.h"
#include "cores/decoder/decoder.h"

namespace mcuprof {
namespace {

constexpr uint8_t kImmCarry = kFlagA;  // ThumbExpandImm_C rotated the constant: shifter carry = imm32<31>
constexpr uint8_t kNotInIt = kFlagB;   // UNPREDICTABLE inside an IT block (MOV (register) T2)
constexpr int8_t kSP = 13;

// ---------------------------------------------------------------- decode

// How an encoding gives the second operand (and the bitfield forms their field).
enum Operand : uint8_t {
  kNone,              // REV, CLZ...: Rd and Rm only
  kModImm,            // A5.3.2 ThumbExpandImm('i') = ThumbExpandImm(i:imm3:imm8)
  kImm,               // ZeroExtend('i')
  kImmX4,             // ZeroExtend('i':'00')
  kImm16,             // imm4:i:imm3:imm8 = 'j':'i':'k' (MOVW, MOVT)
  kReg,               // R[m], DecodeImmShift(Form::shift, 'i'): a plain register when the pattern has no 'i'
  kShiftedReg,        // R[m], DecodeImmShift('t', 'i')
  kRegShift,          // R[n] shifted by Form::shift, amount R[m]<7:0>
  kExtract,           // SBFX UBFX: lsbit 'i', widthminus1 'w'
  kInsert,            // BFI BFC: lsbit 'i', msbit 'w'
};

// The manual's UNPREDICTABLE register rules, one bit each.
enum Rule : uint16_t {
  kD13 = 1 << 0, kD15 = 1 << 1, kN13 = 1 << 2, kN15 = 1 << 3, kM13 = 1 << 4, kM15 = 1 << 5,
  kDBad = kD13 | kD15, kNBad = kN13 | kN15, kMBad = kM13 | kM15,   // "x IN {13,15}"
  kNM15 = 1 << 6,      // n == 15 && m == 15 (ADD (register) T2)
  kNMLow = 1 << 7,     // n < 8 && m < 8 (CMP (register) T2)
  kMovT3 = 1 << 8,     // MOV (register) T3: setflags ? d, m IN {13,15} : d == 15 || m == 15 || d == m == 13
  kSpShift = 1 << 9,   // d == 13 && (shift_t != SRType_LSL || shift_n > 3) (ADD/SUB SP with register)
  kRmTwice = 1 << 10,  // !Consistent(Rm): the two Rm fields ('M', 'm') differ
};

// An encoding's decode, declared in its table line: registers are a field letter or a fixed register (< 16).
struct Form {
  Operand op = kNone;
  uint16_t rules = 0;
  uint8_t flags = 0;     // kSetFlags for the compare/test forms, kSetFlagsOutsideIt, kAdd (ADR), kNotInIt
  SRType shift = kLSL;   // kReg and kRegShift: the type the encoding fixes
  int8_t d = 'd', n = 'n', m = 'm';
};

bool bad(unsigned r) { return r == 13 || r == 15; }
uint32_t field_mask(unsigned msbit, unsigned lsbit) { return ((2u << msbit) - 1) & ~((1u << lsbit) - 1); }

// Fills imm / shift of `i`; false when the operand itself is UNPREDICTABLE.
bool decode_operand(Operand op, SRType shift, const Fields& f, Inst& i) {
  const auto set_shift = [&](uint32_t type) {
    const ImmShift s = decode_imm_shift(type, f('i'));
    i.shift_type = s.type;
    i.shift_n = s.amount;
  };
  switch (op) {
    case kNone: return true;
    case kModImm: {
      const ExpandedImm e = thumb_expand_imm(f('i'));
      i.imm = e.value;
      if (e.rotated) i.flags |= kImmCarry;
      return !e.unpredictable;
    }
    case kImm: i.imm = f('i'); return true;
    case kImmX4: i.imm = f('i') << 2; return true;
    case kImm16: i.imm = (f('j') << 12) | (f('i') << 11) | f('k'); return true;
    case kReg: set_shift(shift); return true;
    case kShiftedReg: set_shift(f('t')); return true;
    case kRegShift: i.shift_type = shift; return true;
    case kExtract:  // A7.7.126 SBFX, A7.7.193 UBFX: msbit = lsbit + widthminus1; if msbit > 31, UNPREDICTABLE
    case kInsert: { // A7.7.13 BFC, A7.7.14 BFI: if msbit < lsbit, UNPREDICTABLE
      const uint32_t lsbit = f('i'), msbit = op == kExtract ? lsbit + f('w') : f('w');
      if (msbit > 31 || msbit < lsbit) return false;
      i.imm = field_mask(msbit, lsbit);
      i.shift_n = uint8_t(lsbit);
      return true;
    }
  }
  return false;
}

bool breaks_rules(uint16_t rules, const Fields& f, const Inst& i) {
  const auto rule = [rules](Rule r, bool broken) { return (rules & r) && broken; };
  const bool setflags = i.flags & kSetFlags;
  return rule(kD13, i.rd == 13) || rule(kD15, i.rd == 15) || rule(kN13, i.rn == 13) || rule(kN15, i.rn == 15) ||
         rule(kM13, i.rm == 13) || rule(kM15, i.rm == 15) || rule(kNM15, i.rn == 15 && i.rm == 15) ||
         rule(kNMLow, i.rn < 8 && i.rm < 8) ||
         rule(kMovT3, setflags ? bad(i.rd) || bad(i.rm) : i.rd == 15 || i.rm == 15 || (i.rd == 13 && i.rm == 13)) ||
         rule(kSpShift, i.rd == 13 && (i.shift_type != kLSL || i.shift_n > 3)) || rule(kRmTwice, f('M') != f('m'));
}

uint8_t reg(const Fields& f, int8_t source) { return uint8_t(source < 16 ? source : f(char(source))); }

template <Form F>
DecodeResult dp(const Fields& f, Inst& i) {
  i.rd = reg(f, F.d);
  i.rn = reg(f, F.n);
  i.rm = reg(f, F.m);
  i.flags = F.flags | (f('S') ? kSetFlags : 0);
  const bool ok = decode_operand(F.op, F.shift, f, i) && f('z') == 0 && !breaks_rules(F.rules, f, i);
  return ok ? DecodeResult::kOk : DecodeResult::kUnpredictable;
}

// ADD (SP plus register) T1 with DM = 1 (Rdm = R8-R15). T1 is split on DM so that it outranks T2 where the
// two meet (ADD SP, SP, SP), as the manual says for T2: "if Rm == '1101' then SEE encoding T1".
DecodeResult dp_add_sp_reg_t1_high(const Fields& f, Inst& i) {
  i.rd = i.rm = uint8_t(8 + f('d'));
  i.rn = kSP;
  return DecodeResult::kOk;
}

// ---------------------------------------------------------------- semantics

// R[d] = result, or ALUWritePC (A2.3.1) for the PC.
void write_result(Core& c, const Inst& i, uint32_t result) {
  if (i.flags & kNotInIt) c.require_outside_it(i);
  if (i.rd == 15) {
    c.require_last_in_it(i);
    c.branch_write_pc(result);
  } else {
    c.set_reg(i.rd, result);
  }
}

// Second-operand sources: value and shifter carry out.
struct Imm {
  static ResultCarry get(const Core& c, const Inst& i) {
    return {i.imm, (i.flags & kImmCarry) ? bool(i.imm >> 31) : c.s.c};
  }
};
struct ShiftedReg {  // Shift_C(R[m], shift_t, shift_n, APSR.C)
  static ResultCarry get(const Core& c, const Inst& i) {
    return shift_c(c.reg(i.rm), SRType(i.shift_type), i.shift_n, c.s.c);
  }
};
struct RegShiftedReg {  // Shift_C(R[n], shift_t, UInt(R[m]<7:0>), APSR.C)
  static ResultCarry get(const Core& c, const Inst& i) {
    return shift_c(c.reg(i.rn), SRType(i.shift_type), c.reg(i.rm) & 0xFF, c.s.c);
  }
};

using LogicalOp = uint32_t (*)(uint32_t n, uint32_t operand);
uint32_t op_and(uint32_t n, uint32_t v) { return n & v; }
uint32_t op_bic(uint32_t n, uint32_t v) { return n & ~v; }
uint32_t op_orr(uint32_t n, uint32_t v) { return n | v; }
uint32_t op_orn(uint32_t n, uint32_t v) { return n | ~v; }
uint32_t op_eor(uint32_t n, uint32_t v) { return n ^ v; }
uint32_t op_mov(uint32_t, uint32_t v) { return v; }
uint32_t op_mvn(uint32_t, uint32_t v) { return ~v; }

// AND BIC ORR ORN EOR MOV MVN and the shifts; TST TEQ (kWrite false): N, Z from the result, C from the
// shifter, V unchanged.
template <LogicalOp Op, class Src, bool kWrite = true>
void logical(Core& c, const Inst& i) {
  const ResultCarry operand = Src::get(c, i);
  const uint32_t result = Op(c.reg(i.rn), operand.value);
  if constexpr (kWrite) write_result(c, i, result);
  if (c.setflags(i)) {
    c.set_nz(result);
    c.s.c = operand.carry;
  }
}
template <LogicalOp Op, class Src>
constexpr ExecFn test = logical<Op, Src, false>;

// A2.2.1 AddWithCarry operands of each operation.
using ArithOp = AddResult (*)(uint32_t n, uint32_t operand, bool carry);
AddResult op_add(uint32_t n, uint32_t v, bool) { return add_with_carry(n, v, false); }
AddResult op_adc(uint32_t n, uint32_t v, bool c) { return add_with_carry(n, v, c); }
AddResult op_sub(uint32_t n, uint32_t v, bool) { return add_with_carry(n, ~v, true); }
AddResult op_sbc(uint32_t n, uint32_t v, bool c) { return add_with_carry(n, ~v, c); }
AddResult op_rsb(uint32_t n, uint32_t v, bool) { return add_with_carry(~n, v, true); }

// ADD ADC SUB SBC RSB (and the SP forms); CMP CMN (kWrite false): N Z C V from AddWithCarry.
template <ArithOp Op, class Src, bool kWrite = true>
void arith(Core& c, const Inst& i) {
  const AddResult r = Op(c.reg(i.rn), Src::get(c, i).value, c.s.c);
  if constexpr (kWrite) write_result(c, i, r.value);
  if (c.setflags(i)) c.set_nzcv(r.value, r.carry, r.overflow);
}
template <ArithOp Op, class Src>
constexpr ExecFn compare = arith<Op, Src, false>;

// ADR: Align(PC, 4) plus or minus imm32.
void adr(Core& c, const Inst& i) {
  const uint32_t base = c.reg(15) & ~3u;
  write_result(c, i, (i.flags & kAdd) ? base + i.imm : base - i.imm);
}

// MOVT: R[d]<31:16> = imm16.
void movt(Core& c, const Inst& i) { c.set_reg(i.rd, (c.reg(i.rd) & 0xFFFF) | (i.imm << 16)); }

// Bitfields: imm = the mask of bits msbit..lsbit, shift_n = lsbit.
void bfc(Core& c, const Inst& i) { c.set_reg(i.rd, c.reg(i.rd) & ~i.imm); }
void bfi(Core& c, const Inst& i) {
  c.set_reg(i.rd, (c.reg(i.rd) & ~i.imm) | ((c.reg(i.rn) << i.shift_n) & i.imm));
}
void ubfx(Core& c, const Inst& i) { c.set_reg(i.rd, (c.reg(i.rn) & i.imm) >> i.shift_n); }
void sbfx(Core& c, const Inst& i) {
  c.set_reg(i.rd, uint32_t(sign_extend((c.reg(i.rn) & i.imm) >> i.shift_n, std::popcount(i.imm))));
}

// REV REV16 REVSH RBIT CLZ: R[d] = f(R[m]).
using UnaryOp = uint32_t (*)(uint32_t);
uint32_t op_rev(uint32_t x) { return __builtin_bswap32(x); }
uint32_t op_rev16(uint32_t x) { return ((x & 0x00FF00FFu) << 8) | ((x >> 8) & 0x00FF00FFu); }
uint32_t op_revsh(uint32_t x) { return (uint32_t(sign_extend(x, 8)) << 8) | ((x >> 8) & 0xFF); }
uint32_t op_rbit(uint32_t x) {
  uint32_t r = 0;
  for (int k = 0; k < 32; ++k, x >>= 1) r = (r << 1) | (x & 1);
  return r;
}
uint32_t op_clz(uint32_t x) { return uint32_t(std::countl_zero(x)); }

template <UnaryOp Op>
void unary(Core& c, const Inst& i) { c.set_reg(i.rd, Op(c.reg(i.rm))); }

// ---------------------------------------------------------------- decoder table

constexpr uint8_t kOutIt = kSetFlagsOutsideIt;

constexpr Encoding kEncodings[] = {
    // A5.2.1 Shift (immediate), add, subtract, move, and compare
    {"MOV (register) T2",           "0000000000mmmddd",
     dp<{.op = kReg, .flags = kSetFlags | kNotInIt}>,                          logical<op_mov, ShiftedReg>},
    {"LSL (immediate) T1",          "00000iiiiimmmddd",
     dp<{.op = kReg, .flags = kOutIt, .shift = kLSL}>,                         logical<op_mov, ShiftedReg>},
    {"LSR (immediate) T1",          "00001iiiiimmmddd",
     dp<{.op = kReg, .flags = kOutIt, .shift = kLSR}>,                         logical<op_mov, ShiftedReg>},
    {"ASR (immediate) T1",          "00010iiiiimmmddd",
     dp<{.op = kReg, .flags = kOutIt, .shift = kASR}>,                         logical<op_mov, ShiftedReg>},
    {"ADD (register) T1",           "0001100mmmnnnddd",
     dp<{.op = kReg, .flags = kOutIt}>,                                        arith<op_add, ShiftedReg>},
    {"SUB (register) T1",           "0001101mmmnnnddd",
     dp<{.op = kReg, .flags = kOutIt}>,                                        arith<op_sub, ShiftedReg>},
    {"ADD (immediate) T1",          "0001110iiinnnddd",
     dp<{.op = kImm, .flags = kOutIt}>,                                        arith<op_add, Imm>},
    {"SUB (immediate) T1",          "0001111iiinnnddd",
     dp<{.op = kImm, .flags = kOutIt}>,                                        arith<op_sub, Imm>},
    {"MOV (immediate) T1",          "00100dddiiiiiiii",
     dp<{.op = kImm, .flags = kOutIt}>,                                        logical<op_mov, Imm>},
    {"CMP (immediate) T1",          "00101nnniiiiiiii",
     dp<{.op = kImm, .flags = kSetFlags}>,                                     compare<op_sub, Imm>},
    {"ADD (immediate) T2",          "00110dddiiiiiiii",
     dp<{.op = kImm, .flags = kOutIt, .n = 'd'}>,                              arith<op_add, Imm>},
    {"SUB (immediate) T2",          "00111dddiiiiiiii",
     dp<{.op = kImm, .flags = kOutIt, .n = 'd'}>,                              arith<op_sub, Imm>},
    // A5.2.2 Data processing (MUL T1 is in multiply_dsp)
    {"AND (register) T1",           "0100000000mmmddd",
     dp<{.op = kReg, .flags = kOutIt, .n = 'd'}>,                              logical<op_and, ShiftedReg>},
    {"EOR (register) T1",           "0100000001mmmddd",
     dp<{.op = kReg, .flags = kOutIt, .n = 'd'}>,                              logical<op_eor, ShiftedReg>},
    {"LSL (register) T1",           "0100000010mmmddd",
     dp<{.op = kRegShift, .flags = kOutIt, .shift = kLSL, .n = 'd'}>,          logical<op_mov, RegShiftedReg>},
    {"LSR (register) T1",           "0100000011mmmddd",
     dp<{.op = kRegShift, .flags = kOutIt, .shift = kLSR, .n = 'd'}>,          logical<op_mov, RegShiftedReg>},
    {"ASR (register) T1",           "0100000100mmmddd",
     dp<{.op = kRegShift, .flags = kOutIt, .shift = kASR, .n = 'd'}>,          logical<op_mov, RegShiftedReg>},
    {"ADC (register) T1",           "0100000101mmmddd",
     dp<{.op = kReg, .flags = kOutIt, .n = 'd'}>,                              arith<op_adc, ShiftedReg>},
    {"SBC (register) T1",           "0100000110mmmddd",
     dp<{.op = kReg, .flags = kOutIt, .n = 'd'}>,                              arith<op_sbc, ShiftedReg>},
    {"ROR (register) T1",           "0100000111mmmddd",
     dp<{.op = kRegShift, .flags = kOutIt, .shift = kROR, .n = 'd'}>,          logical<op_mov, RegShiftedReg>},
    {"TST (register) T1",           "0100001000mmmnnn",
     dp<{.op = kReg, .flags = kSetFlags}>,                                     test<op_and, ShiftedReg>},
    {"RSB (immediate) T1",          "0100001001nnnddd",  // imm32 = 0: the pattern has no 'i'
     dp<{.op = kImm, .flags = kOutIt}>,                                        arith<op_rsb, Imm>},
    {"CMP (register) T1",           "0100001010mmmnnn",
     dp<{.op = kReg, .flags = kSetFlags}>,                                     compare<op_sub, ShiftedReg>},
    {"CMN (register) T1",           "0100001011mmmnnn",
     dp<{.op = kReg, .flags = kSetFlags}>,                                     compare<op_add, ShiftedReg>},
    {"ORR (register) T1",           "0100001100mmmddd",
     dp<{.op = kReg, .flags = kOutIt, .n = 'd'}>,                              logical<op_orr, ShiftedReg>},
    {"BIC (register) T1",           "0100001110mmmddd",
     dp<{.op = kReg, .flags = kOutIt, .n = 'd'}>,                              logical<op_bic, ShiftedReg>},
    {"MVN (register) T1",           "0100001111mmmddd",
     dp<{.op = kReg, .flags = kOutIt}>,                                        logical<op_mvn, ShiftedReg>},
    // A5.2.3 Special data instructions (BX and BLX are in branch_system)
    {"ADD (register) T2",           "01000100dmmmmddd",
     dp<{.op = kReg, .rules = kNM15, .n = 'd'}>,                               arith<op_add, ShiftedReg>},
    {"ADD (SP plus register) T1",   "0100010001101ddd",
     dp<{.op = kReg, .n = kSP, .m = 'd'}>,                                     arith<op_add, ShiftedReg>},
    {"ADD (SP plus register) T1",   "0100010011101ddd",
     dp_add_sp_reg_t1_high,                                                    arith<op_add, ShiftedReg>},
    {"ADD (SP plus register) T2",   "010001001mmmm101",
     dp<{.op = kReg, .d = kSP, .n = kSP}>,                                     arith<op_add, ShiftedReg>},
    {"CMP (register) T2",           "01000101nmmmmnnn",
     dp<{.op = kReg, .rules = kNMLow | kN15 | kM15, .flags = kSetFlags}>,      compare<op_sub, ShiftedReg>},
    {"MOV (register) T1",           "01000110dmmmmddd",
     dp<{.op = kReg}>,                                                         logical<op_mov, ShiftedReg>},
    // A5.2 ADR, ADD (SP plus immediate); A5.2.5 Miscellaneous 16-bit instructions
    {"ADR T1",                      "10100dddiiiiiiii",
     dp<{.op = kImmX4, .flags = kAdd}>,                                        adr},
    {"ADD (SP plus immediate) T1",  "10101dddiiiiiiii",
     dp<{.op = kImmX4, .n = kSP}>,                                             arith<op_add, Imm>},
    {"ADD (SP plus immediate) T2",  "101100000iiiiiii",
     dp<{.op = kImmX4, .d = kSP, .n = kSP}>,                                   arith<op_add, Imm>},
    {"SUB (SP minus immediate) T1", "101100001iiiiiii",
     dp<{.op = kImmX4, .d = kSP, .n = kSP}>,                                   arith<op_sub, Imm>},
    {"REV T1",                      "1011101000mmmddd",
     dp<{}>,                                                                   unary<op_rev>},
    {"REV16 T1",                    "1011101001mmmddd",
     dp<{}>,                                                                   unary<op_rev16>},
    {"REVSH T1",                    "1011101011mmmddd",
     dp<{}>,                                                                   unary<op_revsh>},

    // A5.3.1 Data processing (modified immediate)
    {"AND (immediate) T1",          "11110i00000Snnnn" "0iiiddddiiiiiiii",
     dp<{.op = kModImm, .rules = kDBad | kNBad}>,                              logical<op_and, Imm>},
    {"TST (immediate) T1",          "11110i000001nnnn" "0iii1111iiiiiiii",
     dp<{.op = kModImm, .rules = kNBad, .flags = kSetFlags}>,                  test<op_and, Imm>},
    {"BIC (immediate) T1",          "11110i00001Snnnn" "0iiiddddiiiiiiii",
     dp<{.op = kModImm, .rules = kDBad | kNBad}>,                              logical<op_bic, Imm>},
    {"ORR (immediate) T1",          "11110i00010Snnnn" "0iiiddddiiiiiiii",
     dp<{.op = kModImm, .rules = kDBad | kN13}>,                               logical<op_orr, Imm>},
    {"MOV (immediate) T2",          "11110i00010S1111" "0iiiddddiiiiiiii",
     dp<{.op = kModImm, .rules = kDBad}>,                                      logical<op_mov, Imm>},
    {"ORN (immediate) T1",          "11110i00011Snnnn" "0iiiddddiiiiiiii",
     dp<{.op = kModImm, .rules = kDBad | kN13}>,                               logical<op_orn, Imm>},
    {"MVN (immediate) T1",          "11110i00011S1111" "0iiiddddiiiiiiii",
     dp<{.op = kModImm, .rules = kDBad}>,                                      logical<op_mvn, Imm>},
    {"EOR (immediate) T1",          "11110i00100Snnnn" "0iiiddddiiiiiiii",
     dp<{.op = kModImm, .rules = kDBad | kNBad}>,                              logical<op_eor, Imm>},
    {"TEQ (immediate) T1",          "11110i001001nnnn" "0iii1111iiiiiiii",
     dp<{.op = kModImm, .rules = kNBad, .flags = kSetFlags}>,                  test<op_eor, Imm>},
    {"ADD (immediate) T3",          "11110i01000Snnnn" "0iiiddddiiiiiiii",
     dp<{.op = kModImm, .rules = kDBad | kN15}>,                               arith<op_add, Imm>},
    {"CMN (immediate) T1",          "11110i010001nnnn" "0iii1111iiiiiiii",
     dp<{.op = kModImm, .rules = kN15, .flags = kSetFlags}>,                   compare<op_add, Imm>},
    {"ADD (SP plus immediate) T3",  "11110i01000S1101" "0iiiddddiiiiiiii",
     dp<{.op = kModImm, .rules = kD15, .n = kSP}>,                             arith<op_add, Imm>},
    {"ADC (immediate) T1",          "11110i01010Snnnn" "0iiiddddiiiiiiii",
     dp<{.op = kModImm, .rules = kDBad | kNBad}>,                              arith<op_adc, Imm>},
    {"SBC (immediate) T1",          "11110i01011Snnnn" "0iiiddddiiiiiiii",
     dp<{.op = kModImm, .rules = kDBad | kNBad}>,                              arith<op_sbc, Imm>},
    {"SUB (immediate) T3",          "11110i01101Snnnn" "0iiiddddiiiiiiii",
     dp<{.op = kModImm, .rules = kDBad | kN15}>,                               arith<op_sub, Imm>},
    {"CMP (immediate) T2",          "11110i011011nnnn" "0iii1111iiiiiiii",
     dp<{.op = kModImm, .rules = kN15, .flags = kSetFlags}>,                   compare<op_sub, Imm>},
    {"SUB (SP minus immediate) T2", "11110i01101S1101" "0iiiddddiiiiiiii",
     dp<{.op = kModImm, .rules = kD15, .n = kSP}>,                             arith<op_sub, Imm>},
    {"RSB (immediate) T2",          "11110i01110Snnnn" "0iiiddddiiiiiiii",
     dp<{.op = kModImm, .rules = kDBad | kNBad}>,                              arith<op_rsb, Imm>},

    // A5.3.3 Data processing (plain binary immediate) (SSAT and USAT are in multiply_dsp)
    {"ADD (immediate) T4",          "11110i100000nnnn" "0iiiddddiiiiiiii",
     dp<{.op = kImm, .rules = kDBad}>,                                         arith<op_add, Imm>},
    {"ADR T3",                      "11110i1000001111" "0iiiddddiiiiiiii",
     dp<{.op = kImm, .rules = kDBad, .flags = kAdd}>,                          adr},
    {"ADD (SP plus immediate) T4",  "11110i1000001101" "0iiiddddiiiiiiii",
     dp<{.op = kImm, .rules = kD15, .n = kSP}>,                                arith<op_add, Imm>},
    {"MOV (immediate) T3",          "11110i100100jjjj" "0kkkddddkkkkkkkk",
     dp<{.op = kImm16, .rules = kDBad}>,                                       logical<op_mov, Imm>},
    {"SUB (immediate) T4",          "11110i101010nnnn" "0iiiddddiiiiiiii",
     dp<{.op = kImm, .rules = kDBad}>,                                         arith<op_sub, Imm>},
    {"ADR T2",                      "11110i1010101111" "0iiiddddiiiiiiii",
     dp<{.op = kImm, .rules = kDBad}>,                                         adr},
    {"SUB (SP minus immediate) T3", "11110i1010101101" "0iiiddddiiiiiiii",
     dp<{.op = kImm, .rules = kD15, .n = kSP}>,                                arith<op_sub, Imm>},
    {"MOVT T1",                     "11110i101100jjjj" "0kkkddddkkkkkkkk",
     dp<{.op = kImm16, .rules = kDBad}>,                                       movt},
    {"SBFX T1",                     "11110z110100nnnn" "0iiiddddiizwwwww",
     dp<{.op = kExtract, .rules = kDBad | kNBad}>,                             sbfx},
    {"BFI T1",                      "11110z110110nnnn" "0iiiddddiizwwwww",
     dp<{.op = kInsert, .rules = kDBad | kN13}>,                               bfi},
    {"BFC T1",                      "11110z1101101111" "0iiiddddiizwwwww",
     dp<{.op = kInsert, .rules = kDBad}>,                                      bfc},
    {"UBFX T1",                     "11110z111100nnnn" "0iiiddddiizwwwww",
     dp<{.op = kExtract, .rules = kDBad | kNBad}>,                             ubfx},

    // A5.3.11 Data processing (shifted register) (PKHBT and PKHTB are in multiply_dsp)
    {"AND (register) T2",           "11101010000Snnnn" "ziiiddddiittmmmm",
     dp<{.op = kShiftedReg, .rules = kDBad | kNBad | kMBad}>,                  logical<op_and, ShiftedReg>},
    {"TST (register) T2",           "111010100001nnnn" "ziii1111iittmmmm",
     dp<{.op = kShiftedReg, .rules = kNBad | kMBad, .flags = kSetFlags}>,      test<op_and, ShiftedReg>},
    {"BIC (register) T2",           "11101010001Snnnn" "ziiiddddiittmmmm",
     dp<{.op = kShiftedReg, .rules = kDBad | kNBad | kMBad}>,                  logical<op_bic, ShiftedReg>},
    {"ORR (register) T2",           "11101010010Snnnn" "ziiiddddiittmmmm",
     dp<{.op = kShiftedReg, .rules = kDBad | kN13 | kMBad}>,                   logical<op_orr, ShiftedReg>},
    {"MOV (register) T3",           "11101010010S1111" "z000dddd0000mmmm",
     dp<{.op = kReg, .rules = kMovT3}>,                                        logical<op_mov, ShiftedReg>},
    {"LSL (immediate) T2",          "11101010010S1111" "ziiiddddii00mmmm",
     dp<{.op = kReg, .rules = kDBad | kMBad, .shift = kLSL}>,                  logical<op_mov, ShiftedReg>},
    {"LSR (immediate) T2",          "11101010010S1111" "ziiiddddii01mmmm",
     dp<{.op = kReg, .rules = kDBad | kMBad, .shift = kLSR}>,                  logical<op_mov, ShiftedReg>},
    {"ASR (immediate) T2",          "11101010010S1111" "ziiiddddii10mmmm",
     dp<{.op = kReg, .rules = kDBad | kMBad, .shift = kASR}>,                  logical<op_mov, ShiftedReg>},
    {"RRX T1",                      "11101010010S1111" "z000dddd0011mmmm",
     dp<{.op = kReg, .rules = kDBad | kMBad, .shift = kROR}>,                  logical<op_mov, ShiftedReg>},
    {"ROR (immediate) T1",          "11101010010S1111" "ziiiddddii11mmmm",
     dp<{.op = kReg, .rules = kDBad | kMBad, .shift = kROR}>,                  logical<op_mov, ShiftedReg>},
    {"ORN (register) T1",           "11101010011Snnnn" "ziiiddddiittmmmm",
     dp<{.op = kShiftedReg, .rules = kDBad | kN13 | kMBad}>,                   logical<op_orn, ShiftedReg>},
    {"MVN (register) T2",           "11101010011S1111" "ziiiddddiittmmmm",
     dp<{.op = kShiftedReg, .rules = kDBad | kMBad}>,                          logical<op_mvn, ShiftedReg>},
    {"EOR (register) T2",           "11101010100Snnnn" "ziiiddddiittmmmm",
     dp<{.op = kShiftedReg, .rules = kDBad | kNBad | kMBad}>,                  logical<op_eor, ShiftedReg>},
    {"TEQ (register) T1",           "111010101001nnnn" "ziii1111iittmmmm",
     dp<{.op = kShiftedReg, .rules = kNBad | kMBad, .flags = kSetFlags}>,      test<op_eor, ShiftedReg>},
    {"ADD (register) T3",           "11101011000Snnnn" "ziiiddddiittmmmm",
     dp<{.op = kShiftedReg, .rules = kDBad | kN15 | kMBad}>,                   arith<op_add, ShiftedReg>},
    {"CMN (register) T2",           "111010110001nnnn" "ziii1111iittmmmm",
     dp<{.op = kShiftedReg, .rules = kN15 | kMBad, .flags = kSetFlags}>,       compare<op_add, ShiftedReg>},
    {"ADD (SP plus register) T3",   "11101011000S1101" "ziiiddddiittmmmm",
     dp<{.op = kShiftedReg, .rules = kSpShift | kD15 | kMBad, .n = kSP}>,      arith<op_add, ShiftedReg>},
    {"ADC (register) T2",           "11101011010Snnnn" "ziiiddddiittmmmm",
     dp<{.op = kShiftedReg, .rules = kDBad | kNBad | kMBad}>,                  arith<op_adc, ShiftedReg>},
    {"SBC (register) T2",           "11101011011Snnnn" "ziiiddddiittmmmm",
     dp<{.op = kShiftedReg, .rules = kDBad | kNBad | kMBad}>,                  arith<op_sbc, ShiftedReg>},
    {"SUB (register) T2",           "11101011101Snnnn" "ziiiddddiittmmmm",
     dp<{.op = kShiftedReg, .rules = kDBad | kN15 | kMBad}>,                   arith<op_sub, ShiftedReg>},
    {"CMP (register) T3",           "111010111011nnnn" "ziii1111iittmmmm",
     dp<{.op = kShiftedReg, .rules = kN15 | kMBad, .flags = kSetFlags}>,       compare<op_sub, ShiftedReg>},
    {"SUB (SP minus register) T1",  "11101011101S1101" "ziiiddddiittmmmm",
     dp<{.op = kShiftedReg, .rules = kSpShift | kD15 | kMBad, .n = kSP}>,      arith<op_sub, ShiftedReg>},
    {"RSB (register) T1",           "11101011110Snnnn" "ziiiddddiittmmmm",
     dp<{.op = kShiftedReg, .rules = kDBad | kNBad | kMBad}>,                  arith<op_rsb, ShiftedReg>},

    // A5.3.12 Data processing (register): register-controlled shifts (the extends are in multiply_dsp)
    {"LSL (register) T2",           "11111010000Snnnn" "1111dddd0000mmmm",
     dp<{.op = kRegShift, .rules = kDBad | kNBad | kMBad, .shift = kLSL}>,     logical<op_mov, RegShiftedReg>},
    {"LSR (register) T2",           "11111010001Snnnn" "1111dddd0000mmmm",
     dp<{.op = kRegShift, .rules = kDBad | kNBad | kMBad, .shift = kLSR}>,     logical<op_mov, RegShiftedReg>},
    {"ASR (register) T2",           "11111010010Snnnn" "1111dddd0000mmmm",
     dp<{.op = kRegShift, .rules = kDBad | kNBad | kMBad, .shift = kASR}>,     logical<op_mov, RegShiftedReg>},
    {"ROR (register) T2",           "11111010011Snnnn" "1111dddd0000mmmm",
     dp<{.op = kRegShift, .rules = kDBad | kNBad | kMBad, .shift = kROR}>,     logical<op_mov, RegShiftedReg>},
    // A5.3.15 Miscellaneous operations (SEL is in multiply_dsp)
    {"REV T2",                      "111110101001MMMM" "1111dddd1000mmmm",
     dp<{.rules = kDBad | kMBad | kRmTwice}>,                                  unary<op_rev>},
    {"REV16 T2",                    "111110101001MMMM" "1111dddd1001mmmm",
     dp<{.rules = kDBad | kMBad | kRmTwice}>,                                  unary<op_rev16>},
    {"RBIT T1",                     "111110101001MMMM" "1111dddd1010mmmm",
     dp<{.rules = kDBad | kMBad | kRmTwice}>,                                  unary<op_rbit>},
    {"REVSH T2",                    "111110101001MMMM" "1111dddd1011mmmm",
     dp<{.rules = kDBad | kMBad | kRmTwice}>,                                  unary<op_revsh>},
    {"CLZ T1",                      "111110101011MMMM" "1111dddd1000mmmm",
     dp<{.rules = kDBad | kMBad | kRmTwice}>,                                  unary<op_clz>},
};

}  // namespace

std::span<const Encoding> data_processing_encodings() { return kEncodings; }

}  // namespace mcuprof
