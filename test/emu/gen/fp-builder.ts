/**
 * One floating-point test case while it is being built: the initial xmm registers, MXCSR,
 * general registers, flags and the 64 data bytes of scratch memory, and the instruction lines.
 * Operand helpers pick xmm registers, general registers and memory operands (absolute, or
 * through a base register; 16-byte operands aligned where the form requires it, else sometimes
 * across the page boundary at scratch+32).
 */
import { randomInteger, randomMxcsr, randomVector, type ElementKind } from "./fp-values.js";
import type { Random } from "./random.js";

export interface FpCase {
  index: number;
  variant: string;
  lines: string[];
  /** xmm0-xmm7 as 32 dwords. */
  xmm: number[];
  mxcsr: number;
  /** EAX..EDI (ESP unused: the harness's stack); a string is an assembler expression (an address). */
  registers: (number | string)[];
  flags: number;
  /** The 64 data bytes of scratch as 16 dwords. */
  memory: number[];
}

export const FP_DATA_SIZE = 64;
const POINTER_WORDS: Record<number, string> = { 4: "dword ptr", 8: "qword ptr", 16: "xmmword ptr" };
const GENERAL = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"];

export class FpBuilder {
  readonly lines: string[] = [];
  xmm: number[] = [];
  memory: number[] = [];
  readonly registers: (number | string)[];
  readonly flags: number;
  mxcsr: number;
  private readonly busy = new Set<number>([4]);

  constructor(readonly random: Random, readonly index: number, readonly variant: string, kind: ElementKind) {
    this.fill(kind);
    this.registers = Array.from({ length: 8 }, () => randomInteger(random));
    this.flags = (random.next32() & 0x8d5) | 0x2;
    this.mxcsr = randomMxcsr(random);
  }

  /** Fills the xmm registers and the data bytes with `kind` elements. */
  fill(kind: ElementKind, memoryKind: ElementKind = kind): void {
    this.xmm = Array.from({ length: 8 }, () => randomVector(this.random, kind)).flat();
    this.memory = Array.from({ length: 4 }, () => randomVector(this.random, memoryKind)).flat();
  }

  emit(...lines: string[]): void {
    this.lines.push(...lines);
  }

  xmmRegister(): string {
    return `xmm${this.random.int(0, 7)}`;
  }

  /** A free general register (never ESP), set to `value` if given. */
  general(value?: number): { name: string; number: number } {
    const free = [0, 1, 2, 3, 5, 6, 7].filter((number) => !this.busy.has(number));
    const number = this.random.pick(free);
    this.busy.add(number);
    if (value !== undefined) this.registers[number] = value >>> 0;
    return { name: GENERAL[number] as string, number };
  }

  /** The offset of a `size`-byte operand in the data area: 16-byte aligned when `aligned`. */
  offset(size: number, aligned: boolean): number {
    if (aligned) return this.random.int(0, 3) * 16;
    if (this.random.bool(0.15)) return 32 - this.random.int(1, size - 1);
    return this.random.int(0, FP_DATA_SIZE / size - 1) * size;
  }

  /** A memory operand of `size` bytes at scratch+`offset` (absolute or through a base register). */
  memoryAt(size: number, offset: number): string {
    const word = POINTER_WORDS[size] as string;
    if (this.random.bool(0.4)) return `${word} [scratch+${offset}]`;
    const base = this.general();
    const displacement = this.random.pick([0, 8, -16, 100, 0x800]);
    const addend = offset - displacement;
    this.registers[base.number] = `offset scratch${addend < 0 ? "-" : "+"}${Math.abs(addend)}`;
    return `${word} [${base.name}${displacement < 0 ? "-" : "+"}${Math.abs(displacement)}]`;
  }

  memoryOperand(size: number, aligned: boolean): string {
    return this.memoryAt(size, this.offset(size, aligned));
  }

  /** An xmm register or a memory operand of `size` bytes (aligned for 16-byte packed operands). */
  source(size: number, aligned = size === 16): string {
    return this.random.bool() ? this.xmmRegister() : this.memoryOperand(size, aligned);
  }

  /** Stores `value` as the dword at data offset `offset` (a multiple of 4). */
  poke(offset: number, value: number): void {
    this.memory[offset / 4] = value >>> 0;
  }

  build(): FpCase {
    return {
      index: this.index, variant: this.variant, lines: this.lines, xmm: this.xmm, mxcsr: this.mxcsr,
      registers: this.registers, flags: this.flags, memory: this.memory,
    };
  }
}
