@ Memory-system microbenchmarks for the STM32 reference boards: the same code timed under each flash accelerator
@ and cache configuration mem_flash.c sets up. bench_<name>(uint32_t *data) returns the cycles between two DWT
@ CYCCNT reads around the sequence; bench_empty (the fences alone) is the baseline the C side subtracts. The
@ fences are ISBs (issue alone on the Cortex-M7, cortex-m-timing.md "Issue alone"), one before the first CYCCNT
@ read too, so that read never pairs with what precedes it; 11 NOPs before them put the sequence at a 32-byte
@ boundary: the start of a flash line on both the F4 (128-bit lines) and
@ the F7 (256-bit lines, 32-byte L1 lines), and the code after it starts a line too. Code is position independent
@ (the C side also calls it through the F7's ITCM alias of the flash). r3 = &DWT_CYCCNT.
@ Expected counts and the rules behind them: tests/unit/timing_microbench_test.cpp.
  .syntax unified
  .thumb
  .text

.macro BENCH name
  .balign 4
  .global bench_\name
  .type bench_\name, %function
  .thumb_func
bench_\name:
  push {r4-r11, lr}
  ldr r3, =0xE0001004
.endm

.macro START
  .balign 32
  .rept 11
  nop
  .endr
  isb
  ldr r6, [r3]
  isb
.endm

.macro END
  isb
  ldr r7, [r3]
  subs r0, r7, r6
  pop {r4-r11, pc}
  .ltorg
.endm

BENCH empty
  START
  END

@ (a) straight-line code: 256 16-bit NOPs, 512 bytes = 32 F4 lines, 16 F7 lines, 64 64-bit fetch blocks.
BENCH seq
  START
  .rept 256
  nop
  .endr
  .balign 32
  END

@ (b) branchy code: 16 iterations of a loop whose body spans two 32-byte-aligned blocks, entered by a taken B
@ into the second and closed by a taken BNE back to the first: two non-sequential fetches per iteration.
BENCH branchy
  movs r1, #16
  START
1:b 2f
  .balign 32
2:subs r1, #1
  bne 1b
  END

@ (c) constant data from flash: a loop summing 16 words of a const array (weights): 64 bytes = 4 F4 lines (half
@ the F4 ART's 8-line data cache, which also holds the literal pool's line), 2 F7/L1 lines.
BENCH weights
  ldr r1, =weights
  movs r2, #16
  movs r9, #0
  START
1:ldr r8, [r1], #4
  add r9, r9, r8
  subs r2, #1
  bne 1b
  END

  .section .rodata.weights, "a"
  .balign 32
  .global weights
weights:
  .rept 16
  .word 0x01020304
  .endr
