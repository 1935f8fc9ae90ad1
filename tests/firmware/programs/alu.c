// alu: integer data processing (ARMv7-M ARM A7.7): add/subtract with carry and overflow, logical ops with
// shifter carry-out, register and immediate shifts (amounts 0, 32 and above), compare/test, modified immediates
// (ThumbExpandImm carry), bit-field and byte-reverse ops, MOVW/MOVT; then compiled C (CRC32, 64-bit arithmetic,
// conditionals that become IT blocks).
#include <stdint.h>
#include <stdio.h>

#include "opcheck.h"

#define ALU_OPS(X)                                       \
  X(adds, "adds %[d], %[a], %[b]")                       \
  X(adcs, "adcs.w %[d], %[a], %[b]")                     \
  X(subs, "subs %[d], %[a], %[b]")                       \
  X(sbcs, "sbcs.w %[d], %[a], %[b]")                     \
  X(rsbs, "rsbs %[d], %[a], %[b]")                       \
  X(adds_imm, "adds %[d], %[a], #0xff00ff00")            \
  X(subs_imm, "subs %[d], %[a], #1")                     \
  X(negs, "rsbs %[d], %[a], #0")                         \
  X(addw, "addw %[d], %[a], #4095")                      \
  X(adds_lsl, "adds %[d], %[a], %[b], lsl #31")          \
  X(cmp, "cmp %[a], %[b]")                               \
  X(cmn, "cmn %[a], %[b]")                               \
  X(tst, "tst %[a], %[b]")                               \
  X(teq, "teq %[a], %[b]")                               \
  X(ands, "ands %[d], %[a], %[b]")                       \
  X(orrs, "orrs %[d], %[a], %[b]")                       \
  X(eors, "eors %[d], %[a], %[b]")                       \
  X(bics, "bics %[d], %[a], %[b]")                       \
  X(orns, "orns %[d], %[a], %[b]")                       \
  X(mvns, "mvns %[d], %[b]")                             \
  X(ands_ror, "ands %[d], %[a], %[b], ror #5")           \
  X(eors_lsr32, "eors %[d], %[a], %[b], lsr #32")        \
  X(orrs_asr32, "orrs %[d], %[a], %[b], asr #32")        \
  X(bics_rrx, "bics %[d], %[a], %[b], rrx")              \
  X(ands_imm_rot, "ands %[d], %[a], #0x80000000")        \
  X(ands_imm, "ands %[d], %[a], #0x00ff00ff")            \
  X(lsls_reg, "lsls %[d], %[a], %[b]")                   \
  X(lsrs_reg, "lsrs %[d], %[a], %[b]")                   \
  X(asrs_reg, "asrs %[d], %[a], %[b]")                   \
  X(rors_reg, "rors %[d], %[a], %[b]")                   \
  X(lsls_imm, "lsls %[d], %[a], #1")                     \
  X(lsrs_imm32, "lsrs %[d], %[a], #32")                  \
  X(asrs_imm32, "asrs %[d], %[a], #32")                  \
  X(rors_imm, "rors %[d], %[a], #7")                     \
  X(rrxs, "rrxs %[d], %[a]")                             \
  X(clz, "clz %[d], %[a]")                               \
  X(rbit, "rbit %[d], %[a]")                             \
  X(rev, "rev %[d], %[a]")                               \
  X(rev16, "rev16 %[d], %[a]")                           \
  X(revsh, "revsh %[d], %[a]")                           \
  X(ubfx, "ubfx %[d], %[a], #3, #9")                     \
  X(sbfx, "sbfx %[d], %[a], #5, #13")                    \
  X(bfi, "bfi %[d], %[a], #4, #12")                      \
  X(bfc, "bfc %[d], #8, #8")                             \
  X(movt, "movt %[d], #0xbeef")                          \
  X(movw, "movw %[d], #0xcafe")

#ifndef __arm__
enum shift_type { LSL, LSR, ASR, ROR, RRX };
// A2.2.1 Shift_C: the shifted value; *carry is replaced by the shifter's carry-out (unchanged for amount 0).
static uint32_t shift_c(uint32_t v, enum shift_type t, unsigned n, uint32_t *carry) {
  if (n == 0 && t != RRX) return v;
  switch (t) {
    case LSL: *carry = n > 32 ? 0 : (uint32_t)(((uint64_t)v << n) >> 32) & 1; return n >= 32 ? 0 : v << n;
    case LSR: *carry = n > 32 ? 0 : (v >> (n - 1)) & 1; return n >= 32 ? 0 : v >> n;
    case ASR: *carry = n >= 32 ? v >> 31 : (v >> (n - 1)) & 1; return (uint32_t)((int32_t)v >> (n >= 32 ? 31 : n));
    case ROR: v = ror32(v, n); *carry = v >> 31; return v;
    case RRX: { uint32_t r = (*carry << 31) | (v >> 1); *carry = v & 1; return r; }
  }
  return v;
}
static op_out add(uint32_t c, uint32_t x, uint32_t y, uint32_t cin, uint32_t f) {
  uint32_t d = add_with_carry(x, y, cin, &f);
  return out1(c, d, f);
}
static op_out compare(uint32_t c, uint32_t x, uint32_t y, uint32_t cin, uint32_t f) {
  add_with_carry(x, y, cin, &f);
  return out1(c, c, f);
}
static op_out logical(uint32_t c, uint32_t d, uint32_t carry, uint32_t f) { return out1(c, d, apsr_nzc(f, d, carry)); }
static op_out shifted(uint32_t c, uint32_t v, enum shift_type t, unsigned n, uint32_t f) {
  uint32_t carry = apsr_carry(f);
  uint32_t d = shift_c(v, t, n, &carry);
  return logical(c, d, carry, f);
}
// A logical op on a and (b shifted): the carry flag comes from the shifter.
#define LOGICAL_SHIFTED(expr, t, n)                         \
  uint32_t carry = apsr_carry(f);                           \
  uint32_t s = shift_c(b, t, n, &carry);                    \
  return logical(c, (expr), carry, f);

static op_out ref_adds(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return add(c, a, b, 0, f); }
static op_out ref_adcs(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return add(c, a, b, apsr_carry(f), f); }
static op_out ref_subs(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return add(c, a, ~b, 1, f); }
static op_out ref_sbcs(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return add(c, a, ~b, apsr_carry(f), f); }
static op_out ref_rsbs(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return add(c, ~a, b, 1, f); }
static op_out ref_adds_imm(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return add(c, a, 0xff00ff00u, 0, f); }
static op_out ref_subs_imm(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return add(c, a, ~1u, 1, f); }
static op_out ref_negs(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return add(c, ~a, 0, 1, f); }
static op_out ref_addw(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return out1(c, a + 4095, f); }
static op_out ref_adds_lsl(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return add(c, a, b << 31, 0, f); }
static op_out ref_cmp(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return compare(c, a, ~b, 1, f); }
static op_out ref_cmn(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return compare(c, a, b, 0, f); }
static op_out ref_tst(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, c, apsr_nz(f, a & b)); }
static op_out ref_teq(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, c, apsr_nz(f, a ^ b)); }
static op_out ref_ands(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, a & b, apsr_nz(f, a & b)); }
static op_out ref_orrs(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, a | b, apsr_nz(f, a | b)); }
static op_out ref_eors(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, a ^ b, apsr_nz(f, a ^ b)); }
static op_out ref_bics(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, a & ~b, apsr_nz(f, a & ~b)); }
static op_out ref_orns(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return out1(c, a | ~b, apsr_nz(f, a | ~b)); }
static op_out ref_mvns(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)a; return out1(c, ~b, apsr_nz(f, ~b)); }
static op_out ref_ands_ror(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { LOGICAL_SHIFTED(a & s, ROR, 5) }
static op_out ref_eors_lsr32(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { LOGICAL_SHIFTED(a ^ s, LSR, 32) }
static op_out ref_orrs_asr32(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { LOGICAL_SHIFTED(a | s, ASR, 32) }
static op_out ref_bics_rrx(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { LOGICAL_SHIFTED(a & ~s, RRX, 1) }
// A5.3.2 ThumbExpandImm_C: a rotated immediate sets C to its bit 31; a replicated one leaves C alone.
static op_out ref_ands_imm_rot(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return logical(c, a & 0x80000000u, 1, f); }
static op_out ref_ands_imm(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return logical(c, a & 0x00ff00ffu, apsr_carry(f), f); }
static op_out ref_lsls_reg(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return shifted(c, a, LSL, b & 0xFF, f); }
static op_out ref_lsrs_reg(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return shifted(c, a, LSR, b & 0xFF, f); }
static op_out ref_asrs_reg(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return shifted(c, a, ASR, b & 0xFF, f); }
static op_out ref_rors_reg(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { return shifted(c, a, ROR, b & 0xFF, f); }
static op_out ref_lsls_imm(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return shifted(c, a, LSL, 1, f); }
static op_out ref_lsrs_imm32(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return shifted(c, a, LSR, 32, f); }
static op_out ref_asrs_imm32(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return shifted(c, a, ASR, 32, f); }
static op_out ref_rors_imm(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return shifted(c, a, ROR, 7, f); }
static op_out ref_rrxs(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return shifted(c, a, RRX, 1, f); }
static op_out ref_clz(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return out1(c, a ? (uint32_t)__builtin_clz(a) : 32, f); }
static op_out ref_rbit(uint32_t a, uint32_t b, uint32_t c, uint32_t f) {
  (void)b;
  uint32_t r = 0;
  for (int i = 0; i < 32; i++) r |= ((a >> i) & 1) << (31 - i);
  return out1(c, r, f);
}
static op_out ref_rev(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return out1(c, __builtin_bswap32(a), f); }
static op_out ref_rev16(uint32_t a, uint32_t b, uint32_t c, uint32_t f) {
  (void)b;
  return out1(c, ((a & 0x00FF00FFu) << 8) | ((a >> 8) & 0x00FF00FFu), f);
}
static op_out ref_revsh(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return out1(c, (uint32_t)sext(((a & 0xFF) << 8) | ((a >> 8) & 0xFF), 16), f); }
static op_out ref_ubfx(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return out1(c, (a >> 3) & 0x1FF, f); }
static op_out ref_sbfx(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return out1(c, (uint32_t)sext(a >> 5, 13), f); }
static op_out ref_bfi(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)b; return out1(c, (c & ~(0xFFFu << 4)) | ((a & 0xFFF) << 4), f); }
static op_out ref_bfc(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)a; (void)b; return out1(c, c & ~0xFF00u, f); }
static op_out ref_movt(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)a; (void)b; return out1(c, (c & 0xFFFF) | 0xBEEF0000u, f); }
static op_out ref_movw(uint32_t a, uint32_t b, uint32_t c, uint32_t f) { (void)a; (void)b; return out1(c, 0xCAFE, f); }
#endif

ALU_OPS(OP_DEFINE)
static const op_entry alu_ops[] = {ALU_OPS(OP_ENTRY)};

// ---- compiled C: whatever GCC makes of it must compute what the host computes ----
static uint32_t crc32(const uint8_t *p, unsigned n) {
  uint32_t crc = 0xFFFFFFFFu;
  while (n--) {
    crc ^= *p++;
    for (int k = 0; k < 8; k++) crc = (crc & 1) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
  }
  return ~crc;
}

static int32_t clamp(int32_t x, int32_t lo, int32_t hi) { return x < lo ? lo : x > hi ? hi : x; }

int main(void) {
  printf("alu: %d ops\n", opcheck_run(alu_ops, OPCHECK_COUNT(alu_ops)));
  static const char text[] = "The quick brown fox jumps over the lazy dog";
  printf("crc32 %08" PRIx32 "\n", crc32((const uint8_t *)text, sizeof text - 1));
  volatile uint64_t x = 0x0123456789ABCDEFull;
  uint64_t acc = 0;
  for (unsigned i = 0; i < 70; i++) {
    uint64_t v = x;
    acc += (v << (i & 63)) ^ (v >> (i % 61)) ^ (uint64_t)((int64_t)v >> (i % 37));
    acc -= (uint64_t)i * 0x9E3779B97F4A7C15ull;
  }
  printf("u64 %08" PRIx32 "%08" PRIx32 "\n", (uint32_t)(acc >> 32), (uint32_t)acc);
  int32_t s = 0;
  for (int32_t i = -300; i < 300; i += 7) s += clamp(i * i - 5000, -20000, 20000) + (i < 0 ? -i : i) + (i & 1 ? 3 : -2);
  printf("clamp %" PRId32 "\n", s);
  return 0;
}
