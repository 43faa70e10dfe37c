/* Switch tables and function pointers: a dense switch (jump table), a sparse one, a table of
   function pointers, and a small stack-machine interpreter. */
#include "runtime.h"

static int dense(int value) {
  switch (value) {
    case 0: return 11;
    case 1: return 22;
    case 2: return value * 7;
    case 3: return -5;
    case 4: return 1 << value;
    case 5: return 99;
    case 6: return value ^ 0x55;
    case 7: return 123456;
    case 8: return -value;
    case 9: return 3;
    case 10: return 42;
    default: return 0;
  }
}

static int sparse(u32 value) {
  switch (value) {
    case 3: return 1;
    case 100: return 2;
    case 1000: return 3;
    case 65536: return 4;
    case 0x80000000u: return 5;
    case 0xffffffffu: return 6;
    default: return -1;
  }
}

static int add(int a, int b) { return a + b; }
static int subtract(int a, int b) { return a - b; }
static int multiply(int a, int b) { return a * b; }
static int divide(int a, int b) { return b ? a / b : 0; }
static int modulo(int a, int b) { return b ? a % b : 0; }
static int maximum(int a, int b) { return a > b ? a : b; }
static int (*const operations[])(int, int) = {add, subtract, multiply, divide, modulo, maximum};

enum { SET, ADD, MUL, XOR, DEC, JNZ, HALT };

/* A register machine: SET r imm, ADD/MUL/XOR r s, DEC r, JNZ r target, HALT r. */
static int run(const int *code) {
  int registers[4] = {0, 0, 0, 0}, pc = 0;
  for (;;) {
    const int *at = code + pc;
    switch (at[0]) {
      case SET: registers[at[1]] = at[2]; pc += 3; break;
      case ADD: registers[at[1]] += registers[at[2]]; pc += 3; break;
      case MUL: registers[at[1]] *= registers[at[2]]; pc += 3; break;
      case XOR: registers[at[1]] ^= registers[at[2]]; pc += 3; break;
      case DEC: registers[at[1]]--; pc += 2; break;
      case JNZ: pc = registers[at[1]] ? at[2] : pc + 3; break;
      case HALT: return registers[at[1]];
    }
  }
}

int main(void) {
  int total = 0;
  for (int value = -2; value < 14; value++) {
    put_i32(dense(value));
    put_char(' ');
    total += dense(value);
  }
  put_char('\n');
  static const u32 probes[] = {0, 3, 100, 101, 1000, 65536, 0x80000000u, 0xffffffffu};
  for (int i = 0; i < 8; i++) {
    put_i32(sparse(probes[i]));
    put_char(' ');
  }
  put_char('\n');
  for (int i = 0; i < 6; i++) {
    put_i32(operations[i](-17, 5));
    put_char(' ');
  }
  put_char('\n');
  static const int factorial[] = {SET, 0, 1, SET, 1, 12, MUL, 0, 1, DEC, 1, JNZ, 1, 6, HALT, 0};
  static const int mixing[] = {SET, 0, 0, SET, 1, 1000, SET, 2, 7, ADD, 0, 1, XOR, 0, 2, MUL, 2, 1, DEC, 1, JNZ, 1, 9,
    HALT, 0};
  put_line("factorial(12)", (u32)run(factorial));
  put_line("mixing", (u32)run(mixing));
  return total & 0x7f;
}
