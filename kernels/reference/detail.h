// Helpers shared by the reference kernels' .cpp files (not part of the API).
#pragma once
#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "kernels/reference/kernel_params.h"
#include "kernels/reference/requantize.h"

namespace mcuprof::ref::detail {

inline void require(bool ok, const char* kernel, const char* what) {
  if (!ok) throw std::invalid_argument(std::string(kernel) + ": " + what);
}

// Calls f(iy, ix, ky, kx) for each window position of output (oy, ox) that lies inside the input; padded positions
// are skipped.
template <typename F>
void for_each_in_window(const Window& win, Shape in, int oy, int ox, F f) {
  for (int ky = 0; ky < win.kh; ++ky) {
    const int iy = oy * win.stride_h - win.pad.top + ky;
    if (iy < 0 || iy >= in.h) continue;
    for (int kx = 0; kx < win.kw; ++kx) {
      const int ix = ox * win.stride_w - win.pad.left + kx;
      if (ix < 0 || ix >= in.w) continue;
      f(iy, ix, ky, kx);
    }
  }
}

inline size_t nhwc(Shape s, int y, int x, int c) { return (size_t(y) * s.w + x) * s.c + c; }

inline int8_t clamp_to(int32_t v, ActivationRange act) { return static_cast<int8_t>(std::clamp(v, act.min, act.max)); }

// The common tail of the MAC kernels: bias, requantisation, output offset, clamp. acc wraps modulo 2^32.
inline int8_t requantize_output(int64_t acc, int32_t bias, Requant q, int32_t output_offset, ActivationRange act) {
  const int32_t acc32 = static_cast<int32_t>(static_cast<uint32_t>(acc) + static_cast<uint32_t>(bias));
  return clamp_to(multiply_by_quantized_multiplier(acc32, q) + output_offset, act);
}

inline bool valid_range(ActivationRange act) { return act.min <= act.max && act.min >= -128 && act.max <= 127; }

}  // namespace mcuprof::ref::detail
