/**
 * Emission, the last pass: each MIR instruction, by then over physical registers, immediates,
 * memory and labels only, becomes one encoder call (a table keyed by mnemonic). The encoder
 * binds labels and patches branches; this pass makes no decisions of its own. When asked, it
 * also notes where each run of instructions from one source location starts (`LineRow`), the
 * raw material of the ELF's line table (src/jit/debug-line.ts).
 */
import { assert } from "../../errors.js";
import type { Reg } from "../x86/registers.js";
import type { Imm } from "../x86/operands.js";
import { Assembler, type AluOp, type Label, type RegOrMem, type ShiftOp, type UnaryOp } from "../x86/encoder.js";
import { type MirInstruction, type MirOp, type Operand, isImm, isLabel, isMem, isPhysical } from "./mir.js";

function rm(operand: Operand | undefined): RegOrMem {
  assert(operand !== undefined && (isPhysical(operand) || isMem(operand)), "emit: expected a register or memory operand");
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

const alu: Emitter = (asm, { op, size, operands }) => asm.alu(op as AluOp, size, rm(operands[0]), rmOrImm(operands[1]));
const shift: Emitter = (asm, { op, size, operands }) => asm.shift(op as ShiftOp, size, rm(operands[0]), count(operands[1]));
const unary: Emitter = (asm, { op, size, operands }) => asm.unary(op as UnaryOp, size, rm(operands[0]));
const extend: Emitter = (asm, { op, size, operands }) => asm.extend(op === "movsx", reg(operands[0]), size === 16 ? 16 : 8, rm(operands[1]));
const doubleShift: Emitter = (asm, { op, operands }) => asm.doubleShift(op === "shld", rm(operands[0]), reg(operands[1]), count(operands[2]));
const bitScan: Emitter = (asm, { op, operands }) => asm.bitScan(op === "bsf", reg(operands[0]), rm(operands[1]));

const emitters: Record<MirOp, Emitter> = {
  mov: (asm, { size, operands }) => asm.mov(size, rm(operands[0]), rmOrImm(operands[1])),
  add: alu, or: alu, adc: alu, sbb: alu, and: alu, sub: alu, xor: alu, cmp: alu,
  test: (asm, { size, operands }) => {
    const source = rmOrImm(operands[1]);
    assert(typeof source === "number" || "value" in source, "emit: test with a memory source");
    asm.test(size, rm(operands[0]), source);
  },
  lea: (asm, { operands }) => {
    const source = rm(operands[1]);
    assert(!isPhysical(source), "emit: lea of a register");
    asm.lea(reg(operands[0]), source);
  },
  movzx: extend, movsx: extend,
  imul: (asm, { operands }) => {
    const imm = operands[2];
    asm.imul(reg(operands[0]), rm(operands[1]), imm !== undefined && isImm(imm) ? imm.value : undefined);
  },
  rol: shift, ror: shift, rcl: shift, rcr: shift, shl: shift, shr: shift, sar: shift,
  shld: doubleShift, shrd: doubleShift,
  not: unary, neg: unary, mul: unary, div: unary, idiv: unary,
  setcc: (asm, { cond, operands }) => asm.setcc(cond!, rm(operands[0])),
  bsf: bitScan, bsr: bitScan,
  bswap: (asm, { operands }) => asm.bswap(reg(operands[0])),
  push: (asm, { operands }) => asm.push(rmOrImm(operands[0])),
  pop: (asm, { operands }) => asm.pop(reg(operands[0])),
  label: (asm, { operands }) => asm.bind(label(operands[0])),
  jmp: (asm, { operands, short }) => {
    const target = operands[0];
    if (target !== undefined && isLabel(target)) asm.jmp(target, short);
    else asm.jmpIndirect(rm(target));
  },
  jcc: (asm, { cond, operands, short }) => asm.jcc(cond!, label(operands[0]), short),
  call: (asm, { operands }) => {
    const target = operands[0];
    if (target !== undefined && isLabel(target)) asm.callLabel(target);
    else asm.call(rm(target));
  },
  ret: (asm, { operands }) => {
    const pop = operands[0];
    asm.ret(pop !== undefined && isImm(pop) ? pop.value : 0);
  },
  cdq: (asm) => asm.cdq(), ud2: (asm) => asm.ud2(), rep_movsb: (asm) => asm.repMovsb(), rep_stosb: (asm) => asm.repStosb(),
  std: (asm) => asm.std(), cld: (asm) => asm.cld(), nop: (asm) => asm.nop(),
};

/** Where the code of a source index starts: an offset in the assembler's buffer. */
export interface LineRow { readonly offset: number; readonly source: number }

/** Encode a function's final MIR at the assembler's current position; `rows` receives line rows. */
export function emit(asm: Assembler, code: readonly MirInstruction[], rows?: LineRow[]): void {
  let last: number | undefined;
  for (const instruction of code) {
    if (rows !== undefined && instruction.source !== undefined && instruction.source !== last && instruction.op !== "label") {
      rows.push({ offset: asm.position, source: instruction.source });
      last = instruction.source;
    }
    emitters[instruction.op](asm, instruction);
  }
}
