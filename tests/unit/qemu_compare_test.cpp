// Differential check of whole programs against QEMU 7.2: each newlib test program built for the MPS2 boards QEMU
// models (mps2-an386: Cortex-M4, mps2-an500: Cortex-M7) must print the same bytes and exit with the same code
// under `mcuprof run` as under qemu-system-arm with semihosting.
#include <gtest/gtest.h>

#include "tests/unit/firmware_runner.h"

namespace mcuprof::test {
namespace {

constexpr int kTimeoutSeconds = 120;   // each program takes well under a second on either
const std::vector<std::string> kMachines = {"mps2-an386", "mps2-an500"};
const std::vector<std::string> kPrograms = {"hello", "alu", "muldsp", "loadstore", "branches", "fp",
                                            "dsp", "dotprod", "exceptions", "unaligned", "selfmod"};

class QemuCompare : public testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(QemuCompare, SameOutputAndExitCode) {
  const auto& [machine, program] = GetParam();
  const std::string elf = elf_path(machine, program);
  ProcessResult version = run_process({"qemu-system-arm", "--version"}, 30);
  ASSERT_EQ(version.status, 0) << "qemu-system-arm is missing: it is a declared dependency of the tests "
                                  "(scripts/install-deps.sh installs the Debian package qemu-system-arm)";
  // QEMU writes the guest's semihosting console output to its stdout; the guest's exit code becomes its own.
  ProcessResult qemu = run_process({"qemu-system-arm", "-M", machine, "-nographic", "-monitor", "none", "-serial", "none",
                                    "-semihosting-config", "enable=on,target=native", "-kernel", elf},
                                   kTimeoutSeconds);
  ASSERT_FALSE(qemu.timed_out) << "QEMU did not finish " << elf;
  ASSERT_EQ(qemu.signal, 0);
  ProcessResult sim = run_process({kCli, "run", elf, "--board", machine, "--max-instructions", "100000000"}, kTimeoutSeconds);
  ASSERT_FALSE(sim.timed_out) << "mcuprof did not finish " << elf;
  ASSERT_EQ(sim.signal, 0);
  EXPECT_EQ(sim.out, qemu.out);
  EXPECT_EQ(sim.status, qemu.status) << "mcuprof stderr: " << sim.err;
  // QEMU itself agrees with the expected output (the host build's, or the checked-in one).
  const std::string base = kFirmwareDir + "/" + machine + "/" + program;
  EXPECT_EQ(qemu.out, read_file(base + ".expected"));
  EXPECT_EQ(qemu.status, std::stoi(read_file(base + ".exit")));
}

INSTANTIATE_TEST_SUITE_P(Qemu, QemuCompare, testing::Combine(testing::ValuesIn(kMachines), testing::ValuesIn(kPrograms)),
                         [](const auto& info) {
                           return test_name(std::get<0>(info.param) + "_" + std::get<1>(info.param));
                         });

}  // namespace
}  // namespace mcuprof::test
