/**
 * Kernel panics: what the kernel prints when a module cannot go on.
 *
 * Causes: a guest fault (page fault, divide error, invalid opcode: `unreachable` is ud2), a
 * runaway module stopped by the step limit, a module calling kpanic, a pool out of memory.
 * The report names the fault, EIP as function+offset (from the JIT's function map, via
 * `CodeMap`), the instruction there disassembled by iced-x86, and a backtrace of JIT frames
 * found by walking the EBP chain (the first-tier JIT keeps frame pointers: docs/JIT.md, frame.ts).
 *
 *   kernel panic: page fault writing 0x00000000
 *     at 0x00100a3c crash+0x1c: mov dword ptr [eax],1
 *     backtrace:
 *       #0 0x00100a3c crash+0x1c
 *       #1 0x00100b02 faults+0x22
 */
import { disassemble } from "../emu/faults.js";
import type { Machine } from "../emu/machine.js";
import { hex } from "../emu/memory.js";
import { printable } from "../errors.js";

export type PanicCause = "fault" | "step-limit" | "kpanic" | "out-of-memory" | "heap";

/** Thrown by kernel code (the allocator) to end the run with a panic. */
export class KernelPanic extends Error {
  constructor(
    readonly panicCause: PanicCause,
    message: string,
  ) {
    super(message);
  }
}

export interface BacktraceFrame {
  address: number;
  /** `fib_recursive+0x1c`, `kernel service kprint`, or the bare address. */
  location: string;
}

export interface PanicReport {
  cause: PanicCause;
  /** The headline after "kernel panic: ". */
  message: string;
  /** Where the module was (absent for panics outside module code, like out of memory while loading). */
  eip?: number;
  location?: string;
  /** The instruction at eip, disassembled (Intel syntax); "" when not readable. */
  instruction?: string;
  backtrace: BacktraceFrame[];
  /** The report as printed, several lines, ending with a newline. */
  text: string;
}

/** Names code addresses; built by the kernel from the compiled module and the service table. */
export interface CodeMap {
  locate(address: number): string;
  isService(address: number): boolean;
  /** The return address the kernel pushes under the entry function's frame. */
  readonly kernelReturn: number;
  /** Frames must lie inside the stack region. */
  readonly stack: { base: number; size: number };
}

const MAX_FRAMES = 4096;

/** A report for a panic with no machine state (out of memory while loading, for example). */
export function panicWithoutState(cause: PanicCause, message: string): PanicReport {
  return { cause, message, backtrace: [], text: `kernel panic: ${printable(message)}\n` };
}

/** A report for a panic at the machine's current EIP. */
export function panicAt(machine: Machine, codeMap: CodeMap, cause: PanicCause, message: string, eip = machine.eip >>> 0): PanicReport {
  const location = codeMap.locate(eip);
  const instruction = codeMap.isService(eip) ? "" : instructionAt(machine, eip);
  const backtrace = walkBacktrace(machine, codeMap, eip);
  const lines = [`kernel panic: ${printable(message)}`, `  at 0x${hex(eip)} ${location}${instruction === "" ? "" : `: ${instruction}`}`, "  backtrace:"];
  lines.push(...backtraceLines(backtrace));
  return { cause, message, eip, location, instruction, backtrace, text: `${lines.join("\n")}\n` };
}

/** One line per frame; a run of identical frames (deep recursion) is shown once with a count. */
function backtraceLines(backtrace: BacktraceFrame[]): string[] {
  const lines: string[] = [];
  for (let index = 0; index < backtrace.length; ) {
    const frame = backtrace[index];
    let repeats = 1;
    while (index + repeats < backtrace.length && backtrace[index + repeats].address === frame.address) repeats++;
    lines.push(`    #${index} 0x${hex(frame.address)} ${frame.location}`);
    if (repeats > 2) lines.push(`    ... ${repeats - 1} more frames at 0x${hex(frame.address)} ${frame.location}`);
    else if (repeats === 2) lines.push(`    #${index + 1} 0x${hex(frame.address)} ${frame.location}`);
    index += repeats;
  }
  if (backtrace.length >= MAX_FRAMES) lines.push(`    (cut at ${MAX_FRAMES} frames)`);
  return lines;
}

/** The instruction at `address` disassembled, or "" if its first byte is not mapped. */
export function instructionAt(machine: Machine, address: number): string {
  const bytes: number[] = [];
  for (let k = 0; k < 15 && machine.memory.isMapped((address + k) >>> 0); k++) {
    bytes.push(machine.memory.readBytes((address + k) >>> 0, 1)[0]);
  }
  return bytes.length === 0 ? "" : disassemble(Uint8Array.from(bytes), address);
}

/**
 * Frame 0 is `eip`. Inside a kernel service the caller's return address is at [esp] and EBP is
 * still the caller's; in JIT code EBP is the current function's frame: [ebp] = caller's EBP,
 * [ebp+4] = return address. The walk stops at the kernel's return address, or at an EBP that
 * leaves the stack (a fault in a prologue may show one frame less).
 */
function walkBacktrace(machine: Machine, codeMap: CodeMap, eip: number): BacktraceFrame[] {
  const frames: BacktraceFrame[] = [{ address: eip, location: codeMap.locate(eip) }];
  const onStack = (address: number): boolean =>
    address >= codeMap.stack.base && address + 8 <= codeMap.stack.base + codeMap.stack.size;
  const push = (address: number): boolean => {
    if (address === codeMap.kernelReturn) return false;
    frames.push({ address, location: codeMap.locate(address) });
    return true;
  };
  if (codeMap.isService(eip)) {
    const esp = machine.regs[4] >>> 0;
    if (!onStack(esp) || !push(machine.memory.peek32(esp) >>> 0)) return frames;
  }
  let ebp = machine.regs[5] >>> 0;
  while (frames.length < MAX_FRAMES && onStack(ebp)) {
    const returnAddress = machine.memory.peek32(ebp + 4) >>> 0;
    if (!push(returnAddress)) break;
    const callerEbp = machine.memory.peek32(ebp) >>> 0;
    if (callerEbp <= ebp) break;
    ebp = callerEbp;
  }
  return frames;
}
