// The results database: every profile (`mcuprof profile`, every sample of `mcuprof sweep`) and every latency fit,
// in one SQLite file (default mcuprof.db in the working directory).
//
// Tables (schema version kSchemaVersion; `mcuprof query "SELECT sql FROM sqlite_schema"` shows them):
// - runs: one row per model x board x options profile: model, model_hash, board, core, clock_hz, tool_version,
//   options, macs, ops, instructions, cycles, latency_s, power_w, power_estimate, sleep_w, sleep_estimate, energy_j,
//   peak_sram_bytes, flash_bytes, fits, and for sweep samples backbone, seed, sample_index; created_at (UTC).
//   A run is identified by (model_hash, board, clock_hz, tool_version, options), a sweep sample also by (backbone,
//   seed, sample_index, board, tool_version, options): storing one twice stores nothing and returns the first's id.
// - layers: one row per layer of a run (run_id, layer_index, op, name, kernel, output_shape, macs, ops, instructions,
//   cycles, main_stall, and cycles_<cause> for each cause of cores/timing/timing_model.h).
// - fits: one row per (backbone, board, tool_version, options): n, slope, intercept, r2, rmse, max_rel_residual.
//
// Concurrency: WAL journal and a busy timeout, each store in one IMMEDIATE transaction: several processes (and the
// sweep's threads, through one store) write at once, and a process killed at any moment (SIGKILL included) leaves
// every run either fully stored or absent.
// Safety: a file that is no SQLite database, a corrupt one, another application's database or one of a newer schema
// is refused with a one-line error and left untouched.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "reports/latency_fit.h"
#include "reports/sqlite_db.h"
#include "sim/board.h"
#include "sim/model_runner.h"

namespace mcuprof {

// The sweep sample a run profiled: backbone name (workloads/supernet.h), the sweep's seed and the sample's index.
struct SampleInfo {
  std::string backbone;
  uint32_t seed = 0;
  int index = 0;
};

// The profile options that change a result, as stored in runs.options (part of a run's identity), e.g.
// "int8 warm timed input=1".
std::string profile_options_key(const ProfileOptions& options);

// One stored sample's whole-model figures, for fits and board comparisons.
struct SamplePoint {
  uint32_t seed = 0;
  int index = 0;
  int64_t ops = 0;
  double latency_s = 0;
};

class ResultStore {
 public:
  using Mode = SqliteDb::Mode;
  static constexpr int kSchemaVersion = 1;
  static constexpr const char* kDefaultPath = "mcuprof.db";

  // kReadWrite creates the file when absent and migrates an older schema; kReadOnly never writes (queries).
  static ResultStore open(const std::string& path, Mode mode = Mode::kReadWrite,
                          std::string tool_version = MCUPROF_VERSION);
  ResultStore(ResultStore&&) noexcept;
  ~ResultStore();

  // Stores one profile and its layers in one transaction; returns the run's id. `board` gives the sleep power
  // (the active power and energy come from `result`). Thread-safe.
  int64_t store(const ProfileResult& result, const ProfileOptions& options, const Board& board,
                const SampleInfo* sample = nullptr);
  // The id of the stored run of this sample on this board with these options (this tool version), if any.
  std::optional<int64_t> find_sample(const SampleInfo& sample, const std::string& board,
                                     const std::string& options_key) const;
  // Every stored sample of `backbone` on `board` with these options (this tool version), by seed and index.
  std::vector<SamplePoint> sample_points(const std::string& backbone, const std::string& board,
                                         const std::string& options_key) const;
  // Stores (or replaces) the fit of `backbone` on `board` for this tool version and options.
  void store_fit(const std::string& backbone, const std::string& board, const std::string& options_key,
                 const LinearFit& fit);
  // The boards other than `board` with samples of `backbone` and these options (this tool version), sorted.
  std::vector<std::string> boards_with_samples(const std::string& backbone, const std::string& options_key) const;

  int schema_version() const;
  const std::string& tool_version() const;
  const SqliteDb& db() const;  // for query and export

 private:
  struct State;
  explicit ResultStore(std::unique_ptr<State> state);
  std::optional<int64_t> find_sample_locked(const SampleInfo& sample, const std::string& board,
                                            const std::string& options_key) const;
  std::unique_ptr<State> state_;
};

}  // namespace mcuprof
