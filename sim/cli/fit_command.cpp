// `mcuprof fit --backbone B --board NAME`: the linear ops-to-latency fit over a board's stored sweep samples
// (reports/latency_fit.h), stored in the fits table, and the latency ratio to every other board on the same samples.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "reports/latency_fit.h"
#include "reports/result_store.h"
#include "sim/cli/cli.h"
#include "sim/cli/results_options.h"
#include "workloads/supernet.h"

namespace mcuprof::cli {

namespace {

nlohmann::json ratio_json(const std::string& other, const LatencyRatio& r) {
  return {{"board", other}, {"n", r.n}, {"mean", r.mean}, {"min", r.min}, {"max", r.max}};
}

// This board's latency over `other`'s on the samples both have (matched by seed and index).
std::optional<LatencyRatio> ratio_to(const std::vector<SamplePoint>& mine, const std::vector<SamplePoint>& theirs) {
  std::map<std::pair<uint32_t, int>, double> their_latency;
  for (const SamplePoint& p : theirs) their_latency[{p.seed, p.index}] = p.latency_s;
  std::vector<double> a, b;
  for (const SamplePoint& p : mine)
    if (auto it = their_latency.find({p.seed, p.index}); it != their_latency.end()) {
      a.push_back(p.latency_s);
      b.push_back(it->second);
    }
  if (a.empty()) return std::nullopt;
  return latency_ratio(a, b);
}

}  // namespace

int fit_command(const Args& args) {
  po::options_description opts(
      "usage: mcuprof fit --backbone B --board NAME [--db FILE] [--json FILE]\n\n"
      "Fits latency_s = slope x ops + intercept (least squares) over the sweep samples of backbone B stored for\n"
      "board NAME (this mcuprof version, the same profile options), prints r2, rmse and the largest relative\n"
      "residual, stores the fit in the fits table, and gives this board's latency over every other board's on the\n"
      "samples both have.\n\noptions");
  std::string backbone, board, db_path, json_path;
  ProfileOptions options;
  opts.add_options()
      ("help,h", "this text")
      ("backbone", po::value(&backbone), "kws, ad, vww or cifar")
      ("board,b", po::value(&board), "board name, as stored by the sweep")
      ("json", po::value(&json_path), "write the fit and ratios as JSON");
  add_database_option(opts, db_path);
  add_profile_flags(opts, options);
  const std::optional<po::variables_map> parsed = parse_command(args, opts);
  if (!parsed) return 0;
  const po::variables_map& vm = *parsed;
  required_backbone(backbone);
  if (board.empty()) throw po::error("missing --board NAME");
  read_profile_flags(vm, options);
  const std::string key = profile_options_key(options);

  ResultStore store = ResultStore::open(db_path);
  const std::vector<SamplePoint> points = store.sample_points(backbone, board, key);
  if (points.empty())
    throw std::runtime_error(db_path + ": no " + backbone + " samples of board '" + board + "' with options '" + key +
                             "' (run mcuprof sweep first)");
  std::vector<double> ops, latency;
  for (const SamplePoint& p : points) {
    ops.push_back(double(p.ops));
    latency.push_back(p.latency_s);
  }
  const LinearFit fit = fit_latency(ops, latency);
  store.store_fit(backbone, board, key, fit);

  std::printf("%s on %s (%zu samples, %s): latency_s = %.6g x ops + %.6g\n", backbone.c_str(), board.c_str(), fit.n,
              key.c_str(), fit.slope, fit.intercept);
  std::printf("  r2 %.6f  rmse %.6g s  largest relative residual %.2f%%\n", fit.r2, fit.rmse,
              100 * fit.max_rel_residual);
  nlohmann::json ratios = nlohmann::json::array();
  for (const std::string& other : store.boards_with_samples(backbone, key)) {
    if (other == board) continue;
    if (auto r = ratio_to(points, store.sample_points(backbone, other, key))) {
      std::printf("  latency %s / %s: %.3f (min %.3f, max %.3f) over %zu common samples\n", board.c_str(),
                  other.c_str(), r->mean, r->min, r->max, r->n);
      ratios.push_back(ratio_json(other, *r));
    }
  }
  if (!json_path.empty()) {
    const nlohmann::json j = {{"backbone", backbone}, {"board", board},       {"options", key},
                              {"tool_version", store.tool_version()},           {"n", fit.n},
                              {"slope", fit.slope}, {"intercept", fit.intercept}, {"r2", fit.r2},
                              {"rmse", fit.rmse},   {"max_rel_residual", fit.max_rel_residual},
                              {"latency_ratios", ratios}};
    std::ofstream out(json_path);
    if (!out) throw std::runtime_error("cannot write " + json_path);
    out << j.dump(2) << "\n";
  }
  return 0;
}

}  // namespace mcuprof::cli
