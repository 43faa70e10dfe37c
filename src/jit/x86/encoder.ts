/**
 * The x86-32 encoder: an assembler with labels and relocations, writing into a growable
 * byte buffer. Instruction forms come from tables (Intel SDM vol. 2, one-byte opcode map):
 * the eight ALU operations share one pattern (00+8*op r/m,r; 02+8*op r,r/m; 80/81/83 /op imm),
 * shifts share D1/D3/C1 /op, the F6/F7 group carries not/neg/mul/imul/div/idiv.
 * ModRM/SIB rules: esp as a base needs a SIB byte, ebp as a base needs a displacement
 * (mod=01 disp8 0), an absolute address is mod=00 rm=101 disp32, and disp8 is used whenever
 * the displacement fits in a signed byte and carries no relocation.
 * It only encodes: choosing instructions and removing redundant ones happen on the MIR before
 * (mir/peephole.ts).
 */
import { assert } from "../../errors.js";
import { Cond, Reg, hasByteForm } from "./registers.js";
import { type Imm, type Mem, type Symbol, fitsInt8 } from "./operands.js";

export type Size = 8 | 16 | 32;
export type RegOrMem = Reg | Mem;

export const aluOps = { add: 0, or: 1, adc: 2, sbb: 3, and: 4, sub: 5, xor: 6, cmp: 7 } as const;
export type AluOp = keyof typeof aluOps;

export const shiftOps = { rol: 0, ror: 1, rcl: 2, rcr: 3, shl: 4, shr: 5, sar: 7 } as const;
export type ShiftOp = keyof typeof shiftOps;

export const unaryOps = { not: 2, neg: 3, mul: 4, imul: 5, div: 6, idiv: 7 } as const;
export type UnaryOp = keyof typeof unaryOps;

export interface Label { position: number; uses: { at: number; size: 1 | 4 }[] }
export interface Relocation { at: number; symbol: Symbol }

function isReg(operand: RegOrMem): operand is Reg {
  return typeof operand === "number";
}

export class Assembler {
  bytes = new Uint8Array(4096);
  length = 0;
  readonly relocations: Relocation[] = [];
  get position(): number { return this.length; }

  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(value: number): void {
    this.ensure(1);
    this.bytes[this.length++] = value & 0xff;
  }

  word(value: number): void {
    this.byte(value);
    this.byte(value >> 8);
  }

  dword(value: number): void {
    this.ensure(4);
    const at = this.length;
    this.bytes[at] = value & 0xff;
    this.bytes[at + 1] = (value >>> 8) & 0xff;
    this.bytes[at + 2] = (value >>> 16) & 0xff;
    this.bytes[at + 3] = (value >>> 24) & 0xff;
    this.length += 4;
  }

  /** A 32-bit field that the linker will add a symbol's final address to. */
  dwordSymbol(value: number, symbol: Symbol | undefined): void {
    if (symbol !== undefined) this.relocations.push({ at: this.length, symbol });
    this.dword(value);
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  // ---- ModRM / SIB ----

  private modrm(reg: number, operand: RegOrMem): void {
    if (isReg(operand)) {
      this.byte(0xc0 | (reg << 3) | operand);
      return;
    }
    const { base, index, disp, symbol } = operand;
    const scaleBits = [0, 0, 1, 0, 2, 0, 0, 0, 3][operand.scale ?? 1]!;
    if (base === undefined && index === undefined) {
      this.byte((reg << 3) | 5);
      this.dwordSymbol(disp, symbol);
      return;
    }
    if (index !== undefined) assert(index !== Reg.esp, "esp cannot be an index register");
    if (base === undefined) {
      this.byte((reg << 3) | 4);
      this.byte((scaleBits << 6) | (index! << 3) | 5);
      this.dwordSymbol(disp, symbol);
      return;
    }
    const mod = symbol === undefined && disp === 0 && base !== Reg.ebp ? 0
      : symbol === undefined && fitsInt8(disp) ? 1 : 2;
    if (index === undefined && base !== Reg.esp) {
      this.byte((mod << 6) | (reg << 3) | base);
    } else {
      this.byte((mod << 6) | (reg << 3) | 4);
      this.byte((scaleBits << 6) | ((index ?? Reg.esp) << 3) | base);
    }
    if (mod === 1) this.byte(disp);
    if (mod === 2) this.dwordSymbol(disp, symbol);
  }

  private prefix(size: Size): void {
    if (size === 16) this.byte(0x66);
  }

  private checkByte(size: Size, operand: RegOrMem): void {
    if (size === 8 && isReg(operand)) assert(hasByteForm(operand), "no 8-bit form of this register on i386");
  }

  private immediate(size: Size, imm: Imm): void {
    if (size === 8) this.byte(imm.value);
    else if (size === 16) this.word(imm.value);
    else this.dwordSymbol(imm.value, imm.symbol);
  }

  // ---- two-operand forms ----

  /** add/or/adc/sbb/and/sub/xor/cmp dst, src */
  alu(op: AluOp, size: Size, dst: RegOrMem, src: RegOrMem | Imm): void {
    const code = aluOps[op];
    this.checkByte(size, dst);
    this.prefix(size);
    if (typeof src === "object" && "value" in src) {
      const short = size !== 8 && src.symbol === undefined && fitsInt8(src.value | 0);
      if (size === 8) this.byte(0x80);
      else this.byte(short ? 0x83 : 0x81);
      this.modrm(code, dst);
      if (short) this.byte(src.value);
      else this.immediate(size, src);
      return;
    }
    const wide = size === 8 ? 0 : 1;
    if (isReg(src)) {
      this.checkByte(size, src);
      this.byte(code * 8 + wide);
      this.modrm(src, dst);
    } else {
      assert(isReg(dst), "alu: two memory operands");
      this.byte(code * 8 + 2 + wide);
      this.modrm(dst, src);
    }
  }

  /** mov dst, src */
  mov(size: Size, dst: RegOrMem, src: RegOrMem | Imm): void {
    this.checkByte(size, dst);
    this.prefix(size);
    const wide = size === 8 ? 0 : 1;
    if (typeof src === "object" && "value" in src) {
      if (isReg(dst)) {
        this.byte((size === 8 ? 0xb0 : 0xb8) + dst);
      } else {
        this.byte(0xc6 + wide);
        this.modrm(0, dst);
      }
      this.immediate(size, src);
      return;
    }
    if (isReg(src)) {
      this.checkByte(size, src);
      this.byte(0x88 + wide);
      this.modrm(src, dst);
    } else {
      assert(isReg(dst), "mov: two memory operands");
      this.byte(0x8a + wide);
      this.modrm(dst, src);
    }
  }

  test(size: Size, dst: RegOrMem, src: Reg | Imm): void {
    this.checkByte(size, dst);
    this.prefix(size);
    const wide = size === 8 ? 0 : 1;
    if (typeof src === "object") {
      this.byte(0xf6 + wide);
      this.modrm(0, dst);
      this.immediate(size, src);
    } else {
      this.checkByte(size, src);
      this.byte(0x84 + wide);
      this.modrm(src, dst);
    }
  }

  lea(dst: Reg, address: Mem): void {
    this.byte(0x8d);
    this.modrm(dst, address);
  }

  /** movzx/movsx dst, r/m8 or r/m16 */
  extend(signed: boolean, dst: Reg, fromSize: 8 | 16, src: RegOrMem): void {
    this.checkByte(fromSize, src);
    this.byte(0x0f);
    this.byte((signed ? 0xbe : 0xb6) + (fromSize === 16 ? 1 : 0));
    this.modrm(dst, src);
  }

  /** imul dst, src (0F AF) or imul dst, src, imm (6B/69) */
  imul(dst: Reg, src: RegOrMem, imm?: number): void {
    if (imm === undefined) {
      this.byte(0x0f);
      this.byte(0xaf);
      this.modrm(dst, src);
    } else if (fitsInt8(imm | 0)) {
      this.byte(0x6b);
      this.modrm(dst, src);
      this.byte(imm);
    } else {
      this.byte(0x69);
      this.modrm(dst, src);
      this.dword(imm);
    }
  }

  // ---- one-operand forms ----

  shift(op: ShiftOp, size: Size, dst: RegOrMem, count: "cl" | number): void {
    this.checkByte(size, dst);
    this.prefix(size);
    const wide = size === 8 ? 0 : 1;
    if (count === "cl") {
      this.byte(0xd2 + wide);
      this.modrm(shiftOps[op], dst);
    } else if (count === 1) {
      this.byte(0xd0 + wide);
      this.modrm(shiftOps[op], dst);
    } else {
      this.byte(0xc0 + wide);
      this.modrm(shiftOps[op], dst);
      this.byte(count);
    }
  }

  /** shld/shrd dst, src, cl|imm8 */
  doubleShift(left: boolean, dst: RegOrMem, src: Reg, count: "cl" | number): void {
    this.byte(0x0f);
    const opcode = left ? 0xa4 : 0xac;
    this.byte(count === "cl" ? opcode + 1 : opcode);
    this.modrm(src, dst);
    if (count !== "cl") this.byte(count);
  }

  unary(op: UnaryOp, size: Size, operand: RegOrMem): void {
    this.checkByte(size, operand);
    this.prefix(size);
    this.byte(size === 8 ? 0xf6 : 0xf7);
    this.modrm(unaryOps[op], operand);
  }

  setcc(cond: Cond, dst: RegOrMem): void {
    this.checkByte(8, dst);
    this.byte(0x0f);
    this.byte(0x90 + cond);
    this.modrm(0, dst);
  }

  /** bsf (forward=true) or bsr dst, src */
  bitScan(forward: boolean, dst: Reg, src: RegOrMem): void {
    this.byte(0x0f);
    this.byte(forward ? 0xbc : 0xbd);
    this.modrm(dst, src);
  }

  bswap(reg: Reg): void {
    this.byte(0x0f);
    this.byte(0xc8 + reg);
  }

  push(operand: Reg | Mem | Imm): void {
    if (typeof operand === "number") {
      this.byte(0x50 + operand);
    } else if ("value" in operand) {
      if (operand.symbol === undefined && fitsInt8(operand.value | 0)) {
        this.byte(0x6a);
        this.byte(operand.value);
      } else {
        this.byte(0x68);
        this.dwordSymbol(operand.value, operand.symbol);
      }
    } else {
      this.byte(0xff);
      this.modrm(6, operand);
    }
  }

  pop(reg: Reg): void {
    this.byte(0x58 + reg);
  }

  // ---- control flow ----

  newLabel(): Label {
    return { position: -1, uses: [] };
  }

  bind(label: Label): void {
    assert(label.position < 0, "label bound twice");
    label.position = this.length;
    for (const use of label.uses) this.patch(use.at, use.size, label.position);
  }

  private patch(at: number, size: 1 | 4, target: number): void {
    const delta = target - (at + size);
    if (size === 1) {
      assert(fitsInt8(delta), "short branch out of range");
      this.bytes[at] = delta & 0xff;
    } else {
      this.bytes[at] = delta & 0xff;
      this.bytes[at + 1] = (delta >>> 8) & 0xff;
      this.bytes[at + 2] = (delta >>> 16) & 0xff;
      this.bytes[at + 3] = (delta >>> 24) & 0xff;
    }
  }

  private branchTarget(label: Label, size: 1 | 4): void {
    const at = this.length;
    if (size === 1) this.byte(0);
    else this.dword(0);
    if (label.position >= 0) this.patch(at, size, label.position);
    else label.uses.push({ at, size });
  }

  /** Short form when the label is bound and near, or when `short` promises a near forward target. */
  private isShort(label: Label, instructionLength: number, short: boolean): boolean {
    if (label.position < 0) return short;
    return fitsInt8(label.position - (this.length + instructionLength));
  }

  jmp(label: Label, short = false): void {
    if (this.isShort(label, 2, short)) {
      this.byte(0xeb);
      this.branchTarget(label, 1);
    } else {
      this.byte(0xe9);
      this.branchTarget(label, 4);
    }
  }

  jcc(cond: Cond, label: Label, short = false): void {
    if (this.isShort(label, 2, short)) {
      this.byte(0x70 + cond);
      this.branchTarget(label, 1);
    } else {
      this.byte(0x0f);
      this.byte(0x80 + cond);
      this.branchTarget(label, 4);
    }
  }

  callLabel(label: Label): void {
    this.byte(0xe8);
    this.branchTarget(label, 4);
  }

  /** call r/m32 (FF /2) */
  call(target: RegOrMem): void {
    this.byte(0xff);
    this.modrm(2, target);
  }

  /** jmp r/m32 (FF /4) */
  jmpIndirect(target: RegOrMem): void {
    this.byte(0xff);
    this.modrm(4, target);
  }

  ret(popBytes = 0): void {
    if (popBytes === 0) {
      this.byte(0xc3);
    } else {
      this.byte(0xc2);
      this.word(popBytes);
    }
  }

  // ---- fixed encodings ----
  cdq(): void { this.byte(0x99); }
  ud2(): void { this.byte(0x0f); this.byte(0x0b); }
  repMovsb(): void { this.byte(0xf3); this.byte(0xa4); }
  repStosb(): void { this.byte(0xf3); this.byte(0xaa); }
  std(): void { this.byte(0xfd); }
  cld(): void { this.byte(0xfc); }
  nop(): void { this.byte(0x90); }
}
