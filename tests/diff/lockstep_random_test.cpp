// Lock-step differential test against Unicorn 2: constrained-random instructions of every family run in
// mcuprof's Core and in Unicorn's Cortex-M4 / Cortex-M7 model from the same random state; every register,
// APSR (NZCVQ, GE), S0-S31 and FPSCR are compared after each instruction, and every byte either emulator wrote
// after each sequence (a single instruction, or an IT instruction and its 1-4 conditional instructions).
//
// Generation (tests/diff/instruction_sampler.*): an encoding is picked uniformly from the decoder's table, its
// free bits filled at random, and kept when our decoder says kOk. Never generated (exclusion_reason):
//   SVC, BKPT, UDF          exceptions: Unicorn has no NVIC / exception model for Thumb code to compare
//   WFI, WFE                sleep: mcuprof stops the run or advances SysTick, Unicorn runs on
//   CPSIE, CPSID            PRIMASK/FAULTMASK are exception-model state
//   YIELD                   Unicorn 2.0.1 bug: stops with UC_ERR_INSN_INVALID on this NOP hint
//   MRS/MSR, SYSm > 3       MSP, PSP, PRIMASK, BASEPRI, FAULTMASK, CONTROL: exception-model state
//   exception return        never reached: the core runs in Thread mode and every BX/BLX/POP/LDR to the PC
//                           gets a code-area target, never an EXC_RETURN value
// Constraints, and why:
//   - memory instructions: before each one its base register is set (in both emulators) to within 256 bytes of
//     the middle of a 16 KB RAM window and a register index to 0-255, so every access lands in RAM (Unicorn
//     reports unmapped accesses as errors, not bus faults);
//   - LDRD/STRD, LDM/STM/PUSH/POP, LDREX/STREX, VLDR/VSTR/VLDM/VSTM get word-aligned bases: Unicorn does not
//     raise the UNALIGNED UsageFault these require (toolchain.md), so misaligned cases cannot be compared;
//     LDR/STR/LDRH/STRH... get any alignment (unaligned allowed, CCR.UNALIGN_TRP = 0);
//   - register-offset forms with Rn == Rm are skipped (no value keeps Rn + (Rm << n) inside RAM);
//   - BX/BLX get a Thumb address (bit 0 set) in the code area; BX/BLX SP/PC are skipped (they clear the T bit,
//     a fault at the next instruction, which lock-step cannot reach); loads into the PC read a data window
//     filled with Thumb addresses of the code area; MOV/ADD to the PC get a target in the code area;
//   - immediate branches (+-16 MB) are kept when they land inside the 32 MB of RAM around the code area;
//   - loads into the PC from a literal (Rn = PC) are skipped: they would read code, not Thumb addresses; loads
//     into the PC use word-aligned addresses (UNPREDICTABLE otherwise, A7.7.43);
//   - inside IT blocks: no CBZ/CBNZ/B<c>/IT/MOVS (register) T2/FPv5 unconditional encodings (UNPREDICTABLE
//     there), and only the last
//     instruction may write the PC (A7.3.3); no ISB (Unicorn bug: it ends the translation block and the next
//     instruction then runs whatever its condition);
//   - CONTROL.FPCA is 1 in both, so no FP instruction creates a new FP context (QEMU then loads FPSCR from
//     FPDSCR), see reset_unicorn.
// Unicorn deviations worked around: SP[1:0] are cleared in Unicorn after each instruction (it keeps what was
// written; ARMv7-M ignores those bits, B1.4.7); YIELD is excluded (Unicorn stops with UC_ERR_INSN_INVALID).
//   - before a sequence with a STREX the exclusive monitor is set (LDREX of the same address and size) or
//     cleared in both, see prepare_exclusive_monitor.
// Unicorn is stepped with UC_HOOK_CODE (a count-limited run executes a whole IT block at once): the hook at
// the start of instruction k reads the state after instruction k-1 and applies instruction k's register fixups.
// Unicorn 2.0.1 calls no hook for an instruction an IT block skips; see run_unicorn.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "sim/disassembler.h"
#include "tests/diff/instruction_sampler.h"
#include "tests/diff/sim_machine.h"
#include "tests/diff/state_compare.h"
#include "tests/diff/unicorn_cpu.h"

namespace mcuprof::diff {
namespace {

constexpr uint32_t kRamBase = 0x20000000, kRamSize = 0x02000000;   // 32 MB: most B/BL targets are mapped
constexpr uint32_t kCodeBase = 0x21000000, kCodeSize = 0x00100000;  // sequences, 32-byte slots, 128 per page
constexpr uint32_t kStubPage = kCodeBase - 0x1000;                   // Unicorn's exclusive monitor stubs
constexpr uint32_t kDataBase = 0x20100000, kDataSize = 0x4000;
constexpr uint32_t kDataCenter = kDataBase + kDataSize / 2;
constexpr uint32_t kSlot = 32, kPage = 0x1000;
// Slots are padded with B . (A7.7.12 T2): it ends Unicorn's translation block right after a sequence (else
// every sequence would translate the rest of its page); execution stops before reaching it.
constexpr uint16_t kPad = 0xE7FE;

// Instructions per configuration; MCUPROF_LOCKSTEP_INSTRUCTIONS overrides.
uint64_t instruction_budget() {
  const char* env = std::getenv("MCUPROF_LOCKSTEP_INSTRUCTIONS");
  return env ? std::strtoull(env, nullptr, 10) : 1000000;
}

struct Sequence {
  std::vector<GenInst> insts;   // insts[0] is the IT instruction when it_block
  bool it_block = false;
  uint32_t addr = 0;
};

// Values that find edge cases more often than uniform bits do.
uint32_t random_word(std::mt19937& rng) {
  static const uint32_t special[] = {0, 1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF,
                                     0x80000000, 0x80000001, 0xFFFFFFFF, 0xFFFFFFFE, 0x7F7F7F7F, 0x80808080};
  switch (rng() % 4) {
    case 0: return special[rng() % std::size(special)];
    case 1: return rng() % 64 - 32;
    default: return rng();
  }
}

// Single-precision values: zeros, infinities, quiet and signalling NaNs, denormals, normal numbers.
uint32_t random_float(std::mt19937& rng) {
  static const uint32_t special[] = {0x00000000, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00001,
                                     0x7F800001, 0x7FA00000, 0x00000001, 0x807FFFFF, 0x00800000, 0x3F800000,
                                     0xBF800000, 0x4F000000, 0xCF000000, 0x7F7FFFFF, 0x3F000000, 0x40490FDB};
  switch (rng() % 4) {
    case 0: return special[rng() % std::size(special)];
    case 1: return rng();
    default: {  // exponent near 127: results stay normal, conversions stay in integer range
      const uint32_t exp = 127 - 24 + rng() % 56;
      return (rng() & 0x807FFFFF) | (exp << 23);
    }
  }
}

// FPSCR bits ARMv7-M defines (A2.5.3): N Z C V, AHP, DN, FZ, RMode, IDC, IXC, UFC, OFC, DZC, IOC.
constexpr uint32_t kFpscrMask = 0xF7C0009F;

struct DivergenceClass {
  uint64_t count = 0;
  std::vector<std::string> examples;
};

class LockstepRandom {
 public:
  LockstepRandom(CoreModel model, uint8_t features, uint32_t seed)
      : model_(model), rng_(seed), ram_(kRamSize),
        sim_(model, features, {{kRamBase, kRamSize}}),
        sampler_(sim_.core.decoder(), SamplerConfig{features, kRamBase, kRamSize, kCodeBase, kCodeSize, kDataCenter}) {
    sim_.core.record = true;
    reset_unicorn();
    place_stubs();
  }

  void run(uint64_t budget) {
    ASSERT_FALSE(sampler_.eligible().empty()) << "the decoder table is empty";
    uint32_t page = 0;
    while (executed_ < budget) {
      std::vector<Sequence> batch = generate_page(kCodeBase + page * kPage);
      page = (page + 1) % (kCodeSize / kPage);
      for (const Sequence& seq : batch) run_sequence(seq);
    }
  }

  uint64_t executed() const { return executed_; }
  uint64_t sp_realigned() const { return sp_realigned_; }
  const std::map<std::string, DivergenceClass>& divergences() const { return classes_; }
  std::set<uint16_t> never_generated() const {
    std::set<uint16_t> out(sampler_.eligible().begin(), sampler_.eligible().end());
    for (auto& [enc, n] : generated_) out.erase(enc);
    return out;
  }
  const Decoder& decoder() const { return sim_.core.decoder(); }

 private:
  // CONTROL.FPCA = 1 in both: with FPCCR.ASPEN set, an FP instruction run while FPCA = 0 creates a new FP
  // context, which QEMU does by loading all of FPSCR from FPDSCR; lock-step stays within one context.
  void reset_unicorn() {
    uc_ = std::make_unique<UnicornCpu>(model_);
    uc_->map(kRamBase, kRamSize, ram_.data());
    uc_->record_writes();
    const uint32_t control = 4;
    uc_check(uc_reg_write(uc_->engine(), UC_ARM_REG_CONTROL, &control), "CONTROL");
    sim_.core.s.control = control;
  }

  // Code is written a page at a time so that each page's decoded instructions are invalidated once.
  void write_code(uint32_t addr, const std::vector<uint16_t>& hws) {
    for (size_t k = 0; k < hws.size(); ++k) sim_.bus.write(addr + 2 * uint32_t(k), 2, hws[k]);
    std::memcpy(&ram_[addr - kRamBase], hws.data(), hws.size() * 2);
    uc_->code_changed(addr, uint32_t(hws.size() * 2));
  }

  // Stubs that set Unicorn's exclusive monitor: CLREX (A7.7.23); LDREX/LDREXB/LDREXH r0, [r1] (A7.7.52-54).
  static constexpr uint32_t kClrex = kStubPage, kLdrex = kStubPage + 0x10;
  static uint32_t ldrex_stub(unsigned size) { return kLdrex + 0x10 * (size == 1 ? 0 : size == 2 ? 1 : 2); }
  void place_stubs() {
    write_code(kClrex, {0xF3BF, 0x8F2F});
    write_code(ldrex_stub(1), {0xE8D1, 0x0F4F});
    write_code(ldrex_stub(2), {0xE8D1, 0x0F5F});
    write_code(ldrex_stub(4), {0xE851, 0x0F00});
  }
  void run_stub(uint32_t addr) { uc_->run(addr, [addr](uint32_t a) { return a == addr; }); }

  // The exclusive monitor before a sequence with a STREX: open (LDREX of the STREX's address and size, in both)
  // or clear, at random. Where a store precedes the STREX only clear: QEMU's STREX also compares the memory
  // value LDREX read (cmpxchg), while the M4/M7 local monitor ignores ordinary stores (IMPLEMENTATION DEFINED).
  void prepare_exclusive_monitor(const Sequence& seq) {
    bool store_before = false;
    for (const GenInst& g : seq.insts) {
      const std::string m = mnemonic_of(decoder().encoding(g.enc));
      if (m.rfind("STREX", 0) != 0) {
        store_before |= g.role == Role::kMemory || g.role == Role::kMemoryAligned;
        continue;
      }
      const unsigned size = m == "STREXB" ? 1 : m == "STREXH" ? 2 : 4;
      uint32_t addr = g.inst.imm;
      for (auto [reg, v] : g.fixups)
        if (reg == g.inst.rn) addr += v;
      if (store_before || rng_() % 2) {
        sim_.core.clear_exclusive_local();
        run_stub(kClrex);
      } else {
        sim_.core.set_exclusive_monitors(addr, size);
        uc_->set_reg(1, addr);
        run_stub(ldrex_stub(size));
      }
      return;
    }
  }

  std::vector<Sequence> generate_page(uint32_t page_addr) {
    std::vector<Sequence> batch;
    std::vector<uint16_t> hws(kPage / 2, kPad);
    for (uint32_t slot = 0; slot < kPage / kSlot; ++slot) {
      Sequence seq = generate();
      seq.addr = page_addr + slot * kSlot;
      size_t at = slot * kSlot / 2;
      for (const GenInst& g : seq.insts)
        for (unsigned h = 0; h < g.len / 2u; ++h) hws[at++] = g.hw[h];
      batch.push_back(std::move(seq));
    }
    write_code(page_addr, hws);
    return batch;
  }

  Sequence generate() {
    Sequence seq;
    if (rng_() % 8 == 0) {
      seq.it_block = true;
      seq.insts.push_back(sampler_.sample_it(rng_));
      int cond[4];
      const unsigned n = it_slot_conditions(uint8_t(seq.insts[0].hw[0] & 0xFF), cond);
      // Only the last instruction may write the PC; a load into the PC must not follow a store, which could
      // overwrite the Thumb addresses it loads.
      bool stored = false;
      for (unsigned k = 0; k < n; ++k) {
        seq.insts.push_back(sampler_.sample(rng_, true, k + 1 == n && !stored));
        stored |= seq.insts.back().role == Role::kMemory || seq.insts.back().role == Role::kMemoryAligned;
      }
    } else {
      seq.insts.push_back(sampler_.sample(rng_, false, true));
    }
    return seq;
  }

  CpuState random_state(uint32_t pc) {
    CpuState s = sim_.core.s;
    for (int k = 0; k < 15; ++k) s.r[k] = random_word(rng_);
    s.r[13] = (kDataCenter + (rng_() % 1024) - 512) & ~3u;
    s.r[15] = pc;
    s.set_apsr_nzcvq(rng_());
    s.ge = rng_() & 0xF;
    s.itstate = 0;
    s.tbit = true;
    for (int k = 0; k < 32; ++k) s.s[k] = random_float(rng_);
    if (rng_() % 4 == 0) s.set_d(rng_() % 16, uint64_t(random_word(rng_)) << 32 | rng_());  // double patterns
    s.fpscr = rng_() & kFpscrMask;
    if (rng_() % 2) s.fpscr &= ~(3u << 24);  // half the time: no flush-to-zero, no default NaN
    return s;
  }

  // The data window holds random bytes, or Thumb addresses of the code area before a load into the PC.
  void fill_data(bool code_pointers) {
    std::vector<uint32_t> words(kDataSize / 4);
    for (uint32_t& w : words) w = code_pointers ? (kCodeBase + (rng_() % kCodeSize)) | 1 : rng_();
    sim_.bus.program(kDataBase, reinterpret_cast<const uint8_t*>(words.data()), kDataSize);
    std::memcpy(&ram_[kDataBase - kRamBase], words.data(), kDataSize);
    data_has_code_pointers_ = code_pointers;
    sequences_since_fill_ = 0;
  }

  struct SideResult {
    std::vector<CpuState> after;   // state after each completed instruction
    bool faulted = false;          // the instruction after the last completed one faulted / raised an exception
    std::string fault;
  };

  SideResult run_mcuprof(const Sequence& seq, const CpuState& start) {
    SideResult r;
    Core& c = sim_.core;
    c.s = start;
    c.stop_reason = StopReason::kNone;
    sim_writes_.clear();
    for (const GenInst& g : seq.insts) {
      for (auto [reg, v] : g.fixups) c.s.r[reg] = v;
      c.step();
      if (c.stop_reason != StopReason::kNone) {
        r.faulted = true;
        r.fault = std::string(fault_name(c.last_fault.kind)) +
                  (c.last_fault.detail.empty() ? "" : " (" + c.last_fault.detail + ")");
        break;
      }
      for (unsigned k = 0; k < c.rec.n_access; ++k)
        if (c.rec.access[k].write) sim_writes_.push_back({c.rec.access[k].addr, c.rec.access[k].size});
      r.after.push_back(c.s);
    }
    return r;
  }

  // Unicorn calls back at the start of each instruction it executes, but not for the instructions an IT block
  // skips: at the next call, the skipped ones completed without effect (their state is the current one, with
  // the PC moved past them), and their register fixups are applied then.
  SideResult run_unicorn(const Sequence& seq, const CpuState& start) {
    SideResult r;
    const size_t n = seq.insts.size();
    std::vector<uint32_t> addr(n + 1, seq.addr);
    for (size_t i = 0; i < n; ++i) addr[i + 1] = addr[i] + seq.insts[i].len;
    uc_->set_state(start, true);
    uc_->clear_writes();
    const auto snapshot = [&](uint32_t pc) {
      CpuState s = start;
      uc_->get_state(s, true, pc);
      if (s.r[13] & 3) {  // Unicorn keeps SP[1:0]; ARMv7-M ignores them on writes (B1.4.7)
        s.r[13] &= ~3u;
        uc_->set_reg(13, s.r[13]);
        ++sp_realigned_;
      }
      r.after.push_back(s);
    };
    const auto fix = [&](size_t i) {
      for (auto [reg, v] : seq.insts[i].fixups) uc_->set_reg(reg, v);
    };
    size_t next = 0;   // the instruction expected to start next
    const UnicornCpu::RunResult res = uc_->run(seq.addr, [&](uint32_t a) {
      size_t j = next;
      while (j < n && addr[j] != a) ++j;
      if (next > 0) snapshot(next < j ? addr[next] : a);
      for (size_t i = next; i < j; ++i) {
        fix(i);
        snapshot(i + 1 < j ? addr[i + 1] : a);
      }
      if (j == n) return false;
      fix(j);
      next = j + 1;
      return true;
    });
    if (res.err != UC_ERR_OK || res.interrupt >= 0) {
      r.faulted = true;
      r.fault = res.interrupt >= 0 ? "exception " + std::to_string(res.interrupt) : uc_strerror(res.err);
      r.after.resize(std::min(r.after.size(), next ? next - 1 : 0));
    }
    return r;
  }

  void run_sequence(const Sequence& seq) {
    bool loads_pc = false;
    for (const GenInst& g : seq.insts) loads_pc |= g.loads_pc;
    if (loads_pc || data_has_code_pointers_ || ++sequences_since_fill_ >= 64) fill_data(loads_pc);
    prepare_exclusive_monitor(seq);
    const CpuState start = random_state(seq.addr);
    const SideResult ours = run_mcuprof(seq, start);
    const SideResult theirs = run_unicorn(seq, start);
    for (const GenInst& g : seq.insts) generated_[g.enc]++;
    executed_ += seq.insts.size();

    const size_t n = std::min(ours.after.size(), theirs.after.size());
    for (size_t k = 0; k < n; ++k) {
      const std::string d = state_differences(ours.after[k], theirs.after[k], true);
      if (!d.empty()) return diverged(seq, k, "state", start, d, ours.after[k], theirs.after[k]);
    }
    if (ours.faulted != theirs.faulted || ours.after.size() != theirs.after.size()) {
      const size_t k = n < seq.insts.size() ? n : seq.insts.size() - 1;
      const std::string d = "  mcuprof: " + (ours.faulted ? ours.fault : "completed") +
                            "\n  unicorn: " + (theirs.faulted ? theirs.fault : "completed") + "\n";
      return diverged(seq, k, ours.faulted ? "mcuprof faults" : "unicorn faults", start, d, sim_.core.s, start);
    }
    if (theirs.faulted) {
      reset_unicorn();   // Unicorn took the exception: its exception state is now unknown
      return;
    }
    const std::string m = memory_differences();
    if (m.empty()) return;
    size_t writer = seq.insts.size() - 1;   // the last memory instruction of the sequence
    while (writer > 0 && seq.insts[writer].role != Role::kMemory && seq.insts[writer].role != Role::kMemoryAligned)
      --writer;
    diverged(seq, writer, "memory", start, m, ours.after.back(), theirs.after.back());
  }

  std::string memory_differences() {
    std::string out;
    std::vector<UnicornCpu::Write> all = sim_writes_;
    all.insert(all.end(), uc_->writes().begin(), uc_->writes().end());
    for (const UnicornCpu::Write& w : all) {
      for (uint32_t a = w.addr; a < w.addr + w.size; ++a) {
        uint32_t ours = 0;
        const bool mapped = sim_.bus.read(a, 1, ours);
        const uint8_t theirs = (a >= kRamBase && a - kRamBase < kRamSize) ? ram_[a - kRamBase] : 0;
        if (mapped && ours == theirs) continue;
        char line[80];
        std::snprintf(line, sizeof line, "  [0x%08x]: mcuprof 0x%02x unicorn 0x%02x\n", a, ours, theirs);
        if (out.find(line) == std::string::npos) out += line;
      }
    }
    return out;
  }

  std::string describe(const Sequence& seq, size_t bad) const {
    std::string out;
    int cond[4] = {-1, -1, -1, -1};
    if (seq.it_block) it_slot_conditions(uint8_t(seq.insts[0].hw[0] & 0xFF), cond);
    uint32_t addr = seq.addr;
    for (size_t k = 0; k < seq.insts.size(); ++k) {
      const GenInst& g = seq.insts[k];
      const uint8_t bytes[4] = {uint8_t(g.hw[0]), uint8_t(g.hw[0] >> 8), uint8_t(g.hw[1]), uint8_t(g.hw[1] >> 8)};
      const int it_cond = seq.it_block && k > 0 ? cond[k - 1] : -1;
      char line[256];
      char hex[16];
      if (g.len == 2) std::snprintf(hex, sizeof hex, "%04x     ", g.hw[0]);
      else std::snprintf(hex, sizeof hex, "%04x %04x", g.hw[0], g.hw[1]);
      std::snprintf(line, sizeof line, "  %s %08x: %s  %-34s [%s]", k == bad ? "=>" : "  ", addr, hex,
                    disassemble(addr, bytes, g.len, nullptr, it_cond).c_str(), decoder().encoding(g.enc).name);
      out += line;
      for (auto [reg, v] : g.fixups) {
        std::snprintf(line, sizeof line, " r%u=%08x", reg, v);
        out += line;
      }
      out += "\n";
      addr += g.len;
    }
    return out;
  }

  void diverged(const Sequence& seq, size_t k, const char* aspect, const CpuState& start, const std::string& diff,
                const CpuState& ours, const CpuState& theirs) {
    const GenInst& g = seq.insts[k];
    const std::string key = std::string(decoder().encoding(g.enc).name) + ": " + aspect;
    DivergenceClass& c = classes_[key];
    c.count++;
    if (c.examples.size() < 3) {
      const bool fp = g.fp;
      c.examples.push_back(describe(seq, k) + "  inputs:\n" + format_state(start, fp) + "  differences:\n" + diff +
                           "  mcuprof after:\n" + format_state(ours, fp) + "  unicorn after:\n" +
                           format_state(theirs, fp));
    }
    fill_data(false);   // re-synchronise memory
  }

  CoreModel model_;
  std::mt19937 rng_;
  std::vector<uint8_t> ram_;   // Unicorn's RAM (host memory mapped with uc_mem_map_ptr)
  SimMachine sim_;
  InstructionSampler sampler_;
  std::unique_ptr<UnicornCpu> uc_;
  std::vector<UnicornCpu::Write> sim_writes_;
  bool data_has_code_pointers_ = true;
  unsigned sequences_since_fill_ = 0;
  uint64_t executed_ = 0;
  uint64_t sp_realigned_ = 0;
  std::map<uint16_t, uint64_t> generated_;
  std::map<std::string, DivergenceClass> classes_;
};

void run_config(CoreModel model, uint8_t features, uint32_t seed, const char* label) {
  LockstepRandom t(model, features, seed);
  t.run(instruction_budget());
  uint64_t total = 0;
  std::string report;
  for (const auto& [key, c] : t.divergences()) {
    total += c.count;
    report += "\n=== " + key + ": " + std::to_string(c.count) + " divergences\n";
    for (const std::string& e : c.examples) report += e + "  ---\n";
  }
  std::string missing;
  for (uint16_t enc : t.never_generated()) missing += std::string(" [") + t.decoder().encoding(enc).name + "]";
  std::printf("%s: %llu instructions in lock-step, %llu divergences in %zu classes (SP[1:0] cleared in Unicorn %llu "
              "times)\n", label, (unsigned long long)t.executed(), (unsigned long long)total, t.divergences().size(),
              (unsigned long long)t.sp_realigned());
  for (const auto& [key, c] : t.divergences())
    std::printf("  %-48s %llu\n", key.c_str(), (unsigned long long)c.count);
  if (!missing.empty()) std::printf("  never generated:%s\n", missing.c_str());
  EXPECT_EQ(total, 0u) << report;
}

TEST(LockstepRandom, CortexM4FpSp) {
  run_config(CoreModel::kCortexM4, kFeatFpSp, 0x4D344650, "Cortex-M4 (FPv4-SP)");
}

TEST(LockstepRandom, CortexM7FpDp) {
  run_config(CoreModel::kCortexM7, kFeatFpSp | kFeatFpDp | kFeatFpV5, 0x4D374450, "Cortex-M7 (FPv5 DP)");
}

}  // namespace
}  // namespace mcuprof::diff
