/* 64-bit integers on i386: arithmetic, signed and unsigned division and remainder, shifts, mixing widths. */
typedef unsigned long long u64;
typedef long long i64;
i64 big_constant = 0x123456789abcdefLL;
u64 huge = 0xfedcba9876543210ULL;
i64 negative = -9007199254740993LL;

i64 sdiv64(i64 a, i64 b) { return a / b; }
u64 udiv64(u64 a, u64 b) { return a / b; }
i64 srem64(i64 a, i64 b) { return a % b; }
u64 urem64(u64 a, u64 b) { return a % b; }
i64 mix(int a, unsigned b, short c, unsigned char d) { return (i64)a * b + c - d; }
u64 shifts(u64 x, int n) { return (x << n) ^ (x >> (n & 63)) ^ ((i64)x >> 3); }
int compare(i64 a, u64 b) { return (a < 0) + (b > 1000) + (a == (i64)b) + ((u64)a >= b); }
unsigned low(u64 x) { return (unsigned)x; }
int high(i64 x) { return (int)(x >> 32); }
u64 multiply_add(u64 a, u64 b, u64 c) { return a * b + c; }
i64 negate(i64 x) { return -x + ~x; }
u64 factorial(unsigned n) { u64 r = 1; while (n > 1) r *= n--; return r; }
short narrow(i64 x) { return (short)x; }
i64 divide_constant(i64 x) { return x / 10 + x % 7 + (i64)((u64)x / 3); }
