// A whole model on the host reference kernels (kernels/reference): the values a correct int8 runtime computes, to
// compare the simulated inference with bit for bit. Layers with int4 (Int4Packed) weights run the w4a8 references.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "workloads/model.h"

namespace mcuprof {

// Every tensor's values after one inference (constants empty), indexed by tensor id. `input` is the model input's
// bytes (NHWC); std::invalid_argument when its size is wrong.
std::vector<std::vector<int8_t>> run_reference_tensors(const Model& model, std::span<const int8_t> input);
// The first model output's bytes.
std::vector<int8_t> run_reference(const Model& model, std::span<const int8_t> input);

// A deterministic pseudo-random int8 input for `model` (splitmix64 from `seed`), as `mcuprof profile` uses.
std::vector<int8_t> random_input(const Model& model, uint64_t seed);

}  // namespace mcuprof
