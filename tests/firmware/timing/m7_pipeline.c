// m7_pipeline: runs the Cortex-M7 pipeline microbenchmarks of m7_pipeline.S and prints each one's cycles (DWT
// CYCCNT) net of the empty measurement, one "name cycles" line each (the second of two runs: the branch
// predictor has seen each branch once).
#include "bench.h"

#define BENCHES(X)                                                                                              \
  X(alu_x4) X(alu_chain_early) X(alu_chain_late) X(shifted_x2) X(bitfield_x2) X(movw_movt) X(ldr_str) X(str_x2)  \
  X(ldr_banks) X(ldr_same_bank) X(load_use) X(ldrb_use) X(ldr_chase) X(mul_use) X(smlad_chain) X(smlad_operand) \
  X(ldm4) X(ldm5) X(ldrd) X(ldr_unaligned) X(udiv_use) X(vadd_use) X(vfma_chain) X(bne_not_taken) X(loop8)       \
  X(loop16) X(mispredict_late) X(mispredict_early)

BENCHES(BENCH_DECLARE)
BENCH_DECLARE(empty)

static const struct bench kBenches[] = {BENCHES(BENCH_ENTRY)};

static uint32_t data[8] __attribute__((aligned(8)));

int main(void) {
  data[0] = (uint32_t)(uintptr_t)data;
  cyccnt_start();
  bench_run_all("", kBenches, sizeof kBenches / sizeof kBenches[0], bench_empty, data);
  return 0;
}
