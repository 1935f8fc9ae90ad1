#include "tests/diff/instruction_sampler.h"

#include <cstring>
#include <set>

namespace mcuprof::diff {

std::string mnemonic_of(const Encoding& e) {
  std::string m;
  for (const char* p = e.name; *p && *p != ' ' && *p != ','; ++p) m += *p;
  return m;
}

FixedBits fixed_bits(const char* pattern) {
  FixedBits f;
  f.width = unsigned(std::strlen(pattern));
  for (unsigned k = 0; k < f.width; ++k) {
    const uint32_t b = 1u << (f.width - 1 - k);
    if (pattern[k] == '0' || pattern[k] == '1') {
      f.mask |= b;
      f.count++;
      if (pattern[k] == '1') f.value |= b;
    }
  }
  return f;
}

bool has_index_register(const char* pattern) { return std::strstr(pattern, "mmm") != nullptr; }

const char* exclusion_reason(const Encoding& e) {
  const std::string m = mnemonic_of(e);
  if (m == "SVC") return "SVC pends SVCall: Unicorn has no NVIC/exception model for Thumb code";
  if (m == "BKPT") return "BKPT is a debug event (semihosting): covered by the firmware lock-step test";
  if (m == "UDF") return "UDF raises a UsageFault: Unicorn only reports UC_ERR_INSN_INVALID, no fault state to compare";
  if (m == "WFI" || m == "WFE") return "WFI/WFE sleep until an exception: mcuprof stops or advances SysTick, Unicorn runs on";
  if (m == "CPSIE" || m == "CPSID") return "CPS changes PRIMASK/FAULTMASK (exception masking), not compared state";
  if (m == "YIELD") return "Unicorn 2.0.1 bug: YIELD (a NOP hint on ARMv7-M, A7.7.263) stops with UC_ERR_INSN_INVALID";
  return nullptr;
}

Role role_of(const Encoding& e) {
  static const std::set<std::string> aligned = {
      "LDRD", "STRD", "LDM", "LDMIA", "LDMFD", "LDMDB", "LDMEA", "STM", "STMIA", "STMEA", "STMDB", "STMFD",
      "PUSH", "POP", "LDREX", "LDREXB", "LDREXH", "STREX", "STREXB", "STREXH", "VLDR", "VSTR", "VLDM", "VSTM",
      "VPUSH", "VPOP"};
  const std::string m = mnemonic_of(e);
  if (exclusion_reason(e)) return Role::kExcluded;
  if (m == "IT") return Role::kIt;
  if (m == "B" || m == "BL" || m == "CBZ" || m == "CBNZ") return Role::kBranchImm;
  if (m == "BX" || m == "BLX") return Role::kBranchReg;
  if (aligned.count(m)) return Role::kMemoryAligned;
  if (m.rfind("LDR", 0) == 0 || m.rfind("STR", 0) == 0 || m == "TBB" || m == "TBH") return Role::kMemory;
  return Role::kPlain;
}

namespace {

// MRS/MSR (B5.2.2, B5.2.3): only the APSR views (SYSm 0-3: APSR, IAPSR, EAPSR, XPSR); the other special
// registers (MSP, PSP, PRIMASK, BASEPRI, FAULTMASK, CONTROL) belong to the exception model.
bool instance_allowed(const std::string& m, uint32_t raw) {
  return (m != "MRS" && m != "MSR") || (raw & 0xFF) <= 3;
}

// Encodings not generated inside IT blocks: those UNPREDICTABLE there whatever their position, B<c> (A7.7.12),
// CBZ/CBNZ (A7.7.21), MOV (register) T2 (the MOVS form of LSL #0, A7.7.77), FPv5's unconditional encodings
// (first halfword 0b11111110..., VSEL/VMAXNM/VMINNM/VRINT{A,N,P,M}/VCVT{A,N,P,M}); and ISB, because Unicorn
// 2.0.1 ends its translation block at an ISB and runs the next instruction of the block unconditionally.
bool forbidden_in_it(const Encoding& e) {
  const std::string n = e.name, m = mnemonic_of(e);
  return n == "B T1" || n == "B T3" || n == "MOV (register) T2" || m == "CBZ" || m == "CBNZ" || m == "ISB" ||
         std::strncmp(e.pattern, "11111110", 8) == 0;
}

}  // namespace

InstructionSampler::InstructionSampler(const Decoder& d, const SamplerConfig& cfg) : d_(d), cfg_(cfg) {
  const auto fp = floating_point_encodings();
  fp_begin_ = reinterpret_cast<size_t>(fp.data());
  fp_end_ = reinterpret_cast<size_t>(fp.data() + fp.size());
  for (uint16_t k = 0; k < d.size(); ++k) {
    const Encoding& e = d.encoding(k);
    if ((e.features & cfg.features) != e.features) continue;
    const Role r = role_of(e);
    if (r == Role::kIt) it_enc_ = k;
    if (r != Role::kExcluded && r != Role::kIt) eligible_.push_back(k);
  }
}

bool InstructionSampler::branch_in_ram(int32_t offset) const {
  const int64_t lo = int64_t(cfg_.code_base) + 4 + offset, hi = lo + cfg_.code_size;
  return lo >= int64_t(cfg_.ram_base) && hi <= int64_t(cfg_.ram_base) + cfg_.ram_size;
}

uint32_t InstructionSampler::code_target(std::mt19937& rng) const {
  return cfg_.code_base + ((rng() % cfg_.code_size) & ~1u);
}

bool InstructionSampler::fill(std::mt19937& rng, uint16_t enc, GenInst& g) {
  const Encoding& e = d_.encoding(enc);
  const FixedBits fb = fixed_bits(e.pattern);
  const uint32_t raw = (rng() & ~fb.mask) | fb.value;
  g = GenInst{};
  if (fb.width == 16) {
    g.hw[0] = uint16_t(raw);
  } else {
    g.hw[0] = uint16_t(raw >> 16);
    g.hw[1] = uint16_t(raw);
  }
  if (d_.decode(g.hw[0], g.hw[1], g.inst) != DecodeResult::kOk || g.inst.enc != enc) return false;
  if (!instance_allowed(mnemonic_of(e), raw)) return false;
  g.len = g.inst.len;
  g.enc = enc;
  g.role = role_of(e);
  const size_t addr = reinterpret_cast<size_t>(&e);
  g.fp = addr >= fp_begin_ && addr < fp_end_;
  const std::string m = mnemonic_of(e);
  const bool memory = g.role == Role::kMemory || g.role == Role::kMemoryAligned;
  // Register-offset addressing with Rn == Rm has no single value keeping Rn + (Rm << n) inside RAM.
  if (memory && has_index_register(e.pattern) && g.inst.rm == g.inst.rn) return false;
  // BX/BLX through SP or PC would leave Thumb state (bit 0 clear): a fault at the next instruction.
  if (g.role == Role::kBranchReg && (g.inst.rm == 13 || g.inst.rm == 15)) return false;
  g.loads_pc = memory && (m.rfind("LDR", 0) == 0 || m.rfind("LDM", 0) == 0 || m == "POP") &&
               (g.inst.rd == 15 || (g.inst.list & 0x8000));
  // A literal load into the PC reads code bytes, not the data window of Thumb addresses; a load into the PC
  // from an address that is not word aligned is UNPREDICTABLE (A7.7.43): bases and offsets are kept aligned.
  if (g.loads_pc && (g.inst.rn == 15 || (g.inst.imm & 3))) return false;
  // Immediate branches must land in RAM from anywhere in the code area.
  if (g.role == Role::kBranchImm && !branch_in_ram(int32_t(g.inst.imm))) return false;
  const bool alu_pc = g.role == Role::kPlain && !g.fp && g.inst.rd == 15 && (m == "MOV" || m == "ADD");
  // ADD PC, SP, PC and similar: no register left to steer the target into the code area.
  if (alu_pc && (g.inst.rm == 13 || g.inst.rm == 15)) return false;
  g.writes_pc = g.role == Role::kBranchImm || g.role == Role::kBranchReg || g.loads_pc || alu_pc || m == "TBB" ||
                m == "TBH";
  add_fixups(rng, g);
  if (alu_pc) g.fixups.push_back({g.inst.rm, m == "MOV" ? code_target(rng) | 1 : (rng() % 1024) & ~1u});
  return true;
}

void InstructionSampler::add_fixups(std::mt19937& rng, GenInst& g) const {
  const Encoding& e = d_.encoding(g.enc);
  if (g.role == Role::kBranchReg) g.fixups.push_back({g.inst.rm, code_target(rng) | 1});
  if (g.role != Role::kMemory && g.role != Role::kMemoryAligned) return;
  const bool aligned = g.role == Role::kMemoryAligned || g.inst.rn == 13 || g.loads_pc;
  if (g.inst.rn != 15) {
    const uint32_t off = (rng() % 513) - 256;
    g.fixups.push_back({g.inst.rn, (cfg_.data_center + off) & (aligned ? ~3u : ~0u)});
  }
  if (has_index_register(e.pattern) && g.inst.rm != 13 && g.inst.rm != 15)
    g.fixups.push_back({g.inst.rm, (rng() % 256) & (aligned ? ~3u : ~0u)});
}

GenInst InstructionSampler::sample(std::mt19937& rng, bool in_it, bool allow_pc_write) {
  GenInst g;
  for (;;) {
    const uint16_t enc = eligible_[rng() % eligible_.size()];
    if (in_it && forbidden_in_it(d_.encoding(enc))) continue;
    for (int attempt = 0; attempt < 64; ++attempt) {
      if (!fill(rng, enc, g)) continue;
      if (g.writes_pc && !allow_pc_write) break;
      return g;
    }
  }
}

GenInst InstructionSampler::sample_it(std::mt19937& rng) {
  GenInst g;
  while (!fill(rng, it_enc_, g)) {}
  return g;
}

}  // namespace mcuprof::diff
