#include "cores/timing/branch_predictor.h"

#include <stdexcept>
#include <string>

namespace mcuprof {

BranchPredictor::BranchPredictor(unsigned btac_entries) : btac_(btac_entries) {
  if (btac_entries & (btac_entries - 1))
    throw std::invalid_argument("BTAC entries must be a power of two, not " + std::to_string(btac_entries));
}

const BranchPredictor::Entry* BranchPredictor::lookup(uint32_t pc) const {
  if (btac_.empty()) return nullptr;
  const Entry& e = btac_[(pc >> 1) & (btac_.size() - 1)];
  return e.valid && e.pc == pc ? &e : nullptr;
}

BranchPrediction BranchPredictor::predict(uint32_t pc, const BranchShape& shape) const {
  if (const Entry* e = lookup(pc)) return {true, e->target, true};
  const bool taken = shape.direct && (!shape.conditional || shape.target <= pc);
  return {taken, shape.target, false};
}

void BranchPredictor::update(uint32_t pc, bool taken, uint32_t target) {
  if (btac_.empty()) return;
  Entry* e = slot(pc);
  if (taken) *e = {true, pc, target};
  else if (e->valid && e->pc == pc) e->valid = false;
}

void BranchPredictor::reset() {
  for (Entry& e : btac_) e = {};
}

}  // namespace mcuprof
