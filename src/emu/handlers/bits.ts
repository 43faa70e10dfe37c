/**
 * Bit instructions: bt bts btr btc (register and immediate bit offsets), bsf, bsr, tzcnt, lzcnt,
 * popcnt, bswap.
 *
 * BT* with a memory operand and a register bit offset address the bit string beyond the operand:
 * the offset is signed and selects the word at EA + size * (offset >> log2(bits)) (Intel SDM
 * vol. 2, "BT"); with an immediate the offset is taken modulo the operand width. BT* change CF
 * only (others undefined: kept). BSF/BSR with a zero source set ZF and leave the destination
 * unchanged, as this machine's CPU does; tzcnt/lzcnt/popcnt are the BMI1/ABM/POPCNT forms (F3).
 */
import { AF, CF, OF, PARITY, PF, SF, STATUS_FLAGS, ZF, materialize } from "../flags.js";
import type { Handler } from "../instruction.js";
import type { Machine } from "../machine.js";
import {
  effectiveAddress, readMemory, readRegister, readRm, signExtend, writeMemory, writeRegister,
} from "../operands.js";

const BT = 0;
const BTS = 1;
const BTR = 2;
const BTC = 3;

function setFlagBits(m: Machine, clear: number, set: number): void {
  materialize(m);
  m.eflags = (m.eflags & ~clear) | set;
}

function applyBit(kind: number, value: number, bit: number): number {
  const mask = 1 << bit;
  if (kind === BTS) return value | mask;
  if (kind === BTR) return value & ~mask;
  return value ^ mask;
}

/** The bit test itself, on an operand at `address` or in register `rm`. */
function bitTest(m: Machine, kind: number, size: number, isMemory: boolean, where: number, bit: number): void {
  const value = isMemory ? readMemory(m, where, size) : readRegister(m, where, size);
  setFlagBits(m, CF, (value >>> bit) & 1);
  if (kind === BT) return;
  const result = applyBit(kind, value, bit) & (size === 4 ? -1 : 0xffff);
  if (isMemory) writeMemory(m, where, size, result);
  else writeRegister(m, where, size, result);
}

/** bt/bts/btr/btc r/m, reg (0F A3, AB, B3, BB). */
export const bitTestRegister: Handler = (m, i) => {
  const size = i.operandSize;
  const bits = size * 8;
  const offset = signExtend(readRegister(m, i.reg, size), size);
  if (!i.isMemory) return bitTest(m, i.operation, size, false, i.rm, offset & (bits - 1));
  const address = (effectiveAddress(m, i) + size * Math.floor(offset / bits)) | 0;
  bitTest(m, i.operation, size, true, address, offset & (bits - 1));
};

/** bt/bts/btr/btc r/m, imm8 (0F BA /4../7; operation = reg - 4). */
export const bitTestImmediate: Handler = (m, i) => {
  const size = i.operandSize;
  const bit = i.immediate & (size * 8 - 1);
  const where = i.isMemory ? effectiveAddress(m, i) : i.rm;
  bitTest(m, i.operation - 4, size, i.isMemory, where, bit);
};

/** bsf / bsr reg, r/m (0F BC, 0F BD). The undefined flags as on this machine: PF from the source, others clear. */
export const bitScan: Handler = (m, i) => {
  const size = i.operandSize;
  const source = readRm(m, i, size) >>> 0;
  const parity = PARITY[source & 0xff] ? PF : 0;
  if (source === 0) return setFlagBits(m, STATUS_FLAGS, ZF | parity);
  const index = i.opcode === 0x0fbc ? 31 - Math.clz32(source & -source) : 31 - Math.clz32(source);
  writeRegister(m, i.reg, size, index);
  setFlagBits(m, STATUS_FLAGS, parity);
};

/** tzcnt / lzcnt reg, r/m (F3 0F BC, F3 0F BD): CF = source was zero, ZF = result is zero. */
export const countZeros: Handler = (m, i) => {
  const size = i.operandSize;
  const bits = size * 8;
  const source = readRm(m, i, size) >>> 0;
  let count: number;
  if (source === 0) count = bits;
  else if (i.opcode === 0x0fbc) count = 31 - Math.clz32(source & -source);
  else count = Math.clz32(source) - (32 - bits);
  writeRegister(m, i.reg, size, count);
  // SF AF PF (undefined) are cleared and OF kept, as this machine's CPU does.
  setFlagBits(m, CF | ZF | SF | AF | PF, (source === 0 ? CF : 0) | (count === 0 ? ZF : 0));
};

/** popcnt reg, r/m (F3 0F B8): ZF = source was zero, OF SF AF CF PF cleared. */
export const popcnt: Handler = (m, i) => {
  const size = i.operandSize;
  let source = readRm(m, i, size) >>> 0;
  let count = 0;
  while (source !== 0) {
    source &= source - 1;
    count++;
  }
  writeRegister(m, i.reg, size, count);
  setFlagBits(m, OF | SF | ZF | AF | CF | PF, count === 0 ? ZF : 0);
};

/** bswap reg (0F C8+r). */
export const bswap: Handler = (m, i) => {
  const value = m.regs[i.reg];
  m.regs[i.reg] = (value >>> 24) | ((value >>> 8) & 0xff00) | ((value & 0xff00) << 8) | (value << 24);
};
