// forever: never ends (a counting loop), for instruction-budget tests.
#include <stdint.h>
#include <stdio.h>

int main(void) {
  puts("looping forever");
  fflush(stdout);
  volatile uint32_t n = 0;
  for (;;) n++;
}
