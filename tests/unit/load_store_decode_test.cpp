// Decode-level tests of the load_store family (cores/isa/load_store.cpp): which encoding each bit pattern selects,
// the fields it extracts, and the UNDEFINED / UNPREDICTABLE constraints of DDI 0403E. Encodings come from
// arm-none-eabi-as / objdump (the assembler text is in the comments).
#include <gtest/gtest.h>

#include <string>

#include "cores/decoder/decoder.h"
#include "tests/unit/decode_helper.h"

namespace mcuprof {
namespace {

using test::Decoded;
using test::decode;

constexpr uint8_t kRegOffset = kFlagA, kDecrementBefore = kFlagA;  // the family's flag meanings

TEST(LoadStoreDecode, NamesEveryEncodingAsTheManual) {
  const std::pair<uint32_t, const char*> cases[] = {
      {0x50d1, "STR (register) T1"},            // str r1, [r2, r3]
      {0x52d1, "STRH (register) T1"},           // strh r1, [r2, r3]
      {0x54d1, "STRB (register) T1"},           // strb r1, [r2, r3]
      {0x56d1, "LDRSB (register) T1"},          // ldrsb r1, [r2, r3]
      {0x58d1, "LDR (register) T1"},            // ldr r1, [r2, r3]
      {0x5ad1, "LDRH (register) T1"},           // ldrh r1, [r2, r3]
      {0x5cd1, "LDRB (register) T1"},           // ldrb r1, [r2, r3]
      {0x5ed1, "LDRSH (register) T1"},          // ldrsh r1, [r2, r3]
      {0x67d1, "STR (immediate) T1"},           // str r1, [r2, #124]
      {0x6fd1, "LDR (immediate) T1"},           // ldr r1, [r2, #124]
      {0x77d1, "STRB (immediate) T1"},          // strb r1, [r2, #31]
      {0x7fd1, "LDRB (immediate) T1"},          // ldrb r1, [r2, #31]
      {0x87d1, "STRH (immediate) T1"},          // strh r1, [r2, #62]
      {0x8fd1, "LDRH (immediate) T1"},          // ldrh r1, [r2, #62]
      {0x91ff, "STR (immediate) T2"},           // str r1, [sp, #1020]
      {0x99ff, "LDR (immediate) T2"},           // ldr r1, [sp, #1020]
      {0x49ff, "LDR (literal) T1"},             // ldr r1, [pc, #1020]
      {0xc10c, "STM T1"},                       // stmia r1!, {r2, r3}
      {0xc90c, "LDM T1"},                       // ldmia r1!, {r2, r3}
      {0xb510, "PUSH T1"},                      // push {r4, lr}
      {0xbd10, "POP T1"},                       // pop {r4, pc}
      {0xe8a1000c, "STM T2"},                   // stmia.w r1!, {r2, r3}
      {0xe8b1000c, "LDM T2"},                   // ldmia.w r1!, {r2, r3}
      {0xe8bd8030, "POP T2"},                   // ldmia.w sp!, {r4, r5, pc}
      {0xe921000c, "STMDB T1"},                 // stmdb r1!, {r2, r3}
      {0xe92d4030, "PUSH T2"},                  // stmdb sp!, {r4, r5, lr}
      {0xe931000c, "LDMDB T1"},                 // ldmdb r1!, {r2, r3}
      {0xe84210ff, "STREX T1"},                 // strex r0, r1, [r2, #1020]
      {0xe8521fff, "LDREX T1"},                 // ldrex r1, [r2, #1020]
      {0xe96312ff, "STRD (immediate) T1"},      // strd r1, r2, [r3, #-1020]!
      {0xe8f312ff, "LDRD (immediate) T1"},      // ldrd r1, r2, [r3], #1020
      {0xe95f1202, "LDRD (literal) T1"},        // ldrd r1, r2, [pc, #-8]
      {0xe8c21f40, "STREXB T1"},                // strexb r0, r1, [r2]
      {0xe8c21f50, "STREXH T1"},                // strexh r0, r1, [r2]
      {0xe8d1f002, "TBB T1"},                   // tbb [r1, r2]
      {0xe8d1f012, "TBH T1"},                   // tbh [r1, r2, lsl #1]
      {0xe8d21f4f, "LDREXB T1"},                // ldrexb r1, [r2]
      {0xe8d21f5f, "LDREXH T1"},                // ldrexh r1, [r2]
      {0xf8d21fff, "LDR (immediate) T3"},       // ldr.w r1, [r2, #4095]
      {0xf8521cff, "LDR (immediate) T4"},       // ldr.w r1, [r2, #-255]
      {0xf8521fff, "LDR (immediate) T4"},       // ldr.w r1, [r2, #255]!
      {0xf85219ff, "LDR (immediate) T4"},       // ldr.w r1, [r2], #-255
      {0xf8521eff, "LDRT T1"},                  // ldrt r1, [r2, #255]
      {0xf8521033, "LDR (register) T2"},        // ldr.w r1, [r2, r3, lsl #3]
      {0xf85f1fff, "LDR (literal) T2"},         // ldr.w r1, [pc, #-4095]
      {0xf85d4b04, "POP T3"},                   // ldr.w r4, [sp], #4
      {0xf8921fff, "LDRB (immediate) T2"},      // ldrb.w r1, [r2, #4095]
      {0xf8121cff, "LDRB (immediate) T3"},      // ldrb.w r1, [r2, #-255]
      {0xf8121eff, "LDRBT T1"},                 // ldrbt r1, [r2, #255]
      {0xf8121023, "LDRB (register) T2"},       // ldrb.w r1, [r2, r3, lsl #2]
      {0xf89f1fff, "LDRB (literal) T1"},        // ldrb.w r1, [pc, #4095]
      {0xf9921fff, "LDRSB (immediate) T1"},     // ldrsb.w r1, [r2, #4095]
      {0xf9121cff, "LDRSB (immediate) T2"},     // ldrsb.w r1, [r2, #-255]
      {0xf9121eff, "LDRSBT T1"},                // ldrsbt r1, [r2, #255]
      {0xf9121013, "LDRSB (register) T2"},      // ldrsb.w r1, [r2, r3, lsl #1]
      {0xf91f1fff, "LDRSB (literal) T1"},       // ldrsb.w r1, [pc, #-4095]
      {0xf892ffff, "PLD (immediate) T1"},       // pld [r2, #4095]
      {0xf812fcff, "PLD (immediate) T2"},       // pld [r2, #-255]
      {0xf812f013, "PLD (register) T1"},        // pld [r2, r3, lsl #1]
      {0xf81fffff, "PLD (literal) T1"},         // pld [pc, #-4095]
      {0xf992ffff, "PLI (immediate, literal) T1"},  // pli [r2, #4095]
      {0xf912fcff, "PLI (immediate, literal) T2"},  // pli [r2, #-255]
      {0xf99fffff, "PLI (immediate, literal) T3"},  // pli [pc, #4095]
      {0xf912f003, "PLI (register) T1"},        // pli [r2, r3]
      {0xf8b21fff, "LDRH (immediate) T2"},      // ldrh.w r1, [r2, #4095]
      {0xf8321dff, "LDRH (immediate) T3"},      // ldrh.w r1, [r2, #-255]!
      {0xf8321eff, "LDRHT T1"},                 // ldrht r1, [r2, #255]
      {0xf8321013, "LDRH (register) T2"},       // ldrh.w r1, [r2, r3, lsl #1]
      {0xf83f1fff, "LDRH (literal) T1"},        // ldrh.w r1, [pc, #-4095]
      {0xf9b21fff, "LDRSH (immediate) T1"},     // ldrsh.w r1, [r2, #4095]
      {0xf9321bff, "LDRSH (immediate) T2"},     // ldrsh.w r1, [r2], #255
      {0xf9321eff, "LDRSHT T1"},                // ldrsht r1, [r2, #255]
      {0xf9321013, "LDRSH (register) T2"},      // ldrsh.w r1, [r2, r3, lsl #1]
      {0xf9bf1fff, "LDRSH (literal) T1"},       // ldrsh.w r1, [pc, #4095]
      {0xf8821fff, "STRB (immediate) T2"},      // strb.w r1, [r2, #4095]
      {0xf8021cff, "STRB (immediate) T3"},      // strb.w r1, [r2, #-255]
      {0xf8021eff, "STRBT T1"},                 // strbt r1, [r2, #255]
      {0xf8021013, "STRB (register) T2"},       // strb.w r1, [r2, r3, lsl #1]
      {0xf8a21fff, "STRH (immediate) T2"},      // strh.w r1, [r2, #4095]
      {0xf8221cff, "STRH (immediate) T3"},      // strh.w r1, [r2, #-255]
      {0xf8221eff, "STRHT T1"},                 // strht r1, [r2, #255]
      {0xf8221013, "STRH (register) T2"},       // strh.w r1, [r2, r3, lsl #1]
      {0xf8c21fff, "STR (immediate) T3"},       // str.w r1, [r2, #4095]
      {0xf8421cff, "STR (immediate) T4"},       // str.w r1, [r2, #-255]
      {0xf8421eff, "STRT T1"},                  // strt r1, [r2, #255]
      {0xf8421013, "STR (register) T2"},        // str.w r1, [r2, r3, lsl #1]
      {0xf84d4d04, "PUSH T3"},                  // str.w r4, [sp, #-4]!
      {0xf3bf8f2f, "CLREX T1"},                 // clrex
      // A5.3.8: halfword loads to the PC that are not UNPREDICTABLE are unallocated memory hints (NOP)
      {0xf8b2f000, "Unallocated memory hint"},  // (ldrh pc, [r2])
      {0xf832fc04, "Unallocated memory hint"},  // (ldrh pc, [r2, #-4])
      {0xf832f013, "Unallocated memory hint"},  // (ldrh pc, [r2, r3, lsl #1])
      {0xf83ff004, "Unallocated memory hint"},  // (ldrh pc, [pc, #-4])
      {0xf9b2f000, "Unallocated memory hint"},  // (ldrsh pc, [r2])
      {0xf9bff004, "Unallocated memory hint"},  // (ldrsh pc, [pc, #4])
  };
  for (auto [raw, name] : cases) {
    const Decoded d = decode(raw);
    EXPECT_EQ(d.result, DecodeResult::kOk) << std::hex << raw;
    EXPECT_EQ(d.name, name) << std::hex << raw;
    EXPECT_EQ(d.inst.len, raw > 0xFFFF ? 4 : 2) << std::hex << raw;
  }
}

TEST(LoadStoreDecode, AddressingModeFlags) {
  const Decoded post = decode(0xf85219ff);  // ldr.w r1, [r2], #-255
  EXPECT_EQ(post.inst.rd, 1);
  EXPECT_EQ(post.inst.rn, 2);
  EXPECT_EQ(post.inst.imm, 255u);
  EXPECT_EQ(post.inst.flags, kWback);
  EXPECT_EQ(decode(0xf8521fff).inst.flags, kIndex | kAdd | kWback);  // ldr.w r1, [r2, #255]!
  EXPECT_EQ(decode(0xf8521cff).inst.flags, kIndex);                  // ldr.w r1, [r2, #-255]
  EXPECT_EQ(decode(0xf8d21fff).inst.imm, 4095u);                     // ldr.w r1, [r2, #4095]
  EXPECT_EQ(decode(0x8fd1).inst.imm, 62u);                           // ldrh r1, [r2, #62]: imm5 scaled by 2
  EXPECT_EQ(decode(0x6fd1).inst.imm, 124u);                          // ldr r1, [r2, #124]: imm5 scaled by 4
  const Decoded sp = decode(0x99ff);                                 // ldr r1, [sp, #1020]
  EXPECT_EQ(sp.inst.rn, 13);
  EXPECT_EQ(sp.inst.imm, 1020u);
  const Decoded reg = decode(0xf8521033);  // ldr.w r1, [r2, r3, lsl #3]
  EXPECT_EQ(reg.inst.rm, 3);
  EXPECT_EQ(reg.inst.shift_n, 3);
  EXPECT_EQ(reg.inst.flags, kRegOffset | kIndex | kAdd);
  const Decoded lit = decode(0xf85f1fff);  // ldr.w r1, [pc, #-4095]
  EXPECT_EQ(lit.inst.rn, 15);
  EXPECT_EQ(lit.inst.imm, 4095u);
  EXPECT_EQ(lit.inst.flags, kIndex);
  EXPECT_EQ(decode(0x49ff).inst.flags, kIndex | kAdd);  // ldr r1, [pc, #1020]
  const Decoded pop = decode(0xf85d4b04);  // ldr.w r4, [sp], #4 (POP T3)
  EXPECT_EQ(pop.inst.rn, 13);
  EXPECT_EQ(pop.inst.imm, 4u);
  EXPECT_EQ(pop.inst.flags, kAdd | kWback);
  EXPECT_EQ(decode(0xf84d4d04).inst.flags, kIndex | kWback);  // str.w r4, [sp, #-4]! (PUSH T3)
}

TEST(LoadStoreDecode, DualExclusiveAndMultipleFields) {
  const Decoded ldrd = decode(0xe8f312ff);  // ldrd r1, r2, [r3], #1020
  EXPECT_EQ(ldrd.inst.rd, 1);
  EXPECT_EQ(ldrd.inst.ra, 2);
  EXPECT_EQ(ldrd.inst.rn, 3);
  EXPECT_EQ(ldrd.inst.imm, 1020u);
  EXPECT_EQ(ldrd.inst.flags, kAdd | kWback);
  const Decoded strex = decode(0xe84210ff);  // strex r0, r1, [r2, #1020]
  EXPECT_EQ(strex.inst.rd, 1);
  EXPECT_EQ(strex.inst.ra, 0);
  EXPECT_EQ(strex.inst.rn, 2);
  EXPECT_EQ(strex.inst.imm, 1020u);
  EXPECT_EQ(decode(0xe8c21f50).inst.ra, 0);  // strexh r0, r1, [r2]
  const Decoded push = decode(0xb510);       // push {r4, lr}
  EXPECT_EQ(push.inst.rn, 13);
  EXPECT_EQ(push.inst.list, 0x4010);
  EXPECT_EQ(push.inst.flags, kWback | kDecrementBefore);
  EXPECT_EQ(decode(0xbd10).inst.list, 0x8010);    // pop {r4, pc}
  EXPECT_EQ(decode(0xe8bd8030).inst.list, 0x8030);  // pop.w {r4, r5, pc}
  EXPECT_EQ(decode(0xe92d4030).inst.list, 0x4030);  // push.w {r4, r5, lr}
  EXPECT_EQ(decode(0xe931000c).inst.flags, kWback | kDecrementBefore);  // ldmdb r1!, {r2, r3}
  EXPECT_EQ(decode(0xe891000c).inst.flags, 0);                          // ldm.w r1, {r2, r3}
}

TEST(LoadStoreDecode, LdmT1WritesBackUnlessTheBaseIsLoaded) {
  EXPECT_EQ(decode(0xc90c).inst.flags, kWback);  // ldmia r1!, {r2, r3}
  EXPECT_EQ(decode(0xc90a).inst.flags, 0);       // ldmia r1, {r1, r3}
  EXPECT_EQ(decode(0xc10a).inst.flags, kWback);  // stmia r1!, {r1, r3}: STM T1 always writes back
}

TEST(LoadStoreDecode, RnPcSelectsTheLiteralForm) {
  // The register and unprivileged patterns fix more bits than the literal one: with Rn == 1111 they decode
  // the literal form themselves (imm12 from the raw bits, U == 0 here).
  const Decoded reg = decode(0xf81f1003);  // ldrb.w r1, [pc, #-3]
  EXPECT_EQ(reg.result, DecodeResult::kOk);
  EXPECT_EQ(reg.inst.rn, 15);
  EXPECT_EQ(reg.inst.imm, 3u);
  EXPECT_EQ(reg.inst.flags, kIndex);
  const Decoded unpriv = decode(0xf85f1eff);  // ldr.w r1, [pc, #-0xeff]
  EXPECT_EQ(unpriv.result, DecodeResult::kOk);
  EXPECT_EQ(unpriv.inst.rn, 15);
  EXPECT_EQ(unpriv.inst.imm, 0xeffu);
  EXPECT_EQ(unpriv.inst.flags, kIndex);
  EXPECT_EQ(decode(0xf81fde01).result, DecodeResult::kUnpredictable);  // ldrb.w sp, [pc, #-0xe01]
  EXPECT_EQ(decode(0xe8dff001).result, DecodeResult::kOk);             // tbb [pc, r1]: a table after the TBB
}

TEST(LoadStoreDecode, UnpredictableEncodingsAreRefused) {
  const std::pair<uint32_t, const char*> cases[] = {
      {0xc100, "STM T1 with an empty list"},
      {0xc900, "LDM T1 with an empty list"},
      {0xb400, "PUSH T1 with an empty list"},
      {0xbc00, "POP T1 with an empty list"},
      {0xe8b10006, "LDM T2 writing back a loaded base"},
      {0xe8910004, "LDM T2 with one register"},
      {0xe891c004, "LDM T2 loading both PC and LR"},
      {0xe89f000c, "LDM T2 with Rn = PC"},
      {0xe8912003, "LDM T2 with the (0) bit 13 set (SP in the list)"},
      {0xe8a10006, "STM T2 writing back a stored base"},
      {0xe8818003, "STM T2 with the (0) bit 15 set"},
      {0xe9212003, "STMDB with SP in the list"},
      {0xe8bd0010, "POP T2 with one register"},
      {0xe8bdc010, "POP T2 loading both PC and LR"},
      {0xe92d0010, "PUSH T2 with one register"},
      {0xf85ddb04, "POP T3 to SP"},
      {0xf84ddd04, "PUSH T3 of SP"},
      {0xf84dfd04, "PUSH T3 of PC"},
      {0xf8522dff, "LDR T4 writing back the loaded register"},
      {0xf8522bff, "LDR T4 post-indexed writing back the loaded register"},
      {0xf852100d, "LDR (register) with Rm = SP"},
      {0xf852100f, "LDR (register) with Rm = PC"},
      {0xf852fe00, "LDRT to PC"},
      {0xf892d000, "LDRB T2 to SP"},
      {0xf832fbff, "LDRH T3 post-indexed to PC"},
      {0xf9bfd004, "LDRSH (literal) to SP"},
      {0xf8c2f000, "STR T3 of PC"},
      {0xf842fd04, "STR T4 of PC"},
      {0xf8422d04, "STR T4 writing back the stored register"},
      {0xf882d000, "STRB T2 of SP"},
      {0xf822f000, "STRH (register) of PC"},
      {0xf842100d, "STR (register) with Rm = SP"},
      {0xf842de00, "STRT of SP"},
      {0xe9d31100, "LDRD with t == t2"},
      {0xe9d3d200, "LDRD to SP"},
      {0xe9d31f00, "LDRD to PC"},
      {0xe9f33200, "LDRD writing back a loaded base"},
      {0xe97f1202, "LDRD (literal) with W = 1"},
      {0xe9cf1200, "STRD with Rn = PC"},
      {0xe9e33100, "STRD writing back a stored base"},
      {0xe852ff00, "LDREX to PC"},
      {0xe85f1f00, "LDREX with Rn = PC"},
      {0xe8521e00, "LDREX with a (1) bit clear"},
      {0xe8d2df4f, "LDREXB to SP"},
      {0xe8421100, "STREX with d == t"},
      {0xe8421200, "STREX with d == n"},
      {0xe8421d00, "STREX with d = SP"},
      {0xe8c21f4f, "STREXB with d = PC"},
      {0xe8ddf001, "TBB with Rn = SP"},
      {0xe8d1f00d, "TBB with Rm = SP"},
      {0xe8d1f01f, "TBH with Rm = PC"},
      {0xe8d1e002, "TBB with a (1) bit clear"},
      {0xf812f00d, "PLD (register) with Rm = SP"},
      {0xf912f00f, "PLI (register) with Rm = PC"},
      {0xf3bf8e2f, "CLREX with a (1) bit clear"},
  };
  for (auto [raw, what] : cases) EXPECT_EQ(decode(raw).result, DecodeResult::kUnpredictable) << what;
}

TEST(LoadStoreDecode, UndefinedEncodings) {
  const std::pair<uint32_t, const char*> cases[] = {
      {0xf85218ff, "LDR T4 with P = 0 and W = 0"},
      {0xf80218ff, "STRB T3 with P = 0 and W = 0"},
      {0xf8cf1000, "STR T3 with Rn = PC"},
      {0xf84f1d04, "STR T4 with Rn = PC"},
      {0xf80f1003, "STRB (register) with Rn = PC"},
      {0xf82f1e00, "STRHT with Rn = PC"},
      {0xf9021000, "store with bit 24 set"},
      {0xf8e21000, "store single with op1 = 111"},
      {0xe8d21f6f, "load/store exclusive space op3 0110"},
      {0xe8c21f00, "store exclusive space op3 0000"},
  };
  for (auto [raw, what] : cases) EXPECT_EQ(decode(raw).result, DecodeResult::kUndefined) << what;
}

TEST(LoadStoreDecode, AcceptsEdgeValuesTheManualAllows) {
  EXPECT_EQ(decode(0xf8d2f004).result, DecodeResult::kOk);  // ldr.w pc, [r2, #4]: a branch
  EXPECT_EQ(decode(0xf8d2d004).result, DecodeResult::kOk);  // ldr.w sp, [r2, #4]
  EXPECT_EQ(decode(0xf85ff004).result, DecodeResult::kOk);  // ldr.w pc, [pc, #-4]
  EXPECT_EQ(decode(0xf8d2d000).result, DecodeResult::kOk);  // ldr.w sp, [r2]
  EXPECT_EQ(decode(0xf8c2d000).result, DecodeResult::kOk);  // str.w sp, [r2]
  EXPECT_EQ(decode(0xc90a).result, DecodeResult::kOk);      // ldm r1, {r1, r3}
  EXPECT_EQ(decode(0xe8914006).result, DecodeResult::kOk);  // ldm.w r1, {r1, r2, lr}: no writeback
  EXPECT_EQ(decode(0xe89d8003).result, DecodeResult::kOk);  // ldm.w sp, {r0, r1, pc}
}

}  // namespace
}  // namespace mcuprof
