// Instruction family: branch_system. Branches (B, BL, BX, BLX, CBZ/CBNZ), IT, hints (NOP, YIELD, WFE, WFI, SEV,
// DBG), barriers (DSB, DMB, ISB), special registers (MRS, MSR, CPS), exceptions (SVC, BKPT) and UDF.
// Encodings from the ARMv7-M ARM (DDI 0403E): A5.2.1-A5.2.6 (16-bit), A5.3.4-A5.3.6 (32-bit branches and
// miscellaneous control), semantics from A7.7 and B5.2.
//
// Family conventions:
// - Patterns name the bits the manual draws as (0) and (1) ("should be" bits) 'z' and 'o': any other value
//   makes the encoding UNPREDICTABLE (A5.1.1), which mcuprof refuses like UNDEFINED.
// - The UNPREDICTABLE rules that depend on ITSTATE ("if InITBlock() then UNPREDICTABLE", "if InITBlock() &&
//   !LastInITBlock() then UNPREDICTABLE") cannot be checked at decode (the decode cache is shared by every
//   execution): the semantics check them and refuse with an UNDEFINSTR UsageFault marked "UNPREDICTABLE".
//   They run only when the instruction's condition passed, so a conditional-failed instruction in the wrong
//   place of an IT block goes unnoticed; any behaviour is allowed there.
// - Inst fields: imm = branch offset (sign-extended), SVC/BKPT/UDF immediate, IT firstcond:mask, or SYSm;
//   list = MSR mask (bit 1: APSR.NZCVQ, bit 0: APSR.GE); kFlagA/B/C = CPS disable / PRIMASK / FAULTMASK.
// - Unallocated hints execute as NOP (A5.2.5, A5.3.5); they are named "HINT", as capstone prints them.
#include <bit>
#include <string>

#include "cores/core.h"
#include "cores/decoder/decoder.h"

namespace mcuprof {
namespace {

// ---------------------------------------------------------------- decode helpers

constexpr DecodeResult ok_if(bool ok) { return ok ? DecodeResult::kOk : DecodeResult::kUnpredictable; }

// A5.1.1: the (0) bits ('z') must be 0 and the (1) bits ('o') must be `ones` (all of them set).
bool should_be_bits_ok(const Fields& f, uint32_t ones) { return f('z') == 0 && f('o') == ones; }

// B5.1.1 Table B5-1: the SYSm values of the special registers MRS and MSR name.
bool valid_sysm(uint32_t sysm) { return sysm <= 3 || (sysm >= 5 && sysm <= 9) || (sysm >= 16 && sysm <= 20); }

// Encodings with no operands beyond ignored ones: only their should-be bits to check.
template <uint32_t kOnes>
DecodeResult decode_plain(const Fields& f, Inst&) { return ok_if(should_be_bits_ok(f, kOnes)); }

DecodeResult decode_imm(const Fields& f, Inst& i) {  // SVC T1, BKPT T1, UDF T1 (imm8), UDF T2 (imm4:imm12)
  i.imm = f('i');
  return DecodeResult::kOk;
}

// A7.7.12 B
DecodeResult decode_b_t1(const Fields& f, Inst& i) {
  i.cond = uint8_t(f('c'));  // 1110 is UDF and 1111 is SVC: their patterns are more specific
  i.imm = uint32_t(sign_extend(f('i') << 1, 9));
  return DecodeResult::kOk;
}

DecodeResult decode_b_t2(const Fields& f, Inst& i) {
  i.imm = uint32_t(sign_extend(f('i') << 1, 12));
  return DecodeResult::kOk;
}

DecodeResult decode_b_t3(const Fields& f, Inst& i) {
  // cond<3:1> == '111' is the rest of A5.3.4's miscellaneous control space: what is allocated there has a
  // more specific pattern, the remainder is UNDEFINED.
  if ((f('c') >> 1) == 7) return DecodeResult::kUndefined;
  i.cond = uint8_t(f('c'));
  i.imm = uint32_t(sign_extend((f('S') << 20) | (f('K') << 19) | (f('J') << 18) | (f('i') << 1), 21));
  return DecodeResult::kOk;
}

// B T4 and BL T1: I1 = NOT(J1 EOR S); I2 = NOT(J2 EOR S); imm32 = SignExtend(S:I1:I2:imm10:imm11:'0', 32)
DecodeResult decode_b_t4(const Fields& f, Inst& i) {
  const uint32_t s = f('S'), i1 = !(f('J') ^ s), i2 = !(f('K') ^ s);
  i.imm = uint32_t(sign_extend((s << 24) | (i1 << 23) | (i2 << 22) | (f('i') << 1), 25));
  return DecodeResult::kOk;
}

DecodeResult decode_cbz(const Fields& f, Inst& i) {  // A7.7.21: imm32 = ZeroExtend(i:imm5:'0', 32)
  i.rn = uint8_t(f('n'));
  i.imm = f('i') << 1;
  return DecodeResult::kOk;
}

DecodeResult decode_bx(const Fields& f, Inst& i) {  // A7.7.20
  i.rm = uint8_t(f('m'));
  return ok_if(should_be_bits_ok(f, 0));
}

DecodeResult decode_blx(const Fields& f, Inst& i) {  // A7.7.19 BLX (register): if m == 15 then UNPREDICTABLE
  const DecodeResult r = decode_bx(f, i);
  return r == DecodeResult::kOk ? ok_if(i.rm != 15) : r;
}

DecodeResult decode_it(const Fields& f, Inst& i) {  // A7.7.38 (mask == '0000' is a hint: more specific patterns)
  const uint32_t firstcond = f('c'), mask = f('m');
  i.imm = (firstcond << 4) | mask;
  return ok_if(firstcond != 15 && (firstcond != 14 || std::popcount(mask) == 1));
}

DecodeResult decode_hint_t2(const Fields& f, Inst& i) {  // A5.3.5: op1 != '000' is UNDEFINED
  if (f('p') != 0) return DecodeResult::kUndefined;
  return decode_plain<0xF>(f, i);
}

DecodeResult decode_cps(const Fields& f, Inst& i) {  // B5.2.1 CPS: im, I, F
  i.flags = uint8_t((f.raw & 0x10 ? kFlagA : 0) | (f('I') ? kFlagB : 0) | (f('F') ? kFlagC : 0));
  return ok_if(should_be_bits_ok(f, 0));
}

DecodeResult decode_mrs(const Fields& f, Inst& i) {  // B5.2.2
  i.rd = uint8_t(f('d'));
  i.imm = f('s');
  return ok_if(should_be_bits_ok(f, 0xF) && i.rd != 13 && i.rd != 15 && valid_sysm(i.imm));
}

DecodeResult decode_msr(const Fields& f, Inst& i) {  // B5.2.3
  i.rn = uint8_t(f('n'));
  i.imm = f('s');
  i.list = uint16_t(f('m'));
  // mask '01' and '11' (APSR.GE) exist with the DSP extension, which ARMv7E-M has; only for the xPSR views.
  const bool mask_ok = i.list != 0 && (i.list == 2 || i.imm <= 3);
  return ok_if(should_be_bits_ok(f, 0) && mask_ok && i.rn != 13 && i.rn != 15 && valid_sysm(i.imm));
}

// ---------------------------------------------------------------- semantics

uint32_t next_instr_addr(const Core& c, const Inst& i) { return c.pc() + i.len; }

void exec_b_cond(Core& c, const Inst& i) {  // B T1/T3: the core checked i.cond
  c.require_outside_it(i);
  c.branch_write_pc(c.reg(15) + i.imm);
}

void exec_b(Core& c, const Inst& i) {  // B T2/T4
  c.require_last_in_it(i);
  c.branch_write_pc(c.reg(15) + i.imm);
}

void exec_bl(Core& c, const Inst& i) {  // A7.7.18: LR = next_instr_addr<31:1> : '1'
  c.require_last_in_it(i);
  c.set_reg(14, next_instr_addr(c, i) | 1);
  c.branch_write_pc(c.reg(15) + i.imm);
}

void exec_blx(Core& c, const Inst& i) {  // A7.7.19
  c.require_last_in_it(i);
  const uint32_t target = c.reg(i.rm);
  c.set_reg(14, next_instr_addr(c, i) | 1);
  // BLXWritePC (A2.3.1): EPSR.T = target<0> (a clear T bit faults on the next instruction); no EXC_RETURN.
  c.s.tbit = target & 1;
  c.branch_write_pc(target);
}

void exec_bx(Core& c, const Inst& i) {  // A7.7.20: BXWritePC
  c.require_last_in_it(i);
  c.bx_write_pc(c.reg(i.rm));
}

template <bool kNonZero>
void exec_cbz(Core& c, const Inst& i) {  // A7.7.21 CBZ, CBNZ
  c.require_outside_it(i);
  if ((c.reg(i.rn) != 0) == kNonZero) c.branch_write_pc(c.reg(15) + i.imm);
}

void exec_it(Core& c, const Inst& i) {  // A7.7.38: ITSTATE.IT<7:0> = firstcond:mask
  c.require_outside_it(i);
  c.start_it_block(uint8_t(i.imm));
}

void exec_nop(Core&, const Inst&) {}  // NOP, YIELD, DBG, unallocated hints; DSB, DMB, ISB (no reordering is modelled)
void exec_wfe(Core& c, const Inst&) { c.wait_for_event(); }        // A7.7.261
void exec_wfi(Core& c, const Inst&) { c.wait_for_interrupt(); }    // A7.7.262
void exec_sev(Core& c, const Inst&) { c.send_event(); }            // A7.7.129

void exec_mrs(Core& c, const Inst& i) { c.set_reg(i.rd, c.read_special(i.imm)); }    // B5.2.2
void exec_msr(Core& c, const Inst& i) { c.write_special(i.imm, i.list, c.reg(i.rn)); }  // B5.2.3

void exec_cps(Core& c, const Inst& i) {  // B5.2.1
  c.require_outside_it(i);
  c.change_processor_state(i.flags & kFlagA, i.flags & kFlagB, i.flags & kFlagC);
}

void exec_svc(Core& c, const Inst& i) { c.supervisor_call(i.imm); }  // A7.7.175
void exec_bkpt(Core& c, const Inst& i) { c.breakpoint(i.imm); }      // A7.7.17

// A7.7.17: "BKPT is an unconditional instruction and executes as such both inside and outside an IT block."
DecodeResult decode_bkpt(const Fields& f, Inst& i) {
  i.imm = f('i');
  i.cond = kCondAlways;
  return DecodeResult::kOk;
}
void exec_udf(Core& c, const Inst& i) {                              // A7.7.194
  c.fault(FaultKind::kUndefInstr, "UDF #" + std::to_string(i.imm));
}

// ---------------------------------------------------------------- decoder table

constexpr Encoding kEncodings[] = {
    // A5.2.6 Conditional branch, and Supervisor Call; A5.2 B T2
    {"B T1",     "1101cccciiiiiiii", decode_b_t1, exec_b_cond},
    {"UDF T1",   "11011110iiiiiiii", decode_imm, exec_udf},
    {"SVC T1",   "11011111iiiiiiii", decode_imm, exec_svc},
    {"B T2",     "11100iiiiiiiiiii", decode_b_t2, exec_b},
    // A5.2.3 Special data instructions and branch and exchange
    {"BX T1",    "010001110mmmmzzz", decode_bx, exec_bx},
    {"BLX T1",   "010001111mmmmzzz", decode_blx, exec_blx},
    // A5.2.5 Miscellaneous 16-bit instructions
    {"CBZ T1",   "101100i1iiiiinnn", decode_cbz, exec_cbz<false>},
    {"CBNZ T1",  "101110i1iiiiinnn", decode_cbz, exec_cbz<true>},
    {"CPSIE T1", "101101100110zzIF", decode_cps, exec_cps},
    {"CPSID T1", "101101100111zzIF", decode_cps, exec_cps},
    {"BKPT T1",  "10111110iiiiiiii", decode_bkpt, exec_bkpt},
    {"IT T1",    "10111111ccccmmmm", decode_it, exec_it},
    {"NOP T1",   "1011111100000000", decode_plain<0>, exec_nop},
    {"YIELD T1", "1011111100010000", decode_plain<0>, exec_nop},
    {"WFE T1",   "1011111100100000", decode_plain<0>, exec_wfe},
    {"WFI T1",   "1011111100110000", decode_plain<0>, exec_wfi},
    {"SEV T1",   "1011111101000000", decode_plain<0>, exec_sev},
    {"HINT T1",  "10111111xxxx0000", decode_plain<0>, exec_nop},
    // A5.3.4 Branches and miscellaneous control
    {"B T3",     "11110Scccciiiiii10J0Kiiiiiiiiiii", decode_b_t3, exec_b_cond},
    {"B T4",     "11110Siiiiiiiiii10J1Kiiiiiiiiiii", decode_b_t4, exec_b},
    {"BL T1",    "11110Siiiiiiiiii11J1Kiiiiiiiiiii", decode_b_t4, exec_bl},
    {"MSR T1",   "11110011100znnnn10z0mmzzssssssss", decode_msr, exec_msr},
    {"MRS T1",   "11110011111zoooo10z0ddddssssssss", decode_mrs, exec_mrs},
    {"UDF T2",   "111101111111iiii1010iiiiiiiiiiii", decode_imm, exec_udf},
    // A5.3.5 Hint instructions
    {"NOP T2",   "111100111010oooo10z0z00000000000", decode_plain<0xF>, exec_nop},
    {"YIELD T2", "111100111010oooo10z0z00000000001", decode_plain<0xF>, exec_nop},
    {"WFE T2",   "111100111010oooo10z0z00000000010", decode_plain<0xF>, exec_wfe},
    {"WFI T2",   "111100111010oooo10z0z00000000011", decode_plain<0xF>, exec_wfi},
    {"SEV T2",   "111100111010oooo10z0z00000000100", decode_plain<0xF>, exec_sev},
    {"DBG T1",   "111100111010oooo10z0z0001111xxxx", decode_plain<0xF>, exec_nop},
    {"HINT T2",  "111100111010oooo10z0zppphhhhhhhh", decode_hint_t2, exec_nop},
    // A5.3.6 Miscellaneous control instructions (CLREX is in load_store); option: no effect modelled
    {"DSB T1",   "111100111011oooo10z0oooo0100xxxx", decode_plain<0xFF>, exec_nop},
    {"DMB T1",   "111100111011oooo10z0oooo0101xxxx", decode_plain<0xFF>, exec_nop},
    {"ISB T1",   "111100111011oooo10z0oooo0110xxxx", decode_plain<0xFF>, exec_nop},
};

}  // namespace

std::span<const Encoding> branch_system_encodings() { return kEncodings; }

}  // namespace mcuprof
