/* The two weight formats of the MAC kernels (depthwise.c, fully_connected.c), read the way their SIMD loops consume
 * them: four weights from flat element e (any alignment) as halfword pairs *even = (w0, w2), *odd = (w1, w3) — the
 * pairing SXTB16 / SXTB16 ROR #8 give — and one weight. int8: one 4-byte load; int4 (packed, kernels/reference/int4.h):
 * the two or three bytes holding the nibbles, spread into lanes. The kernels take these as constant function pointers
 * into always-inline loops, so each kernel is compiled with its own format's loads (one loop, two formats). */
#ifndef MCUPROF_MK_WEIGHTS_H
#define MCUPROF_MK_WEIGHTS_H
#include "mk_dsp.h"

typedef void (*mk_weights4_fn)(uint32_t weights, uint32_t e, uint32_t *even, uint32_t *odd);
typedef int32_t (*mk_weight1_fn)(uint32_t weights, uint32_t e);

static inline void mk_s8_weights4(uint32_t weights, uint32_t e, uint32_t *even, uint32_t *odd) {
  const uint32_t w = mk_read_s8x4((const int8_t *)weights + e);
  *even = (uint32_t)__sxtb16((int32_t)w);
  *odd = mk_sxtb16_ror8(w);
}
static inline int32_t mk_s8_weight1(uint32_t weights, uint32_t e) { return ((const int8_t *)weights)[e]; }

/* int4 weights + 8, unsigned 0..15 in the lanes: a nibble n is w & 15, so w + 8 is n ^ 8 (one EOR for four). */
static inline void mk_s4_biased_weights4(uint32_t weights, uint32_t e, uint32_t *even, uint32_t *odd) {
  mk_int4x4_spread(mk_int4x4_at((const uint8_t *)weights, e) ^ 0x8888u, even, odd);
}
/* ... and 8 taken off each lane again (SSUB16 keeps the lanes apart). */
static inline void mk_s4_weights4(uint32_t weights, uint32_t e, uint32_t *even, uint32_t *odd) {
  mk_s4_biased_weights4(weights, e, even, odd);
  *even = (uint32_t)__ssub16((int32_t)*even, (int32_t)0x00080008);
  *odd = (uint32_t)__ssub16((int32_t)*odd, (int32_t)0x00080008);
}
static inline int32_t mk_s4_weight1(uint32_t weights, uint32_t e) { return mk_int4_at((const uint8_t *)weights, e); }

/* Eight weights from flat element e as two groups of four, even[0]/odd[0] for e..e+3 and even[1]/odd[1] for e+4..e+7:
 * the fully connected loop's step (one word of int4 instead of two halfwords). */
typedef void (*mk_weights8_fn)(uint32_t weights, uint32_t e, uint32_t even[2], uint32_t odd[2]);

static inline void mk_s8_weights8(uint32_t weights, uint32_t e, uint32_t even[2], uint32_t odd[2]) {
  mk_s8_weights4(weights, e, &even[0], &odd[0]);
  mk_s8_weights4(weights, e + 4, &even[1], &odd[1]);
}
static inline void mk_s4_biased_weights8(uint32_t weights, uint32_t e, uint32_t even[2], uint32_t odd[2]) {
  const uint32_t v = mk_int4x8_at((const uint8_t *)weights, e) ^ 0x88888888u;
  mk_int4x4_spread(v & 0xFFFFu, &even[0], &odd[0]);
  mk_int4x4_spread(v >> 16, &even[1], &odd[1]);
}

#endif
