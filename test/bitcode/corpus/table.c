/* The rows of the notes' table: structs, switches, function pointers, i64, strings,
   globals referencing globals, floating point, varargs declarations. */
struct point { int x, y; };
struct node { int value; struct node *next; };
struct shape { const char *name; struct point corners[2]; double area; };

static const char greeting[] = "hello, kernel\n";
const char *messages[] = { "zero", "one", "two" };
int numbers[5] = { 1, -2, 3, -4, 5 };
int *middle = &numbers[2];
struct point origin = { 0, 0 };
struct point *origin_ref = &origin;
struct shape shapes[2] = { { "square", { { 0, 0 }, { 2, 2 } }, 4.0 }, { "unit", { { 0, 0 }, { 1, 1 } }, 1.0 } };
long long wide = -0x123456789abcdefLL;
unsigned long long wider = 0xfedcba9876543210ULL;
float ratio = 0.1f;
double third = 1.0 / 3.0;
char zeros[64];

extern int kprintf(const char *format, ...);
typedef int (*operation)(int, int);
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
operation operations[] = { add, sub, mul };

int apply(int which, int a, int b) { return operations[which % 3](a, b); }

int list_sum(struct node *n) {
  int sum = 0;
  for (; n; n = n->next) sum += n->value;
  return sum;
}

int classify(int c) {
  switch (c) {
  case 0: return 10;
  case 1: return 20;
  case 2: return 30;
  case 3: return 45;
  case 7: return 70;
  case 100: return -1;
  default: return 0;
  }
}

const char *name_of(int c) {
  switch (c) {
  case 0: return "zero";
  case 1: return "one";
  case 2: return "two";
  case 3: return "three";
  default: return "many";
  }
}

long long divide(long long a, long long b) { return a / b + a % b; }
unsigned long long udivide(unsigned long long a, unsigned long long b) { return a / b + a % b; }
long long shift(long long a, int k) { return (a << k) ^ (a >> 3); }

double area(const struct shape *s) { return s->area * (s->corners[1].x - s->corners[0].x); }
float mix(float a, double b, int c, unsigned u) { return (float)(a * b + c - u) / 3.0f; }
int to_int(double d) { return (int)d + (unsigned)(float)d; }
int compare(double a, float b) { return (a < b) + (a == b) * 2 + (a >= b) * 4; }

int strlen_(const char *s) { int n = 0; while (s[n]) n++; return n; }
void copy(struct shape *to, const struct shape *from) { *to = *from; }
void clear(void) { for (int i = 0; i < 64; i++) zeros[i] = 0; }
struct point make_point(int x, int y) { struct point p = { x, y }; return p; }

int kmain(void) {
  struct node c = { 3, 0 }, b = { 2, &c }, a = { 1, &b };
  kprintf("%s %d %lld\n", greeting, list_sum(&a), wide);
  return apply(1, 5, 3) + classify(3) + strlen_(name_of(2)) + (int)area(&shapes[0]);
}
