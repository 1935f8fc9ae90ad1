// Cortex-M7 branch prediction: a direct-mapped branch target address cache (BTAC) in front of a static rule.
// Facts (/work/shared/reference/cortex-m-timing.md, "Cortex-M7"): the M7 predicts dynamically with a BTAC and
// falls back to static prediction when no BTAC is configured; the BTAC's size is not public, so it is a
// parameter of the core (CortexM7Params::btac_entries).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace mcuprof {

struct BranchPrediction {
  bool taken = false;
  uint32_t target = 0;
  bool from_btac = false;  // the fetch stage knew the target (a BTAC hit), not the decoder's static rule
};

// What the decoder knows about a branch before it executes.
struct BranchShape {
  bool conditional = false;  // B<c>, CBZ/CBNZ: the direction is unknown until the flags/register are read
  bool direct = false;       // the target is in the encoding (B, BL, CBZ): known at decode
  uint32_t target = 0;       // the encoded target of a direct branch
};

class BranchPredictor {
 public:
  // btac_entries: 0 for static prediction only; otherwise a power of two (checked: std::invalid_argument).
  explicit BranchPredictor(unsigned btac_entries);

  // A BTAC hit predicts taken to the remembered target. On a miss the static rule decides (the classic
  // backward-taken / forward-not-taken rule, with the fetch-stage target unknown): an unconditional direct
  // branch is taken, a conditional direct branch is taken when it jumps backwards (a loop), an indirect
  // branch (BX, POP {pc}, TBB...) is predicted not taken, so a taken one mispredicts.
  // (predict and update are inline: the timing model asks once per branch.)
  BranchPrediction predict(uint32_t pc, const BranchShape& shape) const {
    if (const Entry* e = lookup(pc)) return {true, e->target, true};
    const bool taken = shape.direct && (!shape.conditional || shape.target <= pc);
    return {taken, shape.target, false};
  }
  // The outcome: a taken branch is remembered (replacing whatever shared its entry), a not-taken one forgotten.
  void update(uint32_t pc, bool taken, uint32_t target) {
    if (btac_.empty()) return;
    Entry* e = slot(pc);
    if (taken) *e = {true, pc, target};
    else if (e->valid && e->pc == pc) e->valid = false;
  }
  void reset();

 private:
  struct Entry {
    bool valid = false;
    uint32_t pc = 0;
    uint32_t target = 0;
  };
  const Entry* lookup(uint32_t pc) const {
    if (btac_.empty()) return nullptr;
    const Entry& e = btac_[index(pc)];
    return e.valid && e.pc == pc ? &e : nullptr;
  }
  Entry* slot(uint32_t pc) { return &btac_[index(pc)]; }
  size_t index(uint32_t pc) const { return (pc >> 1) & (btac_.size() - 1); }

  std::vector<Entry> btac_;
};

}  // namespace mcuprof
