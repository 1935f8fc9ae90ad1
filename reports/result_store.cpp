#include "reports/result_store.h"

#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "cores/timing/timing_model.h"
#include "sim/cli/cli.h"

namespace mcuprof {

namespace {

// 'mcpf': PRAGMA application_id marks the file as ours (sqlite.org/fileformat.html, offset 68 of the header).
constexpr int64_t kApplicationId = 0x6d637066;
constexpr int kBusyTimeoutMs = 60'000;

// layers has one cycles_<cause> column per cause; a new cause needs a migration that adds its column.
static_assert(size_t(Cause::kCount) == 10, "a new cycle cause needs a schema migration adding its layers column");

// Migration i takes the schema from version i to i + 1. Never edit a released migration: append a new one.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  model TEXT NOT NULL,
  model_hash TEXT NOT NULL,
  board TEXT NOT NULL,
  core TEXT NOT NULL,
  clock_hz INTEGER NOT NULL,
  tool_version TEXT NOT NULL,
  options TEXT NOT NULL,
  macs INTEGER NOT NULL,
  ops INTEGER NOT NULL,
  instructions INTEGER NOT NULL,
  cycles INTEGER NOT NULL,
  latency_s REAL NOT NULL,
  power_w REAL,
  power_estimate INTEGER,
  sleep_w REAL,
  sleep_estimate INTEGER,
  energy_j REAL,
  peak_sram_bytes INTEGER NOT NULL,
  flash_bytes INTEGER NOT NULL,
  fits INTEGER NOT NULL,
  backbone TEXT,
  seed INTEGER,
  sample_index INTEGER,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (model_hash, board, clock_hz, tool_version, options),
  UNIQUE (backbone, seed, sample_index, board, tool_version, options)
);
CREATE INDEX runs_by_backbone ON runs (backbone, board);
CREATE TABLE layers (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  layer_index INTEGER NOT NULL,
  op TEXT NOT NULL,
  name TEXT NOT NULL,
  kernel TEXT NOT NULL,
  output_shape TEXT NOT NULL,
  macs INTEGER NOT NULL,
  ops INTEGER NOT NULL,
  instructions INTEGER NOT NULL,
  cycles INTEGER NOT NULL,
  main_stall TEXT NOT NULL,
  cycles_issue INTEGER NOT NULL,
  cycles_multi_cycle INTEGER NOT NULL,
  cycles_flash_wait INTEGER NOT NULL,
  cycles_cache_miss INTEGER NOT NULL,
  cycles_load_use INTEGER NOT NULL,
  cycles_interlock INTEGER NOT NULL,
  cycles_branch INTEGER NOT NULL,
  cycles_memory INTEGER NOT NULL,
  cycles_exception INTEGER NOT NULL,
  cycles_sleep INTEGER NOT NULL,
  PRIMARY KEY (run_id, layer_index)
) WITHOUT ROWID;
CREATE TABLE fits (
  id INTEGER PRIMARY KEY,
  backbone TEXT NOT NULL,
  board TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  options TEXT NOT NULL,
  n INTEGER NOT NULL,
  slope REAL NOT NULL,
  intercept REAL NOT NULL,
  r2 REAL NOT NULL,
  rmse REAL NOT NULL,
  max_rel_residual REAL NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (backbone, board, tool_version, options)
);
)sql",
};
static_assert(std::size(kMigrations) == ResultStore::kSchemaVersion);

int64_t pragma_integer(const SqliteDb& db, const char* pragma) {
  SqliteStatement s(db, std::string("PRAGMA ") + pragma);
  return s.step() ? s.integer(0) : 0;
}

// The first reads of the file: SQLite reports a non-database, or a damaged header or schema table, here.
struct Header {
  int64_t application_id, version, tables;
};

Header read_header(const SqliteDb& db) {
  try {
    SqliteStatement tables(db, "SELECT count(*) FROM sqlite_schema");  // reads page 1 and the schema
    tables.step();
    return {pragma_integer(db, "application_id"), pragma_integer(db, "user_version"), tables.integer(0)};
  } catch (const std::exception&) {
    throw std::runtime_error(db.path() + ": not a usable mcuprof results database (" + db.error_message() +
                             "); it was left untouched");
  }
}

// Refuses, before anything is written, a file that is not (or not yet) an mcuprof database this version can use.
void check_ours(const SqliteDb& db, const Header& h) {
  if (h.application_id != 0 && h.application_id != kApplicationId)
    throw std::runtime_error(db.path() + ": an SQLite database of another application (application_id " +
                             std::to_string(h.application_id) +
                             "), not an mcuprof results database; it was left untouched");
  if (h.application_id == 0 && h.version == 0 && h.tables != 0)
    throw std::runtime_error(db.path() + ": an SQLite database with other tables, not an mcuprof results database; "
                             "it was left untouched");
  if (h.version > ResultStore::kSchemaVersion)
    throw std::runtime_error(db.path() + ": results schema version " + std::to_string(h.version) +
                             " is newer than this mcuprof understands (" + std::to_string(ResultStore::kSchemaVersion) +
                             "); use a newer mcuprof");
}

// Brings the schema to kSchemaVersion in one transaction. The version is read again inside the write lock: another
// process may have migrated the file since it was opened.
void migrate(const SqliteDb& db) {
  SqliteTransaction tx(db);
  const int64_t version = pragma_integer(db, "user_version");
  for (int64_t v = version; v < ResultStore::kSchemaVersion; ++v) db.exec(kMigrations[v]);
  if (version < ResultStore::kSchemaVersion) {
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version = " + std::to_string(ResultStore::kSchemaVersion));
  }
  tx.commit();
}

// WAL: readers never block the writer and a commit is one append, atomic under SIGKILL (sqlite.org/wal.html).
// Switching a new file to WAL upgrades a shared lock to an exclusive one; when two connections do it at once SQLite
// refuses one at once instead of calling the busy handler, since waiting would deadlock (sqlite.org/c3ref/
// busy_handler.html). The refused one has let go of its lock by then, so it tries again until the busy timeout;
// the last try is a plain exec, whose refusal is the usual "gave up waiting for the lock" error.
void use_wal(const SqliteDb& db) {
  constexpr const char* kWal = "PRAGMA journal_mode = WAL";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  while (std::chrono::steady_clock::now() < deadline) {
    if (db.exec_unless_busy(kWal)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  db.exec(kWal);
}

std::string sqlite_name(Cause c) {
  std::string name(cause_name(c));
  for (char& ch : name)
    if (ch == '-') ch = '_';
  return name;
}

std::string layer_insert_sql() {
  std::string columns =
      "run_id, layer_index, op, name, kernel, output_shape, macs, ops, instructions, cycles, main_stall";
  std::string values = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
  for (size_t c = 0; c < size_t(Cause::kCount); ++c) {
    columns += ", cycles_" + sqlite_name(Cause(c));
    values += ", ?";
  }
  return "INSERT INTO layers (" + columns + ") VALUES (" + values + ")";
}

void insert_layers(const SqliteDb& db, int64_t run_id, const std::vector<LayerProfile>& layers) {
  SqliteStatement insert(db, layer_insert_sql());
  for (const LayerProfile& l : layers) {
    insert.bind(1, run_id).bind(2, int64_t(l.index)).bind(3, std::string(op_name(l.op))).bind(4, l.name);
    insert.bind(5, l.kernel).bind(6, l.output_shape.to_string()).bind(7, l.macs).bind(8, l.ops);
    insert.bind(9, int64_t(l.instructions)).bind(10, int64_t(l.total_cycles()));
    insert.bind(11, std::string(cause_name(l.main_stall())));
    for (size_t c = 0; c < size_t(Cause::kCount); ++c) insert.bind(12 + int(c), int64_t(l.cycles.by_cause[c]));
    insert.run();
    insert.reset();
  }
}

}  // namespace

std::string profile_options_key(const ProfileOptions& o) {
  std::string key = o.int4 ? "int4" : "int8";
  key += o.warm ? " warm" : " cold";
  key += o.functional ? " functional" : " timed";
  // A given input has no short name: such runs are told apart from seeded ones, not from each other.
  key += o.input ? " input=given" : " input=" + std::to_string(o.input_seed);
  return key;
}

struct ResultStore::State {
  State(SqliteDb database, std::string version) : db(std::move(database)), tool_version(std::move(version)) {}
  SqliteDb db;
  std::string tool_version;
  std::mutex mutex;  // one writer at a time through this connection (the sweep's workers share it)
};

ResultStore::ResultStore(std::unique_ptr<State> state) : state_(std::move(state)) {}
ResultStore::ResultStore(ResultStore&&) noexcept = default;
ResultStore::~ResultStore() = default;

ResultStore ResultStore::open(const std::string& path, Mode mode, std::string tool_version) {
  auto state = std::make_unique<State>(SqliteDb(path, mode, kBusyTimeoutMs), std::move(tool_version));
  const SqliteDb& db = state->db;
  const Header header = read_header(db);
  check_ours(db, header);
  const int64_t version = header.version;
  if (mode == Mode::kReadWrite) {
    use_wal(db);
    // In WAL mode NORMAL syncs at checkpoints only: a committed run survives the process being killed (the OS holds
    // the written pages), only a power cut may lose the last commits (sqlite.org/pragma.html#pragma_synchronous).
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");
    migrate(db);
  } else if (version != kSchemaVersion) {
    throw std::runtime_error(path + (version == 0 ? ": not an mcuprof results database (no results schema)"
                                                  : ": results schema version " + std::to_string(version) +
                                                        " is older than this mcuprof's; open it once read-write "
                                                        "(e.g. mcuprof sweep or profile) to migrate it"));
  }
  return ResultStore(std::move(state));
}

int64_t ResultStore::store(const ProfileResult& r, const ProfileOptions& options, const Board& board,
                           const SampleInfo* sample) {
  if (r.model_hash.empty()) throw std::runtime_error("result of model '" + r.model + "' has no content hash");
  const std::string key = profile_options_key(options);
  std::lock_guard lock(state_->mutex);
  const SqliteDb& db = state_->db;
  SqliteTransaction tx(db);
  SqliteStatement insert(db, R"sql(
INSERT INTO runs (model, model_hash, board, core, clock_hz, tool_version, options, macs, ops, instructions, cycles,
                  latency_s, power_w, power_estimate, sleep_w, sleep_estimate, energy_j, peak_sram_bytes,
                  flash_bytes, fits, backbone, seed, sample_index)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT DO NOTHING)sql");
  insert.bind(1, r.model).bind(2, r.model_hash).bind(3, r.board);
  insert.bind(4, std::string(cli::core_name(r.core)));
  insert.bind(5, int64_t(r.clock_hz)).bind(6, state_->tool_version).bind(7, key);
  insert.bind(8, r.total_macs).bind(9, r.total_ops).bind(10, int64_t(r.total_instructions));
  insert.bind(11, int64_t(r.total_cycles)).bind(12, r.latency_s);
  if (r.power_w > 0) {
    insert.bind(13, r.power_w).bind(14, int64_t(r.power_estimate)).bind(17, r.energy_j);
  } else {
    insert.bind_null(13).bind_null(14).bind_null(17);
  }
  if (board.power && board.power->sleep_w > 0) {
    insert.bind(15, board.power->sleep_w).bind(16, int64_t(board.power->sleep_estimate));
  } else {
    insert.bind_null(15).bind_null(16);
  }
  insert.bind(18, r.plan.peak_sram_bytes).bind(19, r.plan.flash_bytes).bind(20, int64_t(r.fit.fits));
  if (sample) {
    insert.bind(21, sample->backbone).bind(22, int64_t(sample->seed)).bind(23, int64_t(sample->index));
  } else {
    insert.bind_null(21).bind_null(22).bind_null(23);
  }
  insert.run();
  if (db.changes() == 1) {
    const int64_t id = db.last_insert_id();
    insert_layers(db, id, r.layers);
    tx.commit();
    return id;
  }
  // Stored before: as this sample (a resumed or concurrent sweep), or as the same model profiled on its own (then
  // it is labelled as this sample too, unless it already is another one).
  if (sample) {
    if (auto id = find_sample_locked(*sample, r.board, key)) return *id;
  }
  SqliteStatement find(db, R"sql(
SELECT id FROM runs WHERE model_hash = ? AND board = ? AND clock_hz = ? AND tool_version = ? AND options = ?)sql");
  find.bind(1, r.model_hash).bind(2, r.board).bind(3, int64_t(r.clock_hz)).bind(4, state_->tool_version).bind(5, key);
  if (!find.step()) throw std::runtime_error(db.path() + ": run of '" + r.model + "' neither stored nor found");
  const int64_t id = find.integer(0);
  if (sample) {
    SqliteStatement label(db, R"sql(
UPDATE OR IGNORE runs SET backbone = ?, seed = ?, sample_index = ? WHERE id = ? AND backbone IS NULL)sql");
    label.bind(1, sample->backbone).bind(2, int64_t(sample->seed)).bind(3, int64_t(sample->index)).bind(4, id).run();
  }
  tx.commit();
  return id;
}

std::optional<int64_t> ResultStore::find_sample(const SampleInfo& sample, const std::string& board,
                                                const std::string& options_key) const {
  std::lock_guard lock(state_->mutex);
  return find_sample_locked(sample, board, options_key);
}

std::optional<int64_t> ResultStore::find_sample_locked(const SampleInfo& sample, const std::string& board,
                                                       const std::string& options_key) const {
  SqliteStatement find(state_->db, R"sql(
SELECT id FROM runs
WHERE backbone = ? AND seed = ? AND sample_index = ? AND board = ? AND tool_version = ? AND options = ?)sql");
  find.bind(1, sample.backbone).bind(2, int64_t(sample.seed)).bind(3, int64_t(sample.index)).bind(4, board);
  find.bind(5, state_->tool_version).bind(6, options_key);
  if (!find.step()) return std::nullopt;
  return find.integer(0);
}

std::vector<SamplePoint> ResultStore::sample_points(const std::string& backbone, const std::string& board,
                                                    const std::string& options_key) const {
  std::lock_guard lock(state_->mutex);
  SqliteStatement select(state_->db, R"sql(
SELECT seed, sample_index, ops, latency_s FROM runs
WHERE backbone = ? AND board = ? AND tool_version = ? AND options = ?
ORDER BY seed, sample_index)sql");
  select.bind(1, backbone).bind(2, board).bind(3, state_->tool_version).bind(4, options_key);
  std::vector<SamplePoint> points;
  while (select.step())
    points.push_back({uint32_t(select.integer(0)), int(select.integer(1)), select.integer(2), select.real(3)});
  return points;
}

std::vector<std::string> ResultStore::boards_with_samples(const std::string& backbone,
                                                          const std::string& options_key) const {
  std::lock_guard lock(state_->mutex);
  SqliteStatement select(state_->db, R"sql(
SELECT DISTINCT board FROM runs WHERE backbone = ? AND tool_version = ? AND options = ? ORDER BY board)sql");
  select.bind(1, backbone).bind(2, state_->tool_version).bind(3, options_key);
  std::vector<std::string> boards;
  while (select.step()) boards.push_back(select.text(0));
  return boards;
}

void ResultStore::store_fit(const std::string& backbone, const std::string& board, const std::string& options_key,
                            const LinearFit& fit) {
  std::lock_guard lock(state_->mutex);
  SqliteTransaction tx(state_->db);
  SqliteStatement upsert(state_->db, R"sql(
INSERT INTO fits (backbone, board, tool_version, options, n, slope, intercept, r2, rmse, max_rel_residual)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (backbone, board, tool_version, options) DO UPDATE SET
  n = excluded.n, slope = excluded.slope, intercept = excluded.intercept, r2 = excluded.r2, rmse = excluded.rmse,
  max_rel_residual = excluded.max_rel_residual, created_at = excluded.created_at)sql");
  upsert.bind(1, backbone).bind(2, board).bind(3, state_->tool_version).bind(4, options_key);
  upsert.bind(5, int64_t(fit.n)).bind(6, fit.slope).bind(7, fit.intercept).bind(8, fit.r2).bind(9, fit.rmse);
  upsert.bind(10, fit.max_rel_residual).run();
  tx.commit();
}

int ResultStore::schema_version() const {
  std::lock_guard lock(state_->mutex);
  return int(pragma_integer(state_->db, "user_version"));
}

const std::string& ResultStore::tool_version() const { return state_->tool_version; }
const SqliteDb& ResultStore::db() const { return state_->db; }

}  // namespace mcuprof
