/* MK_COPY: RESHAPE, the bytes unchanged, a word at a time (TFLite Micro's reshape is a memcpy when it cannot alias). */
#include "mk_kernels.h"

#include <string.h>

void mk_copy(const struct mk_copy *p) { memcpy((void *)p->output, (const void *)p->input, (size_t)p->bytes); }
