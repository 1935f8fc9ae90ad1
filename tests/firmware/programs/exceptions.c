// exceptions (B1.5): SVC with the handler reading its number from the instruction and its arguments from the
// stacked frame and returning a result through the stacked r0; PendSV; SysTick interrupts counted while the core
// sleeps in WFI; UsageFaults (SDIV by zero with CCR.DIV_0_TRP, UDF) caught by a handler that prints CFSR and
// returns past the faulting instruction by editing the stacked PC; the same UDF escalated to HardFault (HFSR.FORCED)
// once UsageFault is disabled in SHCSR.
#include <stdint.h>
#include <stdio.h>

#include "mcu.h"

static volatile uint32_t svc_ipsr, pendsv_count, pendsv_ipsr, ticks;

static uint32_t ipsr(void) {
  uint32_t v;
  __asm volatile("mrs %0, ipsr" : "=r"(v));
  return v;
}

FRAME_HANDLER(SVC_Handler, svc_handler)
void svc_handler(uint32_t *frame) {
  uint32_t number = *(const uint16_t *)(frame[FRAME_PC] - 2) & 0xFFu;   // A7.7 SVC: imm8 of the instruction
  svc_ipsr = ipsr();
  frame[FRAME_R0] = number == 42 ? frame[FRAME_R0] + frame[FRAME_R1] : frame[FRAME_R0] * frame[FRAME_R1];
}

#define SVC_CALL(number, a, b)                                                      \
  ({                                                                                \
    register uint32_t r0 __asm("r0") = (a);                                         \
    register uint32_t r1 __asm("r1") = (b);                                         \
    __asm volatile("svc #" #number : "+r"(r0) : "r"(r1) : "memory");                \
    r0;                                                                             \
  })

static int32_t sdiv(int32_t n, int32_t d) {   // A7.7 SDIV, written out: C leaves n / 0 undefined
  int32_t q;
  __asm volatile("sdiv %0, %1, %2" : "=r"(q) : "r"(n), "r"(d));
  return q;
}

void PendSV_Handler(void) {
  pendsv_count++;
  pendsv_ipsr = ipsr();
}

void SysTick_Handler(void) {
  if (++ticks == 3) SYST_CSR = 0;
}

FRAME_HANDLER(UsageFault_Handler, usage_fault)
void usage_fault(uint32_t *frame) {
  uint32_t cfsr = SCB_CFSR;
  printf("usagefault ipsr=%lu cfsr=%08lx\n", (unsigned long)ipsr(), (unsigned long)cfsr);
  SCB_CFSR = cfsr;   // write-one-to-clear (B3.2.15)
  frame[FRAME_PC] += thumb_insn_size(frame[FRAME_PC]);
}

FRAME_HANDLER(HardFault_Handler, hard_fault)
void hard_fault(uint32_t *frame) {
  uint32_t hfsr = SCB_HFSR, cfsr = SCB_CFSR;
  printf("hardfault ipsr=%lu hfsr=%08lx cfsr=%08lx\n", (unsigned long)ipsr(), (unsigned long)hfsr, (unsigned long)cfsr);
  SCB_HFSR = hfsr;
  SCB_CFSR = cfsr;
  frame[FRAME_PC] += thumb_insn_size(frame[FRAME_PC]);
}

int main(void) {
  uint32_t sum = SVC_CALL(42, 20, 22), product = SVC_CALL(7, 6, 9);
  printf("svc add=%lu mul=%lu ipsr=%lu\n", (unsigned long)sum, (unsigned long)product, (unsigned long)svc_ipsr);

  SCB_ICSR = ICSR_PENDSVSET;
  dsb_isb();
  printf("pendsv count=%lu ipsr=%lu\n", (unsigned long)pendsv_count, (unsigned long)pendsv_ipsr);

  SYST_RVR = 9999;
  SYST_CVR = 0;
  SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_TICKINT | SYST_CSR_CLKSOURCE;
  while (ticks < 3) __asm volatile("wfi");
  printf("systick ticks=%lu\n", (unsigned long)ticks);

  SCB_SHCSR |= SHCSR_USGFAULTENA;
  SCB_CCR |= CCR_DIV_0_TRP;
  sdiv(100, 0);
  puts("continued after the division trap");
  SCB_CCR &= ~CCR_DIV_0_TRP;
  printf("100 / 0 = %ld without the trap\n", (long)sdiv(100, 0));

  __asm volatile("udf #7");
  SCB_SHCSR &= ~SHCSR_USGFAULTENA;
  __asm volatile("udf #8");
  puts("done");
  return 0;
}
