// SOFTMAX (int8), the float reference documented in kernels.h.
#include <algorithm>
#include <cmath>
#include <vector>

#include "kernels/reference/detail.h"
#include "kernels/reference/kernels.h"

namespace mcuprof::ref {

void softmax_s8(const SoftmaxParams& p, std::span<const int8_t> input, std::span<int8_t> output) {
  constexpr const char* k = "softmax_s8";
  detail::require(p.rows > 0 && p.depth > 0, k, "empty shape");
  detail::require(input.size() == size_t(p.rows) * p.depth && output.size() == input.size(), k, "size != rows x depth");
  std::vector<double> e(p.depth);
  for (int r = 0; r < p.rows; ++r) {
    const std::span<const int8_t> in = input.subspan(size_t(r) * p.depth, p.depth);
    const int32_t max_q = *std::max_element(in.begin(), in.end());
    double sum = 0;
    for (int i = 0; i < p.depth; ++i) sum += e[i] = std::exp(p.beta * p.input_scale * (in[i] - max_q));
    for (int i = 0; i < p.depth; ++i)
      output[size_t(r) * p.depth + i] = detail::clamp_to(int32_t(std::round(e[i] / sum * 256.0)) - 128, {-128, 127});
  }
}

}  // namespace mcuprof::ref
