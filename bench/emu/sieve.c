/* Benchmark: sieve of Eratosthenes over a 1 MB byte array, repeated (memory and branches). */
#include "runtime.h"

#define LIMIT 1000000
static u8 composite[LIMIT + 1];

int main(void) {
  u32 count = 0;
  for (int round = 0; round < 12; round++) {
    memset(composite, 0, sizeof composite);
    count = 0;
    for (u32 n = 2; n <= LIMIT; n++) {
      if (composite[n]) continue;
      count++;
      for (u32 multiple = n * 2; multiple <= LIMIT; multiple += n) composite[multiple] = 1;
    }
  }
  put_line("primes below 1000000", count);
  return 0;
}
