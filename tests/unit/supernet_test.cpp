// The supernet samplers (workloads/supernet.h): deterministic per (seed, index), widths multiples of 4 within the
// backbone's bounds, kept and dropped blocks, every sample valid and within the small MCU's memory.
#include "workloads/supernet.h"

#include <gtest/gtest.h>

#include <set>

#include "workloads/memory_planner.h"
#include "workloads/model_json.h"

namespace mcuprof {
namespace {

constexpr int kSamples = 8;

std::vector<int32_t> conv_widths(const Model& m) {
  std::vector<int32_t> widths;
  for (const Layer& l : m.layers)
    if (l.op == OpType::Conv2D) widths.push_back(m.tensors.at(l.outputs[0]).shape.channels());
  return widths;
}

TEST(Supernet, BackboneNamesRoundTripAndUnknownNamesAreErrors) {
  for (Backbone b : all_backbones()) EXPECT_EQ(backbone_from_name(backbone_name(b)), b);
  try {
    backbone_from_name("resnet");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "unknown backbone 'resnet' (known: kws, ad, vww, cifar)");
  }
}

TEST(Supernet, TheSameSeedAndIndexGiveTheSameModel) {
  for (Backbone b : all_backbones()) {
    const Model m = sample_supernet(b, 5, 2);
    EXPECT_EQ(sample_supernet(b, 5, 2), m) << backbone_name(b);
    EXPECT_EQ(m.name, std::string(backbone_name(b)) + "-s5-2");
  }
}

TEST(Supernet, SamplesDifferAcrossIndicesAndSeeds) {
  for (Backbone b : all_backbones()) {
    std::set<std::string> hashes;
    for (int i = 0; i < kSamples; ++i) hashes.insert(model_content_hash(sample_supernet(b, 1, i)));
    hashes.insert(model_content_hash(sample_supernet(b, 2, 0)));
    EXPECT_EQ(hashes.size(), size_t(kSamples + 1)) << backbone_name(b);
  }
}

// Pinned draws: Boost.Random's mt19937, seed_seq and distributions are specified algorithms, so these values hold on
// every platform and standard library. A change here changes every stored sweep: bump the tool version with it.
TEST(Supernet, DrawsArePinnedAcrossPlatforms) {
  EXPECT_EQ(conv_widths(sample_supernet(Backbone::kKws, 1, 0)), (std::vector<int32_t>{92, 240, 96, 116, 12}));
  EXPECT_EQ(total_macs(sample_supernet(Backbone::kVww, 1, 0)), 1613476);
}

TEST(Supernet, WidthsAreMultiplesOfFourWithinTheBackbonesBounds) {
  const std::pair<Backbone, int32_t> max_width[] = {
      {Backbone::kKws, 276}, {Backbone::kAd, 276}, {Backbone::kCifar, 256}, {Backbone::kVww, 640}};
  for (const auto& [b, max] : max_width)
    for (int i = 0; i < kSamples; ++i) {
      const Model m = sample_supernet(b, 3, i);
      const std::vector<int32_t> widths = conv_widths(m);
      for (size_t k = 0; k + 1 < widths.size(); ++k) {  // the last conv is the classifier
        EXPECT_EQ(widths[k] % 4, 0) << m.name << " conv " << k;
        EXPECT_GE(widths[k], 4) << m.name;
        EXPECT_LE(widths[k], max) << m.name;
      }
    }
}

TEST(Supernet, SamplesKeepDifferentBlocks) {
  std::set<size_t> layer_counts;
  for (int i = 0; i < kSamples; ++i) layer_counts.insert(sample_supernet(Backbone::kKws, 4, i).layers.size());
  EXPECT_GT(layer_counts.size(), 2u);
  // conv + 9 DS blocks (2 layers each) + pool + classifier + reshape is the largest a kws sample can be.
  EXPECT_LE(*layer_counts.rbegin(), 1u + 18u + 3u);
}

TEST(Supernet, EverySampleIsValidAndFitsTheSmallMcu) {
  for (Backbone b : all_backbones())
    for (int i = 0; i < kSamples; ++i) {
      const Model m = sample_supernet(b, 9, i);
      EXPECT_NO_THROW(validate(m)) << m.name;
      const MemoryPlan plan = plan_memory(m);
      EXPECT_LE(plan.peak_sram_bytes, 128 * 1024) << m.name;
      EXPECT_LE(plan.flash_bytes, 512 * 1024) << m.name;
      EXPECT_GT(total_macs(m), 0) << m.name;
    }
}

TEST(Supernet, ClassifiersMatchTheBackbonesTasks) {
  const std::pair<Backbone, int32_t> classes[] = {
      {Backbone::kKws, 12}, {Backbone::kAd, 8}, {Backbone::kVww, 2}, {Backbone::kCifar, 10}};
  for (const auto& [b, n] : classes) {
    const Model m = sample_supernet(b, 0, 0);
    EXPECT_EQ(m.tensors.at(m.outputs[0]).shape, (TensorShape{{1, n}})) << m.name;
  }
}

TEST(Supernet, NegativeIndicesAreErrors) { EXPECT_THROW(sample_supernet(Backbone::kKws, 0, -1), std::runtime_error); }

}  // namespace
}  // namespace mcuprof
