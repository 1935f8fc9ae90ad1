/* The kernels of the image, one per enum mk_kernel (mk_abi.h), each in the file of its family:
 * convolution.c, depthwise.c, fully_connected.c, pooling.c, elementwise.c, softmax.c, copy.c. */
#ifndef MCUPROF_MK_KERNELS_H
#define MCUPROF_MK_KERNELS_H
#include "mk_abi.h"

void mk_conv_s8(const struct mk_conv *p);
void mk_conv1x1_s8(const struct mk_conv *p);
void mk_depthwise3x3_s8(const struct mk_conv *p);
void mk_depthwise_s8(const struct mk_conv *p);
void mk_fully_connected_s8(const struct mk_fully_connected *p);
void mk_avg_pool_s8(const struct mk_pool *p);
void mk_max_pool_s8(const struct mk_pool *p);
void mk_add_s8(const struct mk_add *p);
void mk_pad_s8(const struct mk_pad *p);
void mk_softmax_s8(const struct mk_softmax *p);
void mk_copy(const struct mk_copy *p);
void mk_conv_w4a8(const struct mk_conv *p);
void mk_conv1x1_w4a8(const struct mk_conv *p);
void mk_depthwise_w4a8(const struct mk_conv *p);
void mk_fully_connected_w4a8(const struct mk_fully_connected *p);
void mk_conv1x1_w4a4(const struct mk_conv *p);
void mk_mul_s8(const struct mk_mul *p);
void mk_requantize_s8(const struct mk_requantize *p);

#endif
