/**
 * Shifts and rotates: group 2 (C0, C1, D0-D3: rol ror rcl rcr shl shr sal sar), shld and shrd.
 *
 * The count is masked to 5 bits; a masked count of 0 changes nothing (not even flags). Shifts
 * set SF ZF PF from the result and CF from the last bit shifted out; rotates change only CF and
 * OF. Flags Intel leaves undefined follow this machine's AMD Zen CPU (checked natively): after
 * a shift AF is set; OF for any count is MSB(result) XOR CF for SHL and SHLD, the top two result
 * bits XORed for SHR and SHRD, and 0 for SAR.
 */
import { AF, CF, OF, SIZE_MASK, getCF, materialize, setPreset } from "../flags.js";
import type { Handler } from "../instruction.js";
import type { Machine } from "../machine.js";
import { effectiveAddress, readMemory, readRegister, signExtend, writeMemory, writeRegister } from "../operands.js";

type Shift = (m: Machine, size: number, value: number, count: number) => number;

function shiftFlags(m: Machine, size: number, result: number, carry: number, overflow: number): number {
  setPreset(m, size, result, carry | AF | (overflow ? OF : 0));
  return result;
}

function rotateFlags(m: Machine, carry: number, overflow: number): void {
  materialize(m);
  m.eflags = (m.eflags & ~(CF | OF)) | carry | (overflow ? OF : 0);
}

const shl: Shift = (m, size, value, count) => {
  const bits = size * 8;
  const result = (value << count) & SIZE_MASK[size];
  const carry = count <= bits ? (value >>> (bits - count)) & 1 : 0;
  return shiftFlags(m, size, result, carry, ((result >>> (bits - 1)) & 1) ^ carry);
};

const shr: Shift = (m, size, value, count) => {
  const bits = size * 8;
  const result = (value >>> count) & SIZE_MASK[size];
  const carry = (value >>> (count - 1)) & 1;
  return shiftFlags(m, size, result, carry, ((result >>> (bits - 1)) ^ (result >>> (bits - 2))) & 1);
};

const sar: Shift = (m, size, value, count) => {
  const signed = signExtend(value, size);
  const result = (signed >> count) & SIZE_MASK[size];
  return shiftFlags(m, size, result, (signed >> (count - 1)) & 1, 0);
};

const rol: Shift = (m, size, value, count) => {
  const bits = size * 8;
  const rotate = count % bits;
  const result = rotate === 0 ? value : ((value << rotate) | (value >>> (bits - rotate))) & SIZE_MASK[size];
  const carry = result & 1;
  rotateFlags(m, carry, ((result >>> (bits - 1)) & 1) ^ carry);
  return result;
};

const ror: Shift = (m, size, value, count) => {
  const bits = size * 8;
  const rotate = count % bits;
  const result = rotate === 0 ? value : ((value >>> rotate) | (value << (bits - rotate))) & SIZE_MASK[size];
  const carry = (result >>> (bits - 1)) & 1;
  rotateFlags(m, carry, carry ^ ((result >>> (bits - 2)) & 1));
  return result;
};

/** The count of RCL / RCR: modulo 9 for bytes and 17 for words (they rotate through CF). */
function rotateCount(size: number, count: number): number {
  return size === 4 ? count : count % (size * 8 + 1);
}

const rcl: Shift = (m, size, value, count) => {
  const bits = size * 8;
  const mask = SIZE_MASK[size];
  const steps = rotateCount(size, count);
  if (steps === 0) return value;
  let carry = getCF(m);
  let result = value;
  for (let k = 0; k < steps; k++) {
    const out = (result >>> (bits - 1)) & 1;
    result = ((result << 1) | carry) & mask;
    carry = out;
  }
  rotateFlags(m, carry, ((result >>> (bits - 1)) & 1) ^ carry);
  return result;
};

const rcr: Shift = (m, size, value, count) => {
  const bits = size * 8;
  const mask = SIZE_MASK[size];
  const steps = rotateCount(size, count);
  if (steps === 0) return value;
  let carry = getCF(m);
  const overflow = ((value >>> (bits - 1)) & 1) ^ carry;
  let result = value;
  for (let k = 0; k < steps; k++) {
    const out = result & 1;
    result = ((result >>> 1) | (carry << (bits - 1))) & mask;
    carry = out;
  }
  rotateFlags(m, carry, steps === 1 ? overflow : ((result >>> (bits - 1)) ^ (result >>> (bits - 2))) & 1);
  return result;
};

/** By ModRM reg: rol ror rcl rcr shl shr sal(=shl) sar. */
const SHIFTS: Shift[] = [rol, ror, rcl, rcr, shl, shr, shl, sar];

function shiftCount(m: Machine, opcode: number, immediate: number): number {
  return (opcode === 0xd2 || opcode === 0xd3 || opcode === 0x0fa5 || opcode === 0x0fad ? m.regs[1] : immediate) & 31;
}

/** Group 2: C0, C1 (count imm8), D0, D1 (count 1), D2, D3 (count CL). */
export const shiftGroup: Handler = (m, i) => {
  const size = i.operandSize;
  const count = shiftCount(m, i.opcode, i.immediate);
  if (!i.isMemory) {
    if (count !== 0) writeRegister(m, i.rm, size, SHIFTS[i.operation](m, size, readRegister(m, i.rm, size), count));
    return;
  }
  const address = effectiveAddress(m, i);
  const value = readMemory(m, address, size);
  if (count !== 0) writeMemory(m, address, size, SHIFTS[i.operation](m, size, value, count));
};

/** 32-bit register shifts (the common compiled forms): shl, shr, sar without the dispatch. */
export const shiftRegister32: Handler = (m, i) => {
  const count = shiftCount(m, i.opcode, i.immediate);
  if (count === 0) return;
  const regs = m.regs;
  const value = regs[i.rm];
  let result: number;
  let carry: number;
  let overflow: number;
  switch (i.operation) {
    case 4:
    case 6:
      result = value << count;
      carry = (value >>> (32 - count)) & 1;
      overflow = (result >>> 31) ^ carry;
      break;
    case 5:
      result = (value >>> count) | 0;
      carry = (value >>> (count - 1)) & 1;
      overflow = ((result >>> 31) ^ (result >>> 30)) & 1;
      break;
    case 7:
      result = value >> count;
      carry = (value >> (count - 1)) & 1;
      overflow = 0;
      break;
    default:
      regs[i.rm] = SHIFTS[i.operation](m, 4, value, count);
      return;
  }
  regs[i.rm] = result;
  shiftFlags(m, 4, result, carry, overflow);
};

/** Double shift of `destination` with bits from `source` (0 < count < 32). */
function doubleShift(m: Machine, size: number, left: boolean, destination: number, source: number, count: number): number {
  let result: number;
  let carry: number;
  if (size === 4) {
    result = left ? (destination << count) | (source >>> (32 - count)) : (destination >>> count) | (source << (32 - count));
    carry = (destination >>> (left ? 32 - count : count - 1)) & 1;
  } else {
    // 16-bit: the 48-bit pattern destination:source:destination (counts above 16 as on Intel).
    const pattern = destination * 2 ** 32 + source * 2 ** 16 + destination;
    result = Math.floor(pattern / 2 ** (left ? 32 - count : count));
    carry = Math.floor(pattern / 2 ** (left ? 48 - count : count - 1)) & 1;
  }
  result &= SIZE_MASK[size];
  const bits = size * 8;
  const top = (result >>> (bits - 1)) & 1;
  return shiftFlags(m, size, result, carry, left ? top ^ carry : top ^ ((result >>> (bits - 2)) & 1));
}

/** shld / shrd r/m, reg, imm8 or CL (0F A4, 0F A5, 0F AC, 0F AD). */
export const doubleShiftHandler: Handler = (m, i) => {
  const size = i.operandSize;
  const count = shiftCount(m, i.opcode, i.immediate);
  const left = i.opcode === 0x0fa4 || i.opcode === 0x0fa5;
  const address = i.isMemory ? effectiveAddress(m, i) : 0;
  const destination = i.isMemory ? readMemory(m, address, size) : readRegister(m, i.rm, size);
  if (count === 0) return;
  const result = doubleShift(m, size, left, destination, readRegister(m, i.reg, size), count);
  if (i.isMemory) writeMemory(m, address, size, result);
  else writeRegister(m, i.rm, size, result);
};
