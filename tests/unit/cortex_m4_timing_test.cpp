// CortexM4Timing: exact cycle counts of short assembled sequences at zero wait states, each derived in a
// comment from the rule it pins (sources as cited in cores/timing/cortex_m4_timing.cpp), the per-cause split,
// memory waits, and determinism. The core runs the code with the model attached (Core::timing), so the counts
// are what DWT CYCCNT would read.
#include "cores/timing/cortex_m4_timing.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>

#include "memory/zero_wait_memory.h"
#include "sim/board.h"
#include "sim/machine.h"
#include "tests/unit/core_fixture.h"

namespace mcuprof {
namespace {

using test::CoreFixture;
constexpr uint32_t kCode = CoreFixture::kCode;
constexpr uint32_t kData = CoreFixture::kData;

uint64_t at(const CycleSplit& s, Cause c) { return s.by_cause[size_t(c)]; }

// A Cortex-M4F core with the M4 model attached; r1-r3 point into data RAM, r4 = 8 and r5 = 4 are offsets.
struct M4 {
  explicit M4(MemoryTiming* memory = nullptr)
      : model(f.core.decoder(), memory ? *memory : zero, &f.core.s) {
    f.core.timing = &model;
    f.core.record = true;   // memory accesses are recorded only with record on (see the report)
    for (unsigned r = 1; r <= 3; ++r) f.core.s.r[r] = kData + 0x100 * r;
    f.core.s.r[4] = 8;
    f.core.s.r[5] = 4;
  }
  // Cycles of the first n instructions of the source.
  CycleSplit run(const std::string& source, int n) {
    f.load_asm(source);
    f.step(n);
    EXPECT_EQ(f.core.stop_reason, StopReason::kNone) << source;
    EXPECT_EQ(f.core.instructions, uint64_t(n)) << source;
    return f.core.cycles;
  }
  uint64_t cycles(const std::string& source, int n) { return run(source, n).total(); }

  CoreFixture f;
  ZeroWaitMemory zero;
  CortexM4Timing model;
};

uint64_t cycles(const std::string& source, int n) { return M4().cycles(source, n); }

TEST(CortexM4Timing, SingleCycleDataProcessingAndMultiplies) {
  // Table 3-1: data processing, MUL/MLA, long and DSP multiplies, saturation, SIMD: 1 cycle each.
  EXPECT_EQ(cycles("adds r0, #1\nadd.w r1, r2, r3, lsl #2\nsubs r2, r0, r1", 3), 3u);
  EXPECT_EQ(cycles("mul r0, r1, r2\nmla r0, r1, r2, r0\nsmlal r0, r1, r2, r3\nsmlad r0, r1, r2, r0", 4), 4u);
  EXPECT_EQ(cycles("ssat r0, #8, r1\nuadd8 r0, r1, r2\nsxtb16 r3, r4\nubfx r0, r1, #2, #3", 4), 4u);
}

TEST(CortexM4Timing, LoadPipeliningFollowsTheTrmExamples) {
  // 3.3.2: LDR is 2; a load or store after a load saves one cycle unless its address depends on that load.
  EXPECT_EQ(cycles("ldr r0, [r1]", 1), 2u);
  EXPECT_EQ(cycles("ldr r0, [r1]\nldr r1, [r2]", 2), 3u);                       // TRM: "normally three cycles"
  EXPECT_EQ(cycles("ldr r0, [r1]\nldr r2, [r3]\nldr r3, [r1]", 3), 4u);         // 2 + 1 + 1
  EXPECT_EQ(cycles("ldr r0, [r1, r5]\nldr r1, [r2]\nldr r2, [r3, #4]", 3), 4u);  // TRM: "four cycles total"
  EXPECT_EQ(cycles("ldr r0, [r1, r4]\nstr r0, [r3, #20]", 2), 3u);               // TRM: 2 + 1 (STR imm is 1)
  EXPECT_EQ(cycles("ldr r0, [r1, r4]\nstr r1, [r3, r4]", 2), 3u);                // TRM: 2 + (2 - 1 pipelined)
}

TEST(CortexM4Timing, AddressDependencyStallsOneCycle) {
  // 3.3.2: an address register written by the previous instruction stalls 1 (no forwarding to the AGU).
  // ldr r1,[r1]: 2; ldr r2,[r1]: 2, not pipelined (its address depends on the load), +1 stall = 5.
  M4 chase;
  chase.f.set_mem32(kData + 0x100, kData + 0x200);
  const CycleSplit load = chase.run("ldr r1, [r1]\nldr r2, [r1]", 2);
  EXPECT_EQ(load.total(), 5u);
  EXPECT_EQ(at(load, Cause::kLoadUse), 1u);
  // adds 1; ldr 2 + 1 stall (the producer is data processing: an interlock) = 4.
  const CycleSplit alu = M4().run("adds r1, #4\nldr r0, [r1]", 2);
  EXPECT_EQ(alu.total(), 4u);
  EXPECT_EQ(at(alu, Cause::kInterlock), 1u);
  // [MEAS] post-indexed loads on one base do not chain: the writeback is a result the next address needs.
  EXPECT_EQ(cycles("ldr r0, [r1], #4\nldr r2, [r1], #4", 2), 5u);   // 2 + 2 + 1
  EXPECT_EQ(cycles("ldr r0, [r1], #4\nldr r2, [r3], #4", 2), 3u);   // different bases: 2 + 1
  // By the same rule, a POP right after a PUSH waits for the SP the PUSH wrote back: (1 + 4) + (1 + 4) + 1.
  EXPECT_EQ(cycles("push {r4-r7}\npop {r4-r7}", 2), 11u);
}

TEST(CortexM4Timing, StoresAndTheWriteBuffer) {
  EXPECT_EQ(cycles("str r0, [r1]\nstr r0, [r1, #4]", 2), 2u);     // 3.3.2: STR immediate "always one cycle"
  EXPECT_EQ(cycles("str r0, [r1, r4]", 1), 2u);                   // [MEAS] register-offset store: 2
  EXPECT_EQ(cycles("str r0, [r1, r4]\nldr r3, [r2]", 2), 4u);     // 2 + 2: nothing pipelines after it
  EXPECT_EQ(cycles("str r0, [r1]\nldr r3, [r2]", 2), 4u);         // [MEAS] store then load: +1 on the pair
}

TEST(CortexM4Timing, DualAndMultipleTransfers) {
  EXPECT_EQ(cycles("ldrd r6, r7, [r1]", 1), 3u);                  // 1 + N, N = 2
  EXPECT_EQ(cycles("ldr r0, [r2]\nldrd r6, r7, [r1]", 2), 5u);    // LDRD not pipelined after a load: 2 + 3
  EXPECT_EQ(cycles("strd r6, r7, [r1]", 1), 3u);
  EXPECT_EQ(cycles("push {r4-r7}", 1), 5u);                       // 1 + 4
  EXPECT_EQ(cycles("ldmia r1!, {r6, r7, r8}", 1), 4u);            // 1 + 3
}

TEST(CortexM4Timing, TakenBranchRefillDependsOnTheTarget) {
  // B/BL/B<c>/CBZ (target known at decode): 1 + P, P = 1, or 2 for a 32-bit target at an odd halfword.
  // b.n at +0, target at +4 (16-bit): 1 + 1, then the target 1.
  EXPECT_EQ(cycles("b.n 1f\nnop\n1: adds r0, #1", 2), 3u);
  EXPECT_EQ(cycles("b.n 1f\nnop\n1: adds.w r0, r0, #1", 2), 3u);        // 32-bit target at +4: word aligned
  EXPECT_EQ(cycles("b.n 1f\nnop\nnop\n1: adds.w r0, r0, #1", 2), 4u);   // at +6: P = 2
  EXPECT_EQ(cycles("bl 1f\nnop\n1: adds r0, #1", 2), 3u);
  const CycleSplit s = M4().run("b.n 1f\nnop\nnop\n1: adds.w r0, r0, #1", 2);
  EXPECT_EQ(at(s, Cause::kBranch), 2u);
  EXPECT_EQ(at(s, Cause::kIssue), 2u);
}

TEST(CortexM4Timing, NotTakenBranchesTakeOneCycle) {
  M4 m;
  m.f.core.s.r[0] = 1;
  // cmp 1; bne not taken 1 (its condition fails); adds 1.
  EXPECT_EQ(m.cycles("cmp r0, #1\nbne 1f\nadds r0, #1\n1: nop", 3), 3u);
  M4 c;
  c.f.core.s.r[0] = 1;
  EXPECT_EQ(c.cycles("cbz r0, 1f\nadds r0, #1\n1: nop", 2), 2u);   // CBZ not taken: 1
}

TEST(CortexM4Timing, RegisterAndMemoryTargetsRefillInThreeCycles) {
  // 3.3.2: a target from a register or memory costs "three cycles for the pipeline reload" (P = 3).
  M4 bx;
  bx.f.core.s.r[14] = kCode + 8 + 1;
  EXPECT_EQ(bx.cycles("bx lr\nnop\nnop\nnop\nadds r0, #1", 2), 5u);             // 1 + 3, target 1
  M4 ldr_pc;
  ldr_pc.f.set_mem32(kData + 0x100, kCode + 8 + 1);
  EXPECT_EQ(ldr_pc.cycles("ldr pc, [r1]\nnop\nnop\nnop\nadds r0, #1", 2), 6u);  // LDR PC: 2 + 3, target 1
  M4 pop;
  pop.f.set_mem32(CoreFixture::kStackTop - 8, 7);
  pop.f.set_mem32(CoreFixture::kStackTop - 4, kCode + 8 + 1);
  pop.f.core.s.r[13] = CoreFixture::kStackTop - 8;
  EXPECT_EQ(pop.cycles("pop {r0, pc}\nnop\nnop\nnop\nadds r0, #1", 2), 7u);    // 1 + N + P = 1 + 2 + 3, target 1
  // TBB: "two cycles for the load, one cycle for the add, and three cycles for the pipeline reload" = 6.
  M4 tbb;
  tbb.f.core.s.r[0] = 0;
  EXPECT_EQ(tbb.cycles("tbb [pc, r0]\n.byte 2, 0\nnop\nadds r0, #1", 2), 7u);   // target: +4 + 2*2 = +8
  EXPECT_EQ(tbb.f.core.s.r[0], 1u);
}

TEST(CortexM4Timing, ItFoldsOntoAPreceding16BitInstruction) {
  // Table 3-1: IT is 1, or 0 when folded onto a preceding 16-bit instruction.
  EXPECT_EQ(cycles("movs r0, #0\nit eq\nmoveq r1, r2", 3), 2u);
  EXPECT_EQ(cycles("adds.w r0, r0, #0\nit eq\nmoveq r1, r2", 3), 3u);   // after a 32-bit one: not folded
  // A conditional instruction that fails takes its issue cycle: cmp 1, it 0, skipped ldr 1 (not 2).
  M4 m;
  m.f.core.s.r[0] = 1;
  EXPECT_EQ(m.cycles("cmp r0, #0\nit eq\nldreq r0, [r1]", 3), 2u);
}

TEST(CortexM4Timing, DivideEndsEarlyWithFewQuotientBits) {
  // 2 + ceil(quotient bits / 3), at most 12 (an estimate: see divide_cycles).
  struct { uint32_t n, d; const char* op; uint64_t cycles; } cases[] = {
      {100, 200, "udiv", 2},          // quotient 0: 0 bits
      {100, 1, "udiv", 5},            // 100: 7 bits -> 2 + 3
      {0xFFFFFFFFu, 1, "udiv", 12},   // 32 bits -> capped at 12
      {uint32_t(-100), 1, "sdiv", 5}, // |-100|: 7 bits
      {7, 0, "udiv", 2},              // divide by zero (DIV_0_TRP clear): quotient 0
  };
  for (const auto& c : cases) {
    M4 m;
    m.f.core.s.r[1] = c.n;
    m.f.core.s.r[2] = c.d;
    EXPECT_EQ(m.cycles(std::string(c.op) + " r0, r1, r2", 1), c.cycles) << c.op << " " << c.n << "/" << c.d;
  }
}

TEST(CortexM4Timing, FloatingPointLatencies) {
  // Table 7-1: VADD 1, +1 when the next instruction uses the result.
  const CycleSplit dep = M4().run("vadd.f32 s0, s1, s2\nvadd.f32 s3, s0, s0", 2);
  EXPECT_EQ(dep.total(), 3u);
  EXPECT_EQ(at(dep, Cause::kInterlock), 1u);
  EXPECT_EQ(cycles("vadd.f32 s0, s1, s2\nvadd.f32 s3, s4, s5", 2), 2u);
  EXPECT_EQ(cycles("vadd.f32 s0, s1, s2\nvstr s0, [r1]", 2), 4u);    // 1 + 1 (uses s0) + VSTR.32 2
  EXPECT_EQ(cycles("vmov r0, s1\nadds r0, #1", 2), 3u);              // VMOV to core 1, consumer +1
  EXPECT_EQ(cycles("vcmp.f32 s0, s1\nvadd.f32 s2, s0, s0", 2), 2u);  // VCMP writes only the FPSCR flags
  EXPECT_EQ(cycles("vmla.f32 s0, s1, s2", 1), 3u);
  EXPECT_EQ(cycles("vfma.f32 s0, s1, s2", 1), 3u);
  EXPECT_EQ(cycles("vldr s0, [r1]", 1), 2u);                         // .32: 2
  EXPECT_EQ(cycles("vldr d0, [r1]", 1), 3u);                         // .64: 3
  EXPECT_EQ(cycles("vpush {s0-s3}", 1), 5u);                         // .32: 1 + N
  EXPECT_EQ(cycles("vldmia r1, {d0-d1}", 1), 5u);                    // .64: 1 + 2N
  EXPECT_EQ(cycles("vmov d0, r0, r1", 1), 2u);                       // two core registers: 2
  // VDIV: 14 cycles, integer instructions continue; the next FP instruction waits for the divider.
  // vdiv issues at 0 (ready at 14), adds at 1, vadd waits from 2 to 14, then takes 1: 15.
  const CycleSplit div = M4().run("vdiv.f32 s0, s1, s2\nadds r0, #1\nvadd.f32 s3, s4, s5", 3);
  EXPECT_EQ(div.total(), 15u);
  EXPECT_EQ(at(div, Cause::kInterlock), 12u);
}

TEST(CortexM4Timing, UnalignedAccessesCostExtraTransfers) {
  M4 word_odd;
  word_odd.f.core.s.r[1] = kData + 1;
  EXPECT_EQ(word_odd.cycles("ldr r0, [r1]", 1), 4u);   // byte-aligned word: +2
  M4 word_half;
  word_half.f.core.s.r[1] = kData + 2;
  const CycleSplit s = word_half.run("ldr r0, [r1]", 1);
  EXPECT_EQ(s.total(), 3u);                              // halfword-aligned word: +1
  EXPECT_EQ(at(s, Cause::kMemory), 1u);
  M4 half_odd;
  half_odd.f.core.s.r[1] = kData + 1;
  EXPECT_EQ(half_odd.cycles("ldrh r0, [r1]", 1), 3u);   // byte-aligned halfword: +1
}

TEST(CortexM4Timing, ExceptionEntryAndReturnTakeTwelveCycles) {
  M4 m;
  EXPECT_EQ(m.model.exception_entry().total(), 12u);
  EXPECT_EQ(m.model.exception_return().total(), 12u);
  EXPECT_EQ(m.model.now(), 24u);
}

TEST(CortexM4Timing, SvcRoundTripChargesEntryAndReturnOnce) {
  M4 m;
  m.f.scs.write(0xE000ED08 - SystemControl::kBase, 4, kData);   // VTOR
  m.f.core.deliver_faults = true;
  m.f.set_mem32(kData + 4 * kExcSvCall, (kCode + 0x400) | 1);
  m.f.load_asm("movs r1, #42\nbx lr", kCode + 0x400);
  m.f.load_asm("movs r0, #7\nsvc #3\nadds r0, r0, #1");
  // movs 1, svc 1, entry 12, handler movs 1, bx lr 1 + return 12 (its refill is part of the return), adds 1.
  m.f.step(5);
  EXPECT_EQ(m.f.core.s.r[0], 8u);
  EXPECT_EQ(m.f.core.cycles.total(), 29u);
  EXPECT_EQ(at(m.f.core.cycles, Cause::kBranch), 0u);
}

// A memory with flash-like waits: every fetch of a new 32-bit block waits `fetch_wait`, every data access
// `data_wait`, and it counts the calls.
struct WaitingMemory final : MemoryTiming {
  uint32_t fetch_wait = 0, data_wait = 0;
  unsigned fetches = 0;
  Wait fetch(uint32_t, uint64_t) override { ++fetches; return {fetch_wait, Cause::kFlashWait}; }
  Wait data(uint32_t, unsigned, bool, uint64_t) override { return {data_wait, Cause::kMemory}; }
  void reset() override {}
};

TEST(CortexM4Timing, MemoryWaitsAddWithTheirCause) {
  WaitingMemory mem;
  mem.fetch_wait = 2;
  M4 m(&mem);
  // Four 16-bit instructions in two 32-bit blocks: 4 issue cycles + 2 fetches x 2 waits.
  const CycleSplit s = m.run("adds r0, #1\nadds r0, #1\nadds r0, #1\nadds r0, #1", 4);
  EXPECT_EQ(mem.fetches, 2u);
  EXPECT_EQ(at(s, Cause::kIssue), 4u);
  EXPECT_EQ(at(s, Cause::kFlashWait), 4u);
  EXPECT_EQ(s.total(), 8u);
}

TEST(CortexM4Timing, StoreWaitsHideInTheWriteBufferUntilTheNextAccess) {
  WaitingMemory mem;
  mem.data_wait = 3;
  M4 alone(&mem);
  EXPECT_EQ(alone.cycles("str r0, [r1]\nadds r0, #1\nadds r0, #1\nadds r0, #1", 4), 4u);   // drained meanwhile
  M4 back_to_back(&mem);
  // str at 0 (buffer busy until 4: the access at cycle 1 + 3); the next str's access at 2 waits 2; 1 + 1 + 2.
  EXPECT_EQ(back_to_back.cycles("str r0, [r1]\nstr r0, [r1, #4]", 2), 4u);
  M4 load(&mem);
  EXPECT_EQ(load.cycles("ldr r0, [r1]", 1), 5u);   // loads wait: 2 + 3
}

TEST(CortexM4Timing, CausesAddUpAndRunsAreDeterministic) {
  const std::string code =
      "ldr r0, [r1]\nldr r1, [r1]\nadds r1, #4\nldr r2, [r1]\nvadd.f32 s0, s1, s2\nvmul.f32 s3, s0, s0\n"
      "str r2, [r3, r4]\nmovs r0, #0\nit eq\naddeq r0, #1\nb.n 1f\nnop\n1: nop";
  auto run = [&] {
    M4 m;
    m.f.set_mem32(kData + 0x100, kData + 0x200);   // ldr r1, [r1] loads a pointer
    return m.run(code, 12);
  };
  const CycleSplit a = run(), b = run();
  EXPECT_EQ(a.by_cause, b.by_cause);
  uint64_t sum = 0;
  for (uint64_t v : a.by_cause) sum += v;
  EXPECT_EQ(sum, a.total());
  // ldr 2; ldr r1,[r1] 2 pipelined to 1... its address r1 is not written by the first: 1; adds 1; ldr r2,[r1]
  // 2 + 1 interlock; vadd 1; vmul 1 + 1 interlock; str reg 2; movs 1; it 0; addeq 1; b 1 + 1; nop 1.
  EXPECT_EQ(a.total(), 2u + 1 + 1 + 3 + 1 + 2 + 2 + 1 + 0 + 1 + 2 + 1);
  EXPECT_EQ(at(a, Cause::kIssue), 11u);   // every instruction but the folded IT
  EXPECT_EQ(at(a, Cause::kInterlock), 2u);
  EXPECT_EQ(at(a, Cause::kBranch), 1u);
}

// The microbenchmark firmware (tests/firmware/timing/m4_pipeline.S) reads DWT CYCCNT around each sequence. On
// the MPS2 AN386 (code and data in zero-wait-state SRAM) `mcuprof run` times it with CortexM4Timing: every count
// is the rule the sequence pins, as the comments in m4_pipeline.S derive them (the rules of the tests above).
TEST(CortexM4Timing, MicrobenchmarkFirmwareCountsWithDwt) {
  std::ostringstream out;
  std::istringstream in;
  Machine m(load_board("mps2-an386"), out, in);
  m.load(std::string(MCUPROF_FIRMWARE_DIR) + "/mps2-an386/m4_pipeline.elf");
  RunOptions options;
  options.max_instructions = 1'000'000;
  options.trace = 1;   // records memory accesses (Core::record_access needs record on: see the report)
  ASSERT_EQ(m.run(options), StopReason::kExit) << m.describe_stop();
  std::map<std::string, unsigned> got;
  std::istringstream lines(out.str());
  for (std::string name; lines >> name;) lines >> got[name];
  const std::map<std::string, unsigned> expected = {
      {"ldr_ldr", 3},       {"ldr_x3", 4},        {"ldr_chase", 5},     {"alu_address", 4},
      {"str_imm_x2", 2},    {"str_reg", 2},       {"str_ldr", 4},       {"ldrd", 3},
      {"push_pop", 11},     {"ldr_unaligned", 3}, {"b_narrow", 3},      {"b_wide_odd", 4},
      {"bne_not_taken", 2}, {"bx", 7},            {"tbb", 7},           {"it_folded", 1},
      {"udiv_small", 5},    {"udiv_large", 12},   {"vadd_dependent", 3}, {"vdiv_then_fp", 15},
  };
  EXPECT_EQ(got, expected) << out.str();
}

}  // namespace
}  // namespace mcuprof
