// AVERAGE_POOL_2D and MAX_POOL_2D (int8): input and output share their quantisation, so both work on the raw q values.
#include <algorithm>
#include <vector>

#include "kernels/reference/detail.h"
#include "kernels/reference/kernels.h"

namespace mcuprof::ref {

using detail::require;

namespace {

// Each output element is reduce(the values at its window's valid positions), clamped to the activation range.
template <typename Reduce>
void pool(const char* k, const PoolParams& p, std::span<const int8_t> input, std::span<int8_t> output, Reduce reduce) {
  const Window& w = p.window;
  require(p.input.h > 0 && p.input.w > 0 && p.input.c > 0, k, "empty input shape");
  require(w.kh > 0 && w.kw > 0 && w.stride_h > 0 && w.stride_w > 0, k, "bad window size or stride");
  require(w.pad.top >= 0 && w.pad.bottom >= 0 && w.pad.left >= 0 && w.pad.right >= 0, k, "negative padding");
  require(w.pad.top < w.kh && w.pad.bottom < w.kh && w.pad.left < w.kw && w.pad.right < w.kw, k,
          "padding as large as the window (a window could hold no input)");
  require(detail::valid_range(p.act), k, "activation range outside int8");
  const Shape out = p.output();
  require(out.h > 0 && out.w > 0, k, "window larger than the padded input");
  require(input.size() == size_t(p.input.elements()), k, "input size != shape");
  require(output.size() == size_t(out.elements()), k, "output size != shape");
  for (int oy = 0; oy < out.h; ++oy)
    for (int ox = 0; ox < out.w; ++ox)
      for (int c = 0; c < out.c; ++c) {
        std::vector<int32_t> window;
        detail::for_each_in_window(w, p.input, oy, ox, [&](int iy, int ix, int, int) {
          window.push_back(input[detail::nhwc(p.input, iy, ix, c)]);
        });
        output[detail::nhwc(out, oy, ox, c)] = detail::clamp_to(reduce(window), p.act);
      }
}

// sum / count rounded to nearest, ties away from zero.
int32_t rounded_mean(const std::vector<int32_t>& values) {
  int32_t sum = 0;
  for (int32_t v : values) sum += v;
  const int32_t count = static_cast<int32_t>(values.size());
  return sum >= 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
}

int32_t maximum(const std::vector<int32_t>& values) { return *std::max_element(values.begin(), values.end()); }

}  // namespace

void avg_pool_s8(const PoolParams& p, std::span<const int8_t> input, std::span<int8_t> output) {
  pool("avg_pool_s8", p, input, output, rounded_mean);
}

void max_pool_s8(const PoolParams& p, std::span<const int8_t> input, std::span<int8_t> output) {
  pool("max_pool_s8", p, input, output, maximum);
}

}  // namespace mcuprof::ref
