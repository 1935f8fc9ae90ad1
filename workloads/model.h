// The model IR: a small graph of int8 layers with shapes, quantisation and constant weights, in execution order.
// Semantics follow TFLite's int8 scheme (see ../shared/reference/models.md): activations per-tensor asymmetric, conv
// and depthwise weights per-output-channel symmetric, fully-connected weights per-tensor, int32 bias with scale
// input_scale * weight_scale[c].
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernels/reference/requantize.h"

namespace mcuprof {

// NHWC (rank 4) for feature maps; any rank for flat tensors and weights.
struct TensorShape {
  std::vector<int32_t> dims;

  int64_t elements() const;
  bool is_nhwc() const { return dims.size() == 4; }
  int32_t height() const { return dims.at(1); }
  int32_t width() const { return dims.at(2); }
  int32_t channels() const { return dims.back(); }
  std::string to_string() const;  // e.g. "1x49x10x1"
  bool operator==(const TensorShape&) const = default;
};

enum class DataType { Int8, Int32, Int4Packed };  // Int4Packed: two signed nibbles per byte, low nibble first

// real = scale[i] * (q - zero_point[i]); one entry per tensor, or one per output channel (weights).
struct Quantisation {
  std::vector<float> scale;
  std::vector<int32_t> zero_point;
  bool operator==(const Quantisation&) const = default;
};

struct Tensor {
  std::string name;
  TensorShape shape;
  DataType type = DataType::Int8;
  Quantisation quant;
  std::vector<int8_t> int8_data;    // constant Int8 / Int4Packed data (packed bytes), empty for activations
  std::vector<int32_t> int32_data;  // constant Int32 data (bias)

  bool is_constant() const { return !int8_data.empty() || !int32_data.empty(); }
  int64_t byte_size() const;  // storage size: int8 1, int32 4, int4 half a byte (rounded up)
  bool operator==(const Tensor&) const = default;
};

// Mul: elementwise int8 product of two equal-shaped tensors (TFLite MUL). Quantize: int8 -> int8 requantisation to the
// output tensor's scale and zero point, clamped to the layer's activation range (TFLite QUANTIZE between int8 tensors,
// and standalone RELU / RELU6, which TFLite computes the same way).
enum class OpType {
  Conv2D,
  DepthwiseConv2D,
  FullyConnected,
  AveragePool2D,
  MaxPool2D,
  Add,
  Pad,
  Reshape,
  Softmax,
  Mul,
  Quantize
};
enum class Padding { Same, Valid };
enum class Activation { None, Relu, Relu6 };

std::string_view op_name(OpType);  // "conv2d", "depthwise_conv2d", ... (the JSON spelling)
std::optional<OpType> op_from_name(std::string_view);
std::string_view padding_name(Padding);
std::optional<Padding> padding_from_name(std::string_view);
std::string_view activation_name(Activation);
std::optional<Activation> activation_from_name(std::string_view);

// Explicit padding amounts, as TFLite computes them for SAME (total = max((out-1)*stride + k - in, 0), the smaller half
// before) and zero for VALID. For Pad layers: amounts on the H, W and C axes.
struct PadAmounts {
  int32_t top = 0, bottom = 0, left = 0, right = 0, channels_before = 0, channels_after = 0;
  bool operator==(const PadAmounts&) const = default;
};

// Inputs: Conv2D / DepthwiseConv2D / FullyConnected [input, weights, bias]; Add / Mul [a, b]; others [input].
// Weights: Conv2D [Cout, Kh, Kw, Cin]; DepthwiseConv2D [1, Kh, Kw, Cin*mult]; FullyConnected [out, in].
struct Layer {
  std::string name;
  OpType op = OpType::Conv2D;
  std::vector<int> inputs;
  std::vector<int> outputs;
  int32_t kernel_h = 1, kernel_w = 1, stride_h = 1, stride_w = 1;
  Padding padding = Padding::Valid;
  PadAmounts pad;
  int32_t depth_multiplier = 1;
  Activation activation = Activation::None;
  bool operator==(const Layer&) const = default;
};

struct Model {
  std::string name;
  std::vector<Tensor> tensors;
  std::vector<Layer> layers;  // execution order
  std::vector<int> inputs, outputs;
  bool operator==(const Model&) const = default;
};

// The output shape of `layer` computed from its input shapes and parameters (SAME: ceil(in/stride); VALID:
// ceil((in-k+1)/stride)). Reshape keeps its declared output shape. Throws std::runtime_error naming the layer.
TensorShape infer_output_shape(const Layer& layer, const Model& model);
// TFLite's explicit padding for a windowed op over `in` (SAME or VALID).
PadAmounts compute_padding(Padding padding, const TensorShape& in, int32_t kh, int32_t kw, int32_t sh, int32_t sw);

// Checks tensor ids, shapes layer to layer (inputs, weights, bias, outputs), quantisation sizes and constant data
// sizes. Throws std::runtime_error "model 'm', layer 3 (conv2d 'name'): ..." on the first problem.
void validate(const Model& model);

// Counting ops (models.md): CONV Ho*Wo*Cout*Kh*Kw*Cin, DW Ho*Wo*C*Kh*Kw*mult (C the input channels), FC in*out,
// others 0. One MAC = 2 ops.
int64_t macs(const Layer& layer, const Model& model);
int64_t total_macs(const Model& model);
inline int64_t ops(int64_t mac_count) { return 2 * mac_count; }
// Bytes of all constant tensors (weights and biases), at their storage type.
int64_t parameter_bytes(const Model& model);

// Requantisation parameters for the kernels (kernels/reference/requantize.h): per output channel of a Conv2D /
// DepthwiseConv2D (one per channel) or FullyConnected (one): input_scale * weight_scale[c] / output_scale.
std::vector<ref::Requant> output_multipliers(const Layer& layer, const Model& model);
ref::Activation to_ref(Activation act);
// The quantised clamp range of the layer's fused activation in its output's int8 domain.
ref::ActivationRange activation_range(const Layer& layer, const Model& model);

// Deterministic pseudo-random numbers (splitmix64), identical on every platform and standard library.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t next();
  double uniform();                             // [0, 1), 53 bits
  int32_t uniform_int(int32_t lo, int32_t hi);  // [lo, hi]

 private:
  uint64_t state_;
};

struct QuantParams {
  float scale = 0.05f;
  int32_t zero_point = 0;
};

// Builds a model layer by layer: each call appends a layer reading the given tensor id(s), creates its output tensor
// with the inferred shape and realistic quantisation, and its weights and bias with deterministic random values drawn
// from `seed`; returns the output tensor id. Activation scales are drawn from [0.02, 0.1] (RELU6: 6/255, zero point
// -128; RELU: zero point -128; none: zero point in [-20, 20]); weight scales are each channel's max |w| / 127.
class ModelBuilder {
 public:
  ModelBuilder(std::string name, TensorShape input_shape, QuantParams input_quant, uint64_t seed);

  int input() const { return model_.inputs.front(); }
  int conv2d(int in, int32_t out_channels, int32_t kh, int32_t kw, int32_t sh, int32_t sw, Padding padding,
             Activation act);
  int depthwise_conv2d(int in, int32_t kh, int32_t kw, int32_t sh, int32_t sw, Padding padding, Activation act,
                       int32_t depth_multiplier = 1);
  int fully_connected(int in, int32_t out_features, Activation act);
  int average_pool2d(int in, int32_t kh, int32_t kw, int32_t sh, int32_t sw, Padding padding);
  int max_pool2d(int in, int32_t kh, int32_t kw, int32_t sh, int32_t sw, Padding padding);
  int global_average_pool2d(int in);  // an average pool over the whole feature map
  // Pads `in` with zero-point channels up to `channels` (MicroNet-VWW-2 widens the narrower side of a residual ADD
  // this way); returns `in` when it already has that many.
  int pad_channels_to(int in, int32_t channels);
  int add(int a, int b, Activation act);
  int pad(int in, PadAmounts amounts);  // zero-point padding of the H, W and C axes
  int reshape(int in, TensorShape shape);
  int softmax(int in);

  Model& model() { return model_; }        // to adjust tensors (e.g. given weights) between calls
  Model finish(std::vector<int> outputs);  // validates

 private:
  int add_tensor(Tensor t);
  int append(Layer layer, std::optional<QuantParams> out_quant, TensorShape declared = {});
  QuantParams activation_quant(Activation act);
  int weighted(Layer layer, std::vector<int32_t> weight_dims, int32_t out_channels, bool per_channel);
  int pool(OpType op, int in, int32_t kh, int32_t kw, int32_t sh, int32_t sw, Padding padding);

  Model model_;
  SplitMix64 rng_;
};

}  // namespace mcuprof
