// Decode-level tests of the branch_system family (cores/isa/branch_system.cpp): which encoding each bit pattern
// selects, the fields it extracts, and the UNDEFINED / UNPREDICTABLE constraints of DDI 0403E.
// Encodings come from arm-none-eabi-as / objdump output (offsets are from the listing in the comments).
#include <gtest/gtest.h>

#include <string>

#include "cores/decoder/decoder.h"
#include "tests/unit/decode_helper.h"

namespace mcuprof {
namespace {

using test::Decoded;
using test::decode;

int32_t offset(const Decoded& d) { return int32_t(d.inst.imm); }

TEST(BranchSystemDecode, NamesEveryEncodingAsTheManual) {
  const std::pair<uint32_t, const char*> cases[] = {
      {0xe7fe, "B T2"},          {0xd0fd, "B T1"},          {0xf100b83e, "B T4"},      {0xf0408009, "B T3"},
      {0xf100f83a, "BL T1"},     {0x4798, "BLX T1"},        {0x4770, "BX T1"},         {0xb10a, "CBZ T1"},
      {0xb907, "CBNZ T1"},       {0xbf00, "NOP T1"},        {0xbf08, "IT T1"},         {0xbf15, "IT T1"},
      {0xb672, "CPSID T1"},      {0xb661, "CPSIE T1"},      {0xbeab, "BKPT T1"},       {0xdf12, "SVC T1"},
      {0xdefe, "UDF T1"},        {0xf7f1a234, "UDF T2"},    {0xf3ef8008, "MRS T1"},    {0xf3858812, "MSR T1"},
      {0xf3af8000, "NOP T2"},    {0xf3af8001, "YIELD T2"},  {0xf3af8002, "WFE T2"},    {0xf3af8003, "WFI T2"},
      {0xf3af8004, "SEV T2"},    {0xf3af80f5, "DBG T1"},    {0xf3bf8f4f, "DSB T1"},    {0xf3bf8f5b, "DMB T1"},
      {0xf3bf8f6f, "ISB T1"},    {0xbf10, "YIELD T1"},      {0xbf20, "WFE T1"},        {0xbf30, "WFI T1"},
      {0xbf40, "SEV T1"},        {0xbf50, "HINT T1"},       {0xbff0, "HINT T1"},       {0xf3af8005, "HINT T2"},
      {0xf3af80ef, "HINT T2"},
  };
  for (auto [raw, name] : cases) {
    const Decoded d = decode(raw);
    EXPECT_EQ(d.result, DecodeResult::kOk) << std::hex << raw;
    EXPECT_EQ(d.name, name) << std::hex << raw;
    EXPECT_EQ(d.inst.len, raw > 0xFFFF ? 4 : 2) << std::hex << raw;
  }
}

TEST(BranchSystemDecode, BranchOffsetsAndConditions) {
  EXPECT_EQ(offset(decode(0xe7fe)), -4);               // 0: b.n 0
  const Decoded beq = decode(0xd0fd);                  // 2: beq.n 0
  EXPECT_EQ(offset(beq), -6);
  EXPECT_EQ(beq.inst.cond, 0);
  EXPECT_EQ(offset(decode(0xf100b83e)), 0x10007C);     // 4: b.w 0x100084 (I1, I2 from J1, J2 and S)
  const Decoded bne = decode(0xf0408009);              // 8: bne.w 0x1e
  EXPECT_EQ(offset(bne), 0x12);
  EXPECT_EQ(bne.inst.cond, 1);
  EXPECT_EQ(offset(decode(0xf100f83a)), 0x100074);     // c: bl 0x100084
  EXPECT_EQ(offset(decode(0xf7fffff6)), -0x14);        // 10: bl 0
  EXPECT_EQ(offset(decode(0xf7ffbfbe)), -0x84);        // 80: b.w 0
  EXPECT_EQ(decode(0xe7fe).inst.cond, 14);             // unconditional encodings keep AL
  const Decoded cbz = decode(0xb10a);                  // 18: cbz r2, 0x1e
  EXPECT_EQ(cbz.inst.rn, 2);
  EXPECT_EQ(cbz.inst.imm, 2u);
  EXPECT_EQ(decode(0xb907).inst.rn, 7);                // 1a: cbnz r7, 0x1e
  EXPECT_EQ(decode(0xbbff).inst.imm, 126u);            // cbnz r7 with i:imm5 = 111111: the largest offset
}

TEST(BranchSystemDecode, OperandFields) {
  EXPECT_EQ(decode(0x4798).inst.rm, 3);                // blx r3
  EXPECT_EQ(decode(0x4770).inst.rm, 14);               // bx lr
  EXPECT_EQ(decode(0xbf15).inst.imm, 0x15u);           // itete ne: firstcond:mask
  EXPECT_EQ(decode(0xbeab).inst.imm, 0xABu);           // bkpt 0xab
  EXPECT_EQ(decode(0xdf12).inst.imm, 0x12u);           // svc 18
  EXPECT_EQ(decode(0xf7f1a234).inst.imm, 0x1234u);     // udf.w #0x1234
  const Decoded mrs = decode(0xf3ef8c14);              // mrs ip, CONTROL
  EXPECT_EQ(mrs.inst.rd, 12);
  EXPECT_EQ(mrs.inst.imm, 20u);
  const Decoded msr = decode(0xf3858812);              // msr BASEPRI_MAX, r5
  EXPECT_EQ(msr.inst.rn, 5);
  EXPECT_EQ(msr.inst.imm, 18u);
  EXPECT_EQ(msr.inst.list, 2u);
  EXPECT_EQ(decode(0xf3828400).inst.list, 1u);         // msr apsr_g, r2
  EXPECT_EQ(decode(0xf3838c00).inst.list, 3u);         // msr apsr_nzcvqg, r3
  EXPECT_EQ(decode(0xb672).inst.flags, kFlagA | kFlagB);           // cpsid i
  EXPECT_EQ(decode(0xb661).inst.flags, kFlagC);                    // cpsie f
  EXPECT_EQ(decode(0xb673).inst.flags, kFlagA | kFlagB | kFlagC);  // cpsid if
}

TEST(BranchSystemDecode, UnpredictableEncodingsAreRefused) {
  const std::pair<uint32_t, const char*> cases[] = {
      {0x47f8, "BLX pc"},
      {0x4771, "BX with a (0) bit set"},
      {0x4784, "BLX with a (0) bit set"},
      {0xbff8, "IT with firstcond 1111"},
      {0xbfe6, "IT AL with an else (two bits in mask)"},
      {0xb67a, "CPS with a (0) bit set"},
      {0xf38d8808, "MSR from sp"},
      {0xf38f8808, "MSR from pc"},
      {0xf3808008, "MSR mask 00"},
      {0xf3808408, "MSR mask 01 to MSP (GE bits only exist in the xPSR)"},
      {0xf3808804, "MSR to reserved SYSm 4"},
      {0xf380880a, "MSR to reserved SYSm 10"},
      {0xf3808815, "MSR to reserved SYSm 21"},
      {0xf3908808, "MSR with the (0) bit 20 set"},
      {0xf380a808, "MSR with the (0) bit 13 set"},
      {0xf3808908, "MSR with a (0) bit in 9:8 set"},
      {0xf3ef8d08, "MRS to sp"},
      {0xf3ef8f08, "MRS to pc"},
      {0xf3ef8004, "MRS of reserved SYSm 4"},
      {0xf3ef8015, "MRS of reserved SYSm 21"},
      {0xf3e08008, "MRS with (1) bits clear"},
      {0xf3ff8008, "MRS with the (0) bit 20 set"},
      {0xf3afa000, "NOP.W with the (0) bit 13 set"},
      {0xf3a08000, "NOP.W with (1) bits clear"},
      {0xf3bf8e4f, "DSB with a (1) bit clear"},
  };
  for (auto [raw, what] : cases) EXPECT_EQ(decode(raw).result, DecodeResult::kUnpredictable) << what;
}

TEST(BranchSystemDecode, AcceptsEdgeValuesTheManualAllows) {
  EXPECT_EQ(decode(0xbfe8).result, DecodeResult::kOk);         // it al (mask 1000)
  EXPECT_EQ(decode(0xbfe4).result, DecodeResult::kOk);         // itt al (mask 0100)
  EXPECT_EQ(decode(0x4778).result, DecodeResult::kOk);         // bx pc
  EXPECT_EQ(decode(0xb660).result, DecodeResult::kOk);         // cpsie with neither I nor F: no effect
  EXPECT_EQ(decode(0xf3838403).result, DecodeResult::kOk);     // msr xpsr_g, r3
  EXPECT_EQ(decode(0xf3ef8003).result, DecodeResult::kOk);     // mrs r0, xpsr
  EXPECT_EQ(decode(0xf3bf8f40).result, DecodeResult::kOk);     // dsb #0: reserved options act as SY
}

TEST(BranchSystemDecode, UndefinedSpaceIsUndefined) {
  const std::pair<uint32_t, const char*> cases[] = {
      {0xf3af8100, "32-bit hint with op1 != 000"},
      {0xf3bf8f7f, "miscellaneous control op 0111"},
      {0xf3bf8f0f, "miscellaneous control op 0000"},
      {0xf3c08000, "branches and miscellaneous control op 0111100"},
      {0xf3d08000, "branches and miscellaneous control op 0111101"},
      {0xf7f08000, "branches and miscellaneous control op 1111111, op1 000"},
      {0xb650, "16-bit 1011 0110 010x (no CPS)"},
  };
  for (auto [raw, what] : cases) EXPECT_EQ(decode(raw).result, DecodeResult::kUndefined) << what;
}

}  // namespace
}  // namespace mcuprof
