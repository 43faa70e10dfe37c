/*
 * args: an entry with arguments, `int args(int a, int b)`: prints them and their quotient,
 * remainder and 64-bit product, and returns a * b + a - b (wrapping as unsigned).
 * Calls kexit(99) when b is 0 and kpanic when a is -1.
 */
#include "kernel.h"

int args(int a, int b) {
  if (a == -1) kpanic("args: a must not be -1");
  kprint("a=");
  kprint_int(a);
  kprint(" b=");
  kprint_int(b);
  if (b == 0) {
    kprint(" division by zero: exit 99\n");
    kexit(99);
  }
  long long product = (long long)a * b;
  kprint(" a/b=");
  kprint_int(b == -1 ? -(unsigned)a : a / b);
  kprint(" a%b=");
  kprint_int(b == -1 ? 0 : a % b);
  kprint(" product/1000=");
  kprint_int((int)(product / 1000));
  kputc('\n');
  return (int)((unsigned)a * (unsigned)b + (unsigned)a - (unsigned)b);
}
