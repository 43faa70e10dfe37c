/*
 * newlib's system calls for a kernel module, on the kernel services of modules/include/kernel.h
 * (docs/KERNEL_API.md): write to the console (every descriptor is the console), sbrk within
 * one arena taken from kmalloc, exit through kexit. The rest answer as a console with no files
 * does. This and config/ are the only hand-written parts of LIBC.BC; the rest is newlib.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include "kernel.h"

#undef errno
extern int errno;

/* The heap newlib's malloc grows with sbrk: one block of the kernel heap, taken at first use. */
#define ARENA_BYTES (768 * 1024)
static char *arena;
static unsigned arena_used;

_ssize_t _write(int fd, const void *buffer, size_t count) {
  const char *bytes = buffer;
  (void)fd;
  for (size_t i = 0; i < count; i++) kputc(bytes[i]);
  return (_ssize_t)count;
}

void *_sbrk(ptrdiff_t increment) {
  if (arena == 0) {
    arena = kmalloc(ARENA_BYTES);
    if (arena == 0) {
      errno = ENOMEM;
      return (void *)-1;
    }
  }
  if (increment < 0 ? (unsigned)-increment > arena_used : (unsigned)increment > ARENA_BYTES - arena_used) {
    errno = ENOMEM;
    return (void *)-1;
  }
  char *previous = arena + arena_used;
  arena_used += increment;
  return previous;
}

void _exit(int status) {
  kexit(status);
  for (;;) {
  }
}

void abort(void) {
  kabort();
  for (;;) {
  }
}

_ssize_t _read(int fd, void *buffer, size_t count) {
  (void)fd, (void)buffer, (void)count;
  return 0;
}

int _close(int fd) {
  (void)fd;
  errno = EBADF;
  return -1;
}

off_t _lseek(int fd, off_t offset, int whence) {
  (void)fd, (void)offset, (void)whence;
  errno = ESPIPE;
  return -1;
}

int _fstat(int fd, struct stat *status) {
  (void)fd;
  status->st_mode = S_IFCHR;
  return 0;
}

int _isatty(int fd) {
  (void)fd;
  return 1;
}

int _getpid(void) { return 1; }

int _kill(int pid, int signal) {
  (void)pid, (void)signal;
  errno = EINVAL;
  return -1;
}

/*
 * The C start-up the kernel calls for a module whose entry is main(argc, argv) and which is
 * linked with this library: main's result goes to exit(), which runs the atexit handlers and
 * flushes stdout, as crt0 does.
 */
void __mkimg_start(int (*main)(int, char **), int argc, char **argv) {
  exit(main(argc, argv));
}
