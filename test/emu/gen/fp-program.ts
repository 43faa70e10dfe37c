/**
 * Turns floating-point cases into GNU assembler programs (Intel syntax), one for i386 (`as
 * --32`) and the same cases for x86-64 (`as --64`; every SSE form here means the same in 64-bit
 * mode, and GNU as adds 0x67 to addresses written with 32-bit registers). Each case copies its
 * 64 data bytes into scratch, loads MXCSR and xmm0-7 from its table in .rodata, sets EFLAGS and
 * the general registers, runs its lines and records: case number, EAX..EDI, EFLAGS, MXCSR,
 * xmm0-7 and the data bytes, written with write(1). Each case runs REPEAT times (the first and
 * the last run recorded), so the emulator's translated blocks are checked too.
 *
 * Record layout (little-endian): case number, 8 registers, EFLAGS, MXCSR, a zero dword, the
 * eight xmm registers (128 bytes), the 64 data bytes.
 */
import { FP_DATA_SIZE, type FpCase } from "./fp-builder.js";
import { LAST_RUN, REPEAT } from "./program.js";

export const FP_RECORD_HEADER = 48;
export const FP_XMM_OFFSET = FP_RECORD_HEADER;
export const FP_MEMORY_OFFSET = FP_XMM_OFFSET + 128;
export const FP_RECORD_SIZE = FP_MEMORY_OFFSET + FP_DATA_SIZE;
const TABLE_SIZE = FP_DATA_SIZE + 16 + 128;

const REGISTERS = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"];

type Bits = 32 | 64;

function hex(value: number): string {
  return `0x${(value >>> 0).toString(16)}`;
}

function caseLines(testCase: FpCase, bits: Bits): string[] {
  const label = `.Lrepeat${testCase.index}`;
  const registers = [0, 1, 2, 3, 5, 6, 7].map((number) => {
    const value = testCase.registers[number] ?? 0;
    return `mov ${REGISTERS[number]}, ${typeof value === "number" ? hex(value) : value}`;
  });
  return [
    `# case ${testCase.index}: ${testCase.variant}`,
    `mov dword ptr [repeat_count], ${REPEAT}`,
    `${label}:`,
    "mov esp, offset harness_stack_top",
    `mov esi, offset fp_case_${testCase.index}`,
    "call fp_setup",
    `push ${hex(testCase.flags)}`,
    bits === 32 ? "popfd" : "popfq",
    ...registers,
    ...testCase.lines,
    ...REGISTERS.map((name, number) => (number === 4 ? "mov dword ptr [record+20], 0" : `mov dword ptr [record+${4 + number * 4}], ${name}`)),
    "mov esp, offset harness_stack_top",
    ...(bits === 32 ? ["pushfd", "pop dword ptr [record+36]"] : ["pushfq", "pop rax", "mov dword ptr [record+36], eax"]),
    `mov dword ptr [record], ${testCase.index}`,
    "call fp_record",
    "dec dword ptr [repeat_count]",
    `jnz ${label}`,
  ];
}

function tableLines(testCase: FpCase): string[] {
  const words = [...testCase.memory, testCase.mxcsr, 0, 0, 0, ...testCase.xmm];
  if (words.length * 4 !== TABLE_SIZE) throw new Error(`case ${testCase.index}: table of ${words.length * 4} bytes`);
  return [`fp_case_${testCase.index}:`, `  .long ${words.map(hex).join(", ")}`];
}

const addr32 = (bits: Bits) => (bits === 64 ? "addr32 " : "");

/** fp_setup (esi = the case's table) and fp_record (write the record on the first and last run). */
function harnessSource(bits: Bits): string {
  const write = bits === 32
    ? ["mov eax, 4", "mov ebx, 1", "mov ecx, offset record", `mov edx, ${FP_RECORD_SIZE}`, "int 0x80"]
    : ["mov eax, 1", "mov edi, 1", "mov esi, offset record", `mov edx, ${FP_RECORD_SIZE}`, "syscall"];
  const xmm = (direction: "load" | "store") => Array.from({ length: 8 }, (_, k) =>
    direction === "load" ? `  movdqu xmm${k}, xmmword ptr [esi+${FP_DATA_SIZE + 16 + k * 16}]` : `  movdqu xmmword ptr [record+${FP_XMM_OFFSET + k * 16}], xmm${k}`).join("\n");
  return `
fp_setup:
  cld
  mov edi, offset scratch
  mov ecx, ${FP_DATA_SIZE / 4}
  ${addr32(bits)}rep movsd
  ldmxcsr dword ptr [esi]
  sub esi, ${FP_DATA_SIZE}
${xmm("load")}
  ret
fp_record:
  stmxcsr dword ptr [record+40]
${xmm("store")}
  mov eax, [repeat_count]
  cmp eax, ${REPEAT}
  je 2f
  cmp eax, 1
  jne 3f
  or dword ptr [record], ${LAST_RUN}
2:
  cld
  mov esi, offset scratch
  mov edi, offset record+${FP_MEMORY_OFFSET}
  mov ecx, ${FP_DATA_SIZE / 4}
  ${addr32(bits)}rep movsd
${write.map((line) => `  ${line}`).join("\n")}
3:
  ret
`;
}

const DATA = `
.data
.balign 4096
scratch_guard_low: .space 4096 - 32
scratch: .space 128
scratch_guard_high: .space 64
record: .space ${FP_RECORD_SIZE}
repeat_count: .long 0
.bss
.balign 16
harness_stack: .space 4096
harness_stack_top:
`;

/** The program of `cases` for i386 (32) or x86-64 (64), exiting with status 0. */
export function fpProgramSource(cases: FpCase[], bits: Bits): string {
  const body = cases.flatMap((testCase) => caseLines(testCase, bits))
    .map((line) => (line.endsWith(":") || line.startsWith("#") ? line : `  ${line}`));
  const exit = bits === 32 ? ["  mov eax, 1", "  xor ebx, ebx", "  int 0x80"] : ["  mov eax, 60", "  xor edi, edi", "  syscall"];
  return [
    ".intel_syntax noprefix", ".section .note.GNU-stack,\"\",@progbits", ".text", ".globl _start", "_start:",
    ...body, ...exit, harnessSource(bits), DATA,
    ".section .rodata", ".balign 16", ...cases.flatMap(tableLines),
  ].join("\n");
}
