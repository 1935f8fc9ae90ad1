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

// The STM32 flash interface [RM0390 3.9.1 (F446), RM0385 3.7.1 (F74x), RM0410 3.7.1 (F76x); RM0090 3.5 for the ART]:
// FLASH_ACR at 0x4002_3C00. F4: PRFTEN, ICEN, DCEN, and ICRST/DCRST (effective while that cache is disabled);
// F7: PRFTEN, ARTEN, ARTRST (while ARTEN is 0).
#define FLASH_ACR MMIO32(0x40023C00u)
#define FLASH_ACR_LATENCY_MASK 0xFu
#define FLASH_ACR_PRFTEN (1u << 8)
#define F4_FLASH_ACR_ICEN (1u << 9)
#define F4_FLASH_ACR_DCEN (1u << 10)
#define F4_FLASH_ACR_ICRST (1u << 11)
#define F4_FLASH_ACR_DCRST (1u << 12)
#define F7_FLASH_ACR_ARTEN (1u << 9)
#define F7_FLASH_ACR_ARTRST (1u << 11)

// Cortex-M7 cache identification and maintenance (DDI 0403E B4.8, B2.2.7): CCSIDR/CSSELR and the write-only
// ICIALLU/DCISW; CCR.IC and CCR.DC enable the L1 caches (Cortex-M7 TRM).
#define SCB_CCSIDR MMIO32(0xE000ED80u)
#define SCB_CSSELR MMIO32(0xE000ED84u)
#define SCB_ICIALLU MMIO32(0xE000EF50u)
#define SCB_DCISW MMIO32(0xE000EF60u)
#define CCR_DC (1u << 16)
#define CCR_IC (1u << 17)

// Invalidates both Cortex-M7 L1 caches as vendor code does: ICIALLU, then DCISW over every set and way of the
// data cache. CCSIDR (CSSELR = 0 selects the L1 data cache): LineSize (bits 2:0) is log2(words per line) - 2,
// Associativity (12:3) and NumSets (27:13) are one less than the counts; DCISW takes the way in its top bits and
// the set above the line offset.
static inline void l1_invalidate(void) {
  SCB_ICIALLU = 0;
  SCB_CSSELR = 0;
  dsb_isb();
  const uint32_t ccsidr = SCB_CCSIDR;
  const uint32_t line_shift = (ccsidr & 7u) + 4u;
  const uint32_t ways = ((ccsidr >> 3) & 0x3FFu) + 1u, sets = ((ccsidr >> 13) & 0x7FFFu) + 1u;
  const uint32_t way_shift = ways > 1 ? (uint32_t)__builtin_clz(ways - 1u) : 0u;
  for (uint32_t set = 0; set < sets; set++)
    for (uint32_t way = 0; way < ways; way++) SCB_DCISW = (way << way_shift) | (set << line_shift);
  dsb_isb();
}

// C1.6 DEMCR.TRCENA enables the DWT; on the Cortex-M7 the DWT is locked until DWT_LAR gets the CoreSight key
// (Cortex-M7 TRM); C1.8 DWT_CTRL.CYCCNTENA starts CYCCNT.
static inline void cyccnt_start(void) {
  DEMCR |= DEMCR_TRCENA;
  if (CPUID_PARTNO(SCB_CPUID) == CPUID_PARTNO_M7) DWT_LAR = DWT_LAR_KEY;
  DWT_CYCCNT = 0;
  DWT_CTRL |= DWT_CTRL_CYCCNTENA;
}
