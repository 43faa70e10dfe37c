/**
 * Appending MIR instructions: the lowering's view of the machine. The methods mirror the
 * encoder's (same names, same operand order) but record an instruction instead of bytes, and
 * take virtual registers wherever x86 takes an r/m operand. A shift by a variable count is
 * written with ecx as its count operand (the cl constraint, ops.ts).
 */
import { Reg, type Cond } from "../x86/registers.js";
import type { Imm, Mem } from "../x86/operands.js";
import type { AluOp, Label, ShiftOp, Size, UnaryOp } from "../x86/encoder.js";
import { type MirInstruction, type MirOp, type Operand, type VReg, instruction } from "./mir.js";

/** A register or memory operand as lowering writes it: physical, virtual, or memory. */
export type RegOrMemOperand = Reg | VReg | Mem;
export type ValueOperand = RegOrMemOperand | Imm;

export function newLabel(): Label {
  return { position: -1, uses: [] };
}

export class MirBuilder {
  readonly code: MirInstruction[] = [];
  /** Source index given to every instruction appended (see MirInstruction.source). */
  source: number | undefined;

  private add(op: MirOp, size: Size, operands: Operand[]): void {
    this.code.push(instruction(op, size, operands, undefined, false, false, this.source));
  }

  /** mov dst, src; `elidable`: see MirInstruction. */
  mov(size: Size, dst: RegOrMemOperand, src: ValueOperand, elidable = false): void {
    this.code.push(instruction("mov", size, [dst, src], undefined, false, elidable, this.source));
  }

  alu(op: AluOp, size: Size, dst: RegOrMemOperand, src: ValueOperand): void { this.add(op, size, [dst, src]); }
  test(size: Size, dst: RegOrMemOperand, src: Reg | Imm): void { this.add("test", size, [dst, src]); }
  lea(dst: Reg, address: Mem): void { this.add("lea", 32, [dst, address]); }

  /** movzx/movsx dst, r/m8 or r/m16 */
  extend(signed: boolean, dst: Reg, fromSize: 8 | 16, src: RegOrMemOperand): void {
    this.add(signed ? "movsx" : "movzx", fromSize, [dst, src]);
  }

  /** imul dst, src or imul dst, src, imm */
  imul(dst: Reg, src: RegOrMemOperand, imm?: number): void {
    this.add("imul", 32, imm === undefined ? [dst, src] : [dst, src, { value: imm }]);
  }

  shift(op: ShiftOp, size: Size, dst: RegOrMemOperand, count: "cl" | number): void {
    this.add(op, size, [dst, count === "cl" ? Reg.ecx : { value: count }]);
  }

  /** shld/shrd dst, src, cl|imm8 */
  doubleShift(left: boolean, dst: RegOrMemOperand, src: Reg, count: "cl" | number): void {
    this.add(left ? "shld" : "shrd", 32, [dst, src, count === "cl" ? Reg.ecx : { value: count }]);
  }

  unary(op: Exclude<UnaryOp, "imul">, size: Size, operand: RegOrMemOperand): void { this.add(op, size, [operand]); }

  setcc(cond: Cond, dst: RegOrMemOperand): void {
    this.code.push(instruction("setcc", 8, [dst], cond, false, false, this.source));
  }

  /** bsf (forward=true) or bsr dst, src */
  bitScan(forward: boolean, dst: Reg, src: RegOrMemOperand): void { this.add(forward ? "bsf" : "bsr", 32, [dst, src]); }
  bswap(reg: Reg): void { this.add("bswap", 32, [reg]); }
  push(operand: ValueOperand): void { this.add("push", 32, [operand]); }
  pop(reg: Reg): void { this.add("pop", 32, [reg]); }

  newLabel(): Label { return newLabel(); }
  bind(label: Label): void { this.add("label", 32, [label]); }

  jmp(label: Label, short = false): void {
    this.code.push(instruction("jmp", 32, [label], undefined, short, false, this.source));
  }

  jcc(cond: Cond, label: Label, short = false): void {
    this.code.push(instruction("jcc", 32, [label], cond, short, false, this.source));
  }

  callLabel(label: Label): void { this.add("call", 32, [label]); }
  /** call r/m32 */
  call(target: RegOrMemOperand): void { this.add("call", 32, [target]); }
  /** jmp r/m32 */
  jmpIndirect(target: RegOrMemOperand): void { this.add("jmp", 32, [target]); }
  ret(popBytes = 0): void { this.add("ret", 32, popBytes === 0 ? [] : [{ value: popBytes }]); }

  cdq(): void { this.add("cdq", 32, []); }
  ud2(): void { this.add("ud2", 32, []); }
  repMovsb(): void { this.add("rep_movsb", 8, []); }
  repStosb(): void { this.add("rep_stosb", 8, []); }
  std(): void { this.add("std", 32, []); }
  cld(): void { this.add("cld", 32, []); }
  nop(): void { this.add("nop", 32, []); }
}
