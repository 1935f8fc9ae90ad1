// unaligned (A3.2): LDR/LDRH/STR/STRH at unaligned addresses work while CCR.UNALIGN_TRP is clear; LDRD and
// LDM fault (UsageFault UNALIGNED) whatever the trap bit says; with CCR.UNALIGN_TRP set, an unaligned LDR or
// STRH faults too. The UsageFault handler records CFSR and steps over the instruction (it cannot print: newlib's
// string code itself makes unaligned accesses, so the trap is set only around the access under test). Exits
// with the number of unexpected results.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mcu.h"

static uint8_t buf[32] __attribute__((aligned(8)));
static volatile uint32_t faults, last_cfsr;
static int failures;

FRAME_HANDLER(UsageFault_Handler, usage_fault)
void usage_fault(uint32_t *frame) {
  last_cfsr = SCB_CFSR;
  SCB_CFSR = last_cfsr;
  faults++;
  frame[FRAME_PC] += thumb_insn_size(frame[FRAME_PC]);
}

// The little-endian value of n bytes at p, assembled from byte loads.
static uint32_t bytes_le(const uint8_t *p, unsigned n) {
  uint32_t v = 0;
  for (unsigned i = 0; i < n; i++) v |= (uint32_t)p[i] << (8 * i);
  return v;
}

// Checks the value an access produced and whether it faulted (with CFSR.UNALIGNED) as it should have.
static void expect(const char *what, uint32_t got, uint32_t want, uint32_t faults_before, int want_fault) {
  int faulted = faults != faults_before;
  int ok = got == want && faulted == want_fault && (!faulted || last_cfsr == CFSR_UNALIGNED);
  printf("%-26s %08lx cfsr=%08lx %s\n", what, (unsigned long)got, (unsigned long)(faulted ? last_cfsr : 0),
         ok ? "ok" : "WRONG");
  failures += !ok;
}

static void trap(int on) {
  SCB_CCR = on ? SCB_CCR | CCR_UNALIGN_TRP : SCB_CCR & ~CCR_UNALIGN_TRP;
  dsb_isb();
}

#define LOAD(insn, addr)                                                            \
  ({                                                                                \
    uint32_t v_ = 0xDEADBEEFu;                                                      \
    __asm volatile(insn " %0, [%1]" : "+r"(v_) : "r"(addr) : "memory");             \
    v_;                                                                             \
  })

int main(void) {
  for (unsigned i = 0; i < sizeof buf; i++) buf[i] = (uint8_t)(0x10 + i);
  SCB_SHCSR |= SHCSR_USGFAULTENA;
  uint32_t f = faults;
  expect("ldr  at +1", LOAD("ldr", buf + 1), bytes_le(buf + 1, 4), f, 0);
  expect("ldrh at +3", LOAD("ldrh", buf + 3), bytes_le(buf + 3, 2), f, 0);
  expect("ldrsh at +5", LOAD("ldrsh", buf + 5), (uint32_t)(int16_t)bytes_le(buf + 5, 2), f, 0);
  __asm volatile("str %0, [%1]" ::"r"(0xA1B2C3D4u), "r"(buf + 9) : "memory");
  expect("str  at +9", bytes_le(buf + 9, 4), 0xA1B2C3D4u, f, 0);

  uint32_t lo = 0x11111111u, hi = 0x22222222u;
  f = faults;
  __asm volatile("ldrd %0, %1, [%2]" : "+r"(lo), "+r"(hi) : "r"(buf + 2) : "memory");
  expect("ldrd at +2 (always traps)", lo ^ hi, 0x33333333u, f, 1);
  f = faults;
  __asm volatile("mov r0, %0\n\tldm r0, {r1, r2}" ::"r"(buf + 6) : "r0", "r1", "r2", "memory");
  expect("ldm  at +6 (always traps)", 0, 0, f, 1);

  f = faults;
  trap(1);
  uint32_t v = LOAD("ldr", buf + 1);
  trap(0);
  expect("ldr  at +1 with the trap", v, 0xDEADBEEFu, f, 1);
  f = faults;
  trap(1);
  __asm volatile("strh %0, [%1]" ::"r"(0xFFFFu), "r"(buf + 13) : "memory");
  trap(0);
  expect("strh at +13 with the trap", bytes_le(buf + 13, 2), 0x1E1Du, f, 1);   // memory unchanged
  f = faults;
  trap(1);
  v = LOAD("ldr", buf + 4);
  trap(0);
  expect("ldr  at +4 with the trap", v, bytes_le(buf + 4, 4), f, 0);
  printf("faults=%lu failures=%d\n", (unsigned long)faults, failures);
  return failures;
}
