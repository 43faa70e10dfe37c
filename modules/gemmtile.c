/*
 * gemmtile: C += A x B for 32x32 matrices of 16-bit values, computed in 8x8 tiles with 64-bit
 * accumulators and compared with the untiled product. Returns a fold of C (with a 64-bit
 * division), or -1 if the two products differ.
 */
typedef long long i64;
#define N 32
#define TILE 8

struct matrices {
  short a[N][N];
  short b[N][N];
  i64 tiled[N][N];
  i64 plain[N][N];
};

static struct matrices m;

static void fill(void) {
  unsigned seed = 12345;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      seed = seed * 1103515245u + 12345u;
      m.a[i][j] = (short)((seed >> 16) & 0x7fff) - 16384;
      seed = seed * 1103515245u + 12345u;
      m.b[i][j] = (short)((seed >> 16) & 0x7fff) - 16384;
    }
}

static void tile(int row, int column, int inner) {
  for (int i = row; i < row + TILE; i++)
    for (int j = column; j < column + TILE; j++) {
      i64 total = m.tiled[i][j];
      for (int k = inner; k < inner + TILE; k++) total += (i64)m.a[i][k] * m.b[k][j];
      m.tiled[i][j] = total;
    }
}

int gemmtile(void) {
  fill();
  for (int row = 0; row < N; row += TILE)
    for (int column = 0; column < N; column += TILE)
      for (int inner = 0; inner < N; inner += TILE) tile(row, column, inner);
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      for (int k = 0; k < N; k++) m.plain[i][j] += (i64)m.a[i][k] * m.b[k][j];
  i64 fold = 0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      if (m.tiled[i][j] != m.plain[i][j]) return -1;
      fold = fold * 3 + m.tiled[i][j] / 977;
      fold %= 1000000000039LL;
    }
  return (int)(fold % 2147483647);
}
