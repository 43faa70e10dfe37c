/**
 * Multiplication and division: mul, imul (one-, two- and three-operand forms), div, idiv.
 *
 * MUL / IMUL set CF = OF = "the high half is significant"; SF ZF AF PF are undefined: we take
 * SF ZF PF from the low half and clear AF, which keeps the flags lazy (this machine's AMD CPU
 * leaves them unchanged, which would cost a flags evaluation per multiply). DIV / IDIV leave all flags undefined (unchanged here)
 * and raise a divide error for a zero divisor or a quotient that does not fit (Intel SDM vol. 2).
 * 64-bit products and dividends are computed exactly (16-bit limbs, or BigInt when a 64-bit
 * dividend exceeds 2^53).
 */
import { FaultSignal } from "../faults.js";
import { CF, OF, SIZE_MASK, setPreset } from "../flags.js";
import type { Handler } from "../instruction.js";
import type { Machine } from "../machine.js";
import { readRegister, readRm, signExtend, writeRegister } from "../operands.js";

/** High 32 bits of the unsigned 64-bit product of two uint32 values, as int32. */
export function multiplyHighUnsigned(a: number, b: number): number {
  a >>>= 0;
  b >>>= 0;
  const aLow = a & 0xffff;
  const aHigh = a >>> 16;
  const bLow = b & 0xffff;
  const bHigh = b >>> 16;
  const lowLow = aLow * bLow;
  const lowHigh = aLow * bHigh;
  const highLow = aHigh * bLow;
  const middle = (lowLow >>> 16) + (lowHigh & 0xffff) + (highLow & 0xffff);
  return (aHigh * bHigh + (lowHigh >>> 16) + (highLow >>> 16) + (middle >>> 16)) | 0;
}

/** High 32 bits of the signed 64-bit product of two int32 values. */
export function multiplyHighSigned(a: number, b: number): number {
  let high = multiplyHighUnsigned(a, b);
  if (a < 0) high = (high - b) | 0;
  if (b < 0) high = (high - a) | 0;
  return high;
}

function multiplyFlags(m: Machine, size: number, low: number, overflow: boolean): void {
  setPreset(m, size, low & SIZE_MASK[size], overflow ? CF | OF : 0);
}

/** mul r/m (F6 /4, F7 /4): AX = AL * r/m8, DX:AX = AX * r/m16, EDX:EAX = EAX * r/m32. */
export const mul: Handler = (m, i) => {
  const size = i.operandSize;
  const source = readRm(m, i, size);
  const regs = m.regs;
  if (size === 4) {
    const high = multiplyHighUnsigned(regs[0], source);
    regs[0] = Math.imul(regs[0], source);
    regs[2] = high;
    return multiplyFlags(m, 4, regs[0], high !== 0);
  }
  const product = readRegister(m, 0, size) * source;
  if (size === 1) {
    writeRegister(m, 0, 2, product);
    return multiplyFlags(m, 1, product, product > 0xff);
  }
  writeRegister(m, 0, 2, product & 0xffff);
  writeRegister(m, 2, 2, product >>> 16);
  multiplyFlags(m, 2, product, product > 0xffff);
};

/** imul r/m (F6 /5, F7 /5): the signed one-operand form. */
export const imulOne: Handler = (m, i) => {
  const size = i.operandSize;
  const source = signExtend(readRm(m, i, size), size);
  const regs = m.regs;
  if (size === 4) {
    const high = multiplyHighSigned(regs[0], source);
    regs[0] = Math.imul(regs[0], source);
    regs[2] = high;
    return multiplyFlags(m, 4, regs[0], high !== regs[0] >> 31);
  }
  const product = signExtend(readRegister(m, 0, size), size) * source;
  const overflow = signExtend(product & SIZE_MASK[size], size) !== product;
  if (size === 1) writeRegister(m, 0, 2, product & 0xffff);
  else {
    writeRegister(m, 0, 2, product & 0xffff);
    writeRegister(m, 2, 2, (product >> 16) & 0xffff);
  }
  multiplyFlags(m, size, product, overflow);
};

/** Truncating signed multiply into a register (two- and three-operand IMUL). */
function imulInto(m: Machine, size: number, register: number, a: number, b: number): void {
  if (size === 4) {
    const low = Math.imul(a, b);
    m.regs[register] = low;
    // The double product is exact below 2^53; above, it cannot equal a 32-bit value anyway.
    return multiplyFlags(m, 4, low, a * b !== low);
  }
  const product = signExtend(a, 2) * signExtend(b, 2);
  writeRegister(m, register, 2, product & 0xffff);
  multiplyFlags(m, 2, product, signExtend(product & 0xffff, 2) !== product);
}

/** imul reg, r/m (0F AF). */
export const imulTwo: Handler = (m, i) => {
  const size = i.operandSize;
  imulInto(m, size, i.reg, readRegister(m, i.reg, size), readRm(m, i, size));
};

/** imul reg, r/m, imm (69, 6B). */
export const imulThree: Handler = (m, i) => {
  const size = i.operandSize;
  imulInto(m, size, i.reg, readRm(m, i, size), i.immediate);
};

function divideError(): never {
  throw new FaultSignal("divide-error");
}

/** div r/m (F6 /6, F7 /6): unsigned; quotient in AL/AX/EAX, remainder in AH/DX/EDX. */
export const div: Handler = (m, i) => {
  const size = i.operandSize;
  const divisor = readRm(m, i, size) >>> 0;
  if (divisor === 0) divideError();
  const regs = m.regs;
  if (size === 1) {
    const dividend = regs[0] & 0xffff;
    const quotient = Math.floor(dividend / divisor);
    if (quotient > 0xff) divideError();
    return writeRegister(m, 0, 2, ((dividend % divisor) << 8) | quotient);
  }
  if (size === 2) {
    const dividend = (regs[2] & 0xffff) * 0x10000 + (regs[0] & 0xffff);
    const quotient = Math.floor(dividend / divisor);
    if (quotient > 0xffff) divideError();
    writeRegister(m, 0, 2, quotient);
    return writeRegister(m, 2, 2, dividend % divisor);
  }
  const high = regs[2] >>> 0;
  if (high >= divisor) divideError();
  if (high < 0x200000) {
    const dividend = high * 0x100000000 + (regs[0] >>> 0);
    regs[0] = Math.floor(dividend / divisor);
    regs[2] = dividend % divisor;
    return;
  }
  const dividend = (BigInt(high) << 32n) | BigInt(regs[0] >>> 0);
  regs[0] = Number(dividend / BigInt(divisor));
  regs[2] = Number(dividend % BigInt(divisor));
};

/** idiv r/m (F6 /7, F7 /7): signed, quotient truncated toward zero. */
export const idiv: Handler = (m, i) => {
  const size = i.operandSize;
  const divisor = signExtend(readRm(m, i, size), size);
  if (divisor === 0) divideError();
  const regs = m.regs;
  if (size !== 4) {
    const dividend = size === 1 ? signExtend(regs[0] & 0xffff, 2) : ((regs[2] & 0xffff) << 16) | (regs[0] & 0xffff);
    const quotient = Math.trunc(dividend / divisor);
    const limit = size === 1 ? 0x80 : 0x8000;
    if (quotient >= limit || quotient < -limit) divideError();
    const remainder = dividend % divisor;
    if (size === 1) return writeRegister(m, 0, 2, ((remainder & 0xff) << 8) | (quotient & 0xff));
    writeRegister(m, 0, 2, quotient & 0xffff);
    return writeRegister(m, 2, 2, remainder & 0xffff);
  }
  if (regs[2] === regs[0] >> 31) {
    // The dividend fits in 32 bits (after cdq): plain double arithmetic is exact.
    const quotient = Math.trunc(regs[0] / divisor);
    if (quotient === 0x80000000) divideError();
    regs[2] = regs[0] % divisor;
    regs[0] = quotient;
    return;
  }
  const dividend = (BigInt(regs[2]) << 32n) | BigInt(regs[0] >>> 0);
  const quotient = dividend / BigInt(divisor);
  if (quotient >= 0x80000000n || quotient < -0x80000000n) divideError();
  regs[0] = Number(quotient);
  regs[2] = Number(dividend % BigInt(divisor));
};
