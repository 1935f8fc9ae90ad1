// `mcuprof boards` and `mcuprof models`: what the simulator knows about.
#include <cstdio>
#include <iostream>

#include "sim/cli/cli.h"
#include "workloads/model.h"
#include "workloads/zoo.h"

namespace mcuprof::cli {

namespace {

uint32_t region_bytes(const Board& b, RegionKind kind) {
  uint32_t total = 0;
  for (const BoardRegion& r : b.regions)
    if (r.kind == kind) total += r.size;
  return total;
}

}  // namespace

int boards_command(const Args& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << "usage: mcuprof boards\n\nLists the board profiles: the .json files in " << boards_dir()
              << " (set MCUPROF_BOARDS_DIR to use another folder; any command also takes --board path/to/board.json).\n";
    return 0;
  }
  if (!args.empty()) throw po::error("unexpected argument '" + args[0] + "'");
  std::printf("%-12s %-10s %-8s %9s %9s %9s  %s\n", "board", "core", "fpu", "clock", "flash", "ram", "description");
  for (const Board& b : list_boards()) {
    std::printf("%-12s %-10s %-8s %5.0f MHz %6u KB %6u KB  %s\n", b.name.c_str(), core_name(b.core), b.fpu.c_str(),
                b.clock_hz / 1e6, region_bytes(b, RegionKind::kFlash) / 1024, region_bytes(b, RegionKind::kRam) / 1024,
                b.description.c_str());
  }
  return 0;
}

int models_command(const Args& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << "usage: mcuprof models\n\nLists the built-in model zoo (shared/reference/models.md's architectures with\n"
                 "deterministic random int8 weights): MACs, ops (2 per MAC) and weight bytes.\n";
    return 0;
  }
  if (!args.empty()) throw po::error("unexpected argument '" + args[0] + "'");
  std::printf("%-16s %12s %12s %10s  %s\n", "model", "MACs", "ops", "params", "description");
  for (const std::string& name : zoo_names()) {
    const Model m = zoo_model(name);
    std::printf("%-16s %12llu %12llu %7.1f KB  %s\n", name.c_str(), (unsigned long long)total_macs(m),
                (unsigned long long)(2 * total_macs(m)), parameter_bytes(m) / 1024.0, zoo_description(name).c_str());
  }
  return 0;
}

}  // namespace mcuprof::cli
