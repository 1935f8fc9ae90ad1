// `mcuprof profile` end to end: the per-layer table and totals, the JSON file's fields (one object per board, an
// array for several), the run stored in the database, and one-line errors with exit status 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/unit/firmware_runner.h"
#include "sim/board.h"
#include "workloads/model.h"
#include "workloads/zoo.h"

namespace mcuprof::test {
namespace {

class ProfileCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("mcuprof-profile-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::filesystem::path dir_;
};

TEST_F(ProfileCommandTest, TableJsonAndDatabaseForTwoBoards) {
  const ProcessResult r = run_process({kCli, "profile", "mlperf-ad", "--board", "stm32f446re", "--board", "stm32f746zg",
                                       "--json", path("out.json"), "--db", path("runs.db")},
                                      120);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("mlperf-ad on stm32f446re (cortex-m4, 180 MHz)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("mlperf-ad on stm32f746zg (cortex-m7, 216 MHz)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fully_connected_s8"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("total: 264192 MACs, 528384 ops"), std::string::npos) << r.out;
  std::ifstream in(path("out.json"));
  const nlohmann::json j = nlohmann::json::parse(in);
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  for (const nlohmann::json& run : j) {
    for (const char* key : {"model", "board", "total_macs", "total_ops", "total_cycles", "latency_s", "energy_j",
                            "peak_sram_bytes", "flash_bytes", "fits", "layers"})
      EXPECT_TRUE(run.contains(key)) << key;
    EXPECT_EQ(run["total_macs"], total_macs(zoo_model("mlperf-ad")));
    EXPECT_EQ(run["layers"].size(), zoo_model("mlperf-ad").layers.size());
    uint64_t cycles = 0;
    for (const nlohmann::json& l : run["layers"]) {
      for (const char* key : {"index", "op", "macs", "ops", "cycles"}) EXPECT_TRUE(l.contains(key)) << key;
      cycles += l["cycles"].get<uint64_t>();
    }
    EXPECT_EQ(run["total_cycles"].get<uint64_t>(), cycles);
    EXPECT_DOUBLE_EQ(run["energy_j"].get<double>(), run["latency_s"].get<double>() * run["power_w"].get<double>());
  }
  const ProcessResult q =
      run_process({kCli, "query", "SELECT board, cycles FROM runs ORDER BY board", "--db", path("runs.db"), "--format",
                   "csv"},
                  30);
  ASSERT_EQ(q.status, 0) << q.err;
  EXPECT_NE(q.out.find("stm32f446re," + std::to_string(j[0]["total_cycles"].get<uint64_t>())), std::string::npos)
      << q.out;
}

TEST_F(ProfileCommandTest, OneBoardWritesOneObject) {
  const ProcessResult r = run_process(
      {kCli, "profile", "mlperf-ad", "--board", "stm32f767zi", "--json", path("one.json"), "--db", path("runs.db")}, 60);
  ASSERT_EQ(r.status, 0) << r.err;
  std::ifstream in(path("one.json"));
  const nlohmann::json j = nlohmann::json::parse(in);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["board"], "stm32f767zi");
  EXPECT_TRUE(j["power_estimate"].get<bool>());  // stm32-boards.md: no published F767 figure
}

TEST_F(ProfileCommandTest, RateGivesTheDutyCycledAveragePower) {
  const ProcessResult r = run_process({kCli, "profile", "mlperf-ad", "--board", "stm32f446re", "--rate", "2", "--json",
                                       path("rate.json"), "--db", path("runs.db")},
                                      60);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("average power at 2 inferences/s"), std::string::npos) << r.out;
  std::ifstream in(path("rate.json"));
  const nlohmann::json j = nlohmann::json::parse(in);
  const mcuprof::Board board = mcuprof::load_board("stm32f446re");
  ASSERT_TRUE(board.power.has_value());
  const double latency = j["latency_s"], period = 0.5;
  // stm32-boards.md: (E_inference + P_sleep x (period - latency)) / period.
  const double expected = (latency * board.power->active_w + board.power->sleep_w * (period - latency)) / period;
  EXPECT_DOUBLE_EQ(j["rate_hz"].get<double>(), 2.0);
  EXPECT_NEAR(j["average_power_w"].get<double>(), expected, 1e-12);
  // A rate the board cannot keep up with says so instead of a number.
  const ProcessResult fast =
      run_process({kCli, "profile", "mlperf-ad", "--board", "stm32f446re", "--rate", "100000", "--db", path("runs.db")}, 60);
  EXPECT_EQ(fast.status, 0) << fast.err;
  EXPECT_NE(fast.out.find("at most"), std::string::npos) << fast.out;
}

TEST_F(ProfileCommandTest, BadInputIsOneLineAndStatusTwo) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{kCli, "profile", "no-such-model", "--board", "stm32f446re", "--db", path("a.db")},
        std::vector<std::string>{kCli, "profile", "dscnn-s", "--board", "no-such-board", "--db", path("a.db")},
        std::vector<std::string>{kCli, "profile", "dscnn-s", "--db", path("a.db")},
        std::vector<std::string>{kCli, "profile", path("missing.tflite"), "--board", "stm32f446re", "--db",
                                 path("a.db")}}) {
    const ProcessResult r = run_process(args, 30);
    EXPECT_EQ(r.status, 2) << args[2] << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

}  // namespace
}  // namespace mcuprof::test
