/* Self-modifying code (linked with -N, so code and data are writable): functions written into a
   buffer, called, rewritten in place (same address, new immediates and opcodes) and called again,
   also after they have run often enough to be hot; and a patch to code of the running function. */
#include "runtime.h"

typedef u32 (*function)(u32);

static u8 code[256] __attribute__((aligned(16)));

/* mov eax, [esp+4]; <op> eax, imm32; ret */
static void write_function(u8 *at, u8 opcode, u32 immediate) {
  static const u8 load[] = {0x8b, 0x44, 0x24, 0x04};
  memcpy(at, load, 4);
  at[4] = opcode;
  memcpy(at + 5, &immediate, 4);
  at[9] = 0xc3;
}

__attribute__((noinline)) static u32 patched_loop(u32 rounds) {
  u32 total = 0;
  for (u32 i = 0; i < rounds; i++) {
    total += ((function)code)(i);
    if (i == rounds / 2) write_function(code, 0x2d, 1000); /* add -> sub, mid-loop */
  }
  return total;
}

int main(void) {
  static const u8 opcodes[] = {0x05, 0x2d, 0x25, 0x0d, 0x35}; /* add sub and or xor eax, imm32 */
  u32 sum = 0;
  for (u32 i = 0; i < 200; i++) {
    write_function(code + (i % 3) * 16, opcodes[i % 5], i * 0x01010101u);
    sum = sum * 31 + ((function)(code + (i % 3) * 16))(i ^ sum);
  }
  put_line("rewritten 200 times", sum);
  write_function(code, 0x05, 7);
  u32 hot = 0;
  for (u32 i = 0; i < 100; i++) hot += ((function)code)(i);
  write_function(code, 0x35, 0xffffffffu);
  for (u32 i = 0; i < 100; i++) hot += ((function)code)(i);
  put_line("hot then rewritten", hot);
  write_function(code, 0x05, 3);
  put_line("patched mid-loop", patched_loop(1000));
  return (int)(sum & 0x7f);
}
