// dotprod: an int8 dot product in CMSIS-NN's shape (four int8 of each vector loaded as one word, widened with
// SXTB16 and SXTB16-of-ROR-8 into halfword pairs, two SMLADs per word), repeated `dotprod_iterations` times with
// the input changing between repetitions; prints a checksum. The benchmark (and the demo) run it long by
// writing the global dotprod_iterations before starting the program.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "opcheck.h"

#if defined(__arm__)
#include <arm_acle.h>
#define SXTB16(x) __sxtb16(x)
#define SMLAD(x, y, acc) __smlad(x, y, acc)
#else
static uint32_t SXTB16(uint32_t x) { return ((uint32_t)sext(x, 8) & 0xFFFF) | (uint32_t)sext(x >> 16, 8) << 16; }
static int32_t SMLAD(uint32_t x, uint32_t y, int32_t acc) {
  return (int32_t)((uint32_t)acc + (uint32_t)(sext(x, 16) * sext(y, 16)) + (uint32_t)(sext(x >> 16, 16) * sext(y >> 16, 16)));
}
#endif

#define N 1024
volatile uint32_t dotprod_iterations = 16;

static int8_t activations[N] __attribute__((aligned(4)));
static int8_t weights[N] __attribute__((aligned(4)));

static int32_t dot(const int8_t *a, const int8_t *w, unsigned n) {
  int32_t acc = 0;
  for (unsigned i = 0; i < n; i += 4) {
    uint32_t x, y;
    memcpy(&x, a + i, 4);
    memcpy(&y, w + i, 4);
    acc = SMLAD(SXTB16(x), SXTB16(y), acc);
    acc = SMLAD(SXTB16(ror32(x, 8)), SXTB16(ror32(y, 8)), acc);
  }
  return acc;
}

int main(void) {
  uint32_t seed = 1;
  for (unsigned i = 0; i < N; i++) {
    seed = seed * 1103515245u + 12345u;
    activations[i] = (int8_t)(seed >> 16);
    weights[i] = (int8_t)(seed >> 24);
  }
  uint32_t iterations = dotprod_iterations, checksum = 0;
  int32_t last = 0;
  for (uint32_t it = 0; it < iterations; it++) {
    last = dot(activations, weights, N);
    checksum = opcheck_mix(checksum, (uint32_t)last);
    activations[it % N] = (int8_t)(activations[it % N] + 1);
  }
  printf("dotprod n=%d iterations=%" PRIu32 " last=%" PRId32 " checksum=%08" PRIx32 "\n", N, iterations, last, checksum);
  return 0;
}
