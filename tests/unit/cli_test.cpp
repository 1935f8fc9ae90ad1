// The listing commands of the CLI and its usage errors (the run command has firmware_run_test.cpp).
#include <gtest/gtest.h>

#include <sstream>

#include "tests/unit/firmware_runner.h"
#include "workloads/model.h"
#include "workloads/zoo.h"

namespace mcuprof::test {
namespace {

TEST(Cli, ModelsListsTheZooWithItsMacs) {
  const ProcessResult r = run_process({kCli, "models"}, 60);
  ASSERT_EQ(r.status, 0) << r.err;
  for (const std::string& name : zoo_names()) {
    std::istringstream lines(r.out);
    std::string line;
    bool found = false;
    while (std::getline(lines, line)) {
      std::istringstream words(line);
      std::string first;
      long long macs = 0;
      if (words >> first >> macs && first == name) {
        EXPECT_EQ(macs, total_macs(zoo_model(name))) << name;
        found = true;
      }
    }
    EXPECT_TRUE(found) << name << " missing from:\n" << r.out;
  }
  EXPECT_NE(r.out.find("15556352"), std::string::npos);  // micronet-kws-m, models.md
}

TEST(Cli, BoardsListsTheReferenceBoards) {
  const ProcessResult r = run_process({kCli, "boards"}, 60);
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* b : {"stm32f446re", "stm32f746zg", "stm32f767zi"}) EXPECT_NE(r.out.find(b), std::string::npos) << b;
}

TEST(Cli, UnknownCommandsAndOptionsAreUsageErrors) {
  ProcessResult r = run_process({kCli, "frobnicate"}, 60);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("unknown command 'frobnicate'"), std::string::npos) << r.err;
  r = run_process({kCli, "run", "x.elf", "--board", "stm32f446re", "--no-such-option"}, 60);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("no-such-option"), std::string::npos) << r.err;
  r = run_process({kCli, "run", kFirmwareDir + "/stm32f446re/hello.elf", "--board", "stm32f446re", "--clock-mhz", "500"}, 60);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("no flash wait states for 500000000 Hz"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mcuprof::test
