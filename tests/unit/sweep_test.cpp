// Sweeps (reports/sweep.h, `mcuprof sweep`): every sample on every board stored once, whatever the number of
// workers, after a SIGKILL and with two sweeps writing into one database at the same time.
#include "reports/sweep.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "reports/sql_table.h"
#include "tests/unit/firmware_runner.h"
#include "tests/unit/results_test_support.h"
#include "workloads/model_json.h"

namespace mcuprof::test {
namespace {

// The cheapest real profile for the CLI tests: vww samples (the fewest instructions), no timing model, one inference.
const std::vector<std::string> kFastProfile = {"--functional", "--cold"};
constexpr int kSamples = 6;

int64_t count(const std::string& db, const std::string& sql) {
  const ResultStore store = ResultStore::open(db, ResultStore::Mode::kReadOnly);
  SqliteStatement s(store.db(), sql);
  EXPECT_TRUE(s.step());
  return s.integer(0);
}

// ---- the scheduler, with a stand-in for the model runner (the store and the samples are real)

// Deterministic figures from the model alone, as the runner's are.
ProfileResult stand_in_profile(const Model& model, const Board& board, const ProfileOptions&) {
  ProfileResult r = synthetic_result(model.name, model_content_hash(model), board.name);
  r.total_macs = total_macs(model);
  r.total_ops = 2 * r.total_macs;
  r.latency_s = double(r.total_ops) * (board.name == "slow" ? 2e-9 : 1e-9) + 1e-3;
  return r;
}

Board named(const std::string& name) {
  Board b;
  b.name = name;
  return b;
}

SweepPlan small_plan(unsigned jobs) {
  return SweepPlan{Backbone::kCifar, 11, kSamples, {named("slow"), named("fast")}, {}, jobs};
}

TEST(Sweep, StoresEverySampleOnEveryBoardAndCallsBackProgress) {
  ScratchDir dir;
  ResultStore store = ResultStore::open(dir.file("s.db"));
  std::vector<SweepProgress> seen;
  const SweepResult r = run_sweep(small_plan(3), store, [&](const SweepProgress& p) { seen.push_back(p); },
                                  stand_in_profile);
  EXPECT_EQ(r.total, size_t(2 * kSamples));
  EXPECT_EQ(r.profiled, size_t(2 * kSamples));
  EXPECT_EQ(r.already_stored, 0u);
  EXPECT_TRUE(r.failures.empty());
  ASSERT_GE(seen.size(), 2u);  // at the start, then whenever pairs have finished
  EXPECT_EQ(seen.front().done, 0u);
  EXPECT_EQ(seen.back().done, seen.back().total);
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_GT(seen[i].done, seen[i - 1].done);
  for (const char* board : {"slow", "fast"})
    EXPECT_EQ(store.sample_points("cifar", board, profile_options_key({})).size(), size_t(kSamples));
}

TEST(Sweep, ResultsDoNotDependOnTheNumberOfWorkers) {
  ScratchDir dir;
  const std::string one = dir.file("one.db"), four = dir.file("four.db");
  {
    ResultStore a = ResultStore::open(one), b = ResultStore::open(four);
    run_sweep(small_plan(1), a, [](const SweepProgress&) {}, stand_in_profile);
    run_sweep(small_plan(4), b, [](const SweepProgress&) {}, stand_in_profile);
  }
  const std::string sql =
      "SELECT backbone, seed, sample_index, board, model_hash, ops, latency_s FROM runs "
      "ORDER BY sample_index, board";
  const ResultStore a = ResultStore::open(one, ResultStore::Mode::kReadOnly);
  const ResultStore b = ResultStore::open(four, ResultStore::Mode::kReadOnly);
  EXPECT_EQ(run_query(a.db(), sql).rows, run_query(b.db(), sql).rows);
}

TEST(Sweep, ARepeatedSweepProfilesNothingAgain) {
  ScratchDir dir;
  ResultStore store = ResultStore::open(dir.file("again.db"));
  run_sweep(small_plan(2), store, [](const SweepProgress&) {}, stand_in_profile);
  int calls = 0;
  const SweepResult r = run_sweep(small_plan(2), store, [](const SweepProgress&) {},
                                  [&](const Model& m, const Board& b, const ProfileOptions& o) {
                                    ++calls;
                                    return stand_in_profile(m, b, o);
                                  });
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(r.already_stored, size_t(2 * kSamples));
  EXPECT_EQ(r.profiled, 0u);
}

TEST(Sweep, AFailedPairIsReportedAndNotStored) {
  ScratchDir dir;
  ResultStore store = ResultStore::open(dir.file("fail.db"));
  const SweepResult r = run_sweep(small_plan(2), store, [](const SweepProgress&) {},
                                  [](const Model& m, const Board& b, const ProfileOptions& o) {
                                    if (m.name == "cifar-s11-4" && b.name == "fast")
                                      throw std::runtime_error("kernel fault");
                                    return stand_in_profile(m, b, o);
                                  });
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].sample, 4);
  EXPECT_EQ(r.failures[0].board, "fast");
  EXPECT_EQ(r.failures[0].error, "kernel fault");
  EXPECT_EQ(r.profiled, size_t(2 * kSamples - 1));
  EXPECT_FALSE(store.find_sample({"cifar", 11, 4}, "fast", profile_options_key({})));
}

TEST(Sweep, ProgressLineShowsCountRateAndEta) {
  EXPECT_EQ(progress_line({0, 10, 0, 0}, 10), "[..........] 0/10");
  EXPECT_EQ(progress_line({5, 10, 4, 2.0}, 10), "[#####.....] 5/10  2.00/s  ETA 0m03s");
  EXPECT_EQ(progress_line({10, 10, 10, 7230}, 10), "[##########] 10/10  0.00/s  ETA 0m00s");
}

// ---- `mcuprof sweep` with the real model runner

std::vector<std::string> sweep_args(const std::string& db, int seed, int jobs) {
  std::vector<std::string> a = {kCli,        "sweep",       "--backbone", "vww",         "--samples",
                                std::to_string(kSamples),   "--seed",     std::to_string(seed),
                                "--board",   "stm32f446re", "--board",    "stm32f746zg", "--jobs",
                                std::to_string(jobs),       "--db",       db};
  a.insert(a.end(), kFastProfile.begin(), kFastProfile.end());
  return a;
}

pid_t spawn(const std::vector<std::string>& argv) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    freopen("/dev/null", "w", stdout);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

int64_t stored_runs(const std::string& db) {
  if (!std::filesystem::exists(db)) return 0;
  try {
    return count(db, "SELECT count(*) FROM runs");
  } catch (const std::runtime_error&) {
    return 0;  // not created yet
  }
}

TEST(SweepCli, KilledWithSigkillAndStartedAgainStoresEveryPairExactlyOnce) {
  ScratchDir dir;
  const std::string db = dir.file("killed.db");
  const pid_t pid = spawn(sweep_args(db, 21, 2));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (stored_runs(db) < 3 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  const int64_t before = stored_runs(db);
  EXPECT_GE(before, 3);
  EXPECT_LT(before, 2 * kSamples) << "the sweep finished before it was killed";

  const ProcessResult again = run_process(sweep_args(db, 21, 2), 300);
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.out.find(std::to_string(2 * kSamples) + " runs stored"), std::string::npos) << again.out;
  EXPECT_EQ(count(db, "SELECT count(*) FROM runs"), 2 * kSamples);
  EXPECT_EQ(count(db, "SELECT count(DISTINCT sample_index || board) FROM runs WHERE seed = 21"), 2 * kSamples);
  EXPECT_EQ(count(db, "SELECT count(*) FROM runs r WHERE NOT EXISTS (SELECT 1 FROM layers l WHERE l.run_id = r.id)"),
            0);  // no run without its layers
}

TEST(SweepCli, TwoSweepsIntoOneDatabaseAtTheSameTimeBothComplete) {
  ScratchDir dir;
  const std::string db = dir.file("shared.db");
  ProcessResult a, b;
  {
    std::jthread first([&] { a = run_process(sweep_args(db, 31, 1), 300); });
    std::jthread second([&] { b = run_process(sweep_args(db, 32, 1), 300); });
  }
  ASSERT_EQ(a.status, 0) << a.err;
  ASSERT_EQ(b.status, 0) << b.err;
  EXPECT_EQ(count(db, "SELECT count(*) FROM runs WHERE seed = 31"), 2 * kSamples);
  EXPECT_EQ(count(db, "SELECT count(*) FROM runs WHERE seed = 32"), 2 * kSamples);
}

TEST(SweepCli, BadArgumentsAndForeignFilesAreOneLineErrors) {
  ScratchDir dir;
  ProcessResult r = run_process({kCli, "sweep", "--backbone", "resnet", "--samples", "2", "--seed", "1", "--board",
                                 "stm32f446re", "--db", dir.file("x.db")},
                                60);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("unknown backbone 'resnet'"), std::string::npos) << r.err;
  r = run_process({kCli, "sweep", "--backbone", "kws", "--seed", "1", "--board", "stm32f446re"}, 60);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--samples"), std::string::npos) << r.err;
  r = run_process({kCli, "sweep", "--backbone", "kws", "--samples", "1", "--seed", "1", "--board", "stm32f446re",
                   "--board", "stm32f446re", "--db", dir.file("x.db")},
                  60);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("board 'stm32f446re' is given twice"), std::string::npos) << r.err;

  const std::string notes = dir.file("notes.txt");
  write_file(notes, "not a database, do not overwrite me\n");
  r = run_process(sweep_args(notes, 1, 1), 60);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("not a usable mcuprof results database"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(notes), "not a database, do not overwrite me\n");
}

}  // namespace
}  // namespace mcuprof::test
