// The FPSCR-exact arithmetic of cores/isa/fp (ARMv7-M ARM A2.5): rounding modes, the cumulative exception
// flags, flush-to-zero, default NaN, NaN propagation, conversions and half precision. Expected values are
// worked out by hand from the manual's pseudocode (comments give the reasoning).
#include <gtest/gtest.h>

#include <cfenv>

#include "cores/isa/fp/fp_arith.h"

namespace mcuprof::fp {
namespace {

constexpr uint32_t kOne = 0x3F800000, kTwo = 0x40000000, kHalf = 0x3F000000, kThree = 0x40400000;
constexpr uint32_t kInf = 0x7F800000, kMaxNormal = 0x7F7FFFFF, kMinNormal = 0x00800000;
constexpr uint32_t kDefaultNaN = 0x7FC00000;
constexpr uint32_t kRN = 0u << kRModeShift, kRP = 1u << kRModeShift, kRM = 2u << kRModeShift, kRZ = 3u << kRModeShift;

uint32_t flags(uint32_t fpscr) { return fpscr & (kIOC | kDZC | kOFC | kUFC | kIXC | kIDC); }

TEST(FpArith, ExactResultsRaiseNothing) {
  uint32_t fpscr = 0;
  EXPECT_EQ(fp_add<uint32_t>(kOne, kTwo, fpscr), kThree);
  EXPECT_EQ(fp_mul<uint32_t>(kThree, kHalf, fpscr), 0x3FC00000u);  // 1.5
  EXPECT_EQ(fp_sub<uint64_t>(0x4008000000000000, 0x3FF0000000000000, fpscr), 0x4000000000000000u);  // 3 - 1
  EXPECT_EQ(flags(fpscr), 0u);
}

TEST(FpArith, RoundingModesOnATie) {
  // 1 + 2^-24 lies halfway between 1 and 1 + 2^-23.
  const uint32_t tiny = 0x33800000;
  for (auto [mode, want, want_neg] : {std::tuple{kRN, kOne, 0xBF800000u}, std::tuple{kRP, 0x3F800001u, 0xBF800000u},
                                      std::tuple{kRM, kOne, 0xBF800001u}, std::tuple{kRZ, kOne, 0xBF800000u}}) {
    uint32_t fpscr = mode;
    EXPECT_EQ(fp_add<uint32_t>(kOne, tiny, fpscr), want) << mode;
    EXPECT_EQ(fp_add<uint32_t>(0xBF800000, tiny | 0x80000000, fpscr), want_neg) << mode;
    EXPECT_EQ(flags(fpscr), kIXC);
  }
}

TEST(FpArith, DivisionRoundsPerMode) {
  uint32_t fpscr = kRN;
  EXPECT_EQ(fp_div<uint32_t>(kOne, kThree, fpscr), 0x3EAAAAABu);
  fpscr = kRZ;
  EXPECT_EQ(fp_div<uint32_t>(kOne, kThree, fpscr), 0x3EAAAAAAu);
  EXPECT_EQ(flags(fpscr), kIXC);
}

TEST(FpArith, HostRoundingModeIsRestored) {
  ASSERT_EQ(std::fegetround(), FE_TONEAREST);
  uint32_t fpscr = kRZ;
  fp_div<uint32_t>(kOne, kThree, fpscr);
  EXPECT_EQ(std::fegetround(), FE_TONEAREST);
  volatile double one = 1.0;
  EXPECT_EQ(one / 3.0, 0x1.5555555555555p-2);  // rounded to nearest again
}

TEST(FpArith, DivideByZeroAndInvalid) {
  uint32_t fpscr = 0;
  EXPECT_EQ(fp_div<uint32_t>(0xBF800000, 0, fpscr), 0xFF800000u);  // -1 / +0 = -inf
  EXPECT_EQ(flags(fpscr), kDZC);
  fpscr = 0;
  EXPECT_EQ(fp_div<uint32_t>(kInf, 0, fpscr), kInf);  // inf / 0: no exception
  EXPECT_EQ(flags(fpscr), 0u);
  EXPECT_EQ(fp_div<uint32_t>(0, 0x80000000, fpscr), kDefaultNaN);  // 0 / 0: ARM's default NaN is positive
  EXPECT_EQ(flags(fpscr), kIOC);
  fpscr = 0;
  EXPECT_EQ(fp_sub<uint32_t>(kInf, kInf, fpscr), kDefaultNaN);
  EXPECT_EQ(fp_sqrt<uint32_t>(0xBF800000, fpscr), kDefaultNaN);  // sqrt(-1)
  EXPECT_EQ(fp_sqrt<uint32_t>(0x80000000, fpscr), 0x80000000u);  // sqrt(-0) = -0
  EXPECT_EQ(flags(fpscr), kIOC);
}

TEST(FpArith, OverflowDependsOnRoundingAndSign) {
  const uint32_t neg_max = kMaxNormal | 0x80000000;
  for (auto [mode, pos, neg] : {std::tuple{kRN, kInf, 0xFF800000u}, std::tuple{kRP, kInf, neg_max},
                                std::tuple{kRM, kMaxNormal, 0xFF800000u}, std::tuple{kRZ, kMaxNormal, neg_max}}) {
    uint32_t fpscr = mode;
    EXPECT_EQ(fp_mul<uint32_t>(kMaxNormal, kTwo, fpscr), pos) << mode;
    EXPECT_EQ(fp_mul<uint32_t>(neg_max, kTwo, fpscr), neg) << mode;
    EXPECT_EQ(flags(fpscr), kOFC | kIXC);
  }
}

TEST(FpArith, ExactDenormalResultIsNoUnderflow) {
  uint32_t fpscr = 0;
  EXPECT_EQ(fp_mul<uint32_t>(kMinNormal, kHalf, fpscr), 0x00400000u);  // 2^-127, exact
  EXPECT_EQ(flags(fpscr), 0u);
  fpscr = kFZ;  // flush-to-zero: the tiny result becomes +0 with UFC (and no IXC)
  EXPECT_EQ(fp_mul<uint32_t>(kMinNormal, kHalf, fpscr), 0u);
  EXPECT_EQ(flags(fpscr), kUFC);
}

TEST(FpArith, InexactDenormalResultUnderflows) {
  uint32_t fpscr = 0;
  EXPECT_EQ(fp_mul<uint32_t>(0x00800001, kHalf, fpscr), 0x00400000u);  // (2^-126 + 2^-149) / 2: a tie, to even
  EXPECT_EQ(flags(fpscr), kUFC | kIXC);
}

TEST(FpArith, TininessIsDetectedBeforeRounding) {
  // (1 - 2^-23) * 2^-126 (1 + 2^-23) = 2^-126 (1 - 2^-46): below the smallest normal before rounding,
  // rounds to it. ARM: underflow (x86 would not flag it: it detects tininess after rounding).
  uint32_t fpscr = kRN;
  EXPECT_EQ(fp_mul<uint32_t>(0x3F7FFFFE, 0x00800001, fpscr), kMinNormal);
  EXPECT_EQ(flags(fpscr), kUFC | kIXC);
  fpscr = kFZ;  // and flush-to-zero flushes it, although it rounded to a normal number
  EXPECT_EQ(fp_mul<uint32_t>(0x3F7FFFFE, 0x00800001, fpscr), 0u);
  EXPECT_EQ(flags(fpscr), kUFC);
  fpscr = kRN;  // 2^-126 (1 + 2^-24 - 2^-47) is above it and rounds down to it: no underflow
  EXPECT_EQ(fp_mul<uint32_t>(0x3F7FFFFF, 0x00800001, fpscr), kMinNormal);
  EXPECT_EQ(flags(fpscr), kIXC);
}

TEST(FpArith, FlushToZeroOnInputsSetsIdc) {
  uint32_t fpscr = kFZ;
  EXPECT_EQ(fp_add<uint32_t>(0x80000001, 0x80000000, fpscr), 0x80000000u);  // -denormal + -0 = -0
  EXPECT_EQ(flags(fpscr), kIDC);
  fpscr = kFZ;
  EXPECT_EQ(fp_mul<uint32_t>(0x00000001, kInf, fpscr), kDefaultNaN);  // flushed to 0, then 0 * inf
  EXPECT_EQ(flags(fpscr), kIDC | kIOC);
  fpscr = 0;  // without FZ denormals are ordinary numbers
  EXPECT_EQ(fp_add<uint32_t>(0x00000001, 0x00000001, fpscr), 0x00000002u);
  EXPECT_EQ(flags(fpscr), 0u);
}

TEST(FpArith, NaNPropagation) {
  uint32_t fpscr = 0;
  EXPECT_EQ(fp_add<uint32_t>(0x7FC00001, 0xFFC00002, fpscr), 0x7FC00001u);  // first quiet NaN
  EXPECT_EQ(flags(fpscr), 0u);
  EXPECT_EQ(fp_add<uint32_t>(0x7FC00001, 0xFF800002, fpscr), 0xFFC00002u);  // a signalling NaN wins, quietened
  EXPECT_EQ(flags(fpscr), kIOC);
  EXPECT_EQ(fp_mul<uint32_t>(kOne, 0x7F800005, fpscr), 0x7FC00005u);
  fpscr = kDN;
  EXPECT_EQ(fp_add<uint32_t>(0xFFC00001, kOne, fpscr), kDefaultNaN);
  EXPECT_EQ(flags(fpscr), 0u);
  EXPECT_EQ(fp_sqrt<uint64_t>(0xFFF0000000000001, fpscr), 0x7FF8000000000000u);
  EXPECT_EQ(flags(fpscr), kIOC);
}

TEST(FpArith, FusedMultiplyAddRoundsOnce) {
  // (1 + 2^-23)(1 - 2^-23) - 1 = -2^-46 exactly; a separate multiply would round the product to 1.
  uint32_t fpscr = 0;
  EXPECT_EQ(fp_mul_add<uint32_t>(0xBF800000, 0x3F800001, 0x3F7FFFFE, fpscr), 0xA8800000u);
  EXPECT_EQ(flags(fpscr), 0u);
  EXPECT_EQ(fp_add<uint32_t>(0xBF800000, fp_mul<uint32_t>(0x3F800001, 0x3F7FFFFE, fpscr), fpscr), 0u);
  EXPECT_EQ(flags(fpscr), kIXC);
}

TEST(FpArith, FusedMultiplyAddNaNs) {
  uint32_t fpscr = 0;
  // The addend's quiet NaN comes first ...
  EXPECT_EQ(fp_mul_add<uint32_t>(0x7FC00123, kOne, 0xFFC00002, fpscr), 0x7FC00123u);
  EXPECT_EQ(flags(fpscr), 0u);
  // ... but not before a signalling NaN of a multiplicand ...
  EXPECT_EQ(fp_mul_add<uint32_t>(0x7FC00123, 0x7F800004, kOne, fpscr), 0x7FC00004u);
  EXPECT_EQ(flags(fpscr), kIOC);
  // ... and an infinity times zero is invalid even with a quiet NaN addend: the default NaN.
  fpscr = 0;
  EXPECT_EQ(fp_mul_add<uint32_t>(0x7FC00123, kInf, 0x80000000, fpscr), kDefaultNaN);
  EXPECT_EQ(flags(fpscr), kIOC);
}

TEST(FpArith, ExactZeroSumSignFollowsRounding) {
  uint32_t fpscr = kRN;
  EXPECT_EQ(fp_add<uint32_t>(kOne, 0xBF800000, fpscr), 0u);
  fpscr = kRM;
  EXPECT_EQ(fp_add<uint32_t>(kOne, 0xBF800000, fpscr), 0x80000000u);
  EXPECT_EQ(fp_mul_add<uint32_t>(kOne, 0xBF800000, kOne, fpscr), 0x80000000u);
}

TEST(FpArith, Compare) {
  uint32_t fpscr = 0;
  EXPECT_EQ(fp_compare<uint32_t>(kOne, kTwo, false, fpscr), 0b1000u);
  EXPECT_EQ(fp_compare<uint32_t>(kTwo, kOne, false, fpscr), 0b0010u);
  EXPECT_EQ(fp_compare<uint32_t>(0x80000000, 0, false, fpscr), 0b0110u);  // -0 == +0
  EXPECT_EQ(fp_compare<uint32_t>(0x7FC00000, kOne, false, fpscr), 0b0011u);
  EXPECT_EQ(flags(fpscr), 0u);  // VCMP: quiet NaNs are quiet
  EXPECT_EQ(fp_compare<uint32_t>(0x7FC00000, kOne, true, fpscr), 0b0011u);
  EXPECT_EQ(flags(fpscr), kIOC);  // VCMPE: any NaN signals
  fpscr = 0;
  EXPECT_EQ(fp_compare<uint32_t>(kOne, 0x7F800001, false, fpscr), 0b0011u);
  EXPECT_EQ(flags(fpscr), kIOC);  // a signalling NaN always signals
  fpscr = kFZ;
  EXPECT_EQ(fp_compare<uint32_t>(0x00000001, 0x80000000, false, fpscr), 0b0110u);
  EXPECT_EQ(flags(fpscr), kIDC);
}

TEST(FpArith, MaxNumMinNum) {
  uint32_t fpscr = 0;
  EXPECT_EQ(fp_max_num<uint32_t>(0x7FC00000, kOne, fpscr), kOne);  // a quiet NaN loses
  EXPECT_EQ(fp_min_num<uint32_t>(kOne, 0xFFC00000, fpscr), kOne);
  EXPECT_EQ(fp_max_num<uint32_t>(0x80000000, 0, fpscr), 0u);
  EXPECT_EQ(fp_min_num<uint32_t>(0, 0x80000000, fpscr), 0x80000000u);
  EXPECT_EQ(fp_max_num<uint32_t>(kTwo, 0xC0400000, fpscr), kTwo);
  EXPECT_EQ(fp_min_num<uint32_t>(kTwo, 0xC0400000, fpscr), 0xC0400000u);
  EXPECT_EQ(fp_max_num<uint32_t>(0x7FC00001, 0x7FC00002, fpscr), 0x7FC00001u);  // two quiet NaNs: the first
  EXPECT_EQ(flags(fpscr), 0u);
  EXPECT_EQ(fp_max_num<uint32_t>(0x7FC00001, 0x7F800002, fpscr), 0x7FC00002u);  // a signalling NaN: quietened
  EXPECT_EQ(flags(fpscr), kIOC);
}

TEST(FpArith, RoundToIntegral) {
  uint32_t fpscr = 0;
  const uint32_t two_and_half = 0x40200000, minus_two_and_half = 0xC0200000;
  EXPECT_EQ(fp_round_int<uint32_t>(two_and_half, Rounding::kNearest, false, fpscr), kTwo);
  EXPECT_EQ(fp_round_int<uint32_t>(two_and_half, Rounding::kTiesAway, false, fpscr), kThree);
  EXPECT_EQ(fp_round_int<uint32_t>(minus_two_and_half, Rounding::kMinusInf, false, fpscr), 0xC0400000u);
  EXPECT_EQ(fp_round_int<uint32_t>(minus_two_and_half, Rounding::kPlusInf, false, fpscr), 0xC0000000u);
  EXPECT_EQ(fp_round_int<uint32_t>(minus_two_and_half, Rounding::kZero, false, fpscr), 0xC0000000u);
  EXPECT_EQ(fp_round_int<uint32_t>(0xBE99999A, Rounding::kNearest, false, fpscr), 0x80000000u);  // -0.3 -> -0
  EXPECT_EQ(flags(fpscr), 0u);
  EXPECT_EQ(fp_round_int<uint32_t>(two_and_half, Rounding::kNearest, true, fpscr), kTwo);  // VRINTX: inexact
  EXPECT_EQ(flags(fpscr), kIXC);
  EXPECT_EQ(fp_round_int<uint64_t>(0x4004000000000000, Rounding::kTiesAway, false, fpscr), 0x4008000000000000u);
}

TEST(FpArith, ToInteger) {
  uint32_t fpscr = 0;
  EXPECT_EQ(fp_to_fixed<uint32_t>(0x40200000, 32, 0, false, Rounding::kNearest, fpscr), 2u);  // 2.5
  EXPECT_EQ(fp_to_fixed<uint32_t>(0x40200000, 32, 0, false, Rounding::kTiesAway, fpscr), 3u);
  EXPECT_EQ(fp_to_fixed<uint32_t>(0xC0200000, 32, 0, false, Rounding::kZero, fpscr), uint32_t(-2));
  EXPECT_EQ(flags(fpscr), kIXC);
  fpscr = 0;
  EXPECT_EQ(fp_to_fixed<uint32_t>(0x4F32D05E, 32, 0, false, Rounding::kZero, fpscr), 0x7FFFFFFFu);  // 3e9
  EXPECT_EQ(fp_to_fixed<uint32_t>(0x4F32D05E, 32, 0, true, Rounding::kZero, fpscr), 3000000000u);
  EXPECT_EQ(fp_to_fixed<uint32_t>(0xBFC00000, 32, 0, true, Rounding::kZero, fpscr), 0u);  // -1.5 unsigned
  EXPECT_EQ(fp_to_fixed<uint32_t>(0xFF800000, 32, 0, false, Rounding::kZero, fpscr), 0x80000000u);  // -inf
  EXPECT_EQ(fp_to_fixed<uint32_t>(0x7FC00000, 32, 0, false, Rounding::kZero, fpscr), 0u);  // NaN
  EXPECT_EQ(flags(fpscr), kIOC);  // saturation is Invalid Operation, not Inexact
  fpscr = 0;
  EXPECT_EQ(fp_to_fixed<uint32_t>(0xBF000000, 32, 0, true, Rounding::kZero, fpscr), 0u);  // -0.5 -> 0: inexact
  EXPECT_EQ(flags(fpscr), kIXC);
}

TEST(FpArith, FixedPoint) {
  uint32_t fpscr = 0;
  // 1.375 with 3 fraction bits is 11; as 16-bit signed, -1.375 is 0xFFF5 sign-extended.
  EXPECT_EQ(fp_to_fixed<uint32_t>(0x3FB00000, 16, 3, false, Rounding::kZero, fpscr), 11u);
  EXPECT_EQ(fp_to_fixed<uint32_t>(0xBFB00000, 16, 3, false, Rounding::kZero, fpscr), 0xFFFFFFF5u);
  EXPECT_EQ(fp_to_fixed<uint32_t>(0x47000000, 16, 0, false, Rounding::kZero, fpscr), 0x7FFFu);  // 32768 saturates
  EXPECT_EQ(flags(fpscr), kIOC);
  fpscr = 0;
  EXPECT_EQ(fixed_to_fp<uint32_t>(0x1234FFF5, 16, 3, false, fpscr), 0xBFB00000u);  // only the low 16 bits count
  EXPECT_EQ(fixed_to_fp<uint64_t>(0x80000000, 32, 32, true, fpscr), 0x3FE0000000000000u);  // 0.5
  EXPECT_EQ(fixed_to_fp<uint32_t>(0, 32, 0, false, fpscr), 0u);
  EXPECT_EQ(flags(fpscr), 0u);
}

TEST(FpArith, FromIntegerRoundsWithFpscrMode) {
  uint32_t fpscr = kRN;
  EXPECT_EQ(fixed_to_fp<uint32_t>(0xFFFFFFFF, 32, 0, true, fpscr), 0x4F800000u);  // 2^32 - 1 -> 2^32
  EXPECT_EQ(fixed_to_fp<uint32_t>(0xFFFFFFFF, 32, 0, false, fpscr), 0xBF800000u);  // -1, exact
  fpscr = kRZ;
  EXPECT_EQ(fixed_to_fp<uint32_t>(0xFFFFFFFF, 32, 0, true, fpscr), 0x4F7FFFFFu);
  EXPECT_EQ(flags(fpscr), kIXC);
  EXPECT_EQ(fixed_to_fp<uint64_t>(0xFFFFFFFF, 32, 0, true, fpscr), 0x41EFFFFFFFE00000u);  // exact in double
}

TEST(FpArith, SingleDoubleConversions) {
  uint32_t fpscr = 0;
  EXPECT_EQ((fp_convert<uint32_t, uint64_t>(0x3FD5555555555555, fpscr)), 0x3EAAAAABu);  // 1/3
  EXPECT_EQ(flags(fpscr), kIXC);
  fpscr = 0;
  EXPECT_EQ((fp_convert<uint64_t, uint32_t>(0x3EAAAAAB, fpscr)), 0x3FD5555560000000u);
  EXPECT_EQ((fp_convert<uint64_t, uint32_t>(0x00000001, fpscr)), 0x36A0000000000000u);  // 2^-149, exact
  EXPECT_EQ(flags(fpscr), 0u);
  EXPECT_EQ((fp_convert<uint32_t, uint64_t>(0x7E37E43C8800759C, fpscr)), kInf);  // 1e300
  EXPECT_EQ(flags(fpscr), kOFC | kIXC);
  fpscr = 0;  // NaNs keep the top of their payload and are quietened
  EXPECT_EQ((fp_convert<uint64_t, uint32_t>(0xFF800001, fpscr)), 0xFFF8000020000000u);
  EXPECT_EQ((fp_convert<uint32_t, uint64_t>(0x7FF4000000000000, fpscr)), 0x7FE00000u);
  EXPECT_EQ(flags(fpscr), kIOC);
  fpscr = kDN;
  EXPECT_EQ((fp_convert<uint32_t, uint64_t>(0xFFF8000000000001, fpscr)), kDefaultNaN);
  fpscr = kFZ;  // a double below the single range flushes
  EXPECT_EQ((fp_convert<uint32_t, uint64_t>(0x3800000000000000, fpscr)), 0u);  // 2^-127
  EXPECT_EQ(flags(fpscr), kUFC);
}

TEST(FpArith, HalfPrecisionFromSingle) {
  uint32_t fpscr = 0;
  EXPECT_EQ(fp_to_half<uint32_t>(kOne, fpscr), 0x3C00u);
  EXPECT_EQ(fp_to_half<uint32_t>(0x477FE000, fpscr), 0x7BFFu);  // 65504, the largest half
  EXPECT_EQ(fp_to_half<uint32_t>(0x33800000, fpscr), 0x0001u);  // 2^-24, the smallest denormal
  EXPECT_EQ(fp_to_half<uint32_t>(0xFF800000, fpscr), 0xFC00u);
  EXPECT_EQ(flags(fpscr), 0u);
  EXPECT_EQ(fp_to_half<uint32_t>(0x33000000, fpscr), 0x0000u);  // 2^-25: a tie between 0 and 2^-24, to even
  EXPECT_EQ(flags(fpscr), kUFC | kIXC);
  fpscr = 0;
  EXPECT_EQ(fp_to_half<uint32_t>(0x477FF000, fpscr), 0x7C00u);  // 65520 rounds to 65536: overflow
  EXPECT_EQ(flags(fpscr), kOFC | kIXC);
  fpscr = kRZ;
  EXPECT_EQ(fp_to_half<uint32_t>(0x477FF000, fpscr), 0x7BFFu);
  fpscr = 0;
  EXPECT_EQ(fp_to_half<uint32_t>(0x7F800001, fpscr), 0x7E00u);  // signalling NaN, quietened
  EXPECT_EQ(fp_to_half<uint32_t>(0xFFC02000, fpscr), 0xFE01u);  // payload bits 21:13 kept
  EXPECT_EQ(flags(fpscr), kIOC);
  fpscr = kFZ;  // FZ flushes the single-precision operand, not the half-precision result
  EXPECT_EQ(fp_to_half<uint32_t>(0x00000001, fpscr), 0x0000u);
  EXPECT_EQ(flags(fpscr), kIDC);
}

TEST(FpArith, AlternativeHalfPrecision) {
  uint32_t fpscr = kAHP;
  EXPECT_EQ(fp_to_half<uint32_t>(0x47800000, fpscr), 0x7C00u);  // 65536 is a number here
  EXPECT_EQ(fp_to_half<uint32_t>(0x47FFE000, fpscr), 0x7FFFu);  // 131008, the largest
  EXPECT_EQ(flags(fpscr), 0u);
  EXPECT_EQ(fp_to_half<uint32_t>(0x48435000, fpscr), 0x7FFFu);  // 200000 saturates: Invalid, not Overflow
  EXPECT_EQ(flags(fpscr), kIOC);
  fpscr = kAHP;
  EXPECT_EQ(fp_to_half<uint32_t>(0xFF800000, fpscr), 0xFFFFu);  // -inf
  EXPECT_EQ(fp_to_half<uint32_t>(0xFFC00000, fpscr), 0x8000u);  // a NaN becomes a zero
  EXPECT_EQ(flags(fpscr), kIOC);
  fpscr = kAHP;
  EXPECT_EQ(half_to_fp<uint32_t>(0x7C00, fpscr), 0x47800000u);
  EXPECT_EQ(half_to_fp<uint32_t>(0xFFFF, fpscr), 0xC7FFE000u);
  EXPECT_EQ(flags(fpscr), 0u);
}

TEST(FpArith, HalfPrecisionToSingleAndDouble) {
  uint32_t fpscr = kFZ;  // FZ does not apply to half-precision operands
  EXPECT_EQ(half_to_fp<uint32_t>(0x0001, fpscr), 0x33800000u);
  EXPECT_EQ(half_to_fp<uint32_t>(0xBC00, fpscr), 0xBF800000u);
  EXPECT_EQ(half_to_fp<uint32_t>(0x8000, fpscr), 0x80000000u);
  EXPECT_EQ(half_to_fp<uint32_t>(0x7C00, fpscr), kInf);
  EXPECT_EQ(half_to_fp<uint64_t>(0x3555, fpscr), 0x3FD5540000000000u);  // 0.333251953125
  EXPECT_EQ(half_to_fp<uint32_t>(0x7E00, fpscr), kDefaultNaN);
  EXPECT_EQ(flags(fpscr), 0u);
  EXPECT_EQ(half_to_fp<uint32_t>(0x7D00, fpscr), 0x7FE00000u);  // signalling, payload 0x100 -> bit 21
  EXPECT_EQ(flags(fpscr), kIOC);
  fpscr = kDN;
  EXPECT_EQ(half_to_fp<uint64_t>(0xFE01, fpscr), 0x7FF8000000000000u);
}

}  // namespace
}  // namespace mcuprof::fp
