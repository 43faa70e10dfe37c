/* Included before a csmith program (-include) so it runs freestanding: putchar and strcmp
 * from kernel services; csmith_minimal.h (-DCSMITH_MINIMAL -DNO_PRINTF) prints the checksum. */
#include "kernel.h"
static int putchar(int c) { kputc(c); return c; }
static int strcmp(const char *a, const char *b) {
  for (; *a == *b; ++a, ++b) if (*a == 0) return 0;
  return *(const unsigned char *)a < *(const unsigned char *)b ? -1 : 1;
}
/* Only reached when csmith's print_hash_value is set, which it never is here. */
static int printf(const char *format, ...) { kprint(format); return 0; }
