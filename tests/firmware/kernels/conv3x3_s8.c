// conv3x3_s8: the matrix-multiply kernel of an int8 3x3 convolution as CMSIS-NN computes it. im2col has put two
// output pixels' 3x3xC_IN input windows, sign-extended to int16, in SRAM; the kernel multiplies them with the int8
// weight rows (flash) of two output channels at a time, four accumulators (2 channels x 2 pixels), SMLAD on int16
// pairs, weights expanded with SXTB16 / SXTB16 ROR 8. Each pass of the inner loop: two LDRs of four weights (one per
// channel), four LDRs of pixel pairs, four SXTB16, eight SMLADs.
// One iteration = one pass of the inner loop = 4 columns x 2 channels x 2 pixels = 16 MACs. The kernel runs over all
// C_OUT / 2 channel pairs for one pixel pair: C_OUT / 2 * COLS / 4 iterations, timed by DWT CYCCNT; the raw int32
// accumulators (requantisation is not part of the inner loop) go into a checksum that the host build also prints.
#include "kernels.h"

#define C_IN 16
#define C_OUT 64
#define COLS (3 * 3 * C_IN)  // one im2col column: a 3x3 window over C_IN channels
#define ITERATIONS (C_OUT / 2 * COLS / 4)

static const int8_t weights[C_OUT * COLS] __attribute__((aligned(4))) = {
    KW1024(0), KW1024(1024), KW1024(2048), KW1024(3072), KW1024(4096), KW1024(5120), KW1024(6144), KW1024(7168),
    KW1024(8192)};
_Static_assert(sizeof weights == 9 * 1024, "the initializer covers C_OUT x COLS weights");
static int16_t im2col[2 * COLS] __attribute__((aligned(4)));
static int32_t out[2 * C_OUT];

__attribute__((noinline)) void kernel_conv3x3_s8(const int8_t *w, const int16_t *cols, int32_t *o) {
  const int16_t *const pixel1 = cols + COLS;
  for (uint32_t ch = 0; ch < C_OUT; ch += 2) {
    const int8_t *w0 = w + ch * COLS, *w1 = w0 + COLS;
    const int16_t *p0 = cols, *p1 = pixel1;
    int32_t c0p0 = 0, c0p1 = 0, c1p0 = 0, c1p1 = 0;
    for (uint32_t k = 0; k < COLS / 4; k++) {
      const uint32_t a = load32(w0), b = load32(w1);
      const uint32_t a01 = sxtb16(a), a23 = sxtb16_ror8(a), b01 = sxtb16(b), b23 = sxtb16_ror8(b);
      uint32_t x = load32(p0), y = load32(p1);
      c0p0 = smlad(a01, x, c0p0);
      c0p1 = smlad(a01, y, c0p1);
      c1p0 = smlad(b01, x, c1p0);
      c1p1 = smlad(b01, y, c1p1);
      x = load32(p0 + 2);
      y = load32(p1 + 2);
      c0p0 = smlad(a23, x, c0p0);
      c0p1 = smlad(a23, y, c0p1);
      c1p0 = smlad(b23, x, c1p0);
      c1p1 = smlad(b23, y, c1p1);
      w0 += 4, w1 += 4, p0 += 4, p1 += 4;
    }
    o[ch] = c0p0, o[ch + 1] = c1p0, o[C_OUT + ch] = c0p1, o[C_OUT + ch + 1] = c1p1;
  }
}

int main(void) {
  system_init();
  const int32_t input_offset = 3;  // im2col adds the input zero-point offset while widening to int16
  uint32_t seed = 7;
  for (unsigned i = 0; i < 2 * COLS; i++) im2col[i] = (int16_t)(activation(&seed) + input_offset);
  cycle_counter_start();
  TIMED("kernel_conv3x3_s8", ITERATIONS, kernel_conv3x3_s8(weights, im2col, out));
  uint32_t checksum = 0;
  for (unsigned i = 0; i < 2 * C_OUT; i++) checksum = opcheck_mix(checksum, (uint32_t)out[i]);
  printf("conv3x3_s8 c_in=%d c_out=%d iterations=%d macs_per_iteration=16 out0=%" PRId32 " checksum=%08" PRIx32 "\n",
         C_IN, C_OUT, ITERATIONS, out[0], checksum);
  return 0;
}
