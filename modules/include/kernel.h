/*
 * kernel.h -- the services a BareFlow-style kernel offers to modules (see docs/KERNEL_API.md).
 *
 * Modules call these as ordinary external functions; the kernel (mkimg's simulated one, or the
 * native test harness) links them by name when it loads the module. i386 cdecl.
 */
#ifndef KERNEL_H
#define KERNEL_H

/* Output: bytes go to the console as they are; nothing is added. */
void kprint(const char *s);     /* the bytes of s up to its NUL */
void kprint_int(int v);         /* v in signed decimal, e.g. "-42"; no newline */
void kputc(int c);              /* the byte (unsigned char)c */

/* Memory: C semantics; memcmp returns the difference of the first differing bytes. */
void *memcpy(void *destination, const void *source, unsigned size);
void *memmove(void *destination, const void *source, unsigned size);
void *memset(void *destination, int value, unsigned size);
int memcmp(const void *a, const void *b, unsigned size);

/* Heap: 8-byte aligned blocks; kmalloc returns 0 when out of memory or for size 0. */
void *kmalloc(unsigned size);
void kfree(void *p);            /* kfree(0) does nothing */

/* Time: a tick count that only grows; one tick passes per call (deterministic). */
unsigned kticks(void);

/* Ending the module: these do not return. */
void kexit(int status) __attribute__((noreturn));        /* as if the entry returned status */
void kabort(void) __attribute__((noreturn));             /* abnormal end: "module aborted" */
void kpanic(const char *msg) __attribute__((noreturn));  /* kernel panic with a message */

#endif /* KERNEL_H */
