/* Control flow: loops with phis, nested loops, break/continue, goto, recursion, tail calls, static locals. */
int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }

int collatz(unsigned n) {
  int steps = 0;
  while (n != 1) { n = n & 1 ? 3 * n + 1 : n / 2; steps++; }
  return steps;
}

int matrix_trace(int m[4][4]) {
  int total = 0;
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++) {
      if (j < i) continue;
      if (m[i][j] < 0) break;
      total += i == j ? m[i][j] : 0;
    }
  return total;
}

int find(const int *v, int n, int key) {
  int i = 0;
again:
  if (i >= n) goto missing;
  if (v[i] == key) return i;
  i++;
  goto again;
missing:
  return -1;
}

int counter(void) { static int calls; return ++calls; }

void bubble_sort(int *v, int n) {
  for (int swapped = 1; swapped;) {
    swapped = 0;
    for (int i = 1; i < n; i++)
      if (v[i - 1] > v[i]) { int t = v[i]; v[i] = v[i - 1]; v[i - 1] = t; swapped = 1; }
  }
}

unsigned hash(const unsigned char *s) { unsigned h = 5381; do { h = h * 33 ^ *s; } while (*s++); return h; }

int is_prime(int n) {
  if (n < 2) return 0;
  for (int d = 2; d * d <= n; d++) if (n % d == 0) return 0;
  return 1;
}

_Bool any_negative(const short *v, unsigned char n) {
  for (unsigned char i = 0; i < n; i++) if (v[i] < 0) return 1;
  return 0;
}

signed char clamp_char(int x) { return x > 127 ? 127 : x < -128 ? -128 : (signed char)x; }
unsigned short widen_short(unsigned char c, signed char d) { return (unsigned short)(c * 256 + d); }
