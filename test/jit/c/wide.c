/* Integers wider than 64 bits, as csmith's bitfield structs produce them (i72, i120): loads,
 * stores, bitwise ops, add/sub, shifts by constants, truncation, extension, equality. */
#include "kernel.h"

typedef _BitInt(120) wide120;
typedef unsigned _BitInt(72) wide72;

struct __attribute__((packed)) fields {
  signed a : 7;
  unsigned long long b : 40;
  signed c : 29;
  unsigned d : 19;
};

static wide120 values[4];
static wide72 more[3];

static void print_words(wide120 v) {
  kprint_int((int)v); kputc(',');
  kprint_int((int)(v >> 32)); kputc(',');
  kprint_int((int)(v >> 64)); kputc(',');
  kprint_int((int)(v >> 96)); kputc(' ');
}

int wide(int seed) {
  values[0] = ((wide120)seed << 16) + seed;
  values[1] = ((wide120)0x123456789abcdefll << 48) | 0xfedcba98;
  values[2] = -(wide120)seed;
  values[3] = values[1] ^ (values[2] << 17);
  more[0] = (wide72)seed << 60;
  more[1] = ~more[0];
  more[2] = (more[0] >> 5) + more[1];
  wide120 sum = 0;
  for (int i = 0; i < 4; i++) {
    sum += values[i];
    sum ^= values[i] >> 13;
    sum -= (wide120)((unsigned _BitInt(120))values[i] >> 71);
    sum |= values[i] << 99;
    sum &= ~((wide120)1 << 55);
    print_words(sum);
  }
  int equal = (values[3] == (values[1] ^ (values[2] << 17))) + 2 * (more[2] != more[1]);
  struct fields f = { -3, 0x123456789all, -100000, 300000 };
  for (int i = 0; i < 5; i++) {
    f.a += 5; f.b += 0x1111111111ll; f.c ^= 0x5555; f.d -= 77777;
  }
  kprint_int(f.a); kputc(' ');
  kprint_int((int)(f.b >> 8)); kputc(' ');
  kprint_int(f.c); kputc(' ');
  kprint_int(f.d); kputc(' ');
  kprint_int(equal); kputc(' ');
  kprint_int((int)(more[2] >> 40)); kputc('\n');
  return (int)sum;
}
