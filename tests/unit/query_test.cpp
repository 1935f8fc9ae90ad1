// `mcuprof query`, `mcuprof export` and `mcuprof fit` over a results database (and the table writers behind them).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "reports/result_store.h"
#include "reports/sql_table.h"
#include "tests/unit/firmware_runner.h"
#include "tests/unit/results_test_support.h"

namespace mcuprof::test {
namespace {

Board board_with_power(const std::string& name) {
  Board b;
  b.name = name;
  b.power = BoardPower{0.16, false, "", 0.001, true, ""};
  return b;
}

// Five kws samples on two boards whose latencies lie exactly on known lines (the "slow" board twice the "fast").
std::string sample_database(const ScratchDir& dir) {
  const std::string path = dir.file("results.db");
  ResultStore store = ResultStore::open(path);
  for (int i = 0; i < 5; ++i)
    for (const char* board : {"slow", "fast"}) {
      ProfileResult r = synthetic_result("kws-s1-" + std::to_string(i), "h" + std::to_string(i), board, i + 1);
      r.latency_s = (board == std::string("slow") ? 2.0 : 1.0) * (1e-9 * double(r.total_ops) + 1e-3);
      r.power_w = 0.16;
      r.energy_j = r.latency_s * 0.16;
      const SampleInfo sample{"kws", 1, i};
      store.store(r, {}, board_with_power(board), &sample);
    }
  return path;
}

TEST(Query, PrintsRowsAsTableCsvOrJson) {
  ScratchDir dir;
  const std::string db = sample_database(dir);
  const std::string sql = "SELECT board, count(*) AS n, min(sample_index) AS first FROM runs GROUP BY board ORDER BY board";
  ProcessResult r = run_process({kCli, "query", sql, "--db", db}, 60);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "board  n  first\n-----  -  -----\nfast   5  0\nslow   5  0\n");
  r = run_process({kCli, "query", sql, "--db", db, "--format", "csv"}, 60);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "board,n,first\r\nfast,5,0\r\nslow,5,0\r\n");
  r = run_process({kCli, "query", sql, "--db", db, "--format", "json"}, 60);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out),
            nlohmann::json::parse(R"([{"board":"fast","n":5,"first":0},{"board":"slow","n":5,"first":0}])"));
}

TEST(Query, TheConnectionIsReadOnly) {
  ScratchDir dir;
  const std::string db = sample_database(dir);
  ProcessResult r = run_process({kCli, "query", "DELETE FROM runs", "--db", db}, 60);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("readonly database"), std::string::npos) << r.err;
  r = run_process({kCli, "query", "SELECT 1; DROP TABLE runs", "--db", db}, 60);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("only one SQL statement at a time"), std::string::npos) << r.err;
  r = run_process({kCli, "query", "SELECT count(*) FROM runs", "--db", db, "--format", "csv"}, 60);
  EXPECT_EQ(r.out, "count(*)\r\n10\r\n");
}

TEST(Query, AMissingDatabaseIsAnErrorAndIsNotCreated) {
  ScratchDir dir;
  const std::string db = dir.file("nothing.db");
  const ProcessResult r = run_process({kCli, "query", "SELECT 1", "--db", db}, 60);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("no such database"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(db));
}

TEST(Query, CsvQuotesFieldsThatNeedIt) {
  SqlTable t{{"a", "b"}, {{std::string("x,y"), std::string("say \"hi\"")}, {std::monostate{}, 2.5}}};
  std::ostringstream out;
  write_table(out, t, TableFormat::kCsv);
  EXPECT_EQ(out.str(), "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n,2.5\r\n");
}

TEST(Export, JsonHoldsEveryTableAndCsvOneWithAveragePowerAtARate) {
  ScratchDir dir;
  const std::string db = sample_database(dir);
  ProcessResult r = run_process({kCli, "export", "--format", "json", "--db", db}, 60);
  ASSERT_EQ(r.status, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["schema_version"], ResultStore::kSchemaVersion);
  EXPECT_EQ(j["runs"].size(), 10u);
  EXPECT_EQ(j["layers"].size(), 20u);
  EXPECT_EQ(j["fits"].size(), 0u);
  EXPECT_EQ(j["runs"][0]["backbone"], "kws");

  const std::string csv = dir.file("runs.csv");
  r = run_process({kCli, "export", "--format", "csv", "--db", db, "--rate", "2", "--output", csv}, 60);
  ASSERT_EQ(r.status, 0) << r.err;
  std::istringstream lines(read_file(csv));
  std::string header, first;
  std::getline(lines, header);
  std::getline(lines, first);
  EXPECT_TRUE(header.starts_with("id,model,model_hash,board,")) << header;
  EXPECT_TRUE(header.ends_with(",avg_power_w\r")) << header;
  // Run 1: sample 0 on "slow", latency 2 x (1e-9 x ops + 1e-3) s; 2 inferences per second.
  const ProfileResult s0 = synthetic_result("", "", "", 1);
  const double latency = 2 * (1e-9 * double(s0.total_ops) + 1e-3);
  const double expected = 0.16 * latency * 2 + 0.001 * (1 - latency * 2);
  const std::string last = first.substr(first.rfind(',') + 1);
  EXPECT_NEAR(std::stod(last), expected, 1e-15) << first;

  r = run_process({kCli, "export", "--format", "xml", "--db", db}, 60);
  EXPECT_EQ(r.status, 2);
}

TEST(FitCli, FitsStoresAndWritesJsonWithTheBoardRatio) {
  ScratchDir dir;
  const std::string db = sample_database(dir);
  const std::string json = dir.file("fit.json");
  const ProcessResult r =
      run_process({kCli, "fit", "--backbone", "kws", "--board", "slow", "--db", db, "--json", json}, 60);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("latency slow / fast: 2.000"), std::string::npos) << r.out;
  const nlohmann::json j = nlohmann::json::parse(read_file(json));
  EXPECT_EQ(j["n"], 5);
  EXPECT_NEAR(j["slope"].get<double>(), 2e-9, 1e-18);
  EXPECT_NEAR(j["intercept"].get<double>(), 2e-3, 1e-12);
  EXPECT_NEAR(j["r2"].get<double>(), 1.0, 1e-9);
  EXPECT_NEAR(j["max_rel_residual"].get<double>(), 0.0, 1e-9);
  ASSERT_EQ(j["latency_ratios"].size(), 1u);
  EXPECT_EQ(j["latency_ratios"][0]["board"], "fast");
  EXPECT_NEAR(j["latency_ratios"][0]["mean"].get<double>(), 2.0, 1e-12);
  EXPECT_EQ(j["latency_ratios"][0]["n"], 5);

  const ResultStore store = ResultStore::open(db, ResultStore::Mode::kReadOnly);
  const SqlTable fits = run_query(store.db(), "SELECT backbone, board, n FROM fits");
  ASSERT_EQ(fits.rows.size(), 1u);
  EXPECT_EQ(fits.rows[0], (std::vector<SqlValue>{std::string("kws"), std::string("slow"), int64_t(5)}));
}

TEST(FitCli, NoSamplesIsAClearError) {
  ScratchDir dir;
  const std::string db = sample_database(dir);
  const ProcessResult r = run_process({kCli, "fit", "--backbone", "vww", "--board", "slow", "--db", db}, 60);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("no vww samples of board 'slow'"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mcuprof::test
