/*
 * Start file and runtime for the C test programs (see runtime.h): `_start` takes argc/argv from
 * the initial stack as Linux lays it out, calls main and exits with its value after flushing
 * the output buffer. i386 (int 0x80) is what the tests run; the x86-64 build (syscall) is the
 * same C for the benchmarks' native column and quick checks on machines without i386.
 */
#include "runtime.h"

int main(int argc, char **argv);

#if defined(__x86_64__)
/* The x86-64 build of the same programs (benchmarks' native column, csmith's quick check). */
__asm__(
    ".text\n"
    ".globl _start\n"
    "_start:\n"
    "  xorl %ebp, %ebp\n"
    "  movq (%rsp), %rdi\n"
    "  leaq 8(%rsp), %rsi\n"
    "  andq $-16, %rsp\n"
    "  call start_main\n"
    "  hlt\n");

long sys_write(int fd, const void *buffer, size_t length) {
  long result;
  __asm__ volatile("syscall" : "=a"(result) : "a"(1), "D"(fd), "S"(buffer), "d"((unsigned long)length) : "rcx", "r11", "memory");
  return result;
}

void sys_exit(int status) {
  for (;;) __asm__ volatile("syscall" : : "a"(60), "D"(status) : "rcx", "r11", "memory");
}
#else
__asm__(
    ".text\n"
    ".globl _start\n"
    "_start:\n"
    "  xorl %ebp, %ebp\n"
    "  movl (%esp), %eax\n"
    "  leal 4(%esp), %edx\n"
    "  andl $-16, %esp\n"
    "  subl $8, %esp\n"
    "  pushl %edx\n"
    "  pushl %eax\n"
    "  call start_main\n"
    "  hlt\n");

long sys_write(int fd, const void *buffer, size_t length) {
  long result;
  __asm__ volatile("int $0x80" : "=a"(result) : "a"(4), "b"(fd), "c"(buffer), "d"(length) : "memory");
  return result;
}

void sys_exit(int status) {
  for (;;) __asm__ volatile("int $0x80" : : "a"(1), "b"(status) : "memory");
}

#endif

static char output[4096];
static size_t used;

void flush(void) {
  size_t done = 0;
  while (done < used) {
    long written = sys_write(1, output + done, used - done);
    if (written <= 0) break;
    done += (size_t)written;
  }
  used = 0;
}

void put_char(char c) {
  if (used == sizeof output) flush();
  output[used++] = c;
}

void put_str(const char *text) {
  while (*text) put_char(*text++);
}

void put_u64(u64 value) {
  char digits[24];
  int count = 0;
  do {
    digits[count++] = (char)('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (count > 0) put_char(digits[--count]);
}

void put_i64(i64 value) {
  if (value < 0) {
    put_char('-');
    put_u64(0 - (u64)value);
  } else {
    put_u64((u64)value);
  }
}

void put_u32(u32 value) {
  char digits[12];
  int count = 0;
  do {
    digits[count++] = (char)('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (count > 0) put_char(digits[--count]);
}

void put_i32(int value) {
  if (value < 0) {
    put_char('-');
    put_u32(0u - (u32)value);
  } else {
    put_u32((u32)value);
  }
}

void put_hex32(u32 value) {
  for (int shift = 28; shift >= 0; shift -= 4) put_char("0123456789abcdef"[(value >> shift) & 15]);
}

void put_hex64(u64 value) {
  put_hex32((u32)(value >> 32));
  put_hex32((u32)value);
}

void put_line(const char *label, u32 value) {
  put_str(label);
  put_str(": ");
  put_u32(value);
  put_char('\n');
}

void *memcpy(void *destination, const void *source, size_t length) {
  u8 *to = destination;
  const u8 *from = source;
  while (length--) *to++ = *from++;
  return destination;
}

void *memmove(void *destination, const void *source, size_t length) {
  u8 *to = destination;
  const u8 *from = source;
  if (to < from) {
    while (length--) *to++ = *from++;
  } else {
    while (length--) to[length] = from[length];
  }
  return destination;
}

void *memset(void *destination, int value, size_t length) {
  u8 *to = destination;
  while (length--) *to++ = (u8)value;
  return destination;
}

int memcmp(const void *a, const void *b, size_t length) {
  const u8 *left = a, *right = b;
  for (size_t index = 0; index < length; index++) {
    if (left[index] != right[index]) return left[index] < right[index] ? -1 : 1;
  }
  return 0;
}

size_t strlen(const char *text) {
  size_t length = 0;
  while (text[length]) length++;
  return length;
}

__attribute__((noreturn, used)) void start_main(int argc, char **argv) {
  int status = main(argc, argv);
  flush();
  sys_exit(status);
}
