#include "reports/latency_fit.h"

#include <algorithm>
#include <boost/math/statistics/linear_regression.hpp>
#include <cmath>
#include <stdexcept>

namespace mcuprof {

LinearFit fit_latency(const std::vector<double>& ops, const std::vector<double>& latency_s) {
  if (ops.size() != latency_s.size()) throw std::runtime_error("fit: as many op counts as latencies are needed");
  if (ops.size() < 3) throw std::runtime_error("fit: at least 3 samples are needed, have " + std::to_string(ops.size()));
  if (std::all_of(ops.begin(), ops.end(), [&](double x) { return x == ops.front(); }))
    throw std::runtime_error("fit: every sample has the same op count, there is no slope to fit");
  if (std::any_of(latency_s.begin(), latency_s.end(), [](double y) { return !(y > 0); }))
    throw std::runtime_error("fit: every latency must be positive");

  // Boost.Math: returns (intercept, slope, R^2).
  const auto [intercept, slope, r2] =
      boost::math::statistics::simple_ordinary_least_squares_with_R_squared(ops, latency_s);
  LinearFit fit{ops.size(), slope, intercept, r2, 0, 0};
  double squares = 0;
  for (size_t i = 0; i < ops.size(); ++i) {
    const double residual = latency_s[i] - (slope * ops[i] + intercept);
    squares += residual * residual;
    fit.max_rel_residual = std::max(fit.max_rel_residual, std::abs(residual) / latency_s[i]);
  }
  fit.rmse = std::sqrt(squares / double(ops.size()));
  return fit;
}

LatencyRatio latency_ratio(const std::vector<double>& latency_a, const std::vector<double>& latency_b) {
  if (latency_a.size() != latency_b.size()) throw std::runtime_error("ratio: the boards' latencies must pair up");
  if (latency_a.empty()) throw std::runtime_error("ratio: no sample was profiled on both boards");
  LatencyRatio r{latency_a.size(), 0, INFINITY, 0};
  for (size_t i = 0; i < latency_a.size(); ++i) {
    const double q = latency_a[i] / latency_b[i];
    r.mean += q / double(latency_a.size());
    r.min = std::min(r.min, q);
    r.max = std::max(r.max, q);
  }
  return r;
}

}  // namespace mcuprof
