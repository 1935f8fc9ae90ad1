// dot_s8: the inner loop of an int8 fully connected layer in CMSIS-NN's shape (vector of int16 activations times
// one row of int8 weights). Each pass of the loop: one LDR of four int8 weights from flash, SXTB16 and SXTB16 ROR 8
// to expand them into two int16 pairs, two LDRs of activation pairs from SRAM, two SMLADs.
// One iteration = one pass = 4 MACs. The kernel runs once over N weights (N / 4 iterations), timed by DWT CYCCNT;
// prints the result and a checksum (the host build prints the same line: the expected output).
#include "kernels.h"

#define N 4096
#define ITERATIONS (N / 4)

static const int8_t weights[N] __attribute__((aligned(4))) = {KW1024(0), KW1024(1024), KW1024(2048), KW1024(3072)};
static int16_t activations[N] __attribute__((aligned(4)));

__attribute__((noinline)) int32_t kernel_dot_s8(const int8_t *w, const int16_t *a, uint32_t iterations) {
  int32_t acc = 0;
  for (uint32_t i = 0; i < iterations; i++) {
    const uint32_t w4 = load32(w);
    acc = smlad(sxtb16(w4), load32(a), acc);
    acc = smlad(sxtb16_ror8(w4), load32(a + 2), acc);
    w += 4;
    a += 4;
  }
  return acc;
}

int main(void) {
  system_init();
  uint32_t seed = 1;
  for (unsigned i = 0; i < N; i++) activations[i] = activation(&seed);
  cycle_counter_start();
  int32_t result;
  TIMED("kernel_dot_s8", ITERATIONS, result = kernel_dot_s8(weights, activations, ITERATIONS));
  printf("dot_s8 n=%d iterations=%d macs_per_iteration=4 result=%" PRId32 " checksum=%08" PRIx32 "\n", N, ITERATIONS,
         result, opcheck_mix(0, (uint32_t)result));
  return 0;
}
