// Instruction-versus-reference checks. Every op is one real Thumb-2 instruction on the target (inline assembly
// between an MSR that sets APSR from the flags-in and an MRS that reads it back) and, on the host, a C reference
// written from the ARMv7-M ARM (DDI 0403E) pseudocode. Both run each op over the same operands and print one
// digest per op, so the host build's output is the firmware's expected output. Define OPCHECK_VERBOSE to print
// every result instead (to find which operands differ).
//
// Operand convention of an op: Rn = a, Rm = b; Rd and Re start as c and ~c and are the results (Rd alone for
// one-result instructions, RdLo/RdHi for long ones; accumulating forms name Rd or Re as their accumulator).
#pragma once
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
  uint32_t d, e, apsr;
} op_out;
typedef op_out (*op_fn)(uint32_t a, uint32_t b, uint32_t c, uint32_t apsr);
typedef struct {
  const char *name;
  op_fn fn;
} op_entry;

#if defined(__arm__)
#define OP_DEFINE(name, insn)                                                               \
  static op_out asm_##name(uint32_t a, uint32_t b, uint32_t c, uint32_t apsr) {            \
    op_out o = {c, ~c, 0};                                                                  \
    __asm volatile("msr APSR_nzcvqg, %[f]\n\t" insn "\n\tmrs %[f], APSR"                    \
                   : [d] "+&r"(o.d), [e] "+&r"(o.e), [f] "+&r"(apsr)                        \
                   : [a] "r"(a), [b] "r"(b)                                                 \
                   : "cc");                                                                 \
    o.apsr = apsr;                                                                          \
    return o;                                                                               \
  }
#define OP_ENTRY(name, insn) {#name, asm_##name},
#else
#define OP_DEFINE(name, insn)
#define OP_ENTRY(name, insn) {#name, ref_##name},
#endif

// ---- APSR (B1.4.2): N Z C V Q at bits 31-27, GE[3:0] at bits 19-16 ----
#define APSR_N (1u << 31)
#define APSR_Z (1u << 30)
#define APSR_C (1u << 29)
#define APSR_V (1u << 28)
#define APSR_Q (1u << 27)
#define APSR_GE(ge) ((uint32_t)(ge) << 16)
#define APSR_GE_MASK APSR_GE(0xF)

static inline uint32_t apsr_carry(uint32_t f) { return (f >> 29) & 1u; }
static inline uint32_t apsr_nz(uint32_t f, uint32_t r) {
  return (f & ~(APSR_N | APSR_Z)) | (r & APSR_N) | (r == 0 ? APSR_Z : 0);
}
static inline uint32_t apsr_nzc(uint32_t f, uint32_t r, uint32_t carry) {
  return (apsr_nz(f, r) & ~APSR_C) | (carry ? APSR_C : 0);
}
static inline uint32_t apsr_nzcv(uint32_t f, uint32_t r, uint32_t carry, uint32_t overflow) {
  return (apsr_nzc(f, r, carry) & ~APSR_V) | (overflow ? APSR_V : 0);
}

// ---- pseudocode helpers (A2.2) for the references ----
static inline op_out out1(uint32_t c, uint32_t d, uint32_t apsr) { return (op_out){d, ~c, apsr}; }
static inline op_out out2(uint32_t lo, uint32_t hi, uint32_t apsr) { return (op_out){lo, hi, apsr}; }

// A2.2.1 AddWithCarry, setting N Z C V in *f.
static inline uint32_t add_with_carry(uint32_t x, uint32_t y, uint32_t carry_in, uint32_t *f) {
  uint64_t usum = (uint64_t)x + y + carry_in;
  int64_t ssum = (int64_t)(int32_t)x + (int32_t)y + (int64_t)carry_in;
  uint32_t r = (uint32_t)usum;
  *f = apsr_nzcv(*f, r, (usum >> 32) != 0, (int64_t)(int32_t)r != ssum);
  return r;
}
static inline uint32_t ror32(uint32_t x, unsigned n) { return (n & 31) ? (x >> (n & 31)) | (x << (32 - (n & 31))) : x; }
static inline int32_t sext(uint32_t x, unsigned width) {
  uint32_t m = 1u << (width - 1);
  return (int32_t)(((x & ((m << 1) - 1)) ^ m) - m);
}
// A2.2.3 SignedSatQ / UnsignedSatQ: the saturated value; sets Q in *f on saturation.
static inline int32_t signed_sat_q(int64_t v, unsigned bits, uint32_t *f) {
  int64_t hi = ((int64_t)1 << (bits - 1)) - 1, lo = -((int64_t)1 << (bits - 1));
  if (v > hi || v < lo) *f |= APSR_Q;
  return (int32_t)(v > hi ? hi : v < lo ? lo : v);
}
static inline uint32_t unsigned_sat_q(int64_t v, unsigned bits, uint32_t *f) {
  int64_t hi = ((int64_t)1 << bits) - 1;
  if (v > hi || v < 0) *f |= APSR_Q;
  return (uint32_t)(v > hi ? hi : v < 0 ? 0 : v);
}
static inline uint32_t lane(uint32_t x, unsigned width, unsigned i) { return (x >> (width * i)) & ((1u << width) - 1); }
static inline int32_t slane(uint32_t x, unsigned width, unsigned i) { return sext(lane(x, width, i), width); }

// ---- the operands every op sees ----
static const uint32_t opcheck_values[] = {
    0x00000000, 0x00000001, 0x00000002, 0x0000001F, 0x00000020, 0x00000021, 0x0000007F, 0x00000080,
    0x000000FF, 0x00000100, 0x00007FFF, 0x00008000, 0x0000FFFF, 0x00010000, 0x7FFFFFFF, 0x80000000,
    0x80000001, 0xFFFFFFFF, 0xFFFFFFFE, 0x12345678, 0x9ABCDEF0, 0x00FF80FF, 0x807F0180, 0x7FFF8000,
};
static const uint32_t opcheck_flags[] = {
    0, APSR_N | APSR_Z | APSR_C | APSR_V | APSR_Q | APSR_GE(0xF), APSR_C | APSR_GE(0x5), APSR_V | APSR_GE(0xA),
};
#define OPCHECK_COUNT(a) (sizeof(a) / sizeof((a)[0]))

static inline uint32_t opcheck_mix(uint32_t h, uint32_t v) {   // FNV-1a over the four bytes of v
  for (int i = 0; i < 4; i++) h = (h ^ ((v >> (8 * i)) & 0xFF)) * 16777619u;
  return h;
}

// Runs every op over every (a, b, flags-in) and prints "<name> <digest>"; returns the number of ops run.
static inline int opcheck_run(const op_entry *ops, unsigned n_ops) {
  for (unsigned k = 0; k < n_ops; k++) {
    uint32_t h = 2166136261u;
    for (unsigned i = 0; i < OPCHECK_COUNT(opcheck_values); i++) {
      for (unsigned j = 0; j < OPCHECK_COUNT(opcheck_values); j++) {
        for (unsigned m = 0; m < OPCHECK_COUNT(opcheck_flags); m++) {
          uint32_t a = opcheck_values[i], b = opcheck_values[j];
          uint32_t c = a ^ ror32(b, 7) ^ (0x9E3779B9u * (m + 1));
          op_out o = ops[k].fn(a, b, c, opcheck_flags[m]);
#ifdef OPCHECK_VERBOSE
          printf("%s %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " -> %08" PRIx32 " %08" PRIx32
                 " %08" PRIx32 "\n",
                 ops[k].name, a, b, c, opcheck_flags[m], o.d, o.e, o.apsr);
#endif
          h = opcheck_mix(opcheck_mix(opcheck_mix(h, o.d), o.e), o.apsr);
        }
      }
    }
    printf("%-9s %08" PRIx32 "\n", ops[k].name, h);
  }
  return (int)n_ops;
}
