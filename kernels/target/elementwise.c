/* MK_ADD_S8, MK_MUL_S8, MK_REQUANTIZE_S8 and MK_PAD_S8 (kernels/reference/elementwise.cpp, mul.cpp and
 * requantize_op.cpp are the definitions, bit for bit).
 * - ADD in CMSIS-NN arm_elementwise_add_s8's DSP shape: 4 elements per iteration: one word load per input, SXTB16 and
 *   SXTB16 ROR 8 widen the bytes to int16 pairs and SADD16 adds the packed input offsets (|offset| <= 128 fits int16);
 *   each element is then shifted left by left_shift, requantised by its input's multiplier, the two summed,
 *   requantised by the output multiplier, offset, clamped; the four bytes go out as one word. Leftovers one by one.
 * - MUL and REQUANTIZE per element (TFLite Micro's reference and CMSIS-NN's arm_elementwise_mul_s8 compute one product
 *   and one requantisation per element; the requantisation dominates, so no SIMD widening is attempted).
 * - PAD as TFLite Micro's reference fills it, row by row: a padded row is pad_value throughout (memset); an input row
 *   is pad_value around the input pixels, copied with memcpy (one block per row when the channels are not padded). */
#include "mk_dsp.h"
#include "mk_kernels.h"

/* ---- ADD ---------------------------------------------------------------------------------------------------- */

static inline uint32_t splat_s16x2(int32_t v) { return (uint32_t)(uint16_t)v * 0x00010001u; }

static inline int32_t rescale_input(int32_t q_plus_offset, int32_t left_shift, int32_t multiplier, int32_t shift) {
  return mk_requantize((int32_t)((uint32_t)q_plus_offset << left_shift), multiplier, shift);
}

static inline int8_t add_one(const struct mk_add *p, int32_t a, int32_t b) {
  const int32_t sum = rescale_input(a, p->left_shift, p->input1_multiplier, p->input1_shift) +
                      rescale_input(b, p->left_shift, p->input2_multiplier, p->input2_shift);
  return (int8_t)mk_clamp(mk_requantize(sum, p->output_multiplier, p->output_shift) + p->output_offset, p->act_min,
                          p->act_max);
}

void mk_add_s8(const struct mk_add *p) {
  const int8_t *in1 = (const int8_t *)p->input1, *in2 = (const int8_t *)p->input2;
  int8_t *out = (int8_t *)p->output;
  const uint32_t offset1 = splat_s16x2(p->input1_offset), offset2 = splat_s16x2(p->input2_offset);
  int32_t i = 0;
  for (; i + 4 <= p->count; i += 4) {
    const uint32_t w1 = mk_read_s8x4(in1 + i), w2 = mk_read_s8x4(in2 + i);
    /* even: elements 0 and 2 (low and high halfword), odd: elements 1 and 3, each + its input offset. */
    const uint32_t a_even = __sadd16(__sxtb16(w1), offset1), a_odd = __sadd16(mk_sxtb16_ror8(w1), offset1);
    const uint32_t b_even = __sadd16(__sxtb16(w2), offset2), b_odd = __sadd16(mk_sxtb16_ror8(w2), offset2);
    const uint32_t r0 = (uint8_t)add_one(p, (int16_t)a_even, (int16_t)b_even);
    const uint32_t r1 = (uint8_t)add_one(p, (int16_t)a_odd, (int16_t)b_odd);
    const uint32_t r2 = (uint8_t)add_one(p, (int32_t)a_even >> 16, (int32_t)b_even >> 16);
    const uint32_t r3 = (uint8_t)add_one(p, (int32_t)a_odd >> 16, (int32_t)b_odd >> 16);
    mk_write_s8x4(out + i, r0 | r1 << 8 | r2 << 16 | r3 << 24);
  }
  for (; i < p->count; ++i) out[i] = add_one(p, in1[i] + p->input1_offset, in2[i] + p->input2_offset);
}

/* ---- MUL, REQUANTIZE ---------------------------------------------------------------------------------------- */

void mk_mul_s8(const struct mk_mul *params) {
  const struct mk_mul p = *params; /* a local copy: the output stores could alias the descriptor for the compiler */
  const int8_t *in1 = (const int8_t *)p.input1, *in2 = (const int8_t *)p.input2;
  int8_t *out = (int8_t *)p.output;
  for (int32_t i = 0; i < p.count; ++i) {
    const int32_t product = (in1[i] + p.input1_offset) * (in2[i] + p.input2_offset);
    out[i] = (int8_t)mk_clamp(mk_requantize(product, p.output_multiplier, p.output_shift) + p.output_offset, p.act_min,
                              p.act_max);
  }
}

void mk_requantize_s8(const struct mk_requantize *params) {
  const struct mk_requantize p = *params;
  const int8_t *in = (const int8_t *)p.input;
  int8_t *out = (int8_t *)p.output;
  for (int32_t i = 0; i < p.count; ++i)
    out[i] = (int8_t)mk_clamp(mk_requantize(in[i] + p.input_offset, p.output_multiplier, p.output_shift) +
                                  p.output_offset,
                              p.act_min, p.act_max);
}

/* ---- PAD ---------------------------------------------------------------------------------------------------- */

void mk_pad_s8(const struct mk_pad *p) {
  const int8_t *in = (const int8_t *)p->input;
  int8_t *out = (int8_t *)p->output;
  const int32_t in_pixel = p->in_shape.c, out_pixel = p->out_shape.c;
  const int32_t out_row = p->out_shape.w * out_pixel;
  const int32_t c_after = out_pixel - in_pixel - p->c_before;
  const int32_t w_after = p->out_shape.w - p->in_shape.w - p->w_before;
  const int channels_padded = p->c_before != 0 || c_after != 0;
  for (int32_t y = 0; y < p->out_shape.h; ++y, out += out_row) {
    const int32_t iy = y - p->h_before;
    if (iy < 0 || iy >= p->in_shape.h) {
      memset(out, p->pad_value, (size_t)out_row);
      continue;
    }
    const int8_t *src = in + iy * p->in_shape.w * in_pixel;
    int8_t *dst = out;
    memset(dst, p->pad_value, (size_t)(p->w_before * out_pixel));
    dst += p->w_before * out_pixel;
    if (!channels_padded) {
      memcpy(dst, src, (size_t)(p->in_shape.w * in_pixel));
      dst += p->in_shape.w * in_pixel;
    } else {
      for (int32_t x = 0; x < p->in_shape.w; ++x, src += in_pixel) {
        memset(dst, p->pad_value, (size_t)p->c_before);
        memcpy(dst + p->c_before, src, (size_t)in_pixel);
        memset(dst + p->c_before + in_pixel, p->pad_value, (size_t)c_after);
        dst += out_pixel;
      }
    }
    memset(dst, p->pad_value, (size_t)(w_after * out_pixel));
  }
}
