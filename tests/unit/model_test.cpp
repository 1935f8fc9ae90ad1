#include "workloads/model.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "workloads/model_json.h"
#include "workloads/zoo.h"
#include "tests/unit/error_of.h"

namespace mcuprof {
namespace {

using test::error_of;

// ---------------------------------------------------------------------------------------------------------------
// IR

TEST(ModelIr, SameAndValidOutputShapesAndTflitePads) {
  ModelBuilder b("t", TensorShape{{1, 49, 10, 1}}, {}, 1);
  const int same = b.conv2d(b.input(), 8, 10, 4, 2, 2, Padding::Same, Activation::Relu);
  const int valid = b.conv2d(b.input(), 8, 10, 4, 2, 2, Padding::Valid, Activation::Relu);
  const Model m = b.finish({same, valid});
  EXPECT_EQ(m.tensors[same].shape, (TensorShape{{1, 25, 5, 8}}));   // ceil(49/2), ceil(10/2)
  EXPECT_EQ(m.tensors[valid].shape, (TensorShape{{1, 20, 4, 8}}));  // ceil(40/2), ceil(7/2)
  EXPECT_EQ(m.layers[0].pad, (PadAmounts{4, 5, 1, 1, 0, 0}));       // totals 9 and 2, the smaller half before
  EXPECT_EQ(m.layers[1].pad, PadAmounts{});
  // Stride larger than the kernel: SAME needs no padding at all.
  EXPECT_EQ(compute_padding(Padding::Same, TensorShape{{1, 8, 8, 1}}, 1, 1, 2, 2), PadAmounts{});
}

TEST(ModelIr, MacsPerOp) {
  ModelBuilder b("t", TensorShape{{1, 8, 6, 4}}, {}, 1);
  int x = b.conv2d(b.input(), 5, 3, 3, 1, 1, Padding::Same, Activation::None);  // 8*6*5*9*4
  x = b.depthwise_conv2d(x, 3, 3, 2, 2, Padding::Same, Activation::Relu6, 2);   // 4*3*5*9*2
  x = b.max_pool2d(x, 2, 2, 2, 2, Padding::Valid);                              // 0
  x = b.reshape(x, TensorShape{{1, 2 * 1 * 10}});                               // 0
  x = b.fully_connected(x, 3, Activation::None);                                // 20*3
  const Model m = b.finish({b.softmax(x)});
  const std::vector<int64_t> expected = {8 * 6 * 5 * 9 * 4, 4 * 3 * 5 * 9 * 2, 0, 0, 20 * 3, 0};
  ASSERT_EQ(m.layers.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(macs(m.layers[i], m), expected[i]) << i;
  EXPECT_EQ(total_macs(m), 8640 + 1080 + 60);
  EXPECT_EQ(ops(total_macs(m)), 2 * 9780);
  // conv 5x3x3x4 int8 + 5 int32; depthwise 1x3x3x10 + 10 int32; FC 3x20 + 3 int32.
  EXPECT_EQ(parameter_bytes(m), 180 + 20 + 90 + 40 + 60 + 12);
}

TEST(ModelIr, ValidateNamesTheLayerWithTheBadShape) {
  Model m = zoo_model("dscnn-s");
  m.tensors[m.layers[2].inputs[1]].shape.dims[3] = 32;  // pointwise weights with the wrong input depth
  EXPECT_EQ(error_of([&] { validate(m); }),
            "model 'dscnn-s', layer 2 (conv2d 'conv2d_2'): weights shape 64x1x1x32, expected 64x1x1x64");
  m = zoo_model("dscnn-s");
  m.tensors[m.layers[1].outputs[0]].shape.dims[1] = 24;
  EXPECT_EQ(error_of([&] { validate(m); }),
            "model 'dscnn-s', layer 1 (depthwise_conv2d 'depthwise_conv2d_1'): output shape 1x24x5x64, expected "
            "1x25x5x64");
  m = zoo_model("dscnn-s");
  m.layers[3].inputs[0] = m.layers[4].outputs[0];
  EXPECT_EQ(error_of([&] { validate(m); }),
            "model 'dscnn-s', layer 3 (depthwise_conv2d 'depthwise_conv2d_3'): reads tensor " +
                std::to_string(m.layers[4].outputs[0]) + " before any layer writes it");
  m.layers[3].inputs[0] = 999;
  EXPECT_EQ(error_of([&] { validate(m); }),
            "model 'dscnn-s', layer 3 (depthwise_conv2d 'depthwise_conv2d_3'): tensor id 999 out of range");
  m = zoo_model("dscnn-s");
  m.tensors[m.layers[0].inputs[2]].int32_data.pop_back();
  EXPECT_NE(error_of([&] { validate(m); }).find("layer 0 (conv2d 'conv2d_0'): bias 'conv2d_0_bias' holds 252 bytes"),
            std::string::npos);
}

TEST(ModelIr, OutputMultipliersPerChannel) {
  ModelBuilder b("t", TensorShape{{1, 2, 2, 1}}, {0.5f, 0}, 1);
  const int x = b.conv2d(b.input(), 2, 1, 1, 1, 1, Padding::Valid, Activation::None);
  Model m = b.finish({x});
  m.tensors[m.layers[0].inputs[1]].quant.scale = {0.25f, 0.375f};
  m.tensors[x].quant.scale = {0.125f};
  const std::vector<ref::Requant> q = output_multipliers(m.layers[0], m);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].multiplier, 1 << 30);  // 0.5 * 0.25 / 0.125 = 1.0 = 2^30 * 2^(1-31)
  EXPECT_EQ(q[0].shift, 1);
  EXPECT_EQ(q[1].multiplier, 0x60000000);  // 1.5 = 0.75 * 2^1
  EXPECT_EQ(q[1].shift, 1);
}

TEST(ModelIr, ActivationRangeFoldsReluIntoTheClamp) {
  ModelBuilder b("t", TensorShape{{1, 4}}, {}, 1);
  const int x = b.fully_connected(b.input(), 2, Activation::Relu6);
  Model m = b.finish({x});
  Quantisation& q = m.tensors[x].quant;
  q = {{6.0f / 255.0f}, {-128}};
  EXPECT_EQ(activation_range(m.layers[0], m).min, -128);
  EXPECT_EQ(activation_range(m.layers[0], m).max, 127);
  q = {{0.1f}, {0}};
  EXPECT_EQ(activation_range(m.layers[0], m).min, 0);
  EXPECT_EQ(activation_range(m.layers[0], m).max, 60);
  m.layers[0].activation = Activation::Relu;
  q = {{0.1f}, {-10}};
  EXPECT_EQ(activation_range(m.layers[0], m).min, -10);
  EXPECT_EQ(activation_range(m.layers[0], m).max, 127);
}

TEST(ModelIr, SplitMix64MatchesTheReferenceSequence) {
  SplitMix64 r(0);
  EXPECT_EQ(r.next(), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(r.next(), 0x6e789e6aa1b965f4ULL);
}

TEST(ModelIr, BuilderRejectsImpossibleShapes) {
  ModelBuilder b("t", TensorShape{{1, 4, 4, 2}}, {}, 1);
  EXPECT_NE(error_of([&] {
              b.conv2d(b.input(), 2, 5, 5, 1, 1, Padding::Valid, Activation::None);
            }).find("kernel 5x5 larger than input 1x4x4x2 with VALID padding"),
            std::string::npos);
}

// ---------------------------------------------------------------------------------------------------------------
// JSON

// The example documented in model_json.h (read from the header itself, so the documentation stays correct).
std::string documented_example() {
  std::ifstream f(std::string(MCUPROF_SOURCE_DIR) + "/workloads/model_json.h");
  std::string line, text;
  bool in = false;
  while (std::getline(f, line)) {
    if (line.rfind("// Example", 0) == 0) {
      in = true;
    } else if (in && line == "//") {
      break;
    } else if (in) {
      text += line.substr(std::min<size_t>(line.size(), 5)) + "\n";
    }
  }
  return text;
}

TEST(ModelJson, TheDocumentedExampleReads) {
  const std::string text = documented_example();
  ASSERT_NE(text.find("tiny-kws"), std::string::npos);
  const Model m = parse_model_json(text, "example.json");
  EXPECT_EQ(m.name, "tiny-kws");
  ASSERT_EQ(m.layers.size(), 8u);
  EXPECT_EQ(m.tensors[m.layers[0].outputs[0]].shape, (TensorShape{{1, 25, 5, 16}}));
  EXPECT_EQ(m.tensors[m.layers[0].outputs[0]].quant, (Quantisation{{0.05f}, {-128}}));
  EXPECT_EQ(m.layers[3].inputs, (std::vector<int>{m.layers[0].outputs[0], m.layers[2].outputs[0]}));
  const Tensor& fc_w = m.tensors[m.layers[6].inputs[1]];
  EXPECT_EQ(fc_w.int8_data[1], -2);
  EXPECT_EQ(fc_w.quant.scale, std::vector<float>{0.01f});
  EXPECT_EQ(m.tensors[m.layers[6].inputs[2]].int32_data, (std::vector<int32_t>{100, -100}));
  EXPECT_EQ(m.tensors[m.outputs[0]].shape, (TensorShape{{1, 2}}));
  EXPECT_EQ(total_macs(m), 125 * 16 * 40 + 125 * 16 * 9 + 125 * 16 * 16 + 32);
  EXPECT_EQ(parse_model_json(text, "x"), m);  // deterministic
}

TEST(ModelJson, ZooModelsRoundTrip) {
  for (const char* name : {"micronet-vww-2", "mlperf-ic", "dscnn-s", "mlperf-ad"}) {
    SCOPED_TRACE(name);
    const Model m = zoo_model(name);
    const std::string text = model_to_json(m);
    EXPECT_EQ(parse_model_json(text, "rt.json"), m);
    EXPECT_EQ(model_to_json(parse_model_json(text, "rt.json")), text);
  }
}

TEST(ModelJson, Int4WeightsRoundTripThroughAFile) {
  Model m = parse_model_json(R"({"name": "i4", "input": {"shape": [1, 3]},
      "layers": [{"op": "fully_connected", "out_channels": 2,
                  "weights": {"type": "int4_packed", "values": [18, -1, 52], "scales": [0.5]}}]})",
                             "i4.json");
  const Tensor& w = m.tensors[m.layers[0].inputs[1]];
  EXPECT_EQ(w.type, DataType::Int4Packed);
  EXPECT_EQ(w.byte_size(), 3);
  EXPECT_EQ(parameter_bytes(m), 3 + 8);
  const std::string path = ::testing::TempDir() + "mcuprof_model_test_i4.json";
  write_model_json(m, path);
  EXPECT_EQ(read_model_json(path), m);
  std::remove(path.c_str());
}

struct BadJson {
  const char* text;
  const char* error;
};

TEST(ModelJson, MalformedInputGivesAClearError) {
  const BadJson cases[] = {
      {R"({"name": "m", "input": {"shape": [1, 4]}, "layers": [)", "m.json: invalid JSON: "},
      {R"({"input": {"shape": [1, 4]}, "layers": []})", "m.json: field 'name' is missing"},
      {R"({"name": "m", "input": {"shape": [1, 4]}, "layers": [], "extra": 1})", "m.json: unknown field 'extra'"},
      {R"({"name": "m", "input": {"shape": [1, 4]}, "layers": []})", "m.json: field 'layers' must be a non-empty list"},
      {R"({"name": "m", "input": {"shape": [1, 8, 8, 1]}, "layers": [{"op": "conv3d"}]})",
       "m.json: layer 0: field 'op' has unknown value 'conv3d'"},
      {R"({"name": "m", "input": {"shape": [1, 8, 8, 1]}, "layers": [{"op": "conv2d", "out_channels": 4}]})",
       "m.json: layer 0 (conv2d): field 'kernel' is missing"},
      {R"({"name": "m", "input": {"shape": [1, 8, 8, 1]},
           "layers": [{"op": "conv2d", "out_channels": 4, "kernel": [3, 3], "padding": "full"}]})",
       "m.json: layer 0 (conv2d): field 'padding' has unknown value 'full'"},
      {R"({"name": "m", "input": {"shape": [1, 8, 8, 1]},
           "layers": [{"op": "conv2d", "out_channels": 4, "kernel": [3], "stide": [1, 1]}]})",
       "m.json: layer 0 (conv2d): unknown field 'stide'"},
      {R"({"name": "m", "input": {"shape": [1, 8, 8, 1]},
           "layers": [{"op": "conv2d", "out_channels": "4", "kernel": [3, 3]}]})",
       "m.json: layer 0 (conv2d): field 'out_channels' must be an integer, got \"4\""},
      {R"({"name": "m", "input": {"shape": [1, 4]},
           "layers": [{"op": "fully_connected", "out_channels": 2, "weights": {"values": [1, 2, 3], "scales": [1]}}]})",
       "m.json: layer 0 (fully_connected): field 'values' has 3 entries, weights of shape 2x4 need 8"},
      {R"({"name": "m", "input": {"shape": [1, 4]},
           "layers": [{"op": "fully_connected", "out_channels": 1, "weights": {"values": [1, 2, 3, 300], "scales": [1]}}]})",
       "m.json: layer 0 (fully_connected): field 'values' value 300 is outside [-128, 127]"},
      {R"({"name": "m", "input": {"shape": [1, 4, 4, 2]},
           "layers": [{"op": "conv2d", "out_channels": 3, "kernel": [1, 1]}, {"op": "add", "inputs": ["input", 0]}]})",
       "m.json: model 'm', layer 1 (add 'add_1'): second input shape 1x4x4x3, expected 1x4x4x2"},
      {R"({"name": "m", "input": {"shape": [1, 4, 4, 2]}, "layers": [{"op": "add", "inputs": ["input", 3]}]})",
       "m.json: layer 0 (add): field 'inputs' refers to a layer but none precedes it (use \"input\")"},
      {R"({"name": "m", "input": {"shape": [1, 4, 4, 2]},
           "layers": [{"op": "softmax"}, {"op": "add", "inputs": [0, 1]}]})",
       "m.json: layer 1 (add): field 'inputs' value 1 is outside [0, 0]"},
      {R"({"name": "m", "input": {"shape": [1, 8]}, "layers": [{"op": "conv2d", "out_channels": 2, "kernel": [1, 1]}]})",
       "m.json: model 'm', layer 0 (conv2d 'conv2d_0'): input 1x8 is not NHWC"},
      {R"({"name": "m", "input": {"shape": [1, 4, 4, 2]}, "layers": [{"op": "reshape", "shape": [1, 30]}]})",
       "m.json: model 'm', layer 0 (reshape 'reshape_0'): reshape from 1x4x4x2 to 1x30 changes the element count"},
      {R"({"name": "m", "input": {"shape": [1, 4, 4, 2]},
           "layers": [{"op": "max_pool2d", "kernel": [2, 2], "output": {"scale": 0, "zero_point": 0}}]})",
       "m.json: layer 0 (max_pool2d): field 'scale' must be positive"},
  };
  for (const BadJson& c : cases) {
    const std::string error = error_of([&] { parse_model_json(c.text, "m.json"); });
    EXPECT_EQ(error.rfind(c.error, 0), 0u) << "got: " << error << "\nwant: " << c.error;
  }
  EXPECT_EQ(error_of([] {
              parse_model_json(R"({"name": "m", "input": {"shape": [1, 4, 4, 2]},
                  "layers": [{"op": "max_pool2d", "kernel": [2, 2], "output": {"scale": 0.5, "zero_point": 0}}]})",
                               "m.json");
            }),
            "m.json: model 'm', layer 0 (max_pool2d 'max_pool2d_0'): output quantisation must equal the input's");
  EXPECT_EQ(error_of([] { read_model_json("/nonexistent/model.json"); }),
            "/nonexistent/model.json: cannot open the model file");
}

}  // namespace
}  // namespace mcuprof
