// The energy model: the board draws its active power while an inference runs and its sleep power in between
// (../shared/reference/stm32-boards.md: power is nearly independent of the model, MicroNets Figure 5), so
//   energy per inference = latency x active power
//   average power at R inferences per second = (E_inference + P_sleep x (1/R - latency)) / (1/R)
// (stm32-boards.md's duty-cycle formula, written for any rate instead of one inference per second).
#pragma once
#include <optional>

#include "sim/board.h"

namespace mcuprof {

double energy_per_inference_j(double latency_s, double active_w);

// Throws std::runtime_error when rate_hz is not positive or the inferences do not fit in the period
// (latency_s x rate_hz > 1: the board cannot keep up with that rate).
double average_power_w(double latency_s, double rate_hz, double active_w, double sleep_w);

// The board's average power at `rate_hz` for an inference of `latency_s`; std::nullopt when the board file gives no
// active or no sleep power. Whether the result rests on an estimate: board_power_is_estimate.
std::optional<double> board_average_power_w(const Board& board, double latency_s, double rate_hz);
// True when either figure the average power uses (active, sleep) is an estimate rather than a measurement.
bool board_power_is_estimate(const BoardPower& power);

}  // namespace mcuprof
