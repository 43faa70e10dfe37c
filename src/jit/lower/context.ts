/**
 * The state of compiling one function and the operand helpers every lowering uses.
 *
 * A value is read through a `Source`: an immediate (constants, addresses of globals), an r/m
 * operand, or an address to compute with `lea` (static allocas, byval arguments). The r/m
 * operand of an integer or pointer result or argument of up to 64 bits is a virtual register
 * per 32-bit word (an i33..i64 value is a pair: half 0 the low word, half 1 the high word),
 * whose home is the value's frame slot; wider integers and aggregates are memory, their frame
 * slot itself. Values narrower than 32 bits have undefined upper bits; the operations that
 * care (compares, division, right shifts, extension, calls) extend them first. Fixed scratch
 * registers: eax/edx (result pair), ecx/ebx (second operand), esi/edi (addresses).
 */
import type { BasicBlock, Function, Instruction, SourceLocation, Type, Value } from "../../ir/index.js";
import { InputError, assert } from "../../errors.js";
import type { Assembler, Label } from "../x86/encoder.js";
import { MirBuilder, type ValueOperand, newLabel } from "../mir/builder.js";
import { VReg } from "../mir/mir.js";
import type { TierPlan } from "../tiers.js";
import { Reg } from "../x86/registers.js";
import { type Imm, type Mem, mem } from "../x86/operands.js";
import { type Frame, valueSlotSize } from "../frame.js";
import type { DataPool } from "../data.js";
import type { Layout } from "../layout.js";
import { refuse } from "../support.js";

export type Source = { kind: "imm"; imm: Imm } | { kind: "rm"; rm: VReg | Mem } | { kind: "addr"; mem: Mem };

/** Values that live in memory (their frame slot) rather than in virtual registers. */
export function isMemoryValue(type: Type): boolean {
  return type.kind === "struct" || type.kind === "array" || (type.kind === "int" && type.bits > 64);
}

/** What a function compiler needs from the module being compiled. */
export interface ModuleServices {
  readonly asm: Assembler;
  readonly data: DataPool;
  readonly layout: Layout;
  readonly file: string;
  /** Data-pool offset of a defined function's call slot. */
  slotOf(fn: Function): number | undefined;
  /** Label of a shared runtime routine (i64 division), emitted once after all functions. */
  runtime(name: RuntimeRoutine): Label;
  /** Jump table entries to resolve once the function's labels are bound. */
  jumpTable(dataOffset: number, label: Label): void;
  /** The tier's plan (tiers.ts): IR passes, then the register allocation policy. */
  readonly plan: TierPlan;
  /** Check the MIR after every pass (mir/verify.ts). */
  readonly check: boolean;
  /** Called with each function's MIR as text after every pass. */
  readonly dump: MirDump | undefined;
}

/** The passes after which the MIR can be checked and dumped. */
export type Pass = "lower" | "regalloc" | "peephole";
export type MirDump = (fn: string, pass: Pass, text: string) => void;

export type RuntimeRoutine = "udivmod64" | "sdivmod64";

export class FunctionCompiler {
  /** The function's machine instructions, appended in layout order. */
  readonly mir = new MirBuilder();
  readonly layout: Layout;
  readonly data: DataPool;
  readonly blockLabels = new Map<BasicBlock, Label>();
  readonly useCount = new Map<Value, number>();
  /** GEPs folded into the addressing mode of their only user; icmps fused into their branch. */
  readonly folded = new Set<Instruction>();
  /** Loads not emitted: their one user reads the private alloca directly (function.ts). */
  readonly forwardedLoads = new Map<Instruction, Instruction>();
  /** The block being lowered and the one laid out after it (a jump there falls through). */
  currentBlock: BasicBlock | undefined;
  nextBlock: BasicBlock | undefined;
  /** The instruction after the one being lowered, in the same block. */
  nextInstruction: Instruction | undefined;
  /** ebp offset of each virtual register's home (a word of its value's frame slot), by number. */
  readonly homes: number[] = [];
  /** The distinct source locations of the function's instructions, by source index (MirInstruction.source). */
  readonly sources: SourceLocation[] = [];
  private readonly sourceIndexes = new Map<SourceLocation, number>();
  private readonly vregs = new Map<Value, VReg[]>();

  constructor(readonly services: ModuleServices, readonly fn: Function, readonly frame: Frame) {
    this.layout = services.layout;
    this.data = services.data;
    for (const block of fn.blocks) this.blockLabels.set(block, newLabel());
  }

  private readonly incomingCache = new Map<Instruction, Map<BasicBlock, Value>>();

  /** The value a phi receives from `from` (the first entry, if a block is listed twice). */
  incoming(phi: Instruction & { opcode: "phi" }, from: BasicBlock): Value | undefined {
    let byBlock = this.incomingCache.get(phi);
    if (byBlock === undefined) {
      byBlock = new Map();
      for (let index = phi.blocks.length - 1; index >= 0; index--) byBlock.set(phi.blocks[index]!, phi.operands[index]!);
      this.incomingCache.set(phi, byBlock);
    }
    return byBlock.get(from);
  }

  /** The source index of a location (undefined for none), added to `sources` when new. */
  sourceIndex(location: SourceLocation | undefined): number | undefined {
    if (location === undefined) return undefined;
    let index = this.sourceIndexes.get(location);
    if (index === undefined) {
      index = this.sources.push(location) - 1;
      this.sourceIndexes.set(location, index);
    }
    return index;
  }

  label(block: BasicBlock): Label {
    const label = this.blockLabels.get(block);
    assert(label !== undefined, "branch to a block of another function");
    return label;
  }

  refuse(instruction: Instruction, reason: string): never {
    return refuse(this.services.file, this.fn, instruction, reason);
  }

  /** Width in bits of an integer or pointer value; refuses anything wider than 64. */
  bits(type: Type, instruction: Instruction): number {
    if (type.kind === "pointer") return 32;
    if (type.kind === "int" && type.bits <= 64) return type.bits;
    return this.refuse(instruction, type.kind === "int" ? `integers wider than 64 bits` : `${type.kind} value`);
  }

  source(value: Value, half = 0): Source {
    if (value.valueKind === "instruction") {
      const alloca = this.forwardedLoads.get(value);
      if (alloca !== undefined) return { kind: "rm", rm: mem(Reg.ebp, this.frame.addresses.get(alloca)! + 4 * half) };
    }
    if (value.valueKind === "instruction" || value.valueKind === "argument") {
      const address = this.frame.addresses.get(value);
      if (address !== undefined) return { kind: "addr", mem: mem(Reg.ebp, address) };
      const slot = this.frame.slots.get(value);
      if (slot !== undefined) return { kind: "rm", rm: this.word(value, slot, half) };
    }
    switch (value.valueKind) {
      case "int": {
        const word = BigInt.asIntN(32, value.value >> BigInt(32 * half));
        return { kind: "imm", imm: { value: Number(word) } };
      }
      case "instruction": case "argument": case "inlineasm": case "metadata":
        throw new InputError(this.services.file, `function "${this.fn.name}": value used before it is defined`);
      default: {
        const folded = this.data.evaluate(value);
        if (folded.symbol !== undefined) return { kind: "imm", imm: half === 0 ? { value: Number(BigInt.asIntN(32, folded.value)), symbol: folded.symbol } : { value: 0 } };
        const word = BigInt.asIntN(32, folded.value >> BigInt(32 * half));
        return { kind: "imm", imm: { value: Number(word) } };
      }
    }
  }

  /** Word `half` of a value with a frame slot: its virtual register, or memory. */
  private word(value: Value, slot: number, half: number): VReg | Mem {
    if (isMemoryValue(value.type)) return mem(Reg.ebp, slot + 4 * half);
    let words = this.vregs.get(value);
    if (words === undefined) {
      words = [];
      this.vregs.set(value, words);
    }
    let vreg = words[half];
    if (vreg === undefined) {
      vreg = new VReg(this.homes.length);
      this.homes.push(slot + 4 * half);
      words[half] = vreg;
    }
    return vreg;
  }

  /** mov reg, value (or its high half) */
  load(reg: Reg, value: Value, half = 0): void {
    const source = this.source(value, half);
    if (source.kind === "addr") this.mir.lea(reg, source.mem);
    else if (source.kind === "rm") this.mir.mov(32, reg, source.rm);
    else this.mir.mov(32, reg, source.imm); // never `xor reg,reg`: loads must keep the flags
  }

  /** A second ALU operand: an immediate or r/m operand directly, an address through `scratch`. */
  operand(value: Value, scratch: Reg, half = 0): ValueOperand {
    const source = this.source(value, half);
    if (source.kind === "imm") return source.imm;
    if (source.kind === "rm") return source.rm;
    this.mir.lea(scratch, source.mem);
    return scratch;
  }

  /** Load and extend a value of `bits` width to 32 bits. */
  loadExtended(reg: Reg, value: Value, bits: number, signed: boolean): void {
    const source = this.source(value);
    if (source.kind === "rm" && (bits === 8 || bits === 16) && reg <= Reg.ebx) {
      this.mir.extend(signed, reg, bits, source.rm);
      return;
    }
    if (source.kind === "imm" && source.imm.symbol === undefined && bits < 32) {
      const raw = BigInt(source.imm.value);
      const extended = signed ? BigInt.asIntN(bits, raw) : BigInt.asUintN(bits, raw);
      this.mir.mov(32, reg, { value: Number(BigInt.asIntN(32, extended)) });
      return;
    }
    this.load(reg, value);
    this.extend(reg, bits, signed);
  }

  /** Extend the low `bits` of reg to 32 bits. */
  extend(reg: Reg, bits: number, signed: boolean): void {
    if (bits >= 32) return;
    if ((bits === 8 || bits === 16) && reg <= Reg.ebx) {
      this.mir.extend(signed, reg, bits, reg);
    } else if (signed) {
      this.mir.shift("shl", 32, reg, 32 - bits);
      this.mir.shift("sar", 32, reg, 32 - bits);
    } else {
      this.mir.alu("and", 32, reg, { value: bits === 31 ? 0x7fffffff : (1 << bits) - 1 });
    }
  }

  /** Extend a pair's high word so that the pair holds a clean `bits`-wide (33..64) value. */
  extendHigh(reg: Reg, bits: number, signed: boolean): void {
    this.extend(reg, bits - 32, signed);
  }

  /** Where word `half` of an instruction's result goes: its virtual register, or memory. */
  result(instruction: Instruction, half = 0): VReg | Mem {
    const slot = this.frame.slots.get(instruction);
    assert(slot !== undefined, `no slot for ${instruction.opcode}`);
    return this.word(instruction, slot, half);
  }

  /** The frame slot of a result that lives in memory (an aggregate, an integer over 64 bits). */
  resultMemory(instruction: Instruction): Mem {
    const slot = this.frame.slots.get(instruction);
    assert(slot !== undefined && isMemoryValue(instruction.type), `no memory for ${instruction.opcode}`);
    return mem(Reg.ebp, slot);
  }

  store(instruction: Instruction, reg: Reg, half = 0): void {
    const elidable = half === 0 && !this.isPair(instruction.type) && this.consumedByNext(instruction);
    this.mir.mov(32, this.result(instruction, half), reg, elidable);
  }

  /** The value's only use is the next instruction (not a phi): its slot may never be read. */
  private consumedByNext(instruction: Instruction): boolean {
    const next = this.nextInstruction;
    return next !== undefined && next.opcode !== "phi" && this.useCount.get(instruction) === 1 && next.operands.includes(instruction);
  }

  /** Store eax (and edx for a pair) as the instruction's result. */
  storeResult(instruction: Instruction, pair: boolean): void {
    this.store(instruction, Reg.eax);
    if (pair) this.store(instruction, Reg.edx, 1);
  }

  isPair(type: Type): boolean {
    return type.kind === "int" && type.bits > 32 && type.bits <= 64;
  }

  /** 32-bit words a value of this type occupies in its slot. */
  words(type: Type): number {
    if (type.kind === "int") return Math.ceil(type.bits / 32);
    if (type.kind === "struct" || type.kind === "array") return valueSlotSize(this.layout, type) / 4;
    return 1;
  }
}
