/**
 * One generated test case while it is being built: the initial registers, flags and memory, the
 * instruction lines under test, and what the comparison must ignore (flags the Intel manual leaves
 * undefined, registers whose result is undefined). Operand helpers pick registers and memory
 * addressing forms and keep track of which registers already have a job.
 *
 * Memory layout seen by the cases (`scratch`, 128 bytes, dumped after every case): bytes 0..63 are
 * data for memory operands, 64..127 are a small stack; ESP starts at scratch+96 unless the case
 * gives it a value.
 */
import { Random, type OperandSize, sizeMask } from "./random.js";

/** A register's or memory word's initial value: a number, or an address (symbol + addend). */
export type Value = number | { symbol: string; addend: number };

export interface MemoryWrite {
  offset: number;
  size: OperandSize;
  value: Value;
}

export interface TestCase {
  index: number;
  variant: string;
  lines: string[];
  registers: Value[];
  flags: number;
  memorySeed: number;
  memory: MemoryWrite[];
  /** EFLAGS bits the manual leaves undefined after this case. */
  undefinedFlags: number;
  /** Registers (by number) whose value the manual leaves undefined. */
  undefinedRegisters: number[];
  /** Instruction expected to fault: the signal a native run dies of. */
  fault?: "SIGFPE" | "SIGILL" | "SIGSEGV";
}

export const registerNames: Record<OperandSize, readonly string[]> = {
  32: ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"],
  16: ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di"],
  8: ["al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"],
};

export const EAX = 0, ECX = 1, EDX = 2, EBX = 3, ESP = 4, EBP = 5, ESI = 6, EDI = 7;
export const SCRATCH_SIZE = 128;
export const DATA_SIZE = 64;
export const STACK_TOP = 96;
/** Scratch offset where a new page begins (program.ts places scratch accordingly). */
export const PAGE_SPLIT = 32;

const pointerWord: Record<OperandSize, string> = { 8: "byte ptr", 16: "word ptr", 32: "dword ptr" };

/** A register operand: its text, the 32-bit register it lives in, and its bit position there. */
export interface RegisterOperand {
  name: string;
  number: number;
  shift: number;
  size: OperandSize;
}

export function registerOperand(size: OperandSize, encoding: number): RegisterOperand {
  const high = size === 8 && encoding >= 4;
  return { name: registerNames[size][encoding] as string, number: high ? encoding - 4 : encoding, shift: high ? 8 : 0, size };
}

export class CaseBuilder {
  readonly lines: string[] = [];
  readonly registers: Value[];
  readonly memory: MemoryWrite[] = [];
  flags: number;
  undefinedFlags = 0;
  readonly undefinedRegisters: number[] = [];
  fault?: TestCase["fault"];
  /** Registers with an assigned job (operand, base, index, implicit): not free for addressing. */
  private readonly busy = new Set<number>();
  /** Registers holding an address or index: never picked as operands. */
  private readonly addressing = new Set<number>();
  /** After `freeze`: registers and scratch bytes whose initial values later `set`/`poke` keep. */
  private frozenRegisters = new Set<number>();
  private frozenBytes = new Set<number>();
  private labelCount = 0;

  constructor(readonly random: Random, readonly index: number, readonly variant: string) {
    this.registers = Array.from({ length: 8 }, () => random.next32());
    this.registers[ESP] = { symbol: "scratch", addend: STACK_TOP };
    this.flags = (random.next32() & 0x8d5) | 0x2;
  }

  /** A fresh label unique in the program. */
  label(): string {
    return `.Lc${this.index}_${this.labelCount++}`;
  }

  emit(...lines: string[]): void {
    this.lines.push(...lines);
  }

  reserve(...numbers: number[]): void {
    for (const number of numbers) this.busy.add(number);
  }

  /** A register operand of `size` not already busy (ESP only when `allowStack`). */
  register(size: OperandSize, options: { allowStack?: boolean; exclude?: number[] } = {}): RegisterOperand {
    const candidates: RegisterOperand[] = [];
    for (let encoding = 0; encoding < 8; encoding++) {
      const operand = registerOperand(size, encoding);
      if (operand.number === ESP && !options.allowStack) continue;
      if (options.exclude?.includes(operand.number) || this.addressing.has(operand.number)) continue;
      candidates.push(operand);
    }
    const operand = this.random.pick(candidates);
    this.busy.add(operand.number);
    return operand;
  }

  /** Set the bits of `operand` inside its 32-bit register, leaving the other bits as they are. */
  set(operand: RegisterOperand, value: number): void {
    if (this.frozenRegisters.has(operand.number) || this.addressing.has(operand.number)) return;
    if (operand.size === 32) {
      this.registers[operand.number] = value >>> 0;
      return;
    }
    const current = this.registers[operand.number];
    const base = typeof current === "number" ? current : this.random.next32();
    const mask = sizeMask[operand.size] << operand.shift;
    this.registers[operand.number] = ((base & ~mask) | ((value << operand.shift) & mask)) >>> 0;
  }

  setAddress(number: number, symbol: string, addend: number): void {
    this.registers[number] = { symbol, addend };
    this.busy.add(number);
    this.addressing.add(number);
  }

  /** Write `value` into scratch memory before the case runs. */
  poke(offset: number, size: OperandSize, value: Value): void {
    for (let byte = offset; byte < offset + size / 8; byte++) if (this.frozenBytes.has(byte)) return;
    this.memory.push({ offset, size, value });
  }

  /**
   * A memory operand of `size` at scratch+`offset`, through a randomly chosen addressing form
   * (absolute, base, base+disp8/disp32, base+index*scale+disp, index*scale+disp32, ESP-based).
   * With `sized` false the operand has no `ptr` keyword (lea, nop).
   */
  memoryOperand(size: OperandSize, offset: number, sized = true): string {
    const prefix = sized ? `${pointerWord[size]} ` : "";
    const form = this.random.int(0, 6);
    const free = [EAX, ECX, EDX, EBX, EBP, ESI, EDI].filter((number) => !this.busy.has(number));
    if (form === 0 || free.length < 2) return `${prefix}[scratch+${offset}]`;
    const base = this.random.pick(free);
    const name = registerNames[32][base] as string;
    if (form === 1) {
      this.setAddress(base, "scratch", offset);
      return `${prefix}[${name}]`;
    }
    if (form === 2 || form === 3) {
      const displacement = form === 2 ? this.random.int(-128, 127) : this.random.pick([0x12345678, -0x10000, 0x7fffff00]);
      this.setAddress(base, "scratch", offset - displacement);
      return `${prefix}[${name}${displacement < 0 ? "-" : "+"}${Math.abs(displacement)}]`;
    }
    if (form === 6 && !this.busy.has(ESP) && this.registers[ESP] !== undefined) {
      const current = this.registers[ESP];
      if (typeof current !== "number" && current.addend === STACK_TOP) {
        this.busy.add(ESP);
        this.addressing.add(ESP);
        return `${prefix}[esp-${STACK_TOP - offset}]`;
      }
    }
    const index = this.random.pick(free.filter((number) => number !== base));
    const scale = this.random.pick([1, 2, 4, 8]);
    const indexValue = this.random.int(-8, 8);
    this.registers[index] = indexValue >>> 0;
    this.busy.add(index);
    this.addressing.add(index);
    const indexName = registerNames[32][index] as string;
    if (form === 5) return `${prefix}[${indexName}*${scale}+scratch+${offset - indexValue * scale}]`;
    const displacement = this.random.pick([0, 4, -8, 100, 0x1000]);
    this.setAddress(base, "scratch", offset - indexValue * scale - displacement);
    return `${prefix}[${name}+${indexName}*${scale}${displacement < 0 ? "-" : "+"}${Math.abs(displacement)}]`;
  }

  /** Either a register operand (set to `value`) or a memory operand in the data area holding it. */
  registerOrMemory(size: OperandSize, value: number, options: { allowStack?: boolean; exclude?: number[] } = {}): { text: string; register?: RegisterOperand } {
    if (this.random.bool()) {
      const register = this.register(size, options);
      this.set(register, value);
      return { text: register.name, register };
    }
    const offset = this.dataOffset(size);
    this.poke(offset, size, value);
    return { text: this.memoryOperand(size, offset) };
  }

  /** An offset in the data area for an operand of `size`, sometimes unaligned. */
  dataOffset(size: OperandSize): number {
    const bytes = size / 8;
    if (bytes > 1 && this.random.bool(0.1)) return PAGE_SPLIT - this.random.int(1, bytes - 1);
    return this.random.bool(0.8) ? this.random.int(0, DATA_SIZE / bytes - 1) * bytes : this.random.int(0, DATA_SIZE - bytes);
  }

  /**
   * Keep the initial values the instructions built so far rely on: registers with a job and the
   * bytes poked so far. Instructions added afterwards then operate on what those left behind.
   */
  freeze(): void {
    this.frozenRegisters = new Set(this.busy);
    for (const write of this.memory) for (let byte = write.offset; byte < write.offset + write.size / 8; byte++) this.frozenBytes.add(byte);
  }

  build(): TestCase {
    return {
      index: this.index,
      variant: this.variant,
      lines: this.lines,
      registers: this.registers,
      flags: this.flags,
      memorySeed: (this.random.next32() | 1) >>> 0,
      memory: this.memory,
      undefinedFlags: this.undefinedFlags,
      undefinedRegisters: this.undefinedRegisters,
      ...(this.fault ? { fault: this.fault } : {}),
    };
  }
}

export function formatValue(value: Value): string {
  if (typeof value === "number") return `0x${(value >>> 0).toString(16)}`;
  return `${value.symbol}${value.addend < 0 ? "-" : "+"}${Math.abs(value.addend)}`;
}

export { pointerWord };
