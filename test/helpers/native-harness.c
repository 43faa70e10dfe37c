/*
 * The native ground truth for modules: implements the kernel services of modules/include/kernel.h
 * exactly as docs/KERNEL_API.md specifies them, calls the module's entry (linked in as the
 * symbol `module_entry`, via -Wl,--defsym) with up to 8 integer arguments from the command line,
 * and reports how the module ended on stderr:
 *
 *   mkimg-native: returned N | exited N | aborted | panic MESSAGE
 *
 * stdout carries exactly the module's output, byte for byte (unbuffered, so a crash keeps it).
 * Built with gcc -m32 -fno-builtin and linked with the object llc made from the module's .bc.
 * With -DMKIMG_ARGV_ENTRY the entry is `int main(int argc, char **argv)` (renamed in the module's
 * object), called with this program's argv from argv[1] on: the runner passes the module's name
 * first, so the module sees argv[0] = its name, as under `mkimg run`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_ARGS 8
#define HEAP_SIZE (1u << 20)

extern int module_entry();

/* ---- output ---- */

static void write_bytes(const char *bytes, size_t size) {
  while (size > 0) {
    ssize_t written = write(1, bytes, size);
    if (written <= 0) _exit(3);
    bytes += written;
    size -= (size_t)written;
  }
}

void kputc(int c) {
  char byte = (char)c;
  write_bytes(&byte, 1);
}

void kprint(const char *s) {
  size_t n = 0;
  while (s[n]) n++;
  write_bytes(s, n);
}

void kprint_int(int v) {
  char digits[12];
  int n = 0;
  unsigned magnitude = v < 0 ? 0u - (unsigned)v : (unsigned)v;
  do digits[n++] = (char)('0' + magnitude % 10); while ((magnitude /= 10) != 0);
  if (v < 0) kputc('-');
  while (n > 0) kputc(digits[--n]);
}

/* ---- memory ---- */

void *memcpy(void *destination, const void *source, unsigned size) {
  unsigned char *d = destination;
  const unsigned char *s = source;
  for (unsigned i = 0; i < size; i++) d[i] = s[i];
  return destination;
}

void *memmove(void *destination, const void *source, unsigned size) {
  unsigned char *d = destination;
  const unsigned char *s = source;
  if (d < s) {
    for (unsigned i = 0; i < size; i++) d[i] = s[i];
  } else {
    for (unsigned i = size; i > 0; i--) d[i - 1] = s[i - 1];
  }
  return destination;
}

void *memset(void *destination, int value, unsigned size) {
  unsigned char *d = destination;
  for (unsigned i = 0; i < size; i++) d[i] = (unsigned char)value;
  return destination;
}

int memcmp(const void *a, const void *b, unsigned size) {
  const unsigned char *x = a, *y = b;
  for (unsigned i = 0; i < size; i++)
    if (x[i] != y[i]) return (int)x[i] - (int)y[i];
  return 0;
}

/* ---- heap: first fit over a free list, 8-byte headers holding the block size ---- */

struct block {
  uint32_t size; /* bytes after this header */
  struct block *next_free;
};

static _Alignas(8) unsigned char heap[HEAP_SIZE];
static uint32_t heap_used;
static struct block *free_list;

void *kmalloc(unsigned size) {
  if (size == 0 || size > HEAP_SIZE) return 0;
  uint32_t rounded = (size + 7u) & ~7u;
  for (struct block **link = &free_list; *link; link = &(*link)->next_free) {
    if ((*link)->size >= rounded) {
      struct block *found = *link;
      *link = found->next_free;
      return (unsigned char *)found + 8;
    }
  }
  if (HEAP_SIZE - heap_used < rounded + 8u) return 0;
  struct block *fresh = (struct block *)(heap + heap_used);
  fresh->size = rounded;
  heap_used += rounded + 8u;
  return (unsigned char *)fresh + 8;
}

void kfree(void *p) {
  if (!p) return;
  struct block *freed = (struct block *)((unsigned char *)p - 8);
  freed->next_free = free_list;
  free_list = freed;
}

/* ---- time and endings ---- */

static unsigned ticks;

unsigned kticks(void) { return ++ticks; }

void kexit(int status) {
  fprintf(stderr, "mkimg-native: exited %d\n", status);
  _exit(0);
}

void kabort(void) {
  fprintf(stderr, "mkimg-native: aborted\n");
  _exit(0);
}

void kpanic(const char *msg) {
  fprintf(stderr, "mkimg-native: panic %s\n", msg);
  _exit(0);
}

#ifdef MKIMG_ARGV_ENTRY
int main(int argc, char **argv) {
  int returned = module_entry(argc - 1, argv + 1);
  fprintf(stderr, "mkimg-native: returned %d\n", returned);
  return 0;
}
#else
int main(int argc, char **argv) {
  int args[MAX_ARGS] = {0};
  if (argc - 1 > MAX_ARGS) {
    fprintf(stderr, "native harness: at most %d arguments\n", MAX_ARGS);
    return 2;
  }
  for (int i = 1; i < argc; i++) args[i - 1] = (int)strtoll(argv[i], 0, 0);
  int returned = module_entry(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7]);
  fprintf(stderr, "mkimg-native: returned %d\n", returned);
  return 0;
}
#endif
