// The linear ops-to-latency model (MicroNets: for models sampled from one backbone, whole-model latency is linear in
// ops): latency_s = slope x ops + intercept by ordinary least squares, with its goodness of fit.
#pragma once
#include <cstddef>
#include <vector>

namespace mcuprof {

struct LinearFit {
  size_t n = 0;
  double slope = 0;      // seconds per op
  double intercept = 0;  // seconds
  double r2 = 0;         // coefficient of determination
  double rmse = 0;       // root mean square residual (s)
  double max_rel_residual = 0;  // largest |latency - prediction| / latency over the points
};

// Fits latency_s against ops. Throws std::runtime_error for fewer than 3 points, lengths that differ, all ops equal
// (no slope to fit) or a non-positive latency.
LinearFit fit_latency(const std::vector<double>& ops, const std::vector<double>& latency_s);

// How much slower board A is than board B on the same samples: latency_A / latency_B per sample.
struct LatencyRatio {
  size_t n = 0;
  double mean = 0, min = 0, max = 0;
};
// Throws std::runtime_error when the lengths differ or there are no pairs.
LatencyRatio latency_ratio(const std::vector<double>& latency_a, const std::vector<double>& latency_b);

}  // namespace mcuprof
