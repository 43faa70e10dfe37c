/**
 * Turns generated cases into one GNU assembler source (Intel syntax, `as --32`). Each case sets
 * the scratch memory (filled from a per-case xorshift32 seed, then explicit edge values), the
 * flags (push/popfd) and all eight registers, runs its instruction lines, then stores the
 * registers, EFLAGS and the scratch memory into a record and writes it to stdout with
 * write(1, record, RECORD_SIZE) through int 0x80; each case runs REPEAT times (see caseSource).
 * The program ends with exit(0).
 *
 * The scratch area straddles a page boundary (at scratch+PAGE_SPLIT) so that unaligned operands
 * cross pages. Record layout (little-endian): case number, eax ecx edx ebx esp ebp esi edi, eflags, then the
 * 128 scratch bytes.
 */
import { PAGE_SPLIT, SCRATCH_SIZE, type TestCase, type Value } from "./builder.js";

export const RECORD_HEADER = 40;

export const RECORD_SIZE = RECORD_HEADER + SCRATCH_SIZE;
/** Runs of each case (the emulator translates a block after 16 runs). */
export const REPEAT = 20;
/** Set in the case number of the record of the last run. */
export const LAST_RUN = 0x80000000;
/** Records written per case: the first run's and the last run's. */
export const RECORDS_PER_CASE = 2;

const registerOrder = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"];
const sizeWord = { 8: "byte ptr", 16: "word ptr", 32: "dword ptr" } as const;

function valueText(value: Value): string {
  if (typeof value === "number") return `0x${(value >>> 0).toString(16)}`;
  return `offset ${value.symbol}${value.addend < 0 ? "-" : "+"}${Math.abs(value.addend)}`;
}

/** The lines that give a case its initial memory, flags and registers (ESP last). */
export function setupSource(testCase: TestCase): string[] {
  return [
    "mov esp, offset harness_stack_top",
    `mov eax, 0x${testCase.memorySeed.toString(16)}`,
    "call fill_scratch",
    ...testCase.memory.map((write) => `mov ${sizeWord[write.size]} [scratch+${write.offset}], ${valueText(write.value)}`),
    `push 0x${testCase.flags.toString(16)}`,
    "popfd",
    ...[0, 1, 2, 3, 5, 6, 7, 4].map((number) => `mov ${registerOrder[number]}, ${valueText(testCase.registers[number] as Value)}`),
  ];
}

/**
 * The lines of one case: set up, run, record; all of it REPEAT times over, so that the emulator
 * runs the case interpreted first and, once its blocks are hot, translated. The first and the
 * last run are written out (the last with LAST_RUN set in its case number).
 */
export function caseSource(testCase: TestCase): string[] {
  return [
    `# case ${testCase.index}: ${testCase.variant}`,
    `mov dword ptr [repeat_count], ${REPEAT}`,
    `.Lrepeat${testCase.index}:`,
    ...setupSource(testCase),
    ...testCase.lines,
    ...registerOrder.map((name, number) => `mov dword ptr [record+${4 + number * 4}], ${name}`),
    "mov esp, offset harness_stack_top",
    "pushfd",
    "pop dword ptr [record+36]",
    `mov dword ptr [record], ${testCase.index}`,
    "call emit_record",
    "dec dword ptr [repeat_count]",
    `jnz .Lrepeat${testCase.index}`,
  ];
}

/** The harness routines and data shared by every generated program. */
export function harnessSource(): string {
  return `${harness}\n${dataSectionSource()}`;
}

/**
 * fill_scratch: eax = xorshift32 seed; fills the scratch area with its sequence. The same text
 * assembles for i386 and x86-64 (program64.ts), where the 32-bit addresses get 0x67.
 */
export const FILL_SCRATCH = `# fill_scratch: eax = xorshift32 seed; fills the scratch area with its sequence.
fill_scratch:
  mov edi, offset scratch
  mov ecx, ${SCRATCH_SIZE / 4}
1:
  mov edx, eax
  shl edx, 13
  xor eax, edx
  mov edx, eax
  shr edx, 17
  xor eax, edx
  mov edx, eax
  shl edx, 5
  xor eax, edx
  mov [edi], eax
  add edi, 4
  dec ecx
  jnz 1b
  ret
`;

/**
 * emit_record: on the first and the last run of a case, copy scratch into the record and write
 * it out with `write`, the system call's lines (int 0x80 here, syscall in program64.ts).
 */
export function emitRecordSource(write: string[]): string {
  return `emit_record:
  mov eax, [repeat_count]
  cmp eax, ${REPEAT}
  je 2f
  cmp eax, 1
  jne 3f
  or dword ptr [record], ${LAST_RUN}
2:
  cld
  mov esi, offset scratch
  mov edi, offset record+${RECORD_HEADER}
  mov ecx, ${SCRATCH_SIZE / 4}
  rep movsd
${write.map((line) => `  ${line}`).join("\n")}
3:
  ret
`;
}

const harness = `
${FILL_SCRATCH}
# emit_record: on the first and the last run of a case, copy scratch into the record and
# write(1, record, ${RECORD_SIZE}).
${emitRecordSource(["mov eax, 4", "mov ebx, 1", "mov ecx, offset record", `mov edx, ${RECORD_SIZE}`, "int 0x80"])}`;

/** The data the harness and the cases share (program64.ts uses the same, at the same address). */
export function dataSectionSource(): string {
  return dataSection;
}

const dataSection = `
.data
.balign 4096
scratch_guard_low: .space 4096 - ${PAGE_SPLIT}
scratch: .space ${SCRATCH_SIZE}
scratch_guard_high: .space 64
record: .space ${RECORD_SIZE}
repeat_count: .long 0
.bss
.balign 16
harness_stack: .space 4096
harness_stack_top:
`;

/** The lines that open every generated program (Intel syntax, no executable stack), up to `_start:`. */
export const PROGRAM_HEAD = [".intel_syntax noprefix", ".section .note.GNU-stack,\"\",@progbits", ".text", ".globl _start", "_start:"];

/** Case lines indented as the assembler listing expects (labels and comments flush left). */
export function indentBody(lines: string[]): string[] {
  return lines.map((line) => (line.endsWith(":") || line.startsWith("#") ? line : `  ${line}`));
}

/** A program running `cases` one after the other and exiting with status 0. */
export function programSource(cases: TestCase[]): string {
  return [...PROGRAM_HEAD, ...indentBody(cases.flatMap(caseSource)), "  mov eax, 1", "  xor ebx, ebx", "  int 0x80", harnessSource()].join("\n");
}
