// ADD, PAD and RESHAPE (int8).
#include <algorithm>

#include "kernels/reference/detail.h"
#include "kernels/reference/kernels.h"

namespace mcuprof::ref {

using detail::require;

void add_s8(const AddParams& p, std::span<const int8_t> input1, std::span<const int8_t> input2,
            std::span<int8_t> output) {
  constexpr const char* k = "add_s8";
  require(input1.size() == output.size() && input2.size() == output.size(), k, "input and output sizes differ");
  require(p.left_shift >= 0 && p.left_shift < 31, k, "left shift outside [0, 30]");
  require(detail::valid_range(p.act), k, "activation range outside int8");
  auto rescale = [&](int8_t q, int32_t offset, Requant m) {
    return multiply_by_quantized_multiplier((q + offset) * (int32_t{1} << p.left_shift), m);
  };
  for (size_t i = 0; i < output.size(); ++i) {
    const int32_t sum = rescale(input1[i], p.input1_offset, p.input1) + rescale(input2[i], p.input2_offset, p.input2);
    output[i] = detail::clamp_to(multiply_by_quantized_multiplier(sum, p.output) + p.output_offset, p.act);
  }
}

AddParams make_add_params(double scale1, int32_t zero_point1, double scale2, int32_t zero_point2, double output_scale,
                          int32_t output_zero_point, ActivationRange act) {
  require(scale1 > 0 && scale2 > 0 && output_scale > 0, "make_add_params", "scales must be positive");
  AddParams p;
  const double common = 2 * std::max(scale1, scale2);
  p.input1_offset = -zero_point1;
  p.input2_offset = -zero_point2;
  p.input1 = quantize_multiplier(scale1 / common);
  p.input2 = quantize_multiplier(scale2 / common);
  p.output = quantize_multiplier(common / (double(int64_t{1} << p.left_shift) * output_scale));
  p.output_offset = output_zero_point;
  p.act = act;
  return p;
}

void pad_s8(const PadParams& p, std::span<const int8_t> input, std::span<int8_t> output) {
  constexpr const char* k = "pad_s8";
  require(std::min({p.h_before, p.h_after, p.w_before, p.w_after, p.c_before, p.c_after}) >= 0, k, "negative padding");
  const Shape out = p.output();
  require(input.size() == size_t(p.input.elements()), k, "input size != shape");
  require(output.size() == size_t(out.elements()), k, "output size != shape");
  std::fill(output.begin(), output.end(), p.pad_value);
  for (int y = 0; y < p.input.h; ++y)
    for (int x = 0; x < p.input.w; ++x)
      for (int c = 0; c < p.input.c; ++c)
        output[detail::nhwc(out, y + p.h_before, x + p.w_before, c + p.c_before)] = input[detail::nhwc(p.input, y, x, c)];
}

void reshape(std::span<const int8_t> input, std::span<int8_t> output) {
  require(input.size() == output.size(), "reshape", "input and output sizes differ");
  std::copy(input.begin(), input.end(), output.begin());
}

}  // namespace mcuprof::ref
