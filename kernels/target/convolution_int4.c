/* The int4 convolutions (packed int4, kernels/reference/int4.h: element i in byte i / 2, low nibble first, across the
 * whole tensor, so a weight row or an activation row may start mid-byte), the GEMM of convolution_gemm.h with
 * mk_weights.h's int4 reads: each group of four nibbles is read from the two or three bytes holding it, spread into
 * halfword lanes as the SXTB16 pairs (n0, n2), (n1, n3) and sign-extended ((n ^ 8) - 8 per lane).
 * mk_conv_w4a8 / mk_conv1x1_w4a8: int4 weights, int8 activations; exactly mk_conv_s8 / mk_conv1x1_s8 otherwise.
 * mk_conv1x1_w4a4: int4 activations too: the input rows are read like the weights, the input offset added per lane
 *   (SADD16), and the output (clamped within [-8, 7]) written a nibble at a time. */
#include "convolution_gemm.h"

void mk_conv_w4a8(const struct mk_conv *p) {
  const struct mk_conv d = *p;
  const struct conv_gemm g = {.p = &d, .k = conv_window_values(p), .weight_bits = 4, .act_bits = 16,
                              .weights4 = mk_s4_weights4, .weight1 = mk_s4_weight1,
                              .acts4 = conv_s16_acts4, .act1 = conv_s16_act1, .in_order = 1,
                              .acts = p->scratch, .offset = 0, .store = conv_store_s8};
  conv_gemm_im2col(&g);
}

void mk_conv1x1_w4a8(const struct mk_conv *p) {
  const struct mk_conv d = *p;
  const struct conv_gemm g = {.p = &d, .k = p->in_shape.c, .weight_bits = 4, .act_bits = 8,
                              .weights4 = mk_s4_weights4, .weight1 = mk_s4_weight1,
                              .acts4 = conv_s8_acts4, .act1 = conv_s8_act1, .in_order = 0,
                              .acts = p->input, .offset = p->input_offset, .store = conv_store_s8};
  conv_gemm_over_input_rows(&g);
}

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

void mk_conv1x1_w4a4(const struct mk_conv *p) {
  const struct mk_conv d = *p;
  const struct conv_gemm g = {.p = &d, .k = p->in_shape.c, .weight_bits = 4, .act_bits = 4,
                              .weights4 = mk_s4_weights4, .weight1 = mk_s4_weight1,
                              .acts4 = conv_s4_acts4, .act1 = conv_s4_act1, .in_order = 0,
                              .acts = p->input, .offset = p->input_offset, .store = conv_store_s4};
  conv_gemm_over_input_rows(&g);
  /* An odd element count leaves the last byte's high nibble unused: 0, as int4.h packs it. */
  const uint32_t count = (uint32_t)(p->out_shape.h * p->out_shape.w * p->out_shape.c);
  if (count & 1) conv_store_s4(p->output, count, 0);
}
