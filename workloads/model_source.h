// What `mcuprof profile MODEL` accepts: a zoo name (workloads/zoo.h), a model JSON file (workloads/model_json.h) or
// a .tflite file (workloads/tflite). std::runtime_error with one line naming MODEL when it is none of these.
#pragma once
#include <string>

#include "workloads/model.h"

namespace mcuprof {

Model load_model(const std::string& spec);

}  // namespace mcuprof
