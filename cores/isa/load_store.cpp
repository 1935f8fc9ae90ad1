// Instruction family: load_store. Every load and store of ARMv7-M Thumb: LDR/STR and their byte, halfword and
// signed forms (immediate, register, literal, unprivileged), LDRD/STRD, LDM/STM/PUSH/POP, the exclusives
// (LDREX*, STREX*, CLREX), the memory hints (PLD, PLI, unallocated hints) and the table branches TBB/TBH.
// Encodings from the ARMv7-M ARM (DDI 0403E): A5.2.4 (16-bit load/store single), A5.2.5 (PUSH/POP), A5.2
// (LDR literal, LDM/STM 16-bit), A5.3.5 (load/store multiple), A5.3.6 (dual, exclusive, table branch),
// A5.3.7-A5.3.10 (load word; load halfword, unallocated memory hints; load byte, memory hints; store single),
// A5.3.4 (CLREX); semantics from the A7.7 pseudocode.
//
// Family conventions:
// - Inst fields: rd = Rt (the transferred register), rn = Rn, rm = Rm, ra = Rt2 (LDRD/STRD) or Rd (the STREX
//   status register); imm = the offset; shift_n = the LSL amount of a register offset; list = the register
//   list of LDM/STM/PUSH/POP. Flags: kAdd (U), kIndex (P), kWback (W) as the manual's add/index/wback;
//   kRegOffset (kFlagA) = the offset is R[m] << shift_n; kDecrementBefore (kFlagA) = LDMDB/STMDB/PUSH.
//   rn == 15 means a literal access: the base is Align(PC, 4).
// - Patterns name the bits the manual draws as (0) and (1) 'z' and 'o': another value is UNPREDICTABLE (A5.1.1).
// - "SEE LDR<x> (literal)" when Rn == 1111: the immediate, register and unprivileged forms return kSeeOther
//   and the decoder moves on to the literal line; stores with Rn == 1111 are UNDEFINED.
// - The UNPREDICTABLE rules that depend on ITSTATE (a load to the PC, TBB/TBH: "InITBlock() &&
//   !LastInITBlock()") and on the address (LDR to the PC from an address that is not word aligned) are
//   checked by the semantics, which refuse with an UNDEFINSTR UsageFault marked "UNPREDICTABLE" before any
//   access. They run only when the condition passed.
// - Unprivileged forms (LDRT, STRT, ...) access memory "as if unprivileged": without an MPU that is the
//   normal access, so they share the semantics of the immediate forms.
// - Every load reads all its memory before writing any register (a fault leaves the registers unchanged);
//   stores write memory in order and the base register last.
#include <bit>
#include <string>

#include "cores/core.h"
#include "cores/decoder/decoder.h"

namespace mcuprof {
namespace {

constexpr uint8_t kRegOffset = kFlagA;        // single transfers: offset = R[m] << shift_n
constexpr uint8_t kDecrementBefore = kFlagA;  // LDM/STM: DB addressing

// ---------------------------------------------------------------- decode helpers

constexpr DecodeResult ok_if(bool ok) { return ok ? DecodeResult::kOk : DecodeResult::kUnpredictable; }
constexpr bool bad_reg(unsigned r) { return r == 13 || r == 15; }  // A7.3 BadReg()

// A5.1.1: the (0) bits ('z') must be 0 and the (1) bits ('o') must be `ones` (all of them set).
bool should_be_bits_ok(const Fields& f, uint32_t ones) { return f('z') == 0 && f('o') == ones; }

// Fills a single transfer: Rt, Rn, offset and the manual's index/add/wback.
DecodeResult transfer(Inst& i, uint32_t t, uint32_t n, uint32_t imm, bool index, bool add, bool wback) {
  i.rd = uint8_t(t);
  i.rn = uint8_t(n);
  i.imm = imm;
  i.flags = uint8_t((index ? kIndex : 0) | (add ? kAdd : 0) | (wback ? kWback : 0));
  return DecodeResult::kOk;
}
DecodeResult offset(Inst& i, uint32_t t, uint32_t n, uint32_t imm) { return transfer(i, t, n, imm, true, true, false); }
DecodeResult register_offset(Inst& i, uint32_t t, uint32_t n, uint32_t m, uint32_t lsl) {  // [Rn, Rm, LSL #lsl]
  offset(i, t, n, 0);
  i.rm = uint8_t(m);
  i.shift_n = uint8_t(lsl);
  i.flags |= kRegOffset;
  return DecodeResult::kOk;
}

// Rt constraint of the 32-bit single transfers (A7.7.x decode). Byte and halfword transfers: BadReg(t) (their
// loads with Rt == 1111 are memory hints, matched by more specific patterns). Words: STR rejects the PC, LDR
// accepts any register (a load to the PC is a branch).
template <bool kLoad, unsigned kSize>
constexpr bool bad_rt(uint32_t t) { return kSize != 4 ? bad_reg(t) : (!kLoad && t == 15); }

// LDR (literal) T1/T2, LDRB/LDRH/LDRSB/LDRSH (literal) T1: imm32 = ZeroExtend(imm12, 32); add = (U == '1').
template <unsigned kSize>
DecodeResult decode_literal(const Fields& f, Inst& i) {
  if (kSize != 4 && f('t') == 13) return DecodeResult::kUnpredictable;
  return transfer(i, f('t'), 15, f('i'), true, f('u'), false);
}

// "if Rn == '1111' then SEE <load> (literal)" for loads; "if Rn == '1111' then UNDEFINED" for stores.
template <bool kLoad>
constexpr DecodeResult rn_is_pc() { return kLoad ? DecodeResult::kSeeOther : DecodeResult::kUndefined; }

// 16-bit forms: imm5 scaled by the access size (T1), or imm8 words from SP (T2) or the PC (LDR literal T1).
template <unsigned kScale>
DecodeResult decode_t16_imm5(const Fields& f, Inst& i) { return offset(i, f('t'), f('n'), f('i') << kScale); }
template <unsigned kBase>
DecodeResult decode_t16_imm8(const Fields& f, Inst& i) { return offset(i, f('t'), kBase, f('i') << 2); }

DecodeResult decode_t16_register(const Fields& f, Inst& i) { return register_offset(i, f('t'), f('n'), f('m'), 0); }

// 32-bit imm12 forms: LDR (immediate) T3, LDRB/LDRH (immediate) T2, LDRSB/LDRSH (immediate) T1, STR* T2/T3.
template <bool kLoad, unsigned kSize>
DecodeResult decode_imm12(const Fields& f, Inst& i) {
  if (f('n') == 15) return rn_is_pc<kLoad>();
  if (bad_rt<kLoad, kSize>(f('t'))) return DecodeResult::kUnpredictable;
  return offset(i, f('t'), f('n'), f('i'));
}

// 32-bit imm8 forms with P U W (offset, pre-indexed, post-indexed): LDR (immediate) T4, LDRB/LDRH (immediate)
// T3, LDRSB/LDRSH (immediate) T2, STR (immediate) T4, STRB/STRH (immediate) T3. P=1 U=1 W=0 (the unprivileged
// forms), PUSH/POP and the memory hints have more specific patterns.
template <bool kLoad, unsigned kSize>
DecodeResult decode_imm8(const Fields& f, Inst& i) {
  if (f('n') == 15) return rn_is_pc<kLoad>();
  if (!f('p') && !f('w')) return DecodeResult::kUndefined;
  if (bad_rt<kLoad, kSize>(f('t')) || (f('w') && f('n') == f('t'))) return DecodeResult::kUnpredictable;
  return transfer(i, f('t'), f('n'), f('i'), f('p'), f('u'), f('w'));
}

// LDRT, LDRBT, LDRHT, LDRSBT, LDRSHT, STRT, STRBT, STRHT T1: offset addressing, imm8; BadReg(t).
template <bool kLoad, unsigned kSize>
DecodeResult decode_unprivileged(const Fields& f, Inst& i) {
  if (f('n') == 15) return rn_is_pc<kLoad>();
  if (bad_reg(f('t'))) return DecodeResult::kUnpredictable;
  return offset(i, f('t'), f('n'), f('i'));
}

// 32-bit register forms: <op>.W Rt, [Rn, Rm, LSL #imm2]; BadReg(m).
template <bool kLoad, unsigned kSize>
DecodeResult decode_register(const Fields& f, Inst& i) {
  if (f('n') == 15) return rn_is_pc<kLoad>();
  if (bad_rt<kLoad, kSize>(f('t')) || bad_reg(f('m'))) return DecodeResult::kUnpredictable;
  return register_offset(i, f('t'), f('n'), f('m'), f('i'));
}

// POP T3 = LDR Rt, [SP], #4 (if t == 13 UNPREDICTABLE); PUSH T3 = STR Rt, [SP, #-4]! (if BadReg(t)).
// A7.7.99/A7.7.101 access the stack with MemU for these (UnalignedAllowed), as the LDR/STR semantics do.
DecodeResult decode_pop_t3(const Fields& f, Inst& i) {
  if (f('t') == 13) return DecodeResult::kUnpredictable;
  return transfer(i, f('t'), 13, 4, false, true, true);
}
DecodeResult decode_push_t3(const Fields& f, Inst& i) {
  if (bad_reg(f('t'))) return DecodeResult::kUnpredictable;
  return transfer(i, f('t'), 13, 4, true, false, true);
}

// A7.7.50 LDRD (immediate), A7.7.163 STRD (immediate): imm32 = imm8:'00'; index = P, add = U, wback = W.
// P == 0 && W == 0 is "SEE Related encodings" (exclusives, TBB/TBH): those that exist match more specific
// patterns, the rest of that space is UNDEFINED.
template <bool kLoad>
DecodeResult decode_dual_at(const Fields& f, Inst& i, uint32_t n) {
  const uint32_t t = f('t'), t2 = f('a');
  if (!f('p') && !f('w')) return DecodeResult::kUndefined;
  if (f('w') && (n == t || n == t2)) return DecodeResult::kUnpredictable;
  if (bad_reg(t) || bad_reg(t2) || (kLoad ? t == t2 : n == 15)) return DecodeResult::kUnpredictable;
  i.ra = uint8_t(t2);
  return transfer(i, t, n, f('i') << 2, f('p'), f('u'), f('w'));
}
template <bool kLoad>
DecodeResult decode_dual(const Fields& f, Inst& i) { return decode_dual_at<kLoad>(f, i, f('n')); }

// A7.7.51 LDRD (literal): as LDRD (immediate) with Rn = PC; if W == '1' then UNPREDICTABLE. P=0 W=0 is
// "SEE Related encodings" (LDREX/TBB/TBH with Rn == 1111, whose patterns fix fewer bits than this one).
DecodeResult decode_ldrd_literal(const Fields& f, Inst& i) {
  if (!f('p') && !f('w')) return DecodeResult::kSeeOther;
  const DecodeResult r = decode_dual_at<true>(f, i, 15);
  return r == DecodeResult::kOk ? ok_if(!f('w')) : r;
}

// LDM/STM/PUSH/POP: Rn, the register list, wback, IA or DB. registers<15> of a load is a branch (LoadWritePC).
DecodeResult multiple(Inst& i, uint32_t n, uint32_t list, bool wback, bool decrement_before, int min_registers) {
  if (std::popcount(list) < min_registers) return DecodeResult::kUnpredictable;
  i.rn = uint8_t(n);
  i.list = uint16_t(list);
  i.flags = uint8_t((wback ? kWback : 0) | (decrement_before ? kDecrementBefore : 0));
  return DecodeResult::kOk;
}

// 16-bit forms; "if BitCount(registers) < 1 then UNPREDICTABLE". A7.7.41 LDM T1: wback = (registers<n> == '0');
// A7.7.159 STM T1: wback = TRUE; A7.7.101 PUSH T1: registers = '0':M:'000000':list; A7.7.99 POP T1:
// registers = P:'0000000':list.
DecodeResult decode_ldm_t1(const Fields& f, Inst& i) { return multiple(i, f('n'), f('r'), !bit(f('r'), f('n')), false, 1); }
DecodeResult decode_stm_t1(const Fields& f, Inst& i) { return multiple(i, f('n'), f('r'), true, false, 1); }
DecodeResult decode_push_t1(const Fields& f, Inst& i) { return multiple(i, 13, (f('m') << 14) | f('r'), true, true, 1); }
DecodeResult decode_pop_t1(const Fields& f, Inst& i) { return multiple(i, 13, (f('p') << 15) | f('r'), true, false, 1); }

// 32-bit forms: LDM T2, LDMDB T1, STM T2, STMDB T1, and POP T2 / PUSH T2 (kStack: Rn = SP, wback = TRUE).
// registers = P:M:'0':register_list (stores: '0':M:'0':list); if n == 15 || BitCount(registers) < 2 ||
// (P == '1' && M == '1') then UNPREDICTABLE; if wback && registers<n> == '1' then UNPREDICTABLE.
template <bool kDb, bool kStack>
DecodeResult decode_multiple(const Fields& f, Inst& i) {
  const uint32_t n = kStack ? 13 : f('n');
  const bool wback = kStack || f('w');
  const uint32_t list = (f('p') << 15) | (f('m') << 14) | f('r');
  if (!should_be_bits_ok(f, 0) || n == 15 || (f('p') && f('m')) || (wback && bit(list, n)))
    return DecodeResult::kUnpredictable;
  return multiple(i, n, list, wback, kDb, 2);
}

// A7.7.52-A7.7.54 LDREX (imm32 = imm8:'00'), LDREXB, LDREXH: if BadReg(t) || n == 15 then UNPREDICTABLE.
template <uint32_t kOnes>
DecodeResult decode_ldrex(const Fields& f, Inst& i) {
  offset(i, f('t'), f('n'), f('i') << 2);
  return ok_if(should_be_bits_ok(f, kOnes) && !bad_reg(i.rd) && i.rn != 15);
}

// A7.7.167-A7.7.169 STREX, STREXB, STREXH: if BadReg(d) || BadReg(t) || n == 15 then UNPREDICTABLE;
// if d == n || d == t then UNPREDICTABLE.
template <uint32_t kOnes>
DecodeResult decode_strex(const Fields& f, Inst& i) {
  const uint32_t d = f('d');
  offset(i, f('t'), f('n'), f('i') << 2);
  i.ra = uint8_t(d);
  return ok_if(should_be_bits_ok(f, kOnes) && !bad_reg(d) && !bad_reg(i.rd) && i.rn != 15 && d != i.rn && d != i.rd);
}

// A7.7.185 TBB, TBH: if n == 13 || BadReg(m) then UNPREDICTABLE (n == 15: a table after the instruction).
DecodeResult decode_table_branch(const Fields& f, Inst& i) {
  i.rn = uint8_t(f('n'));
  i.rm = uint8_t(f('m'));
  return ok_if(should_be_bits_ok(f, 0xF) && i.rn != 13 && !bad_reg(i.rm));
}

DecodeResult decode_clrex(const Fields& f, Inst&) { return ok_if(should_be_bits_ok(f, 0xFFF)); }  // A7.7.23

// Memory hints have no operands that matter: PLD, PLI and the unallocated hints (treated as NOP, A5.3.8).
DecodeResult decode_hint(const Fields&, Inst&) { return DecodeResult::kOk; }
// PLD/PLI compute an address like a load (the timing models see its registers) and preload nothing:
// (immediate) T1 [Rn, #imm12], T2 [Rn, #-imm8], (literal) [PC, #+/-imm12].
DecodeResult decode_preload_imm12(const Fields& f, Inst& i) { return offset(i, 15, f('n'), f('i')); }
DecodeResult decode_preload_imm8(const Fields& f, Inst& i) { return transfer(i, 15, f('n'), f('i'), true, false, false); }
DecodeResult decode_preload_literal(const Fields& f, Inst& i) { return transfer(i, 15, 15, f('i'), true, f('u'), false); }
// PLD (register), PLI (register): if Rn == '1111' then SEE (literal); if BadReg(m) then UNPREDICTABLE.
DecodeResult decode_preload_register(const Fields& f, Inst& i) {
  if (f('n') == 15) return DecodeResult::kSeeOther;  // SEE PLD/PLI (literal)
  if (bad_reg(f('m'))) return DecodeResult::kUnpredictable;
  return register_offset(i, 15, f('n'), f('m'), f('i'));
}

// ---------------------------------------------------------------- semantics

// The addressing of every single and dual transfer (A7.7.x Operation):
//   offset_addr = if add then (base + offset) else (base - offset); address = if index then offset_addr else base
// base = R[n], or Align(PC, 4) for the literal forms; offset = imm32, or LSL(R[m], shift_n).
struct Address {
  uint32_t address, offset_addr;
};
Address address_of(const Core& c, const Inst& i) {
  const uint32_t base = i.rn == 15 ? c.reg(15) & ~3u : c.reg(i.rn);
  const uint32_t offset = (i.flags & kRegOffset) ? c.reg(i.rm) << i.shift_n : i.imm;
  const uint32_t offset_addr = (i.flags & kAdd) ? base + offset : base - offset;
  return {(i.flags & kIndex) ? offset_addr : base, offset_addr};
}

template <unsigned kSize>
constexpr uint32_t low_bytes(uint32_t v) { return kSize == 4 ? v : v & ((1u << (8 * kSize)) - 1); }

// LDR, LDRB, LDRH, LDRSB, LDRSH: all forms (A7.7.42-A7.7.65). A word load to the PC is LoadWritePC, and
// UNPREDICTABLE from an address that is not word aligned or when not last in an IT block.
template <unsigned kSize, bool kSigned>
void exec_load(Core& c, const Inst& i) {
  const Address a = address_of(c, i);
  const bool to_pc = kSize == 4 && i.rd == 15;
  if (to_pc) {
    c.require_last_in_it(i);
    if (a.address & 3) c.unpredictable(i, " loads the PC from an address that is not word aligned");
  }
  uint32_t data = c.mem_u(a.address, kSize);
  if constexpr (kSigned) data = uint32_t(sign_extend(data, 8 * kSize));
  if (i.flags & kWback) c.set_reg(i.rn, a.offset_addr);
  if (to_pc) c.bx_write_pc(data);
  else c.set_reg(i.rd, data);
}

// STR, STRB, STRH: all forms (A7.7.158-A7.7.170): MemU[address, size] = R[t]<size*8-1:0>.
template <unsigned kSize>
void exec_store(Core& c, const Inst& i) {
  const Address a = address_of(c, i);
  c.set_mem_u(a.address, kSize, low_bytes<kSize>(c.reg(i.rd)));
  if (i.flags & kWback) c.set_reg(i.rn, a.offset_addr);
}

void exec_hint(Core&, const Inst&) {}  // unallocated memory hints execute as NOP (A5.3.x)

// A7.7.94-A7.7.97 PLD, PLI: Hint_PreloadData/Hint_PreloadInstr(address) have no architectural effect.
void exec_preload(Core& c, const Inst& i) { (void)address_of(c, i); }

// A7.7.50/A7.7.51 LDRD, A7.7.163 STRD: two MemA word accesses (an unaligned address faults).
void exec_ldrd(Core& c, const Inst& i) {
  const Address a = address_of(c, i);
  const uint32_t lo = c.mem_a(a.address, 4), hi = c.mem_a(a.address + 4, 4);
  if (i.flags & kWback) c.set_reg(i.rn, a.offset_addr);
  c.set_reg(i.rd, lo);
  c.set_reg(i.ra, hi);
}
void exec_strd(Core& c, const Inst& i) {
  const Address a = address_of(c, i);
  c.set_mem_a(a.address, 4, c.reg(i.rd));
  c.set_mem_a(a.address + 4, 4, c.reg(i.ra));
  if (i.flags & kWback) c.set_reg(i.rn, a.offset_addr);
}

// LDM/STM addressing: IA starts at R[n] and writes back R[n] + 4*BitCount; DB starts and writes back at
// R[n] - 4*BitCount.
struct Block {
  uint32_t start, wback;
};
Block block_of(const Core& c, const Inst& i) {
  const uint32_t base = c.reg(i.rn), size = 4u * uint32_t(std::popcount(i.list));
  return (i.flags & kDecrementBefore) ? Block{base - size, base - size} : Block{base, base + size};
}

// A7.7.41 LDM, A7.7.42 LDMDB, A7.7.99 POP: MemA loads in register order, lowest register at the lowest address.
void exec_ldm(Core& c, const Inst& i) {
  const bool to_pc = i.list >> 15;
  if (to_pc) c.require_last_in_it(i);
  const Block b = block_of(c, i);
  uint32_t data[16], address = b.start;
  for (uint32_t m = i.list; m; m &= m - 1, address += 4) data[std::countr_zero(m)] = c.mem_a(address, 4);
  if (i.flags & kWback) c.set_reg(i.rn, b.wback);
  for (uint32_t m = i.list & 0x7FFFu; m; m &= m - 1) c.set_reg(unsigned(std::countr_zero(m)), data[std::countr_zero(m)]);
  if (to_pc) c.bx_write_pc(data[15]);
}

// A7.7.159 STM, A7.7.160 STMDB, A7.7.101 PUSH. STM T1 storing its base register, not the lowest in the list,
// stores an UNKNOWN value: the register's value before the instruction.
void exec_stm(Core& c, const Inst& i) {
  const Block b = block_of(c, i);
  uint32_t address = b.start;
  for (uint32_t m = i.list; m; m &= m - 1, address += 4) c.set_mem_a(address, 4, c.reg(unsigned(std::countr_zero(m))));
  if (i.flags & kWback) c.set_reg(i.rn, b.wback);
}

// A7.7.52-A7.7.54 LDREX*: R[t] = ZeroExtend(MemA[address, size]) and SetExclusiveMonitors(address, size).
template <unsigned kSize>
void exec_ldrex(Core& c, const Inst& i) {
  const uint32_t address = c.reg(i.rn) + i.imm;
  const uint32_t data = c.mem_a(address, kSize);
  c.set_exclusive_monitors(address, kSize);
  c.set_reg(i.rd, data);
}

// A7.7.167-A7.7.169 STREX*: store only if ExclusiveMonitorsPass; R[d] = 0 on success, 1 on failure.
template <unsigned kSize>
void exec_strex(Core& c, const Inst& i) {
  const uint32_t address = c.reg(i.rn) + i.imm;
  const bool pass = c.exclusive_monitors_pass(address, kSize);
  if (pass) c.set_mem_a(address, kSize, low_bytes<kSize>(c.reg(i.rd)));
  c.set_reg(i.ra, pass ? 0 : 1);
}

void exec_clrex(Core& c, const Inst&) { c.clear_exclusive_local(); }  // A7.7.23 ClearExclusiveLocal

// A7.7.185 TBB (byte table, R[n] + R[m]), TBH (halfword table, R[n] + LSL(R[m], 1)): BranchWritePC(PC + 2*entry).
template <unsigned kSize>
void exec_table_branch(Core& c, const Inst& i) {
  c.require_last_in_it(i);
  const uint32_t entry = c.mem_u(c.reg(i.rn) + c.reg(i.rm) * kSize, kSize);
  c.branch_write_pc(c.reg(15) + 2 * entry);
}

// ---------------------------------------------------------------- decoder table

constexpr auto ldr = exec_load<4, false>;
constexpr auto ldrb = exec_load<1, false>;
constexpr auto ldrh = exec_load<2, false>;
constexpr auto ldrsb = exec_load<1, true>;
constexpr auto ldrsh = exec_load<2, true>;
constexpr auto str = exec_store<4>;
constexpr auto strb = exec_store<1>;
constexpr auto strh = exec_store<2>;

constexpr Encoding kEncodings[] = {
    // A5.2.4 Load/store single data item (16-bit); A5.2 LDR (literal) T1
    {"STR (register) T1",    "0101000mmmnnnttt", decode_t16_register, str},
    {"STRH (register) T1",   "0101001mmmnnnttt", decode_t16_register, strh},
    {"STRB (register) T1",   "0101010mmmnnnttt", decode_t16_register, strb},
    {"LDRSB (register) T1",  "0101011mmmnnnttt", decode_t16_register, ldrsb},
    {"LDR (register) T1",    "0101100mmmnnnttt", decode_t16_register, ldr},
    {"LDRH (register) T1",   "0101101mmmnnnttt", decode_t16_register, ldrh},
    {"LDRB (register) T1",   "0101110mmmnnnttt", decode_t16_register, ldrb},
    {"LDRSH (register) T1",  "0101111mmmnnnttt", decode_t16_register, ldrsh},
    {"STR (immediate) T1",   "01100iiiiinnnttt", decode_t16_imm5<2>, str},
    {"LDR (immediate) T1",   "01101iiiiinnnttt", decode_t16_imm5<2>, ldr},
    {"STRB (immediate) T1",  "01110iiiiinnnttt", decode_t16_imm5<0>, strb},
    {"LDRB (immediate) T1",  "01111iiiiinnnttt", decode_t16_imm5<0>, ldrb},
    {"STRH (immediate) T1",  "10000iiiiinnnttt", decode_t16_imm5<1>, strh},
    {"LDRH (immediate) T1",  "10001iiiiinnnttt", decode_t16_imm5<1>, ldrh},
    {"STR (immediate) T2",   "10010tttiiiiiiii", decode_t16_imm8<13>, str},
    {"LDR (immediate) T2",   "10011tttiiiiiiii", decode_t16_imm8<13>, ldr},
    {"LDR (literal) T1",     "01001tttiiiiiiii", decode_t16_imm8<15>, ldr},
    // A5.2 LDM/STM (16-bit); A5.2.5 PUSH, POP
    {"STM T1",               "11000nnnrrrrrrrr", decode_stm_t1, exec_stm},
    {"LDM T1",               "11001nnnrrrrrrrr", decode_ldm_t1, exec_ldm},
    {"PUSH T1",              "1011010mrrrrrrrr", decode_push_t1, exec_stm},
    {"POP T1",               "1011110prrrrrrrr", decode_pop_t1, exec_ldm},

    // A5.3.5 Load/store multiple
    {"STM T2",               "1110100010w0nnnnzmzrrrrrrrrrrrrr", decode_multiple<false, false>, exec_stm},
    {"LDM T2",               "1110100010w1nnnnpmzrrrrrrrrrrrrr", decode_multiple<false, false>, exec_ldm},
    {"POP T2",               "1110100010111101pmzrrrrrrrrrrrrr", decode_multiple<false, true>, exec_ldm},
    {"STMDB T1",             "1110100100w0nnnnzmzrrrrrrrrrrrrr", decode_multiple<true, false>, exec_stm},
    {"PUSH T2",              "1110100100101101zmzrrrrrrrrrrrrr", decode_multiple<true, true>, exec_stm},
    {"LDMDB T1",             "1110100100w1nnnnpmzrrrrrrrrrrrrr", decode_multiple<true, false>, exec_ldm},

    // A5.3.6 Load/store dual or exclusive, table branch
    {"STREX T1",             "111010000100nnnnttttddddiiiiiiii", decode_strex<0>, exec_strex<4>},
    {"LDREX T1",             "111010000101nnnnttttooooiiiiiiii", decode_ldrex<0xF>, exec_ldrex<4>},
    {"STRD (immediate) T1",  "1110100pu1w0nnnnttttaaaaiiiiiiii", decode_dual<false>, exec_strd},
    {"LDRD (immediate) T1",  "1110100pu1w1nnnnttttaaaaiiiiiiii", decode_dual<true>, exec_ldrd},
    {"LDRD (literal) T1",    "1110100pu1w11111ttttaaaaiiiiiiii", decode_ldrd_literal, exec_ldrd},
    {"STREXB T1",            "111010001100nnnnttttoooo0100dddd", decode_strex<0xF>, exec_strex<1>},
    {"STREXH T1",            "111010001100nnnnttttoooo0101dddd", decode_strex<0xF>, exec_strex<2>},
    {"TBB T1",               "111010001101nnnnoooozzzz0000mmmm", decode_table_branch, exec_table_branch<1>},
    {"TBH T1",               "111010001101nnnnoooozzzz0001mmmm", decode_table_branch, exec_table_branch<2>},
    {"LDREXB T1",            "111010001101nnnnttttoooo0100oooo", decode_ldrex<0xFF>, exec_ldrex<1>},
    {"LDREXH T1",            "111010001101nnnnttttoooo0101oooo", decode_ldrex<0xFF>, exec_ldrex<2>},

    // A5.3.7 Load word; A5.2.5/A5.3.7 POP T3
    {"LDR (immediate) T3",   "111110001101nnnnttttiiiiiiiiiiii", decode_imm12<true, 4>, ldr},
    {"LDR (immediate) T4",   "111110000101nnnntttt1puwiiiiiiii", decode_imm8<true, 4>, ldr},
    {"LDRT T1",              "111110000101nnnntttt1110iiiiiiii", decode_unprivileged<true, 4>, ldr},
    {"LDR (register) T2",    "111110000101nnnntttt000000iimmmm", decode_register<true, 4>, ldr},
    {"LDR (literal) T2",     "11111000u1011111ttttiiiiiiiiiiii", decode_literal<4>, ldr},
    {"POP T3",               "1111100001011101tttt101100000100", decode_pop_t3, ldr},
    // A5.3.9 Load byte, memory hints
    {"LDRB (immediate) T2",  "111110001001nnnnttttiiiiiiiiiiii", decode_imm12<true, 1>, ldrb},
    {"LDRB (immediate) T3",  "111110000001nnnntttt1puwiiiiiiii", decode_imm8<true, 1>, ldrb},
    {"LDRBT T1",             "111110000001nnnntttt1110iiiiiiii", decode_unprivileged<true, 1>, ldrb},
    {"LDRB (register) T2",   "111110000001nnnntttt000000iimmmm", decode_register<true, 1>, ldrb},
    {"LDRB (literal) T1",    "11111000u0011111ttttiiiiiiiiiiii", decode_literal<1>, ldrb},
    {"LDRSB (immediate) T1", "111110011001nnnnttttiiiiiiiiiiii", decode_imm12<true, 1>, ldrsb},
    {"LDRSB (immediate) T2", "111110010001nnnntttt1puwiiiiiiii", decode_imm8<true, 1>, ldrsb},
    {"LDRSBT T1",            "111110010001nnnntttt1110iiiiiiii", decode_unprivileged<true, 1>, ldrsb},
    {"LDRSB (register) T2",  "111110010001nnnntttt000000iimmmm", decode_register<true, 1>, ldrsb},
    {"LDRSB (literal) T1",   "11111001u0011111ttttiiiiiiiiiiii", decode_literal<1>, ldrsb},
    {"PLD (immediate) T1",   "111110001001nnnn1111iiiiiiiiiiii", decode_preload_imm12, exec_preload},
    {"PLD (immediate) T2",   "111110000001nnnn11111100iiiiiiii", decode_preload_imm8, exec_preload},
    {"PLD (register) T1",    "111110000001nnnn1111000000iimmmm", decode_preload_register, exec_preload},
    {"PLD (literal) T1",     "11111000u00111111111iiiiiiiiiiii", decode_preload_literal, exec_preload},
    {"PLI (immediate, literal) T1", "111110011001nnnn1111iiiiiiiiiiii", decode_preload_imm12, exec_preload},
    {"PLI (immediate, literal) T2", "111110010001nnnn11111100iiiiiiii", decode_preload_imm8, exec_preload},
    {"PLI (immediate, literal) T3", "11111001u00111111111iiiiiiiiiiii", decode_preload_literal, exec_preload},
    {"PLI (register) T1",    "111110010001nnnn1111000000iimmmm", decode_preload_register, exec_preload},
    // A5.3.8 Load halfword, unallocated memory hints. The hints are the halfword loads to the PC that are not
    // UNPREDICTABLE; capstone prints the unsigned ones as PLDW (ARMv7-A's multiprocessing extension).
    {"LDRH (immediate) T2",  "111110001011nnnnttttiiiiiiiiiiii", decode_imm12<true, 2>, ldrh},
    {"LDRH (immediate) T3",  "111110000011nnnntttt1puwiiiiiiii", decode_imm8<true, 2>, ldrh},
    {"LDRHT T1",             "111110000011nnnntttt1110iiiiiiii", decode_unprivileged<true, 2>, ldrh},
    {"LDRH (register) T2",   "111110000011nnnntttt000000iimmmm", decode_register<true, 2>, ldrh},
    {"LDRH (literal) T1",    "11111000u0111111ttttiiiiiiiiiiii", decode_literal<2>, ldrh},
    {"LDRSH (immediate) T1", "111110011011nnnnttttiiiiiiiiiiii", decode_imm12<true, 2>, ldrsh},
    {"LDRSH (immediate) T2", "111110010011nnnntttt1puwiiiiiiii", decode_imm8<true, 2>, ldrsh},
    {"LDRSHT T1",            "111110010011nnnntttt1110iiiiiiii", decode_unprivileged<true, 2>, ldrsh},
    {"LDRSH (register) T2",  "111110010011nnnntttt000000iimmmm", decode_register<true, 2>, ldrsh},
    {"LDRSH (literal) T1",   "11111001u0111111ttttiiiiiiiiiiii", decode_literal<2>, ldrsh},
    {"Unallocated memory hint", "111110001011nnnn1111iiiiiiiiiiii", decode_hint, exec_hint},
    {"Unallocated memory hint", "111110000011nnnn11111100iiiiiiii", decode_hint, exec_hint},
    {"Unallocated memory hint", "111110000011nnnn1111000000iimmmm", decode_hint, exec_hint},
    {"Unallocated memory hint", "11111000u01111111111iiiiiiiiiiii", decode_hint, exec_hint},
    {"Unallocated memory hint", "111110011011nnnn1111iiiiiiiiiiii", decode_hint, exec_hint},
    {"Unallocated memory hint", "111110010011nnnn11111100iiiiiiii", decode_hint, exec_hint},
    {"Unallocated memory hint", "111110010011nnnn1111000000iimmmm", decode_hint, exec_hint},
    {"Unallocated memory hint", "11111001u01111111111iiiiiiiiiiii", decode_hint, exec_hint},
    // A5.3.10 Store single data item; A5.2.5/A5.3.10 PUSH T3
    {"STRB (immediate) T2",  "111110001000nnnnttttiiiiiiiiiiii", decode_imm12<false, 1>, strb},
    {"STRB (immediate) T3",  "111110000000nnnntttt1puwiiiiiiii", decode_imm8<false, 1>, strb},
    {"STRBT T1",             "111110000000nnnntttt1110iiiiiiii", decode_unprivileged<false, 1>, strb},
    {"STRB (register) T2",   "111110000000nnnntttt000000iimmmm", decode_register<false, 1>, strb},
    {"STRH (immediate) T2",  "111110001010nnnnttttiiiiiiiiiiii", decode_imm12<false, 2>, strh},
    {"STRH (immediate) T3",  "111110000010nnnntttt1puwiiiiiiii", decode_imm8<false, 2>, strh},
    {"STRHT T1",             "111110000010nnnntttt1110iiiiiiii", decode_unprivileged<false, 2>, strh},
    {"STRH (register) T2",   "111110000010nnnntttt000000iimmmm", decode_register<false, 2>, strh},
    {"STR (immediate) T3",   "111110001100nnnnttttiiiiiiiiiiii", decode_imm12<false, 4>, str},
    {"STR (immediate) T4",   "111110000100nnnntttt1puwiiiiiiii", decode_imm8<false, 4>, str},
    {"STRT T1",              "111110000100nnnntttt1110iiiiiiii", decode_unprivileged<false, 4>, str},
    {"STR (register) T2",    "111110000100nnnntttt000000iimmmm", decode_register<false, 4>, str},
    {"PUSH T3",              "1111100001001101tttt110100000100", decode_push_t3, str},

    // A5.3.4 Branches and miscellaneous control: CLREX
    {"CLREX T1",             "111100111011oooo10z0oooo0010oooo", decode_clrex, exec_clrex},
};

}  // namespace

std::span<const Encoding> load_store_encodings() { return kEncodings; }

}  // namespace mcuprof
