/* MK_FULLY_CONNECTED_S8, MK_FULLY_CONNECTED_W4A8: vector x matrix in the shape of CMSIS-NN's DSP vec_mat_mult
 * (../shared/reference/models.md "How the de-facto MCU runtime computes them"): two rows (outputs) at a time, eight
 * inputs per step; per four inputs one 4-byte load widened once with the input offset (SXTAB16, SXTAB16 ROR #8) into
 * the pairs (x0, x2), (x1, x3), and per row one weight load widened into the matching pairs and two SMLADs (DDI 0403E
 * A7.7: two 16x16 products summed into the row's accumulator). Inputs past the last multiple of eight one at a time; an
 * odd last row runs the pair loop paired with itself. Per-tensor requantisation, output offset, clamp. int4 weights
 * (packed across the whole [out][in] tensor, so with an odd in_features every other row starts mid-byte): one word
 * holds a step's eight weights of a row; the loop reads each weight as the unsigned u = w + 8 (no per-lane sign step)
 * and every row's sum starts at -8 x (sum of the widened inputs the loop covers), the same for all rows: sum x*w = sum
 * x*u - 8 sum x, exact modulo 2^32. Accumulation wraps modulo 2^32 like the reference; the bias starts the sum, the
 * same modulo 2^32. */
#include "mk_dsp.h"
#include "mk_kernels.h"
#include "mk_weights.h"

static inline int32_t fc_bias(const struct mk_fully_connected *p, int32_t o) {
  return p->bias ? ((const int32_t *)p->bias)[o] : 0;
}

static inline int8_t fc_output(const struct mk_fully_connected *p, uint32_t acc) {
  const int32_t q = mk_requantize((int32_t)acc, p->multiplier, p->shift);
  return (int8_t)mk_clamp(q + p->output_offset, p->act_min, p->act_max);
}

/* Four inputs from k widened once with the offset, and their MACs into two rows' sums with four weights of each. */
static inline __attribute__((always_inline)) void fc_mac4x2(const int8_t *in, uint32_t offset2, uint32_t even0,
                                                            uint32_t odd0, uint32_t even1, uint32_t odd1, uint32_t *a0,
                                                            uint32_t *a1) {
  const uint32_t x = mk_read_s8x4(in);
  const int32_t x02 = __sxtab16((int32_t)offset2, (int32_t)x), x13 = (int32_t)mk_sxtab16_ror8(offset2, x);
  *a0 = (uint32_t)__smlad((int32_t)even0, x02, (int32_t)*a0);
  *a0 = (uint32_t)__smlad((int32_t)odd0, x13, (int32_t)*a0);
  *a1 = (uint32_t)__smlad((int32_t)even1, x02, (int32_t)*a1);
  *a1 = (uint32_t)__smlad((int32_t)odd1, x13, (int32_t)*a1);
}

/* Every row, eight inputs per step (two widenings of four); `start` is added to each row's sum (the int4 correction,
 * 0 for int8). Always inlined so each kernel gets its weight format's loads. The descriptor is copied first: as far as
 * the compiler knows the output's byte stores could alias *flash_p, so it would re-read fields from flash after each.
 */
static inline __attribute__((always_inline)) void fc_rows(const struct mk_fully_connected *flash_p,
                                                          mk_weights8_fn weights8, mk_weight1_fn weight1,
                                                          uint32_t start) {
  const struct mk_fully_connected params = *flash_p, *p = &params;
  const int32_t n = p->in_features, n8 = n & ~7, rows = p->out_features;
  const int8_t *in = (const int8_t *)p->input;
  int8_t *out = (int8_t *)p->output;
  const uint32_t offset2 = ((uint32_t)p->input_offset & 0xFFFFu) * 0x10001u;
  for (int32_t o = 0; o < rows; o += 2) {
    const int32_t o1 = o + 1 < rows ? o + 1 : o;
    const uint32_t e0 = (uint32_t)(o * n), e1 = (uint32_t)(o1 * n);
    uint32_t a0 = start + (uint32_t)fc_bias(p, o), a1 = start + (uint32_t)fc_bias(p, o1);
    int32_t k = 0;
    for (; k < n8; k += 8) {
      uint32_t even0[2], odd0[2], even1[2], odd1[2];
      weights8(p->weights, e0 + (uint32_t)k, even0, odd0);
      weights8(p->weights, e1 + (uint32_t)k, even1, odd1);
      fc_mac4x2(in + k, offset2, even0[0], odd0[0], even1[0], odd1[0], &a0, &a1);
      fc_mac4x2(in + k + 4, offset2, even0[1], odd0[1], even1[1], odd1[1], &a0, &a1);
    }
    for (; k < n; ++k) {
      const int32_t x = in[k] + p->input_offset;
      a0 += (uint32_t)(x * weight1(p->weights, e0 + (uint32_t)k));
      a1 += (uint32_t)(x * weight1(p->weights, e1 + (uint32_t)k));
    }
    out[o] = fc_output(p, a0);
    out[o1] = fc_output(p, a1);
  }
}

void mk_fully_connected_s8(const struct mk_fully_connected *p) { fc_rows(p, mk_s8_weights8, mk_s8_weight1, 0); }

void mk_fully_connected_w4a8(const struct mk_fully_connected *p) {
  const int8_t *in = (const int8_t *)p->input;
  uint32_t sum = 0;
  for (int32_t k = 0; k < (p->in_features & ~7); ++k) sum += (uint32_t)(in[k] + p->input_offset);
  fc_rows(p, mk_s4_biased_weights8, mk_s4_weight1, (uint32_t)-8 * sum);
}
