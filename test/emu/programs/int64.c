/* 64-bit arithmetic: multiply, divide and remainder (libgcc's __divdi3 family), shifts, comparisons. */
#include "runtime.h"

static u64 state = 0x123456789abcdefull;
static u64 next64(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

static const i64 edges[] = {0, 1, -1, 2, -2, 7, -7, 10, 0x7fffffffffffffffll, -0x7fffffffffffffffll - 1, 0xffffffffll,
  0x100000000ll, -0x100000000ll, 1000000007, 0x7fffffff, -0x80000000ll};

int main(void) {
  u64 sum = 0;
  int count = (int)(sizeof edges / sizeof edges[0]);
  for (int i = 0; i < count; i++) {
    for (int j = 0; j < count; j++) {
      i64 a = edges[i], b = edges[j];
      if (b != 0 && !(b == -1 && a == edges[9])) {
        sum = sum * 31 + (u64)(a / b) + (u64)(a % b);
        put_i64(a / b);
        put_char(' ');
      }
      if (b != 0) sum ^= (u64)a / (u64)b + (u64)a % (u64)b;
      sum += (u64)(a * b) + (a < b) + ((u64)a < (u64)b) * 2;
    }
    put_char('\n');
  }
  for (int round = 0; round < 300; round++) {
    u64 a = next64(), b = next64() >> (round % 64);
    u32 shift = (u32)round % 64;
    if (b) sum += a / b + a % b;
    if ((i64)b) sum += (u64)((i64)a / (i64)(b | 1)) + (u64)((i64)a % (i64)(b | 1));
    sum += (a << shift) ^ (a >> shift) ^ (u64)((i64)a >> shift);
    sum += (u64)(u32)a * (u64)(u32)b + (u64)((i64)(int)a * (i64)(int)b);
  }
  put_str("sum ");
  put_hex64(sum);
  put_char('\n');
  put_u64(18446744073709551615ull);
  put_char(' ');
  put_i64(-9223372036854775807ll - 1);
  put_char('\n');
  return (int)(sum % 100);
}
