// mcuprof's side of the lock-step tests: a bus with the caller's RAM regions, the SCS, and a core whose
// CPACR grants the FPU (as firmware does at reset before touching FP registers).
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "cores/core.h"

namespace mcuprof::diff {

inline uint32_t cpuid_of(CoreModel m) { return m == CoreModel::kCortexM4 ? 0x410FC241u : 0x411FC270u; }

struct SimMachine {
  SimMachine(CoreModel m, uint8_t features, const std::vector<std::pair<uint32_t, uint32_t>>& ram)
      : scs(m, cpuid_of(m)), core(bus, scs, m, features) {
    for (size_t k = 0; k < ram.size(); ++k)
      bus.add_memory("ram" + std::to_string(k), RegionKind::kRam, ram[k].first, ram[k].second);
    bus.add_device("scs", SystemControl::kBase, SystemControl::kSize, &scs);
    scs.write(0xE000ED88 - SystemControl::kBase, 4, 0xFu << 20);  // CPACR (B3.2.20): full access to CP10/CP11
  }
  Bus bus;
  SystemControl scs;
  Core core;
};

}  // namespace mcuprof::diff
