// m4_pipeline: runs the Cortex-M4 pipeline microbenchmarks of m4_pipeline.S and prints each one's cycles
// (DWT CYCCNT) net of the empty measurement, one "name cycles" line each. Each benchmark runs twice and the
// second run is printed, so code fetched once (flash accelerator, caches) is warm.
#include <stdint.h>
#include <stdio.h>

#include "mcu.h"

typedef uint32_t (*bench_fn)(uint32_t* data);

#define BENCHES(X)                                                                                       \
  X(ldr_ldr) X(ldr_x3) X(ldr_chase) X(alu_address) X(str_imm_x2) X(str_reg) X(str_ldr) X(ldrd) X(push_pop) \
  X(ldr_unaligned) X(b_narrow) X(b_wide_odd) X(bne_not_taken) X(bx) X(tbb) X(it_folded) X(udiv_small)       \
  X(udiv_large) X(vadd_dependent) X(vdiv_then_fp)

#define DECLARE(name) uint32_t bench_##name(uint32_t* data);
BENCHES(DECLARE)
uint32_t bench_empty(uint32_t* data);

#define ENTRY(name) {#name, bench_##name},
static const struct {
  const char* name;
  bench_fn fn;
} kBenches[] = {BENCHES(ENTRY)};

static uint32_t data[8] __attribute__((aligned(8)));

static uint32_t measure(bench_fn fn) {
  fn(data);
  return fn(data);
}

int main(void) {
  data[0] = (uint32_t)(uintptr_t)data;
  DEMCR |= DEMCR_TRCENA;
  DWT_CYCCNT = 0;
  DWT_CTRL |= DWT_CTRL_CYCCNTENA;
  const uint32_t base = measure(bench_empty);
  for (unsigned k = 0; k < sizeof kBenches / sizeof kBenches[0]; ++k)
    printf("%s %lu\n", kBenches[k].name, (unsigned long)(measure(kBenches[k].fn) - base));
  return 0;
}
