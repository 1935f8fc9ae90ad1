// FPSCR through the instructions (ARMv7-M ARM A2.5.3): programs set the mode bits with VMSR and read the
// cumulative exception flags with VMRS; the flags stay set until software clears them.
#include "cores/isa/fp/fp_arith.h"
#include "tests/unit/core_fixture.h"

namespace mcuprof {
namespace {

using test::CoreFixture;

struct M4 : CoreFixture {
  M4() : CoreFixture(CoreModel::kCortexM4, kFeatFpSp) {}
  // Sets FPSCR from r0 with VMSR, runs `body`, and reads FPSCR back into r1 with VMRS.
  void run_with_fpscr(uint32_t fpscr, const std::string& body, int body_instructions) {
    core.s.r[0] = fpscr;
    load_asm("vmsr fpscr, r0\n" + body + "\nvmrs r1, fpscr");
    step(body_instructions + 2);
    ASSERT_EQ(core.stop_reason, StopReason::kNone) << fault_name(core.last_fault.kind);
  }
  uint32_t flags() const { return core.s.r[1] & 0x9F; }
};

constexpr uint32_t kRP = 1u << fp::kRModeShift, kRM = 2u << fp::kRModeShift, kRZ = 3u << fp::kRModeShift;

TEST(FloatingPointFpscr, RoundingModeComesFromFpscr) {
  const std::pair<uint32_t, uint32_t> cases[] = {
      {0, 0x3EAAAAABu}, {kRP, 0x3EAAAAABu}, {kRM, 0x3EAAAAAAu}, {kRZ, 0x3EAAAAAAu}};
  for (auto [mode, want] : cases) {
    M4 f;
    f.core.s.s[1] = 0x3F800000;  // 1
    f.core.s.s[2] = 0x40400000;  // 3
    f.run_with_fpscr(mode, "vdiv.f32 s0, s1, s2", 1);
    EXPECT_EQ(f.core.s.s[0], want) << mode;
    EXPECT_EQ(f.flags(), uint32_t(fp::kIXC));
    EXPECT_EQ(f.core.s.r[1] & (3u << fp::kRModeShift), mode);
  }
}

TEST(FloatingPointFpscr, FlagsAccumulateUntilVmsrClearsThem) {
  M4 f;
  f.core.s.s[1] = 0x3F800000;  // 1
  f.core.s.s[2] = 0x00000000;  // 0
  f.core.s.s[3] = 0x7F7FFFFF;  // largest normal
  f.run_with_fpscr(0, "vdiv.f32 s0, s1, s2\nvadd.f32 s4, s3, s3\nvsub.f32 s5, s2, s2", 3);
  EXPECT_EQ(f.flags(), uint32_t(fp::kDZC | fp::kOFC | fp::kIXC));
  EXPECT_EQ(f.core.s.s[0], 0x7F800000u);
  EXPECT_EQ(f.core.s.s[4], 0x7F800000u);
  f.run_with_fpscr(0, "vsub.f32 s5, s2, s2", 1);
  EXPECT_EQ(f.flags(), 0u);
}

TEST(FloatingPointFpscr, FlushToZero) {
  M4 f;
  f.core.s.s[1] = 0x00000003;  // denormal input
  f.core.s.s[2] = 0x3F800000;  // 1
  f.core.s.s[3] = 0x00800000;  // smallest normal
  f.core.s.s[4] = 0x3F000000;  // 0.5
  f.run_with_fpscr(fp::kFZ, "vadd.f32 s0, s1, s2\nvmul.f32 s5, s3, s4", 2);
  EXPECT_EQ(f.core.s.s[0], 0x3F800000u);  // the denormal counted as zero
  EXPECT_EQ(f.core.s.s[5], 0x00000000u);  // 2^-127 flushed
  EXPECT_EQ(f.flags(), uint32_t(fp::kIDC | fp::kUFC));
  f.run_with_fpscr(0, "vadd.f32 s0, s1, s2\nvmul.f32 s5, s3, s4", 2);
  EXPECT_EQ(f.core.s.s[0], 0x3F800000u);  // 1 + 3 * 2^-149 rounds to 1
  EXPECT_EQ(f.core.s.s[5], 0x00400000u);  // exact denormal: no underflow
  EXPECT_EQ(f.flags(), uint32_t(fp::kIXC));
}

TEST(FloatingPointFpscr, DefaultNaNMode) {
  M4 f;
  f.core.s.s[1] = 0xFF800123;  // signalling NaN with a payload
  f.core.s.s[2] = 0x3F800000;
  f.run_with_fpscr(0, "vmul.f32 s0, s1, s2", 1);
  EXPECT_EQ(f.core.s.s[0], 0xFFC00123u);  // quietened, payload and sign kept
  EXPECT_EQ(f.flags(), uint32_t(fp::kIOC));
  f.run_with_fpscr(fp::kDN, "vmul.f32 s0, s1, s2", 1);
  EXPECT_EQ(f.core.s.s[0], 0x7FC00000u);
  EXPECT_EQ(f.flags(), uint32_t(fp::kIOC));
}

TEST(FloatingPointFpscr, FirstOperandNaNWins) {
  M4 f;
  f.core.s.s[1] = 0x7FC00001;
  f.core.s.s[2] = 0x7FC00002;
  f.run_with_fpscr(0, "vsub.f32 s0, s1, s2\nvsub.f32 s3, s2, s1", 2);
  EXPECT_EQ(f.core.s.s[0], 0x7FC00001u);
  EXPECT_EQ(f.core.s.s[3], 0x7FC00002u);
  EXPECT_EQ(f.flags(), 0u);
}

TEST(FloatingPointFpscr, AlternativeHalfPrecision) {
  M4 f;
  f.core.s.s[1] = 0x47800000;  // 65536: infinity in IEEE half precision, a number under AHP
  f.run_with_fpscr(fp::kAHP, "vcvtb.f16.f32 s0, s1\nvcvtb.f32.f16 s2, s0", 2);
  EXPECT_EQ(f.core.s.s[0] & 0xFFFF, 0x7C00u);
  EXPECT_EQ(f.core.s.s[2], 0x47800000u);
  EXPECT_EQ(f.flags(), 0u);
  f.run_with_fpscr(0, "vcvtb.f16.f32 s0, s1\nvcvtb.f32.f16 s2, s0", 2);
  EXPECT_EQ(f.core.s.s[0] & 0xFFFF, 0x7C00u);
  EXPECT_EQ(f.core.s.s[2], 0x7F800000u);
  EXPECT_EQ(f.flags(), uint32_t(fp::kOFC | fp::kIXC));
}

TEST(FloatingPointFpscr, ConditionFlagsSurviveArithmetic) {
  M4 f;
  f.core.s.s[1] = 0x3F800000;
  f.run_with_fpscr(0xF0000000, "vadd.f32 s0, s1, s1", 1);
  EXPECT_EQ(f.core.s.r[1] >> 28, 0xFu);
}

}  // namespace
}  // namespace mcuprof

namespace mcuprof {
namespace {

// ExecuteFPCheck (B1.4.8): the first FP instruction with CONTROL.FPCA clear (FPCCR.ASPEN set, its reset value)
// starts a new FP context whose modes come from FPDSCR; the flags are left alone.
TEST(FloatingPointFpscr, NewContextTakesDefaultModesFromFpdscr) {
  M4 f;
  f.scs.write(0xE000EF3C - SystemControl::kBase, 4, kRZ | fp::kFZ);  // FPDSCR
  f.core.s.fpscr = kRP | fp::kIXC;
  f.load_asm("vadd.f32 s0, s1, s2\n vadd.f32 s3, s1, s2");
  f.step(1);
  EXPECT_EQ(f.core.s.fpscr & ((3u << fp::kRModeShift) | fp::kFZ), kRZ | fp::kFZ);
  EXPECT_EQ(f.core.s.fpscr & fp::kIXC, uint32_t(fp::kIXC));
  EXPECT_TRUE(f.core.s.control & 4);  // CONTROL.FPCA
  f.core.s.fpscr = kRP;               // the context is active now: no more defaults
  f.step(1);
  EXPECT_EQ(f.core.s.fpscr & (3u << fp::kRModeShift), kRP);
}

}  // namespace
}  // namespace mcuprof
