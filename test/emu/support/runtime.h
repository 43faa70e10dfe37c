/*
 * The tiny runtime of the C test programs: no libc. Linux i386 system calls through int 0x80
 * (exit = 1, write = 4), buffered output helpers without printf, and the memory functions
 * compilers call on their own (struct copies, array initialisers).
 */
#ifndef EMU_TEST_RUNTIME_H
#define EMU_TEST_RUNTIME_H

typedef __SIZE_TYPE__ size_t;
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef long long i64;

long sys_write(int fd, const void *buffer, size_t length);
__attribute__((noreturn)) void sys_exit(int status);

void put_char(char c);
void put_str(const char *text);
void put_u32(u32 value);
void put_i32(int value);
void put_u64(u64 value);
void put_i64(i64 value);
void put_hex32(u32 value);
void put_hex64(u64 value);
void put_line(const char *label, u32 value);
void flush(void);

void *memcpy(void *destination, const void *source, size_t length);
void *memmove(void *destination, const void *source, size_t length);
void *memset(void *destination, int value, size_t length);
int memcmp(const void *a, const void *b, size_t length);
size_t strlen(const char *text);

#endif
