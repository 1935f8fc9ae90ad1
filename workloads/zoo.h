// The built-in model zoo: the reference architectures of ../shared/reference/models.md rebuilt layer by layer, with
// deterministic random weights and realistic int8 quantisation (see ModelBuilder).
#pragma once

#include <string>
#include <vector>

#include "workloads/model.h"

namespace mcuprof {

std::vector<std::string> zoo_names();                  // in models.md's order
Model zoo_model(const std::string& name);              // throws std::runtime_error for an unknown name
std::string zoo_description(const std::string& name);  // one line; throws like zoo_model

}  // namespace mcuprof
