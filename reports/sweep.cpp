#include "reports/sweep.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <tuple>

namespace mcuprof {

namespace {

struct Pair {
  int sample;
  size_t board;
};

// What the workers share: the next pair to take, and what they have finished.
class WorkQueue {
 public:
  explicit WorkQueue(std::vector<Pair> pairs) : pairs_(std::move(pairs)) {}

  const Pair* take() {
    const size_t i = next_.fetch_add(1);
    return i < pairs_.size() ? &pairs_[i] : nullptr;
  }
  void finish(std::optional<SweepFailure> failure) {
    std::lock_guard lock(mutex_);
    ++finished_;
    if (failure) failures_.push_back(std::move(*failure));
    changed_.notify_one();
  }
  // Blocks until more pairs finished than `seen`; returns how many have.
  size_t wait_past(size_t seen) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return finished_ > seen; });
    return finished_;
  }
  size_t size() const { return pairs_.size(); }
  std::vector<SweepFailure> failures() {
    std::lock_guard lock(mutex_);
    return failures_;
  }

 private:
  std::vector<Pair> pairs_;
  std::atomic<size_t> next_{0};
  std::mutex mutex_;
  std::condition_variable changed_;
  size_t finished_ = 0;
  std::vector<SweepFailure> failures_;
};

std::optional<SweepFailure> profile_pair(const SweepPlan& plan, const Pair& pair, ResultStore& store,
                                         const ProfileFunction& profile) {
  const Board& board = plan.boards[pair.board];
  try {
    const Model model = sample_supernet(plan.backbone, plan.seed, pair.sample);
    const SampleInfo sample{std::string(backbone_name(plan.backbone)), plan.seed, pair.sample};
    store.store(profile(model, board, plan.options), plan.options, board, &sample);
    return std::nullopt;
  } catch (const std::exception& e) {
    return SweepFailure{pair.sample, board.name, e.what()};
  }
}

std::string duration_text(double seconds) {
  const long s = std::lround(seconds);
  char text[32];
  if (s >= 3600)
    std::snprintf(text, sizeof text, "%ldh%02ldm", s / 3600, s / 60 % 60);
  else
    std::snprintf(text, sizeof text, "%ldm%02lds", s / 60, s % 60);
  return text;
}

}  // namespace

SweepResult run_sweep(const SweepPlan& plan, ResultStore& store, const ProgressFunction& progress,
                      const ProfileFunction& profile) {
  const auto start = std::chrono::steady_clock::now();
  const std::string options_key = profile_options_key(plan.options);
  const SampleInfo any{std::string(backbone_name(plan.backbone)), plan.seed, 0};
  std::vector<Pair> pending;
  SweepResult result;
  result.total = size_t(plan.samples) * plan.boards.size();
  for (int i = 0; i < plan.samples; ++i)
    for (size_t b = 0; b < plan.boards.size(); ++b) {
      SampleInfo sample = any;
      sample.index = i;
      if (store.find_sample(sample, plan.boards[b].name, options_key))
        ++result.already_stored;
      else
        pending.push_back({i, b});
    }

  WorkQueue queue(std::move(pending));
  std::vector<std::jthread> workers;
  for (unsigned w = 0; w < std::max(1u, plan.jobs) && w < queue.size(); ++w)
    workers.emplace_back([&] {
      while (const Pair* pair = queue.take()) queue.finish(profile_pair(plan, *pair, store, profile));
    });

  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  SweepProgress p{result.already_stored, result.total, 0, 0};
  progress(p);
  while (p.profiled < queue.size()) {
    p.profiled = queue.wait_past(p.profiled);
    p.done = result.already_stored + p.profiled;
    p.elapsed_s = elapsed();
    progress(p);
  }
  workers.clear();  // joins

  result.failures = queue.failures();
  std::sort(result.failures.begin(), result.failures.end(), [](const SweepFailure& a, const SweepFailure& b) {
    return std::tie(a.sample, a.board) < std::tie(b.sample, b.board);
  });
  result.profiled = queue.size() - result.failures.size();
  result.elapsed_s = elapsed();
  return result;
}

std::string progress_line(const SweepProgress& p, size_t bar_width) {
  const size_t filled = p.total ? p.done * bar_width / p.total : bar_width;
  std::string line = "[" + std::string(filled, '#') + std::string(bar_width - filled, '.') + "] " +
                     std::to_string(p.done) + "/" + std::to_string(p.total);
  if (p.profiled > 0 && p.elapsed_s > 0) {
    const double rate = double(p.profiled) / p.elapsed_s;
    char text[32];
    std::snprintf(text, sizeof text, "  %.2f/s", rate);
    line += text;
    line += "  ETA " + duration_text(double(p.total - p.done) / rate);
  }
  return line;
}

}  // namespace mcuprof
