/* Variadic functions: declarations, calls with promoted arguments, and a definition using va_list. */
typedef __builtin_va_list va_list;
extern int printf(const char *format, ...);
extern void log_values(int count, ...);
extern void no_params();

int sum(int count, ...) {
  va_list args;
  __builtin_va_start(args, count);
  int total = 0;
  for (int i = 0; i < count; i++) total += __builtin_va_arg(args, int);
  __builtin_va_end(args);
  return total;
}

double average(int count, ...) {
  va_list args, copy;
  __builtin_va_start(args, count);
  __builtin_va_copy(copy, args);
  double total = 0;
  for (int i = 0; i < count; i++) total += __builtin_va_arg(args, double);
  __builtin_va_end(copy);
  __builtin_va_end(args);
  return count ? total / count : 0;
}

int report(char c, short s, float f, long long l) {
  printf("%c %d %f %lld\n", c, s, f, l);
  log_values(3, c, s, f);
  no_params(1, 2);
  return sum(4, 1, 2, 3, (int)l) + (int)average(2, 1.0, (double)f);
}
