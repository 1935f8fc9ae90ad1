// hello: printf, puts, malloc/free through newlib and semihosting; exits with code 3 so tests can check that
// the exit code travels from exit() to the host.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  printf("hello, %s %d\n", "world", 42);
  puts("puts works");
  unsigned sum = 0;
  for (unsigned n = 16; n <= 4096; n *= 4) {
    unsigned char *p = malloc(n);
    if (!p) return 1;
    memset(p, 0, n);
    for (unsigned i = 0; i < n; i++) p[i] = (unsigned char)(i * 7 + n);
    for (unsigned i = 0; i < n; i++) sum += p[i];
    free(p);
  }
  printf("malloc sum %u\n", sum);
  exit(3);
}
