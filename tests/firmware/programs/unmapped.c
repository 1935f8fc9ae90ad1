// unmapped: reads 0x60000000, where no reference board has memory (the STM32's external memory controller
// is not set up), so a simulator reports a bus fault at the load, the global label load_site.
#include <stdint.h>
#include <stdio.h>

int main(void) {
  puts("reading 0x60000000");
  fflush(stdout);
  uint32_t v;
  __asm volatile(".global load_site\nload_site:\n\tldr %0, [%1]" : "=r"(v) : "r"(0x60000000u) : "memory");
  printf("not reached: %08lx\n", (unsigned long)v);
  return 0;
}
