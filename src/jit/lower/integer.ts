/**
 * Integer arithmetic, compares, casts, select and freeze on values of up to 32 bits, and the
 * dispatch to the pair (i33..i64) versions in integer64.ts. Opcode -> machine operation is a
 * table wherever the operation is one instruction.
 */
import type { BinaryInstruction, CastInstruction, CompareInstruction, Instruction, IntegerPredicate, SelectInstruction, Value } from "../../ir/index.js";
import { Cond, Reg, negate } from "../x86/registers.js";
import type { AluOp } from "../x86/encoder.js";
import type { FunctionCompiler } from "./context.js";
import { lowerBinary64, compare64 } from "./integer64.js";

const aluOpcodes: Partial<Record<string, AluOp>> = { add: "add", sub: "sub", and: "and", or: "or", xor: "xor" };

/** Condition code and the extension a 32-bit compare needs, per predicate. */
export const predicateTable: Record<IntegerPredicate, { cond: Cond; signed: boolean }> = {
  eq: { cond: Cond.e, signed: false }, ne: { cond: Cond.ne, signed: false },
  ugt: { cond: Cond.a, signed: false }, uge: { cond: Cond.ae, signed: false },
  ult: { cond: Cond.b, signed: false }, ule: { cond: Cond.be, signed: false },
  sgt: { cond: Cond.g, signed: true }, sge: { cond: Cond.ge, signed: true },
  slt: { cond: Cond.l, signed: true }, sle: { cond: Cond.le, signed: true },
};

export function lowerBinary(c: FunctionCompiler, instruction: BinaryInstruction): void {
  const bits = c.bits(instruction.type, instruction);
  if (bits > 32) {
    lowerBinary64(c, instruction, bits);
    return;
  }
  const [left, right] = instruction.operands as [Value, Value];
  const alu = aluOpcodes[instruction.opcode];
  if (alu !== undefined) {
    c.load(Reg.eax, left);
    c.mir.alu(alu, 32, Reg.eax, c.operand(right, Reg.ecx));
  } else if (instruction.opcode === "mul") {
    c.load(Reg.eax, left);
    const operand = c.operand(right, Reg.ecx);
    if (typeof operand === "object" && "value" in operand && operand.symbol === undefined) c.mir.imul(Reg.eax, Reg.eax, operand.value);
    else if (typeof operand === "object" && "value" in operand) { c.mir.mov(32, Reg.ecx, operand); c.mir.imul(Reg.eax, Reg.ecx); }
    else c.mir.imul(Reg.eax, operand);
  } else if (instruction.opcode === "shl" || instruction.opcode === "lshr" || instruction.opcode === "ashr") {
    lowerShift32(c, instruction, bits);
  } else {
    lowerDivision32(c, instruction, bits);
  }
  c.store(instruction, Reg.eax);
}

function lowerShift32(c: FunctionCompiler, instruction: BinaryInstruction, bits: number): void {
  const [left, right] = instruction.operands as [Value, Value];
  const signed = instruction.opcode === "ashr";
  if (instruction.opcode === "shl") c.load(Reg.eax, left);
  else c.loadExtended(Reg.eax, left, bits, signed);
  const op = instruction.opcode === "shl" ? "shl" : signed ? "sar" : "shr";
  if (right.valueKind === "int") {
    const amount = Number(BigInt.asUintN(32, right.value)) & 31;
    if (amount !== 0) c.mir.shift(op, 32, Reg.eax, amount);
    return;
  }
  c.loadExtended(Reg.ecx, right, bits, false);
  c.mir.shift(op, 32, Reg.eax, "cl");
}

function lowerDivision32(c: FunctionCompiler, instruction: BinaryInstruction, bits: number): void {
  const [left, right] = instruction.operands as [Value, Value];
  const signed = instruction.opcode === "sdiv" || instruction.opcode === "srem";
  c.loadExtended(Reg.eax, left, bits, signed);
  c.loadExtended(Reg.ecx, right, bits, signed);
  if (signed) {
    c.mir.cdq();
    c.mir.unary("idiv", 32, Reg.ecx);
  } else {
    c.mir.alu("xor", 32, Reg.edx, Reg.edx);
    c.mir.unary("div", 32, Reg.ecx);
  }
  if (instruction.opcode === "urem" || instruction.opcode === "srem") c.mir.mov(32, Reg.eax, Reg.edx);
}

/** Emit the compare of an icmp and return the condition that holds when it is true. */
export function emitCompare(c: FunctionCompiler, instruction: CompareInstruction): Cond {
  const predicate = instruction.predicate as IntegerPredicate;
  const [left, right] = instruction.operands as [Value, Value];
  const bits = c.bits(left.type, instruction);
  if (bits > 32) return compare64(c, predicate, left, right, bits);
  const { cond, signed } = predicateTable[predicate];
  c.loadExtended(Reg.eax, left, bits, signed);
  if (bits < 32) {
    c.loadExtended(Reg.ecx, right, bits, signed);
    c.mir.alu("cmp", 32, Reg.eax, Reg.ecx);
  } else {
    c.mir.alu("cmp", 32, Reg.eax, c.operand(right, Reg.ecx));
  }
  return cond;
}

export function lowerCompare(c: FunctionCompiler, instruction: CompareInstruction): void {
  if (c.folded.has(instruction)) return;
  const cond = emitCompare(c, instruction);
  c.mir.setcc(cond, Reg.eax);
  c.mir.extend(false, Reg.eax, 8, Reg.eax);
  c.store(instruction, Reg.eax);
}

export function lowerCast(c: FunctionCompiler, instruction: CastInstruction): void {
  const value = instruction.operands[0]!;
  const from = c.bits(value.type, instruction);
  const to = c.bits(instruction.type, instruction);
  const signed = instruction.opcode === "sext";
  const extending = instruction.opcode === "zext" || instruction.opcode === "sext" || instruction.opcode === "ptrtoint";
  c.load(Reg.eax, value);
  if (to <= 32) {
    if (extending && from < to) c.extend(Reg.eax, from, signed);
    c.store(instruction, Reg.eax);
    return;
  }
  if (from <= 32) {
    c.extend(Reg.eax, from, signed);
    if (signed) c.mir.cdq();
    else c.mir.alu("xor", 32, Reg.edx, Reg.edx);
  } else {
    c.load(Reg.edx, value, 1);
    if (extending && from < 64) c.extendHigh(Reg.edx, from, signed);
  }
  c.storeResult(instruction, true);
}

/** freeze, and any other same-width copy. */
export function lowerCopy(c: FunctionCompiler, instruction: Instruction): void {
  const value = instruction.operands[0]!;
  const pair = c.isPair(instruction.type);
  c.bits(instruction.type, instruction);
  c.load(Reg.eax, value);
  if (pair) c.load(Reg.edx, value, 1);
  c.storeResult(instruction, pair);
}

export function lowerSelect(c: FunctionCompiler, instruction: SelectInstruction): void {
  const [condition, ifTrue, ifFalse] = instruction.operands as [Value, Value, Value];
  const pair = c.isPair(instruction.type);
  c.bits(instruction.type, instruction);
  let cond = Cond.ne;
  if (condition.valueKind === "instruction" && condition.opcode === "icmp" && c.folded.has(condition)) {
    cond = emitCompare(c, condition); // the flags survive the moves below
  } else {
    c.load(Reg.ecx, condition);
    c.mir.test(8, Reg.ecx, { value: 1 });
  }
  c.load(Reg.eax, ifFalse);
  if (pair) c.load(Reg.edx, ifFalse, 1);
  const done = c.mir.newLabel();
  c.mir.jcc(negate(cond), done, true);
  c.load(Reg.eax, ifTrue);
  if (pair) c.load(Reg.edx, ifTrue, 1);
  c.mir.bind(done);
  c.storeResult(instruction, pair);
}
