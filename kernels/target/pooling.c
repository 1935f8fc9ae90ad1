/* MK_AVG_POOL_S8 and MK_MAX_POOL_S8 (kernels/reference/pooling.cpp is the definition, bit for bit), in CMSIS-NN's
 * DSP shapes (arm_avgpool_s8, arm_max_pool_s8): per output pixel the window is clipped to the input once, then
 * - average: each valid window position's C channels are added into the int32 scratch (the first position stores
 *   instead of adding); 4 channels per iteration: one word load, SXTB16 and SXTB16 ROR 8 widen the bytes to two int16
 *   pairs, four 32-bit adds; then per channel one rounding divide (half away from zero, SDIV) by the number of valid
 *   positions and the clamp;
 * - max: the output row itself holds the running maximum (the first valid position copied in); 4 channels per
 *   iteration: SSUB8 sets the GE flag of each byte lane where the new value is at least the kept one, SEL takes
 *   those lanes; the clamp is the same pair against packed act_min/act_max.
 * Leftover channels (C mod 4) go one at a time. */
#include "mk_dsp.h"
#include "mk_kernels.h"

/* The window of one output pixel clipped to the input: rows [y0, y1) and columns [x0, x1) of the input. */
struct clipped_window {
  int32_t y0, y1, x0, x1;
};

static inline int32_t max_i32(int32_t a, int32_t b) { return a > b ? a : b; }
static inline int32_t min_i32(int32_t a, int32_t b) { return a < b ? a : b; }

static struct clipped_window clip_window(const struct mk_pool *p, int32_t oy, int32_t ox) {
  const int32_t top = oy * p->window.stride_h - p->window.pad_top;
  const int32_t left = ox * p->window.stride_w - p->window.pad_left;
  const struct clipped_window w = {max_i32(top, 0), min_i32(top + p->window.kh, p->in_shape.h), max_i32(left, 0),
                                   min_i32(left + p->window.kw, p->in_shape.w)};
  return w;
}

/* ---- average ------------------------------------------------------------------------------------------------ */

/* sum[c] (+)= in[c] for c < channels; `first` (a constant at each call, so the branch folds away) stores instead of
 * adding. */
static inline __attribute__((always_inline)) void accumulate_channels(int32_t *sum, const int8_t *in,
                                                                       int32_t channels, const int first) {
  for (int32_t n = channels >> 2; n > 0; --n, in += 4, sum += 4) {
    const uint32_t word = mk_read_s8x4(in);
    const uint32_t even = __sxtb16(word), odd = mk_sxtb16_ror8(word); /* channels 0, 2 and 1, 3 */
    const int32_t v0 = (int16_t)even, v1 = (int16_t)odd, v2 = (int32_t)even >> 16, v3 = (int32_t)odd >> 16;
    if (first) {
      sum[0] = v0, sum[1] = v1, sum[2] = v2, sum[3] = v3;
    } else {
      sum[0] += v0, sum[1] += v1, sum[2] += v2, sum[3] += v3;
    }
  }
  for (int32_t n = channels & 3; n > 0; --n, ++in, ++sum) *sum = first ? *in : *sum + *in;
}

/* out[c] = clamp(sum[c] / count rounded half away from zero). */
static void divide_and_clamp(const int32_t *sum, int8_t *out, int32_t channels, int32_t count, int32_t act_min,
                             int32_t act_max) {
  const int32_t half = count / 2;
  for (int32_t c = 0; c < channels; ++c) {
    const int32_t s = sum[c];
    out[c] = (int8_t)mk_clamp((s >= 0 ? s + half : s - half) / count, act_min, act_max);
  }
}

void mk_avg_pool_s8(const struct mk_pool *p) {
  const int8_t *in = (const int8_t *)p->input;
  int8_t *out = (int8_t *)p->output;
  int32_t *sum = (int32_t *)p->scratch;
  const int32_t channels = p->in_shape.c, row_stride = p->in_shape.w * channels;
  for (int32_t oy = 0; oy < p->out_shape.h; ++oy)
    for (int32_t ox = 0; ox < p->out_shape.w; ++ox, out += channels) {
      const struct clipped_window w = clip_window(p, oy, ox);
      accumulate_channels(sum, in + w.y0 * row_stride + w.x0 * channels, channels, 1);
      for (int32_t y = w.y0; y < w.y1; ++y)
        for (int32_t x = (y == w.y0 ? w.x0 + 1 : w.x0); x < w.x1; ++x)
          accumulate_channels(sum, in + y * row_stride + x * channels, channels, 0);
      divide_and_clamp(sum, out, channels, (w.y1 - w.y0) * (w.x1 - w.x0), p->act_min, p->act_max);
    }
}

/* ---- max ---------------------------------------------------------------------------------------------------- */

/* Per byte lane, the larger (signed) of a and b: SSUB8 a - b sets GE where a >= b, SEL picks a there. One asm block,
 * so nothing can come between the flags and their use. */
static inline uint32_t max_s8x4(uint32_t a, uint32_t b) {
  uint32_t r;
  __asm("ssub8 %0, %1, %2\n\tsel %0, %1, %2" : "=&r"(r) : "r"(a), "r"(b) : "cc");
  return r;
}
static inline uint32_t min_s8x4(uint32_t a, uint32_t b) {
  uint32_t r;
  __asm("ssub8 %0, %1, %2\n\tsel %0, %2, %1" : "=&r"(r) : "r"(a), "r"(b) : "cc");
  return r;
}

static inline uint32_t splat_s8x4(int32_t v) { return (uint32_t)(uint8_t)v * 0x01010101u; }

/* kept[c] = max(kept[c], in[c]). */
static void keep_larger(int8_t *kept, const int8_t *in, int32_t channels) {
  int32_t c = 0;
  for (; c + 4 <= channels; c += 4) mk_write_s8x4(kept + c, max_s8x4(mk_read_s8x4(kept + c), mk_read_s8x4(in + c)));
  for (; c < channels; ++c) kept[c] = in[c] > kept[c] ? in[c] : kept[c];
}

static void clamp_channels(int8_t *v, int32_t channels, int32_t act_min, int32_t act_max) {
  const uint32_t lo = splat_s8x4(act_min), hi = splat_s8x4(act_max);
  int32_t c = 0;
  for (; c + 4 <= channels; c += 4) mk_write_s8x4(v + c, min_s8x4(max_s8x4(mk_read_s8x4(v + c), lo), hi));
  for (; c < channels; ++c) v[c] = (int8_t)mk_clamp(v[c], act_min, act_max);
}

void mk_max_pool_s8(const struct mk_pool *p) {
  const int8_t *in = (const int8_t *)p->input;
  int8_t *out = (int8_t *)p->output;
  const int32_t channels = p->in_shape.c, row_stride = p->in_shape.w * channels;
  for (int32_t oy = 0; oy < p->out_shape.h; ++oy)
    for (int32_t ox = 0; ox < p->out_shape.w; ++ox, out += channels) {
      const struct clipped_window w = clip_window(p, oy, ox);
      memcpy(out, in + w.y0 * row_stride + w.x0 * channels, (size_t)channels);
      for (int32_t y = w.y0; y < w.y1; ++y)
        for (int32_t x = (y == w.y0 ? w.x0 + 1 : w.x0); x < w.x1; ++x)
          keep_larger(out, in + y * row_stride + x * channels, channels);
      clamp_channels(out, channels, p->act_min, p->act_max);
    }
}
