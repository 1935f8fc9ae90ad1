// The hand-writable JSON form of a model.
//
// A model is an object with a "name", an "input", a list of "layers" run in order, and optionally a "seed" (default 1)
// from which every weight, bias and quantisation parameter not given is drawn (deterministically, see ModelBuilder)
// and "outputs" (default: the last layer's output). A layer reads the previous layer's output unless it names its
// "inputs": a list of layer indices (0-based; the layer's output) or "input" (the model input).
//
// Layer fields (defaults in brackets):
//   "op"            conv2d | depthwise_conv2d | fully_connected | average_pool2d | max_pool2d | add | pad | reshape |
//                   softmax
//   "out_channels"  conv2d and fully_connected: output channels / features
//   "kernel"        [h, w]: conv2d, depthwise_conv2d, the pools
//   "stride"        [h, w] [[1, 1]]
//   "padding"       "same" | "valid" ["valid"]; SAME pads as TFLite does (the smaller half before)
//   "depth_multiplier"  depthwise_conv2d [1]
//   "activation"    "none" | "relu" | "relu6" ["none"]: conv2d, depthwise_conv2d, fully_connected, add
//   "pad"           pad: {"top", "bottom", "left", "right", "channels_before", "channels_after"} [0 each]
//   "shape"         reshape: the output shape
//   "weights"       "random" [default] or {"values": [int8...], "scales": [float...], "type": "int8" | "int4_packed"}
//                   (conv2d [Cout,Kh,Kw,Cin] and depthwise [1,Kh,Kw,C] layout, one scale per output channel;
//                   fully_connected [out,in], one scale; int4_packed values are bytes of two nibbles, low first)
//   "bias"          "random" [default] or {"values": [int32...]} (scale input_scale * weight_scale[c])
//   "output"        {"scale": float, "zero_point": int} [drawn: RELU6 6/255 and -128; RELU zero point -128; scale in
//                   [0.02, 0.1]]. Pools, pad and reshape keep their input's quantisation (a given "output" must equal
//                   it); softmax uses 1/256, -128.
//
// Example (a tiny keyword spotter):
//   {
//     "name": "tiny-kws",
//     "seed": 7,
//     "input": {"shape": [1, 49, 10, 1], "scale": 0.1, "zero_point": 0},
//     "layers": [
//       {"op": "conv2d", "out_channels": 16, "kernel": [10, 4], "stride": [2, 2], "padding": "same",
//        "activation": "relu", "output": {"scale": 0.05, "zero_point": -128}},
//       {"op": "depthwise_conv2d", "kernel": [3, 3], "padding": "same", "activation": "relu"},
//       {"op": "conv2d", "out_channels": 16, "kernel": [1, 1], "activation": "relu"},
//       {"op": "add", "inputs": [0, 2]},
//       {"op": "average_pool2d", "kernel": [25, 5]},
//       {"op": "reshape", "shape": [1, 16]},
//       {"op": "fully_connected", "out_channels": 2,
//        "weights": {"values": [1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12, 13, -14, 15, -16,
//                               16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1], "scales": [0.01]},
//        "bias": {"values": [100, -100]}},
//       {"op": "softmax"}
//     ]
//   }
//
// write_model_json writes every layer with explicit inputs, parameters, weights, biases and output quantisation, so
// reading it back gives an equal Model.
#pragma once

#include <string>

#include "workloads/model.h"

namespace mcuprof {

// Errors are std::runtime_error "ORIGIN: layer 3 (conv2d): field 'kernel' ..." (or "ORIGIN: invalid JSON: ...").
Model parse_model_json(const std::string& text, const std::string& origin);
Model read_model_json(const std::string& path);
std::string model_to_json(const Model& model);  // pretty-printed
void write_model_json(const Model& model, const std::string& path);
// A content hash of the model (16 hex digits, FNV-1a 64 over its JSON form without the name): equal for equal graphs,
// weights and quantisation whatever they are called.
std::string model_content_hash(const Model& model);

}  // namespace mcuprof
