// How `mcuprof profile` shows a ProfileResult: the per-layer table with totals, and the JSON object (documented in
// the README: model, board, total_macs, total_ops, total_cycles, latency_s, energy_j, peak_sram_bytes, flash_bytes,
// fits, layers with index, op, macs, ops, cycles and the per-cause split).
#pragma once
#include <nlohmann/json.hpp>
#include <ostream>

#include "sim/model_runner.h"

namespace mcuprof {

void print_profile_table(std::ostream& out, const ProfileResult& r);
nlohmann::json profile_to_json(const ProfileResult& r);

}  // namespace mcuprof
