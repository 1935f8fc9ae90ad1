// Decoding of the floating-point extension: every encoding against GNU as, feature gating between
// FPv4-SP, FPv5-SP and FPv5-DP, and the UNDEFINED/UNPREDICTABLE constraints of DDI 0403E A6.4-A6.7/A7.7.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "cores/decoder/decoder.h"
#include "tests/unit/core_fixture.h"

namespace mcuprof {
namespace {

constexpr uint8_t kM4 = kFeatFpSp, kF746 = kFeatFpSp | kFeatFpV5, kF767 = kFeatFpSp | kFeatFpDp | kFeatFpV5;

struct Case {
  const char* text;
  const char* name;
};

// Each line assembles to one 32-bit instruction.
const Case kCases[] = {
    {"vmla.f32 s0, s1, s2", "VMLA T1"},          {"vmla.f64 d0, d1, d2", "VMLA T1"},
    {"vmls.f32 s3, s4, s31", "VMLS T1"},         {"vnmla.f32 s0, s1, s2", "VNMLA T1"},
    {"vnmls.f64 d15, d1, d2", "VNMLS T1"},       {"vnmul.f32 s0, s1, s2", "VNMUL T2"},
    {"vmul.f32 s0, s1, s2", "VMUL T1"},          {"vadd.f32 s0, s1, s2", "VADD T1"},
    {"vadd.f64 d0, d1, d2", "VADD T1"},          {"vsub.f32 s0, s1, s2", "VSUB T1"},
    {"vdiv.f64 d3, d4, d5", "VDIV T1"},          {"vfma.f32 s0, s1, s2", "VFMA T1"},
    {"vfms.f32 s0, s1, s2", "VFMS T1"},          {"vfnma.f32 s0, s1, s2", "VFNMA T1"},
    {"vfnms.f64 d0, d1, d2", "VFNMS T1"},        {"vmov.f32 s0, #1.0", "VMOV (immediate) T1"},
    {"vmov.f64 d0, #-2.5", "VMOV (immediate) T1"}, {"vmov.f32 s0, s1", "VMOV (register) T1"},
    {"vmov.f64 d0, d1", "VMOV (register) T1"},   {"vabs.f32 s0, s1", "VABS T1"},
    {"vneg.f64 d0, d1", "VNEG T1"},              {"vsqrt.f32 s0, s1", "VSQRT T1"},
    {"vcvtb.f32.f16 s0, s1", "VCVTB T1"},        {"vcvtt.f32.f16 s0, s1", "VCVTT T1"},
    {"vcvtb.f16.f32 s0, s1", "VCVTB T1"},        {"vcvtt.f16.f32 s0, s1", "VCVTT T1"},
    {"vcvtb.f64.f16 d0, s1", "VCVTB T1"},        {"vcvtt.f16.f64 s0, d1", "VCVTT T1"},
    {"vcmp.f32 s0, s1", "VCMP T1"},              {"vcmpe.f64 d0, d1", "VCMPE T1"},
    {"vcmp.f32 s0, #0", "VCMP T2"},              {"vcmpe.f32 s0, #0", "VCMPE T2"},
    {"vrintr.f32 s0, s1", "VRINTR T1"},          {"vrintz.f64 d0, d1", "VRINTZ T1"},
    {"vrintx.f32 s0, s1", "VRINTX T1"},          {"vrinta.f32 s0, s1", "VRINTA T1"},
    {"vrintn.f64 d0, d1", "VRINTN T1"},          {"vrintp.f32 s0, s1", "VRINTP T1"},
    {"vrintm.f32 s0, s1", "VRINTM T1"},          {"vcvta.s32.f32 s0, s1", "VCVTA T1"},
    {"vcvtn.u32.f64 s0, d1", "VCVTN T1"},        {"vcvtp.s32.f32 s0, s1", "VCVTP T1"},
    {"vcvtm.u32.f32 s0, s1", "VCVTM T1"},        {"vseleq.f32 s0, s1, s2", "VSEL T1"},
    {"vselgt.f64 d0, d1, d2", "VSEL T1"},        {"vmaxnm.f32 s0, s1, s2", "VMAXNM T1"},
    {"vminnm.f64 d0, d1, d2", "VMINNM T1"},
    {"vcvt.f64.f32 d0, s1", "VCVT (between double-precision and single-precision) T1"},
    {"vcvt.f32.f64 s0, d1", "VCVT (between double-precision and single-precision) T1"},
    {"vcvt.f32.s32 s0, s1", "VCVT (between floating-point and integer) T1"},
    {"vcvt.f64.u32 d0, s1", "VCVT (between floating-point and integer) T1"},
    {"vcvt.s32.f32 s0, s1", "VCVT (between floating-point and integer) T1"},
    {"vcvt.u32.f64 s0, d1", "VCVT (between floating-point and integer) T1"},
    {"vcvtr.s32.f32 s0, s1", "VCVTR (between floating-point and integer) T1"},
    {"vcvt.s16.f32 s0, s0, #3", "VCVT (between floating-point and fixed-point) T1"},
    {"vcvt.f64.u32 d0, d0, #32", "VCVT (between floating-point and fixed-point) T1"},
    {"vldr s1, [r2, #-8]", "VLDR T2"},           {"vldr d1, [r2, #1020]", "VLDR T1"},
    {"vstr s1, [sp]", "VSTR T2"},                {"vstr d15, [r0, #-4]", "VSTR T1"},
    {"vldmia r1!, {s2-s5}", "VLDM T2"},          {"vldmdb r1!, {d2-d5}", "VLDM T1"},
    {"vstmia r1, {d0-d15}", "VSTM T1"},          {"vstmdb r1!, {s0-s31}", "VSTM T2"},
    {"vpush {s1-s4}", "VPUSH T2"},               {"vpush {d8-d15}", "VPUSH T1"},
    {"vpop {s16}", "VPOP T2"},                   {"vpop {d0-d1}", "VPOP T1"},
    {"vmov s3, r4", "VMOV (between ARM core register and single-precision register) T1"},
    {"vmov r4, s31", "VMOV (between ARM core register and single-precision register) T1"},
    {"vmov.32 d1[1], r5", "VMOV (ARM core register to scalar) T1"},
    {"vmov.32 r5, d15[0]", "VMOV (scalar to ARM core register) T1"},
    {"vmov s2, s3, r4, r5", "VMOV (between two ARM core registers and two single-precision registers) T1"},
    {"vmov r4, r5, s30, s31", "VMOV (between two ARM core registers and two single-precision registers) T1"},
    {"vmov d3, r4, r5", "VMOV (between two ARM core registers and a doubleword extension register) T1"},
    {"vmov r4, r5, d3", "VMOV (between two ARM core registers and a doubleword extension register) T1"},
    {"vmrs APSR_nzcv, fpscr", "VMRS T1"},        {"vmrs r3, fpscr", "VMRS T1"},
    {"vmsr fpscr, r3", "VMSR T1"},
};

std::string encoding_name(const Decoder& d, uint16_t hw1, uint16_t hw2, DecodeResult* result = nullptr) {
  Inst i;
  const DecodeResult r = d.decode(hw1, hw2, i);
  if (result) *result = r;
  if (r != DecodeResult::kOk) return r == DecodeResult::kUndefined ? "UNDEFINED" : "UNPREDICTABLE";
  return d.encoding(i.enc).name;
}

DecodeResult decode(uint8_t features, uint16_t hw1, uint16_t hw2) {
  Decoder d(features);
  Inst i;
  return d.decode(hw1, hw2, i);
}

std::vector<uint16_t> assemble_f767(const std::string& text) {
  return test::assemble(text, CoreModel::kCortexM7, kF767);
}

TEST(FloatingPointDecode, EveryEncodingMatchesGnuAs) {
  std::string source;
  for (const Case& c : kCases) source += std::string(c.text) + "\n";
  const std::vector<uint16_t> hws = assemble_f767(source);
  ASSERT_EQ(hws.size(), 2 * std::size(kCases));
  Decoder d(kF767);
  for (size_t k = 0; k < std::size(kCases); ++k)
    EXPECT_EQ(encoding_name(d, hws[2 * k], hws[2 * k + 1]), kCases[k].name) << kCases[k].text;
}

TEST(FloatingPointDecode, DoublePrecisionDataProcessingNeedsFpDp) {
  const auto hws = assemble_f767("vadd.f64 d0, d1, d2\nvcvt.f64.f32 d0, s1\nvmov.f64 d0, #1.0\nvcmp.f64 d0, d1");
  for (size_t k = 0; k < hws.size(); k += 2) {
    EXPECT_EQ(decode(kM4, hws[k], hws[k + 1]), DecodeResult::kUndefined);
    EXPECT_EQ(decode(kF746, hws[k], hws[k + 1]), DecodeResult::kUndefined);
    EXPECT_EQ(decode(kF767, hws[k], hws[k + 1]), DecodeResult::kOk);
  }
}

TEST(FloatingPointDecode, DoublewordTransfersExistWithSinglePrecisionOnly) {
  const auto hws = assemble_f767("vldr d1, [r2]\nvstmia r1!, {d0-d3}\nvpush {d8}\nvmov d3, r4, r5\nvmov.32 r5, d1[1]");
  for (size_t k = 0; k < hws.size(); k += 2) EXPECT_EQ(decode(kM4, hws[k], hws[k + 1]), DecodeResult::kOk);
}

TEST(FloatingPointDecode, FpV5AdditionsAreUndefinedOnFpV4) {
  const auto hws = assemble_f767("vseleq.f32 s0, s1, s2\nvmaxnm.f32 s0, s1, s2\nvrinta.f32 s0, s1\n"
                                 "vrintx.f32 s0, s1\nvcvta.s32.f32 s0, s1\nvcvtb.f64.f16 d0, s1");
  for (size_t k = 0; k < hws.size(); k += 2) EXPECT_EQ(decode(kM4, hws[k], hws[k + 1]), DecodeResult::kUndefined);
  for (size_t k = 0; k + 2 < hws.size(); k += 2) EXPECT_EQ(decode(kF746, hws[k], hws[k + 1]), DecodeResult::kOk);
  EXPECT_EQ(decode(kF746, hws[10], hws[11]), DecodeResult::kUndefined);  // F16 <-> F64 needs double precision
}

TEST(FloatingPointDecode, WithoutAnFpuSinglePrecisionDecodesForNocp) {
  // A core without an FPU raises NOCP for the CP10/CP11 space when it executes it (floating_point_test.cpp):
  // the single-precision forms decode; what needs FPv5 or double precision stays UNDEFINED.
  const auto hws = assemble_f767("vadd.f32 s0, s1, s2\nvldr d0, [r0]\nvmrs r0, fpscr\nvadd.f64 d0, d1, d2\n"
                                 "vmaxnm.f32 s0, s1, s2");
  for (size_t k = 0; k < 6; k += 2) EXPECT_EQ(decode(kFeatNone, hws[k], hws[k + 1]), DecodeResult::kOk);
  for (size_t k = 6; k < 10; k += 2) EXPECT_EQ(decode(kFeatNone, hws[k], hws[k + 1]), DecodeResult::kUndefined);
}

TEST(FloatingPointDecode, OnlySixteenDoublewordRegisters) {
  // vadd.f64 d16, d1, d2 (D = 1): the M profile has D0-D15.
  EXPECT_EQ(decode(kF767, 0xEE71, 0x0B02), DecodeResult::kUndefined);
  EXPECT_EQ(decode(kF767, 0xEE31, 0x0B02), DecodeResult::kOk);
  // vldr d16, [r1]
  EXPECT_EQ(decode(kF767, 0xEDD1, 0x0B00), DecodeResult::kUndefined);
}

TEST(FloatingPointDecode, VmrsAndVmsrReachOnlyFpscr) {
  // The M profile has no FPSID, FPEXC or MVFRx for VMRS/VMSR (MVFR0-2 are memory-mapped in the SCS):
  // vmrs r0, fpsid / mvfr0 / fpexc and vmsr fpexc, r0 are UNDEFINED.
  for (uint16_t hw1 : {0xEEF0, 0xEEF7, 0xEEF8, 0xEEE8})
    EXPECT_EQ(decode(kF767, hw1, 0x0A10), DecodeResult::kUndefined) << hw1;
  EXPECT_EQ(decode(kF767, 0xEEF1, 0x0A10), DecodeResult::kOk);
}

TEST(FloatingPointDecode, AdvancedSimdIsUndefined) {
  // vadd.i32 d0, d1, d2 (Advanced SIMD data processing) and vld1.32 {d0}, [r0] (element load/store)
  EXPECT_EQ(decode(kF767, 0xEF21, 0x0802), DecodeResult::kUndefined);
  EXPECT_EQ(decode(kF767, 0xF920, 0x078F), DecodeResult::kUndefined);
}

TEST(FloatingPointDecode, UnpredictableForms) {
  Decoder d(kF767);
  auto check = [&](uint16_t hw1, uint16_t hw2, DecodeResult want, const char* what) {
    Inst i;
    EXPECT_EQ(d.decode(hw1, hw2, i), want) << what;
  };
  const auto ok = assemble_f767("vmov s3, r4\nvmrs r3, fpscr\nvmsr fpscr, r3\nvmov r4, r5, d3\n"
                                "vstr s1, [r2]\nvldmia r1!, {s2-s5}\nvcvt.s16.f32 s0, s0, #3\nvmov.f32 s0, #1.0");
  check(ok[0], uint16_t((ok[1] & 0x0FFF) | 0xD000), DecodeResult::kUnpredictable, "VMOV s3, sp");
  check(ok[0], uint16_t((ok[1] & 0x0FFF) | 0xF000), DecodeResult::kUnpredictable, "VMOV s3, pc");
  check(ok[0], uint16_t(ok[1] | 0x0001), DecodeResult::kUnpredictable, "VMOV (0) bit set");
  check(ok[2], uint16_t((ok[3] & 0x0FFF) | 0xD000), DecodeResult::kUnpredictable, "VMRS sp, fpscr");
  check(ok[4], uint16_t((ok[5] & 0x0FFF) | 0xF000), DecodeResult::kUnpredictable, "VMSR fpscr, pc");
  check(ok[6], uint16_t((ok[7] & 0x0FFF) | 0x5000), DecodeResult::kUnpredictable, "VMOV r4, r4, d3");
  check(uint16_t((ok[8] & 0xFFF0) | 0xF), ok[9], DecodeResult::kUnpredictable, "VSTR s1, [pc]");
  check(ok[10], uint16_t(ok[11] & 0xFF00), DecodeResult::kUnpredictable, "VLDM with no registers");
  check(ok[10], uint16_t((ok[11] & 0xFF00) | 31), DecodeResult::kUnpredictable, "VLDM s2-s32");
  check(uint16_t((ok[10] & 0xFFF0) | 0xF), ok[11], DecodeResult::kUnpredictable, "VLDM pc!");
  // VCVT fixed-point with 16-bit size and imm4:i > 16: frac_bits < 0
  check(ok[12], uint16_t(ok[13] | 0x000F | 0x0020), DecodeResult::kUnpredictable, "VCVT fixed, frac_bits < 0");
  check(ok[14], uint16_t(ok[15] | 0x0080), DecodeResult::kUnpredictable, "VMOV (immediate) (0) bit set");
  // vldmdb with W = 0 (P = 1, U = 0, W = 0 is VLDR) and P = U = 1, W = 1: UNDEFINED
  check(0xEDB1, 0x1A04, DecodeResult::kUndefined, "VLDM P=U=1 W=1");
  // T1 (doubleword) VLDM with an odd imm8 (FLDMX)
  check(0xECB1, 0x0B05, DecodeResult::kUnpredictable, "FLDMX");
}

}  // namespace
}  // namespace mcuprof
