// Small .tflite files for the importer's tests, written with the flatbuffers builder and the C++ API flatc generates
// from mcuprof's schema subset (workloads/tflite/tflite_subset.fbs): tensors, constant buffers, operators with their
// options, and the model's inputs and outputs. The file layout is the real format's, so the importer reads these
// exactly as it reads a converter's output.
#pragma once
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "workloads/tflite/tflite_subset_generated.h"

namespace mcuprof::test {

class TfliteTestModel {
 public:
  using Options = std::function<flatbuffers::Offset<void>(flatbuffers::FlatBufferBuilder&)>;

  struct TensorSpec {
    std::vector<int32_t> shape;
    tflite::TensorType type = tflite::TensorType_INT8;
    std::vector<float> scales;
    std::vector<int64_t> zero_points;
    std::vector<uint8_t> data;  // empty: an activation
    int32_t quantized_dimension = 0;
    std::string name;
    bool external = false;  // data stored after the flatbuffer (Buffer.offset / size, as models over 2 GB do)
  };

  int tensor(TensorSpec spec) {
    if (spec.name.empty()) spec.name = std::string("t").append(std::to_string(tensors_.size()));  // GCC 12 -Wrestrict
    tensors_.push_back(std::move(spec));
    return static_cast<int>(tensors_.size()) - 1;
  }
  // Any tensor, exactly as given (the importer's checks are what the tests exercise).
  int raw(std::vector<int32_t> shape, tflite::TensorType type, std::vector<float> scales,
          std::vector<int64_t> zero_points, std::vector<uint8_t> data = {}, bool external = false) {
    TensorSpec spec;
    spec.shape = std::move(shape);
    spec.type = type;
    spec.scales = std::move(scales);
    spec.zero_points = std::move(zero_points);
    spec.data = std::move(data);
    spec.external = external;
    return tensor(std::move(spec));
  }
  int activation(std::vector<int32_t> shape, float scale, int64_t zero_point,
                 tflite::TensorType type = tflite::TensorType_INT8) {
    return tensor({std::move(shape), type, {scale}, {zero_point}, {}, 0, ""});
  }
  // An unquantised tensor without data: a float edge tensor, or the int32 result of a shape operator.
  int plain(std::vector<int32_t> shape, tflite::TensorType type) {
    TensorSpec spec;
    spec.shape = std::move(shape);
    spec.type = type;
    return tensor(std::move(spec));
  }
  int float_activation(std::vector<int32_t> shape) { return plain(std::move(shape), tflite::TensorType_FLOAT32); }
  // Symmetric int8 weights: one scale (per tensor) or one per index of `quantized_dimension`.
  int weights(std::vector<int32_t> shape, const std::vector<int8_t>& values, std::vector<float> scales,
              int32_t quantized_dimension = 0) {
    std::vector<uint8_t> bytes(values.size());
    std::memcpy(bytes.data(), values.data(), values.size());
    const std::vector<int64_t> zeros(scales.size(), 0);
    return tensor({std::move(shape), tflite::TensorType_INT8, std::move(scales), zeros, bytes, quantized_dimension, ""});
  }
  int int32_constant(std::vector<int32_t> shape, const std::vector<int32_t>& values) {
    std::vector<uint8_t> bytes(4 * values.size());
    std::memcpy(bytes.data(), values.data(), bytes.size());
    return tensor({std::move(shape), tflite::TensorType_INT32, {}, {}, bytes, 0, ""});
  }

  // An operator; `options` builds its options table (of union member `type`) when the file is written.
  void op(tflite::BuiltinOperator code, std::vector<int> inputs, std::vector<int> outputs,
          tflite::BuiltinOptions type = tflite::BuiltinOptions_NONE, Options options = nullptr) {
    ops_.push_back({code, std::move(inputs), std::move(outputs), type, std::move(options)});
  }

  // The file: the flatbuffer, followed by the data of external tensors (whose Buffer offsets point there; the
  // flatbuffer's size does not depend on the offsets' values, so a first build measures it).
  std::vector<uint8_t> finish(const std::vector<int>& inputs, const std::vector<int>& outputs) const {
    std::vector<uint8_t> file = build(inputs, outputs, 2);
    file = build(inputs, outputs, file.size());
    for (const TensorSpec& t : tensors_)
      if (t.external) file.insert(file.end(), t.data.begin(), t.data.end());
    return file;
  }

 private:
  std::vector<uint8_t> build(const std::vector<int>& inputs, const std::vector<int>& outputs, uint64_t external_at) const {
    flatbuffers::FlatBufferBuilder b;
    std::vector<flatbuffers::Offset<tflite::Buffer>> buffers{tflite::CreateBuffer(b)};  // buffer 0: empty
    std::vector<flatbuffers::Offset<tflite::Tensor>> tensors;
    for (const TensorSpec& t : tensors_) {
      uint32_t buffer = 0;
      if (t.external) {
        buffers.push_back(tflite::CreateBuffer(b, 0, external_at, t.data.size()));
        external_at += t.data.size();
      } else if (!t.data.empty()) {
        b.ForceVectorAlignment(t.data.size(), 1, 16);
        buffers.push_back(tflite::CreateBuffer(b, b.CreateVector(t.data)));
      }
      if (t.external || !t.data.empty()) buffer = static_cast<uint32_t>(buffers.size()) - 1;
      const auto quant =
          t.scales.empty() ? 0
                           : tflite::CreateQuantizationParameters(b, 0, 0, b.CreateVector(t.scales),
                                                                  b.CreateVector(t.zero_points), tflite::QuantizationDetails_NONE,
                                                                  0, t.quantized_dimension);
      tensors.push_back(tflite::CreateTensor(b, b.CreateVector(t.shape), t.type, buffer, b.CreateString(t.name), quant));
    }
    std::vector<tflite::BuiltinOperator> codes;
    std::vector<flatbuffers::Offset<tflite::Operator>> operators;
    for (const OpSpec& o : ops_) {
      auto it = std::find(codes.begin(), codes.end(), o.code);
      if (it == codes.end()) it = codes.insert(codes.end(), o.code);
      const auto options = o.options ? o.options(b) : 0;
      operators.push_back(tflite::CreateOperator(b, static_cast<uint32_t>(it - codes.begin()), b.CreateVector(o.inputs),
                                                 b.CreateVector(o.outputs), o.type, options));
    }
    std::vector<flatbuffers::Offset<tflite::OperatorCode>> op_codes;
    for (tflite::BuiltinOperator c : codes)  // as converters write them since schema 3a: both code fields
      op_codes.push_back(tflite::CreateOperatorCode(b, static_cast<int8_t>(std::min<int32_t>(c, 127)), 0, 1, c));
    const auto subgraph = tflite::CreateSubGraph(b, b.CreateVector(tensors), b.CreateVector(inputs),
                                                 b.CreateVector(outputs), b.CreateVector(operators), b.CreateString("main"));
    const auto model = tflite::CreateModel(b, 3, b.CreateVector(op_codes), b.CreateVector(&subgraph, 1),
                                           b.CreateString("mcuprof test"), b.CreateVector(buffers));
    tflite::FinishModelBuffer(b, model);
    return {b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize()};
  }

  struct OpSpec {
    tflite::BuiltinOperator code;
    std::vector<int> inputs, outputs;
    tflite::BuiltinOptions type;
    Options options;
  };
  std::vector<TensorSpec> tensors_;
  std::vector<OpSpec> ops_;
};

}  // namespace mcuprof::test
