// mem_flash: the memory-system microbenchmarks of mem_flash.S on an STM32 reference board, under each flash
// accelerator / cache configuration, as firmware sets them up on silicon. Prints one line per configuration and
// benchmark: "<config> <bench> <cold> <warm> <again>": the cycles (DWT CYCCNT, net of the empty measurement) of
// a first run, a second run, and a run after the configuration's caches were invalidated.
// Registers: FLASH_ACR [RM0090 3.9.1 (F4); RM0385/RM0410 3.7.1 (F7)]; SCB CCR.IC/DC, CCSIDR/CSSELR and the cache
// maintenance operations [ARMv7-M ARM B2.2.7, B3.2.8; Cortex-M7 TRM 4.1].
#include "bench.h"

#define BENCHES(X) X(seq) X(branchy) X(weights)
BENCHES(BENCH_DECLARE)
BENCH_DECLARE(empty)
static const struct bench kBenches[] = {BENCHES(BENCH_ENTRY)};

static int m7;
static uint32_t latency;  // the LATENCY the board booted with (its wait states at its clock)

// ---- invalidation, as firmware does it ----

// F4 [RM0090 3.5.2]: a cache is reset by writing ICRST/DCRST while it is disabled.
static void f4_art_reset(void) {
  uint32_t acr = FLASH_ACR;
  FLASH_ACR = acr & ~(F4_FLASH_ACR_ICEN | F4_FLASH_ACR_DCEN);
  FLASH_ACR = (acr & ~(F4_FLASH_ACR_ICEN | F4_FLASH_ACR_DCEN)) | F4_FLASH_ACR_ICRST | F4_FLASH_ACR_DCRST;
  FLASH_ACR = acr & ~(F4_FLASH_ACR_ICRST | F4_FLASH_ACR_DCRST);
}

// F7 [RM0385 3.4]: ARTRST while ARTEN is 0.
static void f7_art_reset(void) {
  uint32_t acr = FLASH_ACR;
  FLASH_ACR = acr & ~F7_FLASH_ACR_ARTEN;
  FLASH_ACR = (acr & ~F7_FLASH_ACR_ARTEN) | F7_FLASH_ACR_ARTRST;
  FLASH_ACR = acr & ~F7_FLASH_ACR_ARTRST;
}

// ---- configurations ----

struct config {
  const char* name;
  uint32_t acr;    // FLASH_ACR without LATENCY
  uint32_t ccr;    // CCR.IC/DC (Cortex-M7)
  int itcm;        // call the code through the F7's ITCM alias of the flash (0x0020 0000)
  int zero_ws;     // LATENCY = 0 instead of the board's
  void (*invalidate)(void);
};

static const struct config kF4Configs[] = {
    {"off", 0, 0, 0, 0, f4_art_reset},
    {"prefetch", FLASH_ACR_PRFTEN, 0, 0, 0, f4_art_reset},
    {"caches", F4_FLASH_ACR_ICEN | F4_FLASH_ACR_DCEN, 0, 0, 0, f4_art_reset},
    {"all", FLASH_ACR_PRFTEN | F4_FLASH_ACR_ICEN | F4_FLASH_ACR_DCEN, 0, 0, 0, f4_art_reset},
    {"ws0", 0, 0, 0, 1, f4_art_reset},
};

static const struct config kF7Configs[] = {
    {"off", 0, 0, 0, 0, l1_invalidate},
    {"l1", 0, CCR_IC | CCR_DC, 0, 0, l1_invalidate},
    {"ws0", 0, 0, 0, 1, l1_invalidate},
    {"itcm_off", 0, 0, 1, 0, f7_art_reset},
    {"itcm_prefetch", FLASH_ACR_PRFTEN, 0, 1, 0, f7_art_reset},
    {"itcm_art", FLASH_ACR_PRFTEN | F7_FLASH_ACR_ARTEN, 0, 1, 0, f7_art_reset},
};

static void apply(const struct config* c) {
  SCB_CCR &= ~(CCR_IC | CCR_DC);
  dsb_isb();
  FLASH_ACR = (c->zero_ws ? 0 : latency);   // accelerators off while reconfiguring
  c->invalidate();
  FLASH_ACR = (c->zero_ws ? 0 : latency) | c->acr;
  if (c->ccr) {   // invalidate-then-enable [Cortex-M7 TRM 4.1 / ARMv7-M B2.2.7]
    l1_invalidate();
    SCB_CCR |= c->ccr;
    dsb_isb();
  }
}

// The F7's ITCM alias of a flash function (RM0385 2.3: flash at 0x0800 0000 on AXIM, 0x0020 0000 on ITCM).
static bench_fn via(const struct config* c, bench_fn f) {
  return c->itcm ? (bench_fn)((uintptr_t)f - 0x08000000u + 0x00200000u) : f;
}

static uint32_t data[8];

static void run(const struct config* c) {
  apply(c);
  const bench_fn empty = via(c, bench_empty);
  for (unsigned k = 0; k < sizeof kBenches / sizeof kBenches[0]; ++k) {
    const bench_fn fn = via(c, kBenches[k].fn);
    const uint32_t base = bench_warm(empty, data);
    const uint32_t cold = fn(data) - base, warm = fn(data) - base;
    c->invalidate();
    if (c->ccr) dsb_isb();
    const uint32_t again = fn(data) - base;
    printf("%s %s %lu %lu %lu\n", c->name, kBenches[k].name, (unsigned long)cold, (unsigned long)warm,
           (unsigned long)again);
  }
}

int main(void) {
  m7 = CPUID_PARTNO(SCB_CPUID) == CPUID_PARTNO_M7;
  latency = FLASH_ACR & FLASH_ACR_LATENCY_MASK;
  printf("latency %lu\n", (unsigned long)latency);
  cyccnt_start();
  const struct config* configs = m7 ? kF7Configs : kF4Configs;
  const unsigned n = m7 ? sizeof kF7Configs / sizeof kF7Configs[0] : sizeof kF4Configs / sizeof kF4Configs[0];
  for (unsigned k = 0; k < n; ++k) run(&configs[k]);
  return 0;
}
