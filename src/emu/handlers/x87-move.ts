/**
 * x87 loads, stores and control (Intel SDM vol. 2): fld m32 / m64 / ST(i), fild m16 / m32 / m64,
 * fld1, fldz and the other constants, fst / fstp m32 / m64 / ST(i), fist / fistp / fisttp
 * m16 / m32 / m64 (out of range or NaN: IE and the integer indefinite, 0x8000...), fldcw, fnstcw,
 * fnstsw m16 / AX, fninit, fnclex, fwait. A load of an SNaN from memory raises IE and pushes it
 * quieted; a denormal raises DE. A store rounds by RC (m32) and sets C1 when it rounded up.
 */
import { FaultSignal } from "../faults.js";
import type { Handler } from "../instruction.js";
import type { Machine } from "../machine.js";
import { effectiveAddress } from "../operands.js";
import { DOUBLE, type Format, IE, PE, ROUNDED_UP, round, SINGLE, unpack } from "../float/ieee.js";
import { convertFloat } from "../float/operations.js";
import { C1, STACK_FAULT } from "../float/x87-state.js";
import { roundToInteger } from "./x87-arith.js";
import { bitsOf, environment, INDEFINITE, numberOf, pop, push, raise, readBits, underflow, writeBits } from "./x87-stack.js";

/** fld m32 / m64. */
export function loadFloat(format: Format): Handler {
  return (m, i) => {
    const address = effectiveAddress(m, i);
    const low = BigInt(m.memory.read32(address) >>> 0);
    const bits = format.width === 32 ? low : low | (BigInt(m.memory.read32((address + 4) | 0) >>> 0) << 32n);
    const result = convertFloat(bits, format, DOUBLE, environment(m));
    m.x87.status &= ~C1;
    push(m, result.bits);
    raise(m, result.flags | (m.x87.status & C1 ? ROUNDED_UP : 0));
  };
}

/** fld ST(i): pushes a copy (an empty ST(i) pushes the default NaN). */
export const loadRegister: Handler = (m, i) => {
  const source = readBits(m, i.rm);
  if (source.empty) underflow(m);
  else m.x87.status &= ~C1;
  push(m, source.bits);
};

/** fild m16 / m32 / m64 (an m64 beyond 2^53 is rounded to a double: PE). */
export function loadInteger(bytes: 2 | 4 | 8): Handler {
  return (m, i) => {
    const address = effectiveAddress(m, i);
    let value: bigint;
    if (bytes === 2) value = BigInt((m.memory.read16(address) << 16) >> 16);
    else if (bytes === 4) value = BigInt(m.memory.read32(address));
    else value = BigInt.asIntN(64, BigInt(m.memory.read32(address) >>> 0) | (BigInt(m.memory.read32((address + 4) | 0) >>> 0) << 32n));
    const sign = value < 0n ? 1 : 0;
    const result = value === 0n ? { bits: 0n, flags: 0 } : round(sign, sign ? -value : value, 0, DOUBLE, environment(m));
    m.x87.status &= ~C1;
    push(m, result.bits);
    const overflowed = (m.x87.status & C1) !== 0;
    raise(m, (result.flags & PE) | (overflowed || (result.flags & ROUNDED_UP) !== 0 ? ROUNDED_UP : 0));
  };
}

/**
 * The constants as the nearest double and where the exact value lies from it (-1 below, 1
 * above, 0 exact): fld1, fldl2t, fldl2e, fldpi, fldlg2, fldln2, fldz. The CPU rounds them by RC
 * (the precision control does not apply), so up and down pick the double on the right side.
 */
const CONSTANTS: [number, number][] = [[1, 0], [Math.log2(10), 1], [Math.LOG2E, 1], [Math.PI, 1], [Math.log10(2), -1], [Math.LN2, 1], [0, 0]];

/** fld1, fldl2t, fldl2e, fldpi, fldlg2, fldln2, fldz (D9 E8-EE). */
export const loadConstant: Handler = (m, i) => {
  const [nearest, side] = CONSTANTS[i.rm] as [number, number];
  const mode = (m.x87.control >> 10) & 3;
  let bits = bitsOf(nearest);
  if (side === 1 && mode === 2) bits += 1n;
  if (side === -1 && (mode === 1 || mode === 3)) bits -= 1n;
  m.x87.status &= ~C1;
  push(m, bits);
};

/** fst / fstp m32 / m64. */
export function storeFloat(format: Format, popAfter: boolean): Handler {
  return (m, i) => {
    const address = effectiveAddress(m, i);
    const top = readBits(m, 0);
    let bits = format.width === 32 ? 0xffc00000n : top.bits;
    let flags = 0;
    if (top.empty) underflow(m);
    else if (format.width === 32) ({ bits, flags } = convertFloat(top.bits, DOUBLE, SINGLE, environment(m)));
    if (format.width === 32) m.memory.write32(address, Number(bits) | 0);
    else {
      const high = (address + 4) | 0;
      m.memory.write32(high, m.memory.read32(high));
      m.memory.write32(address, Number(bits & 0xffffffffn) | 0);
      m.memory.write32(high, Number(bits >> 32n) | 0);
    }
    if (!top.empty) raise(m, flags);
    if (popAfter) pop(m);
  };
}

/** fst / fstp ST(i). */
export function storeRegister(popAfter: boolean): Handler {
  return (m, i) => {
    const top = readBits(m, 0);
    if (top.empty) underflow(m);
    else m.x87.status &= ~C1;
    writeBits(m, i.rm, top.bits);
    if (popAfter) pop(m);
  };
}

/** ST(0) to a signed integer of `bytes` by RC (or truncated): the value and its flags. */
function toInteger(m: Machine, bits: bigint, bytes: number, truncate: boolean): { value: bigint; flags: number } {
  const limit = 1n << BigInt(bytes * 8 - 1);
  const indefinite = { value: -limit, flags: IE };
  const kind = unpack(bits, DOUBLE).kind;
  if (kind === "nan" || kind === "infinity") return indefinite;
  const x = numberOf(bits);
  const rounded = Math.abs(x) >= 2 ** 52 ? x : roundToInteger(x, truncate ? 3 : (m.x87.control >> 10) & 3);
  const value = BigInt(rounded);
  if (value >= limit || value < -limit) return indefinite;
  const flags = rounded === x ? 0 : PE | (Math.abs(rounded) > Math.abs(x) ? ROUNDED_UP : 0);
  return { value, flags };
}

/** fist / fistp / fisttp m16 / m32 / m64. */
export function storeInteger(bytes: 2 | 4 | 8, popAfter: boolean, truncate: boolean): Handler {
  return (m, i) => {
    const address = effectiveAddress(m, i);
    const top = readBits(m, 0);
    const result = top.empty ? { value: -(1n << BigInt(bytes * 8 - 1)), flags: 0 } : toInteger(m, top.bits, bytes, truncate);
    const value = BigInt.asUintN(bytes * 8, result.value);
    if (bytes === 2) m.memory.write16(address, Number(value));
    else if (bytes === 4) m.memory.write32(address, Number(value) | 0);
    else {
      const high = (address + 4) | 0;
      m.memory.write32(high, m.memory.read32(high));
      m.memory.write32(address, Number(value & 0xffffffffn) | 0);
      m.memory.write32(high, Number(value >> 32n) | 0);
    }
    if (top.empty) underflow(m);
    else raise(m, result.flags);
    if (popAfter) pop(m);
  };
}

export const fldcw: Handler = (m, i) => {
  m.x87.control = m.memory.read16(effectiveAddress(m, i)) | 0x40;
};

export const fnstcw: Handler = (m, i) => {
  m.memory.write16(effectiveAddress(m, i), m.x87.control);
};

export const fnstswMemory: Handler = (m, i) => {
  m.memory.write16(effectiveAddress(m, i), m.x87.statusWord());
};

/** fnstsw ax (DF E0). */
export const fnstswAx: Handler = (m) => {
  m.regs[0] = (m.regs[0] & ~0xffff) | m.x87.statusWord();
};

/** fninit (DB E3), fnclex (DB E2); fneni, fndisi, fnsetpm (DB E0, E1, E4) do nothing since the 80387. */
export const initOrClear: Handler = (m, i) => {
  if (i.rm === 3) return m.x87.reset();
  if (i.rm === 2) m.x87.status &= ~(0x3f | STACK_FAULT | 0x80 | 0x8000);
  else if (i.rm > 4) throw new FaultSignal("invalid-opcode");
};

/** fwait (9B): no unmasked x87 exception is ever pending here. */
export const fwait: Handler = () => {};

export { INDEFINITE };
