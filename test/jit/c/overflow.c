/* __builtin_*_overflow: llvm.[su](add|sub|mul).with.overflow returning { iN, i1 }, taken apart
 * with extractvalue; for int, unsigned, short, unsigned char and (add/sub) long long. */
#include "kernel.h"

static const int ints[] = { 0, 1, -1, 2147483647, -2147483647 - 1, 65536, -65536, 46341 };
static const short shorts[] = { 0, 1, -1, 32767, -32768, 200, -200, 182 };
static const unsigned char bytes[] = { 0, 1, 255, 128, 127, 16, 15, 200 };
static const long long longs[] = { 0, 1, -1, 0x7fffffffffffffffll, -0x7fffffffffffffffll - 1, 1ll << 32, -(1ll << 40), 3 };

int overflow(int seed) {
  int hash = seed;
  for (int i = 0; i < 8; i++) {
    for (int j = 0; j < 8; j++) {
      int r; unsigned u; short s; unsigned char b; long long l; unsigned long long ul;
      hash = hash * 3 + __builtin_add_overflow(ints[i], ints[j], &r) + r;
      hash = hash * 3 + __builtin_sub_overflow(ints[i], ints[j], &r) + r;
      hash = hash * 3 + __builtin_mul_overflow(ints[i], ints[j], &r) + r;
      hash = hash * 3 + __builtin_add_overflow((unsigned)ints[i], (unsigned)ints[j], &u) + (int)u;
      hash = hash * 3 + __builtin_sub_overflow((unsigned)ints[i], (unsigned)ints[j], &u) + (int)u;
      hash = hash * 3 + __builtin_mul_overflow((unsigned)ints[i], (unsigned)ints[j], &u) + (int)u;
      hash = hash * 3 + __builtin_add_overflow(shorts[i], shorts[j], &s) + s;
      hash = hash * 3 + __builtin_mul_overflow(shorts[i], shorts[j], &s) + s;
      hash = hash * 3 + __builtin_sub_overflow(bytes[i], bytes[j], &b) + b;
      hash = hash * 3 + __builtin_mul_overflow(bytes[i], bytes[j], &b) + b;
      hash = hash * 3 + __builtin_add_overflow(longs[i], longs[j], &l) + (int)(l >> 20);
      hash = hash * 3 + __builtin_sub_overflow((unsigned long long)longs[i], (unsigned long long)longs[j], &ul) + (int)(ul >> 30);
    }
  }
  kprint_int(hash);
  kputc('\n');
  return hash;
}
