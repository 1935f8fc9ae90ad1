// The results database (reports/result_store.h): schema creation and migration, what a run stores, the
// stored-once rule, refusal of files that are not ours, read-only access, concurrent writers.
#include "reports/result_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "reports/sql_table.h"
#include "tests/unit/results_test_support.h"

namespace mcuprof::test {
namespace {

int64_t count(const ResultStore& store, const std::string& sql) {
  SqliteStatement s(store.db(), sql);
  EXPECT_TRUE(s.step());
  return s.integer(0);
}

Board board_named(const std::string& name, double sleep_w) {
  Board b;
  b.name = name;
  if (sleep_w > 0) b.power = BoardPower{0.45, false, "", sleep_w, true, ""};
  return b;
}

TEST(ResultStore, MigratesAnEmptyFileToTheCurrentSchema) {
  ScratchDir dir;
  const std::string path = dir.file("empty.db");
  write_file(path, "");  // a zero-byte file is an empty SQLite database
  const ResultStore store = ResultStore::open(path);
  EXPECT_EQ(store.schema_version(), ResultStore::kSchemaVersion);
  for (const char* table : {"runs", "layers", "fits"})
    EXPECT_EQ(count(store, std::string("SELECT count(*) FROM sqlite_schema WHERE name = '") + table + "'"), 1)
        << table;
  EXPECT_EQ(count(store, "PRAGMA application_id"), 0x6d637066);
  SqliteStatement mode(store.db(), "PRAGMA journal_mode");
  ASSERT_TRUE(mode.step());
  EXPECT_EQ(mode.text(0), "wal");
}

TEST(ResultStore, CreatesAMissingFileAndReopensWithoutMigratingAgain) {
  ScratchDir dir;
  const std::string path = dir.file("new.db");
  {
    ResultStore store = ResultStore::open(path);
    store.store(synthetic_result("m", "h1", "stm32f746zg"), {}, board_named("stm32f746zg", 0));
  }
  const ResultStore again = ResultStore::open(path);
  EXPECT_EQ(again.schema_version(), ResultStore::kSchemaVersion);
  EXPECT_EQ(count(again, "SELECT count(*) FROM runs"), 1);
}

TEST(ResultStore, StoresTheRunItsLayersAndTheirCyclesByCause) {
  ScratchDir dir;
  ResultStore store = ResultStore::open(dir.file("r.db"), ResultStore::Mode::kReadWrite, "9.9.9");
  const ProfileResult r = synthetic_result("dscnn-s", "abc", "stm32f746zg", 3);
  ProfileOptions options;
  options.int4 = true;
  const int64_t id = store.store(r, options, board_named("stm32f746zg", 0.002));

  SqliteStatement run(store.db(), R"sql(
SELECT model, model_hash, board, core, clock_hz, tool_version, options, macs, ops, instructions, cycles, latency_s,
       power_w, energy_j, sleep_w, sleep_estimate, peak_sram_bytes, flash_bytes, fits, backbone
FROM runs WHERE id = ?)sql");
  run.bind(1, id);
  ASSERT_TRUE(run.step());
  EXPECT_EQ(run.text(0), "dscnn-s");
  EXPECT_EQ(run.text(1), "abc");
  EXPECT_EQ(run.text(2), "stm32f746zg");
  EXPECT_EQ(run.text(3), "cortex-m7");
  EXPECT_EQ(run.integer(4), 216'000'000);
  EXPECT_EQ(run.text(5), "9.9.9");
  EXPECT_EQ(run.text(6), "int4 warm timed input=1");
  EXPECT_EQ(run.integer(7), r.total_macs);
  EXPECT_EQ(run.integer(8), r.total_ops);
  EXPECT_EQ(run.integer(9), int64_t(r.total_instructions));
  EXPECT_EQ(run.integer(10), int64_t(r.total_cycles));
  EXPECT_DOUBLE_EQ(run.real(11), r.latency_s);
  EXPECT_DOUBLE_EQ(run.real(12), 0.45);
  EXPECT_DOUBLE_EQ(run.real(13), r.energy_j);
  EXPECT_DOUBLE_EQ(run.real(14), 0.002);
  EXPECT_EQ(run.integer(15), 1);
  EXPECT_EQ(run.integer(16), 3 * 4096);
  EXPECT_EQ(run.integer(17), 3 * 65536);
  EXPECT_EQ(run.integer(18), 1);
  EXPECT_TRUE(run.is_null(19));  // not a sweep sample

  SqliteStatement layer(store.db(), R"sql(
SELECT op, kernel, output_shape, macs, cycles, main_stall, cycles_issue, cycles_flash_wait, cycles_interlock,
       cycles_cache_miss
FROM layers WHERE run_id = ? AND layer_index = 1)sql");
  layer.bind(1, id);
  ASSERT_TRUE(layer.step());
  EXPECT_EQ(layer.text(0), "fully_connected");
  EXPECT_EQ(layer.text(1), "fully_connected_s8");
  EXPECT_EQ(layer.text(2), "1x4x4x8");
  EXPECT_EQ(layer.integer(3), r.layers[1].macs);
  EXPECT_EQ(layer.integer(4), int64_t(r.layers[1].total_cycles()));
  EXPECT_EQ(layer.text(5), "flash-wait");  // 150 flash-wait cycles beat 120 interlock cycles
  EXPECT_EQ(layer.integer(6), 3 * 900 * 2);
  EXPECT_EQ(layer.integer(7), 3 * 50);
  EXPECT_EQ(layer.integer(8), 3 * 20 * 2);
  EXPECT_EQ(layer.integer(9), 0);
  EXPECT_EQ(count(store, "SELECT count(*) FROM layers"), 2);
}

TEST(ResultStore, TheSameModelOnTheSameBoardAndToolVersionIsStoredOnce) {
  ScratchDir dir;
  const std::string path = dir.file("once.db");
  ResultStore store = ResultStore::open(path);
  const Board board = board_named("stm32f446re", 0);
  const int64_t first = store.store(synthetic_result("a", "hash-a", "stm32f446re"), {}, board);
  // The model's name does not identify it: the same content under another name is the same run...
  EXPECT_EQ(store.store(synthetic_result("renamed", "hash-a", "stm32f446re"), {}, board), first);
  // ...and other content, another board, other options or another tool version are new runs.
  EXPECT_NE(store.store(synthetic_result("a", "hash-b", "stm32f446re"), {}, board), first);
  EXPECT_NE(store.store(synthetic_result("a", "hash-a", "stm32f746zg"), {}, board), first);
  ProfileOptions cold;
  cold.warm = false;
  EXPECT_NE(store.store(synthetic_result("a", "hash-a", "stm32f446re"), cold, board), first);
  ResultStore newer = ResultStore::open(path, ResultStore::Mode::kReadWrite, "99.0");
  EXPECT_NE(newer.store(synthetic_result("a", "hash-a", "stm32f446re"), {}, board), first);
  EXPECT_EQ(count(store, "SELECT count(*) FROM runs"), 5);
  EXPECT_EQ(count(store, "SELECT count(*) FROM layers"), 10);
}

TEST(ResultStore, FindsSweepSamplesByTheirNaturalKey) {
  ScratchDir dir;
  ResultStore store = ResultStore::open(dir.file("samples.db"));
  const std::string key = profile_options_key({});
  const SampleInfo sample{"kws", 7, 3};
  EXPECT_FALSE(store.find_sample(sample, "stm32f446re", key));
  const int64_t id = store.store(synthetic_result("kws-s7-3", "h", "stm32f446re"), {}, board_named("x", 0), &sample);
  EXPECT_EQ(store.find_sample(sample, "stm32f446re", key), id);
  EXPECT_FALSE(store.find_sample(sample, "stm32f746zg", key));
  EXPECT_FALSE(store.find_sample({"kws", 8, 3}, "stm32f446re", key));
  EXPECT_FALSE(store.find_sample(sample, "stm32f446re", "int4 warm timed input=1"));
  // Stored again (a resumed sweep): nothing new.
  EXPECT_EQ(store.store(synthetic_result("kws-s7-3", "h", "stm32f446re"), {}, board_named("x", 0), &sample), id);
  EXPECT_EQ(count(store, "SELECT count(*) FROM runs"), 1);

  const std::vector<SamplePoint> points = store.sample_points("kws", "stm32f446re", key);
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0].seed, 7u);
  EXPECT_EQ(points[0].index, 3);
  EXPECT_EQ(points[0].ops, synthetic_result("", "", "").total_ops);
}

TEST(ResultStore, AModelProfiledAloneIsLabelledWhenASweepMeetsIt) {
  ScratchDir dir;
  ResultStore store = ResultStore::open(dir.file("label.db"));
  const int64_t id = store.store(synthetic_result("m", "h", "b"), {}, board_named("b", 0));
  const SampleInfo sample{"ad", 1, 0};
  EXPECT_EQ(store.store(synthetic_result("ad-s1-0", "h", "b"), {}, board_named("b", 0), &sample), id);
  EXPECT_EQ(store.find_sample(sample, "b", profile_options_key({})), id);
}

TEST(ResultStore, StoresAndReplacesFits) {
  ScratchDir dir;
  ResultStore store = ResultStore::open(dir.file("fits.db"));
  store.store_fit("kws", "stm32f446re", "k", LinearFit{10, 2e-9, 1e-3, 0.99, 1e-4, 0.05});
  store.store_fit("kws", "stm32f446re", "k", LinearFit{12, 3e-9, 2e-3, 0.98, 2e-4, 0.06});
  SqliteStatement s(store.db(), "SELECT n, slope, intercept, r2, rmse, max_rel_residual FROM fits");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.integer(0), 12);
  EXPECT_DOUBLE_EQ(s.real(1), 3e-9);
  EXPECT_DOUBLE_EQ(s.real(2), 2e-3);
  EXPECT_DOUBLE_EQ(s.real(3), 0.98);
  EXPECT_DOUBLE_EQ(s.real(4), 2e-4);
  EXPECT_DOUBLE_EQ(s.real(5), 0.06);
  EXPECT_FALSE(s.step());
}

// A file that is not ours must give one clear line and stay byte for byte as it was.
void expect_refused(const std::string& path, const std::string& message_part) {
  const std::string before = read_file(path);
  try {
    ResultStore::open(path);
    ADD_FAILURE() << path << " was opened";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(message_part), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
  EXPECT_EQ(read_file(path), before);
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(ResultStore, RefusesATextFileAndLeavesItUntouched) {
  ScratchDir dir;
  const std::string path = dir.file("notes.db");
  write_file(path, "these are my notes, not a database\n" + std::string(5000, 'x'));
  expect_refused(path, "not a usable mcuprof results database (file is not a database)");
}

TEST(ResultStore, RefusesACorruptDatabaseAndLeavesItUntouched) {
  ScratchDir dir;
  const std::string path = dir.file("corrupt.db");
  {
    ResultStore store = ResultStore::open(path);
    store.store(synthetic_result("m", "h", "b"), {}, board_named("b", 0));
  }
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  std::string bytes = read_file(path);
  ASSERT_GT(bytes.size(), 4096u);
  // Damage the schema table on page 1 (after the 100-byte file header).
  for (size_t i = 100; i < 4096; ++i) bytes[i] = char(0xA5);
  write_file(path, bytes);
  expect_refused(path, "not a usable mcuprof results database");
}

TEST(ResultStore, RefusesAnotherApplicationsDatabase) {
  ScratchDir dir;
  const std::string path = dir.file("other.db");
  {
    SqliteDb other(path, SqliteDb::Mode::kReadWrite, 1000);
    other.exec("CREATE TABLE contacts (name TEXT)");
  }
  expect_refused(path, "not an mcuprof results database");
  {
    SqliteDb other(path, SqliteDb::Mode::kReadWrite, 1000);
    other.exec("PRAGMA application_id = 1234");
  }
  expect_refused(path, "another application (application_id 1234)");
}

TEST(ResultStore, RefusesANewerSchema) {
  ScratchDir dir;
  const std::string path = dir.file("future.db");
  ResultStore::open(path);
  {
    SqliteDb db(path, SqliteDb::Mode::kReadWrite, 1000);
    db.exec("PRAGMA user_version = " + std::to_string(ResultStore::kSchemaVersion + 1));
  }
  EXPECT_THROW(
      {
        try {
          ResultStore::open(path);
        } catch (const std::runtime_error& e) {
          EXPECT_NE(std::string(e.what()).find("newer than this mcuprof"), std::string::npos) << e.what();
          throw;
        }
      },
      std::runtime_error);
}

TEST(ResultStore, ReadOnlyNeverCreatesOrChangesTheDatabase) {
  ScratchDir dir;
  const std::string missing = dir.file("missing.db");
  EXPECT_THROW(ResultStore::open(missing, ResultStore::Mode::kReadOnly), std::runtime_error);
  EXPECT_FALSE(std::filesystem::exists(missing));

  const std::string path = dir.file("ro.db");
  ResultStore::open(path).store(synthetic_result("m", "h", "b"), {}, board_named("b", 0));
  const ResultStore ro = ResultStore::open(path, ResultStore::Mode::kReadOnly);
  EXPECT_EQ(run_query(ro.db(), "SELECT model FROM runs").rows.size(), 1u);
  EXPECT_THROW(run_query(ro.db(), "DELETE FROM runs"), std::runtime_error);
  EXPECT_EQ(count(ro, "SELECT count(*) FROM runs"), 1);
}

TEST(ResultStore, ThreadsSharingAStoreAndTwoConnectionsAllStore) {
  ScratchDir dir;
  const std::string path = dir.file("threads.db");
  ResultStore shared = ResultStore::open(path);
  ResultStore second = ResultStore::open(path);
  auto writer = [&](ResultStore& store, int first) {
    for (int i = first; i < first + 20; ++i)
      store.store(synthetic_result("m", "h" + std::to_string(i), "b", i), {}, board_named("b", 0));
  };
  {
    std::jthread a(writer, std::ref(shared), 0), b(writer, std::ref(shared), 20), c(writer, std::ref(second), 40);
    std::jthread d(writer, std::ref(second), 0);  // the same runs as a: stored once
  }
  EXPECT_EQ(count(shared, "SELECT count(*) FROM runs"), 60);
  EXPECT_EQ(count(shared, "SELECT count(*) FROM layers"), 120);
}

// Two sweeps started at once on a new file both switch it to WAL; SQLite answers one of them SQLITE_BUSY at once
// (no busy wait: it would deadlock), which once stopped a sweep with "database is locked" (CI, 2026-11-23).
TEST(ResultStore, ConnectionsOpeningOneNewFileAtOnceAllSucceed) {
  ScratchDir dir;
  for (int round = 0; round < 40; ++round) {
    const std::string path = dir.file("race" + std::to_string(round) + ".db");
    std::vector<std::string> errors(4);
    {
      std::vector<std::jthread> openers;
      for (std::string& error : errors)
        openers.emplace_back([&path, &error] {
          try {
            ResultStore::open(path).store(synthetic_result("m", "h", "b"), {}, board_named("b", 0));
          } catch (const std::exception& e) {
            error = e.what();
          }
        });
    }
    for (const std::string& error : errors) ASSERT_EQ(error, "") << "round " << round;
    EXPECT_EQ(count(ResultStore::open(path), "SELECT count(*) FROM runs"), 1);
  }
}

TEST(ResultStore, ProfileOptionsKeyNamesEveryOptionThatChangesAResult) {
  ProfileOptions o;
  EXPECT_EQ(profile_options_key(o), "int8 warm timed input=1");
  o.int4 = true;
  o.warm = false;
  o.functional = true;
  o.input_seed = 42;
  EXPECT_EQ(profile_options_key(o), "int4 cold functional input=42");
  o.input = std::vector<int8_t>{1, 2};
  EXPECT_EQ(profile_options_key(o), "int4 cold functional input=given");
}

}  // namespace
}  // namespace mcuprof::test
