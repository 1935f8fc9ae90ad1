@ Cortex-M4 pipeline microbenchmarks: each bench_<name>(uint32_t *data) times one instruction sequence with the
@ DWT cycle counter and returns the cycles between two CYCCNT reads. The sequence sits between two 16-bit
@ `cmp r5, #0` fences, so it pipelines with neither CYCCNT load; bench_empty (the fences alone) is the baseline
@ the C side subtracts. Each sequence starts on a word boundary (START aligns), which branch targets rely on.
@ On entry: r0 = data (data[0] holds its own address), r4 = 4, r5 = 0 (Z set by the fence), r3 = &DWT_CYCCNT.
@ Expected counts (zero wait states) and the rules behind them: tests/unit/cortex_m4_timing_test.cpp.
  .syntax unified
  .thumb
  .text

.macro BENCH name
  .balign 4
  .global bench_\name
  .type bench_\name, %function
  .thumb_func
bench_\name:
  push {r4-r7, lr}
  ldr r3, =0xE0001004
  movs r4, #4
  movs r5, #0
.endm

.macro START
  .balign 4
  ldr r6, [r3]
  cmp r5, #0
.endm

.macro END
  cmp r5, #0
  ldr r7, [r3]
  subs r0, r7, r6
  pop {r4-r7, pc}
  .ltorg
.endm

BENCH empty
  START
  END

BENCH ldr_ldr                  @ TRM 3.3.2: LDR R0,[R1]; LDR R1,[R2] "normally three cycles"
  START
  ldr r1, [r0]
  ldr r2, [r0, #4]
  END

BENCH ldr_x3                   @ 2 + 1 + 1
  START
  ldr r1, [r0]
  ldr r2, [r0, #4]
  ldr r7, [r0, #8]
  END

BENCH ldr_chase                @ address from the previous load: not pipelined, +1 stall: 2 + 3
  START
  ldr r1, [r0]
  ldr r2, [r1]
  END

BENCH alu_address              @ address from the previous ALU result: 1 + 2 + 1
  START
  adds r1, r0, #0
  ldr r2, [r1]
  END

BENCH str_imm_x2               @ STR immediate: 1 each
  START
  str r5, [r0, #16]
  str r5, [r0, #20]
  END

BENCH str_reg                  @ register-offset STR: 2
  START
  str r5, [r0, r4]
  END

BENCH str_ldr                  @ a load after a store: +1
  START
  str r5, [r0, #16]
  ldr r1, [r0, #4]
  END

BENCH ldrd                     @ 1 + N
  START
  ldrd r1, r2, [r0]
  END

BENCH push_pop                 @ (1 + 4) + (1 + 4) + 1: POP's base SP was written back by the PUSH
  START
  push {r1, r2, r4, r5}
  pop {r1, r2, r4, r5}
  END

BENCH ldr_unaligned            @ halfword-aligned word: 2 + 1
  START
  ldr r1, [r0, #2]
  END

BENCH b_narrow                 @ b 1 + P 1, target movs 1
  START
  b.n 1f
  nop
1:movs r1, #1
  END

BENCH b_wide_odd               @ b 1 + P 2 (32-bit target at an odd halfword), target 1
  START
  b.n 1f
  nop
  nop
1:adds.w r1, r1, #1
  END

BENCH bne_not_taken            @ Z is set by the fence: 1, then movs 1
  START
  bne.n 1f
  movs r1, #1
1:
  END

BENCH bx                       @ adr 1, adds 1, bx 1 + P 3, target 1
  START
  adr r1, 1f
  adds r1, #1
  bx r1
  nop
  .balign 4
1:movs r1, #1
  END

BENCH tbb                      @ 2 (load) + 1 (add) + 3 (refill), target 1
  START
  tbb [pc, r5]
  .byte 2, 0
  nop
  movs r1, #1
  END

BENCH it_folded                @ IT after a 16-bit instruction: 0, moveq 1
  START
  it eq
  moveq r1, r2
  END

BENCH udiv_small               @ quotient 100 (7 bits): 2 + ceil(7 / 3)
  movs r1, #100
  movs r2, #1
  START
  udiv r1, r1, r2
  END

BENCH udiv_large               @ quotient 0xFFFFFFFF (32 bits): 12
  movs r1, #0
  subs r1, #1
  movs r2, #1
  START
  udiv r1, r1, r2
  END

BENCH vadd_dependent           @ VADD 1, +1 when the next uses the result, VADD 1
  START
  vadd.f32 s0, s1, s2
  vadd.f32 s3, s0, s0
  END

BENCH vdiv_then_fp             @ VDIV 14 in the background: vadd waits for it; 14 + 1
  START
  vdiv.f32 s0, s1, s2
  vadd.f32 s3, s4, s5
  END
