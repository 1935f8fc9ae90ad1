// Cortex-M7 timing (cores/timing/cortex_m7_timing.*): cycle counts of short assembled sequences run on a
// Cortex-M7 CoreFixture whose StepRecords feed the model, with zero-wait-state memory. Each expectation is
// worked out by hand from the rule it cites ([REF] /work/shared/reference/cortex-m-timing.md "Cortex-M7";
// [MEAS] jnk0le's measurements, which it summarises). "issue N" below is the cycle an instruction issues in.
#include "cores/timing/cortex_m7_timing.h"

#include <initializer_list>
#include <string>
#include <utility>

#include "memory/memory_timing.h"
#include "memory/zero_wait_memory.h"
#include "tests/unit/core_fixture.h"

namespace mcuprof::test {
namespace {

// Every fetch waits `fetch_wait`, every data access `data_wait`, with the given causes; remembers the blocks fetched.
class WaitingMemory : public MemoryTiming {
 public:
  WaitingMemory(Wait fetch_wait, Wait data_wait) : fetch_wait_(fetch_wait), data_wait_(data_wait) {}
  Wait fetch(uint32_t addr, uint64_t) override {
    blocks.push_back(addr);
    return fetch_wait_;
  }
  Wait data(uint32_t, unsigned, bool, uint64_t) override { return data_wait_; }
  void reset() override {}
  std::vector<uint32_t> blocks;

 private:
  Wait fetch_wait_, data_wait_;
};

constexpr uint32_t kData = CoreFixture::kData;
constexpr uint8_t kFeatures = kFeatFpSp | kFeatFpDp | kFeatFpV5;   // the STM32F767's FPv5 with double precision

template <class Memory = ZeroWaitMemory>
struct Machine {
  explicit Machine(Memory mem = {}, CortexM7Params params = {})
      : f(CoreModel::kCortexM7, kFeatures), memory(std::move(mem)), model(f.core.decoder(), memory, params) {
    f.core.record = true;
    f.core.observer = [this](const StepRecord& r) { model.retire(r, split); };
  }
  // Runs `source` from its first instruction to its end with the given registers set; returns the cycles.
  uint64_t run(const std::string& source, std::initializer_list<std::pair<int, uint32_t>> regs = {}) {
    const std::vector<uint16_t> code = assemble(source, CoreModel::kCortexM7, kFeatures);
    f.load_halfwords(code);
    for (const auto& [r, v] : regs) f.core.s.r[r] = v;
    const uint32_t end = CoreFixture::kCode + 2 * uint32_t(code.size());
    for (int guard = 0; f.core.s.r[15] != end && guard < 10000; ++guard) f.step();
    EXPECT_EQ(f.core.stop_reason, StopReason::kNone) << source;
    EXPECT_EQ(f.core.s.r[15], end) << source;
    return split.total();
  }
  uint64_t cause(Cause c) const { return split.by_cause[size_t(c)]; }

  CoreFixture f;
  Memory memory;
  CortexM7Timing model;
  CycleSplit split;
};
using M7 = Machine<>;

uint64_t cycles(const std::string& source, std::initializer_list<std::pair<int, uint32_t>> regs = {}) {
  return M7().run(source, regs);
}

// Two data addresses in different 32-bit banks (even and odd word) and two in the same bank.
const std::initializer_list<std::pair<int, uint32_t>> kAddrs = {{1, kData}, {3, kData + 4}, {5, kData + 8}};

// ---------------------------------------------------------------- dual issue [REF "Dual-issue rules"]

TEST(CortexM7Timing, IndependentAluOpsDualIssue) {
  // ALU+ALU pair: issue 0, 0, 1, 1 -> 2 cycles; the younger of each pair contributes no issue cycle.
  M7 m;
  EXPECT_EQ(m.run("add.w r0, r1, #1\n add.w r2, r3, #1\n add.w r4, r5, #1\n add.w r6, r7, #1"), 2u);
  EXPECT_EQ(m.cause(Cause::kIssue), 2u);
}

TEST(CortexM7Timing, PairsThatCanIssueTogether) {
  // Each pair issues in one cycle: ALU+load, load+store, two loads to different banks, MOVW+MOVT dependent,
  // a DSP op in the older slot with an ALU op.
  EXPECT_EQ(cycles("ldr.w r0, [r1]\n add.w r2, r4, #1", kAddrs), 1u);
  EXPECT_EQ(cycles("ldr.w r0, [r1]\n str.w r2, [r3]", kAddrs), 1u);
  EXPECT_EQ(cycles("ldr.w r0, [r1]\n ldr.w r2, [r3]", kAddrs), 1u);          // kData, kData+4: even, odd
  EXPECT_EQ(cycles("movw r0, #0x1234\n movt r0, #0x5678"), 1u);
  EXPECT_EQ(cycles("uxtb.w r0, r1\n add.w r2, r3, #1"), 1u);
  EXPECT_EQ(cycles("uxtb.w r0, r1\n smlabb r2, r3, r4, r5"), 1u);            // SMLAxy with a DSP op
}

TEST(CortexM7Timing, PairsThatCannotIssueTogether) {
  // Each of these issues at 0 and 1: 2 cycles.
  EXPECT_EQ(cycles("str.w r0, [r1]\n str.w r2, [r3]", kAddrs), 2u);                    // two stores
  EXPECT_EQ(cycles("mul r0, r2, r4\n mul r6, r7, r8"), 2u);                           // two MULs
  EXPECT_EQ(cycles("mla r0, r2, r4, r6\n str.w r7, [r1]", kAddrs), 2u);               // MAC + store
  EXPECT_EQ(cycles("uxtb.w r0, r2\n uxth.w r4, r6"), 2u);                             // two DSP/bitfield
  EXPECT_EQ(cycles("add.w r0, r2, #1\n uxtb.w r4, r6"), 2u);                          // DSP in the younger slot
  EXPECT_EQ(cycles("add.w r0, r2, r4, lsl #2\n add.w r6, r7, r8, lsl #3"), 2u);       // two shifted operands
  EXPECT_EQ(cycles("ubfx r0, r2, #4, #8\n add.w r6, r7, r8, lsl #3"), 2u);            // bitfield + shifted
  EXPECT_EQ(cycles("ldr.w r0, [r1]\n ldr.w r2, [r5]", kAddrs), 2u);                   // loads, same bank
  EXPECT_EQ(cycles("vadd.f32 s0, s1, s2\n vmul.f32 s3, s4, s5"), 2u);                 // two FP arithmetic
  EXPECT_EQ(cycles("vfma.f32 s0, s1, s2\n vldr s3, [r1]", kAddrs), 2u);               // VFMA + VLDR
}

TEST(CortexM7Timing, InstructionsThatIssueAlone) {
  // ALU, LDRD (issues alone: 1 cycle), ALU: issue 0, 1, 2 -> 3 cycles, where two ALUs alone would pair.
  EXPECT_EQ(cycles("add.w r0, r2, #1\n ldrd r4, r5, [r1]\n add.w r6, r7, #1", kAddrs), 3u);
  EXPECT_EQ(cycles("add.w r0, r2, #1\n dmb\n add.w r6, r7, #1"), 3u);
  EXPECT_EQ(cycles("add.w r0, r2, #1\n vldr d0, [r1]\n add.w r6, r7, #1", kAddrs), 3u);   // VLDR.64
  EXPECT_EQ(cycles("add.w r0, r2, #1\n vmov r4, r5, d0\n add.w r6, r7, #1"), 3u);         // 2-register VMOV
  // TBB/TBH take 2 issue cycles [REF]; table at kData holds 0: it branches to the next instruction.
  M7 m;
  m.f.set_mem32(kData, 0);
  EXPECT_EQ(m.run("tbb [r1, r2]\n add.w r0, r0, #1", {{1, kData}, {2, 0}}), 3u);   // TBB 0-1, ADD 2
}

// ---------------------------------------------------------------- operand latencies [REF "Latencies"]

TEST(CortexM7Timing, LoadUse) {
  // LDR word -> ALU: usable by the next instruction (issue 0, 1): 2 cycles, no stall, but no pair.
  EXPECT_EQ(cycles("ldr.w r0, [r1]\n add.w r2, r0, #1", kAddrs), 2u);
  // ... except an EX1 reader: the shifted operand waits one more cycle: issue 0, 2.
  M7 shifted;
  EXPECT_EQ(shifted.run("ldr.w r0, [r1]\n add.w r2, r4, r0, lsl #2", kAddrs), 3u);
  EXPECT_EQ(shifted.cause(Cause::kLoadUse), 1u);
  // LDRB -> use +1: issue 0, 2.
  EXPECT_EQ(cycles("ldrb.w r0, [r1]\n add.w r2, r0, #1", kAddrs), 3u);
  // Pointer chase: load -> next load's address, a 1-cycle stall: issue 0, 2.
  M7 chase;
  chase.f.set_mem32(kData, kData + 8);
  EXPECT_EQ(chase.run("ldr.w r0, [r1]\n ldr.w r2, [r0]", {{1, kData}}), 3u);
  EXPECT_EQ(chase.cause(Cause::kLoadUse), 1u);
  // PLD waits for its address like a load [MEAS]: the same 1-cycle stall after a load of its base.
  M7 pld;
  pld.f.set_mem32(kData, kData + 8);
  EXPECT_EQ(pld.run("ldr.w r0, [r1]\n pld [r0]", {{1, kData}}), 3u);
  EXPECT_EQ(pld.cause(Cause::kLoadUse), 1u);
}

TEST(CortexM7Timing, InOrderIssue) {
  // In order: when the older instruction stalls, neither issues. LDR at 0; the shifted ADD reads the load in
  // EX1 and issues at 2; the independent ADD behind it cannot go earlier and pairs with it at 2: 3 cycles.
  M7 m;
  EXPECT_EQ(m.run("ldr.w r0, [r1]\n add.w r2, r3, r0, lsl #2\n add.w r4, r5, #1", kAddrs), 3u);
  EXPECT_EQ(m.cause(Cause::kIssue), 2u);
  EXPECT_EQ(m.cause(Cause::kLoadUse), 1u);
}

TEST(CortexM7Timing, AluResultLatencies) {
  // ADD #imm with ready sources runs in the early ALU: its result feeds a late-ALU reader in the same cycle,
  // so the dependent pair dual-issues (issue 0, 0) [MEAS early/late ALU].
  EXPECT_EQ(cycles("add.w r0, r1, #1\n add.w r2, r0, #1"), 1u);
  // ... and an EX1 reader (shifted operand) the next cycle: issue 0, 1.
  EXPECT_EQ(cycles("add.w r0, r1, #1\n add.w r2, r3, r0, lsl #2"), 2u);
  // A shifted-operand ADD runs in the late ALU: ALU -> ALU 1 (issue 0, 1), and an EX1 reader waits 2
  // (issue 0, 2).
  EXPECT_EQ(cycles("add.w r0, r1, r4, lsl #1\n add.w r2, r0, #1"), 2u);
  EXPECT_EQ(cycles("add.w r0, r1, r4, lsl #1\n add.w r2, r3, r0, lsl #2"), 3u);
  // DSP/bitfield result -> load address +1: UXTAB at 0, LDR at 2.
  M7 m;
  EXPECT_EQ(m.run("uxtab r0, r1, r2\n ldr.w r3, [r0]", {{1, kData}, {2, 0}}), 3u);
  EXPECT_EQ(m.cause(Cause::kInterlock), 1u);
}

TEST(CortexM7Timing, MultiplyLatencyAndAccumulatorChain) {
  // MUL -> use 2: MUL at 0, ADD at 2.
  M7 mul;
  EXPECT_EQ(mul.run("mul r0, r1, r2\n add.w r3, r0, #1"), 3u);
  EXPECT_EQ(mul.cause(Cause::kInterlock), 1u);
  // Accumulator chain, 1 per cycle: SMLAD x4 on r0 issue at 0, 1, 2, 3.
  M7 chain;
  EXPECT_EQ(chain.run("smlad r0, r1, r2, r0\n smlad r0, r3, r4, r0\n smlad r0, r1, r2, r0\n smlad r0, r3, r4, r0"),
            4u);
  EXPECT_EQ(chain.cause(Cause::kInterlock), 0u);
  // The product operand is not the accumulator: SMLAD feeding the next one's multiplicand waits 2.
  EXPECT_EQ(cycles("smlad r0, r1, r2, r0\n smlad r5, r0, r2, r5"), 3u);
  // MUL can't consume the previous cycle's LDR [MEAS]: LDR at 0, MUL at 2.
  EXPECT_EQ(cycles("ldr.w r0, [r1]\n mul r2, r0, r3", kAddrs), 3u);
}

TEST(CortexM7Timing, DivideAndFloatingPointLatencies) {
  // SDIV about 7, issuing alone: SDIV at 0, dependent ADD at 7 -> 8 cycles.
  EXPECT_EQ(cycles("sdiv r0, r1, r2\n add.w r3, r0, #1", {{1, 100}, {2, 7}}), 8u);
  // VADD -> VADD 3: issue 0, 3.
  EXPECT_EQ(cycles("vadd.f32 s0, s1, s2\n vadd.f32 s3, s0, s4"), 4u);
  // VFMA accumulator chain 3: issue 0, 3, 6.
  EXPECT_EQ(cycles("vfma.f32 s0, s1, s2\n vfma.f32 s0, s3, s4\n vfma.f32 s0, s5, s6"), 7u);
  // VMOV core -> FP 3: VMOV at 0, VADD at 3.
  EXPECT_EQ(cycles("vmov s0, r0\n vadd.f32 s1, s0, s0"), 4u);
  // VDIV 16 cycles, dual-issuing with one integer instruction: the ADD pairs, VDIV holds the pipeline 16.
  EXPECT_EQ(cycles("vdiv.f32 s0, s1, s2\n add.w r0, r1, #1"), 16u);
  // VDIV.F64 holds the pipeline 30 cycles [MEAS "fpu (double precision)"].
  EXPECT_EQ(cycles("vdiv.f64 d0, d1, d2"), 30u);
}

// ---------------------------------------------------------------- multiple and unaligned transfers

TEST(CortexM7Timing, LoadStoreMultipleTakeHalfTheirRegisterCount) {
  // ceil(N/2) cycles [REF]
  EXPECT_EQ(cycles("ldm r0, {r1-r4}", {{0, kData}}), 2u);
  EXPECT_EQ(cycles("ldm r0, {r1-r5}", {{0, kData}}), 3u);
  EXPECT_EQ(cycles("pop {r0-r6}", {{13, kData}}), 4u);
  // STM not 8-byte aligned: +1 for an even register count.
  EXPECT_EQ(cycles("stm r0, {r1-r4}", {{0, kData}}), 2u);
  EXPECT_EQ(cycles("stm r0, {r1-r4}", {{0, kData + 4}}), 3u);
  EXPECT_EQ(cycles("stm r0, {r1-r3}", {{0, kData + 4}}), 2u);
}

TEST(CortexM7Timing, UnalignedLoadsAndSubWordStores) {
  // Unaligned load: +3 in the older slot: 1 + 3.
  M7 m;
  EXPECT_EQ(m.run("ldr.w r0, [r1]", {{1, kData + 1}}), 4u);
  EXPECT_EQ(m.cause(Cause::kMemory), 3u);
  // Byte stores: 4 cycles per store to one bank, 2 when alternating banks. 8 more stores cost 32 vs 16 in
  // the steady state (the store buffer absorbs the first ones).
  std::string one_bank, alternating;
  for (int k = 0; k < 8; ++k) {
    one_bank += "strb.w r0, [r1]\n";
    alternating += "strb.w r0, [r1, #" + std::to_string(4 * (k % 2)) + "]\n";
  }
  const auto slope = [&](const std::string& body) {
    return cycles(body + body + body, {{1, kData}}) - cycles(body + body, {{1, kData}});
  };
  EXPECT_EQ(slope(one_bank), 32u);
  EXPECT_EQ(slope(alternating), 16u);
}

// ---------------------------------------------------------------- branches [REF "Branches"]

// A counted loop of 4 instructions: two ALU ops, SUBS, BNE back. In the steady state: [ADD, ADD] [SUBS, BNE]:
// 2 cycles per iteration, the predicted branch sharing a cycle with SUBS.
std::string loop(int n) {
  return "movs r0, #" + std::to_string(n) + "\n"
         "1: add.w r1, r1, #1\n add.w r2, r2, #1\n subs r0, r0, #1\n bne 1b\n";
}

TEST(CortexM7Timing, PredictedLoopBranchCostsAboutOneCycle) {
  // Ten more iterations cost 20 cycles: 2 per iteration once the BTAC holds the branch.
  const uint64_t ten = cycles(loop(10)), twenty = cycles(loop(20));
  EXPECT_EQ(twenty - ten, 20u);
  // The exit is mispredicted (the BTAC says taken): 8 cycles, SUBS having issued in the branch's cycle.
  M7 m;
  m.run(loop(10));
  EXPECT_EQ(m.cause(Cause::kBranch), 8u);
  // Without a BTAC the static rule (backward taken) still predicts the loop branch; the target is known only
  // at decode, so it does not pair with the target: [ADD, ADD] [SUBS, BNE] stays 2 per iteration here too.
  const CortexM7Params no_btac{.btac_entries = 0};
  EXPECT_EQ(M7({}, no_btac).run(loop(20)) - M7({}, no_btac).run(loop(10)), 20u);
}

TEST(CortexM7Timing, PredictedTakenBranchPairsWithItsTarget) {
  // A 3-instruction loop: ADD, SUBS, BNE. With the BTAC, the predicted BNE pairs with the ADD at its target:
  // [ADD, SUBS] [BNE, ADD] [SUBS, BNE] ...: 2 iterations per 3 cycles, so 10 more iterations cost 15.
  const auto loop3 = [](int n) {
    return "movs r0, #" + std::to_string(n) + "\n1: add.w r1, r1, #1\n subs r0, r0, #1\n bne 1b\n";
  };
  EXPECT_EQ(M7().run(loop3(20)) - M7().run(loop3(10)), 15u);
  // Statically predicted (no BTAC), the target is known only at decode: no pair across the branch,
  // [ADD, SUBS] [BNE]: 2 cycles per iteration.
  const CortexM7Params no_btac{.btac_entries = 0};
  EXPECT_EQ(M7({}, no_btac).run(loop3(20)) - M7({}, no_btac).run(loop3(10)), 20u);
}

TEST(CortexM7Timing, MispredictedForwardBranch) {
  // A taken forward branch is predicted not taken: 8 cycles more than the same branch not taken.
  // CMP at 0, BEQ pairs with it (0); taken: +8 then ADD at 9 -> 10; not taken: MOV pairs... see below.
  const std::string code = "cmp r0, #0\n beq 1f\n nop.w\n 1: add.w r1, r1, #1\n";
  M7 taken, not_taken;
  const uint64_t t = taken.run(code, {{0, 0}}), n = not_taken.run(code, {{0, 1}});
  EXPECT_EQ(taken.cause(Cause::kBranch), 8u);
  EXPECT_EQ(not_taken.cause(Cause::kBranch), 0u);
  // not taken: [CMP, BEQ] [NOP, ADD] = 2; taken: [CMP, BEQ] + 8, [ADD] = 10.
  EXPECT_EQ(n, 2u);
  EXPECT_EQ(t, 10u);
  // Flags set at least 3 cycles before the branch: 6 [REF]. CMP at 0, six independent ADDs at 0,1,1,2,2,3,
  // BEQ at 3 (pairs with the last ADD): 3 >= 0 + 3.
  M7 early;
  early.run("cmp r0, #0\n add.w r1, r1, #1\n add.w r2, r2, #1\n add.w r3, r3, #1\n add.w r4, r4, #1\n"
            "add.w r5, r5, #1\n add.w r6, r6, #1\n beq 1f\n nop.w\n 1: add.w r7, r7, #1\n", {{0, 0}});
  EXPECT_EQ(early.cause(Cause::kBranch), 6u);
}

// ---------------------------------------------------------------- memory waits (MemoryTiming) with their cause

TEST(CortexM7Timing, FetchWaitsPerSixtyFourBitBlock) {
  // Four ADD.W = two 64-bit blocks, each read waiting 5 (flash): block 0 ready at 5, [ADD, ADD] issue there;
  // block 1 is read from the cycle after block 0 arrived: ready at 5 + 1 + 5 = 11, [ADD, ADD] at 11. 12 cycles.
  Machine<WaitingMemory> m(WaitingMemory({5, Cause::kFlashWait}, {}));
  EXPECT_EQ(m.run("add.w r0, r1, #1\n add.w r2, r3, #1\n add.w r4, r5, #1\n add.w r6, r7, #1"), 12u);
  EXPECT_EQ(m.cause(Cause::kFlashWait), 10u);
  EXPECT_EQ(m.memory.blocks, (std::vector<uint32_t>{CoreFixture::kCode, CoreFixture::kCode + 8}));
}

TEST(CortexM7Timing, LoadsWaitForDataStoresDoNot) {
  // A load waiting 3 (cache miss) holds the pipeline: LDR 1 + 3; the dependent ADD then finds its operand
  // ready (the data arrived with the wait): 5.
  Machine<WaitingMemory> load(WaitingMemory({}, {3, Cause::kCacheMiss}));
  EXPECT_EQ(load.run("ldr.w r0, [r1]\n add.w r2, r0, #1", kAddrs), 5u);
  EXPECT_EQ(load.cause(Cause::kCacheMiss), 3u);
  // A store's wait is absorbed by the store buffer: STR and ADD pair, 1 cycle.
  Machine<WaitingMemory> store(WaitingMemory({}, {3, Cause::kCacheMiss}));
  EXPECT_EQ(store.run("str.w r0, [r1]\n add.w r2, r3, #1", kAddrs), 1u);
}

// ---------------------------------------------------------------- whole-run properties

TEST(CortexM7Timing, CausesAddUpAndRunsAreDeterministic) {
  const std::string code = loop(5) + "ldr.w r3, [r4]\n add.w r5, r4, r3, lsl #1\n strb.w r5, [r4]\n";
  M7 a, b;
  const uint64_t total = a.run(code, {{4, kData}});
  b.run(code, {{4, kData}});
  EXPECT_EQ(a.split.by_cause, b.split.by_cause);
  uint64_t sum = 0;
  for (uint64_t v : a.split.by_cause) sum += v;
  EXPECT_EQ(sum, total);
  // One issue cycle per cycle in which something issued: [MOVS, ADD] [ADD, SUBS] [BNE] (statically predicted,
  // so it does not pair with its target), four more iterations of [ADD, ADD] [SUBS, BNE], then [LDR] and
  // [ADD, STRB] (the shifted ADD reads the load in EX1 and waits a cycle; a store may take any result in the
  // same cycle [MEAS]): 3 + 8 + 2.
  EXPECT_EQ(a.split.by_cause[size_t(Cause::kIssue)], 3u + 8u + 2u);
  EXPECT_EQ(a.split.by_cause[size_t(Cause::kLoadUse)], 1u);
  EXPECT_EQ(a.split.by_cause[size_t(Cause::kBranch)], 8u);
}

TEST(CortexM7Timing, ExceptionsAndReset) {
  // Entry and return: 12 cycles each (the Cortex-M4 TRM's figures, which the M7 TRM does not restate).
  M7 m;
  EXPECT_EQ(m.model.exception_entry().total(), 12u);
  EXPECT_EQ(m.model.exception_return().by_cause[size_t(Cause::kException)], 12u);
  // reset() forgets the BTAC and the scoreboard: the same program costs the same again.
  const std::string code = loop(10);
  const uint64_t first = m.run(code);
  m.model.reset();
  m.split = {};
  EXPECT_EQ(m.run(code), first);
}

TEST(CortexM7Timing, SvcRoundTripThroughTheCoreChargesEntryAndReturnOnce) {
  M7 m;
  m.f.core.observer = nullptr;
  m.f.core.timing = &m.model;   // as Machine attaches it: the core charges every cost
  m.f.scs.write(0xE000ED08 - SystemControl::kBase, 4, kData);   // VTOR
  m.f.core.deliver_faults = true;
  m.f.set_mem32(kData + 4 * kExcSvCall, (CoreFixture::kCode + 0x400) | 1);
  m.f.load_asm("movs r1, #42\nbx lr", CoreFixture::kCode + 0x400);
  m.f.load_asm("movs r0, #7\nsvc #3\nadds r0, r0, #1");
  m.f.step(5);
  EXPECT_EQ(m.f.core.s.r[0], 8u);
  // MOVS 1, SVC (issues alone) 1, entry 12, handler MOVS 1, return 12, BX LR 1 (no misprediction: the refill
  // is part of the return), ADDS 1.
  EXPECT_EQ(m.f.core.cycles.total(), 29u);
  EXPECT_EQ(m.f.core.cycles.by_cause[size_t(Cause::kBranch)], 0u);
}

TEST(CortexM7Timing, AtMostTwoInstructionsPerCycle) {
  // An int8 dot-product loop (the kind the profiler is for): whatever pairs, two issue slots per cycle bound
  // the rate from below, and every cycle is attributed.
  M7 m;
  m.f.core.s.r[0] = kData;
  uint64_t instructions = 0;
  m.f.core.observer = [&](const StepRecord& r) {
    m.model.retire(r, m.split);
    ++instructions;
  };
  const uint64_t total = m.run(
      "movs r3, #16\n"
      "1: ldr r4, [r0], #4\n ldr r5, [r1], #4\n sxtb16 r6, r4\n sxtb16 r7, r5\n sxtb16 r4, r4, ror #8\n"
      "sxtb16 r5, r5, ror #8\n smlad r2, r6, r7, r2\n smlad r2, r4, r5, r2\n subs r3, r3, #1\n bne 1b\n",
      {{0, kData}, {1, kData + 0x100}});
  EXPECT_EQ(instructions, 1u + 16u * 10u);
  EXPECT_GE(2 * total, instructions);
  EXPECT_GE(m.cause(Cause::kIssue), instructions / 2);
}

}  // namespace
}  // namespace mcuprof::test
