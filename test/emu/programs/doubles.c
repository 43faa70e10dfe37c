/*
 * Floating point through SSE2 (built with -msse2 -mfpmath=sse): sums, products, divisions,
 * square roots, conversions between int, float and double, comparisons with NaNs and signed
 * zeros, and loops clang and gcc vectorise at -O2. No function returns a double (the i386 ABI
 * would return it in the x87's st(0)): results go through pointers and are printed as bits.
 */
#include "runtime.h"

static void put_double(const char *label, double value) {
  u64 bits;
  memcpy(&bits, &value, sizeof bits);
  put_str(label);
  put_char(' ');
  put_hex64(bits);
  put_char('\n');
}

static void put_float(const char *label, float value) {
  u32 bits;
  memcpy(&bits, &value, sizeof bits);
  put_str(label);
  put_char(' ');
  put_hex32(bits);
  put_char('\n');
}

static double values[64];
static float singles[64];
static int integers[64];

static void fill(void) {
  u32 state = 0x2545f491;
  for (int i = 0; i < 64; i++) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    integers[i] = (int)state >> (i % 20);
    values[i] = (double)integers[i] / (double)(i + 1) + 0.1 * i;
    singles[i] = (float)values[i] * 0.5f;
  }
  values[3] = -0.0;
  values[7] = 1e308;
  values[11] = 4.9e-324;
  values[13] = 2.5;
}

static void sums(double *sum, double *product, float *single_sum) {
  double s = 0, p = 1;
  float f = 0;
  for (int i = 0; i < 64; i++) {
    s += values[i];
    p *= 1.0 + values[i] / 1e9;
    f += singles[i];
  }
  *sum = s;
  *product = p;
  *single_sum = f;
}

static void scale(double *out, const double *in, double factor, int count) {
  for (int i = 0; i < count; i++) out[i] = in[i] * factor + 1.0;
}

int main(void) {
#ifdef X87_DOUBLE_PRECISION
  unsigned short control = 0x027f; /* precision control 53 bits: the emulator's x87 computes in doubles */
  __asm__ volatile("fldcw %0" : : "m"(control));
#endif
  fill();
  double sum, product;
  float single_sum;
  sums(&sum, &product, &single_sum);
  put_double("sum", sum);
  put_double("product", product);
  put_float("single sum", single_sum);
  double scaled[64];
  scale(scaled, values, 1.0 / 3.0, 64);
  u64 hash = 0;
  for (int i = 0; i < 64; i++) {
    u64 bits;
    memcpy(&bits, &scaled[i], sizeof bits);
    hash = hash * 31 + bits;
  }
  put_str("scaled hash ");
  put_hex64(hash);
  put_char('\n');
  int converted = 0, below = 0, equal = 0;
  for (int i = 0; i < 64; i++) {
    double x = values[i];
    if (x > -2147483648.0 && x < 2147483648.0) converted += (int)x;
    below += x < values[(i + 1) % 64];
    equal += x == 0.0;
    double root = __builtin_sqrt(x < 0 ? -x : x);
    put_double("root", root);
    put_float("narrow", (float)(x / 7.0));
    put_double("min", x < root ? x : root);
  }
  double nan = 0.0 / values[3];
  put_line("nan compares", (nan == nan) + 2 * (nan < 1.0) + 4 * (nan != nan) + 8 * (values[3] == 0.0));
  put_line("converted", (u32)converted);
  put_line("below", (u32)below);
  put_line("equal", (u32)equal);
  put_line("unsigned", (u32)(values[13] * 1e9));
  flush();
  return (int)(sum / 1e6) & 0x7f;
}
