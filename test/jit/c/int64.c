/* i64 arithmetic on i386: multiply, divide, remainder, shifts, compares, conversions. */
#include "kernel.h"

typedef long long i64;
typedef unsigned long long u64;

static void print64(u64 v) {
  kprint_int((int)(v >> 32));
  kputc(':');
  kprint_int((int)v);
  kputc(' ');
}

static u64 values[] = {
  0, 1, 2, 3, 7, 10, 0x7fffffffull, 0x80000000ull, 0xffffffffull, 0x100000000ull,
  0x123456789abcdefull, 0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
  0xfffffffffffffff0ull, 1000000007ull, 0xdeadbeefcafebabeull, 12345678901234ull,
};
#define COUNT (sizeof values / sizeof values[0])

int int64(int seed) {
  u64 hash = (u64)seed * 0x9e3779b97f4a7c15ull;
  for (unsigned i = 0; i < COUNT; i++) {
    for (unsigned j = 0; j < COUNT; j++) {
      u64 a = values[i], b = values[j];
      hash = hash * 31 + a * b;
      hash ^= a + b;
      hash -= a - b;
      if (b != 0) {
        hash += a / b;
        hash ^= a % b;
        if (!((i64)a == (i64)0x8000000000000000ull && (i64)b == -1)) {
          hash += (u64)((i64)a / (i64)b);
          hash ^= (u64)((i64)a % (i64)b);
        }
      }
      hash += (a < b) + 2 * ((i64)a < (i64)b) + 4 * (a >= b) + 8 * ((i64)a >= (i64)b) + 16 * (a == b);
      hash += (a > b) * 32 + ((i64)a <= (i64)b) * 64;
    }
    for (int s = 0; s < 64; s += 3) {
      hash += values[i] << s;
      hash ^= values[i] >> s;
      hash += (u64)((i64)values[i] >> s);
    }
    print64(hash);
  }
  kputc('\n');
  int narrow = (int)hash;
  i64 widened = narrow;
  u64 unsigned_widened = (unsigned)narrow;
  print64((u64)widened);
  print64(unsigned_widened);
  kputc('\n');
  return (int)(hash >> 17);
}
