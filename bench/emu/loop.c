/* Benchmark: a tight ALU loop (multiply, add, xor, shift; registers only). */
#include "runtime.h"

int main(void) {
  u32 x = 1, y = 2;
  for (u32 i = 0; i < 60000000; i++) {
    x = x * 1664525u + y;
    y ^= x >> 3;
    y += i;
  }
  put_line("loop", x ^ y);
  return 0;
}
