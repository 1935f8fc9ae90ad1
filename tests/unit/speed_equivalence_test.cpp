// The speed work's guard: optimising the executor and the timing models must not change a single cycle. Every
// test firmware program runs on every reference board through Machine::run in three ways (timed, timed with the
// per-instruction record path on: trace and --profile, and functional-only), and what it did (stop reason, exit
// code, instructions, cycles by cause, semihosting output, and with --profile every function's calls,
// instructions, self cycles by cause and inclusive cycles) must equal tests/golden/speed_equivalence.txt.
//
// The golden file was written by the straightforward implementation (before any speed work: one virtual
// TimingModel::retire per instruction over a full StepRecord), so this compares the optimised paths with it.
// Each line also holds a hash of the bytes the ELF loaded (code and data, not debug info): when a firmware
// program changes, the test says so instead of reporting a timing difference. To regenerate after such a change,
// from a build whose timing is trusted: MCUPROF_UPDATE_GOLDEN=1 mcuprof_tests --gtest_filter='SpeedEquivalence*'.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "sim/machine.h"

namespace mcuprof {
namespace {

const std::string kGoldenPath = std::string(MCUPROF_SOURCE_DIR) + "/tests/golden/speed_equivalence.txt";
const std::vector<std::string> kBoards = {"stm32f446re", "stm32f746zg", "stm32f767zi", "mps2-an386", "mps2-an500"};
// Long programs (alu, dsp, muldsp) stop at the budget: cycles at a budget stop are as deterministic as at an exit,
// and the suite stays fast.
constexpr uint64_t kBudget = 400'000;

enum class Mode { kTimed, kRecorded, kFunctional };
const std::map<Mode, std::string> kModeNames = {
    {Mode::kTimed, "timed"}, {Mode::kRecorded, "recorded"}, {Mode::kFunctional, "functional"}};

// FNV-1a, 64 bit: a stable digest of outputs for the golden file.
struct Digest {
  uint64_t h = 0xcbf29ce484222325ull;
  void add(const void* p, size_t n) {
    for (size_t k = 0; k < n; ++k) h = (h ^ static_cast<const uint8_t*>(p)[k]) * 0x100000001b3ull;
  }
  void add(uint64_t v) { add(&v, sizeof v); }
  void add(const std::string& s) { add(s.data(), s.size()); }
};

uint64_t image_digest(const LoadedImage& image, Machine& m) {
  Digest d;
  for (const Segment& s : image.segments)
    for (uint32_t a = s.paddr; a < s.paddr + s.filesz; ++a) {
      uint32_t byte = 0;
      m.bus().read(a, 1, byte);
      d.add(byte);
    }
  return d.h;
}

uint64_t profile_digest(const Profiler& p) {
  Digest d;
  for (const FunctionProfile& f : p.results()) {
    d.add(f.name);
    d.add(f.calls);
    d.add(f.instructions);
    for (uint64_t c : f.self.by_cause) d.add(c);
    d.add(f.inclusive);
  }
  return d.h;
}

// One golden line: "board program mode image_digest stop exit instructions c0..c9 output_digest profile_digest".
std::string run_line(const std::string& board, const std::string& program, Mode mode) {
  std::ostringstream out;
  std::istringstream in;
  Machine m(load_board(board), out, in);
  const LoadedImage& image = m.load(std::string(MCUPROF_FIRMWARE_DIR) + "/" + board + "/" + program + ".elf");
  RunOptions options;
  options.max_instructions = kBudget;
  options.functional = mode == Mode::kFunctional;
  options.trace = mode == Mode::kRecorded ? 8 : 0;
  options.profile = mode == Mode::kRecorded;
  const StopReason stop = m.run(options);
  std::ostringstream line;
  line << board << ' ' << program << ' ' << kModeNames.at(mode) << ' ' << std::hex << image_digest(image, m)
       << std::dec << ' ' << stop_reason_name(stop) << ' ' << m.core().exit_code << ' ' << m.core().instructions;
  for (uint64_t c : m.core().cycles.by_cause) line << ' ' << c;
  Digest output;
  output.add(out.str());
  line << ' ' << std::hex << output.h << ' ' << (m.profiler() ? profile_digest(*m.profiler()) : 0);
  return line.str();
}

std::vector<std::string> programs_of(const std::string& board) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(std::string(MCUPROF_FIRMWARE_DIR) + "/" + board))
    if (e.path().extension() == ".elf") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string key_of(const std::string& line) {  // "board program mode"
  std::istringstream s(line);
  std::string board, program, mode;
  s >> board >> program >> mode;
  return board + ' ' + program + ' ' + mode;
}

std::string digest_of(const std::string& line) {
  std::istringstream s(line);
  std::string word;
  for (int k = 0; k < 4; ++k) s >> word;
  return word;
}

TEST(SpeedEquivalence, EveryProgramOnEveryBoardMatchesTheStraightforwardImplementation) {
  if (std::getenv("MCUPROF_UPDATE_GOLDEN")) {
    std::ofstream f(kGoldenPath);
    f << "# board program mode image_digest stop exit instructions cycles-by-cause(" << size_t(Cause::kCount)
      << ") output_digest profile_digest\n";
    for (const std::string& board : kBoards)
      for (const std::string& program : programs_of(board))
        for (const auto& [mode, name] : kModeNames) f << run_line(board, program, mode) << '\n';
    GTEST_SKIP() << "wrote " << kGoldenPath;
  }
  std::ifstream f(kGoldenPath);
  ASSERT_TRUE(f) << "cannot read " << kGoldenPath;
  size_t compared = 0;
  for (std::string expected; std::getline(f, expected);) {
    if (expected.empty() || expected[0] == '#') continue;
    std::istringstream key(expected);
    std::string board, program, mode_name;
    key >> board >> program >> mode_name;
    Mode mode = Mode::kTimed;
    for (const auto& [m, name] : kModeNames)
      if (name == mode_name) mode = m;
    const std::string got = run_line(board, program, mode);
    ASSERT_EQ(key_of(got), key_of(expected));
    if (digest_of(got) != digest_of(expected)) {
      ADD_FAILURE() << board << '/' << program << ".elf changed since the golden file was written: regenerate it "
                    << "(see the top of this file)";
      continue;
    }
    EXPECT_EQ(got, expected);
    ++compared;
  }
  EXPECT_GE(compared, kBoards.size() * 10);
}

}  // namespace
}  // namespace mcuprof
