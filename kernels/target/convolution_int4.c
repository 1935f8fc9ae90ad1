/* The int4 convolutions (packed int4, kernels/reference/int4.h: element i in byte i / 2, low nibble first, across the
 * whole tensor, so a weight row or an activation row may start mid-byte), the GEMM of convolution_gemm.h with
 * mk_weights.h's int4 reads: each group of four nibbles is read from the two or three bytes holding it, spread into
 * halfword lanes as the SXTB16 pairs (n0, n2), (n1, n3) and sign-extended ((n ^ 8) - 8 per lane).
 * mk_conv_w4a8 / mk_conv1x1_w4a8: int4 weights, int8 activations; exactly mk_conv_s8 / mk_conv1x1_s8 otherwise.
 * mk_conv1x1_w4a4: int4 activations too: the input rows are read like the weights, the input offset added per lane
 *   (SADD16), and the output (clamped within [-8, 7]) written a nibble at a time. */
#include "convolution_gemm.h"

static inline void conv_s4_acts4(uint32_t acts, uint32_t e, uint32_t offset2, uint32_t *first, uint32_t *second) {
  uint32_t even, odd;
  mk_s4_weights4(acts, e, &even, &odd);
  *first = (uint32_t)__sadd16((int32_t)even, (int32_t)offset2);
  *second = (uint32_t)__sadd16((int32_t)odd, (int32_t)offset2);
}
static inline int32_t conv_s4_act1(uint32_t acts, uint32_t e, int32_t offset) {
  return mk_int4_at((const uint8_t *)acts, e) + offset;
}

/* Nibble i of the packed output, the other nibble of its byte kept (two pixels' channels interleave in time). */
static inline void conv_store_s4(uint32_t output, uint32_t i, int32_t v) {
  uint8_t *b = (uint8_t *)output + (i >> 1);
  const uint32_t shift = (i & 1) * 4;
  *b = (uint8_t)((*b & ~(0xFu << shift)) | ((uint32_t)v & 0xFu) << shift);
}

static const struct conv_format w4a8_from_im2col = {
    4, 16, mk_s4_weights4, mk_s4_weight1, conv_s16_acts4, conv_s16_act1, 1, conv_store_s8};
static const struct conv_format w4a8_from_input = {
    4, 8, mk_s4_weights4, mk_s4_weight1, conv_s8_acts4, conv_s8_act1, 0, conv_store_s8};
static const struct conv_format w4a4_from_input = {
    4, 4, mk_s4_weights4, mk_s4_weight1, conv_s4_acts4, conv_s4_act1, 0, conv_store_s4};

void mk_conv_w4a8(const struct mk_conv *p) { conv_gemm_im2col(p, &w4a8_from_im2col); }

void mk_conv1x1_w4a8(const struct mk_conv *p) { conv_gemm_over_input_rows(p, &w4a8_from_input); }

void mk_conv1x1_w4a4(const struct mk_conv *p) {
  conv_gemm_over_input_rows(p, &w4a4_from_input);
  /* An odd element count leaves the last byte's high nibble unused: 0, as int4.h packs it. */
  const uint32_t count = (uint32_t)(p->out_shape.h * p->out_shape.w * p->out_shape.c);
  if (count & 1) conv_store_s4(p->output, count, 0);
}
