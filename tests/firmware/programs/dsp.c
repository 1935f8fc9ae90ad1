// dsp: the SIMD side of the DSP extension (ARMv7-M ARM A4.4, A7.7): parallel add/subtract in all six flavours
// (signed/unsigned with GE flags, saturating, halving) on bytes and halfwords including the exchange forms, SEL
// on the GE flags, SXTB16/UXTB16 and the extend-and-add forms with rotation, PKHBT/PKHTB; then the same
// operations the way a kernel writes them, through ACLE intrinsics (__qadd8, __smlad, __sxtb16, __usub8+__sel,
// __ssat, __usat) and inline-assembly PKHBT.
#include <stdint.h>
#include <stdio.h>

#include "opcheck.h"

#define PARALLEL_OPS(X, pre)                                      \
  X(pre##add16, #pre "add16 %[d], %[a], %[b]")                    \
  X(pre##sub16, #pre "sub16 %[d], %[a], %[b]")                    \
  X(pre##asx, #pre "asx %[d], %[a], %[b]")                        \
  X(pre##sax, #pre "sax %[d], %[a], %[b]")                        \
  X(pre##add8, #pre "add8 %[d], %[a], %[b]")                      \
  X(pre##sub8, #pre "sub8 %[d], %[a], %[b]")
#define DSP_OPS(X)                                                \
  PARALLEL_OPS(X, s)                                              \
  PARALLEL_OPS(X, q)                                              \
  PARALLEL_OPS(X, sh)                                             \
  PARALLEL_OPS(X, u)                                              \
  PARALLEL_OPS(X, uq)                                             \
  PARALLEL_OPS(X, uh)                                             \
  X(sel, "sel %[d], %[a], %[b]")                                  \
  X(sxtb16, "sxtb16 %[d], %[a]")                                  \
  X(sxtb16_ror8, "sxtb16 %[d], %[a], ror #8")                     \
  X(uxtb16_ror24, "uxtb16 %[d], %[a], ror #24")                   \
  X(sxtab16, "sxtab16 %[d], %[a], %[b]")                          \
  X(uxtab16_ror16, "uxtab16 %[d], %[a], %[b], ror #16")           \
  X(sxtah_ror8, "sxtah %[d], %[a], %[b], ror #8")                 \
  X(uxtab_ror24, "uxtab %[d], %[a], %[b], ror #24")               \
  X(sxtb_ror16, "sxtb %[d], %[a], ror #16")                       \
  X(uxth_ror8, "uxth %[d], %[a], ror #8")                         \
  X(pkhbt, "pkhbt %[d], %[a], %[b], lsl #8")                      \
  X(pkhtb, "pkhtb %[d], %[a], %[b], asr #16")

#ifndef __arm__
enum par_kind { ADD, SUB, ASX, SAX };
enum par_mode { MODAL_GE, SATURATE, HALVE };
// A7.7 parallel add/subtract: each lane computed wide, then wrapped (setting GE), saturated or halved.
// ASX: low lane a.lo - b.hi, high lane a.hi + b.lo; SAX the other way round.
static op_out parallel(uint32_t a, uint32_t b, uint32_t c, uint32_t f, unsigned w, int sign, enum par_mode mode,
                       enum par_kind kind) {
  uint32_t d = 0, ge = 0, q_unused = 0;
  int exchange = kind == ASX || kind == SAX;
  for (unsigned i = 0; i < 32 / w; i++) {
    unsigned j = exchange ? 1 - i : i;
    int32_t x = sign ? slane(a, w, i) : (int32_t)lane(a, w, i);
    int32_t y = sign ? slane(b, w, j) : (int32_t)lane(b, w, j);
    int subtract = kind == SUB || (kind == ASX && i == 0) || (kind == SAX && i == 1);
    int32_t v = subtract ? x - y : x + y;
    int ge_lane = sign || subtract ? v >= 0 : v >= (1 << w);
    if (mode == SATURATE) v = sign ? signed_sat_q(v, w, &q_unused) : (int32_t)unsigned_sat_q(v, w, &q_unused);
    if (mode == HALVE) v >>= 1;
    d |= ((uint32_t)v & ((1u << w) - 1)) << (w * i);
    if (ge_lane) ge |= (w == 8 ? 1u : 3u) << (i * w / 8);
  }
  return out1(c, d, mode == MODAL_GE ? (f & ~APSR_GE_MASK) | APSR_GE(ge) : f);
}
#define PARALLEL_REFS(pre, sign, mode)                                                                           \
  static op_out ref_##pre##add16(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return parallel(a, b, c, f, 16, sign, mode, ADD); } \
  static op_out ref_##pre##sub16(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return parallel(a, b, c, f, 16, sign, mode, SUB); } \
  static op_out ref_##pre##asx(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return parallel(a, b, c, f, 16, sign, mode, ASX); }   \
  static op_out ref_##pre##sax(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return parallel(a, b, c, f, 16, sign, mode, SAX); }   \
  static op_out ref_##pre##add8(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return parallel(a, b, c, f, 8, sign, mode, ADD); }   \
  static op_out ref_##pre##sub8(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return parallel(a, b, c, f, 8, sign, mode, SUB); }
PARALLEL_REFS(s, 1, MODAL_GE)
PARALLEL_REFS(q, 1, SATURATE)
PARALLEL_REFS(sh, 1, HALVE)
PARALLEL_REFS(u, 0, MODAL_GE)
PARALLEL_REFS(uq, 0, SATURATE)
PARALLEL_REFS(uh, 0, HALVE)

static uint32_t sel_bytes(uint32_t a, uint32_t b, uint32_t ge) {   // A7.7 SEL
  uint32_t d = 0;
  for (unsigned i = 0; i < 4; i++) d |= (((ge >> i) & 1) ? a : b) & (0xFFu << (8 * i));
  return d;
}
// A7.7.* extend (and add): bytes 0 and 2 of the rotated operand, each extended to a halfword.
static uint32_t xtb16(uint32_t x, int sign) {
  uint32_t lo = sign ? (uint32_t)sext(x, 8) : (x & 0xFF), hi = sign ? (uint32_t)sext(x >> 16, 8) : ((x >> 16) & 0xFF);
  return (lo & 0xFFFF) | (hi << 16);
}
static uint32_t add16(uint32_t x, uint32_t y) { return ((x + y) & 0xFFFF) | (((x >> 16) + (y >> 16)) << 16); }
static op_out ref_sel(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, sel_bytes(a, b, f >> 16), f); }
static op_out ref_sxtb16(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return out1(c, xtb16(a, 1), f); }
static op_out ref_sxtb16_ror8(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return out1(c, xtb16(ror32(a, 8), 1), f); }
static op_out ref_uxtb16_ror24(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return out1(c, xtb16(ror32(a, 24), 0), f); }
static op_out ref_sxtab16(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, add16(a, xtb16(b, 1)), f); }
static op_out ref_uxtab16_ror16(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, add16(a, xtb16(ror32(b, 16), 0)), f); }
static op_out ref_sxtah_ror8(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, a + (uint32_t)sext(ror32(b, 8), 16), f); }
static op_out ref_uxtab_ror24(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, a + (ror32(b, 24) & 0xFF), f); }
static op_out ref_sxtb_ror16(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return out1(c, (uint32_t)sext(a >> 16, 8), f); }
static op_out ref_uxth_ror8(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return out1(c, ror32(a, 8) & 0xFFFF, f); }
static op_out ref_pkhbt(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, (a & 0xFFFF) | ((b << 8) & 0xFFFF0000u), f); }
static op_out ref_pkhtb(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, (a & 0xFFFF0000u) | (b >> 16), f); }
#endif

DSP_OPS(OP_DEFINE)
static const op_entry dsp_ops[] = {DSP_OPS(OP_ENTRY)};

// ---- the ACLE intrinsics a kernel uses (host: the references above) ----
#if defined(__arm__)
#include <arm_acle.h>
#define QADD8(a, b) __qadd8(a, b)
#define SMLAD(a, b, acc) __smlad(a, b, acc)
#define SXTB16(a) __sxtb16(a)
#define MAX_U8(a, b) (__usub8(a, b), __sel(a, b))
#define SSAT8(x) __ssat(x, 8)
#define USAT8(x) __usat(x, 8)
static inline uint32_t pkhbt16(uint32_t lo, uint32_t hi) {   // no ACLE intrinsic for PKHBT (toolchain.md)
  uint32_t d;
  __asm("pkhbt %0, %1, %2, lsl #16" : "=r"(d) : "r"(lo), "r"(hi));
  return d;
}
#else
#define QADD8(a, b) ref_qadd8(a, b, 0, 0).d
#define SMLAD(a, b, acc) ((int32_t)ref_smlad_acle(a, b, (uint32_t)(acc)))
#define SXTB16(a) xtb16(a, 1)
#define MAX_U8(a, b) sel_bytes(a, b, ref_usub8(a, b, 0, 0).apsr >> 16)
#define SSAT8(x) signed_sat_q(x, 8, &(uint32_t){0})
#define USAT8(x) (int32_t)unsigned_sat_q(x, 8, &(uint32_t){0})
static uint32_t ref_smlad_acle(uint32_t a, uint32_t b, uint32_t acc) {
  return acc + (uint32_t)(sext(a, 16) * sext(b, 16)) + (uint32_t)(sext(a >> 16, 16) * sext(b >> 16, 16));
}
static uint32_t pkhbt16(uint32_t lo, uint32_t hi) { return (lo & 0xFFFF) | (hi << 16); }
#endif

#define N_WORDS 64
static uint32_t lcg_state = 12345;
static uint32_t lcg(void) { return lcg_state = lcg_state * 1664525u + 1013904223u; }

int main(void) {
  printf("dsp: %d ops\n", opcheck_run(dsp_ops, OPCHECK_COUNT(dsp_ops)));
  uint32_t x[N_WORDS], w[N_WORDS];
  for (int i = 0; i < N_WORDS; i++) x[i] = lcg(), w[i] = lcg();
  uint32_t sums = 0, maxes = 0, packed = 0;
  int32_t acc = 0, requant = 0;
  for (int i = 0; i < N_WORDS; i++) {
    sums = sums * 31 + QADD8(x[i], w[i]);
    maxes = maxes * 31 + MAX_U8(x[i], w[i]);
    // CMSIS-NN's shape: four int8 of each operand widened into two halfword pairs, two dual multiplies.
    acc = SMLAD(SXTB16(x[i]), SXTB16(w[i]), acc);
    acc = SMLAD(SXTB16(ror32(x[i], 8)), SXTB16(ror32(w[i], 8)), acc);
    requant += SSAT8(acc >> 9) + USAT8(acc >> 11);
    packed = packed * 31 + pkhbt16((uint32_t)acc, x[i]);
  }
  printf("qadd8 %08" PRIx32 " max %08" PRIx32 " smlad %" PRId32 " sat %" PRId32 " pkh %08" PRIx32 "\n", sums,
         maxes, acc, requant, packed);
  return 0;
}
