// Shapes and parameters of the host reference kernels (kernels/reference/kernels.h). Plain structs, independent of
// the model IR: a caller fills them from whatever graph it has. Every tensor is NHWC with batch 1.
#pragma once
#include <cstdint>

namespace mcuprof::ref {

// A real multiplier m stored as a Q31 integer and a power of two: m ~= multiplier * 2^(shift - 31), multiplier in
// [2^30, 2^31) (or 0). A positive shift is a left shift (TFLite's convention).
struct Requant {
  int32_t multiplier = 0;
  int shift = 0;
};

// The clamp applied to a quantised output; RELU and RELU6 fold into it (activation_range in kernels.h).
struct ActivationRange {
  int32_t min = -128;
  int32_t max = 127;
};

struct Shape {
  int h = 1, w = 1, c = 1;
  int elements() const { return h * w * c; }
  bool operator==(const Shape&) const = default;
};

// Rows and columns of zero-size padding around the input; padded positions are skipped (never read).
struct Padding {
  int top = 0, bottom = 0, left = 0, right = 0;
};

// The window geometry shared by convolution and pooling: kernel size, stride (dilation is always 1) and padding.
struct Window {
  int kh = 1, kw = 1;
  int stride_h = 1, stride_w = 1;
  Padding pad;
  int out_h(int in_h) const { return outputs(in_h + pad.top + pad.bottom, kh, stride_h); }
  int out_w(int in_w) const { return outputs(in_w + pad.left + pad.right, kw, stride_w); }
  // Window positions along one axis of `padded` elements (0 when the window does not fit).
  static int outputs(int padded, int k, int stride) { return padded < k ? 0 : (padded - k) / stride + 1; }
};

// TFLite's SAME padding: output = ceil(input / stride), the total padding split with the extra row/column at the end.
inline Window same_window(Shape in, int kh, int kw, int stride_h, int stride_w) {
  auto split = [](int in, int k, int s, int& before, int& after) {
    const int out = (in + s - 1) / s;
    const int total = (out - 1) * s + k - in;
    before = total > 0 ? total / 2 : 0;
    after = total > 0 ? total - before : 0;
  };
  Window win{kh, kw, stride_h, stride_w, {}};
  split(in.h, kh, stride_h, win.pad.top, win.pad.bottom);
  split(in.w, kw, stride_w, win.pad.left, win.pad.right);
  return win;
}

// CONV_2D: weights [out_c][kh][kw][in.c] (OHWI), int32 bias per output channel (may be absent), a Requant per output
// channel. input_offset = -input_zero_point, output_offset = output_zero_point.
struct ConvParams {
  Shape input;
  int out_c = 1;
  Window window;
  int32_t input_offset = 0;
  int32_t output_offset = 0;
  ActivationRange act;
  Shape output() const { return {window.out_h(input.h), window.out_w(input.w), out_c}; }
};

// DEPTHWISE_CONV_2D: weights [kh][kw][in.c * depth_multiplier]; output channel ic * depth_multiplier + m reads input
// channel ic. Bias and Requant per output channel.
struct DepthwiseParams {
  Shape input;
  int depth_multiplier = 1;
  Window window;
  int32_t input_offset = 0;
  int32_t output_offset = 0;
  ActivationRange act;
  Shape output() const { return {window.out_h(input.h), window.out_w(input.w), input.c * depth_multiplier}; }
};

// FULLY_CONNECTED: weights [out_features][in_features], per-tensor Requant, int32 bias per output (may be absent).
struct FullyConnectedParams {
  int in_features = 1;
  int out_features = 1;
  int32_t input_offset = 0;
  int32_t output_offset = 0;
  ActivationRange act;
};

// AVERAGE_POOL_2D and MAX_POOL_2D: input and output share scale and zero point (TFLite requires it), so no offsets.
struct PoolParams {
  Shape input;
  Window window;
  ActivationRange act;
  Shape output() const { return {window.out_h(input.h), window.out_w(input.w), input.c}; }
};

// ADD (elementwise, equal shapes): TFLite's int8 scheme, see make_add_params in kernels.h.
struct AddParams {
  int left_shift = 20;
  int32_t input1_offset = 0, input2_offset = 0;  // -zero_point of each input
  Requant input1, input2;                        // real multipliers < 1 (shift <= 0)
  Requant output;
  int32_t output_offset = 0;
  ActivationRange act;
};

// PAD: padding before/after each of H, W, C; padded elements take pad_value (the tensor's zero point).
struct PadParams {
  Shape input;
  int h_before = 0, h_after = 0, w_before = 0, w_after = 0, c_before = 0, c_after = 0;
  int8_t pad_value = 0;
  Shape output() const { return {input.h + h_before + h_after, input.w + w_before + w_after, input.c + c_before + c_after}; }
};

// SOFTMAX over the last dimension of `rows` rows of `depth` values with TFLite's integer algorithm (softmax_s8 and
// make_softmax_params in kernels.h): beta x input_scale x 2^26 as a Q31 input_multiplier and an input_left_shift
// (0..31) scales a difference q - row max to Q5.26; differences below diff_min (<= 0) give the smallest output. The
// output quantisation is fixed as TFLite requires for int8: scale 1/256, zero point -128.
struct SoftmaxParams {
  int rows = 1;
  int depth = 1;
  int32_t input_multiplier = 0;
  int input_left_shift = 0;
  int32_t diff_min = 0;
};

}  // namespace mcuprof::ref
