#include "cores/timing/branch_predictor.h"

#include <stdexcept>
#include <string>

namespace mcuprof {

BranchPredictor::BranchPredictor(unsigned btac_entries) : btac_(btac_entries) {
  if (btac_entries & (btac_entries - 1))
    throw std::invalid_argument("BTAC entries must be a power of two, not " + std::to_string(btac_entries));
}

void BranchPredictor::reset() {
  for (Entry& e : btac_) e = {};
}

}  // namespace mcuprof
