// Memory that never waits: the zero-wait-state system the cycle tables of the Cortex-M TRMs assume (tests,
// and boards whose code and data sit in single-cycle SRAM).
#pragma once
#include "memory/memory_timing.h"

namespace mcuprof {

class ZeroWaitMemory final : public MemoryTiming {
 public:
  ZeroWaitMemory() { quiet_fetch_.region = quiet_data_.region = {0, ~0u}; }
  Wait fetch(uint32_t, uint64_t) override { return {}; }
  Wait data(uint32_t, unsigned, bool, uint64_t) override { return {}; }
  void reset() override {}
};

}  // namespace mcuprof
