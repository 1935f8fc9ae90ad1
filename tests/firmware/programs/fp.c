// fp: IEEE 754 single and double precision: add, sub, mul, div, sqrt, fused multiply-add, compare (with NaN and
// infinities, signed zeros, subnormals), conversions (int <-> float, float <-> double), then, where the build
// has an FPU, the FPSCR: the four rounding modes (A2.5) applied to arithmetic and conversions (VCVTR), and the
// cumulative exception flags; last, printf of floats. Doubles run in hardware on a double-precision FPU
// (STM32F767, MPS2-AN500) and in software elsewhere.
//
// The host build takes the target's FP configuration as its argument: soft, sp (single-precision FPU) or dp.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "opcheck.h"

enum { ROUND_NEAREST, ROUND_UP, ROUND_DOWN, ROUND_ZERO };   // FPSCR.RMode encoding (A2.5)
enum { FLAG_IOC = 1, FLAG_DZC = 2, FLAG_OFC = 4, FLAG_UFC = 8, FLAG_IXC = 16 };   // FPSCR bits 4:0

#if defined(__arm__)
#if defined(__ARM_FP)
static const int has_fpscr = 1;
static const int has_double_fpu = (__ARM_FP & 8) != 0;
static uint32_t fpscr(void) {
  uint32_t v;
  __asm volatile("vmrs %0, fpscr" : "=r"(v)::"memory");
  return v;
}
static void set_fpscr(uint32_t v) { __asm volatile("vmsr fpscr, %0" ::"r"(v) : "memory"); }
static void set_rounding(int mode) { set_fpscr((fpscr() & ~(3u << 22)) | (uint32_t)mode << 22); }
static void clear_flags(void) { set_fpscr(fpscr() & ~0x1Fu); }
static uint32_t flags(void) { return fpscr() & 0x1Fu; }
static int32_t round_to_int(float x) {   // VCVTR: float to integer in the FPSCR rounding mode
  float r;
  __asm volatile("vcvtr.s32.f32 %0, %1" : "=t"(r) : "t"(x));
  int32_t i;
  memcpy(&i, &r, sizeof i);
  return i;
}
#else
static const int has_fpscr = 0, has_double_fpu = 0;
static void set_rounding(int mode) { (void)mode; }
static void clear_flags(void) {}
static uint32_t flags(void) { return 0; }
static int32_t round_to_int(float x) { return (int32_t)x; }
#endif
#else
#include <fenv.h>
static int has_fpscr, has_double_fpu;
static void set_rounding(int mode) {
  static const int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
  fesetround(modes[mode]);
}
static void clear_flags(void) { feclearexcept(FE_ALL_EXCEPT); }
static uint32_t flags(void) {
  return (fetestexcept(FE_INVALID) ? FLAG_IOC : 0) | (fetestexcept(FE_DIVBYZERO) ? FLAG_DZC : 0) |
         (fetestexcept(FE_OVERFLOW) ? FLAG_OFC : 0) | (fetestexcept(FE_UNDERFLOW) ? FLAG_UFC : 0) |
         (fetestexcept(FE_INEXACT) ? FLAG_IXC : 0);
}
static int32_t round_to_int(float x) { return (int32_t)lrintf(x); }
#endif

// Bit patterns; every NaN counts as the default NaN, since NaN payloads and signs differ between FPUs.
static uint32_t fbits(float x) {
  uint32_t u;
  memcpy(&u, &x, sizeof u);
  return isnan(x) ? 0x7FC00000u : u;
}
static uint64_t dbits(double x) {
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return isnan(x) ? 0x7FF8000000000000ull : u;
}

static volatile float fvals[] = {0.0f, -0.0f, 1.0f, -1.0f, 0.1f, 3.0f, -2.5f, 1e-40f, 1.17549435e-38f, 1.5e38f,
                                 3.4e38f, 16777217.0f, 1e10f, 3.14159265f, INFINITY, -INFINITY, NAN};
static volatile double dvals[] = {0.0, -0.0, 1.0, -1.0, 0.1, 3.0, -2.5, 5e-324, 2.2250738585072014e-308, 1e300,
                                  1.7e308, 9007199254740993.0, 1e10, 3.141592653589793, INFINITY, -INFINITY, NAN};
#define NV (sizeof fvals / sizeof fvals[0])

static void single_precision(void) {
  uint32_t h[6] = {2166136261u, 2166136261u, 2166136261u, 2166136261u, 2166136261u, 2166136261u};
  for (unsigned i = 0; i < NV; i++) {
    float a = fvals[i];
    h[4] = opcheck_mix(h[4], fbits(sqrtf(fabsf(a))));
    h[5] = opcheck_mix(h[5], (uint32_t)(a == a ? (int32_t)fminf(fmaxf(a, -2e9f), 2e9f) : 0));
    for (unsigned j = 0; j < NV; j++) {
      float b = fvals[j];
      h[0] = opcheck_mix(h[0], fbits(a + b));
      h[1] = opcheck_mix(h[1], fbits(a - b) ^ fbits(a * b));
      h[2] = opcheck_mix(h[2], fbits(a / b));
      h[3] = opcheck_mix(h[3], (uint32_t)((a < b) | (a <= b) << 1 | (a == b) << 2 | isunordered(a, b) << 3));
    }
  }
  printf("f32 add %08" PRIx32 " sub*mul %08" PRIx32 " div %08" PRIx32 " cmp %08" PRIx32 " sqrt %08" PRIx32
         " toint %08" PRIx32 "\n", h[0], h[1], h[2], h[3], h[4], h[5]);
  volatile float e = 1.0f + 1.0f / 4096.0f;   // (1 + 2^-12)^2 - 1 keeps its 2^-24 term only when fused
  printf("fmaf %08" PRIx32 " unfused %08" PRIx32 "\n", fbits(fmaf(e, e, -1.0f)), fbits(e * e - 1.0f));
  volatile int32_t big = 16777217;
  volatile uint32_t ubig = 0xFFFFFFFFu;
  printf("cvt %08" PRIx32 " %08" PRIx32 " %d %u\n", fbits((float)big), fbits((float)ubig), (int)(float)-2.75f,
         (unsigned)(fvals[12] / 4.0f));
}

static void double_precision(void) {
  uint32_t h[4] = {2166136261u, 2166136261u, 2166136261u, 2166136261u};
  for (unsigned i = 0; i < NV; i++) {
    double a = dvals[i];
    uint64_t s = dbits(sqrt(fabs(a))), f = dbits((double)(float)a) ^ dbits((double)fvals[i]);
    h[3] = opcheck_mix(opcheck_mix(h[3], (uint32_t)s ^ (uint32_t)f), (uint32_t)(s >> 32) ^ (uint32_t)(f >> 32));
    for (unsigned j = 0; j < NV; j++) {
      double b = dvals[j];
      uint64_t add = dbits(a + b), mul = dbits(a * b) ^ dbits(a - b), div = dbits(a / b);
      h[0] = opcheck_mix(opcheck_mix(h[0], (uint32_t)add), (uint32_t)(add >> 32));
      h[1] = opcheck_mix(opcheck_mix(h[1], (uint32_t)mul), (uint32_t)(mul >> 32));
      h[2] = opcheck_mix(opcheck_mix(h[2], (uint32_t)div), (uint32_t)(div >> 32));
    }
  }
  printf("f64 add %08" PRIx32 " sub*mul %08" PRIx32 " div %08" PRIx32 " sqrt+cvt %08" PRIx32 "\n", h[0], h[1], h[2], h[3]);
}

// Each rounding mode on inexact single (and, on a double FPU, double) results; printed after returning to
// round-to-nearest so that printf's own arithmetic is not affected.
static void rounding_modes(void) {
  static const char *const names[] = {"nearest", "up", "down", "zero"};
  volatile float one = 1.0f, three = 3.0f, two = 2.0f, half = 2.5f;
  volatile int32_t odd = 16777217;
  volatile double done = 1.0, dthree = 3.0, dtenth = 0.1;
  for (int m = ROUND_NEAREST; m <= ROUND_ZERO; m++) {
    volatile uint32_t r[9];
    set_rounding(m);
    r[0] = fbits(one / three);
    r[1] = fbits(-one / three);
    r[2] = fbits(sqrtf(two));
    r[3] = fbits((float)odd);
    r[4] = (uint32_t)round_to_int(half);
    r[5] = (uint32_t)round_to_int(-half);
    if (has_double_fpu) {
      double q = done / dthree;
      r[6] = (uint32_t)dbits(q);
      r[7] = (uint32_t)(dbits(q) >> 32);
      r[8] = fbits((float)dtenth);
    }
    set_rounding(ROUND_NEAREST);
    printf("round %-7s %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %" PRId32 " %" PRId32, names[m], r[0],
           r[1], r[2], r[3], (int32_t)r[4], (int32_t)r[5]);
    if (has_double_fpu) printf(" %08" PRIx32 "%08" PRIx32 " %08" PRIx32, r[7], r[6], r[8]);
    printf("\n");
  }
}

// FPSCR cumulative flags (IOC DZC OFC UFC IXC) raised by one operation each.
static void exception_flags(void) {
  volatile float zero = 0.0f, one = 1.0f, three = 3.0f, huge = 3e38f, tiny = 1e-30f, neg = -1.0f;
  uint32_t f[6];
  volatile float sink;
  clear_flags(); sink = one / zero;  f[0] = flags();
  clear_flags(); sink = zero / zero; f[1] = flags();
  clear_flags(); sink = huge * huge; f[2] = flags();
  clear_flags(); sink = tiny * tiny; f[3] = flags();
  clear_flags(); sink = one / three; f[4] = flags();
  clear_flags(); sink = sqrtf(neg);  f[5] = flags();
  (void)sink;
  printf("flags 1/0=%02" PRIx32 " 0/0=%02" PRIx32 " overflow=%02" PRIx32 " underflow=%02" PRIx32 " inexact=%02" PRIx32
         " sqrt(-1)=%02" PRIx32 "\n", f[0], f[1], f[2], f[3], f[4], f[5]);
}

static int fp_main(void) {
  single_precision();
  double_precision();
  if (has_fpscr) {
    rounding_modes();
    exception_flags();
  } else {
    printf("no FPSCR (soft float)\n");
  }
  volatile float third = 1.0f / 3.0f;
  volatile double e = 2.718281828459045;
  printf("printf %.3f %.6e %g %g %.10f %g\n", (double)third, e, 1e-5, 123456789.0, e, -0.0);
  return 0;
}

#if defined(__arm__)
int main(void) { return fp_main(); }
#else
int main(int argc, char **argv) {
  const char *fp = argc > 1 ? argv[1] : "sp";
  has_fpscr = strcmp(fp, "soft") != 0;
  has_double_fpu = strcmp(fp, "dp") == 0;
  return fp_main();
}
#endif
