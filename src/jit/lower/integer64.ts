/**
 * i33..i64 arithmetic on register pairs (low word in eax, high word in edx; second operand in
 * ecx/ebx): add/adc, sub/sbb, bitwise ops per half, the three-multiply product, double-shifts
 * (shld/shrd, then a fix-up when the count is 32 or more), and division through the shared
 * shift-subtract routines of runtime.ts (machine code we emit, not calls into TypeScript).
 */
import type { BinaryInstruction, IntegerPredicate, Value } from "../../ir/index.js";
import { Cond, Reg } from "../x86/registers.js";
import type { AluOp } from "../x86/encoder.js";
import type { FunctionCompiler } from "./context.js";

const pairOps: Partial<Record<string, [AluOp, AluOp]>> = {
  add: ["add", "adc"], sub: ["sub", "sbb"], and: ["and", "and"], or: ["or", "or"], xor: ["xor", "xor"],
};

/** Load a pair into (low, high), the high word extended when the width is under 64. */
export function loadPair(c: FunctionCompiler, value: Value, low: Reg, high: Reg, bits: number, signed: boolean): void {
  c.load(low, value);
  c.load(high, value, 1);
  if (bits < 64) c.extendHigh(high, bits, signed);
}

export function lowerBinary64(c: FunctionCompiler, instruction: BinaryInstruction, bits: number): void {
  const [left, right] = instruction.operands as [Value, Value];
  const ops = pairOps[instruction.opcode];
  if (ops !== undefined) {
    c.load(Reg.eax, left);
    c.load(Reg.edx, left, 1);
    c.mir.alu(ops[0], 32, Reg.eax, c.operand(right, Reg.ecx));
    c.mir.alu(ops[1], 32, Reg.edx, c.operand(right, Reg.ebx, 1));
  } else if (instruction.opcode === "mul") {
    multiply64(c, left, right);
  } else if (instruction.opcode === "shl" || instruction.opcode === "lshr" || instruction.opcode === "ashr") {
    shift64(c, instruction.opcode, left, right, bits);
  } else {
    const signed = instruction.opcode === "sdiv" || instruction.opcode === "srem";
    loadPair(c, left, Reg.eax, Reg.edx, bits, signed);
    loadPair(c, right, Reg.ecx, Reg.ebx, bits, signed);
    c.mir.callLabel(c.services.runtime(signed ? "sdivmod64" : "udivmod64"));
    if (instruction.opcode === "urem" || instruction.opcode === "srem") {
      c.mir.mov(32, Reg.eax, Reg.ecx);
      c.mir.mov(32, Reg.edx, Reg.ebx);
    }
  }
  c.storeResult(instruction, true);
}

/** (ah:al) * (bh:bl) mod 2^64 = al*bl + ((ah*bl + al*bh) << 32) */
function multiply64(c: FunctionCompiler, left: Value, right: Value): void {
  c.load(Reg.ecx, left, 1);
  c.load(Reg.ebx, right);
  c.mir.imul(Reg.ecx, Reg.ebx);
  c.load(Reg.eax, right, 1);
  c.load(Reg.esi, left);
  c.mir.imul(Reg.eax, Reg.esi);
  c.mir.alu("add", 32, Reg.ecx, Reg.eax);
  c.mir.mov(32, Reg.eax, Reg.esi);
  c.mir.unary("mul", 32, Reg.ebx);
  c.mir.alu("add", 32, Reg.edx, Reg.ecx);
}

function shift64(c: FunctionCompiler, opcode: "shl" | "lshr" | "ashr", left: Value, right: Value, bits: number): void {
  loadPair(c, left, Reg.eax, Reg.edx, bits, opcode === "ashr");
  c.load(Reg.ecx, right);
  const done = c.mir.newLabel();
  if (opcode === "shl") {
    c.mir.doubleShift(true, Reg.edx, Reg.eax, "cl");
    c.mir.shift("shl", 32, Reg.eax, "cl");
    c.mir.test(8, Reg.ecx, { value: 32 });
    c.mir.jcc(Cond.e, done, true);
    c.mir.mov(32, Reg.edx, Reg.eax);
    c.mir.alu("xor", 32, Reg.eax, Reg.eax);
  } else {
    const signed = opcode === "ashr";
    c.mir.doubleShift(false, Reg.eax, Reg.edx, "cl");
    c.mir.shift(signed ? "sar" : "shr", 32, Reg.edx, "cl");
    c.mir.test(8, Reg.ecx, { value: 32 });
    c.mir.jcc(Cond.e, done, true);
    c.mir.mov(32, Reg.eax, Reg.edx);
    if (signed) c.mir.shift("sar", 32, Reg.edx, 31);
    else c.mir.alu("xor", 32, Reg.edx, Reg.edx);
  }
  c.mir.bind(done);
}

/** For each predicate: compare (a, b) swapped or not, and the condition after `cmp lo; sbb hi`. */
const pairPredicates: Record<Exclude<IntegerPredicate, "eq" | "ne">, { swap: boolean; cond: Cond; signed: boolean }> = {
  ult: { swap: false, cond: Cond.b, signed: false }, uge: { swap: false, cond: Cond.ae, signed: false },
  ugt: { swap: true, cond: Cond.b, signed: false }, ule: { swap: true, cond: Cond.ae, signed: false },
  slt: { swap: false, cond: Cond.l, signed: true }, sge: { swap: false, cond: Cond.ge, signed: true },
  sgt: { swap: true, cond: Cond.l, signed: true }, sle: { swap: true, cond: Cond.ge, signed: true },
};

export function compare64(c: FunctionCompiler, predicate: IntegerPredicate, left: Value, right: Value, bits: number): Cond {
  if (predicate === "eq" || predicate === "ne") {
    loadPair(c, left, Reg.eax, Reg.edx, bits, false);
    loadPair(c, right, Reg.ecx, Reg.ebx, bits, false);
    c.mir.alu("xor", 32, Reg.eax, Reg.ecx);
    c.mir.alu("xor", 32, Reg.edx, Reg.ebx);
    c.mir.alu("or", 32, Reg.eax, Reg.edx);
    return predicate === "eq" ? Cond.e : Cond.ne;
  }
  const { swap, cond, signed } = pairPredicates[predicate];
  loadPair(c, swap ? right : left, Reg.eax, Reg.edx, bits, signed);
  loadPair(c, swap ? left : right, Reg.ecx, Reg.ebx, bits, signed);
  c.mir.alu("cmp", 32, Reg.eax, Reg.ecx);
  c.mir.alu("sbb", 32, Reg.edx, Reg.ebx);
  return cond;
}
