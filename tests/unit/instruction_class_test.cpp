// classify_encodings: every encoding of the decoder has a class, and assembled instructions land in the class
// their mnemonic says.
#include "cores/timing/instruction_class.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cores/decoder/decoder.h"
#include "tests/unit/core_fixture.h"

namespace mcuprof {
namespace {

constexpr uint8_t kAllFeatures = kFeatFpSp | kFeatFpDp | kFeatFpV5;

TEST(InstructionClass, EveryEncodingHasAClass) {
  Decoder d(kAllFeatures);
  const std::vector<InstClass> classes = classify_encodings(d);   // throws naming an unknown mnemonic
  ASSERT_EQ(classes.size(), d.size());
  for (size_t k = 0; k < d.size(); ++k) EXPECT_NE(classes[k], InstClass::kUndefined) << d.encoding(uint16_t(k)).name;
}

// The class of the first instruction of an assembled line (Cortex-M7 with double precision: every encoding).
InstClass class_of_asm(const std::string& line) {
  static const Decoder d(kAllFeatures);
  static const std::vector<InstClass> classes = classify_encodings(d);
  const std::vector<uint16_t> hw = test::assemble(line, CoreModel::kCortexM7, kAllFeatures);
  Inst inst;
  EXPECT_EQ(d.decode(hw[0], hw.size() > 1 ? hw[1] : 0, inst), DecodeResult::kOk) << line;
  return classes[inst.enc];
}

TEST(InstructionClass, AssembledInstructionsByClass) {
  const struct { const char* line; InstClass cls; } cases[] = {
      {"adds r0, r1, r2", InstClass::kAlu},          {"movw r0, #0x1234", InstClass::kAlu},
      {"movt r0, #0x1234", InstClass::kAlu},         {"lsl r0, r1, r2", InstClass::kAlu},
      {"ubfx r0, r1, #3, #4", InstClass::kBitfield}, {"sxtb16 r0, r1", InstClass::kBitfield},
      {"uxtab r0, r1, r2", InstClass::kBitfield},    {"clz r0, r1", InstClass::kBitfield},
      {"pkhtb r0, r1, r2, asr #16", InstClass::kBitfield},
      {"qadd8 r0, r1, r2", InstClass::kSimd},        {"ssat r0, #8, r1", InstClass::kSimd},
      {"usada8 r0, r1, r2, r3", InstClass::kSimd},
      {"muls r0, r1, r0", InstClass::kMul},          {"smultt r0, r1, r2", InstClass::kMul},
      {"smlad r0, r1, r2, r3", InstClass::kMac},     {"mls r0, r1, r2, r3", InstClass::kMac},
      {"smlaltb r0, r1, r2, r3", InstClass::kMulLong}, {"umull r0, r1, r2, r3", InstClass::kMulLong},
      {"sdiv r0, r1, r2", InstClass::kDiv},
      {"ldrsh r0, [r1, r2, lsl #1]", InstClass::kLoad}, {"ldrex r0, [r1]", InstClass::kLoad},
      {"strb r0, [r1, #-4]!", InstClass::kStore},    {"ldrd r0, r1, [r2]", InstClass::kLoadDual},
      {"strd r0, r1, [r2, #8]", InstClass::kStoreDual},
      {"pop {r4, pc}", InstClass::kLoadMultiple},    {"stmdb r0!, {r1-r3}", InstClass::kStoreMultiple},
      {"b .", InstClass::kBranch},                   {"bl .", InstClass::kBranch},
      {"1: cbz r0, 1f\nnop\n1:", InstClass::kBranch}, {"bx lr", InstClass::kBranchReg},
      {"tbh [r0, r1, lsl #1]", InstClass::kTableBranch}, {"it eq\nmoveq r0, r1", InstClass::kIt},
      {"pld [r0]", InstClass::kHint},                {"wfi", InstClass::kSleep},
      {"dmb", InstClass::kBarrier},                  {"mrs r0, primask", InstClass::kSystem},
      {"vadd.f32 s0, s1, s2", InstClass::kFpAlu},    {"vmov.f32 s0, #1.0", InstClass::kFpAlu},
      {"vmov.f32 s0, s1", InstClass::kFpAlu},        {"vcvt.s32.f32 s0, s0", InstClass::kFpAlu},
      {"vfma.f32 s0, s1, s2", InstClass::kFpMac},    {"vdiv.f32 s0, s1, s2", InstClass::kFpDiv},
      {"vsqrt.f32 s0, s1", InstClass::kFpSqrt},      {"vldr s0, [r0]", InstClass::kFpLoad},
      {"vstr d0, [r0]", InstClass::kFpStore},        {"vpop {s0-s3}", InstClass::kFpLoadMultiple},
      {"vstmia r0!, {s0-s3}", InstClass::kFpStoreMultiple}, {"vmov r0, s1", InstClass::kFpTransfer},
      {"vmov s0, s1, r0, r1", InstClass::kFpTransfer}, {"vmrs APSR_nzcv, fpscr", InstClass::kFpTransfer},
  };
  for (const auto& c : cases) EXPECT_EQ(int(class_of_asm(c.line)), int(c.cls)) << c.line;
}

}  // namespace
}  // namespace mcuprof
