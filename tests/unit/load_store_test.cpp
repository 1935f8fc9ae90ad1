// Semantics of the load_store family (cores/isa/load_store.cpp), run on the core: every addressing form,
// sizes and sign extension, writeback, alignment rules (A3.2.1), loads to the PC, fault atomicity, exclusives,
// table branches and hints. Code is assembled by arm-none-eabi-as.
#include <string>

#include "tests/unit/core_fixture.h"

namespace mcuprof {
namespace {

using test::CoreFixture;
constexpr uint32_t kData = CoreFixture::kData;
constexpr uint32_t kCode = CoreFixture::kCode;
constexpr uint32_t kUnmapped = 0x30000000;

void expect_fault(const CoreFixture& f, FaultKind kind) {
  EXPECT_EQ(f.core.stop_reason, StopReason::kFault);
  EXPECT_EQ(f.core.last_fault.kind, kind) << fault_name(f.core.last_fault.kind) << ": " << f.core.last_fault.detail;
}

void expect_unpredictable(const CoreFixture& f) {
  expect_fault(f, FaultKind::kUndefInstr);
  EXPECT_NE(f.core.last_fault.detail.find("UNPREDICTABLE"), std::string::npos) << f.core.last_fault.detail;
}

TEST(LoadStore, ImmediateOffsetPreIndexAndPostIndex) {
  CoreFixture f;
  f.load_asm("ldr.w r1, [r2, #8]\n ldr r3, [r2, #4]!\n ldr r4, [r2], #-4\n ldr r5, [r2, #-4]\n");
  f.core.s.r[2] = kData + 0x100;
  f.set_mem32(kData + 0x0FC, 0x33333333);
  f.set_mem32(kData + 0x104, 0x22222222);
  f.set_mem32(kData + 0x108, 0x11111111);
  f.step();
  EXPECT_EQ(f.core.s.r[1], 0x11111111u);
  EXPECT_EQ(f.core.s.r[2], kData + 0x100);  // offset addressing: no writeback
  f.step();
  EXPECT_EQ(f.core.s.r[3], 0x22222222u);
  EXPECT_EQ(f.core.s.r[2], kData + 0x104);  // pre-indexed: loads from and writes back the offset address
  f.step();
  EXPECT_EQ(f.core.s.r[4], 0x22222222u);
  EXPECT_EQ(f.core.s.r[2], kData + 0x100);  // post-indexed: loads from the base, then subtracts
  f.step();
  EXPECT_EQ(f.core.s.r[5], 0x33333333u);
}

TEST(LoadStore, LoadSizesZeroOrSignExtend) {
  CoreFixture f;
  f.load_asm(
      "ldrb r1, [r0]\n ldrsb r2, [r0, r7]\n ldrh r3, [r0]\n ldrsh r4, [r0, r7]\n"
      "ldrsb.w r5, [r0, #1]\n ldrsh.w r6, [r0, #2]\n ldrsb r8, [r0, #4]\n ldrsh r9, [r0, #4]\n ldrb.w r10, [r0, #2]!\n");
  f.core.s.r[0] = kData;
  f.core.s.r[7] = 0;
  f.set_mem32(kData, 0xA0B09080);
  f.set_mem32(kData + 4, 0x00007F7F);
  f.step(9);
  EXPECT_EQ(f.core.s.r[1], 0x80u);
  EXPECT_EQ(f.core.s.r[2], 0xFFFFFF80u);
  EXPECT_EQ(f.core.s.r[3], 0x9080u);
  EXPECT_EQ(f.core.s.r[4], 0xFFFF9080u);
  EXPECT_EQ(f.core.s.r[5], 0xFFFFFF90u);
  EXPECT_EQ(f.core.s.r[6], 0xFFFFA0B0u);
  EXPECT_EQ(f.core.s.r[8], 0x7Fu);
  EXPECT_EQ(f.core.s.r[9], 0x7F7Fu);
  EXPECT_EQ(f.core.s.r[10], 0xB0u);
  EXPECT_EQ(f.core.s.r[0], kData + 2);
}

TEST(LoadStore, RegisterOffsetShiftsRm) {
  CoreFixture f;
  f.load_asm("ldr.w r1, [r2, r3, lsl #2]\n strh.w r1, [r2, r3, lsl #1]\n ldr r4, [r2, r3]\n ldrsh.w r5, [r2, r3, lsl #1]\n");
  f.core.s.r[2] = kData;
  f.core.s.r[3] = 3;
  f.set_mem32(kData + 12, 0xCAFE8001);
  f.step(4);
  EXPECT_EQ(f.core.s.r[1], 0xCAFE8001u);
  EXPECT_EQ(f.mem16(kData + 6), 0x8001u);
  EXPECT_EQ(f.core.s.r[4], f.mem32(kData + 3));  // unaligned word load
  EXPECT_EQ(f.core.s.r[5], 0xFFFF8001u);
  EXPECT_EQ(f.core.s.r[2], kData);  // register forms never write back
}

TEST(LoadStore, RegisterAndShortImmediateFormsOfEverySize) {
  CoreFixture f;
  f.load_asm(
      "str r1, [r0, r2]\n strh r1, [r0, r3]\n strb r1, [r0, r4]\n"
      "str.w r1, [r0, r2, lsl #2]\n strb.w r1, [r0, r2, lsl #3]\n"
      "ldrb.w r5, [r0, r2, lsl #2]\n ldrsb.w r6, [r0, r2, lsl #2]\n ldrh.w r7, [r0, r2, lsl #2]\n"
      "ldr r8, [r0, #4]\n ldrh r9, [r0, #8]\n ldrb r10, [r0, #12]\n");
  f.core.s.r[0] = kData;
  f.core.s.r[1] = 0x87654321;
  f.core.s.r[2] = 4;
  f.core.s.r[3] = 8;
  f.core.s.r[4] = 12;
  f.step(11);
  EXPECT_EQ(f.mem32(kData + 4), 0x87654321u);
  EXPECT_EQ(f.mem32(kData + 8), 0x4321u);
  EXPECT_EQ(f.mem32(kData + 12), 0x21u);
  EXPECT_EQ(f.mem32(kData + 16), 0x87654321u);
  EXPECT_EQ(f.mem32(kData + 32), 0x21u);
  EXPECT_EQ(f.core.s.r[5], 0x21u);
  EXPECT_EQ(f.core.s.r[6], 0x21u);
  EXPECT_EQ(f.core.s.r[7], 0x4321u);
  EXPECT_EQ(f.core.s.r[8], 0x87654321u);
  EXPECT_EQ(f.core.s.r[9], 0x4321u);
  EXPECT_EQ(f.core.s.r[10], 0x21u);
}

TEST(LoadStore, LiteralLoadsAddressFromTheWordAlignedPc) {
  CoreFixture f;
  f.load_asm(
      "nop\n"
      "ldr r1, 1f\n"          // at offset 2: PC reads 6, Align(PC, 4) = 4
      "ldr.w r2, 1f\n"
      "ldrh.w r3, 1f\n"
      "ldrsb.w r4, 2f\n"
      "ldrd r5, r6, 1f\n"
      "b .\n"
      ".align 2\n"
      "1: .word 0x89ABCDEF\n .word 0x01234567\n"
      "2: .byte 0xFE\n");
  f.step(6);
  EXPECT_EQ(f.core.s.r[1], 0x89ABCDEFu);
  EXPECT_EQ(f.core.s.r[2], 0x89ABCDEFu);
  EXPECT_EQ(f.core.s.r[3], 0xCDEFu);
  EXPECT_EQ(f.core.s.r[4], 0xFFFFFFFEu);
  EXPECT_EQ(f.core.s.r[5], 0x89ABCDEFu);
  EXPECT_EQ(f.core.s.r[6], 0x01234567u);
}

TEST(LoadStore, LiteralWithSubtractedOffset) {
  CoreFixture f;
  f.load_halfwords({0xbf00, 0xbf00, 0xf85f, 0x1004});  // nop; nop; ldr.w r1, [pc, #-4] (at offset 4)
  f.step(3);
  EXPECT_EQ(f.core.s.r[1], 0x1004F85Fu);  // Align(PC, 4) - 4 = offset 4: the load's own encoding
}

TEST(LoadStore, StoresWriteOnlyTheirSize) {
  CoreFixture f;
  f.load_asm("strb r1, [r0]\n strh r1, [r0, #2]\n str r1, [r0, #4]\n strb.w r1, [r0, #8]!\n strh r1, [r0], #4\n");
  for (uint32_t a = kData; a < kData + 16; a += 4) f.set_mem32(a, 0xFFFFFFFF);
  f.core.s.r[0] = kData;
  f.core.s.r[1] = 0x12345678;
  f.step(5);
  EXPECT_EQ(f.mem32(kData), 0x5678FF78u);
  EXPECT_EQ(f.mem32(kData + 4), 0x12345678u);
  EXPECT_EQ(f.mem32(kData + 8), 0xFFFF5678u);  // strb at +8 (pre-indexed), then strh there (post-indexed)
  EXPECT_EQ(f.mem32(kData + 12), 0xFFFFFFFFu);
  EXPECT_EQ(f.core.s.r[0], kData + 12);
}

TEST(LoadStore, SpRelativeForms) {
  CoreFixture f;
  f.load_asm("str r1, [sp, #8]\n ldr r2, [sp, #8]\n ldr.w r3, [sp, #-4]!\n");
  const uint32_t sp = CoreFixture::kStackTop - 16;
  f.core.s.r[13] = sp;
  f.core.s.r[1] = 0xABCD;
  f.set_mem32(sp - 4, 77);
  f.step(3);
  EXPECT_EQ(f.mem32(sp + 8), 0xABCDu);
  EXPECT_EQ(f.core.s.r[2], 0xABCDu);
  EXPECT_EQ(f.core.s.r[3], 77u);
  EXPECT_EQ(f.core.s.r[13], sp - 4);
}

TEST(LoadStore, UnprivilegedFormsAccessLikeTheNormalOnes) {
  CoreFixture f;  // no MPU is modelled: "as if unprivileged" changes nothing
  f.load_asm("strt r1, [r0, #4]\n ldrt r2, [r0, #4]\n ldrbt r3, [r0, #5]\n ldrsht r4, [r0, #6]\n strbt r1, [r0, #8]\n strht r1, [r0, #10]\n ldrht r5, [r0, #10]\n ldrsbt r6, [r0, #7]\n");
  f.core.s.control = 1;  // unprivileged Thread mode
  f.core.s.r[0] = kData;
  f.core.s.r[1] = 0x8899AABB;
  f.step(8);
  EXPECT_EQ(f.mem32(kData + 4), 0x8899AABBu);
  EXPECT_EQ(f.core.s.r[2], 0x8899AABBu);
  EXPECT_EQ(f.core.s.r[3], 0xAAu);
  EXPECT_EQ(f.core.s.r[4], 0xFFFF8899u);
  EXPECT_EQ(f.mem8(kData + 8), 0xBBu);
  EXPECT_EQ(f.core.s.r[5], 0xAABBu);
  EXPECT_EQ(f.core.s.r[6], 0xFFFFFF88u);
  EXPECT_EQ(f.core.s.r[0], kData);
}

TEST(LoadStore, UnalignedSingleAccessesAreAllowed) {
  CoreFixture f;
  f.load_asm("ldr.w r1, [r0, #1]\n ldrh.w r2, [r0, #3]\n str.w r1, [r0, #9]\n");
  f.core.s.r[0] = kData;
  f.set_mem32(kData, 0x33221100);
  f.set_mem32(kData + 4, 0x77665544);
  f.step(3);
  EXPECT_EQ(f.core.stop_reason, StopReason::kNone);
  EXPECT_EQ(f.core.s.r[1], 0x44332211u);
  EXPECT_EQ(f.core.s.r[2], 0x4433u);
  EXPECT_EQ(f.mem32(kData + 9), 0x44332211u);
}

TEST(LoadStore, UnalignTrpMakesUnalignedSingleAccessesFault) {
  CoreFixture f;
  f.scs.write(0xE000ED14 - SystemControl::kBase, 4, (1u << 3) | (1u << 9));  // CCR.UNALIGN_TRP
  f.load_asm("ldrb.w r3, [r0, #1]\n ldr.w r1, [r0, #2]!\n");
  f.core.s.r[0] = kData;
  f.core.s.r[1] = 5;
  f.step(2);
  expect_fault(f, FaultKind::kUnaligned);
  EXPECT_EQ(f.core.s.r[1], 5u);
  EXPECT_EQ(f.core.s.r[0], kData);  // no writeback
  EXPECT_EQ(f.core.s.r[15], kCode + 4);  // the byte load passed, the word load faulted
}

TEST(LoadStore, LdrdStrdWithWriteback) {
  CoreFixture f;
  f.load_asm("strd r1, r2, [r0, #8]!\n ldrd r3, r4, [r0], #-8\n ldrd r5, r6, [r0, #12]\n");
  f.core.s.r[0] = kData;
  f.core.s.r[1] = 0x1111;
  f.core.s.r[2] = 0x2222;
  f.step(3);
  EXPECT_EQ(f.mem32(kData + 8), 0x1111u);
  EXPECT_EQ(f.mem32(kData + 12), 0x2222u);
  EXPECT_EQ(f.core.s.r[3], 0x1111u);
  EXPECT_EQ(f.core.s.r[4], 0x2222u);
  EXPECT_EQ(f.core.s.r[0], kData);
  EXPECT_EQ(f.core.s.r[5], 0x2222u);
  EXPECT_EQ(f.core.s.r[6], 0u);
}

TEST(LoadStore, LdrdNeedsWordAlignmentOnly) {
  CoreFixture f;
  f.load_asm("ldrd r1, r2, [r0, #4]\n ldrd r3, r4, [r5]\n");
  f.core.s.r[0] = kData;
  f.core.s.r[5] = kData + 6;
  f.set_mem32(kData + 4, 1);
  f.set_mem32(kData + 8, 2);
  f.step();
  EXPECT_EQ(f.core.s.r[1], 1u);
  EXPECT_EQ(f.core.s.r[2], 2u);
  f.step();
  expect_fault(f, FaultKind::kUnaligned);
  EXPECT_EQ(f.core.s.r[3], 0u);
  EXPECT_EQ(f.core.s.r[4], 0u);
}

TEST(LoadStore, StrdUnalignedFaultsWithoutWriting) {
  CoreFixture f;
  f.load_asm("strd r1, r2, [r0, #4]!\n");
  f.core.s.r[0] = kData + 2;
  f.core.s.r[1] = 0xAAAA;
  f.step();
  expect_fault(f, FaultKind::kUnaligned);
  EXPECT_EQ(f.mem32(kData + 4), 0u);
  EXPECT_EQ(f.mem32(kData + 8), 0u);
  EXPECT_EQ(f.core.s.r[0], kData + 2);
}

TEST(LoadStore, StmLdmIncrementAfter) {
  CoreFixture f;
  f.load_asm("stm r0!, {r1, r2, r3}\n ldm r4!, {r5, r6, r7}\n ldm.w r4, {r8, r9}\n stm.w r4!, {r1, r2}\n");
  f.core.s.r[0] = f.core.s.r[4] = kData;
  f.core.s.r[1] = 10;
  f.core.s.r[2] = 20;
  f.core.s.r[3] = 30;
  f.set_mem32(kData + 12, 40);
  f.set_mem32(kData + 16, 50);
  f.step(4);
  EXPECT_EQ(f.mem32(kData), 10u);
  EXPECT_EQ(f.mem32(kData + 8), 30u);
  EXPECT_EQ(f.core.s.r[0], kData + 12);
  EXPECT_EQ(f.core.s.r[5], 10u);
  EXPECT_EQ(f.core.s.r[7], 30u);
  EXPECT_EQ(f.core.s.r[8], 40u);
  EXPECT_EQ(f.core.s.r[9], 50u);
  EXPECT_EQ(f.mem32(kData + 12), 10u);
  EXPECT_EQ(f.mem32(kData + 16), 20u);
  EXPECT_EQ(f.core.s.r[4], kData + 20);
}

TEST(LoadStore, LdmT1WithTheBaseInTheListLoadsIt) {
  CoreFixture f;
  f.load_asm("ldm r0, {r0, r1}\n");
  f.core.s.r[0] = kData;
  f.set_mem32(kData, 0x1234);
  f.set_mem32(kData + 4, 0x5678);
  f.step();
  EXPECT_EQ(f.core.s.r[0], 0x1234u);
  EXPECT_EQ(f.core.s.r[1], 0x5678u);
}

TEST(LoadStore, DecrementBeforeForms) {
  CoreFixture f;
  f.load_asm("stmdb r0!, {r1, r2, lr}\n ldmdb r4, {r5, r6, r7}\n ldmdb r4!, {r8, r9}\n");
  f.core.s.r[0] = f.core.s.r[4] = kData + 0x20;
  f.core.s.r[1] = 1;
  f.core.s.r[2] = 2;
  f.core.s.r[14] = 14;
  f.step(3);
  EXPECT_EQ(f.mem32(kData + 0x14), 1u);  // lowest register at the lowest address
  EXPECT_EQ(f.mem32(kData + 0x18), 2u);
  EXPECT_EQ(f.mem32(kData + 0x1C), 14u);
  EXPECT_EQ(f.core.s.r[0], kData + 0x14);
  EXPECT_EQ(f.core.s.r[5], 1u);
  EXPECT_EQ(f.core.s.r[7], 14u);
  EXPECT_EQ(f.core.s.r[8], 2u);
  EXPECT_EQ(f.core.s.r[9], 14u);
  EXPECT_EQ(f.core.s.r[4], kData + 0x18);
}

TEST(LoadStore, PushAndPopAllForms) {
  CoreFixture f;
  f.load_asm(
      "push {r1, r2, lr}\n pop {r4, r5, r6}\n"
      "push.w {r1, r2, r8}\n pop.w {r9, r10, r11}\n"
      "push.w {r1}\n pop.w {r7}\n");
  const uint32_t sp = CoreFixture::kStackTop;
  f.core.s.r[1] = 1;
  f.core.s.r[2] = 2;
  f.core.s.r[8] = 8;
  f.core.s.r[14] = 14;
  f.step();
  EXPECT_EQ(f.core.s.r[13], sp - 12);
  EXPECT_EQ(f.mem32(sp - 12), 1u);
  EXPECT_EQ(f.mem32(sp - 4), 14u);
  f.step();
  EXPECT_EQ(f.core.s.r[4], 1u);
  EXPECT_EQ(f.core.s.r[6], 14u);
  EXPECT_EQ(f.core.s.r[13], sp);
  f.step(2);
  EXPECT_EQ(f.core.s.r[9], 1u);
  EXPECT_EQ(f.core.s.r[11], 8u);
  EXPECT_EQ(f.core.s.r[13], sp);
  f.step();
  EXPECT_EQ(f.core.s.r[13], sp - 4);  // PUSH T3 (str r1, [sp, #-4]!)
  f.step();
  EXPECT_EQ(f.core.s.r[7], 1u);       // POP T3 (ldr r7, [sp], #4)
  EXPECT_EQ(f.core.s.r[13], sp);
}

TEST(LoadStore, PopToPcBranchesWithInterworking) {
  CoreFixture f;
  f.load_asm("pop {r4, pc}\n");
  const uint32_t sp = CoreFixture::kStackTop - 8;
  f.core.s.r[13] = sp;
  f.set_mem32(sp, 0x1234);
  f.set_mem32(sp + 4, kCode + 0x41);
  f.step();
  EXPECT_EQ(f.core.stop_reason, StopReason::kNone);
  EXPECT_EQ(f.core.s.r[4], 0x1234u);
  EXPECT_EQ(f.core.s.r[15], kCode + 0x40);
  EXPECT_TRUE(f.core.s.tbit);
  EXPECT_EQ(f.core.s.r[13], sp + 8);
}

TEST(LoadStore, LdmAndLdrToPcBranch) {
  CoreFixture f;
  f.load_asm("ldm.w r0, {r1, pc}\n");
  f.core.s.r[0] = kData;
  f.set_mem32(kData, 7);
  f.set_mem32(kData + 4, kCode + 0x81);
  f.step();
  EXPECT_EQ(f.core.s.r[1], 7u);
  EXPECT_EQ(f.core.s.r[15], kCode + 0x80);

  f.load_asm("ldr pc, [r0, #4]\n");
  f.step();
  EXPECT_EQ(f.core.s.r[15], kCode + 0x80);
  f.load_asm("ldr.w pc, [r0], #4\n");  // writeback and branch
  f.core.s.r[0] = kData + 4;
  f.step();
  EXPECT_EQ(f.core.s.r[15], kCode + 0x80);
  EXPECT_EQ(f.core.s.r[0], kData + 8);
}

TEST(LoadStore, LdrToPcFromAnUnalignedAddressIsRefused) {
  CoreFixture f;
  f.load_asm("ldr.w pc, [r0, #2]\n");
  f.core.s.r[0] = kData;
  f.set_mem32(kData + 2, kCode + 0x41);
  f.step();
  expect_unpredictable(f);
  EXPECT_EQ(f.core.s.r[15], kCode);
}

TEST(LoadStore, LoadToPcInsideAnItBlockMustBeLast) {
  CoreFixture f;
  f.load_halfwords({0xbf04, 0xf8d0, 0xf000, 0x4609});  // itt eq; ldreq.w pc, [r0]; moveq r1, r1
  f.core.s.z = true;
  f.core.s.r[0] = kData;
  f.set_mem32(kData, kCode + 0x41);
  f.step(2);
  expect_unpredictable(f);

  CoreFixture g;
  g.load_asm("it eq\n ldreq pc, [r0]\n");  // last in the block: a branch
  g.core.s.z = true;
  g.core.s.r[0] = kData;
  g.set_mem32(kData, kCode + 0x41);
  g.step(2);
  EXPECT_EQ(g.core.stop_reason, StopReason::kNone);
  EXPECT_EQ(g.core.s.r[15], kCode + 0x40);
}

TEST(LoadStore, FaultingLoadsLeaveRegistersUnchanged) {
  CoreFixture f;  // the data RAM ends at kData + 0x10000: the second word is unmapped
  f.load_asm("ldm r0!, {r1, r2}\n");
  f.core.s.r[0] = kData + 0x10000 - 4;
  f.core.s.r[1] = 0x1111;
  f.core.s.r[2] = 0x2222;
  f.step();
  expect_fault(f, FaultKind::kPreciseErr);
  EXPECT_EQ(f.core.s.r[0], kData + 0x10000 - 4);
  EXPECT_EQ(f.core.s.r[1], 0x1111u);
  EXPECT_EQ(f.core.s.r[2], 0x2222u);

  CoreFixture g;
  g.load_asm("ldr.w r1, [r0], #4\n");
  g.core.s.r[0] = kUnmapped;
  g.step();
  expect_fault(g, FaultKind::kPreciseErr);
  EXPECT_EQ(g.core.s.r[0], kUnmapped);
}

TEST(LoadStore, MultipleTransfersNeedWordAlignment) {
  CoreFixture f;
  f.load_asm("ldm r0, {r1, r2}\n");
  f.core.s.r[0] = kData + 2;
  f.step();
  expect_fault(f, FaultKind::kUnaligned);
  CoreFixture g;
  g.load_asm("stmdb r0!, {r1, r2}\n");
  g.core.s.r[0] = kData + 0x12;
  g.step();
  expect_fault(g, FaultKind::kUnaligned);
  EXPECT_EQ(g.core.s.r[0], kData + 0x12u);
}

TEST(LoadStore, ExclusivePairSucceedsOnce) {
  CoreFixture f;
  f.load_asm("ldrex r1, [r0]\n adds r1, #1\n strex r2, r1, [r0]\n strex r3, r1, [r0]\n");
  f.core.s.r[0] = kData;
  f.set_mem32(kData, 41);
  f.step(3);
  EXPECT_EQ(f.core.s.r[2], 0u);
  EXPECT_EQ(f.mem32(kData), 42u);
  f.core.s.r[1] = 99;
  f.step();
  EXPECT_EQ(f.core.s.r[3], 1u);  // the first STREX cleared the monitor
  EXPECT_EQ(f.mem32(kData), 42u);
}

TEST(LoadStore, ClrexMakesStrexFail) {
  CoreFixture f;
  f.load_asm("ldrex r1, [r0, #4]\n clrex\n strex r2, r3, [r0, #4]\n");
  f.core.s.r[0] = kData;
  f.core.s.r[3] = 5;
  f.step(3);
  EXPECT_EQ(f.core.s.r[2], 1u);
  EXPECT_EQ(f.mem32(kData + 4), 0u);
}

TEST(LoadStore, ByteAndHalfwordExclusives) {
  CoreFixture f;
  f.load_asm("ldrexb r1, [r0]\n strexb r2, r3, [r0]\n ldrexh r4, [r5]\n strexh r6, r3, [r5]\n");
  f.core.s.r[0] = kData + 1;
  f.core.s.r[5] = kData + 2;
  f.core.s.r[3] = 0xABCD;
  f.set_mem32(kData, 0x44332211);
  f.step(4);
  EXPECT_EQ(f.core.s.r[1], 0x22u);
  EXPECT_EQ(f.core.s.r[2], 0u);
  EXPECT_EQ(f.core.s.r[4], 0x4433u);
  EXPECT_EQ(f.core.s.r[6], 0u);
  EXPECT_EQ(f.mem32(kData), 0xABCDCD11u);
}

TEST(LoadStore, ExclusivesNeedNaturalAlignment) {
  CoreFixture f;
  f.load_asm("ldrexh r1, [r0]\n");
  f.core.s.r[0] = kData + 1;
  f.step();
  expect_fault(f, FaultKind::kUnaligned);
  CoreFixture g;
  g.load_asm("ldrex r1, [r0]\n strex r2, r1, [r3]\n");
  g.core.s.r[0] = kData;
  g.core.s.r[3] = kData + 2;
  g.step(2);
  EXPECT_EQ(g.core.s.r[1], 0u);
  expect_fault(g, FaultKind::kUnaligned);
}

TEST(LoadStore, TableBranchByte) {
  CoreFixture f;
  f.load_asm(
      "tbb [pc, r0]\n"
      "1: .byte (10f - 1b) / 2, (11f - 1b) / 2\n"
      "10: movs r1, #10\n b 20f\n"
      "11: movs r1, #11\n"
      "20: b 20b\n");
  f.core.s.r[0] = 1;
  f.step(2);
  EXPECT_EQ(f.core.s.r[1], 11u);
}

TEST(LoadStore, TableBranchHalfword) {
  CoreFixture f;
  f.load_asm("tbh [r2, r0, lsl #1]\n movs r1, #1\n movs r1, #2\n movs r1, #3\n");
  f.core.s.r[2] = kData;
  f.core.s.r[0] = 2;
  f.set_mem16(kData + 0, 0);
  f.set_mem16(kData + 2, 1);
  f.set_mem16(kData + 4, 2);  // target = PC (tbh + 4) + 2 * 2: the third movs
  f.step();
  EXPECT_EQ(f.core.s.r[15], kCode + 8);
  f.step();
  EXPECT_EQ(f.core.s.r[1], 3u);
}

TEST(LoadStore, MemoryHintsHaveNoEffectAndNeverFault) {
  CoreFixture f;
  f.load_asm("pld [r0]\n pld [r0, #-4]\n pli [r0, r1]\n pld [pc, #-8]\n pli [r0, #100]\n");
  f.core.s.r[0] = kUnmapped;
  f.core.s.r[1] = 4;
  f.step(5);
  EXPECT_EQ(f.core.stop_reason, StopReason::kNone);
  EXPECT_EQ(f.core.s.r[15], kCode + 20);
  EXPECT_EQ(f.core.s.r[0], kUnmapped);

  f.load_halfwords({0xf8b0, 0xf000, 0xf930, 0xf001});  // unallocated hints: "ldrh pc, [r0]", "ldrsh pc, [r0, r1]"
  f.step(2);
  EXPECT_EQ(f.core.stop_reason, StopReason::kNone);
  EXPECT_EQ(f.core.s.r[15], kCode + 8);
}

TEST(LoadStore, UnpredictableEncodingsFaultWhenExecuted) {
  CoreFixture f;
  f.load_halfwords({0xe8b1, 0x0006});  // ldm.w r1!, {r1, r2}
  f.core.s.r[1] = kData;
  f.step();
  expect_fault(f, FaultKind::kUndefInstr);
  EXPECT_EQ(f.core.s.r[1], kData);
}

}  // namespace
}  // namespace mcuprof

namespace mcuprof::test {
namespace {

// PLD/PLI compute their address from Rn (and Rm) like a load: a timing model sees those registers read.
TEST(LoadStorePreload, ReadsItsAddressRegistersAndNothingElse) {
  CoreFixture f;
  f.core.record = true;
  f.load_asm("pld [r3, #8]\n pld [r3, r4, lsl #2]\n pli [r5, #-4]");
  f.step(1);
  EXPECT_EQ(f.core.rec.regs_read, 1u << 3);
  f.step(1);
  EXPECT_EQ(f.core.rec.regs_read, (1u << 3) | (1u << 4));
  f.step(1);
  EXPECT_EQ(f.core.rec.regs_read, 1u << 5);
  EXPECT_EQ(f.core.rec.n_access, 0u);
  EXPECT_EQ(f.core.rec.regs_written, 0u);
}

}  // namespace
}  // namespace mcuprof::test
