/* The convolution kernels (convolution.c, convolution_int4.c) as one GEMM, CMSIS-NN's shape (models.md "How the
 * de-facto MCU runtime computes them"): output channels x output pixels, two channels x two pixels per pass with four
 * accumulators started from the bias, SMLAD on packed int16 pairs, per-channel requantisation, clamp; the odd channel
 * and the odd pixel are single dot products.
 *
 * The pixels' activation rows (K = Kh*Kw*Cin values each) come from one of:
 *   - the im2col buffer (general convolution): two output pixels' windows copied as int16 (input + offset, 0 for
 *     padding) into the scratch, in element order, so the weights' SXTB16 pairs (w0, w2), (w1, w3) are put back in
 *     order with PKHBT/PKHTB (CMSIS-NN's read_and_pad);
 *   - the input rows themselves (1x1, stride 1, no padding: each pixel's Cin values are contiguous), widened four at a
 *     time with SXTAB16 / SXTAB16 ROR #8, which add the input offset and give the same (0, 2), (1, 3) pairing as the
 *     weights, so the pairs multiply as they are (SMLAD sums both halves either way).
 * Weights come through mk_weights.h (int8 or packed int4, OHWI, any element alignment). Every part is a constant
 * function pointer into always-inline code, so each kernel compiles to its own straight loop. */
#ifndef MCUPROF_CONVOLUTION_GEMM_H
#define MCUPROF_CONVOLUTION_GEMM_H
#include "mk_kernels.h"
#include "mk_weights.h"

#define CONV_INLINE static inline __attribute__((always_inline))

/* Four activations from element e as two int16 pairs matching the weight pairs the GEMM uses, offset added. */
typedef void (*conv_acts4_fn)(uint32_t acts, uint32_t e, uint32_t offset2, uint32_t *first, uint32_t *second);
typedef int32_t (*conv_act1_fn)(uint32_t acts, uint32_t e, int32_t offset);
/* Output element i (NHWC flat index) of value v, already clamped. */
typedef void (*conv_store_fn)(uint32_t output, uint32_t i, int32_t v);

/* What tells the five kernels apart: element formats, how activation rows are read, how outputs are written. */
struct conv_format {
  int32_t weight_bits, act_bits; /* 8 or 4; 16 for the im2col buffer */
  mk_weights4_fn weights4;
  mk_weight1_fn weight1;
  conv_acts4_fn acts4;
  conv_act1_fn act1;
  int in_order; /* acts4 gives (a0, a1), (a2, a3): reorder the weights' (w0, w2), (w1, w3) to match */
  conv_store_fn store;
};

/* One invocation. p points to a local copy of the descriptor: the int8 output stores may alias any memory the
 * compiler cannot see to be private, and would force every descriptor field to be reloaded after each store. */
struct conv_gemm {
  const struct mk_conv *p;
  struct conv_format f;
  int32_t k; /* values per activation row and per weight row */
  uint32_t acts;
  int32_t offset; /* added to every activation read (0 for the im2col buffer, which holds it already) */
};

static inline uint32_t conv_offset2(int32_t offset) { return ((uint32_t)offset & 0xFFFFu) | (uint32_t)offset << 16; }

/* --- activation rows ---------------------------------------------------------------------------------------- */

static inline void conv_s16_acts4(uint32_t acts, uint32_t e, uint32_t offset2, uint32_t *first, uint32_t *second) {
  (void)offset2;
  const int16_t *a = (const int16_t *)acts + e;
  *first = mk_read_s16x2(a);
  *second = mk_read_s16x2(a + 2);
}
static inline int32_t conv_s16_act1(uint32_t acts, uint32_t e, int32_t offset) {
  return ((const int16_t *)acts)[e] + offset;
}

/* int8: SXTAB16 adds the offset pair to bytes 0 and 2, SXTAB16 ROR #8 to bytes 1 and 3 (CMSIS-NN's 1x1 path). */
static inline void conv_s8_acts4(uint32_t acts, uint32_t e, uint32_t offset2, uint32_t *first, uint32_t *second) {
  const uint32_t v = mk_read_s8x4((const int8_t *)acts + e);
  *first = (uint32_t)__sxtab16((int32_t)offset2, (int32_t)v);
  *second = mk_sxtab16_ror8(offset2, v);
}
static inline int32_t conv_s8_act1(uint32_t acts, uint32_t e, int32_t offset) {
  return ((const int8_t *)acts)[e] + offset;
}

/* --- the GEMM ----------------------------------------------------------------------------------------------- */

CONV_INLINE void conv_weight_pairs(const struct conv_gemm *g, uint32_t weights, uint32_t e, uint32_t *first,
                                   uint32_t *second) {
  uint32_t even, odd;
  g->f.weights4(weights, e, &even, &odd);
  *first = g->f.in_order ? mk_pkhbt16(even, odd) : even; /* (w0, w1) */
  *second = g->f.in_order ? mk_pkhtb16(odd, even) : odd; /* (w2, w3) */
}

/* A row of values starting at flat element `first` of a tensor of `bits`-bit elements, as the address of its first
 * byte and the element index of its first value there (1 for an int4 row starting at a high nibble, else 0). The
 * GEMM loops step the address by the bytes of four values, so the loads address one register each. */
struct conv_row {
  uint32_t addr, e;
};
CONV_INLINE struct conv_row conv_row_at(uint32_t base, int32_t bits, uint32_t first) {
  const uint32_t bit = first * (uint32_t)bits;
  return (struct conv_row){base + bit / 8, bit % 8 / (uint32_t)bits};
}

/* acc[] += {w0.a0, w0.a1, w1.a0, w1.a1} for the weight rows w0 (starting at element w) and w1 = the next one, and
 * the activation rows a0 (at element a) and a1 = the next one; w and a are even row numbers times K, so w0 and a0
 * start on a byte and the second rows lie a fixed distance after the first (one register each instead of a second
 * pointer). Per four values: two weight and two activation loads, eight SMLAD; the K % 4 leftovers one MAC at a time.
 */
CONV_INLINE void conv_gemm_2x2(const struct conv_gemm *g, uint32_t w, uint32_t a, int32_t acc[4]) {
  const uint32_t offset2 = conv_offset2(g->offset);
  const uint32_t wstep = (uint32_t)g->f.weight_bits / 2, astep = (uint32_t)g->f.act_bits / 2;
  const struct conv_row wnext = conv_row_at(0, g->f.weight_bits, (uint32_t)g->k);
  const struct conv_row anext = conv_row_at(0, g->f.act_bits, (uint32_t)g->k);
  uint32_t w0 = conv_row_at(g->p->weights, g->f.weight_bits, w).addr, a0 = conv_row_at(g->acts, g->f.act_bits, a).addr;
  int32_t s00 = acc[0], s01 = acc[1], s10 = acc[2], s11 = acc[3];
  /* Counted by the first weight row's address: no separate counter to keep in a register. */
  for (const uint32_t end = w0 + (uint32_t)g->k / 4 * wstep; w0 != end; w0 += wstep, a0 += astep) {
    uint32_t w0a, w0b, w1a, w1b, x0a, x0b, x1a, x1b;
    conv_weight_pairs(g, w0, 0, &w0a, &w0b);
    conv_weight_pairs(g, w0 + wnext.addr, wnext.e, &w1a, &w1b);
    g->f.acts4(a0, 0, offset2, &x0a, &x0b);
    g->f.acts4(a0 + anext.addr, anext.e, offset2, &x1a, &x1b);
    s00 = __smlad(w0a, x0a, s00);
    s01 = __smlad(w0a, x1a, s01);
    s10 = __smlad(w1a, x0a, s10);
    s11 = __smlad(w1a, x1a, s11);
    s00 = __smlad(w0b, x0b, s00);
    s01 = __smlad(w0b, x1b, s01);
    s10 = __smlad(w1b, x0b, s10);
    s11 = __smlad(w1b, x1b, s11);
  }
  for (uint32_t i = 0; i < (uint32_t)g->k % 4; ++i) {
    const int32_t v0 = g->f.weight1(w0, i), v1 = g->f.weight1(w0 + wnext.addr, wnext.e + i);
    const int32_t x0 = g->f.act1(a0, i, g->offset), x1 = g->f.act1(a0 + anext.addr, anext.e + i, g->offset);
    s00 += v0 * x0;
    s01 += v0 * x1;
    s10 += v1 * x0;
    s11 += v1 * x1;
  }
  acc[0] = s00;
  acc[1] = s01;
  acc[2] = s10;
  acc[3] = s11;
}

/* acc + weight row w . activation row a: the odd channel's and the odd pixel's dot product. */
CONV_INLINE int32_t conv_gemm_1x1(const struct conv_gemm *g, uint32_t w, uint32_t a, int32_t acc) {
  const uint32_t offset2 = conv_offset2(g->offset);
  struct conv_row rw = conv_row_at(g->p->weights, g->f.weight_bits, w), ra = conv_row_at(g->acts, g->f.act_bits, a);
  for (int32_t n = g->k / 4; n > 0; --n) {
    uint32_t wa, wb, xa, xb;
    conv_weight_pairs(g, rw.addr, rw.e, &wa, &wb);
    g->f.acts4(ra.addr, ra.e, offset2, &xa, &xb);
    acc = __smlad(wa, xa, acc);
    acc = __smlad(wb, xb, acc);
    rw.addr += (uint32_t)g->f.weight_bits / 2;
    ra.addr += (uint32_t)g->f.act_bits / 2;
  }
  for (uint32_t i = 0; i < (uint32_t)g->k % 4; ++i)
    acc += g->f.weight1(rw.addr, rw.e + i) * g->f.act1(ra.addr, ra.e + i, g->offset);
  return acc;
}

/* --- outputs ------------------------------------------------------------------------------------------------ */

static inline int32_t conv_bias(const struct mk_conv *p, int32_t oc) {
  return p->bias ? ((const int32_t *)p->bias)[oc] : 0;
}

/* mk_requantize with channel oc's multiplier and shift, + output offset, clamped to the activation range. */
static inline int32_t conv_output(const struct mk_conv *p, int32_t oc, int32_t acc) {
  const int32_t m = ((const int32_t *)p->multipliers)[oc], s = ((const int32_t *)p->shifts)[oc];
  return mk_clamp(mk_requantize(acc, m, s) + p->output_offset, p->act_min, p->act_max);
}

static inline void conv_store_s8(uint32_t output, uint32_t i, int32_t v) { ((int8_t *)output)[i] = (int8_t)v; }

CONV_INLINE void conv_put(const struct conv_gemm *g, int32_t px, int32_t oc, int32_t acc) {
  g->f.store(g->p->output, (uint32_t)(px * g->p->out_shape.c + oc), conv_output(g->p, oc, acc));
}

/* Output pixels px and px + 1 (every channel) from the activation rows at elements a0 and a0 + K. */
CONV_INLINE void conv_two_pixels(const struct conv_gemm *g, uint32_t a0, int32_t px) {
  const int32_t channels = g->p->out_shape.c, k = g->k;
  const uint32_t a1 = a0 + (uint32_t)k;
  int32_t oc = 0;
  for (; oc + 2 <= channels; oc += 2) {
    const int32_t b0 = conv_bias(g->p, oc), b1 = conv_bias(g->p, oc + 1);
    int32_t acc[4] = {b0, b0, b1, b1};
    conv_gemm_2x2(g, (uint32_t)(oc * k), a0, acc);
    conv_put(g, px, oc, acc[0]);
    conv_put(g, px + 1, oc, acc[1]);
    conv_put(g, px, oc + 1, acc[2]);
    conv_put(g, px + 1, oc + 1, acc[3]);
  }
  if (oc < channels) {
    conv_put(g, px, oc, conv_gemm_1x1(g, (uint32_t)(oc * k), a0, conv_bias(g->p, oc)));
    conv_put(g, px + 1, oc, conv_gemm_1x1(g, (uint32_t)(oc * k), a1, conv_bias(g->p, oc)));
  }
}

CONV_INLINE void conv_one_pixel(const struct conv_gemm *g, uint32_t a0, int32_t px) {
  for (int32_t oc = 0; oc < g->p->out_shape.c; ++oc)
    conv_put(g, px, oc, conv_gemm_1x1(g, (uint32_t)(oc * g->k), a0, conv_bias(g->p, oc)));
}

static inline int32_t conv_window_values(const struct mk_conv *p) {
  return p->window.kh * p->window.kw * p->in_shape.c;
}

/* --- the two drivers ---------------------------------------------------------------------------------------- */

/* 1x1, stride 1, no padding: output pixel px reads input row px (K = Cin), two pixels per pass. */
CONV_INLINE void conv_gemm_over_input_rows(const struct mk_conv *p, const struct conv_format *f) {
  const struct mk_conv d = *p;
  const struct conv_gemm gemm = {&d, *f, d.in_shape.c, d.input, d.input_offset}, *g = &gemm;
  const int32_t pixels = d.in_shape.h * d.in_shape.w, k = g->k;
  int32_t px = 0;
  for (; px + 2 <= pixels; px += 2) conv_two_pixels(g, (uint32_t)(px * k), px);
  if (px < pixels) conv_one_pixel(g, (uint32_t)(px * k), px);
}

/* Cin int8 values + offset as int16 in element order: SXTAB16 pairs (0, 2), (1, 3) put back in order with PKHBT/PKHTB
 * (CMSIS-NN's q7 to q15 with offset), four per step. */
static inline void conv_widen_row(const int8_t *in, int32_t n, int32_t offset, int16_t *col) {
  const uint32_t offset2 = conv_offset2(offset);
  int32_t i = 0;
  for (; i + 4 <= n; i += 4) {
    uint32_t even, odd;
    conv_s8_acts4((uint32_t)in, (uint32_t)i, offset2, &even, &odd);
    mk_write_s16x2(col + i, mk_pkhbt16(even, odd));
    mk_write_s16x2(col + i + 2, mk_pkhtb16(odd, even));
  }
  for (; i < n; ++i) col[i] = (int16_t)(in[i] + offset);
}

/* Output pixel (oy, ox)'s window, Kh x Kw x Cin, into col as int16; positions in the padding are 0, so they add
 * nothing (as the reference skips them). */
static inline void conv_im2col_pixel(const struct mk_conv *p, int32_t oy, int32_t ox, int16_t *col) {
  const int32_t cin = p->in_shape.c;
  const int8_t *input = (const int8_t *)p->input;
  for (int32_t ky = 0; ky < p->window.kh; ++ky) {
    const int32_t iy = oy * p->window.stride_h - p->window.pad_top + ky;
    for (int32_t kx = 0; kx < p->window.kw; ++kx, col += cin) {
      const int32_t ix = ox * p->window.stride_w - p->window.pad_left + kx;
      if (iy < 0 || iy >= p->in_shape.h || ix < 0 || ix >= p->in_shape.w)
        memset(col, 0, (size_t)cin * sizeof *col);
      else
        conv_widen_row(input + (iy * p->in_shape.w + ix) * cin, cin, p->input_offset, col);
    }
  }
}

/* General convolution: two output pixels' windows into the scratch (2 x K int16), then both pixels at once; an odd
 * last pixel alone. The format's activations are the scratch's int16 values, in order. */
CONV_INLINE void conv_gemm_im2col(const struct mk_conv *desc, const struct conv_format *f) {
  const struct mk_conv d = *desc, *p = &d;
  const struct conv_gemm gemm = {p, *f, conv_window_values(p), p->scratch, 0}, *g = &gemm;
  int16_t *scratch = (int16_t *)p->scratch;
  const int32_t k = g->k;
  int32_t px = 0;
  for (int32_t oy = 0; oy < p->out_shape.h; ++oy)
    for (int32_t ox = 0; ox < p->out_shape.w; ++ox, ++px) {
      conv_im2col_pixel(p, oy, ox, scratch + (px & 1) * k);
      if (px & 1) conv_two_pixels(g, 0, px - 1);
    }
  if (px & 1) conv_one_pixel(g, 0, px - 1);
}

#endif
