// The energy model (reports/power.h) and the board files' sleep power.
#include "reports/power.h"

#include <gtest/gtest.h>

namespace mcuprof {
namespace {

TEST(Power, EnergyIsLatencyTimesActivePower) { EXPECT_DOUBLE_EQ(energy_per_inference_j(0.1, 0.16), 0.016); }

// stm32-boards.md: at one inference per second, average power = (E + P_sleep x (1 s - latency)) / 1 s.
TEST(Power, AveragePowerFollowsTheDutyCycleFormula) {
  EXPECT_DOUBLE_EQ(average_power_w(0.1, 1, 0.16, 0.001), (0.016 + 0.001 * 0.9) / 1.0);
  // 5 inferences per second of 0.1 s: half the time active.
  EXPECT_DOUBLE_EQ(average_power_w(0.1, 5, 0.16, 0.001), 0.5 * 0.16 + 0.5 * 0.001);
  // Back to back: the active power.
  EXPECT_DOUBLE_EQ(average_power_w(0.1, 10, 0.16, 0.001), 0.16);
}

TEST(Power, RatesTheBoardCannotSustainAreErrors) {
  EXPECT_THROW(average_power_w(0.1, 11, 0.16, 0.001), std::runtime_error);
  EXPECT_THROW(average_power_w(0.1, 0, 0.16, 0.001), std::runtime_error);
  EXPECT_THROW(average_power_w(0.1, -1, 0.16, 0.001), std::runtime_error);
}

TEST(Power, ReferenceBoardsGiveSleepPowerMarkedAsAnEstimate) {
  for (const char* name : {"stm32f446re", "stm32f746zg", "stm32f767zi"}) {
    const Board b = load_board(name);
    ASSERT_TRUE(b.power) << name;
    EXPECT_GT(b.power->sleep_w, 0) << name;
    EXPECT_TRUE(b.power->sleep_estimate) << name;  // no measurement is published
    EXPECT_NE(b.power->sleep_note.find("ESTIMATE"), std::string::npos) << name;
    EXPECT_TRUE(board_power_is_estimate(*b.power)) << name;
    const std::optional<double> avg = board_average_power_w(b, 0.05, 2);
    ASSERT_TRUE(avg) << name;
    EXPECT_DOUBLE_EQ(*avg, average_power_w(0.05, 2, b.power->active_w, b.power->sleep_w)) << name;
  }
  EXPECT_FALSE(board_average_power_w(load_board("mps2-an386"), 0.05, 2));  // no power figures at all
}

TEST(Power, BoardFileSleepPowerMustBePositive) {
  const Board base = load_board("stm32f446re");
  nlohmann::json j = base.json;
  j["power"]["sleep_w"] = 0;
  try {
    parse_board(j.dump(), "bad.json");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "bad.json: field 'power.sleep_w': must be a positive number of watts");
  }
  j["power"].erase("sleep_w");
  EXPECT_EQ(parse_board(j.dump(), "ok.json").power->sleep_w, 0);  // optional
}

}  // namespace
}  // namespace mcuprof
