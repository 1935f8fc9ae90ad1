// `mcuprof sweep --backbone B --samples N --seed S --board NAME [--board ...]`: random supernet samples profiled on
// every board into the results database, in parallel, resumable (reports/sweep.h).
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <thread>

#include "reports/sweep.h"
#include "sim/cli/cli.h"
#include "sim/cli/results_options.h"

namespace mcuprof::cli {

namespace {

// The progress bar, redrawn in place on stderr; only for a terminal (a log file would fill with redraws).
ProgressFunction progress_bar() {
  if (!isatty(STDERR_FILENO)) return [](const SweepProgress&) {};
  return [](const SweepProgress& p) {
    std::fprintf(stderr, "\r%s\033[K%s", progress_line(p).c_str(), p.done == p.total ? "\n" : "");
    std::fflush(stderr);
  };
}

}  // namespace

int sweep_command(const Args& args) {
  po::options_description opts(
      "usage: mcuprof sweep --backbone kws|ad|vww|cifar --samples N --seed S --board NAME [--board ...] [options]\n\n"
      "Profiles N random samples of a supernet backbone (random widths and kept blocks; the same samples for a given\n"
      "seed on every machine) on every board, J at a time, and stores each result in the results database as soon\n"
      "as it is done. Resumable: run it again with the same arguments after an interruption (even kill -9) and it\n"
      "profiles only what is missing. Shows a progress bar when stderr is a terminal. Exits 1 when some sample\n"
      "could not be profiled (each is named on stderr).\n\noptions");
  std::string backbone, db_path;
  int samples = 0;
  uint32_t seed = 0;
  std::vector<std::string> board_names;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  ProfileOptions options;
  opts.add_options()
      ("help,h", "this text")
      ("backbone", po::value(&backbone), "kws, ad, vww or cifar (workloads/supernet.h describes them)")
      ("samples", po::value(&samples), "number of samples N (indices 0..N-1)")
      ("seed", po::value(&seed), "sweep seed S (0..4294967295)")
      ("board,b", po::value(&board_names)->composing(), "board name or board .json file (repeat for several)")
      ("jobs,j", po::value(&jobs)->default_value(jobs), "parallel workers (default: all cores)");
  add_database_option(opts, db_path);
  add_profile_flags(opts, options);
  const std::optional<po::variables_map> parsed = parse_command(args, opts);
  if (!parsed) return 0;
  const po::variables_map& vm = *parsed;
  const Backbone chosen = required_backbone(backbone);
  if (!vm.count("samples") || samples <= 0) throw po::error("--samples must be a positive number");
  if (!vm.count("seed")) throw po::error("missing --seed");
  if (board_names.empty()) throw po::error("missing --board NAME (see `mcuprof boards`)");
  if (jobs == 0) throw po::error("--jobs must be at least 1");
  read_profile_flags(vm, options);

  SweepPlan plan{chosen, seed, samples, {}, options, jobs};
  for (const std::string& b : board_names) {
    plan.boards.push_back(load_board(b));
    for (size_t i = 0; i + 1 < plan.boards.size(); ++i)
      if (plan.boards[i].name == plan.boards.back().name) throw po::error("board '" + b + "' is given twice");
  }
  ResultStore store = ResultStore::open(db_path);
  const SweepResult r = run_sweep(plan, store, progress_bar());

  for (const SweepFailure& f : r.failures)
    std::cerr << "mcuprof sweep: sample " << f.sample << " on " << f.board << ": " << f.error << "\n";
  const size_t runs = r.profiled + r.already_stored;
  std::printf("%s seed %u: %d samples x %zu boards: %zu runs stored (%zu before this sweep, %zu now, %zu failed) "
              "in %.1f s",
              backbone.c_str(), seed, samples, plan.boards.size(), runs, r.already_stored, r.profiled,
              r.failures.size(), r.elapsed_s);
  if (r.profiled > 0) {
    const double runs_per_min = 60.0 * double(r.profiled) / r.elapsed_s;
    std::printf(", %.1f runs/min (%.1f samples/min on %zu boards)", runs_per_min,
                runs_per_min / double(plan.boards.size()), plan.boards.size());
  }
  std::printf("\n");
  return r.failures.empty() ? 0 : 1;
}

}  // namespace mcuprof::cli
