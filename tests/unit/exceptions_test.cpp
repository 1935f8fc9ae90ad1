// Exception entry and return (ARMv7-M ARM B1.5): stacking, EXC_RETURN, SVC, SysTick, fault escalation, lockup.
#include "tests/unit/core_fixture.h"

namespace mcuprof::test {
namespace {

constexpr uint32_t kVectors = CoreFixture::kData;        // VTOR must be 128-byte aligned
constexpr uint32_t kHandler = CoreFixture::kCode + 0x400;
constexpr uint32_t kScs = SystemControl::kBase;

struct ExceptionFixture : CoreFixture {
  ExceptionFixture() {
    scs.write(0xE000ED08 - kScs, 4, kVectors);  // VTOR
    core.deliver_faults = true;
  }
  void vector(unsigned exc, uint32_t handler) { set_mem32(kVectors + 4 * exc, handler | 1); }
  uint32_t scs_reg(uint32_t addr) { uint32_t v = 0; scs.read(addr - kScs, 4, v); return v; }
};

TEST(Exceptions, SvcStacksEightWordsAndReturnsToTheNextInstruction) {
  ExceptionFixture f;
  f.vector(kExcSvCall, kHandler);
  f.load_asm("movs r1, #42\n bx lr", kHandler);
  f.load_asm("movs r0, #7\n svc #3\n adds r0, r0, #1\n nop");
  f.core.s.r[12] = 0x12121212;
  f.step(2);  // movs, svc
  f.step(1);  // exception entry happens before the first handler instruction executes
  EXPECT_EQ(f.core.s.ipsr, kExcSvCall);
  EXPECT_EQ(f.core.s.r[14], 0xFFFFFFF9u);  // return to Thread mode, main stack, no FP frame
  const uint32_t frame = CoreFixture::kStackTop - 0x20;
  EXPECT_EQ(f.core.s.r[13], frame);
  EXPECT_EQ(f.mem32(frame + 0x00), 7u);           // r0
  EXPECT_EQ(f.mem32(frame + 0x10), 0x12121212u);  // r12
  EXPECT_EQ(f.mem32(frame + 0x18), CoreFixture::kCode + 4);  // return address: after the SVC
  EXPECT_EQ(f.mem32(frame + 0x1C) & (1u << 24), 1u << 24);   // stacked T bit
  EXPECT_EQ(f.core.s.r[1], 42u);
  f.step(1);  // bx lr: exception return
  EXPECT_EQ(f.core.s.ipsr, 0u);
  EXPECT_EQ(f.core.s.r[13], CoreFixture::kStackTop);
  EXPECT_EQ(f.core.s.r[15], CoreFixture::kCode + 4);
  f.step(1);
  EXPECT_EQ(f.core.s.r[0], 8u);
  EXPECT_EQ(f.core.stop_reason, StopReason::kNone);
}

TEST(Exceptions, MisalignedStackIsRealignedAndRestored) {
  ExceptionFixture f;
  f.vector(kExcSvCall, kHandler);
  f.load_asm("nop\n bx lr", kHandler);
  f.load_asm("svc #0\n nop");
  f.core.s.r[13] = CoreFixture::kStackTop - 4;  // 4 mod 8: CCR.STKALIGN forces an 8-byte aligned frame
  f.step(2);  // svc; exception entry + the handler's nop
  const uint32_t frame = f.core.s.r[13];
  EXPECT_EQ(frame % 8, 0u);
  EXPECT_EQ(frame, CoreFixture::kStackTop - 4 - 0x20 - 4);
  EXPECT_EQ(f.mem32(frame + 0x1C) & (1u << 9), 1u << 9);  // xPSR bit 9 records the realignment
  f.step(1);
  EXPECT_EQ(f.core.s.r[13], CoreFixture::kStackTop - 4);
}

TEST(Exceptions, SysTickInterruptsTheProgramAndReturns) {
  ExceptionFixture f;
  f.vector(kExcSysTick, kHandler);
  f.load_asm("adds r4, r4, #1\n bx lr", kHandler);  // r4: not in the stacked frame, survives the return
  f.load_asm("loop: adds r3, r3, #1\n b loop");
  f.scs.write(0xE000E014 - kScs, 4, 99);   // RVR: a tick every 100 cycles
  f.scs.write(0xE000E018 - kScs, 4, 0);    // CVR
  f.scs.write(0xE000E010 - kScs, 4, 7);    // CSR: ENABLE | TICKINT | CLKSOURCE
  f.step(1000);
  EXPECT_GE(f.core.s.r[4], 8u);
  EXPECT_LE(f.core.s.r[4], 11u);
  EXPECT_GT(f.core.s.r[3], 400u);
  EXPECT_EQ(f.core.stop_reason, StopReason::kNone);
}

TEST(Exceptions, PrimaskHoldsOffSysTick) {
  ExceptionFixture f;
  f.vector(kExcSysTick, kHandler);
  f.load_asm("adds r4, r4, #1\n bx lr", kHandler);
  f.load_asm("cpsid i\n loop: adds r3, r3, #1\n b loop");
  f.scs.write(0xE000E014 - kScs, 4, 9);
  f.scs.write(0xE000E010 - kScs, 4, 7);
  f.step(200);
  EXPECT_EQ(f.core.s.r[4], 0u);
  EXPECT_TRUE(f.core.s.primask);
}

TEST(Exceptions, UndefinedInstructionEscalatesToHardFaultWhenUsageFaultIsDisabled) {
  ExceptionFixture f;
  f.vector(kExcHardFault, kHandler);
  f.load_asm("movs r5, #1\n b .", kHandler);
  f.load_asm("udf #0");
  f.step(2);
  EXPECT_EQ(f.core.s.ipsr, kExcHardFault);
  EXPECT_EQ(f.core.s.r[5], 1u);
  EXPECT_EQ(f.scs_reg(0xE000ED28) & (1u << 16), 1u << 16);  // CFSR.UNDEFINSTR
  EXPECT_EQ(f.scs_reg(0xE000ED2C) & (1u << 30), 1u << 30);  // HFSR.FORCED
  EXPECT_EQ(f.mem32(f.core.s.r[13] + 0x18), CoreFixture::kCode);  // return address: the faulting instruction
}

TEST(Exceptions, UsageFaultHandlerRunsWhenEnabled) {
  ExceptionFixture f;
  f.vector(kExcUsageFault, kHandler);
  f.load_asm("movs r5, #2\n b .", kHandler);
  f.scs.write(0xE000ED24 - kScs, 4, 1u << 18);  // SHCSR.USGFAULTENA
  f.scs.write(0xE000ED14 - kScs, 4, 0x200 | (1u << 4));  // CCR: STKALIGN | DIV_0_TRP
  f.load_asm("movs r1, #0\n udiv r0, r0, r1");
  f.step(3);
  EXPECT_EQ(f.core.s.ipsr, kExcUsageFault);
  EXPECT_EQ(f.scs_reg(0xE000ED28) & (1u << 25), 1u << 25);  // CFSR.DIVBYZERO
}

TEST(Exceptions, FaultInsideHardFaultLocksUp) {
  ExceptionFixture f;
  f.vector(kExcHardFault, kHandler);
  f.load_asm("udf #1", kHandler);
  f.load_asm("udf #0");
  f.step(3);
  EXPECT_EQ(f.core.stop_reason, StopReason::kLockup);
}

TEST(Exceptions, WithoutDeliveryAFaultStopsTheRunAtTheFaultingInstruction) {
  CoreFixture f;
  f.load_asm("nop\n ldr r0, [r1]");
  f.core.s.r[1] = 0x60000000;  // nothing mapped there
  f.step(5);
  EXPECT_EQ(f.core.stop_reason, StopReason::kFault);
  EXPECT_EQ(f.core.last_fault.kind, FaultKind::kPreciseErr);
  EXPECT_EQ(f.core.last_fault.address, 0x60000000u);
  EXPECT_EQ(f.core.fault_pc, CoreFixture::kCode + 2);
  EXPECT_EQ(f.core.s.r[15], CoreFixture::kCode + 2);
}

TEST(Exceptions, WfiWithNothingToWakeTheCoreStops) {
  CoreFixture f;
  f.load_asm("wfi");
  f.step(2);
  EXPECT_EQ(f.core.stop_reason, StopReason::kSleepForever);
}

TEST(Exceptions, ProcessStackIsUsedInThreadModeAndRestoredOnReturn) {
  ExceptionFixture f;
  f.vector(kExcSvCall, kHandler);
  f.load_asm("mov r4, sp\n bx lr", kHandler);
  // Switch Thread mode to the process stack (CONTROL.SPSEL), then take an SVC.
  f.load_asm("msr psp, r0\n movs r1, #2\n msr control, r1\n isb\n svc #0\n mov r6, sp");
  f.core.s.r[0] = CoreFixture::kStackTop - 0x800;
  f.step(5);  // up to and including svc
  f.step(2);  // handler: mov r4, sp ; bx lr
  EXPECT_EQ(f.core.s.r[4], CoreFixture::kStackTop);  // handler runs on the main stack, untouched
  f.step(1);
  EXPECT_EQ(f.core.s.r[6], CoreFixture::kStackTop - 0x800);  // back on the process stack, frame popped
  EXPECT_EQ(f.core.sp_process(), CoreFixture::kStackTop - 0x800);
}

}  // namespace
}  // namespace mcuprof::test
