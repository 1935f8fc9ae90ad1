// Semantics of the floating-point instructions (ARMv7-M ARM A7.7), assembled with GNU as and executed on
// the core: FPv4-SP on the Cortex-M4, FPv5-SP (STM32F746) and FPv5-DP (STM32F767) on the Cortex-M7.
// Expected results are exact values worked out by hand.
#include <bit>

#include "cores/isa/fp/fp_arith.h"
#include "tests/unit/core_fixture.h"

namespace mcuprof {
namespace {

constexpr uint8_t kF746 = kFeatFpSp | kFeatFpV5, kF767 = kFeatFpSp | kFeatFpDp | kFeatFpV5;

uint32_t bits(float x) { return std::bit_cast<uint32_t>(x); }
uint64_t bits(double x) { return std::bit_cast<uint64_t>(x); }

// One core with an FPU: M4 (FPv4-SP), F746 (FPv5-SP) or F767 (FPv5-DP).
template <CoreModel kModel, uint8_t kFeatures> struct Fpu : test::CoreFixture {
  Fpu() : CoreFixture(kModel, kFeatures) {}
  void set_s(unsigned n, float x) { core.s.s[n] = bits(x); }
  void set_d(unsigned n, double x) { core.s.set_d(n, bits(x)); }
  uint32_t s(unsigned n) const { return core.s.s[n]; }
  uint64_t d(unsigned n) const { return core.s.d(n); }
  void run(const std::string& source, int n) {
    load_asm(source);
    step(n);
    ASSERT_EQ(core.stop_reason, StopReason::kNone) << fault_name(core.last_fault.kind) << " " << core.last_fault.detail;
  }
  FaultKind fault_of(int n = 1) {
    step(n);
    EXPECT_EQ(core.stop_reason, StopReason::kFault);
    return core.last_fault.kind;
  }
};
using M4 = Fpu<CoreModel::kCortexM4, kFeatFpSp>;
using F746 = Fpu<CoreModel::kCortexM7, kF746>;
using F767 = Fpu<CoreModel::kCortexM7, kF767>;

// ---------------------------------------------------------------- arithmetic

TEST(FloatingPoint, AddSubMulDivNmul) {
  M4 f;
  f.set_s(1, 3.0f);
  f.set_s(2, 2.0f);
  f.run("vadd.f32 s0, s1, s2\nvsub.f32 s3, s1, s2\nvmul.f32 s4, s1, s2\nvdiv.f32 s5, s1, s2\nvnmul.f32 s6, s1, s2", 5);
  EXPECT_EQ(f.s(0), 0x40A00000u);  // 5
  EXPECT_EQ(f.s(3), 0x3F800000u);  // 1
  EXPECT_EQ(f.s(4), 0x40C00000u);  // 6
  EXPECT_EQ(f.s(5), 0x3FC00000u);  // 1.5
  EXPECT_EQ(f.s(6), 0xC0C00000u);  // -6
  EXPECT_EQ(f.core.s.fpscr, 0u);
}

TEST(FloatingPoint, MultiplyAccumulateFamilies) {
  M4 f;
  f.set_s(1, 3.0f);
  f.set_s(2, 2.0f);
  for (unsigned r = 4; r < 12; ++r) f.set_s(r, 10.0f);
  f.run("vmla.f32 s4, s1, s2\nvmls.f32 s5, s1, s2\nvnmla.f32 s6, s1, s2\nvnmls.f32 s7, s1, s2\n"
        "vfma.f32 s8, s1, s2\nvfms.f32 s9, s1, s2\nvfnma.f32 s10, s1, s2\nvfnms.f32 s11, s1, s2", 8);
  // VMLA 10+6, VMLS 10-6, VNMLA -10-6, VNMLS -10+6; the fused forms alike
  const uint32_t want[] = {0x41800000, 0x40800000, 0xC1800000, 0xC0800000};
  for (unsigned k = 0; k < 8; ++k) EXPECT_EQ(f.s(4 + k), want[k % 4]) << k;
}

TEST(FloatingPoint, FusedAndChainedMultiplyAccumulateRoundDifferently) {
  // acc = -1, (1 + 2^-23)(1 - 2^-23) = 1 - 2^-46: fused gives -2^-46; chained rounds the product to 1 first.
  M4 f;
  f.core.s.s[0] = f.core.s.s[3] = 0xBF800000;
  f.core.s.s[1] = 0x3F800001;
  f.core.s.s[2] = 0x3F7FFFFE;
  f.run("vfma.f32 s0, s1, s2\nvmla.f32 s3, s1, s2", 2);
  EXPECT_EQ(f.s(0), 0xA8800000u);
  EXPECT_EQ(f.s(3), 0x00000000u);
  EXPECT_EQ(f.core.s.fpscr, uint32_t(fp::kIXC));
}

TEST(FloatingPoint, NegatedAccumulateFlipsTheNaNSign) {
  // VNMLA negates the accumulator before FPAdd: a quiet NaN in Sd comes out with its sign flipped.
  M4 f;
  f.core.s.s[0] = 0x7FC00001;
  f.set_s(1, 1.0f);
  f.set_s(2, 1.0f);
  f.run("vnmla.f32 s0, s1, s2", 1);
  EXPECT_EQ(f.s(0), 0xFFC00001u);
}

TEST(FloatingPoint, SquareRoot) {
  M4 f;
  f.set_s(1, 2.0f);
  f.set_s(3, -1.0f);
  f.run("vsqrt.f32 s0, s1\nvsqrt.f32 s2, s3", 2);
  EXPECT_EQ(f.s(0), 0x3FB504F3u);  // sqrt(2), rounded to nearest
  EXPECT_EQ(f.s(2), 0x7FC00000u);  // the default NaN
  EXPECT_EQ(f.core.s.fpscr, uint32_t(fp::kIXC | fp::kIOC));
}

TEST(FloatingPoint, DoublePrecisionArithmetic) {
  F767 f;
  f.set_d(1, 2.0);
  f.set_d(2, 3.0);
  f.set_d(4, 1.0);
  f.run("vadd.f64 d0, d1, d2\nvmul.f64 d3, d1, d2\nvfma.f64 d4, d1, d2\nvsqrt.f64 d5, d1\nvdiv.f64 d6, d4, d2", 5);
  EXPECT_EQ(f.d(0), 0x4014000000000000u);  // 5
  EXPECT_EQ(f.d(3), 0x4018000000000000u);  // 6
  EXPECT_EQ(f.d(4), 0x401C000000000000u);  // 1 + 6 = 7
  EXPECT_EQ(f.d(5), 0x3FF6A09E667F3BCDu);  // sqrt(2)
  EXPECT_EQ(f.d(6), 0x4002AAAAAAAAAAABu);  // 7/3
  EXPECT_EQ(f.core.s.fpscr, uint32_t(fp::kIXC));
}

// ---------------------------------------------------------------- moves, sign operations

TEST(FloatingPoint, MoveImmediate) {
  F767 f;
  f.run("vmov.f32 s0, #1.0\nvmov.f32 s1, #-0.1875\nvmov.f32 s2, #31.0\nvmov.f64 d2, #-2.5\nvmov.f64 d3, #0.125", 5);
  EXPECT_EQ(f.s(0), 0x3F800000u);
  EXPECT_EQ(f.s(1), 0xBE400000u);
  EXPECT_EQ(f.s(2), 0x41F80000u);
  EXPECT_EQ(f.d(2), 0xC004000000000000u);
  EXPECT_EQ(f.d(3), 0x3FC0000000000000u);
}

TEST(FloatingPoint, SignOperationsTouchOnlyTheSign) {
  // VABS, VNEG, VMOV are bit operations: NaNs stay signalling, no flags, denormals are not flushed.
  M4 f;
  f.core.s.s[1] = 0xFF800001;  // -signalling NaN
  f.core.s.s[3] = 0x00000001;  // denormal
  f.core.s.fpscr = fp::kFZ;
  f.core.s.control |= 4;  // an FP context is active (CONTROL.FPCA): FPSCR keeps its modes
  f.run("vabs.f32 s0, s1\nvneg.f32 s2, s1\nvneg.f32 s4, s3\nvmov.f32 s5, s3", 4);
  EXPECT_EQ(f.s(0), 0x7F800001u);
  EXPECT_EQ(f.s(2), 0x7F800001u);
  EXPECT_EQ(f.s(4), 0x80000001u);
  EXPECT_EQ(f.s(5), 0x00000001u);
  EXPECT_EQ(f.core.s.fpscr, uint32_t(fp::kFZ));
}

TEST(FloatingPoint, DoubleMovesAndSigns) {
  F767 f;
  f.set_d(1, -1.5);
  f.run("vmov.f64 d0, d1\nvabs.f64 d2, d1\nvneg.f64 d3, d1", 3);
  EXPECT_EQ(f.d(0), bits(-1.5));
  EXPECT_EQ(f.d(2), bits(1.5));
  EXPECT_EQ(f.d(3), bits(1.5));
}

// ---------------------------------------------------------------- compare

TEST(FloatingPoint, CompareSetsFpscrFlagsAndVmrsCopiesThem) {
  M4 f;
  f.core.s.q = true;
  f.set_s(0, 1.0f);
  f.set_s(1, 2.0f);
  f.run("vcmp.f32 s0, s1\nvmrs APSR_nzcv, fpscr", 2);
  EXPECT_EQ(f.core.s.fpscr >> 28, 0b1000u);  // less than
  EXPECT_TRUE(f.core.s.n);
  EXPECT_FALSE(f.core.s.z || f.core.s.c || f.core.s.v);
  EXPECT_TRUE(f.core.s.q);  // VMRS APSR_nzcv leaves Q alone
  f.run("vcmp.f32 s1, s0\nvmrs APSR_nzcv, fpscr", 2);
  EXPECT_EQ(f.core.s.fpscr >> 28, 0b0010u);  // greater than
  f.set_s(2, -0.0f);
  f.run("vcmp.f32 s2, #0\nvmrs APSR_nzcv, fpscr\nite eq\nmoveq r0, #1\nmovne r0, #2", 5);
  EXPECT_EQ(f.core.s.fpscr >> 28, 0b0110u);  // -0 == +0
  EXPECT_EQ(f.core.s.r[0], 1u);
}

TEST(FloatingPoint, CompareWithNaNIsUnorderedAndVcmpeSignals) {
  M4 f;
  f.core.s.s[0] = 0x7FC00000;
  f.set_s(1, 1.0f);
  f.run("vcmp.f32 s0, s1", 1);
  EXPECT_EQ(f.core.s.fpscr, 0x30000000u);  // C V, no IOC for a quiet NaN
  f.run("vcmpe.f32 s0, s1", 1);
  EXPECT_EQ(f.core.s.fpscr, 0x30000000u | fp::kIOC);
  f.core.s.fpscr = 0;
  f.run("vcmpe.f32 s1, #0", 1);
  EXPECT_EQ(f.core.s.fpscr, 0x20000000u);  // 1 > 0
}

TEST(FloatingPoint, DoubleCompare) {
  F767 f;
  f.set_d(0, -3.0);
  f.set_d(1, -2.0);
  f.run("vcmp.f64 d0, d1", 1);
  EXPECT_EQ(f.core.s.fpscr >> 28, 0b1000u);
}

// ---------------------------------------------------------------- conversions

TEST(FloatingPoint, ConvertBetweenFloatAndInteger) {
  M4 f;
  f.core.s.s[1] = uint32_t(-5);
  f.core.s.s[3] = 0xFFFFFFFF;
  f.set_s(5, -2.7f);
  f.set_s(7, -1.0f);
  f.run("vcvt.f32.s32 s0, s1\nvcvt.f32.u32 s2, s3\nvcvt.s32.f32 s4, s5\nvcvtr.s32.f32 s6, s5\nvcvt.u32.f32 s8, s7", 5);
  EXPECT_EQ(f.s(0), 0xC0A00000u);      // -5.0
  EXPECT_EQ(f.s(2), 0x4F800000u);      // 4294967295 rounds to 2^32
  EXPECT_EQ(f.s(4), uint32_t(-2));     // VCVT rounds toward zero
  EXPECT_EQ(f.s(6), uint32_t(-3));     // VCVTR uses FPSCR.RMode (nearest)
  EXPECT_EQ(f.s(8), 0u);               // -1 saturates to 0 as unsigned
  EXPECT_EQ(f.core.s.fpscr, uint32_t(fp::kIXC | fp::kIOC));
}

TEST(FloatingPoint, ConvertFixedPointInPlace) {
  M4 f;
  f.set_s(0, -1.375f);
  f.core.s.s[2] = 11;
  f.run("vcvt.s16.f32 s0, s0, #3\nvcvt.f32.u32 s2, s2, #3", 2);
  EXPECT_EQ(f.s(0), 0xFFFFFFF5u);  // -11, sign-extended
  EXPECT_EQ(f.s(2), bits(1.375f));
  EXPECT_EQ(f.core.s.fpscr, 0u);
}

TEST(FloatingPoint, DoubleConversions) {
  F767 f;
  f.set_s(2, 0.1f);
  f.set_d(2, 0.1);
  f.core.s.s[6] = uint32_t(-7);
  f.set_d(4, -1.5);
  f.core.s.set_d(5, 0xFFFFFFFF80000000u);  // only the low word is the fixed-point operand
  f.set_d(6, 2.5);
  f.run("vcvt.f64.f32 d0, s2\nvcvt.f32.f64 s16, d2\nvcvt.f64.s32 d1, s6\nvcvt.s32.f64 d4, d4, #16\n"
        "vcvt.f64.u32 d5, d5, #32\nvcvt.u32.f64 s14, d6\nvcvtr.s32.f64 s15, d6", 7);
  EXPECT_EQ(f.d(0), 0x3FB99999A0000000u);  // 0.1f widened exactly
  EXPECT_EQ(f.s(16), 0x3DCCCCCDu);         // 0.1 narrowed, rounded to nearest
  EXPECT_EQ(f.d(1), bits(-7.0));
  EXPECT_EQ(f.d(4), 0xFFFFFFFFFFFE8000u);  // -1.5 * 2^16, sign-extended to 64 bits
  EXPECT_EQ(f.d(5), bits(0.5));
  EXPECT_EQ(f.s(14), 2u);
  EXPECT_EQ(f.s(15), 2u);  // a tie, to even
  EXPECT_EQ(f.core.s.fpscr, uint32_t(fp::kIXC));
}

TEST(FloatingPoint, HalfPrecisionConversionsUseOneHalf) {
  M4 f;
  f.core.s.s[1] = 0x3C00C000;  // top half 1.0, bottom half -2.0
  f.core.s.s[3] = 0x12345678;
  f.core.s.s[5] = 0x12345678;
  f.set_s(4, 1.0f);
  f.set_s(6, 65504.0f);
  f.run("vcvtb.f32.f16 s0, s1\nvcvtt.f32.f16 s2, s1\nvcvtt.f16.f32 s3, s4\nvcvtb.f16.f32 s5, s6", 4);
  EXPECT_EQ(f.s(0), 0xC0000000u);
  EXPECT_EQ(f.s(2), 0x3F800000u);
  EXPECT_EQ(f.s(3), 0x3C005678u);
  EXPECT_EQ(f.s(5), 0x12347BFFu);
}

TEST(FloatingPoint, HalfPrecisionAndDouble) {
  F767 f;
  f.core.s.s[2] = f.core.s.s[3] = 0x3C00C000;
  f.set_d(2, 0.5);
  f.run("vcvtb.f64.f16 d0, s2\nvcvtt.f16.f64 s3, d2", 2);
  EXPECT_EQ(f.d(0), bits(-2.0));
  EXPECT_EQ(f.s(3), 0x3800C000u);  // 0.5 in the top half, the bottom half kept
}

// ---------------------------------------------------------------- FPv5 additions

TEST(FloatingPoint, SelectByCondition) {
  F746 f;
  f.set_s(1, 1.0f);
  f.set_s(2, 2.0f);
  f.core.s.z = true;
  f.core.s.n = true;  // N != V: GE and GT fail
  f.run("vseleq.f32 s0, s1, s2\nvselvs.f32 s3, s1, s2\nvselge.f32 s4, s1, s2\nvselgt.f32 s5, s1, s2", 4);
  EXPECT_EQ(f.s(0), bits(1.0f));
  EXPECT_EQ(f.s(3), bits(2.0f));
  EXPECT_EQ(f.s(4), bits(2.0f));
  EXPECT_EQ(f.s(5), bits(2.0f));
}

TEST(FloatingPoint, MaxNumMinNum) {
  F746 f;
  f.core.s.s[1] = 0x7FC00000;  // a quiet NaN loses against a number
  f.set_s(2, -3.0f);
  f.run("vmaxnm.f32 s0, s1, s2\nvminnm.f32 s3, s2, s1", 2);
  EXPECT_EQ(f.s(0), bits(-3.0f));
  EXPECT_EQ(f.s(3), bits(-3.0f));
  EXPECT_EQ(f.core.s.fpscr, 0u);
}

TEST(FloatingPoint, RoundToIntegralEveryMode) {
  F746 f;
  f.set_s(1, -2.5f);
  f.core.s.fpscr = 1u << fp::kRModeShift;  // RP for VRINTR and VRINTX
  f.run("vrinta.f32 s2, s1\nvrintn.f32 s3, s1\nvrintp.f32 s4, s1\nvrintm.f32 s5, s1\nvrintz.f32 s6, s1\n"
        "vrintr.f32 s7, s1", 6);
  EXPECT_EQ(f.s(2), bits(-3.0f));
  EXPECT_EQ(f.s(3), bits(-2.0f));
  EXPECT_EQ(f.s(4), bits(-2.0f));
  EXPECT_EQ(f.s(5), bits(-3.0f));
  EXPECT_EQ(f.s(6), bits(-2.0f));
  EXPECT_EQ(f.s(7), bits(-2.0f));
  EXPECT_EQ(f.core.s.fpscr & 0x9F, 0u);  // only VRINTX reports inexactness
  f.run("vrintx.f32 s8, s1", 1);
  EXPECT_EQ(f.s(8), bits(-2.0f));
  EXPECT_EQ(f.core.s.fpscr & 0x9F, uint32_t(fp::kIXC));
}

TEST(FloatingPoint, ConvertToIntegerWithDirectedRounding) {
  F746 f;
  f.set_s(1, 2.5f);
  f.set_s(2, -2.5f);
  f.run("vcvta.s32.f32 s3, s1\nvcvtn.s32.f32 s4, s1\nvcvtp.s32.f32 s5, s2\nvcvtm.s32.f32 s6, s2\n"
        "vcvtm.u32.f32 s7, s2", 5);
  EXPECT_EQ(f.s(3), 3u);
  EXPECT_EQ(f.s(4), 2u);
  EXPECT_EQ(f.s(5), uint32_t(-2));
  EXPECT_EQ(f.s(6), uint32_t(-3));
  EXPECT_EQ(f.s(7), 0u);
  EXPECT_EQ(f.core.s.fpscr, uint32_t(fp::kIXC | fp::kIOC));
}

TEST(FloatingPoint, DoublePrecisionFpV5) {
  F767 f;
  f.set_d(1, 1.0);
  f.set_d(2, 2.0);
  f.set_d(3, -0.5);
  f.core.s.v = true;
  f.run("vselvs.f64 d0, d1, d2\nvmaxnm.f64 d4, d1, d2\nvrintm.f64 d5, d3\nvcvtn.u32.f64 s12, d2", 4);
  EXPECT_EQ(f.d(0), bits(1.0));
  EXPECT_EQ(f.d(4), bits(2.0));
  EXPECT_EQ(f.d(5), bits(-1.0));
  EXPECT_EQ(f.s(12), 2u);
}

TEST(FloatingPoint, FpV5UnconditionalEncodingsAreRefusedInsideAnItBlock) {
  F746 f;
  f.core.s.z = true;
  f.load_halfwords({0xBF08, 0xFE00, 0x0A81});  // IT EQ; VSELEQ.F32 s0, s1, s2
  f.step();
  EXPECT_EQ(f.fault_of(), FaultKind::kUndefInstr);
}

// ---------------------------------------------------------------- loads, stores, transfers

TEST(FloatingPoint, LoadAndStoreSingleAndDouble) {
  M4 f;
  const uint32_t data = test::CoreFixture::kData;
  f.set_mem32(data + 4, 0x11111111);
  f.set_mem32(data + 8, 0x22222222);
  f.set_mem32(data + 12, 0x33333333);
  f.core.s.r[0] = data + 8;
  f.core.s.r[1] = data + 0x100;
  f.run("vldr s0, [r0, #-4]\nvldr d1, [r0]\nvstr s0, [r1]\nvstr d1, [r1, #8]", 4);
  EXPECT_EQ(f.s(0), 0x11111111u);
  EXPECT_EQ(f.d(1), 0x3333333322222222u);  // low word first
  EXPECT_EQ(f.mem32(data + 0x100), 0x11111111u);
  EXPECT_EQ(f.mem32(data + 0x108), 0x22222222u);
  EXPECT_EQ(f.mem32(data + 0x10C), 0x33333333u);
  EXPECT_EQ(f.core.s.r[0], data + 8);
}

TEST(FloatingPoint, LoadLiteralUsesTheAlignedPc) {
  M4 f;
  f.run("vldr s2, [pc, #0]\n.word 0xCAFEF00D", 1);
  EXPECT_EQ(f.s(2), 0xCAFEF00Du);
}

TEST(FloatingPoint, PushAndPopRoundTrip) {
  M4 f;
  const uint32_t sp = f.core.s.r[13];
  for (unsigned k = 0; k < 4; ++k) f.core.s.s[k] = 0xA0 + k;
  f.run("vpush {s0-s3}", 1);
  EXPECT_EQ(f.core.s.r[13], sp - 16);
  for (unsigned k = 0; k < 4; ++k) EXPECT_EQ(f.mem32(sp - 16 + 4 * k), 0xA0 + k);
  f.run("vpop {d2-d3}", 1);
  EXPECT_EQ(f.core.s.r[13], sp);
  EXPECT_EQ(f.d(2), 0x000000A1000000A0u);
  EXPECT_EQ(f.d(3), 0x000000A3000000A2u);
}

TEST(FloatingPoint, LoadStoreMultipleWithWriteback) {
  M4 f;
  const uint32_t data = test::CoreFixture::kData;
  for (unsigned k = 0; k < 4; ++k) f.set_mem32(data + 4 * k, 0x50 + k);
  f.core.s.r[0] = data;
  f.core.s.r[1] = data + 0x40;
  f.run("vldmia r0!, {s4-s7}\nvstmdb r1!, {d2-d3}\nvstmia r1, {s5}", 3);
  EXPECT_EQ(f.core.s.r[0], data + 16);
  for (unsigned k = 0; k < 4; ++k) EXPECT_EQ(f.s(4 + k), 0x50 + k);
  EXPECT_EQ(f.core.s.r[1], data + 0x30);
  for (unsigned k = 0; k < 4; ++k) EXPECT_EQ(f.mem32(data + 0x30 + 4 * k), k == 0 ? 0x51u : 0x50 + k);
}

TEST(FloatingPoint, FaultingLoadMultipleChangesNoRegister) {
  M4 f;
  const uint32_t end = test::CoreFixture::kStackTop;  // data RAM ends here: the third word is unmapped
  f.core.s.r[0] = end - 8;
  f.core.s.s[0] = 0xAAAA;
  f.load_asm("vldmia r0!, {s0-s3}");
  EXPECT_EQ(f.fault_of(), FaultKind::kPreciseErr);
  EXPECT_EQ(f.core.s.r[0], end - 8);
  EXPECT_EQ(f.s(0), 0xAAAAu);
}

TEST(FloatingPoint, UnalignedLoadIsAUsageFault) {
  M4 f;
  f.core.s.r[0] = test::CoreFixture::kData + 2;
  f.load_asm("vldr s0, [r0]");
  EXPECT_EQ(f.fault_of(), FaultKind::kUnaligned);
}

TEST(FloatingPoint, TransfersBetweenCoreAndExtensionRegisters) {
  M4 f;
  f.core.s.r[4] = 0x44444444;
  f.core.s.r[6] = 0x66666666;
  f.core.s.r[8] = 0x88888888;
  f.core.s.r[9] = 0x99999999;
  // GNU as accepts VMOV to and from a scalar only for an FPU with double precision; FPv4-SP has them
  // (Cortex-M4 Devices Generic User Guide, VMOV): vmov.32 d1[0], r6 and vmov.32 r7, d1[0] as raw words.
  f.run("vmov s3, r4\nvmov r5, s3\n.inst.w 0xEE016B10\n.inst.w 0xEE117B10\nvmov s4, s5, r8, r9\n"
        "vmov r10, r11, s4, s5\nvmov d4, r9, r8\nvmov r2, r3, d4", 8);
  EXPECT_EQ(f.s(3), 0x44444444u);
  EXPECT_EQ(f.core.s.r[5], 0x44444444u);
  EXPECT_EQ(f.s(2), 0x66666666u);  // D1[0] is S2
  EXPECT_EQ(f.core.s.r[7], 0x66666666u);
  EXPECT_EQ(f.s(4), 0x88888888u);
  EXPECT_EQ(f.s(5), 0x99999999u);
  EXPECT_EQ(f.core.s.r[10], 0x88888888u);
  EXPECT_EQ(f.core.s.r[11], 0x99999999u);
  EXPECT_EQ(f.d(4), 0x8888888899999999u);
  EXPECT_EQ(f.core.s.r[2], 0x99999999u);
  EXPECT_EQ(f.core.s.r[3], 0x88888888u);
}

TEST(FloatingPoint, VmsrAndVmrsKeepOnlyImplementedFpscrBits) {
  M4 f;
  f.core.s.r[0] = 0xFFFFFFFF;
  f.run("vmsr fpscr, r0\nvmrs r1, fpscr", 2);
  EXPECT_EQ(f.core.s.fpscr, 0xF7C0009Fu);
  EXPECT_EQ(f.core.s.r[1], 0xF7C0009Fu);
}

// ---------------------------------------------------------------- gating and conditions

TEST(FloatingPoint, NocpWhenCpacrDeniesTheFpu) {
  M4 f;
  f.scs.write(0xE000ED88 - SystemControl::kBase, 4, 0);
  f.load_asm("vadd.f32 s0, s1, s2");
  EXPECT_EQ(f.fault_of(), FaultKind::kNoCp);
}

TEST(FloatingPoint, NocpForUnprivilegedCodeWhenCpacrGrantsPrivilegedOnly) {
  M4 f;
  f.scs.write(0xE000ED88 - SystemControl::kBase, 4, 0x5u << 20);  // CP10, CP11 = 01
  f.core.s.control |= 1;  // Thread mode, unprivileged
  f.load_asm("vmov r0, s0");
  EXPECT_EQ(f.fault_of(), FaultKind::kNoCp);
}

TEST(FloatingPoint, NocpWithoutAnFpu) {
  Fpu<CoreModel::kCortexM4, kFeatNone> f;
  f.load_halfwords({0xEE30, 0x0A81});  // vadd.f32 s0, s1, s2
  EXPECT_EQ(f.fault_of(), FaultKind::kNoCp);
}

TEST(FloatingPoint, DoublePrecisionIsUndefinedOnTheM4) {
  M4 f;
  f.load_halfwords({0xEE31, 0x0B02});  // vadd.f64 d0, d1, d2
  EXPECT_EQ(f.fault_of(), FaultKind::kUndefInstr);
}

TEST(FloatingPoint, ConditionalInsideItBlock) {
  M4 f;
  f.set_s(1, 1.0f);
  f.set_s(2, 2.0f);
  f.run("it eq\nvaddeq.f32 s0, s1, s2\nit ne\nvaddne.f32 s3, s1, s2", 4);
  EXPECT_EQ(f.s(0), 0u);
  EXPECT_EQ(f.s(3), bits(3.0f));
}

}  // namespace
}  // namespace mcuprof
