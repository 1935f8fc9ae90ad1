// Shared by the target MAC-kernel tests (target_convolution_test.cpp, target_depthwise_test.cpp, target_fully_connected_test.cpp): random
// quantisation drawn from a fixed-seed SplitMix64, operands placed in a KernelImage the way the model runner places
// them (constants in flash, activations in the SRAM arena), and a guard after the output that a kernel must not touch.
#pragma once
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "kernels/reference/int4.h"
#include "kernels/reference/requantize.h"
#include "sim/kernel_image.h"
#include "workloads/model.h"

namespace mcuprof::target_test {

inline std::vector<int8_t> random_int8(SplitMix64& rng, size_t n, int32_t lo = -128, int32_t hi = 127) {
  std::vector<int8_t> v(n);
  for (int8_t& x : v) x = static_cast<int8_t>(rng.uniform_int(lo, hi));
  return v;
}

// Weights as a kernel reads them: int8, or int4 values kept unpacked for the reference (pack_int4 before placing).
inline std::vector<int8_t> random_weights(SplitMix64& rng, size_t n, bool int4) {
  return int4 ? random_int8(rng, n, -8, 7) : random_int8(rng, n);
}

// Absent (empty) in one case out of four, else values around a typical accumulator's size.
inline std::vector<int32_t> random_bias(SplitMix64& rng, size_t n) {
  if (rng.uniform_int(0, 3) == 0) return {};
  std::vector<int32_t> v(n);
  for (int32_t& b : v) b = rng.uniform_int(-40000, 40000);
  return v;
}

// A real multiplier that maps an accumulator of about `acc_scale` to about +-100, varied over two octaves either
// way; now and then above 1 so the left-shift path of the requantisation runs too.
inline ref::Requant random_requant(SplitMix64& rng, double acc_scale) {
  const double real =
      rng.uniform_int(0, 9) == 0 ? 1.0 + 3 * rng.uniform() : 100.0 / acc_scale * std::exp2(4 * rng.uniform() - 2);
  return ref::quantize_multiplier(real);
}

// NONE, RELU or RELU6 for an output with this zero point (and a scale of 0.05, so RELU6 is a real clamp).
inline ref::ActivationRange random_activation(SplitMix64& rng, int32_t output_zero_point) {
  return ref::activation_range(static_cast<ref::Activation>(rng.uniform_int(0, 2)), 0.05, output_zero_point);
}

// The arena: input at its base, then the output followed by a guard, then the scratch; 16-byte aligned pieces.
struct ArenaLayout {
  static constexpr uint32_t kGuard = 16;
  static constexpr uint8_t kGuardByte = 0xA5;
  uint32_t input = 0, output = 0, scratch = 0;
  size_t output_bytes = 0;

  ArenaLayout(KernelImage& image, std::span<const int8_t> in, size_t out_bytes, size_t scratch_bytes)
      : output_bytes(out_bytes) {
    auto align = [](uint32_t a) { return (a + 15u) & ~15u; };
    input = image.arena_base();
    output = align(input + uint32_t(in.size()));
    scratch = scratch_bytes ? align(output + uint32_t(out_bytes) + kGuard) : 0;
    image.write_ram(input, in);
    image.write_ram<uint8_t>(output, std::vector<uint8_t>(out_bytes + kGuard, kGuardByte));
  }
  // The output, after checking the guard behind it is untouched.
  std::vector<int8_t> read_output(KernelImage& image) const {
    const std::vector<uint8_t> bytes = image.read_ram(output, output_bytes + kGuard);
    for (size_t i = output_bytes; i < bytes.size(); ++i)
      EXPECT_EQ(bytes[i], kGuardByte) << "written past the output at +" << i - output_bytes;
    return {bytes.begin(), bytes.begin() + std::ptrdiff_t(output_bytes)};
  }
};

// The weights as placed in flash: int8 bytes, or packed int4.
inline uint32_t put_weights(KernelImage& image, std::span<const int8_t> w, bool int4) {
  if (int4) return image.put_flash(std::span<const uint8_t>(ref::pack_int4(w)));
  return image.put_flash(w);
}
inline uint32_t put_bias(KernelImage& image, std::span<const int32_t> bias) {
  return bias.empty() ? 0 : image.put_flash(bias);
}

// SAME (TFLite's split), VALID, or each side's padding drawn from [0, max_pad]; SAME when the others leave no output.
inline ref::Window random_window(SplitMix64& rng, ref::Shape in, int kh, int kw, int stride_h, int stride_w, int max_pad) {
  const ref::Window same = ref::same_window(in, kh, kw, stride_h, stride_w);
  ref::Window w{kh, kw, stride_h, stride_w, {}};
  switch (rng.uniform_int(0, 2)) {
    case 0:
      return same;
    case 1:
      break;
    default:
      w.pad = {rng.uniform_int(0, max_pad), rng.uniform_int(0, max_pad), rng.uniform_int(0, max_pad),
               rng.uniform_int(0, max_pad)};
  }
  return w.out_h(in.h) > 0 && w.out_w(in.w) > 0 ? w : same;
}

}  // namespace mcuprof::target_test
