// Importing TensorFlow Lite int8 models (.tflite flatbuffers) into the model IR (workloads/model.h).
//
// The file is verified with the flatbuffers Verifier against mcuprof's schema subset (tflite_subset.fbs) before any
// field is read; operators map to IR layers with the file's own weights, biases and quantisation (per-channel and
// per-tensor). What the import changes, it reports as notes:
// - QUANTIZE / DEQUANTIZE at the graph's edges (float32 or uint8 model inputs and outputs) are stripped: mcuprof
//   profiles the int8 core, whose input is the first QUANTIZE's int8 output and whose output is the last DEQUANTIZE's
//   (or int8 -> uint8 QUANTIZE's) int8 input; a deployed model does the same conversion outside the int8 kernels.
// - SHAPE, STRIDED_SLICE and PACK over constants (what converters leave behind to compute a RESHAPE's shape) are
//   folded into constants.
// - MEAN over height and width becomes an AVERAGE_POOL_2D over the whole plane (plus a requantisation when its output
//   quantisation differs, a RESHAPE when keep_dims is false): the same mean, but rounded as the pool rounds, so it can
//   differ from TFLite's own MEAN kernel by a step; standalone RELU / RELU6 and int8 -> int8 QUANTIZE become Quantize
//   layers (requantisation with the activation's clamp, which is how TFLite computes them).
// Anything else (an unsupported operator, type or option; a truncated, corrupted or non-TFLite file) throws
// std::runtime_error with one line naming the file, the operator index and name, and the problem.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "workloads/model.h"

namespace mcuprof {

struct TfliteImport {
  Model model;
  std::vector<std::string> notes;  // what the import stripped, folded or rewrote, one line each
};

// `bytes`: a whole .tflite file; `origin` names it in errors and becomes the model's name.
TfliteImport import_tflite_bytes(std::span<const uint8_t> bytes, const std::string& origin);
TfliteImport import_tflite_file(const std::string& path);
// The entry point for `mcuprof profile model.tflite`: the model of import_tflite_file (named after the file's stem).
Model import_tflite(const std::string& path);

}  // namespace mcuprof
