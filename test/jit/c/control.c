/* Control flow: dense and sparse switches, loops that swap variables (phi cycles), goto. */
#include "kernel.h"

static int dense(int x) {
  switch (x) {
    case 0: return 10; case 1: return 21; case 2: return 32; case 3: return 43;
    case 4: return 54; case 5: return 65; case 7: return 87; case 8: return 98;
    case 9: return 9; default: return -1;
  }
}

static int sparse(unsigned x) {
  switch (x) {
    case 1: return 1; case 100: return 2; case 1000: return 3; case 65536: return 4;
    case 0xffffffffu: return 5; default: return 0;
  }
}

static int shifted(int x) {
  int result = 0;
  switch (x) {
    case -3: result += 1; /* fall through */
    case -2: result += 2; break;
    case -1: result += 4; /* fall through */
    case 0: result += 8; break;
    case 1: result = 100; break;
    case 2: result = x * 7; break;
    default: result = 3;
  }
  return result;
}

static long long wide_switch(long long x) {
  switch (x) {
    case 0x100000000ll: return 1;
    case -1: return 2;
    case 5: return 3;
    default: return 4;
  }
}

static int gcd(int a, int b) {
  while (b != 0) {
    int t = a % b;
    a = b;
    b = t;
  }
  return a;
}

static unsigned rotate_three(unsigned n) {
  unsigned a = 1, b = 2, c = 3;
  for (unsigned i = 0; i < n; i++) {
    unsigned t = a;
    a = b;
    b = c;
    c = t + i;
  }
  return a * 100 + b * 10 + c;
}

/* With a run-time trip count these stay loops at -O2: phis that read each other in a cycle. */
__attribute__((noinline)) static unsigned swap_cycle(unsigned n, unsigned a, unsigned b, unsigned c) {
  for (unsigned i = 0; i < n; i++) {
    unsigned t = a;
    a = b;
    b = c;
    c = t;
    if (i & 1) { t = a; a = b; b = t; }
  }
  return a * 10000 + b * 100 + c;
}

__attribute__((noinline)) static unsigned swap_pure(unsigned n, unsigned a, unsigned b, unsigned c) {
  for (unsigned i = 0; i < n; i++) {
    unsigned t = a;
    a = b;
    b = c;
    c = t;
    volatile unsigned sink = i;
    (void)sink;
  }
  return a * 10000 + b * 100 + c;
}

static int search(const int *values, int count, int wanted) {
  int i = 0;
again:
  if (i >= count) goto missing;
  if (values[i] == wanted) return i;
  i++;
  goto again;
missing:
  return -1;
}

int control(int seed) {
  int hash = seed;
  for (int i = -5; i < 12; i++) hash = hash * 3 + dense(i) + shifted(i) + sparse((unsigned)i * 100u);
  kprint_int(hash); kputc(' ');
  hash += sparse(65536) + sparse(0xffffffffu) + sparse(1000) + (int)wide_switch(0x100000000ll) * 10 + (int)wide_switch(-1) * 100 + (int)wide_switch(7) * 1000;
  kprint_int(hash); kputc(' ');
  kprint_int(gcd(1071, 462)); kputc(' ');
  kprint_int((int)rotate_three(10)); kputc(' ');
  kprint_int((int)swap_cycle((unsigned)seed & 15, 1, 2, 3)); kputc(' ');
  kprint_int((int)swap_pure((unsigned)seed & 15, 4, 5, 6)); kputc(' ');
  static const int table[] = { 4, 8, 15, 16, 23, 42 };
  kprint_int(search(table, 6, 23) * 10 + search(table, 6, 5)); kputc('\n');
  return hash;
}
