// Startup code of the test firmware: the vector table, the reset handler (B1.5.5: the core loads SP from
// word 0 and PC from word 1), .data copy from its load address, .bss clear, FPU enable, newlib's semihosting
// handles, main, and exit through semihosting SYS_EXIT_EXTENDED so the exit code reaches the host.
#include <stdint.h>
#include <stdlib.h>

#include "mcu.h"

extern uint32_t __data_load[], __data_start[], __data_end[], __bss_start__[], __bss_end__[];
extern uint32_t __stack_top[];
extern int main(void);
extern void initialise_monitor_handles(void);

void Reset_Handler(void);
void Default_Handler(void);
// A program overrides a handler by defining a function of the same name.
#define WEAK_HANDLER(name) void name(void) __attribute__((weak, alias("Default_Handler")))
WEAK_HANDLER(NMI_Handler);
WEAK_HANDLER(HardFault_Handler);
WEAK_HANDLER(MemManage_Handler);
WEAK_HANDLER(BusFault_Handler);
WEAK_HANDLER(UsageFault_Handler);
WEAK_HANDLER(SVC_Handler);
WEAK_HANDLER(DebugMon_Handler);
WEAK_HANDLER(PendSV_Handler);
WEAK_HANDLER(SysTick_Handler);

// B1.5.3 the vector table: initial SP, then exceptions 1-15 (entries 7-10 and 13 are reserved).
__attribute__((section(".vectors"), used)) void (*const vector_table[16])(void) = {
    (void (*)(void))__stack_top, Reset_Handler,   NMI_Handler,   HardFault_Handler,
    MemManage_Handler,           BusFault_Handler, UsageFault_Handler, 0,
    0,                           0,                0,             SVC_Handler,
    DebugMon_Handler,            0,                PendSV_Handler, SysTick_Handler,
};

void Reset_Handler(void) {
#if defined(__ARM_FP)
  // B3.2.20 CPACR: full access to CP10 and CP11 before the first floating-point instruction.
  SCB_CPACR |= 0xFu << 20;
  dsb_isb();
#endif
  for (uint32_t *src = __data_load, *dst = __data_start; dst < __data_end;) *dst++ = *src++;
  for (uint32_t *dst = __bss_start__; dst < __bss_end__;) *dst++ = 0;
  SCB_VTOR = (uint32_t)vector_table;
  initialise_monitor_handles();
  exit(main());
}

// newlib's exit() flushes stdio and ends here; replaces librdimon's _exit, which uses SYS_EXIT_EXTENDED only
// when the host advertises it through the ":semihosting-features" file.
void _exit(int code) {
  uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint32_t)code};
  for (;;) semihost(SYS_EXIT_EXTENDED, block);
}

// An exception the program did not expect: spin, as silicon's default handlers do; a simulator sees the
// branch to itself and reports the fault that led here.
void Default_Handler(void) {
  for (;;) {
  }
}
