/* i1/i8/i16 arithmetic: wrap-around, sign and zero extension, division, compares, bitfields. */
#include "kernel.h"

struct packed_bits { unsigned a : 3; signed b : 5; unsigned c : 11; signed d : 13; };

static signed char sc[] = { 0, 1, -1, 127, -128, 100, -100, 55 };
static unsigned char uc[] = { 0, 1, 255, 128, 127, 200, 3, 17 };
static short ss[] = { 0, 1, -1, 32767, -32768, 1000, -1000, 255 };
static unsigned short us[] = { 0, 1, 65535, 32768, 32767, 40000, 3, 256 };

int narrow(int seed) {
  int hash = seed;
  for (int i = 0; i < 8; i++) {
    for (int j = 0; j < 8; j++) {
      signed char a = sc[i], b = sc[j];
      unsigned char c = uc[i], d = uc[j];
      short e = ss[i], f = ss[j];
      unsigned short g = us[i], h = us[j];
      signed char sum = (signed char)(a + b);
      unsigned char usum = (unsigned char)(c * d);
      short prod = (short)(e * f);
      unsigned short ushift = (unsigned short)(g << (j & 7));
      hash = hash * 33 + sum + usum + prod + ushift;
      hash ^= (a < b) | ((c < d) << 1) | ((e < f) << 2) | ((g < h) << 3);
      if (b != 0 && !(a == -128 && b == -1)) hash += (signed char)(a / b) + (signed char)(a % b);
      if (d != 0) hash += (unsigned char)(c / d) + (unsigned char)(c % d);
      if (f != 0 && !(e == -32768 && f == -1)) hash += (short)(e / f) * 3 + (short)(e % f);
      if (h != 0) hash += (unsigned short)(g / h) + (unsigned short)(g % h);
      hash += (signed char)(a >> (j & 7)) + (unsigned char)(c >> (j & 7));
      hash += (short)(e >> (i & 15)) + (unsigned short)(g >> (i & 15));
    }
  }
  struct packed_bits bits = { 5, -7, 1500, -3000 };
  for (int i = 0; i < 10; i++) {
    bits.a += 3; bits.b -= 5; bits.c *= 3; bits.d += 1234;
    hash = hash * 7 + bits.a + bits.b + bits.c + bits.d;
  }
  _Bool flag = hash & 1;
  _Bool other = (hash >> 3) & 1;
  hash += (flag && other) * 5 + (flag || other) * 7 + (!flag) * 11;
  kprint_int(hash);
  kputc('\n');
  return hash;
}
