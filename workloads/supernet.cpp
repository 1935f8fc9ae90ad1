#include "workloads/supernet.h"

#include <algorithm>
#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/seed_seq.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <stdexcept>

#include "workloads/memory_planner.h"

namespace mcuprof {

namespace {

constexpr QuantParams kAudioInput{0.1f, 0};  // MFCC / spectrogram features, symmetric around 0
constexpr QuantParams kImageInput{1.0f / 255.0f, -128};
constexpr double kKeepProbability = 0.5;     // each droppable block is kept or dropped with equal chance
// Samples must run on every reference board, so they are drawn until one fits the smallest, the STM32F446RE
// (../shared/reference/stm32-boards.md: 128 KB SRAM, 512 KB flash), by the memory planner's estimate.
constexpr int64_t kSmallMcuSramBytes = 128 * 1024, kSmallMcuFlashBytes = 512 * 1024;
constexpr uint32_t kMaxAttempts = 1000;

TensorShape nhwc(int32_t h, int32_t w, int32_t c) { return TensorShape{{1, h, w, c}}; }

// The random choices of one sample.
class Sampler {
 public:
  Sampler(Backbone backbone, uint32_t seed, int index, uint32_t attempt) {
    boost::random::seed_seq sequence{seed, uint32_t(index), uint32_t(backbone), attempt};
    engine_.seed(sequence);
  }

  // A multiple of 4 in [max/4 rounded up to 4, max] (max itself a multiple of 4).
  int32_t width(int32_t max) {
    const int32_t lo = std::max<int32_t>(1, (max / 4 + 3) / 4);
    return 4 * boost::random::uniform_int_distribution<int32_t>(lo, max / 4)(engine_);
  }
  bool keep() { return boost::random::bernoulli_distribution<double>(kKeepProbability)(engine_); }
  uint64_t weight_seed() { return engine_(); }

 private:
  boost::random::mt19937 engine_;
};

int channels(ModelBuilder& b, int x) { return b.model().tensors.at(x).shape.channels(); }

// MicroNets' classifier: global average pool, 1x1 conv to the classes, flattened.
Model classify(ModelBuilder& b, int x, int32_t classes) {
  x = b.conv2d(b.global_average_pool2d(x), classes, 1, 1, 1, 1, Padding::Valid, Activation::None);
  return b.finish({b.reshape(x, TensorShape{{1, classes}})});
}

// ---- depthwise-separable backbones (kws, ad, cifar)

struct DsBlockSpec {
  int32_t stride, max_width;
};

struct DsBackboneSpec {
  TensorShape input;
  QuantParams input_quant;
  int32_t kh, kw, max_width;  // the first conv (stride 1)
  std::vector<DsBlockSpec> blocks;
  int32_t classes;
};

const DsBackboneSpec& ds_spec(Backbone backbone) {
  static const DsBlockSpec kKwsBlock{1, 276};
  static const DsBackboneSpec kKws{nhwc(49, 10, 1), kAudioInput, 10, 4, 276,
                                   {{2, 276}, kKwsBlock, kKwsBlock, kKwsBlock, kKwsBlock, kKwsBlock, kKwsBlock,
                                    kKwsBlock, kKwsBlock},
                                   12};
  static const DsBackboneSpec kAd{
      nhwc(32, 32, 1), kAudioInput, 3, 3, 276, {{2, 276}, {1, 276}, {1, 276}, {2, 276}, {2, 276}}, 8};
  static const DsBackboneSpec kCifar{nhwc(32, 32, 3), kImageInput, 3, 3, 64,
                                     {{1, 64}, {2, 128}, {1, 128}, {2, 256}, {1, 256}, {2, 256}, {1, 256}},
                                     10};
  return backbone == Backbone::kKws ? kKws : backbone == Backbone::kAd ? kAd : kCifar;
}

// A kept block: depthwise 3x3 (stride s) + pointwise 1x1; a dropped one: its skip branch, an average pool over the
// depthwise's window where the block downsamples.
int ds_block(ModelBuilder& b, Sampler& s, int x, const DsBlockSpec& spec) {
  const int32_t width = s.width(spec.max_width);
  if (!s.keep())
    return spec.stride == 1 ? x : b.average_pool2d(x, 3, 3, spec.stride, spec.stride, Padding::Same);
  x = b.depthwise_conv2d(x, 3, 3, spec.stride, spec.stride, Padding::Same, Activation::Relu6);
  return b.conv2d(x, width, 1, 1, 1, 1, Padding::Valid, Activation::Relu6);
}

Model sample_ds(Backbone backbone, Sampler& s, const std::string& name) {
  const DsBackboneSpec& spec = ds_spec(backbone);
  const int32_t first_width = s.width(spec.max_width);
  ModelBuilder b(name, spec.input, spec.input_quant, s.weight_seed());
  int x = b.conv2d(b.input(), first_width, spec.kh, spec.kw, 1, 1, Padding::Same, Activation::Relu6);
  for (const DsBlockSpec& block : spec.blocks) x = ds_block(b, s, x, block);
  return classify(b, x, spec.classes);
}

// ---- inverted-bottleneck backbone (vww)

// MobileNetV2 (Sandler et al. 2018, Table 2): expansion t, output width c, repeats n, first stride s.
struct BottleneckGroup {
  int32_t expansion, width, repeats, stride;
};
constexpr BottleneckGroup kMobileNetV2[] = {{1, 16, 1, 1}, {6, 24, 2, 2},  {6, 32, 3, 2}, {6, 64, 4, 2},
                                            {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
constexpr int32_t kMobileNetV2Stem = 32, kMobileNetV2Head = 1280;
// The sampled widths are fractions of MobileNetV2 x 0.5 (so 1/8 to 1/2 of MobileNetV2's): at full width its 1x1
// convolutions alone exceed the small MCU's 512 KB flash (a 1280 x 320 head is 410 KB), and most draws would be
// redrawn.
constexpr int32_t kVwwWidthDivisor = 2;

int32_t vww_width(Sampler& s, int32_t mobilenet_v2_width) { return s.width(mobilenet_v2_width / kVwwWidthDivisor); }

// One bottleneck: 1x1 expand (RELU6; absent when t = 1), 3x3 depthwise (RELU6), 1x1 linear projection; `base_in` is
// MobileNetV2's input width, which bounds the expansion.
int bottleneck(ModelBuilder& b, Sampler& s, int x, const BottleneckGroup& g, int32_t base_in, int32_t stride,
               bool residual) {
  const int32_t expand = g.expansion == 1 ? 0 : vww_width(s, g.expansion * base_in);
  const int32_t project = vww_width(s, g.width);
  int y = expand ? b.conv2d(x, expand, 1, 1, 1, 1, Padding::Same, Activation::Relu6) : x;
  y = b.depthwise_conv2d(y, 3, 3, stride, stride, Padding::Same, Activation::Relu6);
  y = b.conv2d(y, project, 1, 1, 1, 1, Padding::Same, Activation::None);
  if (!residual) return y;
  const int32_t c = std::max(channels(b, x), project);
  return b.add(b.pad_channels_to(x, c), b.pad_channels_to(y, c), Activation::None);
}

Model sample_vww(Sampler& s, const std::string& name) {
  const int32_t stem = vww_width(s, kMobileNetV2Stem);
  ModelBuilder b(name, nhwc(50, 50, 1), kImageInput, s.weight_seed());
  int x = b.conv2d(b.input(), stem, 3, 3, 2, 2, Padding::Same, Activation::Relu6);
  int32_t base_in = kMobileNetV2Stem;
  for (const BottleneckGroup& g : kMobileNetV2) {
    x = bottleneck(b, s, x, g, base_in, g.stride, false);
    for (int32_t r = 1; r < g.repeats; ++r)
      if (s.keep()) x = bottleneck(b, s, x, g, g.width, 1, true);
    base_in = g.width;
  }
  x = b.conv2d(x, vww_width(s, kMobileNetV2Head), 1, 1, 1, 1, Padding::Same, Activation::Relu6);
  return classify(b, x, 2);
}

constexpr std::string_view kNames[] = {"kws", "ad", "vww", "cifar"};

}  // namespace

std::string_view backbone_name(Backbone b) { return kNames[size_t(b)]; }

std::vector<Backbone> all_backbones() { return {Backbone::kKws, Backbone::kAd, Backbone::kVww, Backbone::kCifar}; }

Backbone backbone_from_name(std::string_view name) {
  std::string known;
  for (Backbone b : all_backbones()) {
    if (backbone_name(b) == name) return b;
    known += (known.empty() ? "" : ", ") + std::string(backbone_name(b));
  }
  throw std::runtime_error("unknown backbone '" + std::string(name) + "' (known: " + known + ")");
}

bool fits_small_mcu(const Model& model) {
  const MemoryPlan plan = plan_memory(model);
  return plan.peak_sram_bytes <= kSmallMcuSramBytes && plan.flash_bytes <= kSmallMcuFlashBytes;
}

Model sample_supernet(Backbone backbone, uint32_t seed, int index) {
  if (index < 0) throw std::runtime_error("a sample index must not be negative");
  const std::string name =
      std::string(backbone_name(backbone)) + "-s" + std::to_string(seed) + "-" + std::to_string(index);
  for (uint32_t attempt = 0; attempt < kMaxAttempts; ++attempt) {
    Sampler s(backbone, seed, index, attempt);
    Model m = backbone == Backbone::kVww ? sample_vww(s, name) : sample_ds(backbone, s, name);
    if (fits_small_mcu(m)) return m;
  }
  throw std::runtime_error("no sample of '" + name + "' fits the small MCU in " + std::to_string(kMaxAttempts) +
                           " draws");
}

}  // namespace mcuprof
