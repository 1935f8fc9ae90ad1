// dwt: the DWT cycle counter (C1.8): enable trace (DEMCR.TRCENA), unlock DWT on the Cortex-M7 (DWT_LAR), start
// CYCCNT, count a 1000-iteration loop, stop it and check it holds still. Prints the core (CPUID, B3.2.3) and
// the cycle difference; exits 0 when the loop took at least one cycle per iteration and the stopped counter
// did not move.
#include <stdint.h>
#include <stdio.h>

#include "mcu.h"

#define LOOPS 1000

int main(void) {
  uint32_t cpuid = SCB_CPUID;
  int m7 = CPUID_PARTNO(cpuid) == CPUID_PARTNO_M7;
  printf("core Cortex-M%c r%lup%lu\n", m7 ? '7' : '4', (unsigned long)(cpuid >> 20) & 0xF, (unsigned long)cpuid & 0xF);
  DEMCR |= DEMCR_TRCENA;
  if (m7) DWT_LAR = DWT_LAR_KEY;
  DWT_CYCCNT = 0;
  DWT_CTRL |= DWT_CTRL_CYCCNTENA;
  volatile uint32_t sink = 0;
  uint32_t start = DWT_CYCCNT;
  for (uint32_t i = 0; i < LOOPS; i++) sink += i;
  uint32_t cycles = DWT_CYCCNT - start;
  DWT_CTRL &= ~DWT_CTRL_CYCCNTENA;
  uint32_t held = DWT_CYCCNT;
  for (uint32_t i = 0; i < 100; i++) sink += i;
  int stopped = DWT_CYCCNT == held;
  printf("dwt loop of %d iterations: %lu cycles; counter %s when disabled\n", LOOPS, (unsigned long)cycles,
         stopped ? "stops" : "runs on");
  return cycles >= LOOPS && stopped ? 0 : 1;
}
