// branches: every condition code in IT blocks (and an IT block whose first instruction changes the flags the
// later ones test), TBB/TBH jump tables, CBZ/CBNZ, BLX to a register (branches.S); compiled switch tables,
// function pointers, recursion (direct and mutual), setjmp/longjmp, loops with early exits.
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

#include "opcheck.h"

#if defined(__arm__)
uint32_t it_conditions(uint32_t a, uint32_t b);
uint32_t it_mixed(uint32_t a, uint32_t b);
uint32_t tbb_dispatch(uint32_t i);
uint32_t tbh_dispatch(uint32_t i);
uint32_t cbz_length(const uint8_t *s);
uint32_t call_through(uint32_t (*fn)(uint32_t), uint32_t x);
#else
// A7.3.1 ConditionPassed for cond 0 (EQ) .. 13 (LE) on the flags of a - b.
static int condition(unsigned cond, uint32_t a, uint32_t b) {
  uint32_t f = 0;
  add_with_carry(a, ~b, 1, &f);
  int n = (f & APSR_N) != 0, z = (f & APSR_Z) != 0, c = (f & APSR_C) != 0, v = (f & APSR_V) != 0;
  int base[7] = {z, c, n, v, c && !z, n == v, !z && n == v};
  return (cond & 1) ? !base[cond >> 1] : base[cond >> 1];
}
static uint32_t it_conditions(uint32_t a, uint32_t b) {
  uint32_t r = 0;
  for (unsigned k = 0; k < 14; k++) r |= (uint32_t)condition(k, a, b) << k;
  return r;
}
enum { GT = 12, LE = 13 };
static uint32_t it_mixed(uint32_t a, uint32_t b) {
  uint32_t r = 0, x = a, y = b;   // (x, y): the operands of the flags in force
  if (condition(GT, x, y)) r = a - b;
  if (condition(LE, x, y)) r = b - a, x = b, y = a;
  if (condition(GT, x, y)) r += 100;
  if (condition(LE, x, y)) r += r;
  return r < 64 ? r << 4 : r;
}
static uint32_t tbb_dispatch(uint32_t i) { return i <= 5 ? 11 * (i + 1) : 0xFF; }
static uint32_t tbh_dispatch(uint32_t i) { return i <= 3 ? 1000 * (i + 1) : 0xFFFF; }
static uint32_t cbz_length(const uint8_t *s) {
  uint32_t n = 0;
  while (s[n]) n++;
  return n ? n : 0xFFFFFFFFu;
}
static uint32_t call_through(uint32_t (*fn)(uint32_t), uint32_t x) { return fn(x) + 1; }
#endif

// A switch dense enough for GCC to emit a TBB table.
static int32_t dispatch(int op, int32_t y) {
  switch (op) {
    case 0: return y + 1;
    case 1: return y * 3;
    case 2: return y - 7;
    case 3: return y ^ 0x55;
    case 4: return y << 2;
    case 5: return y >> 1;
    case 6: return ~y;
    case 7: return y & 0xF0;
    case 8: return -y;
    case 9: return y | 9;
    default: return 0;
  }
}

static uint32_t twice(uint32_t x) { return 2 * x; }
static uint32_t square(uint32_t x) { return x * x; }
static uint32_t (*const transforms[])(uint32_t) = {twice, square};

static uint32_t ackermann(uint32_t m, uint32_t n) {
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}
static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static jmp_buf escape;
static volatile int escape_armed = 1;
static int deep(int depth) {
  if (depth == 0) {
    if (escape_armed) longjmp(escape, 42);
    return 0;
  }
  return deep(depth - 1) + 1;
}

int main(void) {
  uint32_t h = 2166136261u;
  for (unsigned i = 0; i < OPCHECK_COUNT(opcheck_values); i++)
    for (unsigned j = 0; j < OPCHECK_COUNT(opcheck_values); j++) {
      h = opcheck_mix(h, it_conditions(opcheck_values[i], opcheck_values[j]));
      h = opcheck_mix(h, it_mixed(opcheck_values[i], opcheck_values[j]));
    }
  printf("it blocks %08" PRIx32 "\n", h);
  printf("tbb");
  for (uint32_t i = 0; i < 8; i++) printf(" %" PRIu32, tbb_dispatch(i));
  printf("\ntbh");
  for (uint32_t i = 0; i < 6; i++) printf(" %" PRIu32, tbh_dispatch(i));
  printf("\ncbz %" PRIu32 " %" PRIu32 "\n", cbz_length((const uint8_t *)"conditional"), cbz_length((const uint8_t *)""));
  int32_t s = 1;
  for (int k = 0; k < 40; k++) s = dispatch(k % 11, s + k);
  printf("switch %" PRId32 "\n", s);
  uint32_t t = 3;
  for (int k = 0; k < 5; k++) t = call_through(transforms[k & 1], t) & 0xFFFFF;
  printf("pointers %" PRIu32 "\n", t);
  printf("recursion ack=%" PRIu32 " fib=%" PRIu32 " odd=%d\n", ackermann(2, 3), fib(20), is_odd(77));
  int jumped = setjmp(escape);
  if (!jumped) deep(50);
  printf("longjmp %d\n", jumped);
  return 0;
}
