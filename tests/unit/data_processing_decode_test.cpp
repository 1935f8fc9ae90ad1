// Decode-level tests of the data_processing family (cores/isa/data_processing.cpp): the specific forms the manual
// lists separately (TST = ANDS Rd=1111, MOV = ORR Rn=1111, ADR = ADDW Rn=1111, ...), the UNPREDICTABLE
// constraints of DDI 0403E, and that the table leaves other families' encodings alone. Legal encodings come
// from arm-none-eabi-as; the illegal ones are those with a register or bit field patched.
#include <cstring>
#include <string>
#include <vector>

#include "tests/unit/core_fixture.h"
#include "tests/unit/decode_helper.h"

namespace mcuprof::test {
namespace {

constexpr DecodeResult kOk = DecodeResult::kOk;
constexpr DecodeResult kUnpredictable = DecodeResult::kUnpredictable;

// The first instruction of `source`: (hw1 << 16) | hw2 for a 32-bit one, else the halfword.
uint32_t raw(const std::string& source) {
  const std::vector<uint16_t> hw = assemble(source, CoreModel::kCortexM4, kFeatNone);
  return is_t32_prefix(hw.at(0)) ? (uint32_t(hw[0]) << 16) | hw.at(1) : hw[0];
}

// T32 register fields of the data-processing groups: Rd = hw2[11:8], Rn = hw1[3:0], Rm = hw2[3:0].
uint32_t with_rd(uint32_t r, unsigned v) { return (r & ~0x00000F00u) | (v << 8); }
uint32_t with_rn(uint32_t r, unsigned v) { return (r & ~0x000F0000u) | (v << 16); }
uint32_t with_rm(uint32_t r, unsigned v) { return (r & ~0x0000000Fu) | v; }


DecodeResult result(uint32_t r) { return decode(r).result; }

TEST(DataProcessingDecode, SpecificFormsOutrankTheGeneralOnes) {
  const struct { uint32_t raw; const char* name; } cases[] = {
      {with_rd(raw("ands r0, r1, #1"), 15), "TST (immediate) T1"},
      {with_rd(raw("eors r0, r1, #1"), 15), "TEQ (immediate) T1"},
      {with_rd(raw("adds.w r0, r1, #1"), 15), "CMN (immediate) T1"},
      {with_rd(raw("adds.w r0, sp, #1"), 15), "CMN (immediate) T1"},
      {with_rd(raw("subs.w r0, r1, #1"), 15), "CMP (immediate) T2"},
      {with_rn(raw("orr r0, r1, #1"), 15), "MOV (immediate) T2"},
      {with_rn(raw("orn r0, r1, #1"), 15), "MVN (immediate) T1"},
      {with_rn(raw("add.w r0, r1, #1"), 13), "ADD (SP plus immediate) T3"},
      {with_rn(raw("sub.w r0, r1, #1"), 13), "SUB (SP minus immediate) T2"},
      {with_rn(raw("addw r0, r1, #1"), 15), "ADR T3"},
      {with_rn(raw("subw r0, r1, #1"), 15), "ADR T2"},
      {with_rn(raw("addw r0, r1, #1"), 13), "ADD (SP plus immediate) T4"},
      {with_rn(raw("subw r0, r1, #1"), 13), "SUB (SP minus immediate) T3"},
      {with_rn(raw("bfi r0, r1, #1, #2"), 15), "BFC T1"},
      {with_rd(raw("ands.w r0, r1, r2"), 15), "TST (register) T2"},
      {with_rd(raw("eors.w r0, r1, r2"), 15), "TEQ (register) T1"},
      {with_rd(raw("adds.w r0, r1, r2"), 15), "CMN (register) T2"},
      {with_rd(raw("subs.w r0, r1, r2"), 15), "CMP (register) T3"},
      {with_rn(raw("orr.w r0, r1, r2"), 15), "MOV (register) T3"},
      {with_rn(raw("orr.w r0, r1, r2, lsl #3"), 15), "LSL (immediate) T2"},
      {with_rn(raw("orr.w r0, r1, r2, rrx"), 15), "RRX T1"},
      {with_rn(raw("orn r0, r1, r2"), 15), "MVN (register) T2"},
      {with_rn(raw("add.w r0, r1, r2"), 13), "ADD (SP plus register) T3"},
      {with_rn(raw("sub.w r0, r1, r2"), 13), "SUB (SP minus register) T1"},
      {0x0008, "MOV (register) T2"},          // lsls r0, r1, #0
      {0x4468, "ADD (SP plus register) T1"},  // add r0, sp, r0
      {0x4485, "ADD (SP plus register) T2"},  // add sp, r0
      {0x44ED, "ADD (SP plus register) T1"},  // add sp, sp: T2 with Rm = SP is "SEE encoding T1"
  };
  for (const auto& k : cases) {
    const Decoded d = decode(k.raw);
    EXPECT_EQ(d.name, k.name) << std::hex << k.raw;
    EXPECT_EQ(d.result, kOk) << std::hex << k.raw;
  }
}

TEST(DataProcessingDecode, FieldsOfTheSpForms) {
  const Decoded add_sp_sp = decode(0x44ED);
  EXPECT_EQ(add_sp_sp.inst.rd, 13);
  EXPECT_EQ(add_sp_sp.inst.rn, 13);
  EXPECT_EQ(add_sp_sp.inst.rm, 13);
  const Decoded add_r9 = decode(raw("add r9, sp, r9"));
  EXPECT_EQ(add_r9.inst.rd, 9);
  EXPECT_EQ(add_r9.inst.rm, 9);
  EXPECT_EQ(add_r9.inst.rn, 13);
  const Decoded sub_sp = decode(raw("sub sp, #508"));
  EXPECT_EQ(sub_sp.inst.rd, 13);
  EXPECT_EQ(sub_sp.inst.imm, 508u);
}

TEST(DataProcessingDecode, ModifiedImmediateConstraints) {
  const uint32_t and_imm = raw("and r0, r1, #1");
  EXPECT_EQ(result(and_imm), kOk);
  EXPECT_EQ(result(with_rd(and_imm, 13)), kUnpredictable);
  EXPECT_EQ(result(with_rd(and_imm, 15)), kUnpredictable);  // S = 0: not TST
  EXPECT_EQ(result(with_rn(and_imm, 13)), kUnpredictable);
  EXPECT_EQ(result(with_rn(and_imm, 15)), kUnpredictable);
  EXPECT_EQ(result(with_rn(raw("tst r1, #1"), 13)), kUnpredictable);
  EXPECT_EQ(result(with_rn(raw("orr r0, r1, #1"), 13)), kUnpredictable);
  EXPECT_EQ(result(with_rd(raw("mov.w r0, #1"), 13)), kUnpredictable);
  EXPECT_EQ(result(with_rd(raw("mvn r0, #1"), 15)), kUnpredictable);
  EXPECT_EQ(result(with_rn(raw("add.w r0, r1, #1"), 15)), kUnpredictable);
  EXPECT_EQ(result(with_rd(raw("add.w r0, r1, #1"), 13)), kUnpredictable);
  EXPECT_EQ(result(with_rn(raw("cmn r1, #1"), 15)), kUnpredictable);
  EXPECT_EQ(result(with_rn(raw("cmp.w r1, #1"), 15)), kUnpredictable);
  EXPECT_EQ(result(with_rd(raw("adc r0, r1, #1"), 13)), kUnpredictable);
  EXPECT_EQ(result(with_rn(raw("rsb r0, r1, #1"), 13)), kUnpredictable);
  // ADD/SUB (SP plus/minus immediate) T3/T2: only d == 15 (with S = 0) is UNPREDICTABLE
  EXPECT_EQ(result(raw("add.w sp, sp, #0x100")), kOk);
  EXPECT_EQ(result(with_rd(raw("add.w r0, sp, #0x100"), 15)), kUnpredictable);
  EXPECT_EQ(result(with_rd(raw("sub.w r0, sp, #0x100"), 15)), kUnpredictable);
  // A5.3.2: imm8 == 0 with a replicated pattern is UNPREDICTABLE
  const uint32_t replicated = raw("mov.w r0, #0x00010001");
  EXPECT_EQ(result(replicated), kOk);
  EXPECT_EQ(result(replicated & ~0xFFu), kUnpredictable);
}

TEST(DataProcessingDecode, ModifiedImmediateCarryFlag) {
  EXPECT_EQ(decode(raw("and r0, r1, #0xFF")).inst.flags & kFlagA, 0);
  EXPECT_EQ(decode(raw("and r0, r1, #0x00FF00FF")).inst.flags & kFlagA, 0);
  EXPECT_NE(decode(raw("and r0, r1, #0x3FC")).inst.flags & kFlagA, 0);
  EXPECT_EQ(decode(raw("and r0, r1, #0x3FC")).inst.imm, 0x3FCu);
}

TEST(DataProcessingDecode, PlainBinaryImmediateConstraints) {
  EXPECT_EQ(result(with_rd(raw("addw r0, r1, #1"), 13)), kUnpredictable);
  EXPECT_EQ(result(with_rd(raw("subw r0, r1, #1"), 15)), kUnpredictable);
  EXPECT_EQ(result(with_rd(raw("adr.w r0, .+8"), 13)), kUnpredictable);
  EXPECT_EQ(result(raw("addw sp, sp, #4")), kOk);
  EXPECT_EQ(result(with_rd(raw("addw r0, sp, #4"), 15)), kUnpredictable);
  EXPECT_EQ(result(with_rd(raw("subw r0, sp, #4"), 15)), kUnpredictable);
  EXPECT_EQ(result(with_rd(raw("movw r0, #1"), 15)), kUnpredictable);
  EXPECT_EQ(result(with_rd(raw("movt r0, #1"), 13)), kUnpredictable);
  EXPECT_EQ(decode(raw("movw r0, #0xBEEF")).inst.imm, 0xBEEFu);
}

TEST(DataProcessingDecode, BitfieldConstraints) {
  const uint32_t sbfx = raw("sbfx r0, r1, #4, #8");  // lsbit 4, widthminus1 7
  EXPECT_EQ(result(sbfx), kOk);
  EXPECT_EQ(result((sbfx & ~0x1Fu) | 27), kOk);             // msbit 31
  EXPECT_EQ(result((sbfx & ~0x1Fu) | 28), kUnpredictable);  // msbit 32
  EXPECT_EQ(result(sbfx | (1u << 26)), kUnpredictable);     // (0) bit of hw1
  EXPECT_EQ(result(sbfx | (1u << 5)), kUnpredictable);      // (0) bit of hw2
  EXPECT_EQ(result(with_rd(sbfx, 13)), kUnpredictable);
  EXPECT_EQ(result(with_rn(raw("ubfx r0, r1, #4, #8"), 15)), kUnpredictable);
  const uint32_t bfi = raw("bfi r0, r1, #4, #8");  // lsbit 4, msbit 11
  EXPECT_EQ(result((bfi & ~0x1Fu) | 4), kOk);               // msbit == lsbit
  EXPECT_EQ(result((bfi & ~0x1Fu) | 3), kUnpredictable);    // msbit < lsbit
  EXPECT_EQ(result(with_rn(bfi, 13)), kUnpredictable);
  EXPECT_EQ(result(with_rd(raw("bfc r0, #4, #8"), 15)), kUnpredictable);
}

TEST(DataProcessingDecode, ShiftedRegisterConstraints) {
  const uint32_t and_reg = raw("and.w r0, r1, r2");
  EXPECT_EQ(result(and_reg), kOk);
  EXPECT_EQ(result(and_reg | 0x8000), kUnpredictable);  // (0) bit 15 of hw2
  EXPECT_EQ(result(with_rd(and_reg, 13)), kUnpredictable);
  EXPECT_EQ(result(with_rd(and_reg, 15)), kUnpredictable);
  EXPECT_EQ(result(with_rn(and_reg, 13)), kUnpredictable);
  EXPECT_EQ(result(with_rm(and_reg, 13)), kUnpredictable);
  EXPECT_EQ(result(with_rm(and_reg, 15)), kUnpredictable);
  EXPECT_EQ(result(with_rn(raw("orr.w r0, r1, r2"), 13)), kUnpredictable);
  EXPECT_EQ(result(with_rn(raw("add.w r0, r1, r2"), 15)), kUnpredictable);
  EXPECT_EQ(result(with_rn(raw("cmn.w r1, r2"), 15)), kUnpredictable);
  EXPECT_EQ(result(with_rm(raw("cmp.w r1, r2"), 13)), kUnpredictable);
  EXPECT_EQ(result(with_rd(raw("lsl.w r0, r1, #1"), 13)), kUnpredictable);
  EXPECT_EQ(result(with_rm(raw("ror r0, r1, #1"), 15)), kUnpredictable);
  // MOV (register) T3: SP allowed on one side without S
  EXPECT_EQ(result(raw("mov.w r0, sp")), kOk);
  EXPECT_EQ(result(raw("mov.w sp, r0")), kOk);
  const uint32_t mov = raw("mov.w r0, r1");
  EXPECT_EQ(result(with_rm(with_rd(mov, 13), 13)), kUnpredictable);
  EXPECT_EQ(result(with_rd(mov, 15)), kUnpredictable);
  EXPECT_EQ(result(with_rm(mov, 15)), kUnpredictable);
  EXPECT_EQ(result(with_rm(raw("movs.w r0, r1"), 13)), kUnpredictable);
  EXPECT_EQ(result(with_rd(raw("movs.w r0, r1"), 13)), kUnpredictable);
  // ADD/SUB (SP plus/minus register): d == 13 only with LSL #0..3
  EXPECT_EQ(result(raw("add.w sp, sp, r1, lsl #3")), kOk);
  const uint32_t add_sp = raw("add.w r0, sp, r1, lsl #4");
  EXPECT_EQ(result(add_sp), kOk);
  EXPECT_EQ(result(with_rd(add_sp, 13)), kUnpredictable);
  EXPECT_EQ(result(with_rd(raw("add.w r0, sp, r1, lsr #1"), 13)), kUnpredictable);
  EXPECT_EQ(result(with_rd(raw("add.w r0, sp, r1"), 15)), kUnpredictable);
  EXPECT_EQ(result(with_rm(raw("add.w r0, sp, r1"), 13)), kUnpredictable);
  EXPECT_EQ(result(with_rd(raw("sub.w r0, sp, r1, asr #1"), 13)), kUnpredictable);
}

TEST(DataProcessingDecode, RegisterShiftAndMiscellaneousConstraints) {
  const uint32_t lsl = raw("lsl.w r0, r1, r2");
  EXPECT_EQ(result(with_rd(lsl, 13)), kUnpredictable);
  EXPECT_EQ(result(with_rn(lsl, 15)), kUnpredictable);
  EXPECT_EQ(result(with_rm(lsl, 13)), kUnpredictable);
  const uint32_t rev = raw("rev.w r0, r1");
  EXPECT_EQ(result(rev), kOk);
  EXPECT_EQ(result(with_rm(rev, 2)), kUnpredictable);  // !Consistent(Rm)
  EXPECT_EQ(result(with_rn(rev, 2)), kUnpredictable);
  EXPECT_EQ(result(with_rd(raw("clz r0, r1"), 15)), kUnpredictable);
  EXPECT_EQ(result(with_rn(with_rm(raw("rbit r0, r1"), 13), 13)), kUnpredictable);
}

TEST(DataProcessingDecode, SixteenBitConstraints) {
  EXPECT_EQ(result(0x4508), kUnpredictable);  // cmp r0, r1 in T2: both registers low
  EXPECT_EQ(result(0x458F), kUnpredictable);  // cmp pc, r1
  EXPECT_EQ(result(0x45F8), kUnpredictable);  // cmp r8, pc
  EXPECT_EQ(result(0x4588), kOk);             // cmp r8, r1
  EXPECT_EQ(result(0x44FF), kUnpredictable);  // add pc, pc
  EXPECT_EQ(result(0x4478), kOk);             // add r0, pc
}

// Encodings of other families that share the data-processing groups' bits must not match any line here.
TEST(DataProcessingDecode, LeavesOtherFamiliesAlone) {
  const char* others[] = {"muls r0, r1, r0", "sxtb r0, r1",   "uxth r0, r1",        "sxtb.w r0, r1",
                          "sxtah r0, r1, r2", "pkhbt r0, r1, r2", "pkhtb r0, r1, r2, asr #2", "ssat r0, #8, r1",
                          "usat r0, #8, r1", "ssat16 r0, #8, r1", "sel r0, r1, r2", "sadd8 r0, r1, r2",
                          "bx lr",            "blx r1",         "cbz r0, .+4",        "mul r0, r1, r2",
                          "sdiv r0, r1, r2",  "qadd r0, r1, r2", "uxtb16 r0, r1"};
  for (const char* source : others) {
    const uint32_t r = raw(source);
    const unsigned width = r > 0xFFFF ? 32 : 16;
    for (const Encoding& e : data_processing_encodings()) {
      if (std::strlen(e.pattern) != width) continue;
      uint32_t mask = 0, value = 0;
      for (unsigned b = 0; b < width; ++b) {
        const char ch = e.pattern[b];
        if (ch != '0' && ch != '1') continue;
        mask |= 1u << (width - 1 - b);
        value |= uint32_t(ch == '1') << (width - 1 - b);
      }
      EXPECT_NE(r & mask, value) << source << " matches " << e.name;
    }
  }
}

}  // namespace
}  // namespace mcuprof::test
