/* MK_DEPTHWISE3X3_S8, MK_DEPTHWISE_S8, MK_DEPTHWISE_W4A8: depthwise convolution in the shapes of CMSIS-NN's DSP
 * kernels (../shared/reference/models.md "How the de-facto MCU runtime computes them"):
 * - 3x3, multiplier 1, padding <= 1 (arm_depthwise_conv_3x3_s8's shape): per output pixel, four channels at a time;
 *   per window position inside the input one 4-byte load of input and of weights, SXTAB16 (+ input offset) and SXTB16
 *   (each also ROR #8) widen them into (c0, c2) and (c1, c3) halfword pairs, and four per-lane MACs (SMLABB/SMLATT,
 *   DDI 0403E A7.7: the channels are separate sums, so no SMLAD) add them to four accumulators; padded positions
 *   are skipped; channels past the last multiple of 4 one at a time.
 * - any other shape with multiplier 1 (arm_depthwise_conv_s8_opt's shape): per output pixel the window is copied into
 *   the int16 scratch (input + offset, padding as 0, each four channels reordered to (c0, c2, c1, c3) so the MAC
 *   loads its pairs straight), then the same four-channel MAC over every window position; leftover channels as below.
 * - multiplier > 1, and every leftover channel: plain loops reading the input in place (no scratch).
 * - int4 weights (packed, kernels/reference/int4.h): the in-place four-channel loop with each four weights unpacked
 *   from two nibble bytes (mk_int4x4_at), or the plain loops for multiplier > 1; never scratch.
 * Accumulation wraps modulo 2^32 like the reference; the bias starts the sum, which is the same modulo 2^32. */
#include "mk_dsp.h"
#include "mk_kernels.h"
#include "mk_weights.h"

/* The part of one output pixel's window inside the input: taps [ky0, ky1) x [kx0, kx1); (iy, ix) is where tap (0, 0)
 * falls in the input (negative in the padding). */
struct dw_window {
  int32_t iy, ix, ky0, ky1, kx0, kx1;
};

static inline int32_t dw_max(int32_t a, int32_t b) { return a > b ? a : b; }
static inline int32_t dw_min(int32_t a, int32_t b) { return a < b ? a : b; }

static inline struct dw_window dw_window_at(const struct mk_conv *p, int32_t oy, int32_t ox) {
  const struct mk_window *w = &p->window;
  struct dw_window v;
  v.iy = oy * w->stride_h - w->pad_top;
  v.ix = ox * w->stride_w - w->pad_left;
  v.ky0 = dw_max(0, -v.iy);
  v.ky1 = dw_min(w->kh, p->in_shape.h - v.iy);
  v.kx0 = dw_max(0, -v.ix);
  v.kx1 = dw_min(w->kw, p->in_shape.w - v.ix);
  return v;
}

static inline int32_t dw_bias(const struct mk_conv *p, int32_t ch) {
  return p->bias ? ((const int32_t *)p->bias)[ch] : 0;
}

static inline int8_t dw_output(const struct mk_conv *p, int32_t acc, int32_t ch) {
  const int32_t q = mk_requantize(acc, ((const int32_t *)p->multipliers)[ch], ((const int32_t *)p->shifts)[ch]);
  return (int8_t)mk_clamp(q + p->output_offset, p->act_min, p->act_max);
}

/* The sums of four channels c..c+3. */
struct dw_acc4 {
  int32_t c0, c1, c2, c3;
};

static inline struct dw_acc4 dw_bias4(const struct mk_conv *p, int32_t c) {
  return (struct dw_acc4){dw_bias(p, c), dw_bias(p, c + 1), dw_bias(p, c + 2), dw_bias(p, c + 3)};
}

/* x02/w02 hold channels (c0, c2), x13/w13 (c1, c3), as halfword pairs. */
static inline void dw_mac4(struct dw_acc4 *a, uint32_t x02, uint32_t x13, uint32_t w02, uint32_t w13) {
  a->c0 = __smlabb((int32_t)x02, (int32_t)w02, a->c0);
  a->c2 = __smlatt((int32_t)x02, (int32_t)w02, a->c2);
  a->c1 = __smlabb((int32_t)x13, (int32_t)w13, a->c1);
  a->c3 = __smlatt((int32_t)x13, (int32_t)w13, a->c3);
}

static inline void dw_store4(const struct mk_conv *p, int8_t *out, int32_t c, const struct dw_acc4 *a) {
  out[c] = dw_output(p, a->c0, c);
  out[c + 1] = dw_output(p, a->c1, c + 1);
  out[c + 2] = dw_output(p, a->c2, c + 2);
  out[c + 3] = dw_output(p, a->c3, c + 3);
}

/* One output channel oc (reading input channel ic) of one pixel with plain loops over the taps inside the input. */
static inline __attribute__((always_inline)) int8_t dw_channel(const struct mk_conv *p, const struct dw_window *v,
                                                               int32_t ic, int32_t oc, mk_weight1_fn weight1) {
  const int32_t C = p->in_shape.c, OC = p->out_shape.c, W = p->in_shape.w, kw = p->window.kw;
  const int8_t *in = (const int8_t *)p->input;
  uint32_t acc = (uint32_t)dw_bias(p, oc);
  for (int32_t ky = v->ky0; ky < v->ky1; ++ky)
    for (int32_t kx = v->kx0; kx < v->kx1; ++kx) {
      const int32_t x = in[((v->iy + ky) * W + v->ix + kx) * C + ic] + p->input_offset;
      acc += (uint32_t)(x * weight1(p->weights, (uint32_t)((ky * kw + kx) * OC + oc)));
    }
  return dw_output(p, (int32_t)acc, oc);
}

/* Multiplier 1, input read in place: one output pixel, four channels at a time over the window's taps inside the
 * input, then the leftover channels one at a time. Always inlined so each caller gets its weight format's loads. */
static inline __attribute__((always_inline)) void dw_pixel_in_place(const struct mk_conv *p, const struct dw_window *v,
                                                                    int8_t *out, mk_weights4_fn weights4,
                                                                    mk_weight1_fn weight1) {
  const int32_t C = p->in_shape.c, W = p->in_shape.w, kw = p->window.kw;
  const int8_t *in = (const int8_t *)p->input;
  const uint32_t offset2 = ((uint32_t)p->input_offset & 0xFFFFu) * 0x10001u;
  int32_t c = 0;
  for (; c + 4 <= C; c += 4) {
    struct dw_acc4 a = dw_bias4(p, c);
    for (int32_t ky = v->ky0; ky < v->ky1; ++ky) {
      const int8_t *row = in + ((v->iy + ky) * W + v->ix) * C + c;
      const int8_t *const row_end = row + v->kx1 * C;
      uint32_t e = (uint32_t)((ky * kw + v->kx0) * C + c);
      for (const int8_t *x_at = row + v->kx0 * C; x_at < row_end; x_at += C, e += (uint32_t)C) {
        const uint32_t x = mk_read_s8x4(x_at);
        uint32_t w02, w13;
        weights4(p->weights, e, &w02, &w13);
        dw_mac4(&a, (uint32_t)__sxtab16((int32_t)offset2, (int32_t)x), mk_sxtab16_ror8(offset2, x), w02, w13);
      }
    }
    dw_store4(p, out, c, &a);
  }
  for (; c < C; ++c) out[c] = dw_channel(p, v, c, c, weight1);
}

/* Multiplier > 1: output channel ic * m + k reads input channel ic; every channel through the plain loop. */
static inline __attribute__((always_inline)) void dw_pixel_multiplier(const struct mk_conv *p,
                                                                      const struct dw_window *v, int8_t *out,
                                                                      mk_weight1_fn weight1) {
  for (int32_t oc = 0; oc < p->out_shape.c; ++oc) out[oc] = dw_channel(p, v, oc / p->depth_multiplier, oc, weight1);
}

/* Multiplier 1 through the scratch: the whole window as int16 (input + offset; padding 0), each four channels stored
 * (c0, c2, c1, c3) as CMSIS-NN's reordered q7-to-q15 copy does, the leftover channels in order. */
static void dw_fill_window(const struct mk_conv *p, const struct dw_window *v, int16_t *s) {
  const int32_t C = p->in_shape.c, W = p->in_shape.w;
  const uint32_t offset2 = ((uint32_t)p->input_offset & 0xFFFFu) * 0x10001u;
  for (int32_t ky = 0; ky < p->window.kh; ++ky)
    for (int32_t kx = 0; kx < p->window.kw; ++kx, s += C) {
      if (ky < v->ky0 || ky >= v->ky1 || kx < v->kx0 || kx >= v->kx1) {
        memset(s, 0, (size_t)C * sizeof *s);
        continue;
      }
      const int8_t *in = (const int8_t *)p->input + ((v->iy + ky) * W + v->ix + kx) * C;
      int32_t c = 0;
      for (; c + 4 <= C; c += 4) {
        const uint32_t x = mk_read_s8x4(in + c);
        mk_write_s16x2(s + c, (uint32_t)__sxtab16((int32_t)offset2, (int32_t)x));
        mk_write_s16x2(s + c + 2, mk_sxtab16_ror8(offset2, x));
      }
      for (; c < C; ++c) s[c] = (int16_t)(in[c] + p->input_offset);
    }
}

/* The four-channel MAC over every window position of the scratch; the leftover channels (not in the scratch's
 * four-channel order) through the plain loop. */
static void dw_pixel_from_scratch(const struct mk_conv *p, const struct dw_window *v, const int16_t *s, int8_t *out) {
  const int32_t C = p->in_shape.c, taps = p->window.kh * p->window.kw;
  int32_t c = 0;
  for (; c + 4 <= C; c += 4) {
    struct dw_acc4 a = dw_bias4(p, c);
    for (int32_t t = 0; t < taps; ++t) {
      uint32_t w02, w13;
      mk_s8_weights4(p->weights, (uint32_t)(t * C + c), &w02, &w13);
      dw_mac4(&a, mk_read_s16x2(s + t * C + c), mk_read_s16x2(s + t * C + c + 2), w02, w13);
    }
    dw_store4(p, out, c, &a);
  }
  for (; c < C; ++c) out[c] = dw_channel(p, v, c, c, mk_s8_weight1);
}

/* The output pixels in order, each computed by `pixel` (inlined: one loop per kernel). */
typedef void (*dw_pixel_fn)(const struct mk_conv *p, const struct dw_window *v, int8_t *out);

/* The descriptor is copied first: as far as the compiler knows the output's byte stores could alias *flash_p, so it
 * would re-read fields from flash after every store. */
static inline __attribute__((always_inline)) void dw_for_each_pixel(const struct mk_conv *flash_p, dw_pixel_fn pixel) {
  const struct mk_conv params = *flash_p, *p = &params;
  int8_t *out = (int8_t *)p->output;
  for (int32_t oy = 0; oy < p->out_shape.h; ++oy)
    for (int32_t ox = 0; ox < p->out_shape.w; ++ox, out += p->out_shape.c) {
      const struct dw_window v = dw_window_at(p, oy, ox);
      pixel(p, &v, out);
    }
}

static void s8_pixel_in_place(const struct mk_conv *p, const struct dw_window *v, int8_t *out) {
  dw_pixel_in_place(p, v, out, mk_s8_weights4, mk_s8_weight1);
}
static void s8_pixel_through_scratch(const struct mk_conv *p, const struct dw_window *v, int8_t *out) {
  dw_fill_window(p, v, (int16_t *)p->scratch);
  dw_pixel_from_scratch(p, v, (const int16_t *)p->scratch, out);
}
static void s8_pixel_multiplier(const struct mk_conv *p, const struct dw_window *v, int8_t *out) {
  dw_pixel_multiplier(p, v, out, mk_s8_weight1);
}
static void s4_pixel_in_place(const struct mk_conv *p, const struct dw_window *v, int8_t *out) {
  dw_pixel_in_place(p, v, out, mk_s4_weights4, mk_s4_weight1);
}
static void s4_pixel_multiplier(const struct mk_conv *p, const struct dw_window *v, int8_t *out) {
  dw_pixel_multiplier(p, v, out, mk_s4_weight1);
}

void mk_depthwise3x3_s8(const struct mk_conv *p) { dw_for_each_pixel(p, s8_pixel_in_place); }

void mk_depthwise_s8(const struct mk_conv *p) {
  dw_for_each_pixel(p, p->depth_multiplier == 1 ? s8_pixel_through_scratch : s8_pixel_multiplier);
}

void mk_depthwise_w4a8(const struct mk_conv *p) {
  dw_for_each_pixel(p, p->depth_multiplier == 1 ? s4_pixel_in_place : s4_pixel_multiplier);
}
