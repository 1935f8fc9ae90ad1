// Semantics of the branch_system family (cores/isa/branch_system.cpp), executed on the core: branches and
// their link values, the T bit, hints, barriers, special registers, CPS, SVC, BKPT and UDF.
#include <cstring>

#include "tests/unit/core_fixture.h"

namespace mcuprof::test {
namespace {

constexpr uint32_t kCode = CoreFixture::kCode;

void expect_fault(const CoreFixture& f, FaultKind kind, uint32_t at) {
  EXPECT_EQ(f.core.stop_reason, StopReason::kFault);
  EXPECT_EQ(f.core.last_fault.kind, kind) << f.core.last_fault.detail;
  EXPECT_EQ(f.core.fault_pc, at);
}

TEST(Branch, ConditionalNarrowBranchFollowsTheFlags) {
  for (bool z : {false, true}) {
    CoreFixture f;
    f.load_asm("beq.n 1f\n nop\n nop\n1: nop");
    f.core.s.z = z;
    f.step();
    EXPECT_EQ(f.core.s.r[15], z ? kCode + 6 : kCode + 2);
  }
}

TEST(Branch, ConditionalWideBranchFollowsTheFlags) {
  for (bool c : {false, true}) {
    CoreFixture f;
    f.load_asm("b 2f\n1: nop\n nop\n2: bcs.w 1b\n nop");
    f.core.s.c = c;
    f.step(2);
    EXPECT_EQ(f.core.s.r[15], c ? kCode + 2 : kCode + 10);
  }
}

TEST(Branch, UnconditionalBranchesReachBothDirections) {
  CoreFixture f;
  // 0: b.w 0x1000 (T4); 0x1000: b.n 0x1004 (T2) ... 0x1004: b.w 2 (T4 backwards)
  f.load_asm("b.w 1f\n2: nop\n .space 0xffa\n1: b.n 3f\n nop\n3: b.w 2b");
  f.step();
  EXPECT_EQ(f.core.s.r[15], kCode + 0x1000);
  f.step();
  EXPECT_EQ(f.core.s.r[15], kCode + 0x1004);
  f.step();
  EXPECT_EQ(f.core.s.r[15], kCode + 4);
}

TEST(Branch, BlLinksTheNextInstructionWithTheThumbBit) {
  CoreFixture f;
  f.load_asm("bl 1f\n movs r0, #1\n1: bx lr");
  f.step();
  EXPECT_EQ(f.core.s.r[14], (kCode + 4) | 1);
  EXPECT_EQ(f.core.s.r[15], kCode + 6);
  f.step();  // bx lr returns
  EXPECT_EQ(f.core.s.r[15], kCode + 4);
  EXPECT_TRUE(f.core.s.tbit);
}

TEST(Branch, BlxRegisterLinksAfterItselfAndReadsTheTargetFirst) {
  CoreFixture f;
  f.load_asm("blx lr\n nop\n nop\n nop");
  f.core.s.r[14] = (kCode + 6) | 1;
  f.step();
  EXPECT_EQ(f.core.s.r[15], kCode + 6);
  EXPECT_EQ(f.core.s.r[14], (kCode + 2) | 1);
  EXPECT_TRUE(f.core.s.tbit);
}

TEST(Branch, BxToAnEvenAddressFaultsOnTheNextInstruction) {
  CoreFixture f;
  f.load_asm("bx r0\n nop\n nop");
  f.core.s.r[0] = kCode + 4;  // T bit clear: INVSTATE when executing at kCode + 4
  f.step();
  EXPECT_EQ(f.core.stop_reason, StopReason::kNone);
  EXPECT_FALSE(f.core.s.tbit);
  f.step();
  expect_fault(f, FaultKind::kInvState, kCode + 4);
}

TEST(Branch, BlxToAnEvenAddressLinksThenFaultsOnTheNextInstruction) {
  CoreFixture f;
  f.load_asm("blx r1\n nop\n nop");
  f.core.s.r[1] = kCode + 4;
  f.step();
  EXPECT_EQ(f.core.s.r[14], (kCode + 2) | 1);
  f.step();
  expect_fault(f, FaultKind::kInvState, kCode + 4);
}

TEST(Branch, CompareAndBranchOnZeroAndNonZero) {
  for (uint32_t r2 : {0u, 5u}) {
    CoreFixture f;
    f.load_asm("cbz r2, 1f\n cbnz r2, 2f\n1: nop\n nop\n2: nop");
    f.core.s.r[2] = r2;
    f.core.s.z = r2 != 0;  // CBZ/CBNZ look at the register, never at the flags
    f.step();
    EXPECT_EQ(f.core.s.r[15], r2 == 0 ? kCode + 4 : kCode + 2);
    if (r2 != 0) {
      f.step();
      EXPECT_EQ(f.core.s.r[15], kCode + 8);
    }
  }
}

TEST(Branch, CbnzReachesItsLargestForwardOffset) {
  CoreFixture f;
  f.load_asm("cbnz r7, 1f\n .space 128\n1: nop");
  f.core.s.r[7] = 1;
  f.step();
  EXPECT_EQ(f.core.s.r[15], kCode + 4 + 126);
}

// Each hint and barrier only moves on; the ones with an effect are tested below.
TEST(Hints, NopLikeHintsAndBarriersOnlyAdvance) {
  CoreFixture f;
  f.load_asm("nop\n nop.w\n yield\n yield.w\n dbg #3\n dsb sy\n dmb ish\n isb sy\n .hword 0xbf50\n .hword 0xf3af, 0x80ef");
  CpuState before = f.core.s;
  f.step(10);
  EXPECT_EQ(f.core.stop_reason, StopReason::kNone);
  EXPECT_EQ(f.core.s.r[15], kCode + 34);
  before.r[15] = kCode + 34;
  EXPECT_EQ(0, std::memcmp(before.r, f.core.s.r, sizeof before.r));
  EXPECT_EQ(f.core.s.apsr(), before.apsr());
}

TEST(Hints, SevMakesTheNextWfeReturnAtOnce) {
  CoreFixture f;
  f.load_asm("sev\n wfe\n wfe.w");
  f.step(2);
  EXPECT_EQ(f.core.stop_reason, StopReason::kNone);
  EXPECT_EQ(f.core.s.r[15], kCode + 4);
  f.step();  // the event was consumed: nothing can wake the core
  EXPECT_EQ(f.core.stop_reason, StopReason::kSleepForever);
}

TEST(Hints, WfiWithNothingPendingSleepsForever) {
  for (const char* wfi : {"wfi", "wfi.w"}) {
    CoreFixture f;
    f.load_asm(wfi);
    f.step();
    EXPECT_EQ(f.core.stop_reason, StopReason::kSleepForever) << wfi;
  }
}

TEST(SpecialRegisters, MsrAndMrsMoveTheApsrFlagsAndGe) {
  CoreFixture f;
  f.load_asm("msr apsr_nzcvq, r1\n msr apsr_g, r2\n mrs r3, apsr\n mrs r4, xpsr");
  f.core.s.r[1] = 0xA8000000;  // N, C, Q
  f.core.s.r[2] = 0x00050000;  // GE = 0101
  f.step(4);
  EXPECT_TRUE(f.core.s.n && !f.core.s.z && f.core.s.c && !f.core.s.v && f.core.s.q);
  EXPECT_EQ(f.core.s.ge, 0x5);
  EXPECT_EQ(f.core.s.r[3], 0xA8050000u);
  EXPECT_EQ(f.core.s.r[4], 0xA8050000u);  // Thread mode: IPSR 0; EPSR reads as zero
}

TEST(SpecialRegisters, NzcvqOnlyMaskLeavesGe) {
  CoreFixture f;
  f.load_asm("msr apsr_nzcvq, r1");
  f.core.s.ge = 0xA;
  f.core.s.r[1] = 0xFFFFFFFF;
  f.step();
  EXPECT_EQ(f.core.s.ge, 0xA);
  EXPECT_TRUE(f.core.s.n && f.core.s.z && f.core.s.c && f.core.s.v && f.core.s.q);
}

TEST(SpecialRegisters, PrimaskBasepriAndFaultmask) {
  CoreFixture f;
  f.load_asm(
      "msr primask, r1\n mrs r2, primask\n msr basepri, r3\n msr basepri_max, r4\n mrs r5, basepri\n"
      " msr basepri_max, r6\n mrs r7, basepri_max\n msr faultmask, r1\n mrs r8, faultmask");
  f.core.s.r[1] = 1;
  f.core.s.r[3] = 0x80;
  f.core.s.r[4] = 0x40;  // higher priority than 0x80: BASEPRI_MAX raises it
  f.core.s.r[6] = 0xC0;  // lower priority: BASEPRI_MAX leaves it
  f.step(9);
  EXPECT_EQ(f.core.s.r[2], 1u);
  EXPECT_EQ(f.core.s.r[5], 0x40u);
  EXPECT_EQ(f.core.s.r[7], 0x40u);
  EXPECT_EQ(f.core.s.r[8], 1u);
}

TEST(SpecialRegisters, ControlSpselSwitchesToTheProcessStack) {
  CoreFixture f;
  f.load_asm("msr psp, r0\n msr control, r1\n mrs r2, msp\n mrs r3, psp\n mrs r4, control");
  f.core.s.r[0] = 0x20018000;
  f.core.s.r[1] = 2;
  f.step(5);
  EXPECT_EQ(f.core.s.r[13], 0x20018000u);
  EXPECT_EQ(f.core.s.r[2], CoreFixture::kStackTop);
  EXPECT_EQ(f.core.s.r[3], 0x20018000u);
  EXPECT_EQ(f.core.s.r[4], 2u);
}

TEST(SpecialRegisters, UnprivilegedWritesToMasksAreIgnored) {
  CoreFixture f;
  f.load_asm("msr control, r1\n msr primask, r2\n cpsid i\n cpsid f\n mrs r3, primask");
  f.core.s.r[1] = 1;  // nPRIV
  f.core.s.r[2] = 1;
  f.step(5);
  EXPECT_FALSE(f.core.s.primask);
  EXPECT_FALSE(f.core.s.faultmask);
  EXPECT_EQ(f.core.s.r[3], 0u);
}

TEST(Cps, SetsAndClearsPrimaskAndFaultmask) {
  CoreFixture f;
  f.load_asm("cpsid i\n cpsid f\n cpsie i\n cpsie f\n cpsid if");
  f.step();
  EXPECT_TRUE(f.core.s.primask);
  f.step();
  EXPECT_TRUE(f.core.s.faultmask);
  f.step();
  EXPECT_FALSE(f.core.s.primask);
  EXPECT_TRUE(f.core.s.faultmask);
  f.step();
  EXPECT_FALSE(f.core.s.faultmask);
  f.step();
  EXPECT_TRUE(f.core.s.primask && f.core.s.faultmask);
}

TEST(ExceptionInstructions, SvcPendsSupervisorCall) {
  CoreFixture f;
  f.load_asm("svc #0x12\n nop");
  f.step();
  EXPECT_TRUE(f.scs.is_pending(kExcSvCall));
  EXPECT_EQ(f.core.s.r[15], kCode + 2);
}

TEST(ExceptionInstructions, BkptGoesToTheDebuggerHookWithItsImmediate) {
  CoreFixture f;
  uint32_t seen = 0;
  f.core.on_bkpt = [&](Core&, uint32_t imm) { seen = imm; return true; };
  f.load_asm("bkpt #0xab\n nop");
  f.step();
  EXPECT_EQ(seen, 0xABu);
  EXPECT_EQ(f.core.stop_reason, StopReason::kNone);
  EXPECT_EQ(f.core.s.r[15], kCode + 2);
}

TEST(ExceptionInstructions, BkptWithNoDebuggerIsABreakpointFault) {
  CoreFixture f;
  f.load_asm("nop\n bkpt #1");
  f.step(2);
  expect_fault(f, FaultKind::kBreakpoint, kCode + 2);
}

TEST(ExceptionInstructions, UdfIsAnUndefinedInstruction) {
  for (const char* udf : {"udf #7", "udf.w #0x1234"}) {
    CoreFixture f;
    f.load_asm(std::string("nop\n ") + udf);
    f.step(2);
    expect_fault(f, FaultKind::kUndefInstr, kCode + 2);
  }
}

TEST(Unpredictable, EncodingsTheDecoderRefusesFaultWhenExecuted) {
  const std::vector<uint16_t> cases[] = {
      {0x47f8},          // blx pc
      {0xf3ef, 0x8d08},  // mrs sp, msp
      {0xf38d, 0x8808},  // msr msp, sp
      {0xbff8},          // it with firstcond 1111
  };
  for (const auto& hws : cases) {
    CoreFixture f;
    f.load_halfwords(hws);
    f.step();
    expect_fault(f, FaultKind::kUndefInstr, kCode);
  }
}

// ITSTATE rules no decoder can check: refused when the instruction executes in the wrong place of a block.
TEST(Unpredictable, BranchesInTheWrongPlaceOfAnItBlockFault) {
  const std::vector<uint16_t> cases[] = {
      {0xbf08, 0xd000},                  // it eq; beq (B T1 in an IT block)
      {0xbf08, 0xf000, 0x8000},          // it eq; beq.w (B T3 in an IT block)
      {0xbf08, 0xb100},                  // it eq; cbz r0
      {0xbf08, 0xb900},                  // it eq; cbnz r0
      {0xbf04, 0xe000, 0xbf00},          // itt eq; b.n (B T2 not last)
      {0xbf04, 0xf000, 0xb800, 0xbf00},  // itt eq; b.w (B T4 not last)
      {0xbf04, 0xf000, 0xf800, 0xbf00},  // itt eq; bl (not last)
      {0xbf04, 0x4770, 0xbf00},          // itt eq; bx lr (not last)
      {0xbf04, 0x4788, 0xbf00},          // itt eq; blx r1 (not last)
      {0xbf08, 0xb672},                  // it eq; cpsid i
      {0xbf04, 0xbf08, 0xbf00},          // itt eq; it eq
  };
  for (const auto& hws : cases) {
    CoreFixture f;
    f.load_halfwords(hws);
    f.core.s.z = true;
    f.core.s.r[14] = (kCode + 0x100) | 1;
    f.core.s.r[1] = (kCode + 0x100) | 1;
    f.step(2);
    expect_fault(f, FaultKind::kUndefInstr, kCode + 2);
    EXPECT_NE(f.core.last_fault.detail.find("UNPREDICTABLE"), std::string::npos) << f.core.last_fault.detail;
  }
}

TEST(Unpredictable, BranchesLastInAnItBlockAreAllowed) {
  const std::vector<uint16_t> cases[] = {
      {0xbf08, 0xe07d},          // it eq; b.n kCode + 0x100 (B T2)
      {0xbf08, 0xf000, 0xb87d},  // it eq; b.w kCode + 0x100 (B T4)
      {0xbf08, 0xf000, 0xf87d},  // it eq; bl kCode + 0x100
      {0xbf08, 0x4770},          // it eq; bx lr
      {0xbf08, 0x4788},          // it eq; blx r1
  };
  for (const auto& hws : cases) {
    CoreFixture f;
    f.load_halfwords(hws);
    f.core.s.z = true;
    f.core.s.r[14] = (kCode + 0x100) | 1;
    f.core.s.r[1] = (kCode + 0x100) | 1;
    f.step(2);
    EXPECT_EQ(f.core.stop_reason, StopReason::kNone) << f.core.last_fault.detail;
    EXPECT_EQ(f.core.s.r[15], kCode + 0x100);
    EXPECT_EQ(f.core.s.itstate, 0);
  }
}

}  // namespace
}  // namespace mcuprof::test
