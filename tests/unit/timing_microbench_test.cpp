// Timing microbenchmarks measured the way one measures silicon: firmware (tests/firmware/timing) reads DWT CYCCNT
// around instruction sequences and prints the cycles net of an empty measurement; `mcuprof run` times it with
// the board's core and memory models. Each expected count is derived in a comment from a rule of
// shared/reference/cortex-m-timing.md [CM] or stm32-boards.md [BRD], or, where the facts leave a choice, from the
// model's documented choice (cores/timing/*.h, memory/*.h), named where it is used. Where the facts give only a
// bound, the bound is asserted too.
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <sstream>
#include <string>

#include "sim/machine.h"

namespace mcuprof {
namespace {

// Runs <variant>/<program>.elf on the board (at clock_hz when not 0) and returns what it printed.
std::string run_firmware(const std::string& board_name, const std::string& program, uint32_t clock_hz = 0) {
  Board board = load_board(board_name);
  if (clock_hz) board.clock_hz = clock_hz;
  std::ostringstream out;
  std::istringstream in;
  Machine m(board, out, in);
  m.load(std::string(MCUPROF_FIRMWARE_DIR) + "/" + board_name + "/" + program + ".elf");
  RunOptions options;
  options.max_instructions = 5'000'000;
  EXPECT_EQ(m.run(options), StopReason::kExit) << m.describe_stop();
  return out.str();
}

// ---- Cortex-M7 pipeline (m7_pipeline.S) on the MPS2 AN500: code and data in zero-wait-state SRAM ----

TEST(TimingMicrobench, CortexM7PipelineOnZeroWaitSram) {
  const std::string out = run_firmware("mps2-an500", "m7_pipeline");
  std::map<std::string, unsigned> got;
  std::istringstream lines(out);
  for (std::string name; lines >> name;) lines >> got[name];
  // [CM] "Cortex-M7", rule by rule. A sequence's count is the cycles from its first issue to the issue after its
  // last instruction (the fences issue alone).
  const std::map<std::string, unsigned> expected = {
      {"alu_x4", 2},           // "Can pair: ALU+ALU": 4 independent ADDs in 2 cycles
      {"alu_chain_early", 1},  // "early-ALU result feeds late-ALU in 0": the dependent ADD pairs with its producer
      {"alu_chain_late", 2},   // EOR runs in the late ALU: "simple ALU -> ALU 1"
      {"shifted_x2", 2},       // "Cannot pair: ... two shifted-operand ops"
      {"bitfield_x2", 2},      // "Cannot pair: ... two DSP/bitfield ops"
      {"movw_movt", 1},        // "Can pair: MOVW+MOVT even when dependent"
      {"ldr_str", 1},          // "Can pair: ... load+store"
      {"str_x2", 2},           // "Cannot pair: two stores"
      {"ldr_banks", 1},        // "two loads to different 32-bit banks (even/odd word)" pair
      {"ldr_same_bank", 2},    // two even words: no pair (the model applies the bank rule to every memory)
      {"load_use", 2},         // "LDR (word) -> ALU use: usable by the next instruction": LDR, then ADD
      {"ldrb_use", 3},         // "LDRB/LDRH -> use +1"
      {"ldr_chase", 3},        // "load -> address of the next load: 1-cycle stall"
      {"mul_use", 3},          // "MUL/MAC result -> use 2": MUL at 0, ADD at 2
      {"smlad_chain", 4},      // "MAC accumulator chain 1 per cycle"; "Cannot pair: two MUL/MACs"
      {"smlad_operand", 3},    // the result as a multiplicand: "MUL/MAC result -> use 2"
      {"ldm4", 2},             // "Issue alone, ceil(N/2) cycles: LDM": ceil(4/2)
      {"ldm5", 3},             // ceil(5/2)
      {"ldrd", 1},             // ceil(2/2)
      {"ldr_unaligned", 4},    // "Unaligned loads: +3 cycles in the older slot": 1 + 3
      {"udiv_use", 8},         // "SDIV/UDIV about 7, issues alone": UDIV at 0, its consumer at 7
      {"vadd_use", 4},         // "VADD/VMUL.F32 -> FP use 3": VADD at 0, VADD at 3
      {"vfma_chain", 4},       // "VFMA.F32 -> accumulator 3"
      {"bne_not_taken", 1},    // "A not-taken branch dual-issues with the next instruction"
      // SUBS + BNE pair each iteration; the BTAC predicts the backward branch ("Branch prediction cuts a loop's
      // branch overhead to about 1 cycle"); the exit is mispredicted ("mispredict penalty 8", the flags were set
      // in the same cycle): N + 8.
      {"loop8", 16},
      {"loop16", 24},
      // A branch the BTAC learnt taken, now not taken: CMP + BEQ pair (1), "mispredict penalty 8" (flags set in
      // the same cycle), the NOP after it (1): 10. With five NOPs between CMP and BEQ the flags are 3 cycles old:
      // "or 6 when the flags were set at least 3 cycles before": CMP+NOP, NOP+NOP, NOP+NOP, BEQ (4) + 6 + 1.
      {"mispredict_late", 10},
      {"mispredict_early", 11},
  };
  EXPECT_EQ(got, expected) << out;
  EXPECT_EQ(got["loop16"] - got["loop8"], 8u);   // 1 cycle per correctly predicted iteration
}

// ---- Memory effects on the STM32 reference boards (mem_flash.S / mem_flash.c) ----
//
// Three programs run from flash under each configuration: seq (256 16-bit NOPs from a 32-byte boundary: 32 F4
// 128-bit lines, 16 F7 256-bit lines, 64 64-bit fetch blocks), branchy (16 iterations of B forward + SUBS + BNE
// back, the two halves in different 32-byte blocks), weights (16 words of a const array summed: 4 F4 lines,
// 2 F7 lines). Each prints cold (first run), warm (second run) and again (a run after the configuration's
// caches were invalidated by firmware), net of a warm empty measurement.

struct Counts {
  unsigned cold = 0, warm = 0, again = 0;
  bool operator==(const Counts&) const = default;
};
using Table = std::map<std::string, Counts>;   // "<config> <bench>"

std::ostream& operator<<(std::ostream& os, const Counts& c) {
  return os << c.cold << "/" << c.warm << "/" << c.again;
}

Table parse(const std::string& out, unsigned& latency) {
  Table t;
  std::istringstream lines(out);
  std::string config, bench;
  lines >> config >> latency;   // "latency N": the LATENCY the board booted with
  while (lines >> config >> bench) {
    Counts c;
    lines >> c.cold >> c.warm >> c.again;
    t[config + " " + bench] = c;
  }
  return t;
}

TEST(TimingMicrobench, Stm32F446FlashAccelerator) {
  unsigned latency = 0;
  Table t = parse(run_firmware("stm32f446re", "mem_flash"), latency);
  ASSERT_EQ(latency, 5u);   // [BRD] F446 at 180 MHz: 5 wait states
  // Zero wait states (LATENCY = 0 written, accelerator off): the core's own cycles. seq: 256 NOPs at 1 cycle
  // [CM M4 table: NOP 1]. branchy: per iteration B (1 + P 1), SUBS 1, BNE taken (1 + P 1) = 5, the last BNE
  // not taken (1): 16 x 5 - 1 = 79. weights: per iteration LDR 2, ADD 1, SUBS 1, BNE 1 + P 1 = 6, the last BNE
  // not taken: 16 x 6 - 1 = 95.
  EXPECT_EQ(t["ws0 seq"], (Counts{256, 256, 256}));
  EXPECT_EQ(t["ws0 branchy"], (Counts{79, 79, 79}));
  EXPECT_EQ(t["ws0 weights"], (Counts{95, 95, 95}));

  // Everything off, 5 WS: "sequential code needs at least WS+1 cycles per 4 words without prefetch" [BRD]. The
  // model (flash_accelerator.h) fetches a line when the core needs it: each of the 32 lines costs its 8 NOPs
  // plus LATENCY: 256 + 32 x 5 = 416 (13 cycles per line, above the bound of 6).
  EXPECT_EQ(t["off seq"], (Counts{416, 416, 416}));
  EXPECT_GE(t["off seq"].warm, 32u * 6);
  // branchy: both lines of the body are new at every taken branch: 32 line reads x 5 = 160 on top of 79, less
  // the baseline's own line read (its second fence starts a new line; branchy's shares the loop's): 234.
  EXPECT_EQ(t["off branchy"], (Counts{234, 234, 234}));
  // weights: "Data reads from flash go through the 8-line data cache" [BRD]; without it each of the 16 loads
  // waits LATENCY (flash_accelerator.h): 95 + 16 x 5 = 175.
  EXPECT_EQ(t["off weights"], (Counts{175, 175, 175}));

  // Prefetch only: "the next line is read while the current one executes" [BRD]: 8 NOPs take 8 cycles, more
  // than a line read (LATENCY + 1 = 6), so the prefetch keeps up: the zero-wait count.
  EXPECT_EQ(t["prefetch seq"], t["ws0 seq"]);
  // branchy: the backward target is never the prefetched line, "a branch to a line in neither the prefetch buffer
  // nor the instruction cache costs at least the wait states" [BRD]: at least 16 x 5 over zero wait. The model
  // has one flash port (flash_accelerator.h): the body's halves are 32 bytes apart, so the line prefetched after
  // each half (0x..10 after the first, 0x..30 after the second) is never used, and each taken branch's line read
  // waits for that prefetch to free the port before its own LATENCY. Steady state 24 cycles per iteration (5 of
  // issue, 19 waiting) against 15 without prefetch: prefetching makes this loop slower than no prefetch.
  EXPECT_GE(t["prefetch branchy"].warm, 79u + 16 * 5);
  EXPECT_EQ(t["prefetch branchy"], (Counts{373, 373, 373}));
  EXPECT_EQ(t["prefetch weights"], t["off weights"]);   // data reads are not prefetched

  // Instruction and data caches (no prefetch). seq: cold = off (every line missed) + the line of the closing
  // fence, which the warm baseline finds cached: 416 + 5; warm: 33 lines fit the 64-line cache, zero wait;
  // again (ICRST/DCRST with the caches disabled, RM0090 3.5.2): cold once more.
  EXPECT_EQ(t["caches seq"], (Counts{421, 256, 421}));
  // branchy: two misses (one per body line) in the first iteration only: 79 + 2 x 5; warm: zero wait.
  EXPECT_EQ(t["caches branchy"], (Counts{89, 79, 89}));
  // weights: cold: 4 data-line misses and the loop's code line: 95 + 5 x 5; warm: "the D-cache hits after the
  // first pass": the zero-wait count.
  EXPECT_EQ(t["caches weights"], (Counts{120, 95, 120}));
  // Everything on: the prefetch hides the cold code-line misses that follow sequentially.
  EXPECT_EQ(t["all seq"], (Counts{256, 256, 256}));
  EXPECT_EQ(t["all branchy"], (Counts{88, 79, 88}));
  EXPECT_EQ(t["all weights"], (Counts{115, 95, 115}));
}

// At 24 MHz the F446 needs no wait state [BRD table]; the flash interface boots with LATENCY 0 and everything
// runs at the zero-wait counts with the accelerator off.
TEST(TimingMicrobench, Stm32F446AtZeroWaitStatesClock) {
  unsigned latency = 1;
  Table t = parse(run_firmware("stm32f446re", "mem_flash", 24'000'000), latency);
  EXPECT_EQ(latency, 0u);
  EXPECT_EQ(t["off seq"], t["ws0 seq"]);
  EXPECT_EQ(t["off branchy"], t["ws0 branchy"]);
  EXPECT_EQ(t["off weights"], t["ws0 weights"]);
}

// The F746 and F767 run the same code with the same LATENCY (7 at 216 MHz); the benchmarks fit both boards'
// caches (4 KB and 16 KB), so the counts are the same.
class Stm32F7Flash : public testing::TestWithParam<const char*> {};

TEST_P(Stm32F7Flash, AxiPathCachesAndItcmArt) {
  unsigned latency = 0;
  Table t = parse(run_firmware(GetParam(), "mem_flash"), latency);
  ASSERT_EQ(latency, 7u);   // [BRD] F7 at 216 MHz: 7 wait states
  // Zero wait states: seq = 256 NOPs dual-issued in pairs [CM "Can pair: ALU+ALU"]: 128. branchy: B (predicted
  // by the BTAC) pairs with SUBS at its target [CM "a correctly predicted taken branch can dual-issue with one
  // instruction at the target"], BNE issues next (two branches never pair, so the B after it cannot join it):
  // 2 cycles per iteration, plus the exit's mispredict [CM "mispredict penalty 8"]: 16 x 2 + 8 = 40. weights:
  // the model's zero-wait count of the loop (the reference the memory deltas below are taken from).
  EXPECT_EQ(t["ws0 seq"], (Counts{128, 128, 128}));
  EXPECT_EQ(t["ws0 branchy"], (Counts{40, 40, 40}));
  EXPECT_EQ(t["ws0 weights"], (Counts{42, 42, 42}));

  // AXIM, caches off: stm32_memory_timing.h: "An uncached flash read waits LATENCY cycles"; the fetch unit reads
  // one 64-bit block at a time (cortex_m7_timing.h), so each block of 4 NOPs costs LATENCY + 1 = 8: 64 x 8.
  EXPECT_EQ(t["off seq"], (Counts{512, 512, 512}));
  EXPECT_GE(t["off seq"].warm, 16u * 8);   // [BRD] bound: at least WS + 1 per flash line
  // branchy: every backward branch needs its target block from flash: at least LATENCY per iteration.
  EXPECT_EQ(t["off branchy"], (Counts{226, 226, 226}));
  EXPECT_GE(t["off branchy"].warm, t["ws0 branchy"].warm + 16 * 7);
  // weights: each of the 16 uncached loads waits LATENCY on top of the code's own fetch waits.
  EXPECT_EQ(t["off weights"], (Counts{304, 304, 304}));
  EXPECT_GE(t["off weights"].warm, t["ws0 weights"].warm + 16 * 7);

  // L1 caches (CCR.IC/DC after ICIALLU + DCISW over all sets and ways, DSB/ISB): warm runs hit both caches and
  // run at the zero-wait counts; cold and again (the same invalidation mid-run, caches left on) pay one line
  // fill per 32-byte line, critical word first (stm32_memory_timing.h), partly hidden by the fetch queue.
  EXPECT_EQ(t["l1 seq"], (Counts{179, 128, 179}));
  EXPECT_EQ(t["l1 branchy"], (Counts{49, 40, 49}));
  EXPECT_EQ(t["l1 weights"], (Counts{59, 42, 59}));   // "the D-cache hits after the first pass"
  EXPECT_LE(t["l1 seq"].cold, 128u + 17 * 7);   // at most LATENCY per line (16 + the fence's)

  // ITCM path (the code called through 0x0020 0000): the ART's line buffer holds one 256-bit line; without
  // prefetch each of the 16 lines waits LATENCY, of which the 4 x 64-bit prefetch queue [CM "Structure"] hides
  // 4 cycles (the fetch unit runs 4 blocks ahead): 128 + 16 x 3.
  EXPECT_EQ(t["itcm_off seq"], (Counts{176, 176, 176}));
  // With prefetch: a line (16 NOPs) takes 8 cycles = LATENCY + 1, so the prefetch just keeps up: zero wait.
  EXPECT_EQ(t["itcm_prefetch seq"], t["ws0 seq"]);
  EXPECT_EQ(t["itcm_art seq"], t["ws0 seq"]);
  // branchy: with the ART's cache the warm loop runs at zero wait; without it, as on the F4, the prefetch in
  // flight delays the backward branch's line read (one flash port, flash_accelerator.h).
  EXPECT_EQ(t["itcm_off branchy"], (Counts{257, 257, 257}));
  EXPECT_GE(t["itcm_off branchy"].warm, t["ws0 branchy"].warm + 16 * 7);
  EXPECT_EQ(t["itcm_prefetch branchy"], (Counts{376, 376, 376}));
  EXPECT_EQ(t["itcm_art branchy"], (Counts{46, 40, 46}));   // ARTRST mid-run: cold again
  // weights are read over AXIM (their linked address) without the D-cache: 16 x LATENCY on top of zero wait;
  // the loop's code is one ART line, read once and waited for by the baseline's fence line alike.
  for (const char* config : {"itcm_off", "itcm_prefetch", "itcm_art"})
    EXPECT_EQ(t[std::string(config) + " weights"], (Counts{154, 154, 154})) << config;   // 42 + 16 x 7
}

INSTANTIATE_TEST_SUITE_P(Boards, Stm32F7Flash, testing::Values("stm32f746zg", "stm32f767zi"));

}  // namespace
}  // namespace mcuprof
