// Semantics of the data_processing family (cores/isa/data_processing.cpp), one assembled instruction at a time:
// the encoding arm-none-eabi-as chose (so the table is pinned to GNU as), the result, and N Z C V, with the
// carry and overflow edges of AddWithCarry, Shift_C and ThumbExpandImm_C.
#include <string>
#include <utility>
#include <vector>

#include "tests/unit/core_fixture.h"

namespace mcuprof::test {
namespace {

constexpr uint32_t kCode = CoreFixture::kCode;
constexpr uint32_t kSp = CoreFixture::kStackTop;  // SP before every case
constexpr int kNoReg = -1;                        // compare/test: no register written

// Flags as "nzcv": upper case = set.
std::string flags(const CpuState& s) {
  return {s.n ? 'N' : 'n', s.z ? 'Z' : 'z', s.c ? 'C' : 'c', s.v ? 'V' : 'v'};
}
void set_flags(CpuState& s, const std::string& f) {
  s.n = f[0] == 'N';
  s.z = f[1] == 'Z';
  s.c = f[2] == 'C';
  s.v = f[3] == 'V';
}

struct Case {
  const char* source;    // one instruction
  const char* encoding;  // the table line it must decode as
  std::vector<std::pair<int, uint32_t>> in;
  const char* flags_in;
  int rd;                // the register written, or kNoReg
  uint32_t out;
  const char* flags_out;
};

// Assembles all cases in one go (one instruction each), then runs each on a fresh core.
void run(const std::vector<Case>& cases) {
  std::string program;
  for (const Case& k : cases) program += std::string(k.source) + "\n";
  const std::vector<uint16_t> code = assemble(program, CoreModel::kCortexM4, kFeatFpSp);
  size_t at = 0;
  for (const Case& k : cases) {
    SCOPED_TRACE(k.source);
    const size_t len = is_t32_prefix(code.at(at)) ? 2 : 1;
    CoreFixture f;
    f.load_halfwords(std::vector<uint16_t>(code.begin() + at, code.begin() + at + len));
    at += len;
    for (auto [r, v] : k.in) f.core.s.r[r] = v;
    set_flags(f.core.s, k.flags_in);
    const Inst& inst = f.core.fetch(kCode);
    ASSERT_NE(inst.enc, Decoder::kNoEncoding);
    EXPECT_STREQ(f.core.decoder().encoding(inst.enc).name, k.encoding);
    f.step();
    ASSERT_EQ(f.core.stop_reason, StopReason::kNone) << f.core.last_fault.detail;
    if (k.rd != kNoReg) {
      EXPECT_EQ(f.core.s.r[k.rd], k.out) << std::hex << f.core.s.r[k.rd];
    }
    EXPECT_EQ(flags(f.core.s), k.flags_out);
    EXPECT_EQ(f.core.s.r[15], kCode + 2 * len);
  }
  EXPECT_EQ(at, code.size());
}

TEST(DataProcessing, ShiftAddSubtractMoveCompare16) {  // A5.2.1
  run({
      {"movs r0, r1", "MOV (register) T2", {{0, 9}, {1, 0}}, "NzCV", 0, 0, "nZCV"},
      {"lsls r0, r1, #1", "LSL (immediate) T1", {{1, 0x80000001}}, "nzcv", 0, 2, "nzCv"},
      {"lsrs r0, r1, #32", "LSR (immediate) T1", {{1, 0x80000000}}, "nzcv", 0, 0, "nZCv"},
      {"lsrs r0, r1, #1", "LSR (immediate) T1", {{1, 2}}, "nzCv", 0, 1, "nzcv"},
      {"asrs r0, r1, #32", "ASR (immediate) T1", {{1, 0x80000000}}, "nzcv", 0, 0xFFFFFFFF, "NzCv"},
      {"asrs r0, r1, #4", "ASR (immediate) T1", {{1, 0x80000010}}, "nzCv", 0, 0xF8000001, "Nzcv"},
      {"adds r0, r1, r2", "ADD (register) T1", {{1, 0x7FFFFFFF}, {2, 1}}, "nzcv", 0, 0x80000000, "NzcV"},
      {"subs r0, r1, r2", "SUB (register) T1", {{1, 1}, {2, 2}}, "nzCv", 0, 0xFFFFFFFF, "Nzcv"},
      {"subs r0, r1, r2", "SUB (register) T1", {{1, 2}, {2, 1}}, "nzcv", 0, 1, "nzCv"},
      {"adds r0, r1, #7", "ADD (immediate) T1", {{1, 0xFFFFFFF9}}, "nzcv", 0, 0, "nZCv"},
      {"subs r0, r1, #1", "SUB (immediate) T1", {{1, 0x80000000}}, "nzcv", 0, 0x7FFFFFFF, "nzCV"},
      {"movs r0, #0x80", "MOV (immediate) T1", {}, "NZCV", 0, 0x80, "nzCV"},
      {"cmp r1, #5", "CMP (immediate) T1", {{1, 5}}, "Nzcv", kNoReg, 0, "nZCv"},
      {"cmp r1, #6", "CMP (immediate) T1", {{1, 5}}, "nzCv", kNoReg, 0, "Nzcv"},
      {"adds r0, #200", "ADD (immediate) T2", {{0, 0xFFFFFF38}}, "nzcv", 0, 0, "nZCv"},
      {"subs r0, #1", "SUB (immediate) T2", {{0, 0}}, "nzCv", 0, 0xFFFFFFFF, "Nzcv"},
  });
}

TEST(DataProcessing, RegisterOperations16) {  // A5.2.2
  run({
      {"ands r0, r1", "AND (register) T1", {{0, 0xF0F0}, {1, 0xFF00}}, "nzCv", 0, 0xF000, "nzCv"},
      {"eors r0, r1", "EOR (register) T1", {{0, 0x80000001}, {1, 1}}, "nzcV", 0, 0x80000000, "NzcV"},
      {"lsls r0, r1", "LSL (register) T1", {{0, 1}, {1, 32}}, "nzcv", 0, 0, "nZCv"},
      {"lsls r0, r1", "LSL (register) T1", {{0, 1}, {1, 33}}, "nzCv", 0, 0, "nZcv"},
      {"lsls r0, r1", "LSL (register) T1", {{0, 0x80000000}, {1, 0x100}}, "nzCv", 0, 0x80000000, "NzCv"},
      {"lsrs r0, r1", "LSR (register) T1", {{0, 0x80000000}, {1, 32}}, "nzcv", 0, 0, "nZCv"},
      {"asrs r0, r1", "ASR (register) T1", {{0, 0x80000000}, {1, 200}}, "nzcv", 0, 0xFFFFFFFF, "NzCv"},
      {"adcs r0, r1", "ADC (register) T1", {{0, 0xFFFFFFFF}, {1, 0}}, "nzCv", 0, 0, "nZCv"},
      {"adcs r0, r1", "ADC (register) T1", {{0, 0x7FFFFFFF}, {1, 0}}, "nzCv", 0, 0x80000000, "NzcV"},
      {"sbcs r0, r1", "SBC (register) T1", {{0, 5}, {1, 5}}, "nzcv", 0, 0xFFFFFFFF, "Nzcv"},
      {"sbcs r0, r1", "SBC (register) T1", {{0, 0x80000000}, {1, 0}}, "nzcv", 0, 0x7FFFFFFF, "nzCV"},
      {"rors r0, r1", "ROR (register) T1", {{0, 0x80000001}, {1, 1}}, "nzcv", 0, 0xC0000000, "NzCv"},
      {"rors r0, r1", "ROR (register) T1", {{0, 0x80000001}, {1, 32}}, "nzcv", 0, 0x80000001, "NzCv"},
      {"tst r0, r1", "TST (register) T1", {{0, 0xF0}, {1, 0x0F}}, "NzCV", kNoReg, 0, "nZCV"},
      {"negs r0, r1", "RSB (immediate) T1", {{1, 1}}, "nzcv", 0, 0xFFFFFFFF, "Nzcv"},
      {"rsbs r0, r1, #0", "RSB (immediate) T1", {{1, 0x80000000}}, "nzcv", 0, 0x80000000, "NzcV"},
      {"rsbs r0, r1, #0", "RSB (immediate) T1", {{1, 0}}, "nzcv", 0, 0, "nZCv"},
      {"cmp r0, r1", "CMP (register) T1", {{0, 3}, {1, 5}}, "nzcv", kNoReg, 0, "Nzcv"},
      {"cmn r0, r1", "CMN (register) T1", {{0, 0xFFFFFFFF}, {1, 1}}, "nzcv", kNoReg, 0, "nZCv"},
      {"orrs r0, r1", "ORR (register) T1", {{0, 0}, {1, 0}}, "Nzcv", 0, 0, "nZcv"},
      {"bics r0, r1", "BIC (register) T1", {{0, 0xFF}, {1, 0x0F}}, "nzcv", 0, 0xF0, "nzcv"},
      {"mvns r0, r1", "MVN (register) T1", {{1, 0}}, "nZcv", 0, 0xFFFFFFFF, "Nzcv"},
  });
}

TEST(DataProcessing, SpecialDataAndSpForms16) {  // A5.2.3, ADR, ADD/SUB SP, A5.2.5 REV*
  run({
      {"add r0, r1", "ADD (register) T2", {{0, 0xFFFFFFFF}, {1, 1}}, "nzcv", 0, 0, "nzcv"},
      {"add r8, r1", "ADD (register) T2", {{8, 2}, {1, 3}}, "NZCV", 8, 5, "NZCV"},
      {"add r0, sp, r0", "ADD (SP plus register) T1", {{0, 0x10}}, "nzcv", 0, kSp + 0x10, "nzcv"},
      {"add r8, sp, r8", "ADD (SP plus register) T1", {{8, 0x20}}, "nzcv", 8, kSp + 0x20, "nzcv"},
      {"add sp, r1", "ADD (SP plus register) T2", {{1, 0x10}}, "nzcv", 13, kSp + 0x10, "nzcv"},
      {"cmp r1, r8", "CMP (register) T2", {{1, 5}, {8, 7}}, "nzcv", kNoReg, 0, "Nzcv"},
      {"mov r8, r1", "MOV (register) T1", {{1, 0x1234}}, "NZCV", 8, 0x1234, "NZCV"},
      {"mov r0, r1", "MOV (register) T1", {{1, 0}}, "nzcv", 0, 0, "nzcv"},
      {"add r0, sp, #16", "ADD (SP plus immediate) T1", {}, "nzcv", 0, kSp + 16, "nzcv"},
      {"add sp, #16", "ADD (SP plus immediate) T2", {}, "nzcv", 13, kSp + 16, "nzcv"},
      {"sub sp, #16", "SUB (SP minus immediate) T1", {}, "nzcv", 13, kSp - 16, "nzcv"},
      {"rev r0, r1", "REV T1", {{1, 0x12345678}}, "nzcv", 0, 0x78563412, "nzcv"},
      {"rev16 r0, r1", "REV16 T1", {{1, 0x12345678}}, "nzcv", 0, 0x34127856, "nzcv"},
      {"revsh r0, r1", "REVSH T1", {{1, 0x12345680}}, "nzcv", 0, 0xFFFF8056, "nzcv"},
  });
}

TEST(DataProcessing, ModifiedImmediate) {  // A5.3.1; the carry of ThumbExpandImm_C
  run({
      {"ands r0, r1, #0xFF000000", "AND (immediate) T1", {{1, 0x12345678}}, "nzcv", 0, 0x12000000, "nzCv"},
      {"ands r0, r1, #0xFF", "AND (immediate) T1", {{1, 0x80000080}}, "nzCv", 0, 0x80, "nzCv"},   // unrotated: C kept
      // rotated, bit 31 clear: C = 0
      {"ands r0, r1, #0x3FC", "AND (immediate) T1", {{1, 0xFFFFFFFF}}, "nzCv", 0, 0x3FC, "nzcv"},
      {"tst r1, #0x80000000", "TST (immediate) T1", {{1, 0x80000000}}, "nzcv", kNoReg, 0, "NzCv"},
      {"bics r0, r1, #0xFF", "BIC (immediate) T1", {{1, 0xFF}}, "nzcv", 0, 0, "nZcv"},
      {"orr r0, r1, #0x00FF00FF", "ORR (immediate) T1", {{1, 0x1000}}, "NZCV", 0, 0x00FF10FF, "NZCV"},
      {"movs.w r0, #0x80000000", "MOV (immediate) T2", {}, "nZcv", 0, 0x80000000, "NzCv"},
      {"mov.w r0, #0xAB00AB00", "MOV (immediate) T2", {}, "nzcv", 0, 0xAB00AB00, "nzcv"},
      {"orn r0, r1, #0xFF", "ORN (immediate) T1", {{1, 0x100}}, "nzcv", 0, 0xFFFFFF00, "nzcv"},
      {"mvns r0, #0", "MVN (immediate) T1", {}, "nZcv", 0, 0xFFFFFFFF, "Nzcv"},
      {"eor r0, r1, #0xFFFFFFFF", "EOR (immediate) T1", {{1, 0x0F0F0F0F}}, "nzcv", 0, 0xF0F0F0F0, "nzcv"},
      {"teq r1, #1", "TEQ (immediate) T1", {{1, 1}}, "Nzcv", kNoReg, 0, "nZcv"},
      {"adds.w r0, r1, #0x10000", "ADD (immediate) T3", {{1, 0xFFFF0000}}, "nzcv", 0, 0, "nZCv"},
      {"cmn r1, #0x100", "CMN (immediate) T1", {{1, 0xFFFFFF00}}, "nzcv", kNoReg, 0, "nZCv"},
      {"add.w r0, sp, #0x100", "ADD (SP plus immediate) T3", {}, "nzcv", 0, kSp + 0x100, "nzcv"},
      {"adcs r0, r1, #1", "ADC (immediate) T1", {{1, 0x7FFFFFFE}}, "nzCv", 0, 0x80000000, "NzcV"},
      {"sbcs r0, r1, #1", "SBC (immediate) T1", {{1, 1}}, "nzcv", 0, 0xFFFFFFFF, "Nzcv"},
      {"subs.w r0, r1, #0x1000", "SUB (immediate) T3", {{1, 0x1000}}, "nzcv", 0, 0, "nZCv"},
      {"cmp.w r1, #0x1000", "CMP (immediate) T2", {{1, 0}}, "nzcv", kNoReg, 0, "Nzcv"},
      {"sub.w sp, sp, #0x100", "SUB (SP minus immediate) T2", {}, "nzcv", 13, kSp - 0x100, "nzcv"},
      {"rsbs r0, r1, #0x100", "RSB (immediate) T2", {{1, 0x101}}, "nzcv", 0, 0xFFFFFFFF, "Nzcv"},
  });
}

TEST(DataProcessing, PlainBinaryImmediate) {  // A5.3.3
  run({
      {"addw r0, r1, #0xFFF", "ADD (immediate) T4", {{1, 1}}, "NZCV", 0, 0x1000, "NZCV"},
      {"addw r0, sp, #0x123", "ADD (SP plus immediate) T4", {}, "nzcv", 0, kSp + 0x123, "nzcv"},
      {"movw r0, #0xBEEF", "MOV (immediate) T3", {{0, 0x12345678}}, "NZCV", 0, 0xBEEF, "NZCV"},
      {"subw r0, r1, #0xFFF", "SUB (immediate) T4", {{1, 0x1000}}, "nzcv", 0, 1, "nzcv"},
      {"subw r0, sp, #0x123", "SUB (SP minus immediate) T3", {}, "nzcv", 0, kSp - 0x123, "nzcv"},
      {"movt r0, #0xBEEF", "MOVT T1", {{0, 0x12345678}}, "nzcv", 0, 0xBEEF5678, "nzcv"},
      {"sbfx r0, r1, #4, #8", "SBFX T1", {{1, 0xF80}}, "nzcv", 0, 0xFFFFFFF8, "nzcv"},
      {"sbfx r0, r1, #0, #32", "SBFX T1", {{1, 0x87654321}}, "nzcv", 0, 0x87654321, "nzcv"},
      {"ubfx r0, r1, #4, #8", "UBFX T1", {{1, 0xF80}}, "nzcv", 0, 0xF8, "nzcv"},
      {"ubfx r0, r1, #31, #1", "UBFX T1", {{1, 0x80000000}}, "nzcv", 0, 1, "nzcv"},
      {"bfi r0, r1, #8, #4", "BFI T1", {{0, 0xFFFFFFFF}, {1, 0x5}}, "nzcv", 0, 0xFFFFF5FF, "nzcv"},
      {"bfi r0, r1, #0, #32", "BFI T1", {{0, 1}, {1, 0xCAFEF00D}}, "nzcv", 0, 0xCAFEF00D, "nzcv"},
      {"bfc r0, #8, #4", "BFC T1", {{0, 0xFFFFFFFF}}, "nzcv", 0, 0xFFFFF0FF, "nzcv"},
      {"bfc r0, #31, #1", "BFC T1", {{0, 0xFFFFFFFF}}, "nzcv", 0, 0x7FFFFFFF, "nzcv"},
  });
}

TEST(DataProcessing, ShiftedRegister) {  // A5.3.11; the carry of Shift_C
  run({
      {"ands.w r0, r1, r2, lsl #4", "AND (register) T2", {{1, ~0u}, {2, 0x1800000F}}, "nzcv", 0, 0x800000F0, "NzCv"},
      {"tst.w r1, r2, lsr #1", "TST (register) T2", {{1, 0xFFFFFFFF}, {2, 1}}, "nzcv", kNoReg, 0, "nZCv"},
      {"bic.w r0, r1, r2, asr #2", "BIC (register) T2", {{1, ~0u}, {2, 0x80000000}}, "nzcv", 0, 0x1FFFFFFF, "nzcv"},
      {"orrs.w r0, r1, r2, ror #8", "ORR (register) T2", {{1, 0}, {2, 0xFF}}, "nzcv", 0, 0xFF000000, "NzCv"},
      {"mov.w r0, r1", "MOV (register) T3", {{1, 5}}, "NZCV", 0, 5, "NZCV"},
      {"movs.w r0, r1", "MOV (register) T3", {{1, 0}}, "NzCV", 0, 0, "nZCV"},
      {"lsls.w r0, r1, #4", "LSL (immediate) T2", {{1, 0x18000001}}, "nzcv", 0, 0x80000010, "NzCv"},
      {"lsrs.w r0, r1, #32", "LSR (immediate) T2", {{1, 0x80000000}}, "nzcv", 0, 0, "nZCv"},
      {"asrs.w r0, r1, #1", "ASR (immediate) T2", {{1, 0x80000001}}, "nzcv", 0, 0xC0000000, "NzCv"},
      {"rrxs r0, r1", "RRX T1", {{1, 1}}, "nzCv", 0, 0x80000000, "NzCv"},
      {"rrxs r0, r1", "RRX T1", {{1, 2}}, "nzcv", 0, 1, "nzcv"},
      {"rors r0, r1, #4", "ROR (immediate) T1", {{1, 0xF}}, "nzcv", 0, 0xF0000000, "NzCv"},
      {"orn r0, r1, r2", "ORN (register) T1", {{1, 0}, {2, 0xFFFF0000}}, "nzcv", 0, 0xFFFF, "nzcv"},
      {"mvns.w r0, r1, lsl #1", "MVN (register) T2", {{1, 0x80000000}}, "nzcv", 0, 0xFFFFFFFF, "NzCv"},
      {"eors.w r0, r1, r2", "EOR (register) T2", {{1, 5}, {2, 5}}, "Nzcv", 0, 0, "nZcv"},
      {"teq r1, r2", "TEQ (register) T1", {{1, 0x80000000}, {2, 0}}, "nzcv", kNoReg, 0, "Nzcv"},
      {"adds.w r0, r1, r2, lsl #1", "ADD (register) T3", {{1, 0x80000000}, {2, 0x40000000}}, "nzcv", 0, 0, "nZCV"},
      {"cmn.w r1, r2", "CMN (register) T2", {{1, 0x7FFFFFFF}, {2, 1}}, "nzcv", kNoReg, 0, "NzcV"},
      {"add.w r0, sp, r1, lsl #2", "ADD (SP plus register) T3", {{1, 4}}, "nzcv", 0, kSp + 0x10, "nzcv"},
      {"adc.w r0, r1, r2", "ADC (register) T2", {{1, 1}, {2, 2}}, "nzCv", 0, 4, "nzCv"},
      {"sbcs.w r0, r1, r2", "SBC (register) T2", {{1, 5}, {2, 2}}, "nzCv", 0, 3, "nzCv"},
      {"subs.w r0, r1, r2, asr #1", "SUB (register) T2", {{1, 0}, {2, 0xFFFFFFFE}}, "nzCv", 0, 1, "nzcv"},
      {"cmp.w r1, r2, lsl #1", "CMP (register) T3", {{1, 4}, {2, 2}}, "nzcv", kNoReg, 0, "nZCv"},
      {"sub.w r0, sp, r1", "SUB (SP minus register) T1", {{1, 0x10}}, "nzcv", 0, kSp - 0x10, "nzcv"},
      {"rsb r0, r1, r2", "RSB (register) T1", {{1, 1}, {2, 10}}, "nzcv", 0, 9, "nzcv"},
  });
}

TEST(DataProcessing, RegisterControlledShiftsAndMiscellaneous) {  // A5.3.12, A5.3.15
  run({
      {"lsl.w r0, r1, r2", "LSL (register) T2", {{1, 1}, {2, 31}}, "nzcv", 0, 0x80000000, "nzcv"},
      {"lsrs.w r0, r1, r2", "LSR (register) T2", {{1, 0x80000000}, {2, 33}}, "nzCv", 0, 0, "nZcv"},
      {"asrs.w r0, r1, r2", "ASR (register) T2", {{1, 0x40000000}, {2, 0xFF}}, "nzCv", 0, 0, "nZcv"},
      {"rors.w r0, r1, r2", "ROR (register) T2", {{1, 0x12345678}, {2, 0x108}}, "nzCv", 0, 0x78123456, "nzcv"},
      {"rors.w r0, r1, r2", "ROR (register) T2", {{1, 0x80000000}, {2, 0x100}}, "nzcv", 0, 0x80000000, "Nzcv"},
      {"rev.w r0, r1", "REV T2", {{1, 0x12345678}}, "nzcv", 0, 0x78563412, "nzcv"},
      {"rev16.w r0, r1", "REV16 T2", {{1, 0x12345678}}, "nzcv", 0, 0x34127856, "nzcv"},
      {"rbit r0, r1", "RBIT T1", {{1, 0x12345678}}, "nzcv", 0, 0x1E6A2C48, "nzcv"},
      {"rbit r0, r1", "RBIT T1", {{1, 1}}, "nzcv", 0, 0x80000000, "nzcv"},
      {"revsh.w r0, r1", "REVSH T2", {{1, 0x7F80}}, "nzcv", 0, 0xFFFF807F, "nzcv"},
      {"revsh.w r0, r1", "REVSH T2", {{1, 0x8070}}, "nzcv", 0, 0x7080, "nzcv"},
      {"clz r0, r1", "CLZ T1", {{1, 0}}, "nzcv", 0, 32, "nzcv"},
      {"clz r0, r1", "CLZ T1", {{1, 0x00010000}}, "nzcv", 0, 15, "nzcv"},
  });
}

// ---------------------------------------------------------------- PC, SP and the IT block

TEST(DataProcessingPc, AddAndMoveToPcBranch) {  // ALUWritePC: bit 0 cleared, no interworking
  CoreFixture f;
  f.load_asm("add pc, r1\n nop\n nop\n nop\n nop");
  f.core.s.r[1] = 5;  // PC reads kCode + 4; + 5 = kCode + 9 -> kCode + 8
  f.step();
  EXPECT_EQ(f.core.s.r[15], kCode + 8);
  EXPECT_TRUE(f.core.s.tbit);

  CoreFixture g;
  g.load_asm("mov pc, r1\n nop\n nop");
  g.core.s.r[1] = kCode + 5;
  g.step();
  EXPECT_EQ(g.core.s.r[15], kCode + 4);
}

TEST(DataProcessingPc, PcReadsAsThisInstructionPlusFour) {
  CoreFixture f;
  f.load_asm("nop\n add r0, pc\n mov r1, pc");
  f.core.s.r[0] = 1;
  f.step(3);
  EXPECT_EQ(f.core.s.r[0], kCode + 2 + 4 + 1);  // not word-aligned: ADD (register) uses PC as read
  EXPECT_EQ(f.core.s.r[1], kCode + 4 + 4);
}

TEST(DataProcessingPc, AdrUsesTheWordAlignedPc) {
  CoreFixture f;
  // 0: nop; 2: adr r0, 8 (T1); 4: adr.w r1, 8 (T3); 8: target; 12: adr.w r2, 0 (T2, subtract)
  f.load_asm("1: nop\n adr r0, 2f\n adr.w r1, 2f\n .align 2\n2: nop\n nop\n adr.w r2, 1b");
  const char* names[] = {"ADR T1", "ADR T3", "ADR T2"};
  const uint32_t at[] = {kCode + 2, kCode + 4, kCode + 12};
  for (int k = 0; k < 3; ++k) EXPECT_STREQ(f.core.decoder().encoding(f.core.fetch(at[k]).enc).name, names[k]);
  f.step(6);
  EXPECT_EQ(f.core.s.r[0], kCode + 8);
  EXPECT_EQ(f.core.s.r[1], kCode + 8);
  EXPECT_EQ(f.core.s.r[2], kCode);
}

TEST(DataProcessingSp, WritesToSpIgnoreBitsOneAndZero) {
  for (const char* source : {"mov sp, r1", "mov.w sp, r1"}) {
    SCOPED_TRACE(source);
    CoreFixture f;
    f.load_asm(source);
    f.core.s.r[1] = 0x20001003;
    f.step();
    EXPECT_EQ(f.core.stop_reason, StopReason::kNone);
    EXPECT_EQ(f.core.s.r[13], 0x20001000u);
  }
}

TEST(DataProcessingSp, AddSpSpShiftedRegister) {  // ADD (SP plus register) T3 with d == 13: LSL #0..3 only
  CoreFixture f;
  f.load_asm("add.w sp, sp, r1, lsl #3");
  f.core.s.r[1] = 2;
  f.step();
  EXPECT_EQ(f.core.s.r[13], kSp + 16);
}

TEST(DataProcessingIt, SixteenBitFormsSetFlagsOnlyOutsideAnItBlock) {
  CoreFixture f;
  f.load_asm("it eq\n addeq r0, r1, r2\n adds r3, r1, r2");
  EXPECT_STREQ(f.core.decoder().encoding(f.core.fetch(kCode + 2).enc).name, "ADD (register) T1");
  f.core.s.r[1] = 0xFFFFFFFF;
  f.core.s.r[2] = 1;
  set_flags(f.core.s, "nZcv");
  f.step(2);
  EXPECT_EQ(f.core.s.r[0], 0u);
  EXPECT_EQ(flags(f.core.s), "nZcv");  // unchanged inside the block
  f.step();
  EXPECT_EQ(flags(f.core.s), "nZCv");  // same encoding outside sets them
}

TEST(DataProcessingIt, CompareSetsFlagsInsideAnItBlock) {
  CoreFixture f;
  f.load_asm("it eq\n cmpeq r0, #1");
  f.core.s.r[0] = 0;
  set_flags(f.core.s, "nZCv");
  f.step(2);
  EXPECT_EQ(flags(f.core.s), "Nzcv");
}

TEST(DataProcessingIt, PcWriteMustBeLastInTheItBlock) {
  CoreFixture f;
  f.load_asm("it eq\n moveq pc, r1\n nop\n nop");
  f.core.s.r[1] = kCode + 8;
  f.core.s.z = true;
  f.step(2);
  EXPECT_EQ(f.core.stop_reason, StopReason::kNone);
  EXPECT_EQ(f.core.s.r[15], kCode + 8);

  CoreFixture g;
  g.load_halfwords({0xBF04, 0x468F, 0xBF00, 0xBF00});  // itt eq; moveq pc, r1 (not last); nopeq; nop
  g.core.s.r[1] = kCode + 8;
  g.core.s.z = true;
  g.step(2);
  EXPECT_EQ(g.core.stop_reason, StopReason::kFault);
  EXPECT_EQ(g.core.last_fault.kind, FaultKind::kUndefInstr);
  EXPECT_NE(g.core.last_fault.detail.find("UNPREDICTABLE"), std::string::npos) << g.core.last_fault.detail;
  EXPECT_EQ(g.core.fault_pc, kCode + 2);
}

TEST(DataProcessingIt, MovsRegisterT2IsRefusedInsideAnItBlock) {
  CoreFixture f;
  f.load_halfwords({0xBF08, 0x0008});  // it eq; movs r0, r1 (T2: UNPREDICTABLE in an IT block)
  f.core.s.z = true;
  f.step(2);
  EXPECT_EQ(f.core.stop_reason, StopReason::kFault);
  EXPECT_EQ(f.core.last_fault.kind, FaultKind::kUndefInstr);
  EXPECT_EQ(f.core.fault_pc, kCode + 2);
}

}  // namespace
}  // namespace mcuprof::test
