@ Cortex-M7 pipeline microbenchmarks: each bench_<name>(uint32_t *data) times one instruction sequence with the
@ DWT cycle counter and returns the cycles between two CYCCNT reads. The sequence sits between two ISBs, which
@ issue alone (cortex-m-timing.md, "Issue alone [LLVM]: ... barriers") and wait for the store buffer, so no
@ instruction of the sequence pairs with the fences or the CYCCNT loads; bench_empty (the fences alone) is the
@ baseline the C side subtracts. An ISB before the first CYCCNT load too keeps that load from pairing with what
@ precedes it (its own issue cycle is then the same in every benchmark). Three NOPs before it put each sequence
@ on an 8-byte boundary (a whole 64-bit fetch block).
@ On entry: r0 = data (8-byte aligned; data[0] holds its own address), r4 = 4, r5 = 0, Z set (cmp r5, #0),
@ r3 = &DWT_CYCCNT. Expected counts (code and data in the MPS2 AN500's zero-wait-state SRAM) and the rules behind
@ them: tests/unit/timing_microbench_test.cpp, which cites cortex-m-timing.md ("Cortex-M7") rule by rule.
  .syntax unified
  .thumb
  .text

.macro BENCH name
  .balign 8
  .global bench_\name
  .type bench_\name, %function
  .thumb_func
bench_\name:
  push {r4-r11, lr}
  ldr r3, =0xE0001004
  movs r4, #4
  movs r5, #0
  cmp r5, #0
.endm

.macro START
  .balign 8
  nop
  nop
  nop
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

BENCH alu_x4                   @ four independent ALU ops: two pairs
  START
  add r1, r4, #1
  add r2, r4, #2
  add r8, r4, #3
  add r9, r4, #4
  END

BENCH alu_chain_early          @ ADD -> ADD: the early ALU's result feeds the late ALU in 0 cycles
  START
  add r1, r4, #1
  add r2, r1, #1
  END

BENCH alu_chain_late           @ EOR -> EOR: late ALU -> ALU, latency 1
  START
  eor r1, r4, r5
  eor r2, r1, r4
  END

BENCH shifted_x2               @ two shifted-operand ops cannot pair
  START
  add r1, r4, r5, lsl #1
  add r2, r4, r5, lsl #2
  END

BENCH bitfield_x2              @ two bitfield ops cannot pair (DSP/bitfield only in the older slot)
  START
  ubfx r1, r4, #1, #2
  ubfx r2, r4, #2, #2
  END

BENCH movw_movt                @ MOVW + MOVT of the same register pair
  START
  movw r1, #0x1234
  movt r1, #0x5678
  END

BENCH ldr_str                  @ load + store pair
  START
  ldr r1, [r0]
  str r5, [r0, #16]
  END

BENCH str_x2                   @ two stores cannot pair
  START
  str r5, [r0, #16]
  str r5, [r0, #20]
  END

BENCH ldr_banks                @ two loads, even and odd word: pair
  START
  ldr r1, [r0]
  ldr r2, [r0, #4]
  END

BENCH ldr_same_bank            @ two loads, both even words: no pair
  START
  ldr r1, [r0]
  ldr r2, [r0, #8]
  END

BENCH load_use                 @ LDR -> ALU: usable by the next instruction (next cycle)
  START
  ldr r1, [r0, #4]
  add r2, r1, #1
  END

BENCH ldrb_use                 @ LDRB -> ALU: +1
  START
  ldrb r1, [r0, #4]
  add r2, r1, #1
  END

BENCH ldr_chase                @ load -> address of the next load: 1-cycle stall
  START
  ldr r1, [r0]
  ldr r2, [r1]
  END

BENCH mul_use                  @ MUL -> ALU: 2
  START
  mul r1, r4, r4
  add r2, r1, #1
  END

BENCH smlad_chain              @ 4 SMLAD on one accumulator: 1 per cycle, MACs never pair
  START
  smlad r1, r4, r5, r1
  smlad r1, r4, r5, r1
  smlad r1, r4, r5, r1
  smlad r1, r4, r5, r1
  END

BENCH smlad_operand            @ SMLAD result as the next SMLAD's multiplicand: MUL/MAC -> use 2
  START
  smlad r1, r4, r5, r1
  smlad r2, r1, r5, r2
  END

BENCH ldm4                     @ LDM of 4 registers: alone, ceil(4/2)
  START
  ldm r0, {r1, r2, r8, r9}
  END

BENCH ldm5                     @ LDM of 5 registers: alone, ceil(5/2)
  START
  ldm r0, {r1, r2, r8, r9, r10}
  END

BENCH ldrd                     @ LDRD: alone, ceil(2/2)
  START
  ldrd r1, r2, [r0]
  END

BENCH ldr_unaligned            @ unaligned word load in the older slot: +3
  START
  ldr r1, [r0, #2]
  END

BENCH udiv_use                 @ UDIV about 7, alone; its consumer waits for it
  START
  udiv r1, r4, r4
  add r2, r1, #1
  END

BENCH vadd_use                 @ VADD.F32 -> FP use: 3
  START
  vadd.f32 s0, s1, s2
  vadd.f32 s3, s0, s0
  END

BENCH vfma_chain               @ VFMA.F32 -> accumulator of the next VFMA: 3
  START
  vfma.f32 s0, s1, s2
  vfma.f32 s0, s1, s2
  END

BENCH bne_not_taken            @ Z set: not-taken branch dual-issues with the next instruction
  START
  bne 1f
  movs r1, #1
1:
  END

@ A loop of r1 iterations: SUBS + BNE pair, the BTAC predicts the backward branch taken, the exit mispredicts.
BENCH loop8
  movs r1, #8
  START
1:subs r1, #1
  bne 1b
  END

BENCH loop16
  movs r1, #16
  START
1:subs r1, #1
  bne 1b
  END

@ A conditional branch taken in the first run (the BTAC learns it) and not taken in the second (data[2] toggles
@ between runs): the second run mispredicts. Flags set just before the branch: 8; 3 cycles before it: 6.
.macro TOGGLE
  ldr r1, [r0, #8]
  eor r1, r1, #1
  str r1, [r0, #8]
.endm

BENCH mispredict_late
  TOGGLE
  START
  cmp r1, #1
  beq 1f
  nop
1:
  END

BENCH mispredict_early
  TOGGLE
  START
  cmp r1, #1
  nop
  nop
  nop
  nop
  nop
  beq 1f
  nop
1:
  END
