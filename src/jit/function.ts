/**
 * Compiling one function, as a list of passes (docs/JIT.md): the frame; a pre-pass that
 * counts uses and decides what to fuse (an icmp into the branch right after it, a GEP into the
 * addressing mode of the load or store that is its only user, a load from a private alloca
 * into its user); lowering, each block's instructions through the opcode table into machine
 * instructions over virtual registers (mir/); register allocation (regalloc/: assign, then
 * rewrite); the peephole pass; emission through the encoder. Every pass is linear in the
 * number of instructions.
 */
import type { Function, Instruction, Opcode, SourceLocation } from "../ir/index.js";
import { Reg } from "./x86/registers.js";
import { buildFrame } from "./frame.js";
import { FunctionCompiler, type ModuleServices, type Pass } from "./lower/context.js";
import { lowerBinary, lowerCast, lowerCompare, lowerCopy, lowerSelect } from "./lower/integer.js";
import { lowerAlloca, lowerGep, lowerLoad, lowerStore } from "./lower/memory.js";
import { lowerCall } from "./lower/calls.js";
import { lowerBranch, lowerReturn, lowerSwitch, lowerUnreachable } from "./lower/control.js";
import { isWide, lowerCopy as lowerWordCopy, lowerWide } from "./lower/wide.js";
import { lowerExtractValue, lowerInsertValue } from "./lower/aggregate.js";
import type { MirInstruction } from "./mir/mir.js";
import { allocateRegisters } from "./regalloc/allocate.js";
import { peephole } from "./mir/peephole.js";
import { emit, type LineRow } from "./mir/emit.js";
import { verify } from "./mir/verify.js";
import { formatCode } from "./mir/print.js";

/** Each entry takes the instruction type its opcode implies; the table is indexed by opcode. */
type Lowering = (c: FunctionCompiler, instruction: never) => void;
type LoweringTable = Partial<Record<Opcode, Lowering>>;

const binary = lowerBinary;
const cast = lowerCast;

const lowerings: LoweringTable = {
  add: binary, sub: binary, mul: binary, udiv: binary, sdiv: binary, urem: binary, srem: binary,
  shl: binary, lshr: binary, ashr: binary, and: binary, or: binary, xor: binary,
  trunc: cast, zext: cast, sext: cast, ptrtoint: cast, inttoptr: cast, bitcast: cast, addrspacecast: cast,
  icmp: lowerCompare, select: lowerSelect, freeze: (c: FunctionCompiler, instruction: Instruction) => lowerCopy(c, instruction),
  alloca: lowerAlloca, load: lowerLoad, store: lowerStore, getelementptr: lowerGep,
  call: lowerCall, br: lowerBranch, switch: lowerSwitch, ret: lowerReturn, unreachable: lowerUnreachable,
  phi: () => {}, extractvalue: lowerExtractValue, insertvalue: lowerInsertValue,
};

function isAggregateType(type: Instruction["type"]): boolean {
  return type.kind === "struct" || type.kind === "array";
}

function countUses(c: FunctionCompiler): void {
  for (const block of c.fn.blocks) {
    for (const instruction of block.instructions) {
      for (const operand of instruction.operands) {
        if (operand.valueKind === "instruction") c.useCount.set(operand, (c.useCount.get(operand) ?? 0) + 1);
      }
    }
  }
}

function decideFusions(c: FunctionCompiler): void {
  for (const block of c.fn.blocks) {
    block.instructions.forEach((instruction, index) => {
      const next = block.instructions[index + 1];
      if (instruction.opcode === "icmp" && (next?.opcode === "br" || next?.opcode === "select") && next.operands[0] === instruction &&
          c.useCount.get(instruction) === 1 && !(next.opcode === "select" && (isWide(next) || isWide(instruction)))) {
        c.folded.add(instruction);
      }
      const pointer = instruction.opcode === "load" ? instruction.operands[0] : instruction.opcode === "store" ? instruction.operands[1] : undefined;
      if (pointer?.valueKind === "instruction" && pointer.opcode === "getelementptr" && pointer.parent === block &&
          c.useCount.get(pointer) === 1 && pointer.type.kind !== "vector") {
        c.folded.add(pointer);
      }
    });
  }
}

/** Static allocas used only as the address of loads and stores (their address never escapes). */
function privateAllocas(c: FunctionCompiler): Set<Instruction> {
  const candidates = new Set<Instruction>();
  for (const value of c.frame.addresses.keys()) if (value.valueKind === "instruction") candidates.add(value);
  for (const block of c.fn.blocks) {
    for (const instruction of block.instructions) {
      instruction.operands.forEach((operand, index) => {
        if (operand.valueKind !== "instruction" || !candidates.has(operand)) return;
        const asAddress = (instruction.opcode === "load" && index === 0) || (instruction.opcode === "store" && index === 1);
        if (!asAddress) candidates.delete(operand);
      });
    }
  }
  return candidates;
}

const loadWindow = 16;

/**
 * A load from a private alloca whose only user follows within a few instructions of the same
 * block, with no store to that alloca in between, is not emitted: its user reads the alloca.
 */
function decideLoadForwarding(c: FunctionCompiler): void {
  const allocas = privateAllocas(c);
  if (allocas.size === 0) return;
  for (const block of c.fn.blocks) {
    const instructions = block.instructions;
    instructions.forEach((load, index) => {
      if (load.opcode !== "load" || load.volatile || c.useCount.get(load) !== 1) return;
      const alloca = load.operands[0]!;
      if (alloca.valueKind !== "instruction" || !allocas.has(alloca)) return;
      if (!(load.type.kind === "pointer" || (load.type.kind === "int" && (load.type.bits === 32 || load.type.bits === 64)))) return;
      for (let next = index + 1; next < instructions.length && next <= index + loadWindow; next++) {
        const user = instructions[next]!;
        if (user.operands.includes(load)) {
          if (user.opcode !== "phi" && !c.folded.has(user)) c.forwardedLoads.set(load, alloca);
          return;
        }
        if (user.opcode === "store" && user.operands[1] === alloca) return;
      }
    });
  }
}

function lowerPrologue(c: FunctionCompiler): void {
  c.mir.push(Reg.ebp);
  c.mir.mov(32, Reg.ebp, Reg.esp);
  c.mir.push(Reg.ebx);
  c.mir.push(Reg.esi);
  c.mir.push(Reg.edi);
  if (c.frame.size > 0) c.mir.alu("sub", 32, Reg.esp, { value: c.frame.size });
}

function lowerInstruction(c: FunctionCompiler, instruction: Instruction): void {
  if (isWide(instruction)) return lowerWide(c, instruction);
  if ((instruction.opcode === "select" || instruction.opcode === "freeze") && isAggregateType(instruction.type)) return lowerWordCopy(c, instruction);
  const lowering = lowerings[instruction.opcode];
  if (lowering === undefined) return c.refuse(instruction, "not implemented in the first tier");
  lowering(c, instruction as never);
}

/** The prologue, then each block's label and instructions, in layout order. */
function lower(c: FunctionCompiler): MirInstruction[] {
  lowerPrologue(c);
  const blocks = c.fn.blocks;
  blocks.forEach((block, index) => {
    c.currentBlock = block;
    c.nextBlock = blocks[index + 1];
    c.mir.bind(c.label(block));
    block.instructions.forEach((instruction, position) => {
      c.nextInstruction = block.instructions[position + 1];
      c.mir.source = c.sourceIndex(instruction.location);
      lowerInstruction(c, instruction);
    });
  });
  return c.mir.code;
}

/** Between passes: the MIR check and the dump, when the options ask for them. */
function checkpoint(services: ModuleServices, fn: Function, pass: Pass, code: MirInstruction[]): MirInstruction[] {
  if (services.check) verify(code, pass, fn.name, pass !== "lower");
  if (services.dump !== undefined) services.dump(fn.name, pass, formatCode(code));
  return code;
}

export interface FunctionCode {
  start: number;
  end: number;
  blocks: { name: string; offset: number }[];
  /** Where the code of each source location starts (offsets from `start`); empty without debug info. */
  lines: { offset: number; location: SourceLocation }[];
}

/** The pipeline, one named pass after another (docs/JIT.md); the tier's plan (tiers.ts) fills in the IR passes and the allocator. */
export function compileFunction(services: ModuleServices, fn: Function): FunctionCode {
  for (const pass of services.plan.irPasses) pass.run(fn);
  const frame = buildFrame(fn, services.layout);
  const c = new FunctionCompiler(services, fn, frame);
  countUses(c);
  decideFusions(c);
  decideLoadForwarding(c);
  const machine = checkpoint(services, fn, "lower", lower(c));
  const allocated = checkpoint(services, fn, "regalloc", allocateRegisters(machine, c, services.plan.allocator));
  const final = checkpoint(services, fn, "peephole", peephole(allocated));
  const start = services.asm.position;
  const rows: LineRow[] = [];
  emit(services.asm, final, rows);
  const blocks = fn.blocks.map((block, index) => ({ name: block.name ?? `${index}`, offset: c.label(block).position - start }));
  const lines = rows.map((row) => ({ offset: row.offset - start, location: c.sources[row.source]! }));
  return { start, end: services.asm.position, blocks, lines };
}
