/*
 * fib: the 20th Fibonacci number, computed recursively (about 22,000 calls), checked against
 * an iterative loop. Returns 6765.
 */
static int fib_recursive(int n) {
  return n < 2 ? n : fib_recursive(n - 1) + fib_recursive(n - 2);
}

static int fib_iterative(int n) {
  int previous = 0, current = 1;
  for (int i = 0; i < n; i++) {
    int next = previous + current;
    previous = current;
    current = next;
  }
  return previous;
}

int fib(void) {
  int recursive = fib_recursive(20);
  return recursive == fib_iterative(20) ? recursive : -1;
}
