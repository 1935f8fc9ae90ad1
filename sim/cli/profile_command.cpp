// `mcuprof profile MODEL --board NAME [--board NAME ...]`: one inference of a model per board, per-layer cycles,
// latency, energy, memory and the fit verdict.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "reports/result_store.h"
#include "reports/power.h"
#include "sim/cli/cli.h"
#include "sim/cli/results_options.h"
#include "sim/model_runner.h"
#include "sim/profile_report.h"
#include "workloads/model_source.h"

namespace mcuprof::cli {

namespace {

// The duty-cycled average power at `rate_hz` (reports/power.h), or why there is none.
struct DutyCycle {
  std::optional<double> average_w;
  std::string text;
};

DutyCycle duty_cycle(const Board& board, const ProfileResult& r, double rate_hz) {
  char buf[256];
  try {
    const std::optional<double> w = board_average_power_w(board, r.latency_s, rate_hz);
    if (!w) return {std::nullopt, "average power: unknown (the board file gives no active or sleep power)"};
    std::snprintf(buf, sizeof buf, "average power at %g inferences/s: %.3f mW%s", rate_hz, *w * 1e3,
                  board_power_is_estimate(*board.power) ? " (rests on an estimated power figure)" : "");
    return {w, buf};
  } catch (const std::runtime_error& e) {
    return {std::nullopt, std::string("average power: ") + e.what()};
  }
}

void write_json(const std::string& path, const std::vector<nlohmann::json>& results) {
  const nlohmann::json j = results.size() == 1 ? results[0] : nlohmann::json(results);
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write " + path);
  out << j.dump(2) << "\n";
}

}  // namespace

int profile_command(const Args& args) {
  po::options_description opts(
      "usage: mcuprof profile MODEL --board NAME [--board NAME ...] [options]\n\n"
      "Profiles one inference of MODEL (a zoo name from `mcuprof models`, a model .json file or a .tflite file) on\n"
      "each board: the int8 kernels run on the simulated core with weights in flash and activations in SRAM; prints\n"
      "per-layer cycles, MAC/cycle and main stall cause, then MACs, ops, cycles, latency, energy (latency x board\n"
      "power), peak SRAM, flash and whether the model fits the board. Every result is stored in the results\n"
      "database (--db; see `mcuprof query`).\n\noptions");
  std::string model_spec, json_path, db_path;
  double rate_hz = 0;
  std::vector<std::string> boards;
  ProfileOptions options;
  opts.add_options()
      ("help,h", "this text")
      ("board,b", po::value(&boards)->composing(), "board name or board .json file (repeat for several boards)")
      ("json", po::value(&json_path), "write the results as JSON (one object per board; an array for several)")
      ("rate", po::value(&rate_hz), "also give the average power at this many inferences per second (active power "
                                    "during each inference, the board's sleep power between them)");
  add_database_option(opts, db_path);
  add_profile_flags(opts, options);
  const std::optional<po::variables_map> parsed = parse_command(args, opts, &model_spec);
  if (!parsed) return 0;
  const po::variables_map& vm = *parsed;
  if (model_spec.empty()) throw po::error("missing MODEL (see `mcuprof models`)");
  if (boards.empty()) throw po::error("missing --board NAME (see `mcuprof boards`)");
  read_profile_flags(vm, options);
  if (vm.count("rate") && !(rate_hz > 0)) throw po::error("--rate must be a positive number of inferences per second");

  const Model model = load_model(model_spec);
  ResultStore store = ResultStore::open(db_path);  // before the first profile: a bad database fails fast
  std::vector<nlohmann::json> results;
  for (const std::string& b : boards) {
    const Board board = load_board(b);
    const ProfileResult r = profile_model(model, board, options);
    store.store(r, options, board);
    if (!results.empty()) std::cout << "\n";
    print_profile_table(std::cout, r);
    results.push_back(profile_to_json(r));
    if (rate_hz > 0) {
      const DutyCycle d = duty_cycle(board, r, rate_hz);
      std::cout << d.text << "\n";
      results.back()["rate_hz"] = rate_hz;
      results.back()["average_power_w"] = d.average_w ? nlohmann::json(*d.average_w) : nlohmann::json();
    }
    std::cout.flush();
  }
  if (!json_path.empty()) write_json(json_path, results);
  return 0;
}

}  // namespace mcuprof::cli
