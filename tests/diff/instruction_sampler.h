// Constrained-random instructions for the lock-step tests: an encoding picked uniformly from the decoder's
// table, its non-fixed bits filled at random, kept when our decoder accepts it (DecodeResult::kOk) and the
// lock-step harness can run it in Unicorn. Each kept instruction says how its inputs must be prepared
// (memory bases inside the RAM window, branch targets inside the code area).
#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "cores/decoder/decoder.h"

namespace mcuprof::diff {

// "ADD (immediate) T3" -> "ADD"
std::string mnemonic_of(const Encoding& e);

// mask/value of a pattern's fixed bits (the decoder's own matching rule)
struct FixedBits {
  uint32_t mask = 0, value = 0;
  unsigned width = 0, count = 0;
};
FixedBits fixed_bits(const char* pattern);

// True when the pattern has an Rm field (3 or 4 bits named 'm'): a register offset for memory instructions.
bool has_index_register(const char* pattern);

// What the lock-step harness must do around an encoding.
enum class Role : uint8_t {
  kPlain,       // registers and flags only (also PLD/PLI and unallocated hints: no access)
  kExcluded,    // never generated (see exclusion_reason)
  kIt,          // IT: generated only as the head of an IT block
  kBranchImm,   // B, BL, CBZ, CBNZ: offsets that land in RAM from anywhere in the code area
  kBranchReg,   // BX, BLX (register): Rm gets a Thumb address in the code area
  kMemory,      // single loads/stores that allow unaligned addresses (A3.2.1): base anywhere in the data window
  kMemoryAligned,  // LDRD/STRD, LDM/STM/PUSH/POP, exclusives, VLDR/VSTR/VLDM/VSTM: base word aligned
};

// Reason an encoding is never generated, or nullptr. Unicorn runs Thumb code without an NVIC model, so
// instructions that raise exceptions or change the exception/sleep state cannot be compared.
const char* exclusion_reason(const Encoding& e);
Role role_of(const Encoding& e);

// One generated instruction with the register values to set (in both emulators) right before it runs.
struct GenInst {
  uint16_t hw[2] = {0, 0};
  uint8_t len = 2;
  uint16_t enc = 0;   // index in the decoder's table
  Inst inst;
  Role role = Role::kPlain;
  bool fp = false;          // from the floating_point family
  bool loads_pc = false;    // a load into the PC: the data window holds Thumb addresses of the code area
  bool writes_pc = false;   // any PC write (allowed only as the last instruction of an IT block)
  std::vector<std::pair<uint8_t, uint32_t>> fixups;   // (register, value) set just before execution
};

struct SamplerConfig {
  uint8_t features = 0;
  uint32_t ram_base = 0, ram_size = 0;     // mapped memory: immediate branches must land inside
  uint32_t code_base = 0, code_size = 0;   // where code lives and where register branches may go
  uint32_t data_center = 0;                // memory bases are placed within +-256 bytes of it
};

class InstructionSampler {
 public:
  InstructionSampler(const Decoder& d, const SamplerConfig& cfg);
  // A random instruction; in_it: it will execute inside an IT block (no CBZ/CBNZ/B<c>/MOVS T2), allow_pc_write:
  // may it write the PC.
  GenInst sample(std::mt19937& rng, bool in_it, bool allow_pc_write);
  // A random IT instruction accepted by the decoder (A7.7.38).
  GenInst sample_it(std::mt19937& rng);
  // Encoding indices the sampler draws from (for coverage reports).
  const std::vector<uint16_t>& eligible() const { return eligible_; }

 private:
  bool fill(std::mt19937& rng, uint16_t enc, GenInst& out);
  void add_fixups(std::mt19937& rng, GenInst& g) const;
  uint32_t code_target(std::mt19937& rng) const;
  bool branch_in_ram(int32_t offset) const;

  const Decoder& d_;
  SamplerConfig cfg_;
  std::vector<uint16_t> eligible_;
  uint16_t it_enc_ = Decoder::kNoEncoding;
  size_t fp_begin_ = 0, fp_end_ = 0;   // address range of the floating_point family's table
};

}  // namespace mcuprof::diff
