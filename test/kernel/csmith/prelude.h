/*
 * Included first (-include) in every csmith program run on the simulated kernel, with
 * -DCSMITH_MINIMAL -DNO_PRINTF -Dmain=csmith_main: csmith_minimal.h then prints
 * "checksum = <16 hex digits>" through putchar, which goes to the kprint services below.
 */
#include "kernel.h"

static int putchar(int c) {
  kputc(c);
  return c;
}

static int strcmp(const char *a, const char *b) {
  for (; *a == *b; ++a, ++b)
    if (*a == 0) return 0;
  return *(const unsigned char *)a < *(const unsigned char *)b ? -1 : 1;
}

/* Reached only when csmith's print_hash_value is set, which --no-argc never does. */
static int printf(const char *format, ...) {
  kprint(format);
  return 0;
}
