// udf: executes a permanently undefined instruction (A7.7 UDF) at the global label udf_site; no handler is
// installed, so a simulator reports an undefined instruction at that PC.
#include <stdio.h>

int main(void) {
  puts("executing UDF");
  fflush(stdout);
  __asm volatile(".global udf_site\nudf_site:\n\tudf #0");
  puts("not reached");
  return 0;
}
