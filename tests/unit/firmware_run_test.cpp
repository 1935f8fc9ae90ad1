// Runs the test firmware (tests/firmware) on each reference board through the mcuprof CLI: every program's
// output and exit code must equal the expected ones (computed by the host build of the same program, or checked
// against QEMU); the error programs and broken ELF files must end with a one-line error and the documented
// exit status, never a crash or a hang.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "tests/unit/firmware_runner.h"

namespace mcuprof::test {
namespace {

// Exit statuses of `mcuprof run` (see `mcuprof run --help`): the program's own exit code when it exits.
constexpr int kExitBadInput = 2, kExitFault = 70, kExitUndefined = 71, kExitBudget = 72;
constexpr int kTimeoutSeconds = 120;
constexpr uint64_t kBudget = 100'000'000;   // instructions; every program needs well under a tenth of it

struct Variant {
  std::string dir;    // firmware build variant
  std::string board;  // the board it runs on
};
void PrintTo(const Variant& v, std::ostream* os) { *os << v.dir << " on " << v.board; }
const std::vector<Variant> kVariants = {
    {"stm32f446re", "stm32f446re"},
    {"stm32f446re-softfloat", "stm32f446re"},
    {"stm32f746zg", "stm32f746zg"},
    {"stm32f767zi", "stm32f767zi"},
};
const std::vector<std::string> kPrograms = {"hello", "alu", "muldsp", "loadstore", "branches", "fp",
                                            "dsp", "dotprod", "exceptions", "unaligned", "selfmod"};

ProcessResult run_cli(const std::string& elf, const std::string& board, uint64_t budget = kBudget) {
  return run_process({kCli, "run", elf, "--board", board, "--max-instructions", std::to_string(budget)}, kTimeoutSeconds);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string hex(uint32_t v) {
  char buf[16];
  snprintf(buf, sizeof buf, "%x", v);
  return buf;
}

// A clean stop: no signal, no time-out, and the given status.
void expect_clean_exit(const ProcessResult& r, int status) {
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.signal, 0);
  EXPECT_EQ(r.status, status) << "stderr: " << r.err;
}

// stderr holds exactly one line, which contains every one of `words` (case-insensitive).
void expect_one_line_error(const ProcessResult& r, std::initializer_list<std::string> words) {
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.back(), '\n');
  for (const auto& w : words) EXPECT_NE(lower(r.err).find(lower(w)), std::string::npos) << "missing '" << w << "' in: " << r.err;
}

class FirmwareOutput : public testing::TestWithParam<std::tuple<Variant, std::string>> {};

TEST_P(FirmwareOutput, MatchesExpectedOutputAndExitCode) {
  const auto& [variant, program] = GetParam();
  const std::string base = kFirmwareDir + "/" + variant.dir + "/" + program;
  ProcessResult r = run_cli(base + ".elf", variant.board);
  expect_clean_exit(r, std::stoi(read_file(base + ".exit")));
  EXPECT_EQ(r.out, read_file(base + ".expected"));
}

INSTANTIATE_TEST_SUITE_P(Firmware, FirmwareOutput, testing::Combine(testing::ValuesIn(kVariants), testing::ValuesIn(kPrograms)),
                         [](const auto& info) {
                           return test_name(std::get<0>(info.param).dir + "_" + std::get<1>(info.param));
                         });

class FirmwareOnBoard : public testing::TestWithParam<Variant> {};

TEST_P(FirmwareOnBoard, DwtCountsTheCyclesOfALoop) {
  ProcessResult r = run_cli(elf_path(GetParam().dir, "dwt"), GetParam().board);
  expect_clean_exit(r, 0);
  std::smatch m;
  ASSERT_TRUE(std::regex_match(r.out, m, std::regex("core Cortex-M([47]) r[0-9]p[0-9]\n"
                                                    "dwt loop of 1000 iterations: ([0-9]+) cycles; "
                                                    "counter stops when disabled\n")))
      << r.out;
  EXPECT_EQ(m[1], GetParam().board == "stm32f446re" ? "4" : "7");
  EXPECT_GE(std::stoul(m[2]), 1000u);
}

TEST_P(FirmwareOnBoard, UndefinedInstructionStopsWithItsPcAndDisassembly) {
  const std::string elf = elf_path(GetParam().dir, "udf");
  auto site = elf_symbol(elf, "udf_site");
  ASSERT_TRUE(site);
  ProcessResult r = run_cli(elf, GetParam().board);
  expect_clean_exit(r, kExitUndefined);
  EXPECT_EQ(r.out, "executing UDF\n");
  expect_one_line_error(r, {hex(*site), "udf"});
}

TEST_P(FirmwareOnBoard, UnmappedLoadStopsWithItsPcAddressAndDisassembly) {
  const std::string elf = elf_path(GetParam().dir, "unmapped");
  auto site = elf_symbol(elf, "load_site");
  ASSERT_TRUE(site);
  ProcessResult r = run_cli(elf, GetParam().board);
  expect_clean_exit(r, kExitFault);
  EXPECT_EQ(r.out, "reading 0x60000000\n");
  expect_one_line_error(r, {hex(*site), "ldr", "60000000"});
}

TEST_P(FirmwareOnBoard, EndlessLoopStopsAtTheInstructionBudget) {
  ProcessResult r = run_cli(elf_path(GetParam().dir, "forever"), GetParam().board, 200000);
  expect_clean_exit(r, kExitBudget);
  EXPECT_EQ(r.out, "looping forever\n");
  expect_one_line_error(r, {});
}

INSTANTIATE_TEST_SUITE_P(Firmware, FirmwareOnBoard, testing::ValuesIn(kVariants),
                         [](const auto& info) { return test_name(info.param.dir); });

// ---- bad input: broken copies of a good ELF file ----
class BadInput : public testing::Test {
 protected:
  const std::string good = read_file(elf_path("stm32f446re", "hello"));
  std::string path(const std::string& name) const {
    return testing::TempDir() + "mcuprof_bad_" + name + ".elf";
  }
  // Writes the broken file and checks that running it fails cleanly with one line on stderr.
  void expect_rejected(const std::string& name, const std::string& bytes) {
    write_file(path(name), bytes);
    ProcessResult r = run_cli(path(name), "stm32f446re");
    expect_clean_exit(r, kExitBadInput);
    EXPECT_EQ(r.out, "");
    expect_one_line_error(r, {});
  }
  Elf32_Ehdr header() const {
    Elf32_Ehdr eh;
    std::memcpy(&eh, good.data(), sizeof eh);
    return eh;
  }
};

TEST_F(BadInput, TruncatedInsideTheHeader) { expect_rejected("truncated_header", good.substr(0, 40)); }

TEST_F(BadInput, TruncatedInsideTheSegments) {
  Elf32_Phdr first;
  std::memcpy(&first, &good[header().e_phoff], sizeof first);
  expect_rejected("truncated_segments", good.substr(0, first.p_offset + first.p_filesz / 2));
}

TEST_F(BadInput, WrongMachine) {
  std::string bad = good;
  uint16_t machine = EM_386;
  std::memcpy(&bad[offsetof(Elf32_Ehdr, e_machine)], &machine, sizeof machine);
  expect_rejected("machine", bad);
}

TEST_F(BadInput, BigEndian) {
  std::string bad = good;
  bad[EI_DATA] = ELFDATA2MSB;
  expect_rejected("big_endian", bad);
}

TEST_F(BadInput, NoLoadableSegments) {
  std::string bad = good;
  const Elf32_Ehdr eh = header();
  for (unsigned i = 0; i < eh.e_phnum; i++) {
    Elf32_Phdr ph;
    const size_t off = eh.e_phoff + i * eh.e_phentsize;
    std::memcpy(&ph, &bad[off], sizeof ph);
    if (ph.p_type == PT_LOAD) ph.p_type = PT_NULL;
    std::memcpy(&bad[off], &ph, sizeof ph);
  }
  expect_rejected("no_load", bad);
}

TEST_F(BadInput, NotAnElfFile) { expect_rejected("text", "this is not an ELF file\n"); }

TEST_F(BadInput, MissingFile) {
  ProcessResult r = run_cli(path("does_not_exist"), "stm32f446re");
  expect_clean_exit(r, kExitBadInput);
  expect_one_line_error(r, {"does_not_exist"});
}

TEST_F(BadInput, UnknownBoard) {
  ProcessResult r = run_cli(elf_path("stm32f446re", "hello"), "no-such-board");
  expect_clean_exit(r, kExitBadInput);
  expect_one_line_error(r, {"no-such-board"});
}

}  // namespace
}  // namespace mcuprof::test
