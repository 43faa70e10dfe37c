/* Benchmark: recursive Fibonacci (call/ret heavy). */
#include "runtime.h"

__attribute__((noinline)) static u32 fib(u32 n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(void) {
  put_line("fib(34)", fib(34));
  return 0;
}
