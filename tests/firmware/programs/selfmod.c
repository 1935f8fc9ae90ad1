// selfmod: copies a function into RAM, runs it, patches it (the low byte of a 32-bit MOVW's second halfword,
// then a whole 16-bit instruction) and runs it again after DSB+ISB: a simulator that caches decoded
// instructions must notice the stores. Each version runs many times so it is hot before it is patched.
// Exits with the number of wrong results.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mcu.h"

extern const uint8_t patch_template[], patch_template_end[];
static uint16_t ram_code[8] __attribute__((aligned(4)));

#define IMM8_OFFSET 2
#define OP_HALFWORD 2
#define ADDS_R0_0 0x1C00u   // ADDS r0, r0, #0 (T1)
#define LSLS_R0_3 0x00C0u   // LSLS r0, r0, #3 (T1)
#define SUBS_R0_1 0x1E40u   // SUBS r0, r0, #1 (T1)

static int failures;

static void run(const char *what, uint32_t want) {
  uint32_t (*fn)(void) = (uint32_t (*)(void))((uintptr_t)ram_code | 1u);
  uint32_t got = fn();
  for (int i = 0; i < 50; i++) got = got == fn() ? got : 0xBAD;
  printf("%-22s %5lu %s\n", what, (unsigned long)got, got == want ? "ok" : "WRONG");
  failures += got != want;
}

static void patch(unsigned byte_offset, unsigned size, uint32_t value) {
  memcpy((uint8_t *)ram_code + byte_offset, &value, size);
  dsb_isb();
}

int main(void) {
  memcpy(ram_code, patch_template, (size_t)(patch_template_end - patch_template));
  dsb_isb();
  run("copied", 0x100);
  for (uint32_t imm = 0x10; imm <= 0x30; imm += 0x10) {
    patch(IMM8_OFFSET, 1, imm);
    run("movw imm8 patched", 0x100 + imm);
  }
  patch(OP_HALFWORD * 2, 2, LSLS_R0_3);
  run("adds -> lsls #3", 0x130 << 3);
  patch(OP_HALFWORD * 2, 2, SUBS_R0_1);
  run("lsls -> subs #1", 0x130 - 1);
  patch(OP_HALFWORD * 2, 2, ADDS_R0_0);
  run("subs -> adds #0", 0x130);
  return failures;
}
