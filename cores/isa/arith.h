// Shared pseudocode helpers of the ARMv7-M ARM (DDI 0403E): section A2.2 (integer arithmetic, shifts,
// saturation) and A5.3.2 (ThumbExpandImm). Every instruction family builds on these.
#pragma once
#include <cstdint>

namespace mcuprof {

enum SRType : uint8_t { kLSL = 0, kLSR = 1, kASR = 2, kROR = 3, kRRX = 4 };

inline uint32_t bits(uint32_t x, unsigned hi, unsigned lo) { return (x >> lo) & ((hi - lo == 31) ? ~0u : ((1u << (hi - lo + 1)) - 1)); }
inline uint32_t bit(uint32_t x, unsigned n) { return (x >> n) & 1u; }
inline int32_t sign_extend(uint32_t x, unsigned width) {
  uint32_t m = 1u << (width - 1);
  x &= (width == 32) ? ~0u : ((1u << width) - 1);
  return static_cast<int32_t>((x ^ m) - m);
}
inline uint32_t ror32(uint32_t x, unsigned n) { n &= 31; return n ? (x >> n) | (x << (32 - n)) : x; }

struct ResultCarry { uint32_t value; bool carry; };
struct AddResult { uint32_t value; bool carry; bool overflow; };

// A2.2.1 AddWithCarry
inline AddResult add_with_carry(uint32_t x, uint32_t y, bool carry_in) {
  uint64_t usum = uint64_t(x) + uint64_t(y) + carry_in;
  int64_t ssum = int64_t(int32_t(x)) + int64_t(int32_t(y)) + carry_in;
  uint32_t r = uint32_t(usum);
  return {r, (usum >> 32) != 0, int64_t(int32_t(r)) != ssum};
}

// A2.2.1 Shift_C for amounts decided at decode (imm) or run time (register, bottom byte).
inline ResultCarry shift_c(uint32_t value, SRType type, unsigned amount, bool carry_in) {
  if (amount == 0 && type != kRRX) return {value, carry_in};
  switch (type) {
    case kLSL:
      if (amount >= 33) return {0, false};
      if (amount == 32) return {0, bool(value & 1)};
      return {value << amount, bool((value >> (32 - amount)) & 1)};
    case kLSR:
      if (amount >= 33) return {0, false};
      if (amount == 32) return {0, bool(value >> 31)};
      return {value >> amount, bool((value >> (amount - 1)) & 1)};
    case kASR:
      if (amount >= 32) return {uint32_t(int32_t(value) >> 31), bool(value >> 31)};
      return {uint32_t(int32_t(value) >> amount), bool((value >> (amount - 1)) & 1)};
    case kROR: {
      uint32_t r = ror32(value, amount);
      return {r, bool(r >> 31)};
    }
    case kRRX:
      return {(uint32_t(carry_in) << 31) | (value >> 1), bool(value & 1)};
  }
  return {value, carry_in};
}
inline uint32_t shift(uint32_t value, SRType type, unsigned amount, bool carry_in) {
  return shift_c(value, type, amount, carry_in).value;
}

// A7.4.2 DecodeImmShift: (type, imm5) of an encoding to the shift actually applied.
struct ImmShift { SRType type; uint8_t amount; };
inline ImmShift decode_imm_shift(uint32_t type, uint32_t imm5) {
  switch (type & 3) {
    case 0: return {kLSL, uint8_t(imm5)};
    case 1: return {kLSR, uint8_t(imm5 == 0 ? 32 : imm5)};
    case 2: return {kASR, uint8_t(imm5 == 0 ? 32 : imm5)};
    default: return imm5 == 0 ? ImmShift{kRRX, 1} : ImmShift{kROR, uint8_t(imm5)};
  }
}

// A5.3.2 ThumbExpandImm_C. `carry_valid` is false when the carry out equals carry_in (no rotation):
// decoders store the expanded value in Inst::imm and whether/what carry it produces in a flag.
struct ExpandedImm { uint32_t value; bool rotated; bool carry; bool unpredictable; };
inline ExpandedImm thumb_expand_imm(uint32_t imm12) {
  if (bits(imm12, 11, 10) == 0) {
    uint32_t b = bits(imm12, 7, 0);
    switch (bits(imm12, 9, 8)) {
      case 0: return {b, false, false, false};
      case 1: return {(b << 16) | b, false, false, b == 0};
      case 2: return {(b << 24) | (b << 8), false, false, b == 0};
      default: return {(b << 24) | (b << 16) | (b << 8) | b, false, false, b == 0};
    }
  }
  uint32_t unrotated = 0x80 | bits(imm12, 6, 0);
  uint32_t v = ror32(unrotated, bits(imm12, 11, 7));
  return {v, true, bool(v >> 31), false};
}

// A2.2.3 saturation. `sat` tells whether the value was clipped (it sets Q).
struct SatResult { uint32_t value; bool sat; };
inline SatResult signed_sat_q(int64_t i, unsigned n) {  // n in 1..32
  int64_t hi = (int64_t(1) << (n - 1)) - 1, lo = -(int64_t(1) << (n - 1));
  if (i > hi) return {uint32_t(hi), true};
  if (i < lo) return {uint32_t(lo), true};
  return {uint32_t(i), false};
}
inline SatResult unsigned_sat_q(int64_t i, unsigned n) {  // n in 0..31
  int64_t hi = (int64_t(1) << n) - 1;
  if (i > hi) return {uint32_t(hi), true};
  if (i < 0) return {0, true};
  return {uint32_t(i), false};
}

}  // namespace mcuprof
