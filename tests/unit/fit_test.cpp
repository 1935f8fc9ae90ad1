// The ops-to-latency fit and the board latency ratio (reports/latency_fit.h).
#include "reports/latency_fit.h"

#include <gtest/gtest.h>

#include <cmath>

namespace mcuprof {
namespace {

TEST(LatencyFit, ExactLineIsRecoveredWithNoResidual) {
  const std::vector<double> ops = {1e6, 2e6, 5e6, 9e6};
  std::vector<double> latency;
  for (double x : ops) latency.push_back(4e-9 * x + 2e-3);
  const LinearFit f = fit_latency(ops, latency);
  EXPECT_EQ(f.n, 4u);
  EXPECT_NEAR(f.slope, 4e-9, 1e-20);
  EXPECT_NEAR(f.intercept, 2e-3, 1e-14);
  EXPECT_NEAR(f.r2, 1.0, 1e-12);
  EXPECT_NEAR(f.rmse, 0.0, 1e-15);
  EXPECT_NEAR(f.max_rel_residual, 0.0, 1e-12);
}

// Worked by hand: x = 1, 2, 3, 4; y = 2, 3, 5, 6 (s). Means 2.5 and 4; Sxy = 7, Sxx = 5, so slope 1.4 and intercept
// 4 - 3.5 = 0.5; predictions 1.9, 3.3, 4.7, 6.1; residuals 0.1, -0.3, 0.3, -0.1; SSE 0.2, SST 10, r2 0.98,
// rmse sqrt(0.2 / 4); relative residuals 0.05, 0.1, 0.06, 0.017: the largest 0.1.
TEST(LatencyFit, NoisyPointsMatchTheHandComputedFit) {
  const LinearFit f = fit_latency({1, 2, 3, 4}, {2, 3, 5, 6});
  EXPECT_NEAR(f.slope, 1.4, 1e-12);
  EXPECT_NEAR(f.intercept, 0.5, 1e-12);
  EXPECT_NEAR(f.r2, 0.98, 1e-12);
  EXPECT_NEAR(f.rmse, std::sqrt(0.2 / 4), 1e-12);
  EXPECT_NEAR(f.max_rel_residual, 0.1, 1e-12);
}

TEST(LatencyFit, RefusesDataWithoutAFit) {
  EXPECT_THROW(fit_latency({1, 2}, {1, 2}), std::runtime_error);              // too few
  EXPECT_THROW(fit_latency({1, 2, 3}, {1, 2}), std::runtime_error);           // lengths differ
  EXPECT_THROW(fit_latency({5, 5, 5}, {1, 2, 3}), std::runtime_error);        // no spread in ops
  EXPECT_THROW(fit_latency({1, 2, 3}, {1, 0, 3}), std::runtime_error);        // a zero latency
}

TEST(LatencyRatio, MeanMinAndMaxOfThePerSampleRatios) {
  const LatencyRatio r = latency_ratio({2, 6, 3}, {1, 2, 1});
  EXPECT_EQ(r.n, 3u);
  EXPECT_DOUBLE_EQ(r.mean, (2.0 + 3.0 + 3.0) / 3);
  EXPECT_DOUBLE_EQ(r.min, 2.0);
  EXPECT_DOUBLE_EQ(r.max, 3.0);
  EXPECT_THROW(latency_ratio({}, {}), std::runtime_error);
  EXPECT_THROW(latency_ratio({1}, {1, 2}), std::runtime_error);
}

}  // namespace
}  // namespace mcuprof
