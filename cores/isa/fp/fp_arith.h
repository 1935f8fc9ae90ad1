// Floating-point arithmetic with the exact FPSCR semantics of the ARMv7-M ARM (DDI 0403E), A2.5
// "Floating-point extension" (FPUnpack, FPProcessNaN(s), FPRound, FPAdd..FPSqrt, FPCompare, FPToFixed,
// FixedToFP, FPRoundInt, FPMaxNum/FPMinNum, FPHalfToSingle/FPSingleToHalf and the FPv5 double forms).
//
// Values travel as their bit patterns: B = uint32_t (single precision) or uint64_t (double precision);
// half precision is uint16_t. Every operation reads the mode bits of `fpscr` (RMode, FZ, DN, AHP) and ORs
// the cumulative exception flags into it (IOC DZC OFC UFC IXC IDC).
#pragma once
#include <cstdint>

namespace mcuprof::fp {

// FPSCR (A2.5.3, B3.2.x "Floating-point Status and Control Register").
enum Fpscr : uint32_t {
  kIOC = 1u << 0, kDZC = 1u << 1, kOFC = 1u << 2, kUFC = 1u << 3, kIXC = 1u << 4, kIDC = 1u << 7,
  kFZ = 1u << 24, kDN = 1u << 25, kAHP = 1u << 26,
  kRModeShift = 22,
  kFpscrWritable = 0xF7C0009Fu,  // N Z C V, AHP, DN, FZ, RMode, IDC, IXC UFC OFC DZC IOC; the rest is reserved
};

// Rounding modes: the first four are FPSCR.RMode's encodings; kTiesAway is FPv5's VRINTA/VCVTA mode.
enum class Rounding : uint8_t { kNearest = 0, kPlusInf = 1, kMinusInf = 2, kZero = 3, kTiesAway = 4 };
inline Rounding fpscr_rounding(uint32_t fpscr) { return Rounding((fpscr >> kRModeShift) & 3); }

// Sign-bit operations (FPAbs, FPNeg): no flags, NaNs unchanged apart from the sign.
template <class B> constexpr B sign_bit() { return B(1) << (sizeof(B) * 8 - 1); }
template <class B> constexpr B fp_abs(B x) { return x & ~sign_bit<B>(); }
template <class B> constexpr B fp_neg(B x) { return x ^ sign_bit<B>(); }

template <class B> B fp_add(B a, B b, uint32_t& fpscr);
template <class B> B fp_sub(B a, B b, uint32_t& fpscr);
template <class B> B fp_mul(B a, B b, uint32_t& fpscr);
template <class B> B fp_div(B a, B b, uint32_t& fpscr);
template <class B> B fp_sqrt(B a, uint32_t& fpscr);
// FPMulAdd: addend + op1 * op2 with a single rounding (VFMA and friends).
template <class B> B fp_mul_add(B addend, B op1, B op2, uint32_t& fpscr);
// FPCompare: the NZCV result in bits [3:0] (0110 equal, 1000 less, 0010 greater, 0011 unordered).
// signal_nans: VCMPE (any NaN sets IOC); VCMP signals only for signalling NaNs.
template <class B> uint32_t fp_compare(B a, B b, bool signal_nans, uint32_t& fpscr);
// FPMaxNum / FPMinNum (VMAXNM, VMINNM): a quiet NaN loses against a number.
template <class B> B fp_max_num(B a, B b, uint32_t& fpscr);
template <class B> B fp_min_num(B a, B b, uint32_t& fpscr);
// FPRoundInt: round to an integral value in floating-point format; `exact` sets IXC when that changed it.
template <class B> B fp_round_int(B a, Rounding r, bool exact, uint32_t& fpscr);
// FPToFixed: to a `size`-bit (16 or 32) signed or unsigned fixed-point number with frac_bits fraction
// bits, saturating (IOC) on overflow and NaN. The result is sign- or zero-extended to 32 bits.
template <class B> uint32_t fp_to_fixed(B a, unsigned size, unsigned frac_bits, bool is_unsigned, Rounding r,
                                        uint32_t& fpscr);
// FixedToFP: from the low `size` bits of x, rounded with FPSCR's mode.
template <class B> B fixed_to_fp(uint32_t x, unsigned size, unsigned frac_bits, bool is_unsigned, uint32_t& fpscr);
// Between single and double precision (VCVT .F64.F32 / .F32.F64).
template <class To, class From> To fp_convert(From a, uint32_t& fpscr);
// Between half precision and single/double (VCVTB, VCVTT), honouring FPSCR.AHP.
template <class B> B half_to_fp(uint16_t h, uint32_t& fpscr);
template <class B> uint16_t fp_to_half(B a, uint32_t& fpscr);

}  // namespace mcuprof::fp
