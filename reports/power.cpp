#include "reports/power.h"

#include <stdexcept>
#include <string>

namespace mcuprof {

double energy_per_inference_j(double latency_s, double active_w) { return latency_s * active_w; }

double average_power_w(double latency_s, double rate_hz, double active_w, double sleep_w) {
  if (!(rate_hz > 0)) throw std::runtime_error("the inference rate must be a positive number of Hz");
  const double busy = latency_s * rate_hz;  // fraction of each period spent running the inference
  if (busy > 1)
    throw std::runtime_error("an inference takes " + std::to_string(latency_s) + " s: at most " +
                             std::to_string(1 / latency_s) + " inferences per second, not " + std::to_string(rate_hz));
  return energy_per_inference_j(latency_s, active_w) * rate_hz + sleep_w * (1 - busy);
}

std::optional<double> board_average_power_w(const Board& board, double latency_s, double rate_hz) {
  if (!board.power || !(board.power->sleep_w > 0)) return std::nullopt;
  return average_power_w(latency_s, rate_hz, board.power->active_w, board.power->sleep_w);
}

bool board_power_is_estimate(const BoardPower& power) { return power.estimate || power.sleep_estimate; }

}  // namespace mcuprof
