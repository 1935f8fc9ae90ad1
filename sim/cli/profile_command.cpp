// `mcuprof profile MODEL --board NAME [--board NAME ...]`: one inference of a model per board, per-layer cycles,
// latency, energy, memory and the fit verdict.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "reports/result_store.h"
#include "sim/cli/cli.h"
#include "sim/model_runner.h"
#include "sim/profile_report.h"
#include "workloads/model_source.h"

namespace mcuprof::cli {

namespace {

void write_json(const std::string& path, const std::vector<ProfileResult>& results) {
  nlohmann::json j;
  if (results.size() == 1) {
    j = profile_to_json(results[0]);
  } else {
    j = nlohmann::json::array();
    for (const ProfileResult& r : results) j.push_back(profile_to_json(r));
  }
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
  std::string model_spec, json_path, db_path = ResultStore::kDefaultPath;
  std::vector<std::string> boards;
  ProfileOptions options;
  opts.add_options()
      ("help,h", "this text")
      ("board,b", po::value(&boards)->composing(), "board name or board .json file (repeat for several boards)")
      ("json", po::value(&json_path), "write the results as JSON (one object per board; an array for several)")
      ("db", po::value(&db_path)->default_value(db_path), "the results database every profile is stored in")
      ("int4", "int4 weights (packed, w4a8 kernels) for convolution, depthwise and fully connected layers")
      ("cold", "report the first inference after reset instead of the second of two back-to-back inferences")
      ("functional", "no timing model: one cycle per instruction (fast; checks values, not latency)")
      ("seed", po::value(&options.input_seed)->default_value(1), "seed of the pseudo-random input tensor");
  const std::optional<po::variables_map> parsed = parse_command(args, opts, &model_spec);
  if (!parsed) return 0;
  const po::variables_map& vm = *parsed;
  if (model_spec.empty()) throw po::error("missing MODEL (see `mcuprof models`)");
  if (boards.empty()) throw po::error("missing --board NAME (see `mcuprof boards`)");
  options.int4 = vm.count("int4") > 0;
  options.warm = vm.count("cold") == 0;
  options.functional = vm.count("functional") > 0;

  const Model model = load_model(model_spec);
  ResultStore store = ResultStore::open(db_path);  // before the first profile: a bad database fails fast
  std::vector<ProfileResult> results;
  for (const std::string& b : boards) {
    const Board board = load_board(b);
    results.push_back(profile_model(model, board, options));
    store.store(results.back(), options, board);
    if (results.size() > 1) std::cout << "\n";
    print_profile_table(std::cout, results.back());
    std::cout.flush();
  }
  if (!json_path.empty()) write_json(json_path, results);
  return 0;
}

}  // namespace mcuprof::cli
