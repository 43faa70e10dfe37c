/**
 * The SSE floating-point operations on bit patterns, with their exception flags (Intel SDM
 * vol. 2 for each instruction; vol. 1, 4.8.3 and table 4-7 for NaN operands; 11.5.2 for the
 * order in which exceptions are detected): add, sub, mul, div, sqrt, min, max, the comparisons
 * (the eight predicates of cmpps/cmpss and the EFLAGS of (u)comis), and the conversions between
 * the two formats and to and from 32-bit integers. Exact arithmetic and rounding are ieee.ts's.
 */
import {
  DE, DOUBLE, type Environment, type Format, IE, indefinite, infinity, PE, quiet, type Result, roundValue, SINGLE,
  signedZero, TOWARD_ZERO, type Unpacked, unpack, ZE, DOWN, NEAREST,
} from "./ieee.js";

export type Binary = "add" | "sub" | "mul" | "div" | "min" | "max";

/** The NaN result of an operation with a NaN operand: the first source's NaN, quieted, else the second's. */
function propagate(a: Unpacked, b: Unpacked, format: Format): Result {
  const flags = a.signaling || b.signaling ? IE : 0;
  return { bits: quiet(a.kind === "nan" ? a : b, format), flags };
}

function denormalFlag(...operands: Unpacked[]): number {
  return operands.some((operand) => operand.denormal) ? DE : 0;
}

/** The value of a finite operand at exponent `exponent` (<= its own). */
function scaled(operand: Unpacked, exponent: number): bigint {
  return operand.significand << BigInt(operand.exponent - exponent);
}

function signed(operand: Unpacked, exponent: number): bigint {
  if (operand.kind === "zero") return 0n;
  const value = scaled(operand, exponent);
  return operand.sign === 1 ? -value : value;
}

function addition(a: Unpacked, b: Unpacked, format: Format, environment: Environment): Result {
  if (a.kind === "infinity" || b.kind === "infinity") {
    if (a.kind === "infinity" && b.kind === "infinity" && a.sign !== b.sign) return { bits: indefinite(format), flags: IE };
    return { bits: infinity(a.kind === "infinity" ? a.sign : b.sign, format), flags: 0 };
  }
  const exponent = Math.min(a.kind === "zero" ? Infinity : a.exponent, b.kind === "zero" ? Infinity : b.exponent);
  if (exponent === Infinity) {
    const sign = a.sign === b.sign ? a.sign : environment.mode === DOWN ? 1 : 0;
    return { bits: signedZero(sign, format), flags: 0 };
  }
  const sum = signed(a, exponent) + signed(b, exponent);
  const zeroSign = environment.mode === DOWN ? 1 : 0;
  return roundValue(sum < 0n ? 1 : 0, sum < 0n ? -sum : sum, exponent, format, environment, zeroSign);
}

function multiplication(a: Unpacked, b: Unpacked, format: Format, environment: Environment): Result {
  const sign = a.sign ^ b.sign;
  if (a.kind === "infinity" || b.kind === "infinity") {
    if (a.kind === "zero" || b.kind === "zero") return { bits: indefinite(format), flags: IE };
    return { bits: infinity(sign, format), flags: 0 };
  }
  if (a.kind === "zero" || b.kind === "zero") return { bits: signedZero(sign, format), flags: 0 };
  return roundValue(sign, a.significand * b.significand, a.exponent + b.exponent, format, environment, sign);
}

function bitLength(value: bigint): number {
  return value.toString(2).length;
}

function division(a: Unpacked, b: Unpacked, format: Format, environment: Environment): Result {
  const sign = a.sign ^ b.sign;
  if (a.kind === "infinity") {
    return b.kind === "infinity" ? { bits: indefinite(format), flags: IE } : { bits: infinity(sign, format), flags: 0 };
  }
  if (b.kind === "infinity") return { bits: signedZero(sign, format), flags: 0 };
  if (b.kind === "zero") {
    return a.kind === "zero" ? { bits: indefinite(format), flags: IE } : { bits: infinity(sign, format), flags: ZE };
  }
  if (a.kind === "zero") return { bits: signedZero(sign, format), flags: 0 };
  const extra = Math.max(0, format.fraction + 4 + bitLength(b.significand) - bitLength(a.significand));
  const numerator = a.significand << BigInt(extra);
  const quotient = numerator / b.significand;
  const sticky = numerator % b.significand === 0n ? 0n : 1n;
  return roundValue(sign, (quotient << 1n) | sticky, a.exponent - b.exponent - extra - 1, format, environment, sign);
}

function squareRootOf(value: bigint): bigint {
  if (value < 2n) return value;
  let root = 1n << BigInt(Math.ceil(bitLength(value) / 2));
  for (;;) {
    const next = (root + value / root) >> 1n;
    if (next >= root) return root;
    root = next;
  }
}

export function squareRoot(bits: bigint, format: Format, environment: Environment): Result {
  const a = unpack(bits, format, environment);
  if (a.kind === "nan") return { bits: quiet(a, format), flags: a.signaling ? IE : 0 };
  if (a.kind === "zero") return { bits: a.bits, flags: 0 };
  if (a.sign === 1) return { bits: indefinite(format), flags: IE };
  if (a.kind === "infinity") return { bits: a.bits, flags: 0 };
  let shift = 2 * (format.fraction + 4) - bitLength(a.significand);
  if ((a.exponent - shift) % 2 !== 0) shift++;
  const radicand = a.significand << BigInt(Math.max(shift, 0));
  const root = squareRootOf(radicand);
  const sticky = root * root === radicand ? 0n : 1n;
  const result = roundValue(0, (root << 1n) | sticky, (a.exponent - shift) / 2 - 1, format, environment, 0);
  return { bits: result.bits, flags: result.flags | denormalFlag(a) };
}

/** minss/maxss and the packed forms: the second source unless the first is strictly less (greater). */
function minimumOrMaximum(a: Unpacked, b: Unpacked, maximum: boolean): Result {
  if (a.kind === "nan" || b.kind === "nan") return { bits: b.bits, flags: IE };
  const order = compareValues(a, b);
  const first = maximum ? order > 0 : order < 0;
  return { bits: first ? a.bits : b.bits, flags: denormalFlag(a, b) };
}

/** -1, 0 or 1 for ordered operands (no NaN). */
function compareValues(a: Unpacked, b: Unpacked): number {
  const key = (operand: Unpacked): [number, bigint, number] => operand.kind === "zero" ? [0, 0n, 0] : [operand.sign === 1 ? -1 : 1, operand.significand, operand.exponent];
  if (a.kind === "infinity" || b.kind === "infinity") {
    const value = (operand: Unpacked) => operand.kind === "infinity" ? (operand.sign === 1 ? -1 : 1) : 0;
    if (value(a) !== value(b)) return value(a) < value(b) ? -1 : 1;
    if (a.kind === "infinity" && b.kind === "infinity") return 0;
  }
  const [signA] = key(a);
  const [signB] = key(b);
  if (signA !== signB) return signA < signB ? -1 : 1;
  if (signA === 0) return 0;
  const exponent = Math.min(a.exponent, b.exponent);
  const difference = scaled(a, exponent) - scaled(b, exponent);
  const magnitude = difference === 0n ? 0 : difference > 0n ? 1 : -1;
  return signA === 1 ? magnitude : -magnitude;
}

/** One binary operation on two elements of `format`. */
export function binary(operation: Binary, aBits: bigint, bBits: bigint, format: Format, environment: Environment): Result {
  const a = unpack(aBits, format, environment);
  const b = unpack(bBits, format, environment);
  if (operation === "min" || operation === "max") return minimumOrMaximum(a, b, operation === "max");
  if (a.kind === "nan" || b.kind === "nan") return propagate(a, b, format);
  const result = operation === "add" ? addition(a, b, format, environment)
    : operation === "sub" ? addition(a, { ...b, sign: b.sign ^ 1 }, format, environment)
      : operation === "mul" ? multiplication(a, b, format, environment)
        : division(a, b, format, environment);
  // An invalid operation or a division by zero is reported alone (no denormal-operand flag).
  if ((result.flags & (IE | ZE)) !== 0) return result;
  return { bits: result.bits, flags: result.flags | denormalFlag(a, b) };
}

/** Unordered (NaN), less, equal, greater: the outcome of a comparison. */
export type Order = "unordered" | "less" | "equal" | "greater";

/** Compares two elements; `signaling`: any NaN raises IE (comis, the signaling predicates), else only an SNaN. */
export function compare(aBits: bigint, bBits: bigint, format: Format, environment: Environment, signaling: boolean): { order: Order; flags: number } {
  const a = unpack(aBits, format, environment);
  const b = unpack(bBits, format, environment);
  if (a.kind === "nan" || b.kind === "nan") return { order: "unordered", flags: signaling || a.signaling || b.signaling ? IE : 0 };
  const order = compareValues(a, b);
  return { order: order < 0 ? "less" : order > 0 ? "greater" : "equal", flags: denormalFlag(a, b) };
}

/** The cmpps/cmpss predicates 0-7 (EQ, LT, LE, UNORD, NEQ, NLT, NLE, ORD) and whether QNaNs signal. */
const PREDICATES: { holds: (order: Order) => boolean; signaling: boolean }[] = [
  { holds: (order) => order === "equal", signaling: false },
  { holds: (order) => order === "less", signaling: true },
  { holds: (order) => order === "less" || order === "equal", signaling: true },
  { holds: (order) => order === "unordered", signaling: false },
  { holds: (order) => order !== "equal", signaling: false },
  { holds: (order) => order !== "less", signaling: true },
  { holds: (order) => order !== "less" && order !== "equal", signaling: true },
  { holds: (order) => order !== "unordered", signaling: false },
];

export function comparePredicate(predicate: number, aBits: bigint, bBits: bigint, format: Format, environment: Environment): { holds: boolean; flags: number } {
  const entry = PREDICATES[predicate & 7];
  const { order, flags } = compare(aBits, bBits, format, environment, entry.signaling);
  return { holds: entry.holds(order), flags };
}

/** Converts between single and double (cvtss2sd, cvtsd2ss); a NaN keeps its top payload bits. */
export function convertFloat(bits: bigint, from: Format, to: Format, environment: Environment): Result {
  const a = unpack(bits, from, environment);
  if (a.kind === "nan") {
    const payload = (bits & ((1n << BigInt(from.fraction)) - 1n));
    const moved = to.fraction > from.fraction ? payload << BigInt(to.fraction - from.fraction) : payload >> BigInt(from.fraction - to.fraction);
    const quieted = infinity(a.sign, to) | moved | (1n << BigInt(to.fraction - 1));
    return { bits: quieted, flags: a.signaling ? IE : 0 };
  }
  if (a.kind === "infinity") return { bits: infinity(a.sign, to), flags: 0 };
  if (a.kind === "zero") return { bits: signedZero(a.sign, to), flags: 0 };
  const result = roundValue(a.sign, a.significand, a.exponent, to, environment, a.sign);
  return { bits: result.bits, flags: result.flags | denormalFlag(a) };
}

/** A signed 32-bit integer to `format`, rounded by the environment (exact for double). */
export function fromInteger(value: number, format: Format, environment: Environment): Result {
  const sign = value < 0 ? 1 : 0;
  return roundValue(sign, BigInt(Math.abs(value)), 0, format, environment, 0);
}

const INTEGER_INDEFINITE = -0x80000000;

/** `format` to a signed 32-bit integer: by the environment's rounding or truncated; out of range or NaN gives 0x80000000 and IE. */
export function toInteger(bits: bigint, format: Format, environment: Environment, truncate: boolean): { value: number; flags: number } {
  const a = unpack(bits, format, environment);
  if (a.kind === "nan" || a.kind === "infinity") return { value: INTEGER_INDEFINITE, flags: IE };
  if (a.kind === "zero") return { value: 0, flags: 0 };
  const mode = truncate ? TOWARD_ZERO : environment.mode;
  let integer: bigint;
  let inexact = false;
  if (a.exponent >= 0) integer = a.significand << BigInt(a.exponent);
  else {
    const shift = BigInt(-a.exponent);
    const kept = a.significand >> shift;
    const remainder = a.significand & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    inexact = remainder !== 0n;
    const up = inexact && (mode === NEAREST ? remainder > half || (remainder === half && (kept & 1n) === 1n) : mode === DOWN ? a.sign === 1 : mode === TOWARD_ZERO ? false : a.sign === 0);
    integer = up ? kept + 1n : kept;
  }
  const value = a.sign === 1 ? -integer : integer;
  if (value > 0x7fffffffn || value < -0x80000000n) return { value: INTEGER_INDEFINITE, flags: IE };
  return { value: Number(value), flags: inexact ? PE : 0 };
}

export { DOUBLE, SINGLE };
