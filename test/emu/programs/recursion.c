/* Recursion: Fibonacci, Ackermann, Towers of Hanoi, eight queens, a recursive descent expression parser. */
#include "runtime.h"

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static u32 ackermann(u32 m, u32 n) {
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

static u32 hanoi(int disks, int from, int to, int via, u32 *signature) {
  if (disks == 0) return 0;
  u32 moves = hanoi(disks - 1, from, via, to, signature);
  *signature = *signature * 7 + (u32)(from * 3 + to);
  return moves + 1 + hanoi(disks - 1, via, to, from, signature);
}

static int queens(int row, int columns, int left, int right, int size) {
  if (row == size) return 1;
  int count = 0, free = ~(columns | left | right) & ((1 << size) - 1);
  while (free) {
    int bit = free & -free;
    free -= bit;
    count += queens(row + 1, columns | bit, (left | bit) << 1, (right | bit) >> 1, size);
  }
  return count;
}

static const char *cursor;
static int expression(void);

static int factor(void) {
  if (*cursor == '(') {
    cursor++;
    int value = expression();
    cursor++;
    return value;
  }
  if (*cursor == '-') {
    cursor++;
    return -factor();
  }
  int value = 0;
  while (*cursor >= '0' && *cursor <= '9') value = value * 10 + (*cursor++ - '0');
  return value;
}

static int term(void) {
  int value = factor();
  while (*cursor == '*' || *cursor == '/' || *cursor == '%') {
    char op = *cursor++;
    int right = factor();
    value = op == '*' ? value * right : op == '/' ? value / right : value % right;
  }
  return value;
}

static int expression(void) {
  int value = term();
  while (*cursor == '+' || *cursor == '-') {
    char op = *cursor++;
    int right = term();
    value = op == '+' ? value + right : value - right;
  }
  return value;
}

int main(void) {
  put_line("fib(24)", (u32)fib(24));
  put_line("ackermann(2,3)", ackermann(2, 3));
  put_line("ackermann(3,4)", ackermann(3, 4));
  u32 signature = 0;
  put_line("hanoi(12)", hanoi(12, 1, 3, 2, &signature));
  put_line("hanoi signature", signature);
  for (int size = 4; size <= 8; size++) put_line("queens", (u32)queens(0, 0, 0, 0, size));
  const char *sources[] = {"1+2*3", "(1+2)*3", "100/7%4-(-3)", "-(2*(3+4)*5)/3", "12345*6789%1000"};
  for (int i = 0; i < 5; i++) {
    cursor = sources[i];
    put_str(sources[i]);
    put_str(" = ");
    put_i32(expression());
    put_char('\n');
  }
  return fib(10);
}
