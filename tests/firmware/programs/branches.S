@ branches.S: control flow written out instruction by instruction for branches.c (ARMv7-M ARM A7.7).
    .syntax unified
    .thumb
    .text

@ uint32_t it_conditions(uint32_t a, uint32_t b): CMP a, b, then one single-instruction IT block per
@ condition (A7.3); bit k of the result is set when condition k (EQ..LE) passed.
    .global it_conditions
    .type it_conditions, %function
    .thumb_func
it_conditions:
    movs r2, #0
    cmp r0, r1
    it eq
    orreq r2, r2, #1 << 0
    it ne
    orrne r2, r2, #1 << 1
    it hs
    orrhs r2, r2, #1 << 2
    it lo
    orrlo r2, r2, #1 << 3
    it mi
    orrmi r2, r2, #1 << 4
    it pl
    orrpl r2, r2, #1 << 5
    it vs
    orrvs r2, r2, #1 << 6
    it vc
    orrvc r2, r2, #1 << 7
    it hi
    orrhi r2, r2, #1 << 8
    it ls
    orrls r2, r2, #1 << 9
    it ge
    orrge r2, r2, #1 << 10
    it lt
    orrlt r2, r2, #1 << 11
    it gt
    orrgt r2, r2, #1 << 12
    it le
    orrle r2, r2, #1 << 13
    mov r0, r2
    bx lr
    .size it_conditions, . - it_conditions

@ uint32_t it_mixed(uint32_t a, uint32_t b): a four-instruction ITETE block whose first instruction sets flags
@ that the later ones read (16-bit ADD/SUB in an IT block do not set flags), ending in a conditional branch.
    .global it_mixed
    .type it_mixed, %function
    .thumb_func
it_mixed:
    cmp r0, r1
    itete gt
    subgt r2, r0, r1
    subsle r2, r1, r0
    addgt r2, r2, #100
    addle r2, r2, r2
    cmp r2, #64
    ite lo
    lsllo r0, r2, #4
    movhs r0, r2
    bx lr
    .size it_mixed, . - it_mixed

@ uint32_t tbb_dispatch(uint32_t i): TBB over 6 entries (A7.7 TBB, TBH); out of range returns 0xFF.
    .global tbb_dispatch
    .type tbb_dispatch, %function
    .thumb_func
tbb_dispatch:
    cmp r0, #5
    bhi 9f
    tbb [pc, r0]
1:  .byte (20f - 1b) / 2, (21f - 1b) / 2, (22f - 1b) / 2, (23f - 1b) / 2, (24f - 1b) / 2, (25f - 1b) / 2
    .align 1
20: movs r0, #11
    bx lr
21: movs r0, #22
    bx lr
22: movs r0, #33
    bx lr
23: movs r0, #44
    bx lr
24: movs r0, #55
    bx lr
25: movs r0, #66
    bx lr
9:  movs r0, #0xFF
    bx lr
    .size tbb_dispatch, . - tbb_dispatch

@ uint32_t tbh_dispatch(uint32_t i): TBH over 4 entries whose targets lie beyond TBB's 510-byte reach.
    .global tbh_dispatch
    .type tbh_dispatch, %function
    .thumb_func
tbh_dispatch:
    cmp r0, #3
    bhi.w 9f
    tbh [pc, r0, lsl #1]
1:  .hword (20f - 1b) / 2, (21f - 1b) / 2, (22f - 1b) / 2, (23f - 1b) / 2
20: movw r0, #1000
    bx lr
    .space 600
21: movw r0, #2000
    bx lr
    .space 600
22: movw r0, #3000
    bx lr
    .space 600
23: movw r0, #4000
    bx lr
9:  movw r0, #0xFFFF
    bx lr
    .size tbh_dispatch, . - tbh_dispatch

@ uint32_t cbz_length(const uint8_t *s): string length, CBZ ending the loop; CBNZ (forward only, like CBZ)
@ skips the marker 0xFFFFFFFF that the empty string returns.
    .global cbz_length
    .type cbz_length, %function
    .thumb_func
cbz_length:
    mov r1, r0
1:  ldrb r2, [r1], #1
    cbz r2, 2f
    b 1b
2:  subs r0, r1, r0
    subs r0, r0, #1
    cbnz r0, 3f
    mov r0, #0xFFFFFFFF
3:  bx lr
    .size cbz_length, . - cbz_length

@ uint32_t call_through(uint32_t (*fn)(uint32_t), uint32_t x): BLX to a register, result plus one.
    .global call_through
    .type call_through, %function
    .thumb_func
call_through:
    push {r4, lr}
    mov r4, r0
    mov r0, r1
    blx r4
    adds r0, r0, #1
    pop {r4, pc}
    .size call_through, . - call_through
