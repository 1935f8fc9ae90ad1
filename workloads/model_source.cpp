#include "workloads/model_source.h"

#include <algorithm>
#include <stdexcept>

#include "workloads/model_json.h"
#include "workloads/tflite/tflite_import.h"
#include "workloads/zoo.h"

namespace mcuprof {

namespace {
bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

Model load_model(const std::string& spec) {
  if (ends_with(spec, ".json")) return read_model_json(spec);
  if (ends_with(spec, ".tflite")) return import_tflite(spec);
  const std::vector<std::string> names = zoo_names();
  if (std::find(names.begin(), names.end(), spec) != names.end()) return zoo_model(spec);
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  throw std::runtime_error("unknown model '" + spec + "': give a zoo name (" + list + ") a .json model file or a .tflite file");
}

}  // namespace mcuprof
