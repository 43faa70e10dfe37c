/**
 * x87 arithmetic (Intel SDM vol. 2, FADD ... FDIVR, FCOM, FUCOM, FCOMI, FSQRT, FRNDINT, FCHS,
 * FABS, FTST, FXAM, FXCH) on the double-valued register stack: fadd fmul fsub fsubr fdiv fdivr
 * with an m32 / m64 source, with ST(i) into ST(0), with ST(0) into ST(i) and popping; the
 * comparisons into C3 C2 C0 or into EFLAGS. NaN operands follow the x87 rules (SDM vol. 1,
 * table 4-7: an SNaN raises IE and is quieted; of an SNaN and a QNaN the QNaN wins, of two of a
 * kind the larger significand). An
 * operand loaded from memory raises DE when it is denormal; register operands never do (they
 * would be normal in the 80-bit format). Rounding follows the control word's RC field.
 */
import { CF, PF, STATUS_FLAGS, ZF, condition, materialize } from "../flags.js";
import type { DecodedInstruction, Handler } from "../instruction.js";
import type { Machine } from "../machine.js";
import { effectiveAddress } from "../operands.js";
import { DE, DOUBLE, IE, PE, ROUNDED_UP, SINGLE, signBit, unpack, ZE, type Format } from "../float/ieee.js";
import { binary, type Binary, compare, convertFloat, type Order, squareRoot } from "../float/operations.js";
import { C0, C1, C2, C3 } from "../float/x87-state.js";
import {
  bitsOf, environment, INDEFINITE, numberOf, ORDER_CODES, pop, raise, readBits, setConditions, underflow, writeBits,
} from "./x87-stack.js";

export type X87Operation = Binary | "subr" | "divr";

/** An m32 or m64 operand as a double's bits, with DE for a denormal (and IE for an SNaN, kept signaling). */
export function memoryOperand(m: Machine, i: DecodedInstruction, format: Format): { bits: bigint; flags: number } {
  const address = effectiveAddress(m, i);
  if (format.width === 32) {
    const bits = BigInt(m.memory.read32(address) >>> 0);
    const operand = unpack(bits, SINGLE);
    if (operand.kind === "nan") return { bits: convertFloat(bits, SINGLE, DOUBLE, environment(m)).bits & ~(operand.signaling ? 1n << 51n : 0n), flags: 0 };
    return { bits: convertFloat(bits, SINGLE, DOUBLE, environment(m)).bits, flags: operand.denormal ? DE : 0 };
  }
  const bits = BigInt(m.memory.read32(address) >>> 0) | (BigInt(m.memory.read32((address + 4) | 0) >>> 0) << 32n);
  return { bits, flags: unpack(bits, DOUBLE).denormal ? DE : 0 };
}

/** The x87's NaN result: an SNaN is quieted (IE); of two NaNs the larger significand wins. */
function nanResult(a: bigint, b: bigint): { bits: bigint; flags: number } {
  const [x, y] = [unpack(a, DOUBLE), unpack(b, DOUBLE)];
  const flags = x.signaling || y.signaling ? IE : 0;
  const quiet = (bits: bigint) => bits | (1n << 51n);
  if (x.kind !== "nan") return { bits: quiet(b), flags };
  if (y.kind !== "nan") return { bits: quiet(a), flags };
  // An SNaN and a QNaN: the QNaN; two of a kind: the larger significand.
  if (x.signaling !== y.signaling) return { bits: quiet(x.signaling ? b : a), flags };
  const significand = (bits: bigint) => bits & ((1n << 52n) - 1n) | (1n << 51n);
  return { bits: quiet(significand(a) >= significand(b) ? a : b), flags };
}

/** `a op b` for the x87 (subr and divr: `b op a`). */
export function operate(m: Machine, operation: X87Operation, a: bigint, b: bigint): { bits: bigint; flags: number } {
  if (unpack(a, DOUBLE).kind === "nan" || unpack(b, DOUBLE).kind === "nan") return nanResult(a, b);
  const [first, second, base] = operation === "subr" ? [b, a, "sub" as const] : operation === "divr" ? [b, a, "div" as const] : [a, b, operation];
  const result = binary(base, first, second, DOUBLE, environment(m));
  return { bits: result.bits, flags: result.flags & ~DE };
}

/** st(destination) = st(destination) op source; `source` undefined: underflow already known. */
function store(m: Machine, destination: number, result: { bits: bigint; flags: number }, extraFlags: number): void {
  writeBits(m, destination, result.bits);
  raise(m, result.flags | extraFlags);
}

/** An m16int / m32int operand as a double's bits (exact). */
export function integerOperand(m: Machine, i: DecodedInstruction, bytes: 2 | 4): { bits: bigint; flags: number } {
  const address = effectiveAddress(m, i);
  const value = bytes === 2 ? (m.memory.read16(address) << 16) >> 16 : m.memory.read32(address);
  return { bits: value === 0 ? 0n : bitsOf(value), flags: 0 };
}

/** The memory source of an x87 arithmetic form: m32fp, m64fp, m16int or m32int. */
export type MemorySource = Format | 2 | 4;

function readSource(m: Machine, i: DecodedInstruction, source: MemorySource): { bits: bigint; flags: number } {
  return typeof source === "number" ? integerOperand(m, i, source) : memoryOperand(m, i, source);
}

/** fadd ... fdivr with an m32 / m64 source (D8, DC /0-7 memory) and fiadd ... fidivr (DA, DE /0-7 memory). */
export function arithmeticMemory(operation: X87Operation, format: MemorySource): Handler {
  return (m, i) => {
    const source = readSource(m, i, format);
    const destination = readBits(m, 0);
    if (destination.empty) {
      underflow(m);
      return writeBits(m, 0, destination.bits);
    }
    const result = operate(m, operation, destination.bits, source.bits);
    // A memory operand's denormal flag is not raised with a NaN operand, an invalid operation or a division by zero.
    const nan = unpack(destination.bits, DOUBLE).kind === "nan" || unpack(source.bits, DOUBLE).kind === "nan";
    store(m, 0, result, nan || (result.flags & (IE | ZE)) !== 0 ? 0 : source.flags);
  };
}

/** fadd ... with registers: `toTop` (D8): ST(0) = ST(0) op ST(i); else (DC, DE) ST(i) = ST(i) op ST(0), popping for DE. */
export function arithmeticRegister(operation: X87Operation, toTop: boolean, popAfter: boolean): Handler {
  return (m, i) => {
    const destinationIndex = toTop ? 0 : i.rm;
    const [destination, source] = [readBits(m, destinationIndex), readBits(m, toTop ? i.rm : 0)];
    if (destination.empty || source.empty) {
      underflow(m);
      writeBits(m, destinationIndex, destination.empty ? destination.bits : source.bits);
    } else store(m, destinationIndex, operate(m, operation, destination.bits, source.bits), 0);
    if (popAfter) pop(m);
  };
}

/** The order of ST(0) and an operand, with IE for NaNs (any NaN when `signaling`) and an underflow for empty registers. */
function order(m: Machine, source: { bits: bigint; empty: boolean; flags?: number }, signaling: boolean): Order {
  const top = readBits(m, 0);
  if (top.empty || source.empty) {
    underflow(m);
    return "unordered";
  }
  const result = compare(top.bits, source.bits, DOUBLE, environment(m), signaling);
  raise(m, (result.flags & ~DE) | (result.order === "unordered" ? 0 : source.flags ?? 0));
  return result.order;
}

/** fcom / fcomp / fcompp / fucom / fucomp / fucompp into C3 C2 C0 (C1 cleared), popping `pops` times. */
export function compareCodes(signaling: boolean, pops: number, source: "register" | MemorySource): Handler {
  return (m, i) => {
    const operand = source === "register" ? readBits(m, i.rm) : { ...readSource(m, i, source), empty: false };
    const outcome = order(m, operand, signaling);
    setConditions(m, ORDER_CODES[outcome]);
    for (let k = 0; k < pops; k++) pop(m);
  };
}

/** fcomi / fcomip / fucomi / fucomip: ZF PF CF from the order (OF SF AF cleared). */
export function compareEflags(signaling: boolean, popAfter: boolean): Handler {
  const codes = { unordered: ZF | PF | CF, less: CF, equal: ZF, greater: 0 };
  return (m, i) => {
    const outcome = order(m, readBits(m, i.rm), signaling);
    m.x87.status &= ~C1;
    materialize(m);
    m.eflags = (m.eflags & ~STATUS_FLAGS) | codes[outcome];
    if (popAfter) pop(m);
  };
}

/** ftst: ST(0) against +0.0. */
export const ftst: Handler = (m) => {
  setConditions(m, ORDER_CODES[order(m, { bits: 0n, empty: false }, true)]);
};

/** fxam: the class of ST(0) in C3 C2 C0 and its sign in C1 (a double denormal is normal in the 80-bit format). */
export const fxam: Handler = (m) => {
  const { bits, empty } = readBits(m, 0);
  const sign = (bits & signBit(DOUBLE)) !== 0n ? C1 : 0;
  if (empty) return setConditions(m, C3 | C0 | sign);
  const kind = unpack(bits, DOUBLE).kind;
  const codes = { nan: C0, infinity: C2 | C0, zero: C3, finite: C2 };
  setConditions(m, codes[kind] | sign);
};

/** Changes ST(0) by `change` (fchs, fabs); C1 cleared. */
function unaryBits(change: (bits: bigint) => bigint): Handler {
  return (m) => {
    const top = readBits(m, 0);
    if (top.empty) underflow(m);
    else m.x87.status &= ~C1;
    writeBits(m, 0, top.empty ? top.bits : change(top.bits));
  };
}

export const fchs = unaryBits((bits) => bits ^ signBit(DOUBLE));
export const fabs = unaryBits((bits) => bits & ~signBit(DOUBLE));

/** fsqrt. */
export const fsqrt: Handler = (m) => {
  const top = readBits(m, 0);
  if (top.empty) return underflow(m);
  const result = squareRoot(top.bits, DOUBLE, environment(m));
  store(m, 0, { bits: result.bits, flags: result.flags & ~DE }, 0);
};

/** frndint: ST(0) rounded to an integer by RC (a NaN: quieted, IE for an SNaN). */
export const frndint: Handler = (m) => {
  const top = readBits(m, 0);
  if (top.empty) return underflow(m);
  const operand = unpack(top.bits, DOUBLE);
  if (operand.kind === "nan") return store(m, 0, nanResult(top.bits, top.bits), 0);
  const value = numberOf(top.bits);
  if (operand.kind !== "finite" || Math.abs(value) >= 2 ** 52) return store(m, 0, { bits: top.bits, flags: 0 }, 0);
  const rounded = roundToInteger(value, (m.x87.control >> 10) & 3);
  const bits = rounded === 0 ? top.bits & signBit(DOUBLE) : bitsOf(rounded);
  const flags = rounded === value ? 0 : PE | (Math.abs(rounded) > Math.abs(value) ? ROUNDED_UP : 0);
  store(m, 0, { bits, flags }, 0);
};

/** `value` (|value| < 2^52) rounded to an integer: nearest even, down, up, toward zero. */
export function roundToInteger(value: number, mode: number): number {
  if (mode === 1) return Math.floor(value);
  if (mode === 2) return Math.ceil(value);
  if (mode === 3) return Math.trunc(value);
  const floor = Math.floor(value);
  const fraction = value - floor;
  return fraction > 0.5 || (fraction === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
}

/** fxch ST(i): swaps with ST(0); an empty one reads as the default NaN (underflow). */
export const fxch: Handler = (m, i) => {
  const [top, other] = [readBits(m, 0), readBits(m, i.rm)];
  if (top.empty || other.empty) underflow(m);
  else m.x87.status &= ~C1;
  writeBits(m, 0, other.bits);
  writeBits(m, i.rm, top.bits);
};

/** fcmovcc ST(0), ST(i) (DA, DB /0-3): copies ST(i) when condition `cc` holds. */
export function conditionalMove(cc: number): Handler {
  return (m, i) => {
    const [top, source] = [readBits(m, 0), readBits(m, i.rm)];
    if (top.empty || source.empty) {
      underflow(m);
      if (top.empty) writeBits(m, 0, INDEFINITE);
    } else m.x87.status &= ~C1;
    if (!source.empty && condition(m, cc)) writeBits(m, 0, source.bits);
  };
}
