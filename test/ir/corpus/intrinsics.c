/* What clang turns into intrinsics and special instructions: select, abs, rotates, memcpy/memset,
   bswap, saturating subtraction, min/max, bit counts, unreachable, ptrtoint/inttoptr, volatile, inline asm. */
typedef unsigned int u32;
typedef unsigned long long u64;
struct blob { int words[16]; };
struct blob source_blob = { { 1, 2, 3 } };

int absolute(int x) { return x < 0 ? -x : x; }
int maximum(int a, int b) { return a > b ? a : b; }
unsigned minimum(unsigned a, unsigned b) { return a < b ? a : b; }
u32 rotate_left(u32 x, int n) { return (x << (n & 31)) | (x >> ((32 - n) & 31)); }
u32 rotate_right(u32 x) { return (x >> 7) | (x << 25); }
u32 swap32(u32 x) { return __builtin_bswap32(x); }
u64 swap64(u64 x) { return __builtin_bswap64(x); }
unsigned short swap16(unsigned short x) { return __builtin_bswap16(x); }
u32 saturating_sub(u32 a, u32 b) { return a > b ? a - b : 0; }
int count_bits(u32 x) { return __builtin_popcount(x) + __builtin_clz(x | 1) + __builtin_ctz(x | 0x80000000u); }
void copy_blob(struct blob *to) { *to = source_blob; }
void clear(char *p, unsigned n) { __builtin_memset(p, 0, n); }
void move(char *to, const char *from, unsigned n) { __builtin_memmove(to, from, n); }
void copy_bytes(void *to, const void *from) { __builtin_memcpy(to, from, 24); }
int never(int x) { if (x > 3) __builtin_unreachable(); return x * 2; }
void halt(void) { __builtin_trap(); }
u32 address_of(int *p) { return (u32)p; }
int *from_address(u32 a) { return (int *)a; }
int read_port(void) { return *(volatile int *)0xb8000; }
void write_port(int v) { *(volatile unsigned char *)0x3f8 = (unsigned char)v; }
void spin(volatile int *flag) { while (!*flag) {} }
u32 read_flags(void) { u32 f; __asm__ volatile("pushf; pop %0" : "=r"(f)); return f; }
void out_byte(unsigned short port, unsigned char value) { __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port)); }
int select_chain(int a, int b, int c) { return a ? (b ? c : a + 1) : (c ? b : 7); }
int expect(int x) { if (__builtin_expect(x == 42, 0)) return 1; return x; }
u32 overflow_add(u32 a, u32 b) { u32 r; return __builtin_add_overflow(a, b, &r) ? 0 : r; }
int sign_of(int x) { return (x > 0) - (x < 0); }
