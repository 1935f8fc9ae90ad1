#include "cores/system_control.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <vector>

#include "cores/isa/inst.h"

namespace mcuprof {
namespace {

constexpr uint32_t kM4Cpuid = 0x410FC241, kM7r0p1 = 0x410FC271, kM7r1p0 = 0x411FC270;

struct Scs {
  explicit Scs(CoreModel m = CoreModel::kCortexM4, uint32_t cpuid = kM4Cpuid) : s(m, cpuid) {}
  Scs(CoreModel m, uint32_t cpuid, const ScsConfig& c) : s(m, cpuid, c) {}
  uint32_t rd(uint32_t addr, unsigned size = 4) {
    uint32_t v = 0xDEADBEEF;
    EXPECT_TRUE(s.read(addr - SystemControl::kBase, size, v)) << std::hex << addr;
    return v;
  }
  void wr(uint32_t addr, uint32_t v, unsigned size = 4) {
    EXPECT_TRUE(s.write(addr - SystemControl::kBase, size, v)) << std::hex << addr;
  }
  SystemControl s;
};

ScsConfig m7_dp_16k() {
  ScsConfig c = ScsConfig::defaults(CoreModel::kCortexM7);
  c.fp_features = kFeatFpSp | kFeatFpDp | kFeatFpV5;
  c.icache_bytes = c.dcache_bytes = 16 * 1024;
  c.dtcm_bytes = 128 * 1024;
  return c;
}

TEST(SystemControl, IdentificationPerCore) {
  Scs m4;
  EXPECT_EQ(m4.rd(0xE000ED00), kM4Cpuid);
  EXPECT_EQ(m4.rd(0xE000EF40), 0x10110021u);  // MVFR0 FPv4-SP
  EXPECT_EQ(m4.rd(0xE000EF44), 0x11000011u);
  EXPECT_EQ(m4.rd(0xE000EF48), 0u);           // no MVFR2 on FPv4
  EXPECT_EQ(m4.rd(0xE000ED60), 0x01141110u);  // ID_ISAR0
  EXPECT_EQ(m4.rd(0xE000ED78), 0u) << "no caches: CLIDR 0";
  EXPECT_EQ(m4.rd(0xE000ED7C), 0u);

  Scs m7sp(CoreModel::kCortexM7, kM7r0p1);
  EXPECT_EQ(m7sp.rd(0xE000ED00), kM7r0p1);
  EXPECT_EQ(m7sp.rd(0xE000EF40), 0x10110021u);
  EXPECT_EQ(m7sp.rd(0xE000EF48), 0x00000040u);
  EXPECT_EQ(m7sp.rd(0xE000ED70), 0x01310132u);  // ID_ISAR4

  Scs m7dp(CoreModel::kCortexM7, kM7r1p0, m7_dp_16k());
  EXPECT_EQ(m7dp.rd(0xE000ED00), kM7r1p0);
  EXPECT_EQ(m7dp.rd(0xE000EF40), 0x10110221u);  // MVFR0 FPv5 double precision
  EXPECT_EQ(m7dp.rd(0xE000EF44), 0x12000011u);
}

TEST(SystemControl, CacheIdentificationAndMaintenanceOnTheM7) {
  Scs f(CoreModel::kCortexM7, kM7r0p1);  // default M7: 4 KB + 4 KB (STM32F746)
  EXPECT_EQ(f.rd(0xE000ED78), 0x09000003u);  // CLIDR
  EXPECT_EQ(f.rd(0xE000ED7C), 0x8303C003u);  // CTR
  f.wr(0xE000ED84, 0);                         // CSSELR: level 1 data
  EXPECT_EQ(f.rd(0xE000ED80), 0xF003E019u);  // 4 KB, 4-way, 32-byte lines
  f.wr(0xE000ED84, 1);                         // instruction
  EXPECT_EQ(f.rd(0xE000ED80), 0xF007E009u);  // 4 KB, 2-way
  Scs big(CoreModel::kCortexM7, kM7r1p0, m7_dp_16k());  // STM32F767
  big.wr(0xE000ED84, 0);
  EXPECT_EQ(big.rd(0xE000ED80), 0xF00FE019u);
  big.wr(0xE000ED84, 1);
  EXPECT_EQ(big.rd(0xE000ED80), 0xF01FE009u);
  for (uint32_t op = 0xE000EF50; op <= 0xE000EF78; op += 4) f.wr(op, 0);  // ICIALLU .. BPIALL: accepted
  EXPECT_EQ(f.rd(0xE000EF90), 0x29u);      // ITCMCR: 16 KB, enabled
  EXPECT_EQ(big.rd(0xE000EF94), 0x41u);    // DTCMCR: 128 KB, enabled
}

TEST(SystemControl, CcrResetValuesAndWritableBitsPerCore) {
  Scs m4;
  EXPECT_EQ(m4.rd(0xE000ED14), 0x200u);  // STKALIGN
  EXPECT_TRUE(m4.s.stkalign());
  m4.wr(0xE000ED14, 0x18);               // UNALIGN_TRP | DIV_0_TRP, STKALIGN cleared (RW on the M4)
  EXPECT_TRUE(m4.s.unalign_trp());
  EXPECT_TRUE(m4.s.div_0_trp());
  EXPECT_FALSE(m4.s.stkalign());
  m4.wr(0xE000ED14, 0x30000);            // IC/DC do not exist on the M4
  EXPECT_EQ(m4.rd(0xE000ED14), 0u);

  Scs m7(CoreModel::kCortexM7, kM7r0p1);
  EXPECT_EQ(m7.rd(0xE000ED14), 0x40200u) << "BP and STKALIGN read as one, caches off at reset";
  m7.wr(0xE000ED14, 0x30000);            // SCB_EnableICache/DCache
  EXPECT_EQ(m7.rd(0xE000ED14), 0x70200u);
  EXPECT_TRUE(m7.s.stkalign());
}

TEST(SystemControl, AircrNeedsTheKeyAndSetsPriorityGrouping) {
  Scs f;
  EXPECT_EQ(f.rd(0xE000ED0C), 0xFA050000u);
  f.wr(0xE000ED0C, 0x00000500);  // no key: ignored
  EXPECT_EQ(f.s.prigroup(), 0u);
  f.wr(0xE000ED0C, 0x05FA0500);
  EXPECT_EQ(f.s.prigroup(), 5u);
  EXPECT_EQ(f.rd(0xE000ED0C), 0xFA050500u);
  f.wr(0xE000E400, 0xB0, 1);  // IRQ0 priority 0xB0
  EXPECT_EQ(f.s.priority(kExcFirstIrq), 0xB0);
  EXPECT_EQ(f.s.group_priority(kExcFirstIrq), 0x80) << "PRIGROUP 5: group = bits [7:6]";
  EXPECT_FALSE(f.s.reset_requested());
  f.wr(0xE000ED0C, 0x05FA0504);
  EXPECT_TRUE(f.s.reset_requested());
}

TEST(SystemControl, PriorityBytesKeepOnlyImplementedBits) {
  Scs f;
  f.wr(0xE000ED18, 0x77563412);  // SHPR1: MemManage, BusFault, UsageFault; byte 3 reserved
  EXPECT_EQ(f.rd(0xE000ED18), 0x00503010u);
  f.wr(0xE000ED23, 0xF0, 1);     // SysTick priority by byte
  f.wr(0xE000ED22, 0xE0, 1);     // PendSV
  f.wr(0xE000ED1C, 0xFFFFFFFF);  // SHPR2: only SVCall
  EXPECT_EQ(f.rd(0xE000ED1C), 0xF0000000u);
  EXPECT_EQ(f.rd(0xE000ED20), 0xF0E00000u);
  EXPECT_EQ(f.s.priority(kExcSysTick), 0xF0);
  EXPECT_EQ(f.s.priority(kExcPendSv), 0xE0);
  EXPECT_EQ(f.s.priority(kExcSvCall), 0xF0);
  EXPECT_EQ(f.s.priority(kExcReset), -3);
  EXPECT_EQ(f.s.priority(kExcNmi), -2);
  EXPECT_EQ(f.s.priority(kExcHardFault), -1);
  EXPECT_EQ(f.s.group_priority(kExcHardFault), -1);
}

TEST(SystemControl, IcsrPendsAndReportsSystemExceptions) {
  Scs f;
  f.wr(0xE000ED04, 1u << 28);  // PENDSVSET
  EXPECT_TRUE(f.s.is_pending(kExcPendSv));
  EXPECT_EQ((f.rd(0xE000ED04) >> 12) & 0x1FF, uint32_t(kExcPendSv));  // VECTPENDING
  f.wr(0xE000ED04, 1u << 26);  // PENDSTSET
  f.wr(0xE000ED23, 0x40, 1);   // SysTick priority 0x40: PendSV (priority 0) still comes first
  EXPECT_EQ(f.s.pending_exception(), kExcPendSv);
  f.wr(0xE000ED04, 1u << 27);  // PENDSVCLR
  EXPECT_EQ(f.s.pending_exception(), kExcSysTick);
  EXPECT_NE(f.rd(0xE000ED04) & (1u << 26), 0u);
  f.wr(0xE000ED04, 1u << 25);  // PENDSTCLR
  EXPECT_EQ(f.s.pending_exception(), 0);
  f.wr(0xE000ED04, 1u << 31);  // NMIPENDSET
  EXPECT_EQ(f.s.pending_exception(), kExcNmi);
  f.s.clear_pending(kExcNmi);

  EXPECT_NE(f.rd(0xE000ED04) & (1u << 11), 0u);  // RETTOBASE with nothing active
  f.s.set_active(kExcSysTick, true);
  f.s.set_active(kExcPendSv, true);  // PendSV preempted SysTick
  EXPECT_EQ(f.rd(0xE000ED04) & 0x1FF, uint32_t(kExcPendSv));  // VECTACTIVE
  EXPECT_EQ(f.rd(0xE000ED04) & (1u << 11), 0u);
  EXPECT_TRUE(f.s.any_active_except(kExcPendSv));
  f.s.set_active(kExcPendSv, false);
  EXPECT_EQ(f.rd(0xE000ED04) & 0x1FF, uint32_t(kExcSysTick));
  EXPECT_FALSE(f.s.any_active_except(kExcSysTick));
}

TEST(SystemControl, NvicEnablePendingAndPriority) {
  Scs f;
  f.wr(0xE000E200, 1u << 3);           // ISPR0: IRQ3 pending but disabled
  EXPECT_EQ(f.s.pending_exception(), 0);
  EXPECT_NE(f.rd(0xE000ED04) & (1u << 22), 0u) << "ISRPENDING counts disabled interrupts too";
  f.wr(0xE000E100, (1u << 3) | (1u << 5));  // ISER0
  EXPECT_EQ(f.rd(0xE000E100), (1u << 3) | (1u << 5));
  EXPECT_EQ(f.rd(0xE000E180), (1u << 3) | (1u << 5)) << "ICER reads the enables too";
  EXPECT_EQ(f.s.pending_exception(), kExcFirstIrq + 3);
  f.wr(0xE000EF00, 5);                 // STIR: IRQ5
  EXPECT_EQ(f.s.pending_exception(), kExcFirstIrq + 3) << "equal priority: the lower number wins";
  f.wr(0xE000E403, 0x20, 1);           // IRQ3 priority 0x20: now below IRQ5 (0)
  EXPECT_EQ(f.s.pending_exception(), kExcFirstIrq + 5);
  EXPECT_EQ(f.rd(0xE000E200), (1u << 3) | (1u << 5));
  f.wr(0xE000E280, 1u << 5);           // ICPR0
  EXPECT_EQ(f.s.pending_exception(), kExcFirstIrq + 3);
  f.wr(0xE000E180, 1u << 3);           // ICER0
  EXPECT_EQ(f.s.pending_exception(), 0);
  f.wr(0xE000E11C, 0xFFFFFFFF);        // ISER7: IRQs 224-239 exist, 240-255 do not
  EXPECT_EQ(f.rd(0xE000E11C), 0x0000FFFFu);
  f.wr(0xE000E4EC, 0xFFFFFFFF);        // IPR59: IRQs 236-239
  EXPECT_EQ(f.rd(0xE000E4EC), 0xF0F0F0F0u);
  EXPECT_EQ(f.rd(0xE000E4F0), 0u);
  f.s.set_active(kExcFirstIrq + 33, true);
  EXPECT_EQ(f.rd(0xE000E304), 1u << 1);  // IABR1
}

TEST(SystemControl, FaultsEscalateUnlessEnabledInShcsr) {
  Scs f;
  EXPECT_EQ(f.s.fault_exception(FaultKind::kUndefInstr), kExcHardFault);
  EXPECT_EQ(f.s.fault_exception(FaultKind::kPreciseErr), kExcHardFault);
  EXPECT_EQ(f.s.fault_exception(FaultKind::kIAccViol), kExcHardFault);
  f.wr(0xE000ED24, 7u << 16);  // MEMFAULTENA | BUSFAULTENA | USGFAULTENA
  EXPECT_EQ(f.s.fault_exception(FaultKind::kUndefInstr), kExcUsageFault);
  EXPECT_EQ(f.s.fault_exception(FaultKind::kDivByZero), kExcUsageFault);
  EXPECT_EQ(f.s.fault_exception(FaultKind::kStackErr), kExcBusFault);
  EXPECT_EQ(f.s.fault_exception(FaultKind::kIAccViol), kExcMemManage);
  EXPECT_EQ(f.s.fault_exception(FaultKind::kBreakpoint), kExcHardFault) << "no debug monitor";
  f.wr(0xE000EDFC, 1u << 16);  // DEMCR.MON_EN
  EXPECT_EQ(f.s.fault_exception(FaultKind::kBreakpoint), kExcDebugMonitor);

  f.s.set_pending(kExcBusFault);
  f.s.set_active(kExcUsageFault, true);
  EXPECT_EQ(f.rd(0xE000ED24), (7u << 16) | (1u << 14) | (1u << 3));  // BUSFAULTPENDED, USGFAULTACT
  f.wr(0xE000ED24, 7u << 16);  // an OS clearing the state bits
  EXPECT_FALSE(f.s.is_pending(kExcBusFault));
  EXPECT_FALSE(f.s.is_active(kExcUsageFault));
}

TEST(SystemControl, FaultStatusRegistersRecordAndClear) {
  Scs f;
  f.s.record_fault(Fault{FaultKind::kPreciseErr, 0x40000000, true, {}});
  f.s.record_fault(Fault{FaultKind::kUnaligned, 0x20000001, true, {}});
  EXPECT_EQ(f.rd(0xE000ED28), (1u << 9) | (1u << 15) | (1u << 24));  // PRECISERR, BFARVALID, UNALIGNED
  EXPECT_EQ(f.rd(0xE000ED38), 0x40000000u);                         // BFAR
  EXPECT_EQ(f.rd(0xE000ED29, 1), 0x82u) << "BFSR as a byte";
  EXPECT_EQ(f.rd(0xE000ED2A, 2), 0x0100u) << "UFSR as a halfword";
  f.wr(0xE000ED28, 1u << 24);  // write one to clear UNALIGNED
  EXPECT_EQ(f.rd(0xE000ED28), (1u << 9) | (1u << 15));
  f.s.escalate_to_hardfault();
  EXPECT_EQ(f.rd(0xE000ED2C), 1u << 30);  // HFSR.FORCED
  f.wr(0xE000ED2C, 1u << 30);
  EXPECT_EQ(f.rd(0xE000ED2C), 0u);
  f.s.record_fault(Fault{FaultKind::kBreakpoint, 0, false, {}});
  EXPECT_EQ(f.rd(0xE000ED30), 1u << 1);    // DFSR.BKPT
  EXPECT_EQ(f.rd(0xE000ED2C), 1u << 31);   // HFSR.DEBUGEVT
  f.s.record_fault(Fault{FaultKind::kUnstackErr, 0x20000000, true, {}});
  EXPECT_EQ(f.rd(0xE000ED28) & (1u << 11), 1u << 11);
  EXPECT_EQ(f.rd(0xE000ED38), 0x40000000u) << "only precise data errors write BFAR";
}

TEST(SystemControl, SysTickCountsProcessorCyclesAndPends) {
  Scs f;
  f.wr(0xE000E014, 9);  // RVR: period of 10 cycles
  f.wr(0xE000E018, 123);  // any write clears CVR
  EXPECT_EQ(f.rd(0xE000E018), 0u);
  EXPECT_EQ(f.s.cycles_to_next_event(), std::numeric_limits<uint64_t>::max()) << "disabled";
  f.wr(0xE000E010, 7);  // ENABLE | TICKINT | CLKSOURCE (processor clock)
  EXPECT_EQ(f.s.cycles_to_next_event(), 10u);  // one tick to reload, nine to reach zero
  f.s.advance(1);
  EXPECT_EQ(f.rd(0xE000E018), 9u);
  f.s.advance(8);
  EXPECT_EQ(f.rd(0xE000E018), 1u);
  EXPECT_FALSE(f.s.is_pending(kExcSysTick));
  EXPECT_EQ(f.s.cycles_to_next_event(), 1u);
  f.s.advance(1);
  EXPECT_EQ(f.rd(0xE000E018), 0u);
  EXPECT_TRUE(f.s.is_pending(kExcSysTick));
  EXPECT_EQ(f.rd(0xE000E010), 0x10007u) << "COUNTFLAG set";
  EXPECT_EQ(f.rd(0xE000E010), 0x7u) << "COUNTFLAG clears on read";
  f.s.clear_pending(kExcSysTick);
  f.s.advance(25);  // reload, then two more periods and five ticks
  EXPECT_EQ(f.rd(0xE000E018), 5u);
  EXPECT_TRUE(f.s.is_pending(kExcSysTick));
  EXPECT_EQ(f.s.cycles(), 35u);
  f.wr(0xE000E010, 5);  // TICKINT off: counting continues, no exception to wait for
  EXPECT_EQ(f.s.cycles_to_next_event(), std::numeric_limits<uint64_t>::max());
}

TEST(SystemControl, SysTickReferenceClockDividesTheCoreClock) {
  Scs f;  // STM32 default: reference = HCLK / 8
  EXPECT_EQ(f.rd(0xE000E01C) >> 30, 1u) << "NOREF clear, SKEW set";
  f.wr(0xE000E014, 1);
  f.wr(0xE000E010, 3);  // ENABLE | TICKINT, external reference
  EXPECT_EQ(f.s.cycles_to_next_event(), 16u);
  f.s.advance(7);
  EXPECT_EQ(f.rd(0xE000E018), 0u) << "no reference tick yet";
  EXPECT_EQ(f.s.cycles_to_next_event(), 9u);
  f.s.advance(1);
  EXPECT_EQ(f.rd(0xE000E018), 1u);
  f.s.advance(8);
  EXPECT_TRUE(f.s.is_pending(kExcSysTick));

  ScsConfig noref = ScsConfig::defaults(CoreModel::kCortexM4);
  noref.systick_ref_divider = 0;
  Scs g(CoreModel::kCortexM4, kM4Cpuid, noref);
  EXPECT_EQ(g.rd(0xE000E010), 4u) << "without a reference clock CLKSOURCE reads as one";
  g.wr(0xE000E010, 1);
  EXPECT_EQ(g.rd(0xE000E010), 5u);
  EXPECT_EQ(g.rd(0xE000E01C) >> 31, 1u);  // NOREF
}

TEST(SystemControl, DwtCycleCounterNeedsTrcenaAndCyccntena) {
  Scs f;
  EXPECT_EQ(f.rd(0xE0001000), 0x40000000u);  // NUMCOMP = 4
  f.wr(0xE0001000, 1);                        // CYCCNTENA, but TRCENA is off
  f.s.advance(100);
  EXPECT_EQ(f.rd(0xE0001004), 0u);
  f.wr(0xE000EDFC, 1u << 24);                 // DEMCR.TRCENA
  f.s.advance(100);
  EXPECT_EQ(f.rd(0xE0001004), 100u);
  f.wr(0xE0001004, 0xFFFFFFF0);
  f.s.advance(0x20);
  EXPECT_EQ(f.rd(0xE0001004), 0x10u) << "wraps at 32 bits";
  f.wr(0xE0001000, 0);
  f.s.advance(5);
  EXPECT_EQ(f.rd(0xE0001004), 0x10u);
  EXPECT_EQ(f.rd(0xE0001FB4), 0u) << "the M4 has no DWT software lock";
}

// The counters are counted lazily (on observation): what elapsed before an access counts with the configuration in
// force until then, and the queries that are not register reads catch up too.
TEST(SystemControl, CountersCatchUpBeforeEachAccessWithTheConfigurationInForce) {
  Scs f;
  f.wr(0xE000E014, 9);
  f.wr(0xE000E010, 7);  // ENABLE | TICKINT | CLKSOURCE
  f.s.advance(10);
  EXPECT_TRUE(f.s.is_pending(kExcSysTick)) << "is_pending catches up";
  f.s.clear_pending(kExcSysTick);
  f.s.advance(25);      // reaches zero at 20 and 30
  f.s.clear_pending(kExcSysTick);
  EXPECT_EQ(f.s.pending_exception(), 0) << "clear_pending clears a zero reached before it";
  EXPECT_EQ(f.s.cycles_to_next_event(), 5u);
  f.s.advance(3);
  f.wr(0xE000E010, 0);  // disabled: the three cycles before count, the hundred after do not
  f.s.advance(100);
  EXPECT_EQ(f.rd(0xE000E018), 2u);
  EXPECT_EQ(f.rd(0xE000E010), 0x10000u) << "COUNTFLAG from the zeros counted before the write";

  f.wr(0xE000EDFC, 1u << 24);  // TRCENA, CYCCNTENA still off
  f.s.advance(40);
  f.wr(0xE0001000, 1);         // CYCCNT enabled mid-run
  f.s.advance(2);
  f.s.set_pending(kExcPendSv);  // a query in between changes nothing
  f.s.advance(3);
  EXPECT_EQ(f.rd(0xE0001004), 5u);
  f.wr(0xE000EDFC, 0);         // TRCENA off stops it
  f.s.advance(7);
  EXPECT_EQ(f.rd(0xE0001004), 5u);
}

// One register write, then cycles pass (addr 0: only cycles pass).
struct TimedWrite {
  uint32_t addr, value;
  uint64_t then;
};

// Reload 0, CVR writes mid-count, CLKSOURCE switched and the timer disabled mid reference-clock period, SysTick
// pended by hand, CYCCNTENA before TRCENA, CYCCNT wrapping, the M7 DWT unlocked mid-run (a no-op on the M4).
constexpr TimedWrite kCounterScript[] = {
    {0xE0001000, 1, 9},           {0xE000E014, 9, 0},          {0xE000E010, 7, 23},  {0xE000E018, 5, 4},
    {0, 0, 37},                   {0xE000EDFC, 1u << 24, 11},  {0xE0001FB0, 0xC5ACCE55, 6},
    {0xE0001000, 1, 17},          {0xE000E014, 0, 30},         {0, 0, 3},            {0xE000E014, 4, 0},
    {0xE000E018, 0, 12},          {0xE000E010, 3, 45},         {0, 0, 5},            {0xE0001004, 0xFFFFFFF0, 3},
    {0xE000E010, 0, 13},          {0xE000E010, 3, 50},         {0xE000E014, 0, 70},  {0xE000E014, 2, 1},
    {0xE000E010, 2, 9},           {0xE000ED04, 1u << 26, 3},   {0xE000E010, 7, 200}, {0xE000E010, 3, 333},
    {0xE0001000, 0, 8},           {0xE000EDFC, 0, 1},          {0xE0001000, 1, 64},
};

struct Observed {
  uint64_t to_event;
  bool pended;
  uint32_t cvr, cyccnt, csr;
  bool operator==(const Observed&) const = default;
};

// Runs kCounterScript advancing time in steps of at most max_step cycles (0: one step per gap), catching the
// counters up after each step, and observes them after each write's gap (reading CSR clears COUNTFLAG; the
// SysTick pending bit is cleared after each look so every later zero shows).
std::vector<Observed> run_counter_script(CoreModel m, unsigned divider, uint64_t max_step) {
  ScsConfig c = ScsConfig::defaults(m);
  c.systick_ref_divider = divider;
  Scs f(m, m == CoreModel::kCortexM4 ? kM4Cpuid : kM7r0p1, c);
  std::vector<Observed> seen;
  uint64_t k = 0;
  for (const TimedWrite& w : kCounterScript) {
    if (w.addr) f.wr(w.addr, w.value);
    for (uint64_t left = w.then; left;) {
      const uint64_t step = max_step ? std::min(left, 1 + (k++ * 7) % max_step) : left;  // irregular steps
      f.s.advance(step);
      left -= step;
      (void)f.s.cycles_to_next_event();  // catches up
    }
    const uint64_t to_event = f.s.cycles_to_next_event();
    const bool pended = f.s.is_pending(kExcSysTick);
    seen.push_back({to_event, pended, f.rd(0xE000E018), f.rd(0xE0001004), f.rd(0xE000E010)});
    f.s.clear_pending(kExcSysTick);
  }
  return seen;
}

TEST(SystemControl, CountingLazilyInOneStepEqualsCountingEveryCycle) {
  for (CoreModel m : {CoreModel::kCortexM4, CoreModel::kCortexM7}) {
    for (unsigned divider : {8u, 3u, 0u}) {
      const std::vector<Observed> every_cycle = run_counter_script(m, divider, 1);
      const std::vector<Observed> uneven = run_counter_script(m, divider, 5);
      const std::vector<Observed> one_step = run_counter_script(m, divider, 0);
      for (size_t i = 0; i < every_cycle.size(); ++i) {
        SCOPED_TRACE(testing::Message() << "M" << (m == CoreModel::kCortexM4 ? 4 : 7) << " divider " << divider
                                        << " after write " << i);
        EXPECT_EQ(uneven[i], every_cycle[i]);
        EXPECT_EQ(one_step[i], every_cycle[i]);
      }
      // The script exercises what it claims: zeros reached (pended, COUNTFLAG) and CYCCNT wrapped.
      auto any = [&](auto pred) { return std::any_of(one_step.begin(), one_step.end(), pred); };
      EXPECT_TRUE(any([](const Observed& o) { return o.pended; }));
      EXPECT_TRUE(any([](const Observed& o) { return (o.csr & 0x10000) != 0; }));
      EXPECT_TRUE(any([](const Observed& o) { return o.cyccnt != 0 && o.cyccnt < 0x100; }));
    }
  }
}

TEST(SystemControl, M7DwtIsLockedUntilTheKeyIsWritten) {
  Scs f(CoreModel::kCortexM7, kM7r0p1);
  EXPECT_EQ(f.rd(0xE0001FB4), 3u);  // LSR: lock implemented, locked
  f.wr(0xE000EDFC, 1u << 24);
  f.wr(0xE0001000, 1);
  f.s.advance(10);
  EXPECT_EQ(f.rd(0xE0001000), 0x40000000u) << "writes ignored while locked";
  EXPECT_EQ(f.rd(0xE0001004), 0u);
  f.wr(0xE0001FB0, 0xC5ACCE55);
  EXPECT_EQ(f.rd(0xE0001FB4), 1u);
  f.wr(0xE0001000, 1);
  f.s.advance(10);
  EXPECT_EQ(f.rd(0xE0001004), 10u);
  f.wr(0xE0001FB0, 0);  // any other value locks again
  f.wr(0xE0001004, 0);
  EXPECT_EQ(f.rd(0xE0001004), 10u);
}

TEST(SystemControl, VtorCpacrAndFpRegisters) {
  Scs m4;
  m4.wr(0xE000ED08, 0xFFFFFFFF);
  EXPECT_EQ(m4.rd(0xE000ED08), 0x3FFFFF80u);  // TBLOFF [29:7] on the M4
  m4.wr(0xE000ED08, 0x08004000);
  EXPECT_EQ(m4.s.vtor(), 0x08004000u);
  Scs m7(CoreModel::kCortexM7, kM7r0p1);
  m7.wr(0xE000ED08, 0xFFFFFFFF);
  EXPECT_EQ(m7.rd(0xE000ED08), 0xFFFFFF80u);  // [31:7] on the M7

  m4.wr(0xE000ED88, 0xFFFFFFFF);
  EXPECT_EQ(m4.rd(0xE000ED88), 0x00F00000u);  // only CP10 and CP11
  EXPECT_EQ(m4.rd(0xE000EF34), 0xC0000000u);  // FPCCR: ASPEN | LSPEN
  m4.wr(0xE000EF3C, 0xFFFFFFFF);
  EXPECT_EQ(m4.s.fpdscr(), 0x07C00000u);

  ScsConfig nofpu = ScsConfig::defaults(CoreModel::kCortexM4);
  nofpu.fp_features = 0;
  Scs bare(CoreModel::kCortexM4, 0x410FC241, nofpu);
  bare.wr(0xE000ED88, 0x00F00000);
  EXPECT_EQ(bare.rd(0xE000ED88), 0u) << "no FPU: CP10/CP11 read as zero";
  EXPECT_EQ(bare.rd(0xE000EF40), 0u);
}

TEST(SystemControl, ReservedSpaceIsRazWiAndUnalignedAccessesFault) {
  Scs f;
  EXPECT_EQ(f.rd(0xE0000000), 0u);  // ITM
  EXPECT_EQ(f.rd(0xE000ED90), 0u);  // MPU_TYPE: no MPU
  f.wr(0xE000ED94, 5);              // MPU_CTRL: ignored
  EXPECT_EQ(f.rd(0xE000ED94), 0u);
  EXPECT_EQ(f.rd(0xE00FF000), 0u);  // ROM table
  EXPECT_EQ(f.rd(0xE000E004), 7u);  // ICTR: 240 interrupts
  uint32_t v = 0;
  EXPECT_FALSE(f.s.read(0xE000ED01 - SystemControl::kBase, 4, v));
  EXPECT_FALSE(f.s.write(0xE000ED16 - SystemControl::kBase, 4, 0));
  EXPECT_FALSE(f.s.read(0xE000E401 - SystemControl::kBase, 2, v));
}

}  // namespace
}  // namespace mcuprof
