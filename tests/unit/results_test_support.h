// Shared by the results-database tests: a scratch directory, a file's bytes, and a profile result made by hand (the
// store's behaviour does not depend on where a result came from).
#pragma once
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "sim/model_runner.h"
#include "tests/unit/firmware_runner.h"  // read_file, write_file, run_process

namespace mcuprof::test {

// A fresh directory under the system's temporary directory, removed with everything in it at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "mcuprof-results-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return (std::filesystem::path(path_) / name).string(); }

 private:
  std::string path_;
};

// A two-layer result whose figures all derive from `scale` (so two results differ everywhere).
inline ProfileResult synthetic_result(const std::string& model, const std::string& hash, const std::string& board,
                                      int64_t scale = 1) {
  ProfileResult r;
  r.model = model;
  r.model_hash = hash;
  r.board = board;
  r.core = CoreModel::kCortexM7;
  r.clock_hz = 216'000'000;
  for (int i = 0; i < 2; ++i) {
    LayerProfile l;
    l.index = i;
    l.op = i == 0 ? OpType::Conv2D : OpType::FullyConnected;
    l.name = "layer" + std::to_string(i);
    l.kernel = i == 0 ? "conv1x1_s8" : "fully_connected_s8";
    l.output_shape = TensorShape{{1, 4, 4, 8}};
    l.macs = 1000 * scale * (i + 1);
    l.ops = 2 * l.macs;
    l.instructions = 700 * uint64_t(scale) * (i + 1);
    l.cycles.add(Cause::kIssue, 900 * uint64_t(scale) * (i + 1));
    l.cycles.add(Cause::kFlashWait, 50 * uint64_t(scale));
    l.cycles.add(Cause::kInterlock, 20 * uint64_t(scale) * (i + 1));
    r.total_macs += l.macs;
    r.total_ops += l.ops;
    r.total_instructions += l.instructions;
    r.total_cycles += l.total_cycles();
    r.layers.push_back(l);
  }
  r.latency_s = double(r.total_cycles) / r.clock_hz;
  r.power_w = 0.45;
  r.energy_j = r.latency_s * r.power_w;
  r.plan.peak_sram_bytes = 4096 * scale;
  r.plan.flash_bytes = 65536 * scale;
  r.fit.fits = true;
  return r;
}

}  // namespace mcuprof::test
