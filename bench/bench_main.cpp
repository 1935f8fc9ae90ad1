// `make bench`: runs every benchmark, then puts mcuprof next to Unicorn 2 for each workload benchmarked under
// speed_name (bench_machine.h): instructions per second of the functional-only core and of the timed core (the
// board's core and memory timing models) as fractions of Unicorn's on the same instructions. The project's goals
// (issue 7): timed >= 0.25x, functional >= 0.5x on the int8 kernels.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace {

constexpr double kTimedGoal = 0.25, kFunctionalGoal = 0.5;

// The console report, and each run's items per second kept by name.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      if (r.error_occurred || r.run_type != Run::RT_Iteration) continue;
      const auto it = r.counters.find("items_per_second");
      if (it != r.counters.end()) rate_[r.benchmark_name()] = it->second.value;
    }
  }
  void print_ratios() const {
    std::printf("\nmcuprof vs Unicorn 2, instructions per second (CPU time), board stm32f746zg "
                "(Cortex-M7 timing, STM32F746ZG memory system)\n");
    std::printf("%-14s %12s %12s %12s %11s %11s\n", "workload", "unicorn", "functional", "timed", "func/uc",
                "timed/uc");
    for (const auto& [name, unicorn] : rate_) {
      const std::string prefix = "Speed/", suffix = "/unicorn";
      if (name.rfind(prefix, 0) != 0 || name.size() < suffix.size() ||
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
        continue;
      const std::string workload = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
      const double functional = rate("Speed/" + workload + "/functional"), timed = rate("Speed/" + workload + "/timed");
      std::printf("%-14s %11.1fM %11.1fM %11.1fM %10.3fx %10.3fx\n", workload.c_str(), unicorn / 1e6,
                  functional / 1e6, timed / 1e6, functional / unicorn, timed / unicorn);
    }
    std::printf("goals: functional >= %.2fx, timed >= %.2fx of Unicorn\n", kFunctionalGoal, kTimedGoal);
  }

 private:
  double rate(const std::string& name) const {
    const auto it = rate_.find(name);
    return it == rate_.end() ? 0.0 : it->second;
  }
  std::map<std::string, double> rate_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.print_ratios();
  benchmark::Shutdown();
  return 0;
}
