/* Bit tricks: population count, leading/trailing zeros (bsr/bsf), byte swaps, rotates, parity,
   bit reversal, branch-free min/max/abs, 64-bit shifts (shld/shrd). */
#include "runtime.h"

static u32 rotate_left(u32 value, u32 count) { return (value << (count & 31)) | (value >> ((32 - count) & 31)); }
static u32 rotate_right(u32 value, u32 count) { return (value >> (count & 31)) | (value << ((32 - count) & 31)); }
static u16 rotate16(u16 value, u32 count) { return (u16)((value << (count & 15)) | (value >> ((16 - count) & 15))); }
static u8 rotate8(u8 value, u32 count) { return (u8)((value >> (count & 7)) | (value << ((8 - count) & 7))); }

static u32 reverse_bits(u32 value) {
  value = ((value >> 1) & 0x55555555u) | ((value & 0x55555555u) << 1);
  value = ((value >> 2) & 0x33333333u) | ((value & 0x33333333u) << 2);
  value = ((value >> 4) & 0x0f0f0f0fu) | ((value & 0x0f0f0f0fu) << 4);
  return __builtin_bswap32(value);
}

static int popcount_loop(u32 value) {
  int count = 0;
  for (; value; value &= value - 1) count++;
  return count;
}

static u32 branchless_abs(int value) {
  u32 mask = (u32)(value >> 31);
  return ((u32)value ^ mask) - mask;
}

/* Exact while a - b does not overflow; wraps the same way on every compiler either way. */
static u32 branchless_min(int a, int b) {
  int difference = (int)((u32)a - (u32)b);
  return (u32)b + ((u32)difference & (u32)(difference >> 31));
}

int main(void) {
  u32 hash = 0, value = 0x9e3779b9u;
  for (int round = 0; round < 500; round++) {
    value = value * 1664525u + 1013904223u;
    u32 count = value >> 27;
    hash = rotate_left(hash, 5) ^ value;
    hash += (u32)__builtin_popcount(value) + (u32)popcount_loop(value);
    if (value) hash += (u32)__builtin_clz(value) * 3u + (u32)__builtin_ctz(value);
    hash ^= __builtin_bswap32(value) + (u32)__builtin_bswap16((u16)value);
    hash += rotate_right(value, count) ^ rotate16((u16)value, count) ^ rotate8((u8)value, count);
    hash += (u32)__builtin_parity(value) + reverse_bits(value);
    hash += branchless_abs((int)value) + branchless_min((int)value, (int)hash);
    u64 wide = ((u64)value << 32) | hash;
    hash ^= (u32)(wide >> (count + 1)) + (u32)(wide << (count + 3));
    hash += (u32)((i64)wide >> count);
    hash -= (value & 1) ? 0x1234u : (u32)((int)value >> 7);
    if ((int)value < 0) hash = ~hash;
    hash += (u32)((u8)value > 100) + (u32)((short)value < -300);
  }
  put_str("bits ");
  put_hex32(hash);
  put_char('\n');
  put_line("clz(1)", (u32)__builtin_clz(1));
  put_line("ctz(0x80000000)", (u32)__builtin_ctz(0x80000000u));
  put_line("popcount", (u32)__builtin_popcount(0xf0f0f0f1u));
  return (int)(hash >> 26);
}
