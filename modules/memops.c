/*
 * memops: the kernel's memory services on overlapping and disjoint buffers: memmove both ways,
 * memcpy, memset, memcmp signs. Prints each result; returns the number of checks that failed.
 */
#include "kernel.h"

static char buffer[64];
static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz";

static int check(const char *what, int ok) {
  kprint(what);
  kprint(ok ? ": ok\n" : ": FAILED\n");
  return ok ? 0 : 1;
}

int memops(void) {
  int failures = 0;
  memcpy(buffer, alphabet, sizeof alphabet);
  failures += check("memcpy", memcmp(buffer, alphabet, sizeof alphabet) == 0);
  memmove(buffer + 2, buffer, 10);
  failures += check("memmove forward", memcmp(buffer, "ababcdefghijmnop", 16) == 0);
  memmove(buffer, buffer + 4, 8);
  failures += check("memmove backward", memcmp(buffer, "cdefghijghij", 12) == 0);
  memset(buffer + 3, '*', 5);
  failures += check("memset", memcmp(buffer, "cde*****ghij", 12) == 0);
  int difference = memcmp("abc", "abd", 3);
  kprint("memcmp abc abd = ");
  kprint_int(difference);
  kputc('\n');
  failures += check("memcmp sign", difference < 0 && memcmp("b", "a", 1) > 0 && memcmp("x", "y", 0) == 0);
  buffer[12] = 0;
  kprint(buffer);
  kputc('\n');
  return failures;
}
