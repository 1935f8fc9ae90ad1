// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED (int8), and their int4-weight forms.
#include "kernels/reference/int4.h"
#include "kernels/reference/kernels.h"
#include "kernels/reference/detail.h"

namespace mcuprof::ref {

using detail::require;

namespace {

void check_window(const char* k, Shape in, const Window& w, ActivationRange act) {
  require(in.h > 0 && in.w > 0 && in.c > 0, k, "empty input shape");
  require(w.kh > 0 && w.kw > 0 && w.stride_h > 0 && w.stride_w > 0, k, "bad kernel size or stride");
  require(w.pad.top >= 0 && w.pad.bottom >= 0 && w.pad.left >= 0 && w.pad.right >= 0, k, "negative padding");
  require(w.out_h(in.h) > 0 && w.out_w(in.w) > 0, k, "window larger than the padded input");
  require(detail::valid_range(act), k, "activation range outside int8");
}

void check_bias_requant(const char* k, size_t channels, std::span<const int32_t> bias, size_t requant) {
  require(bias.empty() || bias.size() == channels, k, "bias size != output channels");
  require(requant == channels, k, "requant size != output channels");
}

}  // namespace

void conv2d_s8(const ConvParams& p, std::span<const int8_t> input, std::span<const int8_t> weights,
               std::span<const int32_t> bias, std::span<const Requant> requant, std::span<int8_t> output) {
  constexpr const char* k = "conv2d_s8";
  check_window(k, p.input, p.window, p.act);
  const Shape out = p.output();
  require(p.out_c > 0, k, "no output channels");
  require(input.size() == size_t(p.input.elements()), k, "input size != shape");
  require(weights.size() == size_t(p.out_c) * p.window.kh * p.window.kw * p.input.c, k, "weights size != OHWI shape");
  require(output.size() == size_t(out.elements()), k, "output size != shape");
  check_bias_requant(k, p.out_c, bias, requant.size());
  const Shape filter{p.window.kh, p.window.kw, p.input.c};  // one output channel's HWI block
  for (int oy = 0; oy < out.h; ++oy)
    for (int ox = 0; ox < out.w; ++ox)
      for (int oc = 0; oc < p.out_c; ++oc) {
        const int8_t* w = weights.data() + size_t(oc) * filter.elements();
        int64_t acc = 0;
        detail::for_each_in_window(p.window, p.input, oy, ox, [&](int iy, int ix, int ky, int kx) {
          for (int ic = 0; ic < p.input.c; ++ic)
            acc += (int32_t{input[detail::nhwc(p.input, iy, ix, ic)]} + p.input_offset) * w[detail::nhwc(filter, ky, kx, ic)];
        });
        output[detail::nhwc(out, oy, ox, oc)] =
            detail::requantize_output(acc, bias.empty() ? 0 : bias[oc], requant[oc], p.output_offset, p.act);
      }
}

void depthwise_conv2d_s8(const DepthwiseParams& p, std::span<const int8_t> input, std::span<const int8_t> weights,
                         std::span<const int32_t> bias, std::span<const Requant> requant, std::span<int8_t> output) {
  constexpr const char* k = "depthwise_conv2d_s8";
  check_window(k, p.input, p.window, p.act);
  require(p.depth_multiplier > 0, k, "depth multiplier < 1");
  const Shape out = p.output();
  const Shape filter{p.window.kh, p.window.kw, out.c};
  require(input.size() == size_t(p.input.elements()), k, "input size != shape");
  require(weights.size() == size_t(filter.elements()), k, "weights size != [kh][kw][C*multiplier]");
  require(output.size() == size_t(out.elements()), k, "output size != shape");
  check_bias_requant(k, out.c, bias, requant.size());
  for (int oy = 0; oy < out.h; ++oy)
    for (int ox = 0; ox < out.w; ++ox)
      for (int oc = 0; oc < out.c; ++oc) {
        const int ic = oc / p.depth_multiplier;
        int64_t acc = 0;
        detail::for_each_in_window(p.window, p.input, oy, ox, [&](int iy, int ix, int ky, int kx) {
          acc += (int32_t{input[detail::nhwc(p.input, iy, ix, ic)]} + p.input_offset) * weights[detail::nhwc(filter, ky, kx, oc)];
        });
        output[detail::nhwc(out, oy, ox, oc)] =
            detail::requantize_output(acc, bias.empty() ? 0 : bias[oc], requant[oc], p.output_offset, p.act);
      }
}

void fully_connected_s8(const FullyConnectedParams& p, std::span<const int8_t> input, std::span<const int8_t> weights,
                        std::span<const int32_t> bias, Requant requant, std::span<int8_t> output) {
  constexpr const char* k = "fully_connected_s8";
  require(p.in_features > 0 && p.out_features > 0, k, "empty shape");
  require(detail::valid_range(p.act), k, "activation range outside int8");
  require(input.size() == size_t(p.in_features), k, "input size != in_features");
  require(weights.size() == size_t(p.in_features) * p.out_features, k, "weights size != out x in");
  require(output.size() == size_t(p.out_features), k, "output size != out_features");
  require(bias.empty() || bias.size() == size_t(p.out_features), k, "bias size != out_features");
  for (int o = 0; o < p.out_features; ++o) {
    int64_t acc = 0;
    for (int i = 0; i < p.in_features; ++i)
      acc += (int32_t{input[i]} + p.input_offset) * weights[size_t(o) * p.in_features + i];
    output[o] = detail::requantize_output(acc, bias.empty() ? 0 : bias[o], requant, p.output_offset, p.act);
  }
}

void conv2d_w4a8(const ConvParams& p, std::span<const int8_t> input, std::span<const uint8_t> packed_weights,
                 std::span<const int32_t> bias, std::span<const Requant> requant, std::span<int8_t> output) {
  const size_t count = size_t(p.out_c) * p.window.kh * p.window.kw * p.input.c;
  require(packed_weights.size() == int4_packed_bytes(count), "conv2d_w4a8", "packed weights size != OHWI shape");
  conv2d_s8(p, input, unpack_int4(packed_weights, count), bias, requant, output);
}

void depthwise_conv2d_w4a8(const DepthwiseParams& p, std::span<const int8_t> input,
                           std::span<const uint8_t> packed_weights, std::span<const int32_t> bias,
                           std::span<const Requant> requant, std::span<int8_t> output) {
  const size_t count = size_t(p.window.kh) * p.window.kw * p.input.c * p.depth_multiplier;
  require(packed_weights.size() == int4_packed_bytes(count), "depthwise_conv2d_w4a8", "packed weights size != shape");
  depthwise_conv2d_s8(p, input, unpack_int4(packed_weights, count), bias, requant, output);
}

void fully_connected_w4a8(const FullyConnectedParams& p, std::span<const int8_t> input,
                          std::span<const uint8_t> packed_weights, std::span<const int32_t> bias, Requant requant,
                          std::span<int8_t> output) {
  const size_t count = size_t(p.in_features) * p.out_features;
  require(packed_weights.size() == int4_packed_bytes(count), "fully_connected_w4a8", "packed weights size != shape");
  fully_connected_s8(p, input, unpack_int4(packed_weights, count), bias, requant, output);
}

void conv1x1_w4a4(const ConvParams& p, std::span<const uint8_t> packed_input, std::span<const uint8_t> packed_weights,
                  std::span<const int32_t> bias, std::span<const Requant> requant, std::span<uint8_t> packed_output) {
  constexpr const char* k = "conv1x1_w4a4";
  require(p.window.kh == 1 && p.window.kw == 1, k, "window is not 1x1");
  require(p.act.min >= -8 && p.act.max <= 7, k, "activation range outside int4");
  const size_t in_count = size_t(p.input.elements());
  const size_t out_count = size_t(p.output().elements());
  require(packed_input.size() == int4_packed_bytes(in_count), k, "packed input size != shape");
  require(packed_output.size() == int4_packed_bytes(out_count), k, "packed output size != shape");
  std::vector<int8_t> output(out_count);
  conv2d_w4a8(p, unpack_int4(packed_input, in_count), packed_weights, bias, requant, output);
  const std::vector<uint8_t> packed = pack_int4(output);
  std::copy(packed.begin(), packed.end(), packed_output.begin());
}

}  // namespace mcuprof::ref
