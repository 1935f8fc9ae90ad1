#include "workloads/tflite/tflite_graph.h"

#include <algorithm>
#include <stdexcept>

namespace mcuprof {

namespace {

constexpr int64_t kMaxElements = int64_t{1} << 30;

template <typename T>
size_t size_of(const flatbuffers::Vector<T>* v) {
  return v ? v->size() : 0;
}

std::vector<int> indices(const flatbuffers::Vector<int32_t>* v) {
  return v ? std::vector<int>(v->begin(), v->end()) : std::vector<int>{};
}

}  // namespace

TfliteGraph::TfliteGraph(std::span<const uint8_t> bytes, std::string origin) : bytes_(bytes), origin_(std::move(origin)) {
  // A flatbuffer starts with the root table's uoffset (4 bytes) and the file identifier (4 bytes).
  if (bytes.size() < 8) fail("not a TFLite file (" + std::to_string(bytes.size()) + " bytes, too short)");
  if (!tflite::ModelBufferHasIdentifier(bytes.data())) fail("not a TFLite file (no \"TFL3\" file identifier)");
  flatbuffers::Verifier verifier(bytes.data(), bytes.size());
  if (!tflite::VerifyModelBuffer(verifier)) fail("corrupted or truncated TFLite file (flatbuffer verification failed)");
  model_ = tflite::GetModel(bytes.data());
  if (size_of(model_->subgraphs()) == 0) fail("the model has no subgraph");
  subgraph_ = model_->subgraphs()->Get(0);
}

void TfliteGraph::fail(const std::string& what) const { throw std::runtime_error(origin_ + ": " + what); }

size_t TfliteGraph::subgraph_count() const { return size_of(model_->subgraphs()); }
size_t TfliteGraph::tensor_count() const { return size_of(subgraph_->tensors()); }
size_t TfliteGraph::operator_count() const { return size_of(subgraph_->operators()); }

const tflite::Operator& TfliteGraph::op(size_t index) const {
  if (index >= operator_count()) fail("operator " + std::to_string(index) + " out of range");
  return *subgraph_->operators()->Get(static_cast<flatbuffers::uoffset_t>(index));
}

namespace {
const tflite::OperatorCode* code_of(const tflite::Model& m, const tflite::Operator& op) {
  const uint32_t i = op.opcode_index();
  return i < size_of(m.operator_codes()) ? m.operator_codes()->Get(i) : nullptr;
}
}  // namespace

tflite::BuiltinOperator TfliteGraph::op_code(size_t index) const {
  const tflite::OperatorCode* code = code_of(*model_, op(index));
  if (!code) fail("operator " + std::to_string(index) + ": operator code index " +
                  std::to_string(op(index).opcode_index()) + " out of range");
  // Schema 3a: old files set only deprecated_builtin_code (a byte), new ones also builtin_code; the larger is right.
  return static_cast<tflite::BuiltinOperator>(
      std::max<int32_t>(code->deprecated_builtin_code(), static_cast<int32_t>(code->builtin_code())));
}

std::string TfliteGraph::op_code_name(size_t index) const {
  const tflite::BuiltinOperator code = op_code(index);
  if (code == tflite::BuiltinOperator_CUSTOM) {
    const flatbuffers::String* custom = code_of(*model_, op(index))->custom_code();
    return "CUSTOM '" + (custom ? custom->str() : std::string()) + "'";
  }
  const std::string name = tflite::EnumNameBuiltinOperator(code);
  return name.empty() ? "BUILTIN_" + std::to_string(static_cast<int32_t>(code)) : name;
}

namespace {
void check_indices(const TfliteGraph& g, const std::vector<int>& ids, const std::string& where, bool optional_ok) {
  for (int id : ids)
    if ((id < 0 && !(optional_ok && id == -1)) || (id >= 0 && static_cast<size_t>(id) >= g.tensor_count()))
      g.fail(where + ": tensor index " + std::to_string(id) + " out of range");
}
}  // namespace

std::vector<int> TfliteGraph::inputs(size_t i) const {
  std::vector<int> ids = indices(op(i).inputs());
  check_indices(*this, ids, "operator " + std::to_string(i), true);
  return ids;
}
std::vector<int> TfliteGraph::outputs(size_t i) const {
  std::vector<int> ids = indices(op(i).outputs());
  check_indices(*this, ids, "operator " + std::to_string(i), false);
  return ids;
}
std::vector<int> TfliteGraph::graph_inputs() const {
  std::vector<int> ids = indices(subgraph_->inputs());
  check_indices(*this, ids, "subgraph inputs", false);
  return ids;
}
std::vector<int> TfliteGraph::graph_outputs() const {
  std::vector<int> ids = indices(subgraph_->outputs());
  check_indices(*this, ids, "subgraph outputs", false);
  return ids;
}

const tflite::Tensor& TfliteGraph::tensor(int index) const {
  if (index < 0 || static_cast<size_t>(index) >= tensor_count())
    fail("tensor index " + std::to_string(index) + " out of range");
  return *subgraph_->tensors()->Get(static_cast<flatbuffers::uoffset_t>(index));
}

std::string TfliteGraph::tensor_name(int index) const {
  const flatbuffers::String* name = tensor(index).name();
  return "'" + (name ? name->str() : std::string()) + "' (tensor " + std::to_string(index) + ")";
}

std::vector<int32_t> TfliteGraph::shape(int index) const {
  const tflite::Tensor& t = tensor(index);
  std::vector<int32_t> dims = t.shape() ? std::vector<int32_t>(t.shape()->begin(), t.shape()->end()) : std::vector<int32_t>{};
  int64_t elements = 1;
  for (int32_t d : dims) {
    if (d < 1) fail("tensor " + tensor_name(index) + " has a dimension " + std::to_string(d) + " (must be >= 1)");
    elements *= d;
    if (elements > kMaxElements) fail("tensor " + tensor_name(index) + " has more than 2^30 elements");
  }
  return dims;
}

std::span<const uint8_t> TfliteGraph::constant_bytes(int index) const {
  const uint32_t b = tensor(index).buffer();
  if (b >= size_of(model_->buffers()))
    fail("tensor " + tensor_name(index) + ": buffer index " + std::to_string(b) + " out of range");
  const tflite::Buffer& buffer = *model_->buffers()->Get(b);
  // Buffers kept outside the flatbuffer (models over 2 GB): offset from the file's start, valid when > 1.
  if (buffer.offset() > 1) {
    if (buffer.offset() > bytes_.size() || buffer.size() > bytes_.size() - buffer.offset())
      fail("tensor " + tensor_name(index) + ": buffer " + std::to_string(b) + " lies outside the file");
    return bytes_.subspan(buffer.offset(), buffer.size());
  }
  if (!buffer.data()) return {};
  return {buffer.data()->data(), buffer.data()->size()};
}

}  // namespace mcuprof
