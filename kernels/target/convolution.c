/* MK_CONV_S8 and MK_CONV1X1_S8: int8 convolution as CMSIS-NN computes it (convolution_gemm.h).
 * mk_conv_s8 mirrors arm_convolve_s8: im2col of two output pixels into the int16 scratch, then per pass two output
 *   channels x two pixels; per four values of K: one weight word per channel widened with SXTB16 / SXTB16 ROR #8 and
 *   put in order with PKHBT/PKHTB, two int16 words per pixel, eight SMLAD into four accumulators.
 * mk_conv1x1_s8 mirrors arm_convolve_1x1_s8_fast: no im2col; per four values of K: one word of each of two weight rows
 *   (SXTB16, SXTB16 ROR #8) and of each of two input rows (SXTAB16, SXTAB16 ROR #8 adding the input offset), eight
 *   SMLAD. */
#include "convolution_gemm.h"

static const struct conv_format s8_from_im2col = {
    8, 16, mk_s8_weights4, mk_s8_weight1, conv_s16_acts4, conv_s16_act1, 1, conv_store_s8};
static const struct conv_format s8_from_input = {
    8, 8, mk_s8_weights4, mk_s8_weight1, conv_s8_acts4, conv_s8_act1, 0, conv_store_s8};

void mk_conv_s8(const struct mk_conv *p) { conv_gemm_im2col(p, &s8_from_im2col); }

void mk_conv1x1_s8(const struct mk_conv *p) { conv_gemm_over_input_rows(p, &s8_from_input); }
