// muldsp: multiplies and divides (ARMv7-M ARM A7.7): 32- and 64-bit multiply and multiply-accumulate, UMAAL,
// SDIV/UDIV (division by zero gives 0 while CCR.DIV_0_TRP is clear; INT_MIN / -1), the DSP halfword and word
// multiplies (SMULxy, SMLAxy, SMULWy, SMLAWy, SMMUL/SMMLA/SMMLS and their rounding forms, SMLALxy, SMLALD,
// SMLSLD, SMUAD, SMUSD, SMLAD, SMLSD with exchange), USAD8/USADA8, saturating QADD/QSUB/QDADD/QDSUB and
// SSAT/USAT/SSAT16/USAT16 with the sticky Q flag; then compiled C (64-bit multiply, divide, modulo).
#include <stdint.h>
#include <stdio.h>

#include "opcheck.h"

#define MUL_OPS(X)                                        \
  X(mul, "mul %[d], %[a], %[b]")                          \
  X(mla, "mla %[d], %[a], %[b], %[d]")                    \
  X(mls, "mls %[d], %[a], %[b], %[d]")                    \
  X(umull, "umull %[d], %[e], %[a], %[b]")                \
  X(smull, "smull %[d], %[e], %[a], %[b]")                \
  X(umlal, "umlal %[d], %[e], %[a], %[b]")                \
  X(smlal, "smlal %[d], %[e], %[a], %[b]")                \
  X(umaal, "umaal %[d], %[e], %[a], %[b]")                \
  X(sdiv, "sdiv %[d], %[a], %[b]")                        \
  X(udiv, "udiv %[d], %[a], %[b]")                        \
  X(smulbb, "smulbb %[d], %[a], %[b]")                    \
  X(smulbt, "smulbt %[d], %[a], %[b]")                    \
  X(smultb, "smultb %[d], %[a], %[b]")                    \
  X(smultt, "smultt %[d], %[a], %[b]")                    \
  X(smlabb, "smlabb %[d], %[a], %[b], %[d]")              \
  X(smlatt, "smlatt %[d], %[a], %[b], %[d]")              \
  X(smulwb, "smulwb %[d], %[a], %[b]")                    \
  X(smulwt, "smulwt %[d], %[a], %[b]")                    \
  X(smlawb, "smlawb %[d], %[a], %[b], %[d]")              \
  X(smlawt, "smlawt %[d], %[a], %[b], %[d]")              \
  X(smmul, "smmul %[d], %[a], %[b]")                      \
  X(smmulr, "smmulr %[d], %[a], %[b]")                    \
  X(smmla, "smmla %[d], %[a], %[b], %[d]")                \
  X(smmlar, "smmlar %[d], %[a], %[b], %[d]")              \
  X(smmls, "smmls %[d], %[a], %[b], %[d]")                \
  X(smmlsr, "smmlsr %[d], %[a], %[b], %[d]")              \
  X(smlalbb, "smlalbb %[d], %[e], %[a], %[b]")            \
  X(smlaltb, "smlaltb %[d], %[e], %[a], %[b]")            \
  X(smlald, "smlald %[d], %[e], %[a], %[b]")              \
  X(smlaldx, "smlaldx %[d], %[e], %[a], %[b]")            \
  X(smlsld, "smlsld %[d], %[e], %[a], %[b]")              \
  X(smlsldx, "smlsldx %[d], %[e], %[a], %[b]")            \
  X(smuad, "smuad %[d], %[a], %[b]")                      \
  X(smuadx, "smuadx %[d], %[a], %[b]")                    \
  X(smusd, "smusd %[d], %[a], %[b]")                      \
  X(smusdx, "smusdx %[d], %[a], %[b]")                    \
  X(smlad, "smlad %[d], %[a], %[b], %[d]")                \
  X(smladx, "smladx %[d], %[a], %[b], %[d]")              \
  X(smlsd, "smlsd %[d], %[a], %[b], %[d]")                \
  X(smlsdx, "smlsdx %[d], %[a], %[b], %[d]")              \
  X(usad8, "usad8 %[d], %[a], %[b]")                      \
  X(usada8, "usada8 %[d], %[a], %[b], %[d]")              \
  X(qadd, "qadd %[d], %[a], %[b]")                        \
  X(qsub, "qsub %[d], %[a], %[b]")                        \
  X(qdadd, "qdadd %[d], %[a], %[b]")                      \
  X(qdsub, "qdsub %[d], %[a], %[b]")                      \
  X(ssat8, "ssat %[d], #8, %[a]")                         \
  X(ssat16_asr, "ssat %[d], #16, %[a], asr #7")           \
  X(ssat32, "ssat %[d], #32, %[a]")                       \
  X(usat8, "usat %[d], #8, %[a]")                         \
  X(usat31_lsl, "usat %[d], #31, %[a], lsl #3")           \
  X(ssat16, "ssat16 %[d], #4, %[a]")                      \
  X(usat16, "usat16 %[d], #9, %[a]")

#ifndef __arm__
static int64_t hilo(uint32_t hi, uint32_t lo) { return (int64_t)(((uint64_t)hi << 32) | lo); }
static op_out out64(int64_t v, uint32_t f) { return out2((uint32_t)v, (uint32_t)((uint64_t)v >> 32), f); }
static int32_t half(uint32_t x, int top) { return sext(top ? x >> 16 : x, 16); }
// A 32-bit result of a wider sum; Q is set when it does not fit (SMLAxy, SMUAD, SMLAD...).
static op_out sum_q(uint32_t c, int64_t v, uint32_t f) { return out1(c, (uint32_t)v, (int64_t)(int32_t)v != v ? f | APSR_Q : f); }
// The two halfword products of the dual multiplies; x exchanges b's halves.
static int64_t dual(uint32_t a, uint32_t b, int x, int subtract) {
  int64_t p1 = (int64_t)half(a, 0) * half(b, x), p2 = (int64_t)half(a, 1) * half(b, !x);
  return subtract ? p1 - p2 : p1 + p2;
}
// SMMUL family: the top word of (acc << 32) +/- a*b, rounded when asked.
static op_out most_significant(uint32_t a, uint32_t b, uint32_t c, uint32_t f, int64_t acc, int negate, int round) {
  uint64_t v = ((uint64_t)acc << 32) + (uint64_t)((negate ? -1 : 1) * (int64_t)(int32_t)a * (int32_t)b);
  if (round) v += 0x80000000u;
  return out1(c, (uint32_t)(v >> 32), f);
}
static uint32_t sat_sum(int64_t v, uint32_t *f) { return (uint32_t)signed_sat_q(v, 32, f); }
static op_out sat_pair(uint32_t a, uint32_t c, unsigned bits, int is_signed, uint32_t f) {
  uint32_t lo = is_signed ? (uint32_t)signed_sat_q(slane(a, 16, 0), bits, &f) & 0xFFFF : unsigned_sat_q(slane(a, 16, 0), bits, &f);
  uint32_t hi = is_signed ? (uint32_t)signed_sat_q(slane(a, 16, 1), bits, &f) & 0xFFFF : unsigned_sat_q(slane(a, 16, 1), bits, &f);
  return out1(c, lo | hi << 16, f);
}

static op_out ref_mul(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, a * b, f); }
static op_out ref_mla(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, a * b + c, f); }
static op_out ref_mls(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, c - a * b, f); }
static op_out ref_umull(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)c; return out64((int64_t)((uint64_t)a * b), f); }
static op_out ref_smull(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)c; return out64((int64_t)(int32_t)a * (int32_t)b, f); }
static op_out ref_umlal(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out64((int64_t)((uint64_t)a * b + (uint64_t)hilo(~c, c)), f); }
static op_out ref_smlal(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out64((int64_t)((uint64_t)((int64_t)(int32_t)a * (int32_t)b) + (uint64_t)hilo(~c, c)), f); }
static op_out ref_umaal(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out64((int64_t)((uint64_t)a * b + c + ~c), f); }
static op_out ref_sdiv(uint32_t a, uint32_t b, uint32_t c, uint32_t f) {
  int32_t n = (int32_t)a, m = (int32_t)b;
  return out1(c, m == 0 ? 0 : (n == INT32_MIN && m == -1) ? a : (uint32_t)(n / m), f);
}
static op_out ref_udiv(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, b == 0 ? 0 : a / b, f); }
static op_out ref_smulbb(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, (uint32_t)(half(a, 0) * half(b, 0)), f); }
static op_out ref_smulbt(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, (uint32_t)(half(a, 0) * half(b, 1)), f); }
static op_out ref_smultb(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, (uint32_t)(half(a, 1) * half(b, 0)), f); }
static op_out ref_smultt(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, (uint32_t)(half(a, 1) * half(b, 1)), f); }
static op_out ref_smlabb(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return sum_q(c, (int64_t)half(a, 0) * half(b, 0) + (int32_t)c, f); }
static op_out ref_smlatt(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return sum_q(c, (int64_t)half(a, 1) * half(b, 1) + (int32_t)c, f); }
static op_out ref_smulwb(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, (uint32_t)(((int64_t)(int32_t)a * half(b, 0)) >> 16), f); }
static op_out ref_smulwt(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, (uint32_t)(((int64_t)(int32_t)a * half(b, 1)) >> 16), f); }
static op_out smlaw(uint32_t a, uint32_t b, uint32_t c, uint32_t f, int top) {
  int64_t v = (int64_t)(int32_t)a * half(b, top) + (int64_t)(int32_t)c * 65536;
  return sum_q(c, v >> 16, f);
}
static op_out ref_smlawb(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return smlaw(a, b, c, f, 0); }
static op_out ref_smlawt(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return smlaw(a, b, c, f, 1); }
static op_out ref_smmul(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return most_significant(a, b, c, f, 0, 0, 0); }
static op_out ref_smmulr(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return most_significant(a, b, c, f, 0, 0, 1); }
static op_out ref_smmla(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return most_significant(a, b, c, f, (int32_t)c, 0, 0); }
static op_out ref_smmlar(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return most_significant(a, b, c, f, (int32_t)c, 0, 1); }
static op_out ref_smmls(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return most_significant(a, b, c, f, (int32_t)c, 1, 0); }
static op_out ref_smmlsr(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return most_significant(a, b, c, f, (int32_t)c, 1, 1); }
static op_out long_acc(int64_t v, uint32_t c, uint32_t f) { return out64((int64_t)((uint64_t)v + (uint64_t)hilo(~c, c)), f); }
static op_out ref_smlalbb(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return long_acc((int64_t)half(a, 0) * half(b, 0), c, f); }
static op_out ref_smlaltb(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return long_acc((int64_t)half(a, 1) * half(b, 0), c, f); }
static op_out ref_smlald(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return long_acc(dual(a, b, 0, 0), c, f); }
static op_out ref_smlaldx(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return long_acc(dual(a, b, 1, 0), c, f); }
static op_out ref_smlsld(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return long_acc(dual(a, b, 0, 1), c, f); }
static op_out ref_smlsldx(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return long_acc(dual(a, b, 1, 1), c, f); }
static op_out ref_smuad(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return sum_q(c, dual(a, b, 0, 0), f); }
static op_out ref_smuadx(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return sum_q(c, dual(a, b, 1, 0), f); }
static op_out ref_smusd(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, (uint32_t)dual(a, b, 0, 1), f); }
static op_out ref_smusdx(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, (uint32_t)dual(a, b, 1, 1), f); }
static op_out ref_smlad(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return sum_q(c, dual(a, b, 0, 0) + (int32_t)c, f); }
static op_out ref_smladx(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return sum_q(c, dual(a, b, 1, 0) + (int32_t)c, f); }
static op_out ref_smlsd(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return sum_q(c, dual(a, b, 0, 1) + (int32_t)c, f); }
static op_out ref_smlsdx(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return sum_q(c, dual(a, b, 1, 1) + (int32_t)c, f); }
static uint32_t sad8(uint32_t a, uint32_t b) {
  uint32_t s = 0;
  for (unsigned i = 0; i < 4; i++) s += (uint32_t)__builtin_abs((int)lane(a, 8, i) - (int)lane(b, 8, i));
  return s;
}
static op_out ref_usad8(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, sad8(a, b), f); }
static op_out ref_usada8(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, sad8(a, b) + c, f); }
static op_out ref_qadd(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { uint32_t d = sat_sum((int64_t)(int32_t)a + (int32_t)b, &f); return out1(c, d, f); }
static op_out ref_qsub(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { uint32_t d = sat_sum((int64_t)(int32_t)a - (int32_t)b, &f); return out1(c, d, f); }
static op_out ref_qdadd(uint32_t a, uint32_t b, uint32_t c, uint32_t f) {
  int32_t doubled = (int32_t)sat_sum(2 * (int64_t)(int32_t)b, &f);
  uint32_t d = sat_sum((int64_t)(int32_t)a + doubled, &f);
  return out1(c, d, f);
}
static op_out ref_qdsub(uint32_t a, uint32_t b, uint32_t c, uint32_t f) {
  int32_t doubled = (int32_t)sat_sum(2 * (int64_t)(int32_t)b, &f);
  uint32_t d = sat_sum((int64_t)(int32_t)a - doubled, &f);
  return out1(c, d, f);
}
static op_out ref_ssat8(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; uint32_t d = (uint32_t)signed_sat_q((int32_t)a, 8, &f); return out1(c, d, f); }
static op_out ref_ssat16_asr(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; uint32_t d = (uint32_t)signed_sat_q((int32_t)a >> 7, 16, &f); return out1(c, d, f); }
static op_out ref_ssat32(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; uint32_t d = (uint32_t)signed_sat_q((int32_t)a, 32, &f); return out1(c, d, f); }
static op_out ref_usat8(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; uint32_t d = unsigned_sat_q((int32_t)a, 8, &f); return out1(c, d, f); }
static op_out ref_usat31_lsl(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; uint32_t d = unsigned_sat_q((int32_t)(a << 3), 31, &f); return out1(c, d, f); }
static op_out ref_ssat16(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return sat_pair(a, c, 4, 1, f); }
static op_out ref_usat16(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return sat_pair(a, c, 9, 0, f); }
#endif

MUL_OPS(OP_DEFINE)
static const op_entry mul_ops[] = {MUL_OPS(OP_ENTRY)};

// ---- compiled C ----
static uint32_t gcd(uint32_t a, uint32_t b) {
  while (b) {
    uint32_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

int main(void) {
  printf("muldsp: %d ops\n", opcheck_run(mul_ops, OPCHECK_COUNT(mul_ops)));
  volatile int64_t big = -0x123456789ALL;
  int64_t q = 0, r = 0;
  for (int64_t d = 3; d < 3000000000LL; d = d * 7 + 1) {
    q += big / d;
    r += big % d;
  }
  printf("i64 div %08" PRIx32 "%08" PRIx32 " mod %08" PRIx32 "%08" PRIx32 "\n", (uint32_t)((uint64_t)q >> 32),
         (uint32_t)q, (uint32_t)((uint64_t)r >> 32), (uint32_t)r);
  uint32_t g = 0;
  for (uint32_t i = 1; i < 200; i++) g += gcd(i * 2654435761u, i * i + 12345u);
  printf("gcd sum %" PRIu32 "\n", g);
  volatile int32_t n = -1000003;
  int32_t s = 0;
  for (int32_t k = 1; k < 100; k += 3) s += n / k + n % k + (int32_t)((uint32_t)n / (uint32_t)k);
  printf("div sum %" PRId32 "\n", s);
  return 0;
}
