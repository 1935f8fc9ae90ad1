#include "sim/profile_report.h"

#include <cstdio>
#include <string>

namespace mcuprof {

namespace {

std::string format(const char* fmt, auto... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

double mac_per_cycle(int64_t macs, uint64_t cycles) { return cycles ? double(macs) / double(cycles) : 0.0; }

const char* core_label(CoreModel m) { return m == CoreModel::kCortexM4 ? "cortex-m4" : "cortex-m7"; }

nlohmann::json causes_json(const CycleSplit& split) {
  nlohmann::json j = nlohmann::json::object();
  for (size_t k = 0; k < split.by_cause.size(); ++k) j[std::string(cause_name(Cause(k)))] = split.by_cause[k];
  return j;
}

}  // namespace

void print_profile_table(std::ostream& out, const ProfileResult& r) {
  const double ms_per_cycle = 1e3 / r.clock_hz;
  out << format("%s on %s (%s, %.0f MHz)%s%s\n", r.model.c_str(), r.board.c_str(), core_label(r.core), r.clock_hz / 1e6,
                r.int4 ? ", int4 weights" : "", r.functional ? ", functional: 1 cycle per instruction" : "");
  out << format("%3s  %-16s %-20s %-14s %11s %11s %12s %9s %7s  %s\n", "#", "op", "kernel", "output", "MACs", "ops",
                "cycles", "ms", "MAC/cyc", "main stall");
  for (const LayerProfile& l : r.layers) {
    const uint64_t c = l.total_cycles();
    const Cause stall = l.main_stall();
    const std::string stall_text =
        stall == Cause::kIssue ? "-"
                               : format("%s %.0f%%", std::string(cause_name(stall)).c_str(),
                                        c ? 100.0 * double(l.cycles.by_cause[size_t(stall)]) / double(c) : 0.0);
    out << format("%3d  %-16s %-20s %-14s %11lld %11lld %12llu %9.3f %7.3f  %s\n", l.index,
                  std::string(op_name(l.op)).c_str(), l.kernel.c_str(), l.output_shape.to_string().c_str(),
                  (long long)l.macs, (long long)l.ops, (unsigned long long)c, double(c) * ms_per_cycle,
                  mac_per_cycle(l.macs, c), stall_text.c_str());
  }
  const MemoryPlan& p = r.plan;
  out << format("total: %lld MACs, %lld ops, %llu cycles (%llu instructions), %.3f ms at %.0f MHz, %.3f MAC/cycle\n",
                (long long)r.total_macs, (long long)r.total_ops, (unsigned long long)r.total_cycles,
                (unsigned long long)r.total_instructions, r.latency_s * 1e3, r.clock_hz / 1e6,
                mac_per_cycle(r.total_macs, r.total_cycles));
  if (r.power_w > 0)
    out << format("energy: %.4f mJ per inference at %.3f W%s\n", r.energy_j * 1e3, r.power_w,
                  r.power_estimate ? " (board power is an estimate, not a measurement)" : " (measured board power)");
  else
    out << "energy: unknown (the board file gives no power figure)\n";
  out << format("memory: peak SRAM %.1f KB (arena %.1f + scratch %.1f + runtime %.1f, estimate), flash %.1f KB "
                "(weights %.1f + quantisation %.1f + graph %.1f + interpreter %.1f, estimate)\n",
                p.peak_sram_bytes / 1024.0, p.arena_bytes / 1024.0, p.scratch_bytes / 1024.0, p.runtime_bytes / 1024.0,
                p.flash_bytes / 1024.0, p.flash.weights / 1024.0, p.flash.quantisation / 1024.0, p.flash.graph / 1024.0,
                p.flash.interpreter / 1024.0);
  out << format("fits %s: %s (SRAM margin %+.1f KB, flash margin %+.1f KB)\n", r.board.c_str(),
                r.fit.fits ? "yes" : "NO", r.fit.sram_margin / 1024.0, r.fit.flash_margin / 1024.0);
}

nlohmann::json profile_to_json(const ProfileResult& r) {
  nlohmann::json layers = nlohmann::json::array();
  for (const LayerProfile& l : r.layers)
    layers.push_back({{"index", l.index},
                      {"op", op_name(l.op)},
                      {"name", l.name},
                      {"kernel", l.kernel},
                      {"output_shape", l.output_shape.dims},
                      {"macs", l.macs},
                      {"ops", l.ops},
                      {"instructions", l.instructions},
                      {"cycles", l.total_cycles()},
                      {"cycles_by_cause", causes_json(l.cycles)}});
  return {{"model", r.model},
          {"model_hash", r.model_hash},
          {"board", r.board},
          {"core", core_label(r.core)},
          {"clock_hz", r.clock_hz},
          {"int4", r.int4},
          {"functional", r.functional},
          {"total_macs", r.total_macs},
          {"total_ops", r.total_ops},
          {"total_cycles", r.total_cycles},
          {"total_instructions", r.total_instructions},
          {"latency_s", r.latency_s},
          {"power_w", r.power_w},
          {"power_estimate", r.power_estimate},
          {"energy_j", r.energy_j},
          {"peak_sram_bytes", r.plan.peak_sram_bytes},
          {"arena_bytes", r.plan.arena_bytes},
          {"scratch_bytes", r.plan.scratch_bytes},
          {"runtime_sram_bytes", r.plan.runtime_bytes},
          {"flash_bytes", r.plan.flash_bytes},
          {"fits", r.fit.fits},
          {"sram_margin_bytes", r.fit.sram_margin},
          {"flash_margin_bytes", r.fit.flash_margin},
          {"layers", layers}};
}

}  // namespace mcuprof
