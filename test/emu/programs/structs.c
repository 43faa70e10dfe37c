/* Structures: copies of large and small structs, passing and returning by value, arrays of
   structs, unions, bit fields, and the memcpy/memset calls compilers insert for them. */
#include "runtime.h"

struct point { short x, y; };
struct record {
  char name[20];
  int values[12];
  struct point corners[4];
  unsigned char flags;
  u64 stamp;
};
struct packed {
  unsigned kind : 3;
  unsigned size : 11;
  signed offset : 9;
  unsigned last : 1;
};
union word { u32 whole; u16 halves[2]; u8 bytes[4]; };

static struct record make(int seed) {
  struct record out;
  memset(&out, 0, sizeof out);
  for (int i = 0; i < 19; i++) out.name[i] = (char)('a' + (seed + i) % 26);
  for (int i = 0; i < 12; i++) out.values[i] = seed * (i + 1) - 50;
  for (int i = 0; i < 4; i++) out.corners[i] = (struct point){(short)(seed - i * 1000), (short)(i * seed)};
  out.flags = (unsigned char)seed;
  out.stamp = (u64)seed << 40 | 0x55;
  return out;
}

static u32 digest(struct record item) {
  u32 sum = item.flags;
  for (int i = 0; i < 20; i++) sum = sum * 33 + (u8)item.name[i];
  for (int i = 0; i < 12; i++) sum += (u32)item.values[i] << (i % 5);
  for (int i = 0; i < 4; i++) sum ^= (u32)(item.corners[i].x * 3 + item.corners[i].y);
  return sum + (u32)(item.stamp >> 20);
}

static struct point middle(struct point a, struct point b) {
  return (struct point){(short)((a.x + b.x) / 2), (short)((a.y + b.y) / 2)};
}

int main(void) {
  struct record items[8];
  for (int i = 0; i < 8; i++) items[i] = make(i * 37 + 3);
  struct record copy = items[5];
  copy.values[3] = 0;
  items[6] = copy;
  u32 total = 0;
  for (int i = 0; i < 8; i++) {
    u32 value = digest(items[i]);
    put_hex32(value);
    put_char(' ');
    total += value;
  }
  put_char('\n');
  struct point m = middle(items[1].corners[2], items[7].corners[3]);
  put_i32(m.x);
  put_char(',');
  put_i32(m.y);
  put_char('\n');
  struct packed fields[5];
  for (int i = 0; i < 5; i++) {
    fields[i].kind = (unsigned)i * 3u;
    fields[i].size = (unsigned)(i * 517);
    fields[i].offset = -i * 60;
    fields[i].last = i == 4;
  }
  for (int i = 0; i < 5; i++) {
    put_u32(fields[i].kind);
    put_char('/');
    put_u32(fields[i].size);
    put_char('/');
    put_i32(fields[i].offset);
    put_char('/');
    put_u32(fields[i].last);
    put_char(' ');
  }
  put_char('\n');
  union word word = {.whole = 0x11223344u};
  word.halves[1] ^= 0xffff;
  word.bytes[0] = 0xaa;
  put_hex32(word.whole);
  put_char('\n');
  return (int)(total & 0x3f) + (int)sizeof(struct record) % 7;
}
