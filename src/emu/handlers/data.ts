/**
 * Data movement: mov (all forms, moffs included: the decoder turns A0-A3 into a ModRM-style
 * memory operand with reg 0), movzx, movsx, lea, xchg, push, pop, pushfd, popfd, pushad, popad,
 * cbw/cwde, cwd/cdq, setcc, cmovcc, lahf, sahf, xlat.
 */
import {
  AF, CF, PF, POPF_MASK, SF, ZF, condition, getEflags, materialize, setEflags,
} from "../flags.js";
import type { Handler } from "../instruction.js";
import {
  effectiveAddress, pop, pop32, push, push32, readRegister, readRm, signExtend, writeRegister, writeRm,
} from "../operands.js";

/** mov r/m, reg (88, 89). */
export const movRmReg: Handler = (m, i) => {
  writeRm(m, i, i.operandSize, readRegister(m, i.reg, i.operandSize));
};

/** mov reg, r/m (8A, 8B). */
export const movRegRm: Handler = (m, i) => {
  writeRegister(m, i.reg, i.operandSize, readRm(m, i, i.operandSize));
};

/** mov r/m, imm (C6 /0, C7 /0). */
export const movRmImmediate: Handler = (m, i) => {
  writeRm(m, i, i.operandSize, i.immediate);
};

/** mov reg, imm (B0+r, B8+r). */
export const movRegImmediate: Handler = (m, i) => {
  writeRegister(m, i.reg, i.operandSize, i.immediate);
};

/** movzx reg, r/m8 (0F B6) and r/m16 (0F B7). */
export const movzx: Handler = (m, i) => {
  const value = readRm(m, i, i.opcode === 0x0fb6 ? 1 : 2);
  writeRegister(m, i.reg, i.operandSize, value);
};

/** movsx reg, r/m8 (0F BE) and r/m16 (0F BF). */
export const movsx: Handler = (m, i) => {
  const sourceSize = i.opcode === 0x0fbe ? 1 : 2;
  writeRegister(m, i.reg, i.operandSize, signExtend(readRm(m, i, sourceSize), sourceSize) & (i.operandSize === 2 ? 0xffff : -1));
};

/** lea reg, m (8D). */
export const lea: Handler = (m, i) => {
  writeRegister(m, i.reg, i.operandSize, effectiveAddress(m, i));
};

/** xchg r/m, reg (86, 87) and xchg eAX, reg (91-97: rm is EAX). */
export const xchg: Handler = (m, i) => {
  const size = i.operandSize;
  const value = readRm(m, i, size);
  writeRm(m, i, size, readRegister(m, i.reg, size));
  writeRegister(m, i.reg, size, value);
};

/** push reg (50+r). */
export const pushRegister: Handler = (m, i) => {
  push(m, readRegister(m, i.reg, i.operandSize), i.operandSize);
};

/** pop reg (58+r). */
export const popRegister: Handler = (m, i) => {
  writeRegister(m, i.reg, i.operandSize, pop(m, i.operandSize));
};

/** push imm (68, 6A). */
export const pushImmediate: Handler = (m, i) => {
  push(m, i.immediate, i.operandSize);
};

/** push r/m (FF /6). */
export const pushRm: Handler = (m, i) => {
  push(m, readRm(m, i, i.operandSize), i.operandSize);
};

/** pop r/m (8F /0): the address is computed after ESP has been incremented. */
export const popRm: Handler = (m, i) => {
  const size = i.operandSize;
  const esp = m.regs[4];
  const value = pop(m, size);
  try {
    writeRm(m, i, size, value);
  } catch (fault) {
    m.regs[4] = esp;
    throw fault;
  }
};

/** pushfd (9C). VM and RF read as zero. */
export const pushf: Handler = (m, i) => {
  push(m, getEflags(m) & 0xfcffff, i.operandSize);
};

/** popfd (9D): only the user-changeable flags change. */
export const popf: Handler = (m, i) => {
  const value = pop(m, i.operandSize);
  const mask = i.operandSize === 2 ? POPF_MASK & 0xffff : POPF_MASK;
  materialize(m);
  setEflags(m, (m.eflags & ~mask) | (value & mask));
};

/** pushad / pushaw (60): EAX ECX EDX EBX, the original ESP, EBP ESI EDI. */
export const pusha: Handler = (m, i) => {
  const size = i.operandSize;
  const esp = m.regs[4];
  for (let register = 0; register < 8; register++) {
    push(m, register === 4 ? esp : readRegister(m, register, size), size);
  }
};

/** popad / popaw (61): the saved ESP is skipped. */
export const popa: Handler = (m, i) => {
  const size = i.operandSize;
  for (let register = 7; register >= 0; register--) {
    const value = pop(m, size);
    if (register !== 4) writeRegister(m, register, size, value);
  }
};

/** cbw (66 98) / cwde (98). */
export const convertAccumulator: Handler = (m, i) => {
  if (i.operandSize === 2) writeRegister(m, 0, 2, signExtend(m.regs[0] & 0xff, 1) & 0xffff);
  else m.regs[0] = signExtend(m.regs[0] & 0xffff, 2);
};

/** cwd (66 99) / cdq (99). */
export const convertToDouble: Handler = (m, i) => {
  if (i.operandSize === 2) writeRegister(m, 2, 2, (signExtend(m.regs[0] & 0xffff, 2) >> 16) & 0xffff);
  else m.regs[2] = m.regs[0] >> 31;
};

/** setcc r/m8 (0F 90+cc). */
export const setcc: Handler = (m, i) => {
  writeRm(m, i, 1, condition(m, i.operation) ? 1 : 0);
};

/** cmovcc reg, r/m (0F 40+cc): the source is read (and may fault) even when not moved. */
export const cmovcc: Handler = (m, i) => {
  const value = readRm(m, i, i.operandSize);
  if (condition(m, i.operation)) writeRegister(m, i.reg, i.operandSize, value);
};

/** lahf (9F): AH = SF ZF 0 AF 0 PF 1 CF. */
export const lahf: Handler = (m) => {
  writeRegister(m, 4, 1, (getEflags(m) & (SF | ZF | AF | PF | CF)) | 2);
};

/** sahf (9E): SF ZF AF PF CF from AH. */
export const sahf: Handler = (m) => {
  const mask = SF | ZF | AF | PF | CF;
  materialize(m);
  setEflags(m, (m.eflags & ~mask) | (readRegister(m, 4, 1) & mask));
};

/** xlat (D7): AL = [EBX + AL]. */
export const xlat: Handler = (m) => {
  writeRegister(m, 0, 1, m.memory.read8((m.regs[3] + (m.regs[0] & 0xff)) | 0));
};

