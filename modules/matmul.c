/*
 * matmul: C = A x B for 16x16 integer matrices in global two-dimensional arrays, then a
 * weighted checksum of C. Returns the checksum.
 */
#define N 16

static int a[N][N], b[N][N], c[N][N];

static void fill(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      a[i][j] = (i * N + j) % 7 - 3;
      b[i][j] = (i + 2 * j) % 5 - 2;
    }
}

static void multiply(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      int total = 0;
      for (int k = 0; k < N; k++) total += a[i][k] * b[k][j];
      c[i][j] = total;
    }
}

int matmul(void) {
  fill();
  multiply();
  int checksum = 0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) checksum += c[i][j] * (i + 1) - c[i][j] * j;
  return checksum;
}
