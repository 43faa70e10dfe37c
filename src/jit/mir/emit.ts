/**
 * Emission, the last pass: each MIR instruction, by then over physical registers, immediates,
 * memory and labels only, becomes one encoder call (a table keyed by mnemonic). The encoder
 * binds labels and patches branches; this pass makes no decisions of its own.
 */
import { assert } from "../../errors.js";
import type { Reg } from "../x86/registers.js";
import type { Imm } from "../x86/operands.js";
import { Assembler, type AluOp, type Label, type RegOrMem, type ShiftOp, type UnaryOp } from "../x86/encoder.js";
import { type MirInstruction, type MirOp, type Operand, isImm, isLabel, isPhysical, isVReg } from "./mir.js";

function rm(operand: Operand | undefined): RegOrMem {
  assert(operand !== undefined && !isVReg(operand) && !isImm(operand) && !isLabel(operand), "emit: expected a register or memory operand");
  return operand;
}

function reg(operand: Operand | undefined): Reg {
  assert(operand !== undefined && isPhysical(operand), "emit: expected a physical register");
  return operand;
}

function rmOrImm(operand: Operand | undefined): RegOrMem | Imm {
  return operand !== undefined && isImm(operand) ? operand : rm(operand);
}

function label(operand: Operand | undefined): Label {
  assert(operand !== undefined && isLabel(operand), "emit: expected a label");
  return operand;
}

/** A shift count: an immediate, or ecx meaning cl. */
function count(operand: Operand | undefined): "cl" | number {
  if (operand !== undefined && isImm(operand)) return operand.value;
  assert(operand === 1 /* Reg.ecx */, "emit: a variable shift count must be in cl");
  return "cl";
}

type Emitter = (asm: Assembler, instruction: MirInstruction) => void;

const alu: Emitter = (asm, { op, size, operands: [dst, src] }) => asm.alu(op as AluOp, size, rm(dst), rmOrImm(src));
const shift: Emitter = (asm, { op, size, operands: [dst, by] }) => asm.shift(op as ShiftOp, size, rm(dst), count(by));
const unary: Emitter = (asm, { op, size, operands: [operand] }) => asm.unary(op as UnaryOp, size, rm(operand));
const extend: Emitter = (asm, { op, size, operands: [dst, src] }) => asm.extend(op === "movsx", reg(dst), size === 16 ? 16 : 8, rm(src));
const doubleShift: Emitter = (asm, { op, operands: [dst, src, by] }) => asm.doubleShift(op === "shld", rm(dst), reg(src), count(by));
const bitScan: Emitter = (asm, { op, operands: [dst, src] }) => asm.bitScan(op === "bsf", reg(dst), rm(src));

const emitters: Record<MirOp, Emitter> = {
  mov: (asm, { size, operands: [dst, src] }) => asm.mov(size, rm(dst), rmOrImm(src)),
  add: alu, or: alu, adc: alu, sbb: alu, and: alu, sub: alu, xor: alu, cmp: alu,
  test: (asm, { size, operands: [dst, src] }) => {
    const source = rmOrImm(src);
    assert(typeof source === "number" || "value" in source, "emit: test with a memory source");
    asm.test(size, rm(dst), source);
  },
  lea: (asm, { operands: [dst, address] }) => {
    const source = rm(address);
    assert(!isPhysical(source), "emit: lea of a register");
    asm.lea(reg(dst), source);
  },
  movzx: extend, movsx: extend,
  imul: (asm, { operands: [dst, src, imm] }) => asm.imul(reg(dst), rm(src), imm !== undefined && isImm(imm) ? imm.value : undefined),
  rol: shift, ror: shift, rcl: shift, rcr: shift, shl: shift, shr: shift, sar: shift,
  shld: doubleShift, shrd: doubleShift,
  not: unary, neg: unary, mul: unary, div: unary, idiv: unary,
  setcc: (asm, { cond, operands: [dst] }) => asm.setcc(cond!, rm(dst)),
  bsf: bitScan, bsr: bitScan,
  bswap: (asm, { operands: [operand] }) => asm.bswap(reg(operand)),
  push: (asm, { operands: [operand] }) => asm.push(rmOrImm(operand)),
  pop: (asm, { operands: [operand] }) => asm.pop(reg(operand)),
  label: (asm, { operands: [operand] }) => asm.bind(label(operand)),
  jmp: (asm, { operands: [target], short }) => {
    if (target !== undefined && isLabel(target)) asm.jmp(target, short);
    else asm.jmpIndirect(rm(target));
  },
  jcc: (asm, { cond, operands: [target], short }) => asm.jcc(cond!, label(target), short),
  call: (asm, { operands: [target] }) => {
    if (target !== undefined && isLabel(target)) asm.callLabel(target);
    else asm.call(rm(target));
  },
  ret: (asm, { operands: [pop] }) => asm.ret(pop !== undefined && isImm(pop) ? pop.value : 0),
  cdq: (asm) => asm.cdq(), ud2: (asm) => asm.ud2(), rep_movsb: (asm) => asm.repMovsb(), rep_stosb: (asm) => asm.repStosb(),
  std: (asm) => asm.std(), cld: (asm) => asm.cld(), nop: (asm) => asm.nop(),
};

/** Encode a function's final MIR at the assembler's current position. */
export function emit(asm: Assembler, code: readonly MirInstruction[]): void {
  for (const instruction of code) emitters[instruction.op](asm, instruction);
}
