typedef int v4si __attribute__((vector_size(16)));
int sumarr(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
void scale(float *a, float k, int n) { for (int i = 0; i < n; i++) a[i] *= k; }
v4si addv(v4si a, v4si b) { return a + b * 3; }
int lane(v4si a) { return a[2]; }
v4si shuf(v4si a, v4si b) { return __builtin_shufflevector(a, b, 0, 5, 2, 7); }
unsigned rot(unsigned x, unsigned k) { return (x << (k & 31)) | (x >> (-k & 31)); }
unsigned bs(unsigned x) { return __builtin_bswap32(x); }
int absv(int x) { return x < 0 ? -x : x; }
unsigned sat(unsigned a, unsigned b) { return a > b ? a - b : 0; }
void spin(volatile int *p) { *p = 1; __asm__ volatile("nop" ::: "memory"); }
int asmadd(int a, int b) { int r; __asm__("addl %2, %0" : "=r"(r) : "0"(a), "r"(b)); return r; }
_Noreturn void die(void) { __builtin_unreachable(); }
long long mul64(long long a, long long b) { return a * b; }
double conv(int x, unsigned y, float z) { return (double)x + (double)y + z; }
int fcmp(double a, double b) { return a < b || a != a; }
struct big { int a[8]; };
struct big mk(int x) { struct big b = {{x, x, x}}; return b; }
int takebig(struct big b) { return b.a[1]; }
signed char sc(signed char c, unsigned short s) { return c + s; }
int va(int n, ...);
int callva(void) { return va(3, 1, 2.0, "x"); }
int sel(int a, int b) { return a > b ? a : b; }
static int counter;
int *addr(void) { return &counter; }
long ptrint(int *p) { return (long)p + 4; }
int *intptr(long x) { return (int *)x; }
float negf(float x) { return -x; }
