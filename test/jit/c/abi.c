/* Calls: structs by value (byval) and returned (sret), function pointers, recursion, varargs,
 * pointers between globals, constant-expression GEPs in initialisers, dynamic alloca. */
#include "kernel.h"
#include <stdarg.h>

struct point { int x, y; };
struct big { int values[6]; char tag; long long wide; };
struct small { char a; short b; };

static struct point make_point(int x, int y) { struct point p = { x, y }; return p; }
static struct big make_big(int seed) {
  struct big b;
  for (int i = 0; i < 6; i++) b.values[i] = seed * (i + 1);
  b.tag = (char)(seed & 0x7f);
  b.wide = (long long)seed << 40;
  return b;
}
static int sum_big(struct big b, int extra) {
  int s = extra + b.tag + (int)(b.wide >> 40);
  for (int i = 0; i < 6; i++) s += b.values[i];
  return s;
}
static int small_value(struct small s, struct point p) { return s.a * 1000 + s.b + p.x * p.y; }

static int twice(int (*f)(int), int x) { return f(f(x)); }
static int add_three(int x) { return x + 3; }
static int square(int x) { return x * x; }
static int (*const operations[])(int) = { add_three, square, add_three };

static int sum_varargs(int count, ...) {
  va_list list;
  va_start(list, count);
  int total = 0;
  for (int i = 0; i < count; i++) total += va_arg(list, int) * (i + 1);
  long long wide = va_arg(list, long long);
  va_end(list);
  return total + (int)(wide >> 32);
}

static int ackermann(int m, int n) {
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

static int numbers[] = { 10, 20, 30, 40, 50 };
static int *middle = &numbers[2];
static struct { const char *name; int *where; } named[] = { { "first", &numbers[0] }, { "last", &numbers[4] } };

static int use_alloca(int n) {
  int *buffer = __builtin_alloca(n * sizeof(int));
  for (int i = 0; i < n; i++) buffer[i] = i * i;
  int s = 0;
  for (int i = 0; i < n; i++) s += buffer[i];
  return s;
}

/* A variable-length array inside a loop: llvm.stacksave / llvm.stackrestore around it. */
static int vla_loop(int n) {
  int total = 0;
  for (int i = 1; i <= n; i++) {
    int buffer[i];
    for (int j = 0; j < i; j++) buffer[j] = j * i + total;
    total += buffer[i - 1] % 1000;
  }
  return total;
}

int abi(int seed) {
  struct point p = make_point(seed, seed + 1);
  struct big b = make_big(seed + 2);
  struct small s = { 7, -300 };
  kprint_int(p.x + p.y * 10); kputc(' ');
  kprint_int(sum_big(b, 5)); kputc(' ');
  kprint_int(small_value(s, p)); kputc(' ');
  int acc = seed;
  for (int i = 0; i < 3; i++) acc = twice(operations[i], acc) % 100000;
  kprint_int(acc); kputc(' ');
  kprint_int(sum_varargs(4, 1, 2, 3, 4, 0x500000000ll)); kputc(' ');
  kprint_int(ackermann(2, 3)); kputc(' ');
  kprint_int(middle[1] + *named[1].where); kputc(' ');
  kprint(named[0].name); kputc(' ');
  kprint_int(use_alloca(seed + 10)); kputc(' ');
  kprint_int(vla_loop(seed + 20)); kputc(' ');
  volatile int v = seed;
  v = v * 3;
  kprint_int(v); kputc('\n');
  return acc;
}
