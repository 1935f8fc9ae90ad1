// A verified .tflite flatbuffer's main subgraph with checked accessors: every index the file holds (operator code,
// tensor, buffer) is range-checked before use, so a corrupted file gives an error, never an out-of-bounds read. The
// flatbuffers Verifier has checked the buffer's structure (offsets, vector sizes, strings) before this class reads it.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "workloads/tflite/tflite_subset_generated.h"

namespace mcuprof {

class TfliteGraph {
 public:
  // Throws std::runtime_error "<origin>: ..." for a file too short, without the "TFL3" identifier, failing
  // verification, or without a subgraph.
  TfliteGraph(std::span<const uint8_t> bytes, std::string origin);

  [[noreturn]] void fail(const std::string& what) const;

  size_t subgraph_count() const;
  size_t tensor_count() const;
  size_t operator_count() const;
  const tflite::Operator& op(size_t index) const;
  // The operator's builtin code (max of the two code fields, schema 3a); fails for an opcode index out of range.
  tflite::BuiltinOperator op_code(size_t index) const;
  // "CONV_2D", or "BUILTIN_<n>" for a code this schema does not name; custom operators: "CUSTOM '<name>'".
  std::string op_code_name(size_t index) const;

  // Tensor indices of an operator's inputs / outputs (-1 for an optional input left out), each checked in range.
  std::vector<int> inputs(size_t op_index) const;
  std::vector<int> outputs(size_t op_index) const;
  std::vector<int> graph_inputs() const;
  std::vector<int> graph_outputs() const;

  const tflite::Tensor& tensor(int index) const;  // index checked
  std::string tensor_name(int index) const;       // "'name' (tensor 7)"
  std::vector<int32_t> shape(int index) const;    // dims >= 1 and element count <= 2^30 checked
  // The tensor's constant bytes (empty for activations): inline Buffer.data, or the file's [offset, offset + size)
  // for buffers stored outside the flatbuffer (checked against the file size).
  std::span<const uint8_t> constant_bytes(int index) const;

 private:
  std::span<const uint8_t> bytes_;
  std::string origin_;
  const tflite::Model* model_ = nullptr;
  const tflite::SubGraph* subgraph_ = nullptr;
};

}  // namespace mcuprof
