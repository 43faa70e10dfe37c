/*
 * Freestanding start file and kernel services (modules/include/kernel.h) for running an
 * llc-compiled module as a static i386 Linux ELF under mkimg's emulator: `_start` calls the
 * module's entry (linked as `module_entry`) and exits with its value. Output goes straight
 * to write(2); the heap is a bump allocator. Kept small so that the instructions counted are
 * mostly the module's own.
 */
typedef __SIZE_TYPE__ size_t;
/* Entries take no arguments, except args(a, b): cdecl lets every entry receive (17, 5). */
extern int module_entry(int a, int b);

#if defined(__x86_64__)
/* The x86-64 build of the module's C (the benchmark's "native x86-64" column). */
static void sys_exit(int status) {
  for (;;) __asm__ volatile("syscall" : : "a"(60), "D"(status) : "rcx", "r11", "memory");
}

static void sys_write(const void *buffer, size_t length) {
  long result;
  __asm__ volatile("syscall" : "=a"(result) : "a"(1), "D"(1), "S"(buffer), "d"(length) : "rcx", "r11", "memory");
}
#else
static void sys_exit(int status) {
  for (;;) __asm__ volatile("int $0x80" : : "a"(1), "b"(status) : "memory");
}

static void sys_write(const void *buffer, size_t length) {
  long result;
  __asm__ volatile("int $0x80" : "=a"(result) : "a"(4), "b"(1), "c"(buffer), "d"(length) : "memory");
}

#endif

void kputc(int c) { char byte = (char)c; sys_write(&byte, 1); }
void kprint(const char *s) { size_t n = 0; while (s[n]) n++; sys_write(s, n); }
void kprint_int(int v) {
  char digits[12];
  int n = 0;
  unsigned magnitude = v < 0 ? 0u - (unsigned)v : (unsigned)v;
  do digits[n++] = (char)('0' + magnitude % 10); while ((magnitude /= 10) != 0);
  if (v < 0) kputc('-');
  while (n > 0) kputc(digits[--n]);
}
void *memcpy(void *d, const void *s, size_t n) { unsigned char *a = d; const unsigned char *b = s; while (n--) *a++ = *b++; return d; }
void *memmove(void *d, const void *s, size_t n) {
  unsigned char *a = d; const unsigned char *b = s;
  if (a < b) while (n--) *a++ = *b++; else while (n--) a[n] = b[n];
  return d;
}
void *memset(void *d, int v, size_t n) { unsigned char *a = d; while (n--) *a++ = (unsigned char)v; return d; }
int memcmp(const void *x, const void *y, size_t n) {
  const unsigned char *a = x, *b = y;
  for (size_t i = 0; i < n; i++) if (a[i] != b[i]) return (int)a[i] - (int)b[i];
  return 0;
}
static unsigned char heap[1 << 20] __attribute__((aligned(8)));
static size_t heap_used;
void *kmalloc(size_t size) {
  size_t rounded = (size + 7u) & ~7u;
  if (size == 0 || rounded > sizeof heap - heap_used) return 0;
  heap_used += rounded;
  return heap + heap_used - rounded;
}
void kfree(void *p) { (void)p; }
static unsigned ticks;
unsigned kticks(void) { return ++ticks; }
void kexit(int status) { kprint("\nexit "); kprint_int(status); kputc('\n'); sys_exit(0); }
void kabort(void) { kprint("\naborted\n"); sys_exit(0); }
void kpanic(const char *message) { kprint("\npanic "); kprint(message); kputc('\n'); sys_exit(0); }

/* The value leaves as the exit status (low 8 bits): printing it would add instructions. */
void start_main(void) {
  sys_exit(module_entry(17, 5));
}

#if defined(__x86_64__)
__asm__(".text\n.globl _start\n_start:\n  xorl %ebp, %ebp\n  andq $-16, %rsp\n  call start_main\n  hlt\n");
#else
__asm__(".text\n.globl _start\n_start:\n  xorl %ebp, %ebp\n  andl $-16, %esp\n  call start_main\n  hlt\n");
#endif
