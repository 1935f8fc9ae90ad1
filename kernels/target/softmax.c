/* MK_SOFTMAX_S8: TFLite's integer int8 softmax (kernels/reference/softmax.cpp is the host definition, bit for bit),
 * in CMSIS-NN arm_softmax_s8's shape: per row one pass for the maximum, one pass summing the Q0.31 exponentials of
 * the scaled differences into Q12.19, the reciprocal of the sum once, and one pass recomputing each exponential and
 * scaling it by the reciprocal (no per-row buffer). The fixed-point exp and reciprocal follow gemmlowp's fixedpoint.h
 * (exp_on_negative_values, one_over_one_plus_x_for_x_in_0_1: steps and constants), written here from their
 * descriptions. Every doubling high multiply below has at least one operand above INT32_MIN, so mk_doubling_high_mul
 * (no saturation) equals gemmlowp's saturating one. */
#include "mk_dsp.h"
#include "mk_kernels.h"

#define SCALED_DIFF_INTEGER_BITS 5 /* the exponent's input is Q5.26 */
#define ACCUMULATION_INTEGER_BITS 12 /* the sum is Q12.19 */
#define ONE_Q0 INT32_MAX

/* A left shift saturating to the int32 range (gemmlowp SaturatingRoundingMultiplyByPOT, positive exponent). */
static inline int32_t saturating_shift_left(int32_t x, int32_t exponent) {
  const int32_t limit = (int32_t)((1u << (31 - exponent)) - 1u);
  if (x > limit) return INT32_MAX;
  if (x < -limit) return INT32_MIN;
  return (int32_t)((uint32_t)x << exponent);
}

/* exp(a) for Q0.31 a in [-1/4, 0): Taylor series around -1/8, exp(-1/8) (1 + x + x^2/2 + x^3/6 + x^4/24), x = a + 1/8. */
static int32_t exp_on_quarter_interval(int32_t a) {
  const int32_t exp_minus_one_eighth = 1895147668, one_third = 715827883; /* Q0.31 */
  const int32_t x = a + (1 << 28);
  const int32_t x2 = mk_doubling_high_mul(x, x);
  const int32_t x3 = mk_doubling_high_mul(x2, x);
  const int32_t x4 = mk_doubling_high_mul(x2, x2);
  const int32_t higher = mk_divide_by_pot(mk_doubling_high_mul(mk_divide_by_pot(x4, 2) + x3, one_third) + x2, 1);
  return exp_minus_one_eighth + mk_doubling_high_mul(exp_minus_one_eighth, x + higher);
}

/* exp(-2^k) in Q0.31, k = -2..4. */
static const int32_t exp_minus_power_of_two[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};

/* exp(a) for Q5.26 a <= 0, in Q0.31: a = r - m, r in [-1/4, 0), m a multiple of 1/4; exp(r) x exp(-2^k) per bit of m. */
static int32_t exp_on_negative_values(int32_t a) {
  const int32_t fractional_bits = 31 - SCALED_DIFF_INTEGER_BITS, quarter = 1 << (fractional_bits - 2);
  if (a == 0) return ONE_Q0;
  const int32_t r = (a & (quarter - 1)) - quarter;
  int32_t result = exp_on_quarter_interval(saturating_shift_left(r, SCALED_DIFF_INTEGER_BITS));
  const uint32_t m = (uint32_t)(r - a) >> (fractional_bits - 2);
  for (int32_t k = 0; k < 7; ++k)
    if (m & (1u << k)) result = mk_doubling_high_mul(result, exp_minus_power_of_two[k]);
  return result;
}

/* 1 / (1 + a) for Q0.31 a in [0, 1): Newton-Raphson on d = (1 + a) / 2 from x = 48/17 - 32/17 d, three steps
 * x += x (1 - d x) in Q2.29; the result is x / 2. */
static int32_t one_over_one_plus_x(int32_t a) {
  const int32_t c48_over_17 = 1515870810, c_minus_32_over_17 = -1010580540, one_q2 = 1 << 29; /* Q2.29 */
  const int32_t d = (int32_t)(((uint32_t)a >> 1) + (1u << 30)); /* (a + one + 1) / 2 for a >= 0 */
  int32_t x = c48_over_17 + mk_doubling_high_mul(d, c_minus_32_over_17);
  for (int32_t step = 0; step < 3; ++step)
    x += saturating_shift_left(mk_doubling_high_mul(x, one_q2 - mk_doubling_high_mul(d, x)), 2);
  return saturating_shift_left(x, 1);
}

/* The Q0.31 exponential of a difference q - max >= diff_min (scaled to Q5.26 without overflow by diff_min's choice). */
static inline int32_t exp_of_difference(const struct mk_softmax *p, int32_t diff) {
  return exp_on_negative_values(mk_doubling_high_mul((int32_t)((uint32_t)diff << p->input_left_shift),
                                                     p->input_multiplier));
}

static void softmax_row(const struct mk_softmax *p, const int8_t *in, int8_t *out) {
  const int32_t depth = p->depth, diff_min = p->diff_min;
  int32_t max = in[0];
  for (int32_t i = 1; i < depth; ++i) max = in[i] > max ? in[i] : max;
  int32_t sum = 0;
  for (int32_t i = 0; i < depth; ++i) {
    const int32_t diff = in[i] - max;
    if (diff >= diff_min) sum += mk_divide_by_pot(exp_of_difference(p, diff), ACCUMULATION_INTEGER_BITS);
  }
  /* sum = 2^bits_over_unit x (1 + f): the reciprocal of 1 + f, the power of two folded into the final divide. */
  const int32_t headroom = __builtin_clz((uint32_t)sum);
  const int32_t reciprocal = one_over_one_plus_x((int32_t)(((uint32_t)sum << headroom) - (1u << 31)));
  const int32_t exponent = ACCUMULATION_INTEGER_BITS - headroom + 31 - 8;
  for (int32_t i = 0; i < depth; ++i) {
    const int32_t diff = in[i] - max;
    int32_t q = -128;
    /* An exponent above 31 means every probability is below 1/512: 0 steps (softmax.cpp divide_probability). */
    if (diff >= diff_min && exponent <= 31)
      q = mk_clamp(mk_divide_by_pot(mk_doubling_high_mul(reciprocal, exp_of_difference(p, diff)), exponent) - 128,
                   -128, 127);
    out[i] = (int8_t)q;
  }
}

void mk_softmax_s8(const struct mk_softmax *p) {
  const int8_t *in = (const int8_t *)p->input;
  int8_t *out = (int8_t *)p->output;
  for (int32_t r = 0; r < p->rows; ++r) softmax_row(p, in + r * p->depth, out + r * p->depth);
}
