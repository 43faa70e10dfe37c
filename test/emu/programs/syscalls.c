/* System call edge cases whose results are the same on any Linux: write with a bad buffer
   (-EFAULT), a closed descriptor (-EBADF), zero bytes, a partly bad buffer, an unknown call
   number (-ENOSYS), and exit_group as the way out. */
#include "runtime.h"

static long system_call(long number, long a, long b, long c) {
  long result;
  __asm__ volatile("int $0x80" : "=a"(result) : "a"(number), "b"(a), "c"(b), "d"(c) : "memory");
  return result;
}

int main(void) {
  static const char text[] = "0123456789";
  flush();
  put_str("write bad buffer: ");
  put_i32((int)system_call(4, 1, 0x10, 5));
  put_str("\nwrite closed fd: ");
  put_i32((int)system_call(4, 9, (long)text, 1));
  put_str("\nwrite nothing: ");
  put_i32((int)system_call(4, 1, (long)text, 0));
  put_str("\nunknown call: ");
  put_i32((int)system_call(9999, 0, 0, 0));
  put_str("\nnegative call: ");
  put_i32((int)system_call(-1, 0, 0, 0));
  put_char('\n');
  flush();
  system_call(252, 3, 0, 0);
  return 99;
}
