/* The kernel image's runtime: vector table, reset (copy .data, clear .bss, the vendor SystemInit of system_init.h),
 * then the layer loop the host drives (mk_abi.h): pause, run the layer mk_next_layer points to, pause again. A
 * kernel id the image does not know pauses with MK_MISSING_BKPT instead, which the host reports. */
#include <stddef.h>

#include "mk_kernels.h"
#include "system_init.h"

#define MK_MISSING_BKPT 0x4E

extern uint32_t __data_load[], __data_start[], __data_end[], __bss_start__[], __bss_end__[];
extern uint32_t __stack_top[];

typedef void (*mk_kernel_fn)(const void *params);


static const mk_kernel_fn mk_kernels[MK_KERNEL_COUNT] = {
    [MK_CONV_S8] = (mk_kernel_fn)mk_conv_s8,
    [MK_CONV1X1_S8] = (mk_kernel_fn)mk_conv1x1_s8,
    [MK_DEPTHWISE3X3_S8] = (mk_kernel_fn)mk_depthwise3x3_s8,
    [MK_DEPTHWISE_S8] = (mk_kernel_fn)mk_depthwise_s8,
    [MK_FULLY_CONNECTED_S8] = (mk_kernel_fn)mk_fully_connected_s8,
    [MK_AVG_POOL_S8] = (mk_kernel_fn)mk_avg_pool_s8,
    [MK_MAX_POOL_S8] = (mk_kernel_fn)mk_max_pool_s8,
    [MK_ADD_S8] = (mk_kernel_fn)mk_add_s8,
    [MK_PAD_S8] = (mk_kernel_fn)mk_pad_s8,
    [MK_SOFTMAX_S8] = (mk_kernel_fn)mk_softmax_s8,
    [MK_COPY] = (mk_kernel_fn)mk_copy,
    [MK_CONV_W4A8] = (mk_kernel_fn)mk_conv_w4a8,
    [MK_CONV1X1_W4A8] = (mk_kernel_fn)mk_conv1x1_w4a8,
    [MK_DEPTHWISE_W4A8] = (mk_kernel_fn)mk_depthwise_w4a8,
    [MK_FULLY_CONNECTED_W4A8] = (mk_kernel_fn)mk_fully_connected_w4a8,
    [MK_CONV1X1_W4A4] = (mk_kernel_fn)mk_conv1x1_w4a4,
    [MK_MUL_S8] = (mk_kernel_fn)mk_mul_s8,
    [MK_REQUANTIZE_S8] = (mk_kernel_fn)mk_requantize_s8,
};

/* Written by the host before it resumes the core. */
volatile const struct mk_layer *mk_next_layer;

static void pause(void) { __asm volatile("bkpt %0" ::"i"(MK_PAUSE_BKPT) : "memory"); }

__attribute__((noreturn)) static void layer_loop(void) {
  for (;;) {
    pause();
    const struct mk_layer *layer = (const struct mk_layer *)mk_next_layer;
    const uint32_t k = (uint32_t)layer->kernel;
    if (k >= MK_KERNEL_COUNT) {
      __asm volatile("bkpt %0" ::"i"(MK_MISSING_BKPT) : "memory");
      continue;
    }
    mk_kernels[k]((const void *)layer->params);
  }
}

extern void (*const vector_table[16])(void);

void Reset_Handler(void) {
  for (uint32_t *src = __data_load, *dst = __data_start; dst < __data_end;) *dst++ = *src++;
  for (uint32_t *dst = __bss_start__; dst < __bss_end__;) *dst++ = 0;
  SCB_VTOR = (uint32_t)vector_table; /* as SystemInit does: the F7 boots through the ITCM alias with VTOR 0 */
  system_init();
  layer_loop();
}

/* Any exception is a kernel bug: spin, and the simulator reports the fault that led here. */
static void Default_Handler(void) {
  for (;;) {
  }
}

/* B1.5.3 the vector table: initial SP, then exceptions 1-15. */
__attribute__((section(".vectors"), used)) void (*const vector_table[16])(void) = {
    (void (*)(void))__stack_top, Reset_Handler,   Default_Handler, Default_Handler,
    Default_Handler,             Default_Handler, Default_Handler, 0,
    0,                           0,               0,               Default_Handler,
    Default_Handler,             0,               Default_Handler, Default_Handler,
};
