#include "workloads/zoo.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <map>
#include <stdexcept>

namespace mcuprof {
namespace {

// models.md, "Reference architectures".
const std::map<std::string, int64_t> kExpectedMacs = {
    {"dscnn-s", 2656768},        {"dscnn-m", 9816384},         {"dscnn-l", 28327812},
    {"micronet-kws-s", 8326752}, {"micronet-kws-m", 15556352}, {"micronet-kws-l", 65714076},
    {"micronet-ad-s", 18740192}, {"micronet-ad-m", 62346720},  {"micronet-ad-l", 64494656},
    {"micronet-vww-2", 3143416}, {"mlperf-kws", 2656768},      {"mlperf-vww", 7489664},
    {"mlperf-ic", 12501632},     {"mlperf-ad", 264192},
};

TEST(Zoo, HasExactlyTheNamedModels) {
  std::vector<std::string> expected;
  for (const auto& [name, macs] : kExpectedMacs) expected.push_back(name);
  std::vector<std::string> names = zoo_names();
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, expected);
}

TEST(Zoo, EveryModelValidatesAndHasModelsMdMacs) {
  for (const std::string& name : zoo_names()) {
    SCOPED_TRACE(name);
    const Model m = zoo_model(name);
    EXPECT_EQ(m.name, name);
    EXPECT_NO_THROW(validate(m));
    EXPECT_EQ(total_macs(m), kExpectedMacs.at(name));
    EXPECT_FALSE(zoo_description(name).empty());
  }
}

TEST(Zoo, UnknownNameListsTheKnownOnes) {
  try {
    zoo_model("resnet-50");
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("unknown model 'resnet-50' (known: dscnn-s, dscnn-m,", 0), 0u) << e.what();
  }
}

TEST(Zoo, ModelsAreDeterministic) { EXPECT_EQ(zoo_model("micronet-kws-m"), zoo_model("micronet-kws-m")); }

// FNV-1a over every constant byte and every scale's bits: changes if the PRNG or the weight recipe changes on any
// platform or standard library.
uint64_t weights_hash(const Model& m) {
  uint64_t h = 0xcbf29ce484222325ULL;
  const auto mix = [&h](uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) h = (h ^ ((v >> (8 * i)) & 0xff)) * 0x100000001b3ULL;
  };
  for (const Tensor& t : m.tensors) {
    for (int8_t v : t.int8_data) mix(static_cast<uint8_t>(v), 1);
    for (int32_t v : t.int32_data) mix(static_cast<uint32_t>(v), 4);
    for (float s : t.quant.scale) mix(std::bit_cast<uint32_t>(s), 4);
    for (int32_t z : t.quant.zero_point) mix(static_cast<uint32_t>(z), 4);
  }
  return h;
}

TEST(Zoo, GoldenWeightsHash) { EXPECT_EQ(weights_hash(zoo_model("dscnn-s")), 0x991dc85ce8f6404cULL); }

TEST(Zoo, QuantisationIsRealistic) {
  const Model m = zoo_model("dscnn-s");
  for (const Layer& l : m.layers) {
    const Quantisation& q = m.tensors[l.outputs[0]].quant;
    EXPECT_GE(q.scale[0], 1.0f / 256.0f) << l.name;
    EXPECT_LE(q.scale[0], 0.1f) << l.name;
    if (l.op != OpType::Conv2D && l.op != OpType::DepthwiseConv2D) continue;
    const Tensor& w = m.tensors[l.inputs[1]];
    const int32_t cout = w.shape.dims[0];
    // Per-channel scale = max |w| / 127: every channel reaches +-127 (conv weights are [Cout, Kh, Kw, Cin]).
    if (l.op == OpType::Conv2D) {
      const size_t per = w.int8_data.size() / cout;
      for (int32_t c = 0; c < cout; ++c) {
        int peak = 0;
        for (size_t i = 0; i < per; ++i) peak = std::max(peak, std::abs(int{w.int8_data[c * per + i]}));
        EXPECT_EQ(peak, 127) << l.name << " channel " << c;
      }
    }
    for (const ref::Requant& qm : output_multipliers(l, m)) {
      EXPECT_GE(qm.multiplier, 1 << 30);
      EXPECT_LT(qm.shift, 1);
    }
  }
}

TEST(Zoo, DsCnnSShapesMatchTheTflite) {
  const Model m = zoo_model("dscnn-s");
  // ds_cnn_s_quantized.tflite: conv 10x4 s2 SAME -> 25x5x64; TFLite's SAME pads: 9 rows (4 before),
  // 2 columns (1 before)
  const Layer& conv = m.layers[0];
  EXPECT_EQ(m.tensors[conv.outputs[0]].shape, (TensorShape{{1, 25, 5, 64}}));
  EXPECT_EQ(conv.pad, (PadAmounts{4, 5, 1, 1, 0, 0}));
  EXPECT_EQ(m.tensors[m.outputs[0]].shape, (TensorShape{{1, 12}}));
}

}  // namespace
}  // namespace mcuprof
