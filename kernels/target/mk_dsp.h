/* The DSP building blocks of the target kernels (ARMv7E-M, DDI 0403E A7.7: SXTB16, SMLAD, PKHBT/PKHTB, SSAT) and the
 * requantisation every int8 kernel ends with, bit-exact with kernels/reference/requantize.h. GCC 12's <arm_acle.h>
 * provides __sxtb16/__smlad/__ssat but neither SXTB16 with ROR #8 nor PKHBT/PKHTB (toolchain.md): one line of inline
 * assembly each. */
#ifndef MCUPROF_MK_DSP_H
#define MCUPROF_MK_DSP_H
#include <arm_acle.h>
#include <stdint.h>
#include <string.h>

/* A word of four int8 at any alignment (one LDR: v7-M loads words unaligned, the compiler keeps memcpy inline). */
static inline uint32_t mk_read_s8x4(const int8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}
static inline void mk_write_s8x4(int8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static inline uint32_t mk_read_s16x2(const int16_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}
static inline void mk_write_s16x2(int16_t *p, uint32_t v) { memcpy(p, &v, 4); }

/* Bytes 1 and 3 sign-extended to halfwords: SXTB16 with its rotation folded in. */
static inline uint32_t mk_sxtb16_ror8(uint32_t x) {
  uint32_t r;
  __asm("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
  return r;
}
/* Bottom halfword of a, top halfword of b << 16 (PKHBT Rd, Ra, Rb, LSL #16). */
static inline uint32_t mk_pkhbt16(uint32_t a, uint32_t b) {
  uint32_t r;
  __asm("pkhbt %0, %1, %2, lsl #16" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
/* Top halfword of a, bottom halfword of b >> 16 (PKHTB Rd, Ra, Rb, ASR #16). */
static inline uint32_t mk_pkhtb16(uint32_t a, uint32_t b) {
  uint32_t r;
  __asm("pkhtb %0, %1, %2, asr #16" : "=r"(r) : "r"(a), "r"(b));
  return r;
}

/* round(a * b / 2^31), ties towards +infinity: the saturating rounding doubling high multiply for b a requantisation
 * multiplier (b in [2^30, 2^31) or 0, so the one saturating case a == b == INT32_MIN cannot occur). SMULL + add. */
static inline int32_t mk_doubling_high_mul(int32_t a, int32_t b) {
  return (int32_t)(((int64_t)a * b + (1ll << 30)) >> 31);
}

/* x / 2^exponent rounded to nearest, ties away from zero (exponent 0..31). */
static inline int32_t mk_divide_by_pot(int32_t x, int32_t exponent) {
  const int32_t mask = (int32_t)((1ull << exponent) - 1u);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0);
  return (x >> exponent) + (remainder > threshold);
}

/* acc x multiplier x 2^shift as kernels/reference/requantize.h multiply_by_quantized_multiplier: a positive shift
 * shifts the accumulator left first (wrapping), a negative one divides the product after. */
static inline int32_t mk_requantize(int32_t acc, int32_t multiplier, int32_t shift) {
  const int32_t left = shift > 0 ? shift : 0;
  const int32_t right = shift > 0 ? 0 : -shift;
  return mk_divide_by_pot(mk_doubling_high_mul((int32_t)((uint32_t)acc << left), multiplier), right);
}

static inline int32_t mk_clamp(int32_t v, int32_t lo, int32_t hi) { return v < lo ? lo : v > hi ? hi : v; }

/* An int4 value from a packed tensor (element i: byte i/2, low nibble for even i), sign-extended. */
static inline int32_t mk_int4_at(const uint8_t *packed, uint32_t i) {
  const int32_t byte = packed[i >> 1];
  return ((int32_t)((uint32_t)(i & 1 ? byte >> 4 : byte) << 28)) >> 28;
}

/* SXTAB16 with ROR #8: a + bytes 1 and 3 of x sign-extended, per halfword (the odd half of four int8 widened with an
 * offset; __sxtab16 gives the even half). */
static inline uint32_t mk_sxtab16_ror8(uint32_t a, uint32_t x) {
  uint32_t r;
  __asm("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(x));
  return r;
}

/* Four int4 values of a packed tensor from element i (either parity) as n0 | n1 << 4 | n2 << 8 | n3 << 12, reading only
 * the bytes that hold them (a halfword, and one more byte when i is odd). */
static inline uint32_t mk_int4x4_at(const uint8_t *packed, uint32_t i) {
  const uint8_t *b = packed + (i >> 1);
  uint16_t lo;
  memcpy(&lo, b, 2);
  if (!(i & 1)) return lo;
  return ((lo | (uint32_t)b[2] << 16) >> 4) & 0xFFFFu;
}

/* Eight int4 values from element i (either parity) as n0 | n1 << 4 | ... | n7 << 28, reading only the bytes that hold
 * them (a word, and one more byte when i is odd). */
static inline uint32_t mk_int4x8_at(const uint8_t *packed, uint32_t i) {
  const uint8_t *b = packed + (i >> 1);
  uint32_t w;
  memcpy(&w, b, 4);
  if (!(i & 1)) return w;
  return w >> 4 | (uint32_t)b[4] << 28;
}

/* Such a group's nibbles, unsigned (0..15), into halfword lanes as SXTB16 pairs int8: *even = (n0, n2), *odd = (n1, n3).
 * v < 2^16: v | v << 8 puts n2 at bit 16 and n3 at bit 20 while n0 and n1 stay at bits 0 and 4. */
static inline void mk_int4x4_spread(uint32_t v, uint32_t *even, uint32_t *odd) {
  const uint32_t t = v | v << 8;
  *even = t & 0x000F000Fu;
  *odd = (t >> 4) & 0x000F000Fu;
}

#endif
