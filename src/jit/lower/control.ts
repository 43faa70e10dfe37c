/**
 * Terminators: br (with the icmp before it fused into cmp+jcc), switch (jump table or compare
 * chain, see switch.ts), ret (cdecl epilogue; `ret 4` when the function pops its sret pointer)
 * and unreachable (ud2). Phi copies are emitted on each edge that needs them, in a stub after
 * the branch, so a conditional branch never needs a split block.
 */
import type { BasicBlock, BranchInstruction, CompareInstruction, ReturnInstruction, SwitchInstruction, Value } from "../../ir/index.js";
import { hasAttribute } from "../../ir/index.js";
import { Cond, Reg, negate } from "../x86/registers.js";
import { type Label } from "../x86/encoder.js";
import { mem } from "../x86/operands.js";
import { emitParallelMoves, edgeMoves } from "../phi.js";
import { planSwitch } from "../switch.js";
import type { FunctionCompiler } from "./context.js";
import { emitCompare } from "./integer.js";
import { loadPair } from "./integer64.js";
import { compareWide, isWide } from "./wide.js";

/** Copies for the edge, then a jump unless the target is the next block. */
function takeEdge(c: FunctionCompiler, to: BasicBlock): void {
  emitParallelMoves(c, edgeMoves(c, c.currentBlock!, to));
  if (to !== c.nextBlock) c.mir.jmp(c.label(to));
}

function hasMoves(c: FunctionCompiler, to: BasicBlock): boolean {
  return edgeMoves(c, c.currentBlock!, to).length > 0;
}

/** Set flags for a branch condition; returns the condition that means "true". */
function branchCondition(c: FunctionCompiler, condition: Value): Cond {
  if (condition.valueKind === "instruction" && condition.opcode === "icmp" && c.folded.has(condition)) {
    if (isWide(condition)) return compareWide(c, condition as CompareInstruction);
    return emitCompare(c, condition as CompareInstruction);
  }
  const source = c.source(condition);
  if (source.kind === "rm") c.mir.test(8, source.rm, { value: 1 });
  else {
    c.load(Reg.eax, condition);
    c.mir.test(8, Reg.eax, { value: 1 });
  }
  return Cond.ne;
}

export function lowerBranch(c: FunctionCompiler, branch: BranchInstruction): void {
  if (branch.operands.length === 0) {
    takeEdge(c, branch.targets[0]!);
    return;
  }
  const [ifTrue, ifFalse] = branch.targets as [BasicBlock, BasicBlock];
  const condition = branch.operands[0]!;
  if (condition.valueKind === "int") {
    takeEdge(c, (condition.value & 1n) !== 0n ? ifTrue : ifFalse);
    return;
  }
  const cond = branchCondition(c, condition);
  const trueMoves = hasMoves(c, ifTrue);
  const falseMoves = hasMoves(c, ifFalse);
  if (!trueMoves) {
    c.mir.jcc(cond, c.label(ifTrue));
    takeEdge(c, ifFalse);
  } else if (!falseMoves) {
    c.mir.jcc(negate(cond), c.label(ifFalse));
    takeEdge(c, ifTrue);
  } else {
    const falseEdge = c.mir.newLabel();
    c.mir.jcc(negate(cond), falseEdge);
    emitParallelMoves(c, edgeMoves(c, c.currentBlock!, ifTrue));
    c.mir.jmp(c.label(ifTrue));
    c.mir.bind(falseEdge);
    takeEdge(c, ifFalse);
  }
}

/** The label a switch jumps to for `target`: the block, or a stub doing the edge's copies. */
function edgeLabel(c: FunctionCompiler, target: BasicBlock, stubs: Map<BasicBlock, Label>): Label {
  if (!hasMoves(c, target)) return c.label(target);
  let stub = stubs.get(target);
  if (stub === undefined) {
    stub = c.mir.newLabel();
    stubs.set(target, stub);
  }
  return stub;
}

function emitStubs(c: FunctionCompiler, stubs: Map<BasicBlock, Label>): void {
  for (const [target, stub] of stubs) {
    c.mir.bind(stub);
    emitParallelMoves(c, edgeMoves(c, c.currentBlock!, target));
    c.mir.jmp(c.label(target));
  }
}

export function lowerSwitch(c: FunctionCompiler, instruction: SwitchInstruction): void {
  const condition = instruction.operands[0]!;
  const bits = c.bits(condition.type, instruction);
  const stubs = new Map<BasicBlock, Label>();
  const defaultLabel = edgeLabel(c, instruction.defaultTarget, stubs);
  if (bits > 32) {
    loadPair(c, condition, Reg.eax, Reg.edx, bits, false);
    for (const entry of instruction.cases) {
      const skip = c.mir.newLabel();
      const value = BigInt.asUintN(bits, entry.value.value);
      c.mir.alu("cmp", 32, Reg.eax, { value: Number(BigInt.asIntN(32, value)) });
      c.mir.jcc(Cond.ne, skip, true);
      c.mir.alu("cmp", 32, Reg.edx, { value: Number(BigInt.asIntN(32, value >> 32n)) });
      c.mir.jcc(Cond.e, edgeLabel(c, entry.target, stubs));
      c.mir.bind(skip);
    }
  } else {
    c.loadExtended(Reg.eax, condition, bits, false);
    const values = instruction.cases.map((entry) => Number(BigInt.asUintN(bits, entry.value.value)));
    const plan = planSwitch(values);
    if (plan.kind === "table") {
      const table = c.data.reserve(plan.range * 4, 4);
      const entries: Label[] = new Array<Label>(plan.range).fill(defaultLabel);
      instruction.cases.forEach((entry, index) => { entries[values[index]! - plan.minimum] = edgeLabel(c, entry.target, stubs); });
      if (plan.minimum !== 0) c.mir.alu("sub", 32, Reg.eax, { value: plan.minimum | 0 });
      c.mir.alu("cmp", 32, Reg.eax, { value: plan.range - 1 });
      c.mir.jcc(Cond.a, defaultLabel);
      c.mir.jmpIndirect({ disp: 0, index: Reg.eax, scale: 4, symbol: { pool: "data", offset: table } });
      entries.forEach((label, index) => c.services.jumpTable(table + 4 * index, label));
      emitStubs(c, stubs);
      return;
    }
    instruction.cases.forEach((entry, index) => {
      c.mir.alu("cmp", 32, Reg.eax, { value: values[index]! | 0 });
      c.mir.jcc(Cond.e, edgeLabel(c, entry.target, stubs));
    });
  }
  if (defaultLabel === c.label(instruction.defaultTarget)) {
    if (instruction.defaultTarget !== c.nextBlock || stubs.size > 0) c.mir.jmp(defaultLabel);
  } else {
    c.mir.jmp(defaultLabel);
  }
  emitStubs(c, stubs);
}

export function emitEpilogue(c: FunctionCompiler): void {
  c.mir.lea(Reg.esp, mem(Reg.ebp, -12));
  c.mir.pop(Reg.edi);
  c.mir.pop(Reg.esi);
  c.mir.pop(Reg.ebx);
  c.mir.pop(Reg.ebp);
  c.mir.ret(c.frame.sret ? 4 : 0);
}

export function lowerReturn(c: FunctionCompiler, instruction: ReturnInstruction): void {
  const value = instruction.operands[0];
  if (value !== undefined) {
    const bits = c.bits(value.type, instruction);
    if (bits > 32) {
      c.load(Reg.eax, value);
      c.load(Reg.edx, value, 1);
    } else {
      const returns = c.fn.attributes.return;
      const signed = hasAttribute(returns, "signext");
      if (bits < 32 && (signed || hasAttribute(returns, "zeroext"))) c.loadExtended(Reg.eax, value, bits, signed);
      else c.load(Reg.eax, value);
    }
  } else if (c.frame.sret) {
    c.load(Reg.eax, c.fn.params[0]!);
  }
  emitEpilogue(c);
}

export function lowerUnreachable(c: FunctionCompiler): void {
  c.mir.ud2();
}
