/*
 * compute: a 100x100 loop nest that dispatches on (i * j) % 6 through a switch, a table of
 * function pointers and a struct returned by value; 64-bit signed and unsigned arithmetic
 * including division and remainder (which i386 code does with __divdi3 and friends).
 * Returns a 32-bit fold of the results.
 */
typedef long long i64;
typedef unsigned long long u64;

struct divmod {
  i64 quotient;
  i64 remainder;
};

struct operation {
  const char *name;
  int (*apply)(int, int);
};

static int add(int a, int b) { return a + b; }
static int subtract(int a, int b) { return a - b; }
static int multiply(int a, int b) { return a * b; }
static int maximum(int a, int b) { return a > b ? a : b; }

static const struct operation operations[] = {
  {"add", add}, {"subtract", subtract}, {"multiply", multiply}, {"maximum", maximum},
};

static struct divmod divide(i64 dividend, i64 divisor) {
  struct divmod result = {dividend / divisor, dividend % divisor};
  return result;
}

static int step(int i, int j, i64 *wide) {
  int k = (i * j) % 6;
  switch (k) {
  case 0: return operations[0].apply(i, j);
  case 1: return operations[1].apply(i, j);
  case 2: return operations[2].apply(i, j) & 0xff;
  case 3: return operations[3].apply(i, j);
  case 4: *wide += (i64)i * 1000003 * j; return 1;
  default: *wide -= (i64)j << 20; return -1;
  }
}

static u64 mix(u64 h, u64 value) {
  h ^= value;
  h *= 0x100000001b3ULL;
  return h ^ (h >> 29);
}

int compute(void) {
  i64 wide = 0;
  int narrow = 0;
  for (int i = 0; i < 100; i++)
    for (int j = 0; j < 100; j++) narrow += step(i, j, &wide);
  struct divmod signed_part = divide(wide, -12345);
  u64 unsigned_part = (u64)wide * 2654435761ULL;
  u64 h = 0xcbf29ce484222325ULL;
  h = mix(h, (u64)signed_part.quotient);
  h = mix(h, (u64)signed_part.remainder);
  h = mix(h, unsigned_part / 1000000007ULL);
  h = mix(h, unsigned_part % 1000000007ULL);
  h = mix(h, (u64)narrow);
  return (int)(h ^ (h >> 32)) & 0x7fffffff;
}
