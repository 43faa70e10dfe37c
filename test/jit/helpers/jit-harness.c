/*
 * Runs micro-JIT output natively. Linked with test/helpers/native-harness.c (whose main is
 * renamed native_main and whose kernel services the JIT'd code calls at their addresses):
 * main maps the segments of the blob file named by MKIMG_JIT_BLOB at their fixed addresses
 * (read/write/execute), points `jit_entry` at the entry, then runs native_main, which calls
 * `module_entry` -- the trampoline below. The trampoline loads known values into the
 * callee-saved registers ebx, esi, edi, calls the JIT'd entry, and checks that they and esp
 * survived (BareFlow's JIT clobbered ebx).
 *
 * Blob: u32 segment count, then per segment u32 address, u32 size, bytes; then u32 entry.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

int native_main(int argc, char **argv);
uint32_t jit_entry;
uint32_t jit_saved_esp;

void jit_clobbered(uint32_t ebx, uint32_t esi, uint32_t edi) {
  fprintf(stderr, "jit-harness: callee-saved registers clobbered: ebx=%08x esi=%08x edi=%08x\n", ebx, esi, edi);
  exit(4);
}

__asm__(
  ".globl module_entry\n"
  "module_entry:\n"
  "  push %ebp\n  mov %esp, %ebp\n  push %ebx\n  push %esi\n  push %edi\n"
  "  mov $0x11111111, %ebx\n  mov $0x22222222, %esi\n  mov $0x33333333, %edi\n"
  "  push 36(%ebp)\n  push 32(%ebp)\n  push 28(%ebp)\n  push 24(%ebp)\n"
  "  push 20(%ebp)\n  push 16(%ebp)\n  push 12(%ebp)\n  push 8(%ebp)\n"
  "  mov %esp, jit_saved_esp\n"
  "  call *jit_entry\n"
  "  cmp jit_saved_esp, %esp\n  jne 1f\n"
  "  cmp $0x11111111, %ebx\n  jne 1f\n  cmp $0x22222222, %esi\n  jne 1f\n  cmp $0x33333333, %edi\n  jne 1f\n"
  "  add $32, %esp\n  pop %edi\n  pop %esi\n  pop %ebx\n  pop %ebp\n  ret\n"
  "1:\n  push %edi\n  push %esi\n  push %ebx\n  call jit_clobbered\n"
);

static uint32_t read32(FILE *file) {
  uint32_t value;
  if (fread(&value, 4, 1, file) != 1) { fprintf(stderr, "jit-harness: short blob\n"); exit(5); }
  return value;
}

int main(int argc, char **argv) {
  const char *path = getenv("MKIMG_JIT_BLOB");
  FILE *file = path ? fopen(path, "rb") : 0;
  if (!file) { fprintf(stderr, "jit-harness: set MKIMG_JIT_BLOB\n"); return 5; }
  uint32_t count = read32(file);
  for (uint32_t i = 0; i < count; i++) {
    uint32_t address = read32(file), size = read32(file);
    uint32_t start = address & ~0xfffu, end = (address + size + 0xfffu) & ~0xfffu;
    void *mapped = mmap((void *)start, end - start + 0x1000, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (mapped == MAP_FAILED) { perror("jit-harness: mmap"); return 5; }
    if (size > 0 && fread((void *)address, size, 1, file) != 1) { fprintf(stderr, "jit-harness: short segment\n"); return 5; }
  }
  jit_entry = read32(file);
  fclose(file);
  return native_main(argc, argv);
}
