// Requantisation between int8 tensors (QUANTIZE int8 -> int8, standalone RELU / RELU6).
#include "kernels/reference/detail.h"
#include "kernels/reference/kernels.h"

namespace mcuprof::ref {

using detail::require;

RequantizeParams make_requantize_params(double input_scale, int32_t input_zero_point, double output_scale,
                                        int32_t output_zero_point, ActivationRange act) {
  require(input_scale > 0 && output_scale > 0, "make_requantize_params", "scales must be positive");
  return RequantizeParams{-input_zero_point, quantize_multiplier(input_scale / output_scale), output_zero_point, act};
}

void requantize_s8(const RequantizeParams& p, std::span<const int8_t> input, std::span<int8_t> output) {
  constexpr const char* k = "requantize_s8";
  require(input.size() == output.size(), k, "input and output sizes differ");
  require(detail::valid_range(p.act), k, "activation range outside int8");
  for (size_t i = 0; i < output.size(); ++i)
    output[i] = detail::clamp_to(multiply_by_quantized_multiplier(input[i] + p.input_offset, p.output) + p.output_offset,
                                 p.act);
}

}  // namespace mcuprof::ref
