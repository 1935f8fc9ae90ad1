// System Control Space registers the test firmware uses (ARMv7-M ARM DDI 0403E, B3.2-B3.3, C1.6, C1.8),
// semihosting calls (toolchain.md) and a handler wrapper that hands the stacked exception frame to C.
#pragma once
#include <stdint.h>

#define MMIO32(addr) (*(volatile uint32_t *)(addr))

// B3.2.2 System control block
#define SCB_CPUID MMIO32(0xE000ED00u)
#define SCB_ICSR MMIO32(0xE000ED04u)
#define SCB_VTOR MMIO32(0xE000ED08u)
#define SCB_CCR MMIO32(0xE000ED14u)
#define SCB_SHCSR MMIO32(0xE000ED24u)
#define SCB_CFSR MMIO32(0xE000ED28u)
#define SCB_HFSR MMIO32(0xE000ED2Cu)
#define SCB_CPACR MMIO32(0xE000ED88u)
#define ICSR_PENDSVSET (1u << 28)
#define CCR_UNALIGN_TRP (1u << 3)
#define CCR_DIV_0_TRP (1u << 4)
#define SHCSR_USGFAULTENA (1u << 18)
#define CFSR_UNDEFINSTR (1u << 16)
#define CFSR_UNALIGNED (1u << 24)
#define CFSR_DIVBYZERO (1u << 25)

// B3.3 SysTick
#define SYST_CSR MMIO32(0xE000E010u)
#define SYST_RVR MMIO32(0xE000E014u)
#define SYST_CVR MMIO32(0xE000E018u)
#define SYST_CSR_ENABLE (1u << 0)
#define SYST_CSR_TICKINT (1u << 1)
#define SYST_CSR_CLKSOURCE (1u << 2)

// C1.6 DEMCR, C1.8 DWT_CTRL and DWT_CYCCNT; DWT_LAR is the CoreSight lock (Cortex-M7 TRM)
#define DEMCR MMIO32(0xE000EDFCu)
#define DEMCR_TRCENA (1u << 24)
#define DWT_CTRL MMIO32(0xE0001000u)
#define DWT_CYCCNT MMIO32(0xE0001004u)
#define DWT_LAR MMIO32(0xE0001FB0u)
#define DWT_CTRL_CYCCNTENA (1u << 0)
#define DWT_LAR_KEY 0xC5ACCE55u

#define CPUID_PARTNO(id) (((id) >> 4) & 0xFFFu)
#define CPUID_PARTNO_M4 0xC24u
#define CPUID_PARTNO_M7 0xC27u

static inline void dsb_isb(void) { __asm volatile("dsb\n\tisb" ::: "memory"); }

// Semihosting (toolchain.md): BKPT 0xAB, operation in r0, argument (block) pointer in r1, result in r0.
#define SYS_EXIT_EXTENDED 0x20u
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u
static inline uint32_t semihost(uint32_t op, const void *arg) {
  register uint32_t r0 __asm("r0") = op;
  register const void *r1 __asm("r1") = arg;
  __asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

// B1.5.6 exception frame: r0-r3, r12, lr, return address, xPSR.
enum { FRAME_R0 = 0, FRAME_R1 = 1, FRAME_PC = 6, FRAME_XPSR = 7 };

// Size of the Thumb instruction at addr (A5.1: first halfword 0b11101, 0b11110 or 0b11111 starts a 32-bit one).
static inline uint32_t thumb_insn_size(uint32_t addr) {
  uint16_t hw = *(const volatile uint16_t *)addr;
  return (hw >> 11) >= 0x1Du ? 4u : 2u;
}

// Defines exception handler `name` that calls `void fn(uint32_t *frame)` with the frame stacked on entry:
// EXC_RETURN bit 2 tells whether it went on the process or the main stack (B1.5.8).
#define FRAME_HANDLER(name, fn)                                                              \
  void fn(uint32_t *frame);                                                                  \
  __attribute__((naked)) void name(void) {                                                   \
    __asm volatile("tst lr, #4\n\tite eq\n\tmrseq r0, msp\n\tmrsne r0, psp\n\tb " #fn ::: ); \
  }
