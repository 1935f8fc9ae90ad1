#include "sim/kernel_descriptors.h"

#include <vector>

namespace mcuprof {

namespace {

mk_shape to_mk(ref::Shape s) { return {s.h, s.w, s.c}; }
mk_window to_mk(const ref::Window& w) { return {w.kh, w.kw, w.stride_h, w.stride_w, w.pad.top, w.pad.left}; }

bool is_1x1_fast_path(const ref::Window& w) {
  return w.kh == 1 && w.kw == 1 && w.stride_h == 1 && w.stride_w == 1 && w.pad.top == 0 && w.pad.bottom == 0 &&
         w.pad.left == 0 && w.pad.right == 0;
}

bool is_depthwise3x3(const ref::DepthwiseParams& p) {
  const ref::Padding& pad = p.window.pad;
  return p.window.kh == 3 && p.window.kw == 3 && p.depth_multiplier == 1 && pad.top <= 1 && pad.bottom <= 1 &&
         pad.left <= 1 && pad.right <= 1;
}

}  // namespace

RequantArrays put_requant(KernelImage& image, std::span<const ref::Requant> requant) {
  std::vector<int32_t> multipliers, shifts;
  for (const ref::Requant& r : requant) {
    multipliers.push_back(r.multiplier);
    shifts.push_back(r.shift);
  }
  const uint32_t m = image.put_flash(std::span<const int32_t>(multipliers));
  return {m, image.put_flash(std::span<const int32_t>(shifts))};
}

mk_conv make_conv(const ref::ConvParams& p, const ConvOperands& o) {
  return {to_mk(p.input), to_mk(p.output()), to_mk(p.window), 1, p.input_offset, p.output_offset, p.act.min,
          p.act.max, o.input, o.weights, o.bias, o.multipliers, o.shifts, o.output, o.scratch};
}

mk_conv make_depthwise(const ref::DepthwiseParams& p, const ConvOperands& o) {
  return {to_mk(p.input), to_mk(p.output()), to_mk(p.window), p.depth_multiplier, p.input_offset, p.output_offset,
          p.act.min, p.act.max, o.input, o.weights, o.bias, o.multipliers, o.shifts, o.output, o.scratch};
}

mk_fully_connected make_fully_connected(const ref::FullyConnectedParams& p, ref::Requant requant,
                                        const FullyConnectedOperands& o) {
  return {p.in_features, p.out_features, p.input_offset, p.output_offset, p.act.min, p.act.max,
          requant.multiplier, requant.shift, o.input, o.weights, o.bias, o.output};
}

mk_pool make_pool(const ref::PoolParams& p, uint32_t input, uint32_t output, uint32_t scratch) {
  return {to_mk(p.input), to_mk(p.output()), to_mk(p.window), p.act.min, p.act.max, input, output, scratch};
}

mk_add make_add(const ref::AddParams& p, int32_t count, uint32_t input1, uint32_t input2, uint32_t output) {
  return {count,
          p.left_shift,
          p.input1_offset,
          p.input1.multiplier,
          p.input1.shift,
          p.input2_offset,
          p.input2.multiplier,
          p.input2.shift,
          p.output_offset,
          p.output.multiplier,
          p.output.shift,
          p.act.min,
          p.act.max,
          input1,
          input2,
          output};
}

mk_pad make_pad(const ref::PadParams& p, uint32_t input, uint32_t output) {
  return {to_mk(p.input), to_mk(p.output()), p.h_before, p.w_before, p.c_before, p.pad_value, input, output};
}

mk_softmax make_softmax(const ref::SoftmaxParams& p, uint32_t input, uint32_t output) {
  return {p.rows, p.depth, p.input_multiplier, p.input_left_shift, p.diff_min, input, output};
}

mk_mul make_mul(const ref::MulParams& p, int32_t count, uint32_t input1, uint32_t input2, uint32_t output) {
  return {count,        p.input1_offset, p.input2_offset, p.output_offset, p.output.multiplier, p.output.shift,
          p.act.min,    p.act.max,       input1,          input2,          output};
}

mk_requantize make_requantize(const ref::RequantizeParams& p, int32_t count, uint32_t input, uint32_t output) {
  return {count, p.input_offset, p.output_offset, p.output.multiplier, p.output.shift, p.act.min, p.act.max,
          input, output};
}

mk_kernel conv_kernel(const ref::ConvParams& p, WeightFormat weights) {
  const bool fast = is_1x1_fast_path(p.window);
  if (weights == WeightFormat::kInt4) return fast ? MK_CONV1X1_W4A8 : MK_CONV_W4A8;
  return fast ? MK_CONV1X1_S8 : MK_CONV_S8;
}

mk_kernel depthwise_kernel(const ref::DepthwiseParams& p, WeightFormat weights) {
  if (weights == WeightFormat::kInt4) return MK_DEPTHWISE_W4A8;
  return is_depthwise3x3(p) ? MK_DEPTHWISE3X3_S8 : MK_DEPTHWISE_S8;
}

mk_kernel fully_connected_kernel(WeightFormat weights) {
  return weights == WeightFormat::kInt4 ? MK_FULLY_CONNECTED_W4A8 : MK_FULLY_CONNECTED_S8;
}

const char* kernel_name(mk_kernel kernel) {
  static constexpr const char* kNames[MK_KERNEL_COUNT] = {
      "conv_s8",        "conv1x1_s8", "depthwise3x3_s8", "depthwise_s8",    "fully_connected_s8",
      "avg_pool_s8",    "max_pool_s8", "add_s8",         "pad_s8",          "softmax_s8",
      "copy",           "conv_w4a8",  "conv1x1_w4a8",    "depthwise_w4a8",  "fully_connected_w4a8",
      "conv1x1_w4a4",   "mul_s8",     "requantize_s8"};
  return kernel >= 0 && kernel < MK_KERNEL_COUNT ? kNames[kernel] : "unknown";
}

int64_t conv_scratch_bytes(const ref::ConvParams& p) {
  if (is_1x1_fast_path(p.window)) return 0;
  return 2 * 2 * int64_t(p.window.kh) * p.window.kw * p.input.c;
}

int64_t depthwise_scratch_bytes(const ref::DepthwiseParams& p) {
  if (is_depthwise3x3(p) || p.depth_multiplier != 1) return 0;
  return 2 * int64_t(p.window.kh) * p.window.kw * p.input.c;
}

int64_t avg_pool_scratch_bytes(const ref::PoolParams& p) { return 4 * int64_t(p.input.c); }

}  // namespace mcuprof
