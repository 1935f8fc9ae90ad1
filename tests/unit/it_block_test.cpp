// IT blocks end to end (ARMv7-M ARM A7.3.3, A7.7.38): the IT instruction sets ITSTATE, the core evaluates each
// instruction of the block against its own condition and advances ITSTATE after it, 16-bit flag-setting forms
// do not set flags inside a block, and a branch may end a block. Exceptions taken inside a block stack ITSTATE.
#include <string>
#include <vector>

#include "tests/unit/core_fixture.h"

namespace mcuprof::test {
namespace {

constexpr uint32_t kCode = CoreFixture::kCode;

TEST(ItBlock, ItstateShiftsAfterEveryInstructionAndClearsAfterTheLast) {
  CoreFixture f;
  f.load_asm("itete ne\n nopne\n nopeq\n nopne\n nopeq\n nop");
  const uint8_t expected[] = {0x15, 0x0A, 0x14, 0x08, 0x00};  // firstcond NE = 0001, mask 0101
  for (uint8_t itstate : expected) {
    f.step();
    EXPECT_EQ(f.core.s.itstate, itstate);
  }
  EXPECT_EQ(f.core.s.r[15], kCode + 10);
}

// Every mask (IT, ITT, ITE, ... ITEEE) with both a condition and its inverse, and both flag values:
// each slot is an ADD (immediate) T2, which inside a block adds without setting flags.
TEST(ItBlock, EachSlotRunsWhenItsThenOrElseConditionHolds) {
  const char* const patterns[] = {"",    "t",   "e",   "tt",  "te",  "et",  "ee",  "ttt",
                                  "tte", "tet", "tee", "ett", "ete", "eet", "eee"};
  for (const std::string pattern : patterns) {
    for (const char* cond : {"eq", "ne"}) {
      const std::string inverse = std::string(cond) == "eq" ? "ne" : "eq";
      std::string src = "it" + pattern + " " + cond + "\n add" + cond + " r1, #1\n";
      for (size_t k = 0; k < pattern.size(); ++k)
        src += " add" + (pattern[k] == 't' ? std::string(cond) : inverse) + " r" + std::to_string(k + 2) + ", #1\n";
      src += " adds r7, #1";  // after the block: unconditional, and sets flags
      const std::vector<uint16_t> code = assemble(src, CoreModel::kCortexM4, kFeatFpSp);
      for (bool z : {false, true}) {
        CoreFixture f;
        f.load_halfwords(code);
        f.core.s.z = z;
        f.core.s.n = true;  // inside the block the adds do not touch the flags
        f.step(int(pattern.size()) + 2);
        EXPECT_TRUE(f.core.s.n) << src;
        EXPECT_EQ(f.core.s.z, z) << src;
        const bool first_passes = (std::string(cond) == "eq") == z;
        EXPECT_EQ(f.core.s.r[1], first_passes ? 1u : 0u) << src << " Z=" << z;
        for (size_t k = 0; k < pattern.size(); ++k)
          EXPECT_EQ(f.core.s.r[k + 2], (pattern[k] == 't') == first_passes ? 1u : 0u) << src << " Z=" << z;
        EXPECT_EQ(f.core.s.itstate, 0) << src;
        f.step();
        EXPECT_EQ(f.core.s.r[7], 1u);
        EXPECT_FALSE(f.core.s.n);  // the first instruction after the block sets flags again
      }
    }
  }
}

TEST(ItBlock, FlagsSetInsideTheBlockDecideTheLaterSlots) {
  for (uint32_t r0 : {4u, 5u}) {
    CoreFixture f;
    f.load_asm("itt eq\n cmpeq r0, #5\n addeq r1, #1");
    f.core.s.z = true;
    f.core.s.r[0] = r0;
    f.step(3);
    EXPECT_EQ(f.core.s.r[1], r0 == 5 ? 1u : 0u);
  }
}

TEST(ItBlock, SixteenBitFlagSettingEncodingsDoNotSetFlagsInside) {
  CoreFixture f;
  f.load_asm("itt ne\n addne r0, #1\n lslne r1, r1, #1\n adds r2, #1");  // ADDS/LSLS T1/T2 encodings
  f.core.s.r[0] = 0xFFFFFFFF;  // would give Z and C
  f.core.s.r[1] = 0x80000000;  // would give Z and C
  f.core.s.r[2] = 0xFFFFFFFF;
  f.step(3);
  EXPECT_EQ(f.core.s.r[0], 0u);
  EXPECT_EQ(f.core.s.r[1], 0u);
  EXPECT_FALSE(f.core.s.z);
  EXPECT_FALSE(f.core.s.c);
  f.step();  // outside the block the same encoding sets flags
  EXPECT_TRUE(f.core.s.z);
  EXPECT_TRUE(f.core.s.c);
}

TEST(ItBlock, ConditionalThirtyTwoBitInstructions) {
  for (bool z : {false, true}) {
    CoreFixture f;
    f.set_mem32(CoreFixture::kData + 4, 0xCAFEF00D);
    f.load_asm("ite eq\n addeq.w r0, r0, #0x100\n ldrne.w r2, [r3, #4]");
    f.core.s.r[3] = CoreFixture::kData;
    f.core.s.z = z;
    f.step(3);
    EXPECT_EQ(f.core.s.r[0], z ? 0x100u : 0u);
    EXPECT_EQ(f.core.s.r[2], z ? 0u : 0xCAFEF00Du);
    EXPECT_EQ(f.core.s.r[15], kCode + 10);
  }
}

TEST(ItBlock, AnInstructionWhoseConditionFailsCannotFault) {
  CoreFixture f;
  f.load_asm("it ne\n ldrne r0, [r1]\n nop");
  f.core.s.z = true;
  f.core.s.r[1] = 0x60000000;  // nothing there: a bus fault if it were executed
  f.step(3);
  EXPECT_EQ(f.core.stop_reason, StopReason::kNone);
  EXPECT_EQ(f.core.s.r[15], kCode + 6);
}

TEST(ItBlock, ABranchEndsTheBlock) {
  for (bool z : {false, true}) {
    CoreFixture f;
    f.load_asm("itt ne\n addne r1, #1\n bne 1f\n movs r2, #1\n1: nop");
    f.core.s.z = z;
    f.step(3);
    EXPECT_EQ(f.core.s.r[1], z ? 0u : 1u);
    EXPECT_EQ(f.core.s.r[15], z ? kCode + 6 : kCode + 8);
    EXPECT_EQ(f.core.s.itstate, 0);
  }
}

TEST(ItBlock, WideBranchAndLinkAsTheLastInstruction) {
  for (bool c : {false, true}) {
    CoreFixture f;
    f.load_asm("ite cs\n movcs r0, #1\n blcc 1f\n nop\n1: nop");
    f.core.s.c = c;
    f.step(3);
    EXPECT_EQ(f.core.s.r[0], c ? 1u : 0u);
    EXPECT_EQ(f.core.s.r[15], c ? kCode + 8 : kCode + 10);
    EXPECT_EQ(f.core.s.r[14], c ? 0u : (kCode + 8) | 1);
  }
}

TEST(ItBlock, AlwaysBlock) {
  CoreFixture f;
  f.load_halfwords({0xbfe4, 0x3101, 0x3201});  // itt al; add r1, #1; add r2, #1 (GNU as refuses "addal")
  f.step(3);
  EXPECT_EQ(f.core.s.r[1], 1u);
  EXPECT_EQ(f.core.s.r[2], 1u);
}

// B1.5.6: an exception taken inside a block stacks ITSTATE in the xPSR; the handler runs outside any block and
// the return resumes the block where it stopped.
TEST(ItBlock, AnExceptionInsideTheBlockStacksAndRestoresItstate) {
  constexpr uint32_t kVectors = CoreFixture::kData;
  constexpr uint32_t kHandler = kCode + 0x400;
  CoreFixture f;
  f.scs.write(0xE000ED08 - SystemControl::kBase, 4, kVectors);  // VTOR
  f.set_mem32(kVectors + 4 * kExcSvCall, kHandler | 1);
  f.load_asm("movs r5, #0\n adds r6, #1\n bx lr", kHandler);  // changes the flags
  f.load_asm("ittt eq\n svceq #0\n addeq r1, #1\n addeq r2, #1\n nop");
  f.core.s.z = true;
  f.step(2);  // it, svc
  EXPECT_EQ(f.core.s.itstate, 0x04);  // ITSTATE of the second slot: EQ, two instructions left
  f.step(1);  // exception entry + movs
  EXPECT_EQ(f.core.s.ipsr, kExcSvCall);
  EXPECT_EQ(f.core.s.itstate, 0);
  const uint32_t stacked_xpsr = f.mem32(f.core.s.r[13] + 0x1C);
  EXPECT_EQ(stacked_xpsr & 0x0600FC00u, 0x04u << 8);  // IT[7:2] in bits 15:10, IT[1:0] in bits 26:25
  f.step(2);  // adds (not in a block: sets flags, Z=0), bx lr
  EXPECT_EQ(f.core.s.ipsr, 0u);
  EXPECT_EQ(f.core.s.itstate, 0x04);
  EXPECT_TRUE(f.core.s.z);  // the stacked flags are back
  f.step(3);
  EXPECT_EQ(f.core.s.r[1], 1u);
  EXPECT_EQ(f.core.s.r[2], 1u);
  EXPECT_EQ(f.core.s.itstate, 0);
  EXPECT_EQ(f.core.s.r[15], kCode + 10);
}

}  // namespace
}  // namespace mcuprof::test

namespace mcuprof::test {
namespace {

TEST(ItBlock, BkptInsideABlockIgnoresTheCondition) {
  CoreFixture f;
  bool hit = false;
  f.core.on_bkpt = [&](Core&, uint32_t) { hit = true; return true; };
  f.load_halfwords({0xbf18, 0xbeab, 0xbf00});  // it ne; bkpt 0xab; nop
  f.core.s.z = true;                           // NE fails
  f.step(2);
  EXPECT_TRUE(hit);
  EXPECT_EQ(f.core.s.itstate, 0u);
}

}  // namespace
}  // namespace mcuprof::test
