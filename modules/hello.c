/* hello: prints a greeting, a few numbers (negative, zero, extremes) and characters. Returns 0. */
#include "kernel.h"

static const int samples[] = {0, 7, -42, 2147483647, -2147483647 - 1, 1000000};

int hello(void) {
  kprint("Hello from a module!\n");
  for (unsigned i = 0; i < sizeof samples / sizeof samples[0]; i++) {
    kprint_int(samples[i]);
    kputc(i + 1 < sizeof samples / sizeof samples[0] ? ' ' : '\n');
  }
  unsigned before = kticks();
  unsigned after = kticks();
  kprint("ticks advance: ");
  kprint(after > before ? "yes" : "no");
  kputc('\n');
  return 0;
}
