/**
 * The real CPU for the random instruction cases, on machines that no longer run i386 processes.
 *
 * A 64-bit process runs most of the 32-bit integer instruction set unchanged: a 32-bit operation
 * writes the same low 32 bits and flags in 64-bit mode, and with the 0x67 prefix (which GNU as
 * adds by itself to any address written with 32-bit registers) a memory operand's address is
 * computed in 32 bits, wrapping as on i386. The instructions whose meaning changes in 64-bit mode
 * are routed elsewhere (`cpu64Eligibility`): 0x40-0x4F (REX prefixes there), everything that
 * pushes or pops (8-byte stack slots: push, pop, call, ret, enter, leave, pushf, popf, pusha,
 * popa), the BCD group, bound, into, les/lds, segment registers, the moffs forms of mov (A0-A3:
 * 64-bit addresses there), loop/jecxz (RCX) and indirect jumps. String instructions and xlatb
 * get an explicit `addr32` prefix, so they use ESI/EDI/EBX as on i386.
 *
 * `program64Source` turns the eligible cases into an x86-64 program (`as --64`, `ld -m
 * elf_x86_64`) that sets up and records each case exactly as the i386 program does (program.ts)
 * and writes the same records: its data section is linked at the i386 program's data address,
 * so addresses held in registers and memory are the same numbers in both.
 */
import { type TestCase } from "./builder.js";
import { FILL_SCRATCH, PROGRAM_HEAD, RECORD_SIZE, caseSource, dataSectionSource, emitRecordSource, indentBody } from "./program.js";

/** Mnemonics whose meaning (or encoding) differs in 64-bit mode. */
const differentIn64 = new Set([
  "push", "pushw", "pushd", "pop", "popw", "popd", "call", "ret", "retn", "enter", "leave",
  "pushf", "pushfd", "pushfw", "popf", "popfd", "popfw", "pusha", "pushad", "popa", "popad",
  "daa", "das", "aaa", "aas", "aam", "aad", "bound", "into", "les", "lds", "int", "int3",
  "loop", "loope", "loopz", "loopne", "loopnz", "jecxz", "jcxz", "hlt",
]);

const registerPattern = /\b(e?[abcd]x|[abcd][hl]|e?[sd]il?|e?[sb]pl?)\b/;
const segmentPattern = /\b[c-gs]s\b/;
const stringPattern = /^((rep|repe|repz|repne|repnz)\s+)?(movs|stos|lods|scas|cmps)[bwd]$|^xlatb$/;

/** Why `line` cannot run in 64-bit mode with its i386 meaning, or undefined when it can. */
function lineProblem(line: string): string | undefined {
  const text = line.trim().replace(/^\{(disp32|load|store)\}\s*/, "").replace(/^lock\s+/, "");
  if (text.endsWith(":") || text.startsWith("#")) return undefined;
  if (text.startsWith(".byte")) return /\b0xc[23]\b|\b19[45]\b/.test(text) ? "raw bytes of a return" : undefined;
  const [mnemonic = "", ...rest] = text.split(/\s+/);
  const operands = rest.join(" ");
  if (differentIn64.has(mnemonic)) return `${mnemonic} (differs in 64-bit mode)`;
  if ((mnemonic === "inc" || mnemonic === "dec") && /^(e?[abcd]x|e?[sd]i|e?[sb]p)$/.test(operands)) return "inc/dec r16/r32 (0x40-0x4F are REX)";
  if (mnemonic === "jmp" && !/^\.L/.test(operands)) return "indirect jmp";
  if (segmentPattern.test(operands)) return "segment register";
  if (mnemonic === "mov" && isMoffs(operands)) return "mov moffs (A0-A3)";
  return undefined;
}

/** `mov` between the accumulator and a displacement-only memory operand: A0-A3 on i386. */
function isMoffs(operands: string): boolean {
  const [destination = "", source = ""] = operands.split(/,\s*/);
  const absolute = (operand: string) => /\[[^\]]*\]/.test(operand) && !registerPattern.test(operand.replace(/^.*\[/, ""));
  const accumulator = (operand: string) => /^(al|ax|eax)$/.test(operand);
  return (accumulator(destination) && absolute(source)) || (accumulator(source) && absolute(destination));
}

/** Undefined when every line of the case means the same in 64-bit mode; else the first reason. */
export function cpu64Problem(testCase: TestCase): string | undefined {
  for (const line of testCase.lines) {
    const problem = lineProblem(line);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function line64(line: string): string {
  return stringPattern.test(line.trim()) ? `addr32 ${line.trim()}` : line;
}

/**
 * `offset NAME+ADDEND` as the number it is in the i386 program: an address plus an addend may
 * wrap around 2^32 there, which no x86-64 relocation allows.
 */
function resolveOffsets(line: string, symbols: Map<string, number>): string {
  return line.replace(/offset ([A-Za-z_][A-Za-z0-9_]*)([+-]+\d+)/g, (text, name: string, addend: string) => {
    const address = symbols.get(name);
    if (address === undefined) return text;
    const value = addend.startsWith("+-") ? -Number(addend.slice(2)) : Number(addend);
    return `0x${((address + value) >>> 0).toString(16)}`;
  });
}

/** The x86-64 lines of one case: program.ts's case with the 64-bit stack and flag moves. */
function case64Source(testCase: TestCase, symbols: Map<string, number>): string[] {
  const lines = caseSource(testCase).map((line) => resolveOffsets(line, symbols));
  const setupEnd = lines.indexOf("popfd");
  const body = lines.map((line, index) => (index > setupEnd && stringPattern.test(line.trim()) ? line64(line) : line));
  return body.flatMap((line) => {
    if (line === "popfd") return ["popfq"];
    if (line === "pushfd") return ["pushfq"];
    if (line === "pop dword ptr [record+36]") return ["pop rax", "mov dword ptr [record+36], eax"];
    return [line];
  });
}

const harness64 = `
${FILL_SCRATCH}
${emitRecordSource(["mov eax, 1", "mov edi, 1", "mov esi, offset record", `mov edx, ${RECORD_SIZE}`, "syscall"])}`;

/**
 * An x86-64 program running `cases` (all eligible) and exiting with status 0; `symbols` are the
 * i386 program's (the data section is linked at the same address).
 */
export function program64Source(cases: TestCase[], symbols: Map<string, number>): string {
  const body = indentBody(cases.flatMap((testCase) => case64Source(testCase, symbols)));
  return [...PROGRAM_HEAD, ...body, "  mov eax, 60", "  xor edi, edi", "  syscall", harness64, dataSectionSource()].join("\n");
}
