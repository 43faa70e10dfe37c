/**
 * The x87 register stack and its bookkeeping, shared by the x87 handlers: ST(i) reads that
 * detect stack underflow, pushes that detect overflow (SDM vol. 1, 8.5.1.1: IE and SF set, C1
 * says which; the masked response is the default NaN), pops, the condition codes, the
 * rounding environment of the control word, and exception flags into the status word.
 * Unmasked x87 exceptions are not raised: the flags are set as if masked.
 */
import type { Machine } from "../machine.js";
import { type Environment, IE, indefinite, DOUBLE, ROUNDED_UP } from "../float/ieee.js";
import { C0, C1, C2, C3, CONDITION_CODES, STACK_FAULT } from "../float/x87-state.js";

export const INDEFINITE = indefinite(DOUBLE);

const view = new DataView(new ArrayBuffer(8));

export function bitsOf(value: number): bigint {
  view.setFloat64(0, value, true);
  return view.getBigUint64(0, true);
}

export function numberOf(bits: bigint): number {
  view.setBigUint64(0, bits, true);
  return view.getFloat64(0, true);
}

export function environment(m: Machine): Environment {
  return { mode: (m.x87.control >> 10) & 3, flushToZero: false, denormalsAreZero: false };
}

/** Exception flags (bits 0-5) into the status word; C1 from ROUNDED_UP. */
export function raise(m: Machine, flags: number): void {
  m.x87.status = (m.x87.status | (flags & 0x3f)) & ~C1 | ((flags & ROUNDED_UP) !== 0 ? C1 : 0);
}

export function setConditions(m: Machine, codes: number): void {
  m.x87.status = (m.x87.status & ~CONDITION_CODES) | codes;
}

/** Stack underflow: IE and SF, C1 clear. */
export function underflow(m: Machine): void {
  m.x87.status = (m.x87.status | IE | STACK_FAULT) & ~C1;
}

export function isEmpty(m: Machine, index: number): boolean {
  return m.x87.empty[m.x87.physical(index)] === 1;
}

/** ST(index) as bits; an empty register is a stack underflow and reads as the default NaN. */
export function readBits(m: Machine, index: number): { bits: bigint; empty: boolean } {
  const physical = m.x87.physical(index);
  if (m.x87.empty[physical] === 1) return { bits: INDEFINITE, empty: true };
  return { bits: m.x87.bits[physical], empty: false };
}

export function writeBits(m: Machine, index: number, bits: bigint): void {
  const physical = m.x87.physical(index);
  m.x87.bits[physical] = bits;
  m.x87.empty[physical] = 0;
}

/** Pushes `bits`; a full stack is an overflow (IE, SF, C1 set) and pushes the default NaN. */
export function push(m: Machine, bits: bigint): void {
  const x87 = m.x87;
  x87.top = (x87.top - 1) & 7;
  if (x87.empty[x87.top] === 0) {
    x87.status |= IE | STACK_FAULT | C1;
    bits = INDEFINITE;
  }
  x87.bits[x87.top] = bits;
  x87.empty[x87.top] = 0;
}

export function pop(m: Machine): void {
  const x87 = m.x87;
  x87.empty[x87.top] = 1;
  x87.top = (x87.top + 1) & 7;
}

/** C3 C2 C0 for a comparison's outcome (unordered: all three), C1 clear. */
export const ORDER_CODES = { unordered: C3 | C2 | C0, less: C0, equal: C3, greater: 0 };
