/* Bit intrinsics clang emits: bswap, clz/ctz/popcount, rotates (fshl/fshr), abs, min/max,
 * saturating subtract, and memcpy/memset/memmove of structs and arrays. */
#include "kernel.h"

static unsigned rotl(unsigned x, unsigned n) { return (x << (n & 31)) | (x >> ((32 - n) & 31)); }
static unsigned rotr(unsigned x, unsigned n) { return (x >> (n & 31)) | (x << ((32 - n) & 31)); }
static unsigned short rotl16(unsigned short x, unsigned n) { return (unsigned short)((x << (n & 15)) | (x >> ((16 - n) & 15))); }
static unsigned char rotr8(unsigned char x, unsigned n) { return (unsigned char)((x >> (n & 7)) | (x << ((8 - n) & 7))); }
static int iabs(int x) { return x < 0 ? -x : x; }
static long long labs64(long long x) { return x < 0 ? -x : x; }
static unsigned umin(unsigned a, unsigned b) { return a < b ? a : b; }
static int smax(int a, int b) { return a > b ? a : b; }
static unsigned usub_sat(unsigned a, unsigned b) { return a > b ? a - b : 0; }
static unsigned char usub_sat8(unsigned char a, unsigned char b) { return a > b ? a - b : 0; }

static unsigned long long umax64(unsigned long long a, unsigned long long b) { return a > b ? a : b; }
static long long smin64(long long a, long long b) { return a < b ? a : b; }
static unsigned uadd_sat(unsigned a, unsigned b) { unsigned s = a + b; return s < a ? 0xffffffffu : s; }

struct record { int id; char name[10]; short flags; };

int bits(int seed) {
  unsigned x = (unsigned)seed * 2654435761u;
  unsigned long long y = ((unsigned long long)x << 32) | (x ^ 0xa5a5a5a5u);
  unsigned hash = 0;
  for (unsigned i = 0; i < 40; i++) {
    unsigned v = x ^ (i * 0x01000193u);
    hash += __builtin_bswap32(v) + (unsigned)(__builtin_bswap64(y + i) >> 7) + __builtin_bswap16((unsigned short)v);
    hash += (v ? __builtin_clz(v) : 32) + (v ? __builtin_ctz(v) : 32) * 3 + __builtin_popcount(v) * 5;
    hash += __builtin_popcountll(y * i) * 7 + (unsigned)__builtin_clzll(y | 1) * 11;
    hash ^= rotl(v, i) + rotr(v, i * 3) + rotl16((unsigned short)v, i) + rotr8((unsigned char)v, i);
    hash += (unsigned)iabs((int)v) + (unsigned)labs64((long long)(y - i * 0x123456789ull));
    hash += (unsigned)(umax64(y * i, y ^ v) >> 3) + (unsigned)smin64((long long)(y * i), (long long)(y ^ v)) + uadd_sat(v, hash * 3);
    hash += umin(v, hash) + (unsigned)smax((int)v, (int)hash) + usub_sat(v, hash) + usub_sat8((unsigned char)v, (unsigned char)hash);
  }
  struct record records[4];
  __builtin_memset(records, 0, sizeof records);
  for (int i = 0; i < 4; i++) { records[i].id = i + seed; records[i].name[0] = (char)('a' + i); records[i].flags = (short)(i * 1000); }
  struct record copy;
  __builtin_memcpy(&copy, &records[2], sizeof copy);
  char text[16] = "abcdefghijklmno";
  __builtin_memmove(text + 2, text, 8);
  __builtin_memmove(text, text + 5, 6);
  hash += (unsigned)copy.id + (unsigned)copy.name[0] + (unsigned)copy.flags;
  kprint(text); kputc(' ');
  kprint_int((int)hash); kputc('\n');
  return (int)hash;
}
