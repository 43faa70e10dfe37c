/**
 * Integer arithmetic and logic: add or adc sbb and sub xor cmp (the eight "ALU" operations,
 * numbered as in the opcode map), test, inc, dec, neg, not, xadd, cmpxchg, and the flag
 * instructions clc stc cmc cld std; cmpxchg8b. Flags are recorded lazily (flags.ts).
 */
import {
  CF, DF, FLAGS_ADC, FLAGS_ADD, FLAGS_DEC, FLAGS_INC, FLAGS_LOGIC, FLAGS_SBB, FLAGS_SUB,
  SIGN_BIT, SIZE_MASK, ZF, getCF, materialize, setLazy,
} from "../flags.js";
import type { Handler } from "../instruction.js";
import type { Machine } from "../machine.js";
import {
  effectiveAddress, readMemory, readRegister, readRm, writeMemory, writeRegister, writeRm,
} from "../operands.js";

export const ALU_ADD = 0;
export const ALU_OR = 1;
export const ALU_ADC = 2;
export const ALU_SBB = 3;
export const ALU_AND = 4;
export const ALU_SUB = 5;
export const ALU_XOR = 6;
export const ALU_CMP = 7;

/** Computes `a op b` for ALU operation `op`, records the flags, returns the masked result. */
export function alu(m: Machine, op: number, size: number, a: number, b: number): number {
  const mask = SIZE_MASK[size];
  let result: number;
  switch (op) {
    case ALU_ADD:
      result = (a + b) & mask;
      setLazy(m, FLAGS_ADD, size, a, b, result);
      return result;
    case ALU_OR:
      result = (a | b) & mask;
      break;
    case ALU_ADC: {
      const carry = getCF(m);
      result = (a + b + carry) & mask;
      setLazy(m, carry ? FLAGS_ADC : FLAGS_ADD, size, a, b, result);
      return result;
    }
    case ALU_SBB: {
      const borrow = getCF(m);
      result = (a - b - borrow) & mask;
      setLazy(m, borrow ? FLAGS_SBB : FLAGS_SUB, size, a, b, result);
      return result;
    }
    case ALU_AND:
      result = a & b & mask;
      break;
    case ALU_XOR:
      result = (a ^ b) & mask;
      break;
    default: // SUB, CMP
      result = (a - b) & mask;
      setLazy(m, FLAGS_SUB, size, a, b, result);
      return result;
  }
  setLazy(m, FLAGS_LOGIC, size, a, b, result);
  return result;
}

/** op r/m, reg (opcodes 00, 01, 08, 09, ... 38, 39). */
export const aluRmReg: Handler = (m, i) => {
  const size = i.operandSize;
  const b = readRegister(m, i.reg, size);
  if (!i.isMemory) {
    const result = alu(m, i.operation, size, readRegister(m, i.rm, size), b);
    if (i.operation !== ALU_CMP) writeRegister(m, i.rm, size, result);
    return;
  }
  const address = effectiveAddress(m, i);
  const result = alu(m, i.operation, size, readMemory(m, address, size), b);
  if (i.operation !== ALU_CMP) writeMemory(m, address, size, result);
};

/** op reg, r/m (opcodes 02, 03, 0A, 0B, ... 3A, 3B). */
export const aluRegRm: Handler = (m, i) => {
  const size = i.operandSize;
  const result = alu(m, i.operation, size, readRegister(m, i.reg, size), readRm(m, i, size));
  if (i.operation !== ALU_CMP) writeRegister(m, i.reg, size, result);
};

/** op AL/AX/EAX, imm (opcodes 04, 05, ... 3C, 3D). */
export const aluAccumulatorImmediate: Handler = (m, i) => {
  const size = i.operandSize;
  const result = alu(m, i.operation, size, readRegister(m, 0, size), i.immediate);
  if (i.operation !== ALU_CMP) writeRegister(m, 0, size, result);
};

/** op r/m, imm (group 1: opcodes 80, 81, 83). */
export const aluRmImmediate: Handler = (m, i) => {
  const size = i.operandSize;
  if (!i.isMemory) {
    const result = alu(m, i.operation, size, readRegister(m, i.rm, size), i.immediate);
    if (i.operation !== ALU_CMP) writeRegister(m, i.rm, size, result);
    return;
  }
  const address = effectiveAddress(m, i);
  const result = alu(m, i.operation, size, readMemory(m, address, size), i.immediate);
  if (i.operation !== ALU_CMP) writeMemory(m, address, size, result);
};

/** test r/m, reg (84, 85). */
export const testRmReg: Handler = (m, i) => {
  const size = i.operandSize;
  const result = readRm(m, i, size) & readRegister(m, i.reg, size);
  setLazy(m, FLAGS_LOGIC, size, 0, 0, result);
};

/** test r/m, imm (F6 /0, F7 /0) and test AL/AX/EAX, imm (A8, A9: rm is 0). */
export const testRmImmediate: Handler = (m, i) => {
  const size = i.operandSize;
  setLazy(m, FLAGS_LOGIC, size, 0, 0, readRm(m, i, size) & i.immediate);
};

export const testAccumulatorImmediate: Handler = (m, i) => {
  const size = i.operandSize;
  setLazy(m, FLAGS_LOGIC, size, 0, 0, readRegister(m, 0, size) & i.immediate);
};

/** Keeps CF across INC / DEC, which record their other flags lazily. */
function keepCarry(m: Machine): void {
  const carry = getCF(m);
  m.eflags = (m.eflags & ~CF) | carry;
}

function incDec(m: Machine, size: number, a: number, decrement: boolean): number {
  keepCarry(m);
  const result = (decrement ? a - 1 : a + 1) & SIZE_MASK[size];
  setLazy(m, decrement ? FLAGS_DEC : FLAGS_INC, size, a, 1, result);
  return result;
}

/** inc / dec reg (40+r, 48+r). */
export const incDecRegister: Handler = (m, i) => {
  const size = i.operandSize;
  writeRegister(m, i.reg, size, incDec(m, size, readRegister(m, i.reg, size), i.operation === 1));
};

/** inc / dec r/m (FE /0 /1, FF /0 /1). */
export const incDecRm: Handler = (m, i) => {
  const size = i.operandSize;
  if (!i.isMemory) {
    writeRegister(m, i.rm, size, incDec(m, size, readRegister(m, i.rm, size), i.operation === 1));
    return;
  }
  const address = effectiveAddress(m, i);
  writeMemory(m, address, size, incDec(m, size, readMemory(m, address, size), i.operation === 1));
};

/** not r/m (F6 /2, F7 /2): no flags. */
export const notRm: Handler = (m, i) => {
  const size = i.operandSize;
  if (!i.isMemory) return writeRegister(m, i.rm, size, ~readRegister(m, i.rm, size) & SIZE_MASK[size]);
  const address = effectiveAddress(m, i);
  writeMemory(m, address, size, ~readMemory(m, address, size) & SIZE_MASK[size]);
};

/** neg r/m (F6 /3, F7 /3): flags as SUB 0 - x. */
export const negRm: Handler = (m, i) => {
  const size = i.operandSize;
  const address = i.isMemory ? effectiveAddress(m, i) : 0;
  const value = i.isMemory ? readMemory(m, address, size) : readRegister(m, i.rm, size);
  const result = (0 - value) & SIZE_MASK[size];
  setLazy(m, FLAGS_SUB, size, 0, value, result);
  if (i.isMemory) writeMemory(m, address, size, result);
  else writeRegister(m, i.rm, size, result);
};

/** xadd r/m, reg (0F C0, 0F C1): reg gets the old destination, destination the sum. */
export const xadd: Handler = (m, i) => {
  const size = i.operandSize;
  const address = i.isMemory ? effectiveAddress(m, i) : 0;
  const destination = i.isMemory ? readMemory(m, address, size) : readRegister(m, i.rm, size);
  const sum = alu(m, ALU_ADD, size, destination, readRegister(m, i.reg, size));
  if (i.isMemory) {
    writeMemory(m, address, size, sum);
    writeRegister(m, i.reg, size, destination);
  } else {
    writeRegister(m, i.reg, size, destination);
    writeRegister(m, i.rm, size, sum);
  }
};

/** cmpxchg r/m, reg (0F B0, 0F B1): compares the accumulator with the destination. */
export const cmpxchg: Handler = (m, i) => {
  const size = i.operandSize;
  const address = i.isMemory ? effectiveAddress(m, i) : 0;
  const destination = i.isMemory ? readMemory(m, address, size) : readRegister(m, i.rm, size);
  alu(m, ALU_CMP, size, readRegister(m, 0, size), destination);
  if (m.flagsResult === 0) {
    const source = readRegister(m, i.reg, size);
    if (i.isMemory) writeMemory(m, address, size, source);
    else writeRegister(m, i.rm, size, source);
  } else {
    // The processor writes the destination back even when the comparison fails.
    if (i.isMemory) writeMemory(m, address, size, destination);
    writeRegister(m, 0, size, destination);
  }
};

/** cmpxchg8b m64 (0F C7 /1): compares EDX:EAX with m64; ZF is the only flag changed. */
export const cmpxchg8b: Handler = (m, i) => {
  const regs = m.regs;
  const address = effectiveAddress(m, i);
  const low = m.memory.read32(address);
  const high = m.memory.read32((address + 4) | 0);
  materialize(m);
  if (low === regs[0] && high === regs[2]) {
    m.memory.write32(address, regs[3]);
    m.memory.write32((address + 4) | 0, regs[1]);
    m.eflags |= ZF;
  } else {
    // As with cmpxchg, the destination is written back when the comparison fails.
    m.memory.write32(address, low);
    m.memory.write32((address + 4) | 0, high);
    regs[0] = low;
    regs[2] = high;
    m.eflags &= ~ZF;
  }
};

function flagHandler(clear: number, set: number, toggle: number): Handler {
  const status = ((clear | set | toggle) & CF) !== 0;
  return (m) => {
    if (status) materialize(m);
    m.eflags = ((m.eflags & ~clear) | set) ^ toggle;
  };
}

export const clc = flagHandler(CF, 0, 0);
export const stc = flagHandler(0, CF, 0);
export const cmc = flagHandler(0, 0, CF);
export const cld = flagHandler(DF, 0, 0);
export const std = flagHandler(0, DF, 0);
