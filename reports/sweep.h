// A sweep: every random supernet sample (workloads/supernet.h) profiled on every board, by a pool of workers, each
// finished (sample, board) stored at once in the results database in its own transaction.
//
// Resumable: a (sample, board) already stored for this tool version and these options is skipped, so a sweep killed
// at any moment (SIGKILL included) and started again with the same arguments continues where it stopped; the
// database's unique keys keep a pair stored twice by concurrent sweeps to one row.
// Deterministic: a sample depends only on (backbone, seed, index), a result only on the sample, the board and the
// options, whatever the number of workers and the order they finish in.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "reports/result_store.h"
#include "sim/board.h"
#include "sim/model_runner.h"
#include "workloads/supernet.h"

namespace mcuprof {

struct SweepPlan {
  Backbone backbone = Backbone::kKws;
  uint32_t seed = 0;
  int samples = 0;
  std::vector<Board> boards;
  ProfileOptions options;
  unsigned jobs = 1;  // worker threads
};

struct SweepProgress {
  size_t done = 0, total = 0;  // (sample, board) pairs, those stored before this sweep included
  size_t profiled = 0;         // pairs this sweep has finished so far (stored or failed)
  double elapsed_s = 0;
};

struct SweepFailure {
  int sample = 0;
  std::string board, error;
};

struct SweepResult {
  size_t total = 0, already_stored = 0, profiled = 0;
  std::vector<SweepFailure> failures;  // pairs that could not be profiled (sorted by sample, then board)
  double elapsed_s = 0;
};

using ProfileFunction = std::function<ProfileResult(const Model&, const Board&, const ProfileOptions&)>;
using ProgressFunction = std::function<void(const SweepProgress&)>;

// Runs the plan's pairs not yet in `store`. `progress` is called from the calling thread once at the start and then
// whenever pairs have finished (several at once when workers finish together); `profile` is the model runner (profile_model), replaceable for tests of the scheduling alone.
SweepResult run_sweep(const SweepPlan& plan, ResultStore& store, const ProgressFunction& progress,
                      const ProfileFunction& profile = profile_model);

// "[#########.........]  12/600  2.3/s  ETA 4m12s" (no rate or ETA before the first pair this sweep profiled).
std::string progress_line(const SweepProgress& p, size_t bar_width = 30);

}  // namespace mcuprof
