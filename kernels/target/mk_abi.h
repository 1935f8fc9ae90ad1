/* The calling convention between mcuprof's model runner (host, sim/kernel_image.h) and the kernel image (target,
 * kernels/target/runtime.c): plain C structs of 32-bit fields that both sides compile to the same layout (the host
 * checks the sizes). The runner writes one descriptor per layer into the simulated flash, stores its address in
 * mk_next_layer and resumes the core; the image's loop calls mk_kernels[kernel](params) and pauses again (BKPT
 * MK_PAUSE_BKPT), so the host reads each layer's cycles between two pauses.
 *
 * Addresses are target addresses (uint32_t). Tensors are NHWC, batch 1, int8 unless said; int4 tensors are packed two
 * per byte, low nibble first, across the whole tensor (kernels/reference/int4.h). Per-channel requantisation: int32
 * arrays `multipliers` (Q31) and `shifts` (positive = left), one entry per output channel, as kernels/reference/
 * requantize.h defines them. A zero bias address means no bias. act_min/act_max: the output clamp (RELU/RELU6 folded). */
#ifndef MCUPROF_MK_ABI_H
#define MCUPROF_MK_ABI_H
#include <stdint.h>

#define MK_PAUSE_BKPT 0x4D /* BKPT immediate of the pause between layers */

/* mk_layer.kernel: an index into the image's kernel table. The host picks the variant (sim/kernel_image.h). */
enum mk_kernel {
  MK_CONV_S8 = 0,          /* general convolution: im2col of 2 pixels into int16 + 2x2 SMLAD matrix kernel */
  MK_CONV1X1_S8,           /* 1x1, stride 1, no padding: GEMM straight over the input rows */
  MK_DEPTHWISE3X3_S8,      /* 3x3, multiplier 1, padding <= 1 on every side, any stride: 4 channels at a time */
  MK_DEPTHWISE_S8,         /* any other depthwise shape */
  MK_FULLY_CONNECTED_S8,   /* vector x matrix, two rows at a time */
  MK_AVG_POOL_S8,
  MK_MAX_POOL_S8,
  MK_ADD_S8,
  MK_PAD_S8,
  MK_SOFTMAX_S8,
  MK_COPY,                 /* RESHAPE: the bytes unchanged (skipped by the runner when input and output alias) */
  MK_CONV_W4A8,            /* int4 weights, int8 activations */
  MK_CONV1X1_W4A8,
  MK_DEPTHWISE_W4A8,
  MK_FULLY_CONNECTED_W4A8,
  MK_CONV1X1_W4A4,         /* int4 weights and int4 activations (packed input and output) */
  MK_MUL_S8,               /* elementwise product (TFLite MUL) */
  MK_REQUANTIZE_S8,        /* int8 -> int8 rescale (TFLite QUANTIZE between int8 tensors, standalone RELU/RELU6) */
  MK_KERNEL_COUNT
};

struct mk_shape {
  int32_t h, w, c;
};

/* Window geometry: the output shape is given explicitly; padding before (top/left); rows/columns past the input are
 * padding too (skipped, never read). */
struct mk_window {
  int32_t kh, kw, stride_h, stride_w, pad_top, pad_left;
};

/* MK_CONV_*, MK_DEPTHWISE_*: weights OHWI [out_c][kh][kw][in_c] for convolution, [kh][kw][in_c * depth_multiplier]
 * for depthwise. scratch: an SRAM buffer of the size the host computed (memory_planner.h scratch_bytes), or 0. */
struct mk_conv {
  struct mk_shape in_shape, out_shape;
  struct mk_window window;
  int32_t depth_multiplier;  /* depthwise only (1 for convolution) */
  int32_t input_offset;      /* -input zero point */
  int32_t output_offset;     /* output zero point */
  int32_t act_min, act_max;
  uint32_t input, weights, bias, multipliers, shifts, output, scratch;
};

/* MK_FULLY_CONNECTED_*: weights [out_features][in_features], per-tensor requantisation. */
struct mk_fully_connected {
  int32_t in_features, out_features;
  int32_t input_offset, output_offset, act_min, act_max;
  int32_t multiplier, shift;
  uint32_t input, weights, bias, output;
};

/* MK_AVG_POOL_S8 / MK_MAX_POOL_S8 (input and output share scale and zero point). scratch: 4 x C bytes (avg) or 0. */
struct mk_pool {
  struct mk_shape in_shape, out_shape;
  struct mk_window window;
  int32_t act_min, act_max;
  uint32_t input, output, scratch;
};

/* MK_ADD_S8 over `count` elements (kernels/reference/kernel_params.h AddParams). */
struct mk_add {
  int32_t count, left_shift;
  int32_t input1_offset, input1_multiplier, input1_shift;
  int32_t input2_offset, input2_multiplier, input2_shift;
  int32_t output_offset, output_multiplier, output_shift;
  int32_t act_min, act_max;
  uint32_t input1, input2, output;
};

/* MK_MUL_S8 over `count` elements (kernels/reference/kernels.h MulParams): (a + input1_offset) x (b + input2_offset)
 * requantised by the output multiplier, + output_offset, clamped. */
struct mk_mul {
  int32_t count;
  int32_t input1_offset, input2_offset;
  int32_t output_offset, output_multiplier, output_shift;
  int32_t act_min, act_max;
  uint32_t input1, input2, output;
};

/* MK_REQUANTIZE_S8 over `count` elements (RequantizeParams): (q + input_offset) requantised, + output_offset, clamped. */
struct mk_requantize {
  int32_t count;
  int32_t input_offset;
  int32_t output_offset, output_multiplier, output_shift;
  int32_t act_min, act_max;
  uint32_t input, output;
};

/* MK_PAD_S8: the output is the input placed at (h_before, w_before, c_before), pad_value elsewhere. */
struct mk_pad {
  struct mk_shape in_shape, out_shape;
  int32_t h_before, w_before, c_before, pad_value;
  uint32_t input, output;
};

/* MK_SOFTMAX_S8 over the last dimension: `rows` rows of `depth`; int8 output with scale 1/256, zero point -128.
 * The integer parameters are TFLite's (input_multiplier, input_left_shift, diff_min: see
 * kernels/reference/kernels.h make_softmax_params). */
struct mk_softmax {
  int32_t rows, depth;
  int32_t input_multiplier, input_left_shift, diff_min;
  uint32_t input, output;
};

/* MK_COPY */
struct mk_copy {
  int32_t bytes;
  uint32_t input, output;
};

/* What the host writes for each layer: the kernel and the address of its parameter struct. */
struct mk_layer {
  int32_t kernel;  /* enum mk_kernel */
  uint32_t params;
};

#endif
