// MUL (int8, elementwise).
#include "kernels/reference/detail.h"
#include "kernels/reference/kernels.h"

namespace mcuprof::ref {

using detail::require;

MulParams make_mul_params(double scale1, int32_t zero_point1, double scale2, int32_t zero_point2, double output_scale,
                          int32_t output_zero_point, ActivationRange act) {
  require(scale1 > 0 && scale2 > 0 && output_scale > 0, "make_mul_params", "scales must be positive");
  return MulParams{-zero_point1, -zero_point2, quantize_multiplier(scale1 * scale2 / output_scale), output_zero_point,
                   act};
}

void mul_s8(const MulParams& p, std::span<const int8_t> input1, std::span<const int8_t> input2,
            std::span<int8_t> output) {
  constexpr const char* k = "mul_s8";
  require(input1.size() == output.size() && input2.size() == output.size(), k, "input and output sizes differ");
  require(detail::valid_range(p.act), k, "activation range outside int8");
  for (size_t i = 0; i < output.size(); ++i) {
    // |product| <= 256 * 256 (offsets are int8 zero points negated), so it fits int32.
    const int32_t product = (input1[i] + p.input1_offset) * (input2[i] + p.input2_offset);
    output[i] = detail::clamp_to(multiply_by_quantized_multiplier(product, p.output) + p.output_offset, p.act);
  }
}

}  // namespace mcuprof::ref
