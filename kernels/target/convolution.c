/* MK_CONV_S8 and MK_CONV1X1_S8: int8 convolution as CMSIS-NN computes it (convolution_gemm.h).
 * mk_conv_s8 mirrors arm_convolve_s8: im2col of two output pixels into the int16 scratch, then per pass two output
 *   channels x two pixels; per four values of K: two weight words widened with SXTB16 / SXTB16 ROR #8 and put in order
 *   with PKHBT/PKHTB, two int16 words per pixel, eight SMLAD into four accumulators.
 * mk_conv1x1_s8 mirrors arm_convolve_1x1_s8_fast: no im2col; per four values of K: one word of each of two weight rows
 *   (SXTB16, SXTB16 ROR #8) and of each of two input rows (SXTAB16, SXTAB16 ROR #8 adding the input offset), eight
 *   SMLAD. */
#include "convolution_gemm.h"

void mk_conv_s8(const struct mk_conv *p) {
  const struct mk_conv d = *p;
  const struct conv_gemm g = {.p = &d, .k = conv_window_values(p), .weight_bits = 8, .act_bits = 16,
                              .weights4 = mk_s8_weights4, .weight1 = mk_s8_weight1,
                              .acts4 = conv_s16_acts4, .act1 = conv_s16_act1, .in_order = 1,
                              .acts = p->scratch, .offset = 0, .store = conv_store_s8};
  conv_gemm_im2col(&g);
}

void mk_conv1x1_s8(const struct mk_conv *p) {
  const struct mk_conv d = *p;
  const struct conv_gemm g = {.p = &d, .k = p->in_shape.c, .weight_bits = 8, .act_bits = 8,
                              .weights4 = mk_s8_weights4, .weight1 = mk_s8_weight1,
                              .acts4 = conv_s8_acts4, .act1 = conv_s8_act1, .in_order = 0,
                              .acts = p->input, .offset = p->input_offset, .store = conv_store_s8};
  conv_gemm_over_input_rows(&g);
}
