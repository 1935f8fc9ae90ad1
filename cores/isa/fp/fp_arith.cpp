// Floating-point arithmetic with ARM's FPSCR semantics (ARMv7-M ARM A2.5), on top of the host's IEEE 754
// arithmetic. The host computes the correctly rounded IEEE result and its exception flags in the rounding
// mode FPSCR.RMode asks for; this file adds what ARM defines differently or IEEE leaves open:
// - flush-to-zero (FPSCR.FZ): denormal inputs count as zeros (IDC); tiny results become zeros (UFC, no IXC);
// - NaNs: ARM's operand priority (FPProcessNaNs), quieting, default NaN (FPSCR.DN; x86's is negative);
// - underflow: ARM detects tininess BEFORE rounding, x86 AFTER. They disagree only when the unrounded result
//   is below the smallest normal and rounds up to it; round_result() redoes such an operation rounding
//   toward zero, which stays below the smallest normal exactly when the unrounded result did;
// - conversions to integers, round-to-integral and half precision are computed exactly here, with no host
//   rounding (the host lacks ties-away rounding and half precision).
// Fused multiply-add uses std::fma (glibc picks the FMA3 instruction where the CPU has it, else an exact
// software fma). The host environment is switched for each operation and its modes restored (HostEnv).
#include "cores/isa/fp/fp_arith.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <optional>

#if defined(__x86_64__)
#include <xmmintrin.h>
#else
#include <cfenv>
#endif

namespace mcuprof::fp {
namespace {

// ---------------------------------------------------------------- formats

template <class B> struct Format;
template <> struct Format<uint16_t> { static constexpr int kFrac = 10; };
template <> struct Format<uint32_t> { using Host = float; static constexpr int kFrac = 23; };
template <> struct Format<uint64_t> { using Host = double; static constexpr int kFrac = 52; };

template <class B> using Host = typename Format<B>::Host;
template <class B> constexpr int kFrac = Format<B>::kFrac;
template <class B> constexpr B kFracMask = B((B(1) << kFrac<B>) - 1);
template <class B> constexpr B kExpMask = B(~sign_bit<B>() & ~kFracMask<B>);
template <class B> constexpr B kQuiet = B(B(1) << (kFrac<B> - 1));
template <class B> constexpr B kDefaultNaN = kExpMask<B> | kQuiet<B>;  // FPDefaultNaN: +, quiet, zero payload

template <class B> bool is_nan(B x) { return (x & kExpMask<B>) == kExpMask<B> && (x & kFracMask<B>); }
template <class B> bool is_snan(B x) { return is_nan(x) && !(x & kQuiet<B>); }
template <class B> bool is_qnan(B x) { return is_nan(x) && (x & kQuiet<B>); }
template <class B> bool is_inf(B x) { return B(x & ~sign_bit<B>()) == kExpMask<B>; }
template <class B> bool is_zero(B x) { return B(x & ~sign_bit<B>()) == 0; }
template <class B> bool is_denormal(B x) { return !(x & kExpMask<B>) && (x & kFracMask<B>); }
template <class B> bool sign_of(B x) { return x & sign_bit<B>(); }
template <class B> Host<B> host(B x) { return std::bit_cast<Host<B>>(x); }
template <class B> B bits_of(Host<B> x) { return std::bit_cast<B>(x); }

// FPUnpack's flush-to-zero: under FPSCR.FZ a denormal single or double operand is a zero of its sign (IDC).
template <class B> B flush_input(B x, uint32_t& fpscr) {
  if (!(fpscr & kFZ) || !is_denormal(x)) return x;
  fpscr |= kIDC;
  return x & sign_bit<B>();
}

// FPConvertNaN: the sign, the quiet bit set, and the top bits of the payload below the quiet bit.
template <class To, class From> To convert_nan(From x) {
  constexpr int kFromBits = kFrac<From> - 1, kToBits = kFrac<To> - 1;
  uint64_t payload = uint64_t(x) & ((uint64_t(1) << kFromBits) - 1);
  payload = kToBits > kFromBits ? payload << (kToBits - kFromBits) : payload >> (kFromBits - kToBits);
  return To((sign_of(x) ? sign_bit<To>() : 0) | kDefaultNaN<To> | To(payload));
}

// FPProcessNaN: quieten a signalling NaN (IOC), or the default NaN under FPSCR.DN.
template <class B> B process_nan(B x, uint32_t& fpscr) {
  if (is_snan(x)) fpscr |= kIOC;
  return (fpscr & kDN) ? kDefaultNaN<B> : B(x | kQuiet<B>);
}

// FPProcessNaNs / FPProcessNaNs3: the first signalling NaN in operand order, else the first quiet NaN.
template <class B, class... More> std::optional<B> process_nans(uint32_t& fpscr, B first, More... more) {
  for (B x : {first, more...})
    if (is_snan(x)) return process_nan(x, fpscr);
  for (B x : {first, more...})
    if (is_nan(x)) return process_nan(x, fpscr);
  return std::nullopt;
}

// ---------------------------------------------------------------- the host environment

constexpr unsigned kHostInvalid = 1, kHostDivZero = 2, kHostOverflow = 4, kHostInexact = 8;

// The host floating-point environment for one operation: the rounding mode set, exception flags clear,
// flush-to-zero and denormals-are-zero off. x86-64 uses MXCSR directly (far cheaper than <cfenv>) and writes
// the host's control bits back only when they differ (the host's own sticky flags are not kept);
// other hosts save and restore the whole <cfenv> environment.
class HostEnv {
 public:
#if defined(__x86_64__)
  explicit HostEnv(Rounding r) : saved_(_mm_getcsr()) {
    static constexpr unsigned kRoundingControl[] = {0x0000, 0x4000, 0x2000, 0x6000};  // RN RP RM RZ (RC, 14:13)
    set_ = 0x1F80u | kRoundingControl[unsigned(r)];  // all exceptions masked, flags clear
    _mm_setcsr(set_);
  }
  ~HostEnv() {
    if ((saved_ & ~kFlagBits) != set_) _mm_setcsr(saved_);
  }
  unsigned flags() const {
    const unsigned m = _mm_getcsr();  // IE bit 0, ZE bit 2, OE bit 3, PE bit 5
    return (m & 1 ? kHostInvalid : 0) | (m & 4 ? kHostDivZero : 0) | (m & 8 ? kHostOverflow : 0) |
           (m & 32 ? kHostInexact : 0);
  }

 private:
  static constexpr unsigned kFlagBits = 0x3F;
  unsigned saved_, set_;
#else
  explicit HostEnv(Rounding r) {
    static constexpr int kModes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
    std::fegetenv(&saved_);
    std::fesetround(kModes[unsigned(r)]);
    std::feclearexcept(FE_ALL_EXCEPT);
  }
  ~HostEnv() { std::fesetenv(&saved_); }
  unsigned flags() const {
    const int e = std::fetestexcept(FE_ALL_EXCEPT);
    return (e & FE_INVALID ? kHostInvalid : 0) | (e & FE_DIVBYZERO ? kHostDivZero : 0) |
           (e & FE_OVERFLOW ? kHostOverflow : 0) | (e & FE_INEXACT ? kHostInexact : 0);
  }

 private:
  std::fenv_t saved_;
#endif
};

// Keeps the compiler from moving host arithmetic across the environment switch (GCC does not model the
// floating-point environment unless built with -frounding-math).
template <class T> T opaque(T v) {
  asm volatile("" : "+m"(v)::"memory");
  return v;
}

template <class H, class Op, class... Args> H run_host(Rounding r, unsigned& flags, Op op, Args... args) {
  HostEnv env(r);
  const H result = opaque(H(op(opaque(args)...)));
  flags = env.flags();
  return result;
}

// FPRound of what op computes on the host, in FPSCR's rounding mode, with ARM's flags (see the file comment).
template <class B, class Op, class... Args> B round_result(uint32_t& fpscr, Op op, Args... args) {
  using H = Host<B>;
  unsigned flags = 0;
  const H r = run_host<H>(fpscr_rounding(fpscr), flags, op, args...);
  if (flags & kHostInvalid) {
    fpscr |= kIOC;
    return kDefaultNaN<B>;
  }
  if (flags & kHostDivZero) fpscr |= kDZC;
  const bool inexact = flags & kHostInexact;
  const H magnitude = std::fabs(r), min_normal = std::numeric_limits<H>::min();
  bool tiny = magnitude < min_normal && (magnitude != 0 || inexact);
  if (magnitude == min_normal && inexact) {
    unsigned ignored = 0;
    tiny = std::fabs(run_host<H>(Rounding::kZero, ignored, op, args...)) < min_normal;
  }
  if (tiny && (fpscr & kFZ)) {
    fpscr |= kUFC;
    return bits_of<B>(r) & sign_bit<B>();
  }
  if (tiny && inexact) fpscr |= kUFC;
  if (flags & kHostOverflow) fpscr |= kOFC;
  if (inexact) fpscr |= kIXC;
  return bits_of<B>(r);
}

// The two-operand arithmetic shape: unpack (flush), NaNs, then the rounded host operation.
template <class B, class Op> B arith(uint32_t& fpscr, Op op, B a, B b) {
  a = flush_input(a, fpscr);
  b = flush_input(b, fpscr);
  if (auto nan = process_nans(fpscr, a, b)) return *nan;
  return round_result<B>(fpscr, op, host(a), host(b));
}

// Rounds to an integral value in any mode, exactly (no host rounding involved).
double round_integral(double v, Rounding r) {
  if (!std::isfinite(v)) return v;
  const double t = std::trunc(v), frac = std::fabs(v - t);
  if (frac == 0) return t;
  bool away = false;
  switch (r) {
    case Rounding::kNearest: away = frac > 0.5 || (frac == 0.5 && std::fmod(t, 2.0) != 0); break;
    case Rounding::kTiesAway: away = frac >= 0.5; break;
    case Rounding::kPlusInf: away = v > 0; break;
    case Rounding::kMinusInf: away = v < 0; break;
    case Rounding::kZero: break;
  }
  return away ? t + std::copysign(1.0, v) : t;
}

// FPRound to half precision (FPSCR.FZ does not apply to half precision; AHP has no infinities or NaNs and
// one more binade). v is finite and non-zero; the sign is the caller's.
uint16_t round_to_half(double v, bool ahp, Rounding mode, uint32_t& fpscr) {
  int e = 0;
  std::frexp(v, &e);
  const int exponent = e - 1;                            // |v| in [2^exponent, 2^(exponent+1))
  const int quantum = std::max(exponent, -14) - 10;      // weight of the last mantissa bit
  const double scaled = std::ldexp(v, -quantum);         // exact
  const double rounded = round_integral(scaled, mode);
  const bool inexact = rounded != scaled;
  double mant = std::fabs(rounded);
  int q = quantum;
  if (mant == 2048) {  // rounded up into the next binade
    mant = 1024;
    ++q;
  }
  const int biased = mant < 1024 ? 0 : q + 25;
  if (biased > (ahp ? 31 : 30)) {
    if (ahp) {  // saturate, Invalid Operation, no Inexact
      fpscr |= kIOC;
      return 0x7FFF;
    }
    fpscr |= kOFC | kIXC;
    const bool negative = v < 0;
    const bool to_inf = mode == Rounding::kNearest || (mode == Rounding::kPlusInf && !negative) ||
                        (mode == Rounding::kMinusInf && negative);
    return to_inf ? 0x7C00 : 0x7BFF;
  }
  if (exponent < -14 && inexact) fpscr |= kUFC;  // tiny before rounding
  if (inexact) fpscr |= kIXC;
  return uint16_t((biased << 10) | (unsigned(mant) & 0x3FF));
}

template <class B, bool kMax> B max_min_num(B a, B b, uint32_t& fpscr) {
  a = flush_input(a, fpscr);
  b = flush_input(b, fpscr);
  // FPMaxNum/FPMinNum: a quiet NaN facing a non-NaN (or a signalling NaN) becomes the losing infinity.
  const B losing_inf = kExpMask<B> | (kMax ? sign_bit<B>() : 0);
  if (is_qnan(a) && !is_qnan(b)) a = losing_inf;
  else if (is_qnan(b) && !is_qnan(a)) b = losing_inf;
  if (auto nan = process_nans(fpscr, a, b)) return *nan;
  if (is_zero(a) && is_zero(b)) return kMax ? (a & b) : (a | b);  // +0 is the larger of the two zeros
  return (kMax ? host(a) > host(b) : host(a) < host(b)) ? a : b;
}

}  // namespace

// ---------------------------------------------------------------- operations

template <class B> B fp_add(B a, B b, uint32_t& fpscr) {
  return arith(fpscr, [](auto x, auto y) { return x + y; }, a, b);
}
template <class B> B fp_sub(B a, B b, uint32_t& fpscr) {
  return arith(fpscr, [](auto x, auto y) { return x - y; }, a, b);
}
template <class B> B fp_mul(B a, B b, uint32_t& fpscr) {
  return arith(fpscr, [](auto x, auto y) { return x * y; }, a, b);
}
template <class B> B fp_div(B a, B b, uint32_t& fpscr) {
  return arith(fpscr, [](auto x, auto y) { return x / y; }, a, b);
}

template <class B> B fp_sqrt(B a, uint32_t& fpscr) {
  a = flush_input(a, fpscr);
  if (is_nan(a)) return process_nan(a, fpscr);
  return round_result<B>(fpscr, [](auto x) { return std::sqrt(x); }, host(a));
}

template <class B> B fp_mul_add(B addend, B op1, B op2, uint32_t& fpscr) {
  addend = flush_input(addend, fpscr);
  op1 = flush_input(op1, fpscr);
  op2 = flush_input(op2, fpscr);
  if (auto nan = process_nans(fpscr, addend, op1, op2)) {
    // FPMulAdd: a quiet NaN addend does not hide the invalid infinity * zero product.
    const bool inf_times_zero = (is_inf(op1) && is_zero(op2)) || (is_zero(op1) && is_inf(op2));
    if (is_qnan(addend) && inf_times_zero) {
      fpscr |= kIOC;
      return kDefaultNaN<B>;
    }
    return *nan;
  }
  return round_result<B>(fpscr, [](auto a, auto x, auto y) { return std::fma(x, y, a); }, host(addend),
                         host(op1), host(op2));
}

template <class B> uint32_t fp_compare(B a, B b, bool signal_nans, uint32_t& fpscr) {
  a = flush_input(a, fpscr);
  b = flush_input(b, fpscr);
  if (is_nan(a) || is_nan(b)) {
    if (signal_nans || is_snan(a) || is_snan(b)) fpscr |= kIOC;
    return 0b0011;
  }
  return host(a) == host(b) ? 0b0110 : host(a) < host(b) ? 0b1000 : 0b0010;
}

template <class B> B fp_max_num(B a, B b, uint32_t& fpscr) { return max_min_num<B, true>(a, b, fpscr); }
template <class B> B fp_min_num(B a, B b, uint32_t& fpscr) { return max_min_num<B, false>(a, b, fpscr); }

template <class B> B fp_round_int(B a, Rounding r, bool exact, uint32_t& fpscr) {
  a = flush_input(a, fpscr);
  if (is_nan(a)) return process_nan(a, fpscr);
  if (is_inf(a) || is_zero(a)) return a;
  const double v = double(host(a));
  const double result = round_integral(v, r);  // a zero keeps the operand's sign
  if (exact && result != v) fpscr |= kIXC;
  return bits_of<B>(Host<B>(result));
}

template <class B>
uint32_t fp_to_fixed(B a, unsigned size, unsigned frac_bits, bool is_unsigned, Rounding r, uint32_t& fpscr) {
  a = flush_input(a, fpscr);
  double v = 0;  // a NaN converts as zero (FPUnpack's value), with Invalid Operation
  if (is_nan(a)) fpscr |= kIOC;
  else v = std::ldexp(double(host(a)), int(frac_bits));
  const double rounded = round_integral(v, r);
  const double lo = is_unsigned ? 0.0 : -std::ldexp(1.0, int(size) - 1);
  const double hi = std::ldexp(1.0, int(size) - (is_unsigned ? 0 : 1)) - 1;
  if (rounded < lo || rounded > hi) {
    fpscr |= kIOC;
    return uint32_t(int64_t(rounded < lo ? lo : hi));
  }
  if (rounded != v) fpscr |= kIXC;
  return uint32_t(int64_t(rounded));
}

template <class B> B fixed_to_fp(uint32_t x, unsigned size, unsigned frac_bits, bool is_unsigned, uint32_t& fpscr) {
  const unsigned unused = 32 - size;
  const double integer = is_unsigned ? double((x << unused) >> unused) : double(int32_t(x << unused) >> unused);
  const double value = std::ldexp(integer, -int(frac_bits));  // exact
  if (value == 0) return 0;  // FPZero('0')
  return round_result<B>(fpscr, [](double d) { return Host<B>(d); }, value);
}

template <class To, class From> To fp_convert(From a, uint32_t& fpscr) {
  a = flush_input(a, fpscr);
  if (is_nan(a)) {
    if (is_snan(a)) fpscr |= kIOC;
    return (fpscr & kDN) ? kDefaultNaN<To> : convert_nan<To>(a);
  }
  return round_result<To>(fpscr, [](Host<From> x) { return Host<To>(x); }, host(a));
}

template <class B> B half_to_fp(uint16_t h, uint32_t& fpscr) {
  const bool ahp = fpscr & kAHP;
  if (!ahp && is_nan(h)) {
    if (is_snan(h)) fpscr |= kIOC;
    return (fpscr & kDN) ? kDefaultNaN<B> : convert_nan<B>(h);
  }
  const B sign = sign_of(h) ? sign_bit<B>() : 0;
  if (!ahp && is_inf(h)) return sign | kExpMask<B>;
  const int exp = (h >> 10) & 31, frac = h & 0x3FF;  // exponent 31 is a normal binade under AHP
  const double magnitude = exp == 0 ? std::ldexp(frac, -24) : std::ldexp(frac | 0x400, exp - 25);  // exact
  return sign | bits_of<B>(Host<B>(magnitude));
}

template <class B> uint16_t fp_to_half(B a, uint32_t& fpscr) {
  a = flush_input(a, fpscr);
  const bool ahp = fpscr & kAHP;
  const uint16_t sign = sign_of(a) ? 0x8000 : 0;
  if (is_nan(a)) {
    if (ahp || is_snan(a)) fpscr |= kIOC;
    if (ahp) return sign;  // no NaNs in the alternative format: a zero of the NaN's sign
    return (fpscr & kDN) ? kDefaultNaN<uint16_t> : convert_nan<uint16_t>(a);
  }
  if (is_inf(a)) {
    if (!ahp) return sign | 0x7C00;
    fpscr |= kIOC;
    return sign | 0x7FFF;
  }
  if (is_zero(a)) return sign;
  return sign | round_to_half(double(host(a)), ahp, fpscr_rounding(fpscr), fpscr);
}

#define MCUPROF_FP_INSTANTIATE(B)                                                                          \
  template B fp_add<B>(B, B, uint32_t&);                                                                  \
  template B fp_sub<B>(B, B, uint32_t&);                                                                  \
  template B fp_mul<B>(B, B, uint32_t&);                                                                  \
  template B fp_div<B>(B, B, uint32_t&);                                                                  \
  template B fp_sqrt<B>(B, uint32_t&);                                                                    \
  template B fp_mul_add<B>(B, B, B, uint32_t&);                                                           \
  template uint32_t fp_compare<B>(B, B, bool, uint32_t&);                                                 \
  template B fp_max_num<B>(B, B, uint32_t&);                                                              \
  template B fp_min_num<B>(B, B, uint32_t&);                                                              \
  template B fp_round_int<B>(B, Rounding, bool, uint32_t&);                                               \
  template uint32_t fp_to_fixed<B>(B, unsigned, unsigned, bool, Rounding, uint32_t&);                     \
  template B fixed_to_fp<B>(uint32_t, unsigned, unsigned, bool, uint32_t&);                               \
  template B half_to_fp<B>(uint16_t, uint32_t&);                                                          \
  template uint16_t fp_to_half<B>(B, uint32_t&);
MCUPROF_FP_INSTANTIATE(uint32_t)
MCUPROF_FP_INSTANTIATE(uint64_t)
#undef MCUPROF_FP_INSTANTIATE
template uint64_t fp_convert<uint64_t, uint32_t>(uint32_t, uint32_t&);
template uint32_t fp_convert<uint32_t, uint64_t>(uint64_t, uint32_t&);

}  // namespace mcuprof::fp
