#include "workloads/zoo.h"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace mcuprof {
namespace {

constexpr uint64_t kSeed = 0x6d6370726f66ULL;  // "mcprof"
constexpr QuantParams kAudioInput{0.1f, 0};    // MFCC features, symmetric around 0
constexpr QuantParams kImageInput{1.0f / 255.0f, -128};

TensorShape nhwc(int32_t h, int32_t w, int32_t c) { return TensorShape{{1, h, w, c}}; }

// Depthwise-separable block: depthwise 3x3 (stride s, SAME) + pointwise 1x1 to `width`, both with `act`.
int ds_block(ModelBuilder& b, int x, int32_t stride, int32_t width, Activation act) {
  x = b.depthwise_conv2d(x, 3, 3, stride, stride, Padding::Same, act);
  return b.conv2d(x, width, 1, 1, 1, 1, Padding::Valid, act);
}

int flatten(ModelBuilder& b, int x) {
  return b.reshape(x, TensorShape{{1, static_cast<int32_t>(b.model().tensors.at(x).shape.elements())}});
}

struct DsStage {
  int32_t stride, width;
};

// DS-CNN (Zhang et al., "Hello Edge"): conv 10x4 (stride sh, sw) + DS blocks + average pool + FC 12 + softmax; RELU.
Model dscnn(const std::string& name, int32_t sh, int32_t sw, int32_t width, const std::vector<DsStage>& blocks) {
  ModelBuilder b(name, nhwc(49, 10, 1), kAudioInput, kSeed);
  int x = b.conv2d(b.input(), width, 10, 4, sh, sw, Padding::Same, Activation::Relu);
  for (const DsStage& s : blocks) x = ds_block(b, x, s.stride, s.width, Activation::Relu);
  x = flatten(b, b.global_average_pool2d(x));
  x = b.softmax(b.fully_connected(x, 12, Activation::None));
  return b.finish({x});
}

// MicroNets KWS / AD: first conv + DS blocks (RELU6) + global average pool + 1x1 conv classifier.
Model micronet(const std::string& name, TensorShape input, int32_t kh, int32_t kw, int32_t width,
               const std::vector<DsStage>& blocks, int32_t classes) {
  ModelBuilder b(name, std::move(input), kAudioInput, kSeed);
  int x = b.conv2d(b.input(), width, kh, kw, 1, 1, Padding::Same, Activation::Relu6);
  for (const DsStage& s : blocks) x = ds_block(b, x, s.stride, s.width, Activation::Relu6);
  x = b.conv2d(b.global_average_pool2d(x), classes, 1, 1, 1, 1, Padding::Valid, Activation::None);
  return b.finish({flatten(b, x)});
}

Model micronet_kws(const std::string& name, int32_t width, std::vector<DsStage> blocks) {
  return micronet(name, nhwc(49, 10, 1), 10, 4, width, blocks, 12);
}
Model micronet_ad(const std::string& name, int32_t width, std::vector<DsStage> blocks) {
  return micronet(name, nhwc(32, 32, 1), 3, 3, width, blocks, 8);
}

// MicroNet-VWW-2 (read off vww2_50_50_INT8.tflite): MobileNetV2-style inverted bottlenecks (1x1 expand RELU6, 3x3
// depthwise RELU6, 1x1 linear projection); a residual block adds its input, the narrower side padded with channels.
struct Bottleneck {
  int32_t expand, stride, out;
  bool residual;
};
constexpr Bottleneck kVww2Blocks[] = {{4, 1, 8, false},   {28, 2, 24, false}, {28, 1, 20, true},   {128, 2, 28, false},
                                      {152, 1, 16, true}, {152, 1, 28, true}, {152, 2, 24, false}, {112, 1, 24, true},
                                      {112, 1, 12, true}, {76, 1, 32, true},  {76, 1, 16, false},  {56, 1, 28, true},
                                      {56, 1, 28, true},  {56, 2, 16, false}, {96, 1, 16, true},   {96, 1, 16, true},
                                      {96, 1, 32, false}};

Model micronet_vww2(const std::string& name) {
  ModelBuilder b(name, nhwc(50, 50, 1), kImageInput, kSeed);
  int x = b.conv2d(b.input(), 12, 3, 3, 2, 2, Padding::Same, Activation::Relu6);
  for (const Bottleneck& blk : kVww2Blocks) {
    int y = b.conv2d(x, blk.expand, 1, 1, 1, 1, Padding::Same, Activation::Relu6);
    y = b.depthwise_conv2d(y, 3, 3, blk.stride, blk.stride, Padding::Same, Activation::Relu6);
    y = b.conv2d(y, blk.out, 1, 1, 1, 1, Padding::Same, Activation::None);
    if (blk.residual) {
      const int32_t channels = std::max(b.model().tensors.at(x).shape.channels(), blk.out);
      y = b.pad_channels_to(y, channels);
      y = b.add(b.pad_channels_to(x, channels), y, Activation::None);
    }
    x = y;
  }
  x = b.conv2d(x, 128, 1, 1, 1, 1, Padding::Same, Activation::Relu6);
  x = b.average_pool2d(x, 2, 2, 2, 2, Padding::Same);
  x = b.conv2d(x, 2, 1, 1, 1, 1, Padding::Same, Activation::None);
  return b.finish({flatten(b, x)});
}

// MLPerf Tiny VWW: MobileNetV1 alpha 0.25 on 96x96x3.
Model mlperf_vww(const std::string& name) {
  ModelBuilder b(name, nhwc(96, 96, 3), kImageInput, kSeed);
  int x = b.conv2d(b.input(), 8, 3, 3, 2, 2, Padding::Same, Activation::Relu6);
  const DsStage blocks[] = {{1, 16},  {2, 32},  {1, 32},  {2, 64},  {1, 64},  {2, 128}, {1, 128},
                            {1, 128}, {1, 128}, {1, 128}, {1, 128}, {2, 256}, {1, 256}};
  for (const DsStage& s : blocks) x = ds_block(b, x, s.stride, s.width, Activation::Relu6);
  x = flatten(b, b.global_average_pool2d(x));
  return b.finish({b.softmax(b.fully_connected(x, 2, Activation::None))});
}

// MLPerf Tiny IC: ResNet-8 on 32x32x3.
Model mlperf_ic(const std::string& name) {
  ModelBuilder b(name, nhwc(32, 32, 3), kImageInput, kSeed);
  int x = b.conv2d(b.input(), 16, 3, 3, 1, 1, Padding::Same, Activation::Relu);
  for (const DsStage& s : {DsStage{1, 16}, DsStage{2, 32}, DsStage{2, 64}}) {
    int y = b.conv2d(x, s.width, 3, 3, s.stride, s.stride, Padding::Same, Activation::Relu);
    y = b.conv2d(y, s.width, 3, 3, 1, 1, Padding::Same, Activation::None);
    const int shortcut =
        s.stride == 1 ? x : b.conv2d(x, s.width, 1, 1, s.stride, s.stride, Padding::Same, Activation::None);
    x = b.add(shortcut, y, Activation::Relu);
  }
  x = flatten(b, b.global_average_pool2d(x));
  return b.finish({b.softmax(b.fully_connected(x, 10, Activation::None))});
}

// MLPerf Tiny AD: fully-connected autoencoder over 640 features.
Model mlperf_ad(const std::string& name) {
  ModelBuilder b(name, TensorShape{{1, 640}}, kAudioInput, kSeed);
  int x = b.input();
  const int32_t widths[] = {128, 128, 128, 128, 8, 128, 128, 128, 128, 640};
  for (int32_t w : widths) x = b.fully_connected(x, w, w == 640 ? Activation::None : Activation::Relu);
  return b.finish({x});
}

struct Entry {
  const char* name;
  const char* description;
  std::function<Model(const std::string&)> build;
};

const std::vector<Entry>& entries() {
  using A = const std::string&;
  static const std::vector<Entry> table = {
      {"dscnn-s", "DS-CNN-S keyword spotting (Hello Edge): 49x10 MFCC, 4 DS blocks of 64, 12 classes",
       [](A n) {
         return dscnn(n, 2, 2, 64, {{1, 64}, {1, 64}, {1, 64}, {1, 64}});
       }},
      {"dscnn-m", "DS-CNN-M keyword spotting: 49x10 MFCC, 4 DS blocks of 172, 12 classes",
       [](A n) {
         return dscnn(n, 2, 1, 172, {{2, 172}, {1, 172}, {1, 172}, {1, 172}});
       }},
      {"dscnn-l", "DS-CNN-L keyword spotting: 49x10 MFCC, 5 DS blocks of 276, 12 classes",
       [](A n) {
         return dscnn(n, 2, 1, 276, {{2, 276}, {1, 276}, {1, 276}, {1, 276}, {1, 276}});
       }},
      {"micronet-kws-s", "MicroNet-KWS-S keyword spotting (reconstruction): 5 DS blocks, 12 classes",
       [](A n) {
         return micronet_kws(n, 84, {{2, 112}, {1, 84}, {1, 84}, {1, 84}, {1, 196}});
       }},
      {"micronet-kws-m", "MicroNet-KWS-M keyword spotting (exact): 5 DS blocks, 12 classes",
       [](A n) {
         return micronet_kws(n, 140, {{2, 140}, {1, 140}, {1, 140}, {1, 112}, {1, 196}});
       }},
      {"micronet-kws-l", "MicroNet-KWS-L keyword spotting (reconstruction): 7 DS blocks, 12 classes",
       [](A n) {
         return micronet_kws(n, 276, {{2, 248}, {1, 276}, {1, 276}, {1, 248}, {1, 248}, {1, 248}, {1, 248}});
       }},
      {"micronet-ad-s", "MicroNet-AD-S anomaly detection (exact): 32x32 spectrogram, 4 DS blocks, 8 machine ids",
       [](A n) {
         return micronet_ad(n, 72, {{2, 164}, {1, 220}, {2, 276}, {2, 276}});
       }},
      {"micronet-ad-m", "MicroNet-AD-M anomaly detection (exact, first version): 5 DS blocks, 8 machine ids",
       [](A n) {
         return micronet_ad(n, 192, {{2, 276}, {1, 276}, {1, 276}, {2, 276}, {2, 276}});
       }},
      {"micronet-ad-l", "MicroNet-AD-L anomaly detection (exact): 5 DS blocks, 8 machine ids",
       [](A n) {
         return micronet_ad(n, 276, {{2, 248}, {1, 276}, {1, 276}, {2, 248}, {2, 248}});
       }},
      {"micronet-vww-2", "MicroNet-VWW-2 visual wake words (exact): 50x50 grayscale, 17 inverted bottlenecks",
       micronet_vww2},
      {"mlperf-kws", "MLPerf Tiny keyword spotting: DS-CNN-S with softmax",
       [](A n) {
         return dscnn(n, 2, 2, 64, {{1, 64}, {1, 64}, {1, 64}, {1, 64}});
       }},
      {"mlperf-vww", "MLPerf Tiny visual wake words: MobileNetV1 alpha 0.25 on 96x96x3", mlperf_vww},
      {"mlperf-ic", "MLPerf Tiny image classification: ResNet-8 on 32x32x3, 10 classes", mlperf_ic},
      {"mlperf-ad", "MLPerf Tiny anomaly detection: fully-connected autoencoder over 640 features", mlperf_ad},
  };
  return table;
}

const Entry& find(const std::string& name) {
  std::string known;
  for (const Entry& e : entries()) {
    if (e.name == name) return e;
    if (!known.empty()) known += ", ";
    known += e.name;
  }
  throw std::runtime_error("unknown model '" + name + "' (known: " + known + ")");
}

}  // namespace

std::vector<std::string> zoo_names() {
  std::vector<std::string> names;
  for (const Entry& e : entries()) names.emplace_back(e.name);
  return names;
}

Model zoo_model(const std::string& name) { return find(name).build(name); }

std::string zoo_description(const std::string& name) { return find(name).description; }

}  // namespace mcuprof
