/* Loop shapes for the analyses and passes: nested for loops, continue, while inside for,
   do-while, an early exit by goto, a loop with two latches, and loop-invariant arithmetic. */
int nested(int n, int m) {
  int s = 0;
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < m; j++) {
      if (j == 5) continue;
      s += i * j + n * m;
    }
    while (s > 100) s -= 7;
  }
  return s;
}

int search(const int *table, int count, int wanted) {
  int index = 0;
  do {
    if (table[index] == wanted) goto found;
    index++;
  } while (index < count);
  return -1;
found:
  return index;
}

unsigned twoLatches(unsigned x) {
  unsigned steps = 0;
  while (x != 1) {
    steps++;
    if (x & 1) { x = 3 * x + 1; continue; }
    x /= 2;
  }
  return steps;
}

int invariant(int *out, int n, int a, int b) {
  int total = 0;
  for (int i = 0; i < n; i++) {
    int k = a * b + 3;
    out[i] = k + i;
    total += (a << 2) * i;
  }
  return total;
}
