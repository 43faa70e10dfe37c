/**
 * The fast path of the SSE arithmetic: in round-to-nearest mode, with normal (or zero) operands
 * and a normal (or zero) finite result, JavaScript's own double arithmetic is IEEE 754's
 * correctly rounded result, and the precision flag comes from the exact error of the operation
 * (Knuth's TwoSum for + and -, Dekker's product for *, / and sqrt), computed in doubles. Singles
 * are computed in double and rounded once more with Math.fround, which gives the correctly
 * rounded single for + - * / sqrt (53 >= 2 * 24 + 2). Anything else (NaNs, infinities,
 * denormals, overflow, underflow, the other rounding modes) returns undefined: ieee.ts's exact
 * arithmetic handles it.
 */
import type { Binary } from "./operations.js";

const SPLIT = 134217729; // 2^27 + 1
const MIN_NORMAL_DOUBLE = 2 ** -1022;
const MIN_NORMAL_SINGLE = 2 ** -126;
const SAFE_LOW = 2 ** -900;
const SAFE_HIGH = 2 ** 900;

export interface FastResult {
  value: number;
  inexact: boolean;
}

/** a * b - product, exactly (Dekker), for |a|, |b| < 2^995 and a product far from underflow. */
function productError(a: number, b: number, product: number): number {
  let t = SPLIT * a;
  const aHigh = t - (t - a);
  const aLow = a - aHigh;
  t = SPLIT * b;
  const bHigh = t - (t - b);
  const bLow = b - bHigh;
  return aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
}

function sumError(a: number, b: number, sum: number): number {
  const bVirtual = sum - a;
  const aVirtual = sum - bVirtual;
  return (a - aVirtual) + (b - bVirtual);
}

/** A zero result is exact only from a cancellation (+, -) or a zero operand; else it underflowed. */
function zeroIsExact(operation: Binary, a: number, b: number): boolean {
  return operation === "add" || operation === "sub" || a === 0 || (operation === "mul" && b === 0);
}

const safe = (x: number) => x === 0 || (Math.abs(x) >= SAFE_LOW && Math.abs(x) <= SAFE_HIGH);
const normalOrZero = (x: number, minimum: number) => x === 0 || (Math.abs(x) >= minimum && Math.abs(x) !== Infinity);

/** The exact-error test of `operation` in doubles: whether `a op b` differs from `result`. */
function inexactDouble(operation: Binary, a: number, b: number, result: number): boolean | undefined {
  switch (operation) {
    case "add": return sumError(a, b, result) !== 0;
    case "sub": return sumError(a, -b, result) !== 0;
    case "mul":
      if (a === 0 || b === 0) return false;
      return safe(a) && safe(b) && safe(result) ? productError(a, b, result) !== 0 : undefined;
    case "div":
      if (a === 0) return false;
      return safe(a) && safe(b) && safe(result) ? result * b !== a || productError(result, b, result * b) !== 0 : undefined;
    default: return undefined;
  }
}

/** A double operation in round-to-nearest, or undefined where the exact path must decide. */
export function fastDouble(operation: Binary, a: number, b: number): FastResult | undefined {
  if (!normalOrZero(a, MIN_NORMAL_DOUBLE) || !normalOrZero(b, MIN_NORMAL_DOUBLE) || operation === "min" || operation === "max") return undefined;
  if (operation === "div" && b === 0) return undefined;
  const value = operation === "add" ? a + b : operation === "sub" ? a - b : operation === "mul" ? a * b : a / b;
  if (value === 0 ? !zeroIsExact(operation, a, b) : !(Math.abs(value) > MIN_NORMAL_DOUBLE && Math.abs(value) !== Infinity)) return undefined;
  const inexact = inexactDouble(operation, a, b, value);
  return inexact === undefined ? undefined : { value, inexact };
}

/** A single operation (operands as doubles holding singles) in round-to-nearest, or undefined. */
export function fastSingle(operation: Binary, a: number, b: number): FastResult | undefined {
  if (!normalOrZero(a, MIN_NORMAL_SINGLE) || !normalOrZero(b, MIN_NORMAL_SINGLE) || operation === "min" || operation === "max") return undefined;
  if (operation === "div" && b === 0) return undefined;
  const wide = operation === "add" ? a + b : operation === "sub" ? a - b : operation === "mul" ? a * b : a / b;
  const value = Math.fround(wide);
  if (value === 0 ? !zeroIsExact(operation, a, b) : !(Math.abs(value) > MIN_NORMAL_SINGLE && Math.abs(value) !== Infinity)) return undefined;
  if (operation === "add" || operation === "sub") return { value, inexact: wide !== value || sumError(a, operation === "add" ? b : -b, wide) !== 0 };
  if (operation === "mul") return { value, inexact: wide !== value };
  return { value, inexact: value * b !== a };
}

/** sqrt in round-to-nearest for a normal non-negative operand (`single`: a single's value), or undefined. */
export function fastSquareRoot(a: number, single: boolean): FastResult | undefined {
  if (a === 0 || !(a >= (single ? MIN_NORMAL_SINGLE : SAFE_LOW) && a <= SAFE_HIGH)) return undefined;
  const root = Math.sqrt(a);
  if (single) {
    const value = Math.fround(root);
    return { value, inexact: value * value !== a };
  }
  return { value: root, inexact: root * root !== a || productError(root, root, root * root) !== 0 };
}

/** Whether `x` is neither a NaN nor a denormal of its format (such operands compare without flags). */
export function ordinary(x: number, single: boolean): boolean {
  return x === 0 || Math.abs(x) >= (single ? MIN_NORMAL_SINGLE : MIN_NORMAL_DOUBLE);
}

/** Truncation or round-half-even to a 32-bit integer of a finite, normal or zero `x`, or undefined (out of range: exact path). */
export function fastToInteger(x: number, single: boolean, truncate: boolean): FastResult | undefined {
  if (!ordinary(x, single) || Math.abs(x) >= 2 ** 31) return undefined;
  let value = Math.trunc(x);
  if (!truncate) {
    const floor = Math.floor(x);
    const fraction = x - floor;
    value = fraction > 0.5 || (fraction === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  }
  if (value > 0x7fffffff || value < -0x80000000) return undefined;
  return { value, inexact: value !== x };
}

/** cvtsd2ss in round-to-nearest for a normal or zero double whose single is normal or zero, or undefined. */
export function fastToSingle(x: number): FastResult | undefined {
  const value = Math.fround(x);
  if (!ordinary(x, false) || !(value === 0 ? x === 0 : Math.abs(value) > MIN_NORMAL_SINGLE && Math.abs(value) !== Infinity)) return undefined;
  return { value, inexact: value !== x };
}
