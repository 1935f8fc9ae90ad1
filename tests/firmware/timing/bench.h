// Shared by the timing microbenchmark programs (tests/firmware/timing): the DWT cycle counter set up as one does
// on silicon, and a table of benchmarks, each run twice (the second, warm run is printed) net of the empty one.
#pragma once
#include <stdint.h>
#include <stdio.h>

#include "mcu.h"

typedef uint32_t (*bench_fn)(uint32_t* data);

struct bench {
  const char* name;
  bench_fn fn;
};

#define BENCH_DECLARE(name) uint32_t bench_##name(uint32_t* data);
#define BENCH_ENTRY(name) {#name, bench_##name},

static inline uint32_t bench_warm(bench_fn fn, uint32_t* data) {
  fn(data);
  return fn(data);
}

// Prints "<prefix><name> <cycles>" for each benchmark: its warm run minus the warm empty run.
static inline void bench_run_all(const char* prefix, const struct bench* b, unsigned n, bench_fn empty,
                                 uint32_t* data) {
  const uint32_t base = bench_warm(empty, data);
  for (unsigned k = 0; k < n; ++k)
    printf("%s%s %lu\n", prefix, b[k].name, (unsigned long)(bench_warm(b[k].fn, data) - base));
}
