/* What vendor SystemInit/HAL code does before main() at full clock, for the kernel image and the kernel-loop test
 * firmware: the flash accelerator on (STM32F4 ART: prefetch + instruction and data caches; STM32F7: prefetch + ART on
 * the ITCM path) and, on the Cortex-M7, the L1 caches invalidated then enabled (CCR.IC/DC). FLASH_ACR [RM0390 3.9.1
 * (F446), RM0385 3.7.1 (F74x), RM0410 3.7.1 (F76x)] at 0x4002_3C00. The wait states (LATENCY) are kept as they are:
 * mcuprof boots a board with the value its clock needs (sim/machine.h), as SystemInit leaves it. */
#ifndef MCUPROF_SYSTEM_INIT_H
#define MCUPROF_SYSTEM_INIT_H
#include "mcu.h"

static inline void system_init(void) {
  const uint32_t latency = FLASH_ACR & FLASH_ACR_LATENCY_MASK;
  if (CPUID_PARTNO(SCB_CPUID) == CPUID_PARTNO_M4) {
    FLASH_ACR = latency | FLASH_ACR_PRFTEN | F4_FLASH_ACR_ICEN | F4_FLASH_ACR_DCEN;
    return;
  }
  FLASH_ACR = latency | FLASH_ACR_PRFTEN | F7_FLASH_ACR_ARTEN;
  l1_invalidate();
  SCB_CCR |= CCR_IC | CCR_DC;
  dsb_isb();
}

#endif
