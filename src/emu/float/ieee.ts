/**
 * IEEE 754 binary32 / binary64 arithmetic as the SSE unit does it, exactly: every result is the
 * exact value rounded once by MXCSR's rounding mode, with the exception flags the Intel SDM
 * (vol. 1, 4.9 and 11.5) defines: invalid (IE), denormal operand (DE), divide by zero (ZE),
 * overflow (OE), underflow (UE: tiny after rounding and inexact) and precision (PE).
 *
 * Values are handled as bit patterns (bigint) and unpacked into sign, integer significand and
 * exponent; the exact result of +, -, *, / and sqrt is formed with BigInt (a sticky bit stands
 * for the discarded remainder of / and sqrt) and rounded by `round`. NaNs follow the SDM's
 * rules for SSE (table 4-7): the first source's NaN wins, an SNaN is quieted and raises IE;
 * invalid operations give the default QNaN ("real indefinite", sign set). Masked responses only:
 * the caller raises #XM when an unmasked flag comes up.
 */

export const IE = 0x01;
export const DE = 0x02;
export const ZE = 0x04;
export const OE = 0x08;
export const UE = 0x10;
export const PE = 0x20;
/** Not an exception: set with PE when rounding incremented the magnitude (the x87's C1, bit 9 of its status word). */
export const ROUNDED_UP = 0x200;

/** MXCSR rounding control (bits 13-14): nearest even, down (-inf), up (+inf), toward zero. */
export const NEAREST = 0;
export const DOWN = 1;
export const UP = 2;
export const TOWARD_ZERO = 3;

export interface Format {
  width: 32 | 64;
  fraction: number;
  bias: number;
  /** The all-ones biased exponent (infinities and NaNs). */
  exponentMax: number;
}

export const SINGLE: Format = { width: 32, fraction: 23, bias: 127, exponentMax: 255 };
export const DOUBLE: Format = { width: 64, fraction: 52, bias: 1023, exponentMax: 2047 };

/** Rounding mode and the flush-to-zero / denormals-are-zero bits, from MXCSR. */
export interface Environment {
  mode: number;
  flushToZero: boolean;
  denormalsAreZero: boolean;
}

export interface Result {
  bits: bigint;
  flags: number;
}

export type Kind = "zero" | "finite" | "infinity" | "nan";

/** An unpacked operand: value = (-1)^sign * significand * 2^exponent for finite ones. */
export interface Unpacked {
  kind: Kind;
  sign: number;
  significand: bigint;
  exponent: number;
  denormal: boolean;
  signaling: boolean;
  bits: bigint;
}

const one = 1n;

export function signBit(format: Format): bigint {
  return one << BigInt(format.width - 1);
}

export function indefinite(format: Format): bigint {
  return format.width === 32 ? 0xffc00000n : 0xfff8000000000000n;
}

function quietBit(format: Format): bigint {
  return one << BigInt(format.fraction - 1);
}

export function unpack(bits: bigint, format: Format, environment?: Environment): Unpacked {
  const fractionMask = (one << BigInt(format.fraction)) - one;
  const sign = Number(bits >> BigInt(format.width - 1)) & 1;
  const biased = Number((bits >> BigInt(format.fraction)) & BigInt(format.exponentMax));
  const fraction = bits & fractionMask;
  const base = { sign, significand: 0n, exponent: 0, denormal: false, signaling: false, bits };
  if (biased === format.exponentMax) {
    if (fraction === 0n) return { ...base, kind: "infinity" };
    return { ...base, kind: "nan", signaling: (fraction & quietBit(format)) === 0n };
  }
  if (biased === 0) {
    if (fraction === 0n) return { ...base, kind: "zero" };
    if (environment?.denormalsAreZero === true) return { ...base, kind: "zero", bits: bits & signBit(format) };
    return { ...base, kind: "finite", significand: fraction, exponent: 1 - format.bias - format.fraction, denormal: true };
  }
  return { ...base, kind: "finite", significand: fraction | (one << BigInt(format.fraction)), exponent: biased - format.bias - format.fraction };
}

export function quiet(operand: Unpacked, format: Format): bigint {
  return operand.bits | quietBit(format);
}

function bitLength(value: bigint): number {
  return value.toString(2).length;
}

function zero(sign: number, format: Format): bigint {
  return sign === 0 ? 0n : signBit(format);
}

export function infinity(sign: number, format: Format): bigint {
  return zero(sign, format) | (BigInt(format.exponentMax) << BigInt(format.fraction));
}

function largest(sign: number, format: Format): bigint {
  return infinity(sign, format) - one;
}

/** Rounds `kept` (with `remainder` of `half * 2` discarded) up or not, by the mode. */
function roundsUp(mode: number, sign: number, kept: bigint, remainder: bigint, half: bigint): boolean {
  if (remainder === 0n) return false;
  switch (mode) {
    case NEAREST: return remainder > half || (remainder === half && (kept & one) === one);
    case DOWN: return sign === 1;
    case UP: return sign === 0;
    default: return false;
  }
}

/** `significand * 2^exponent` rounded at quantum 2^quantum: the new significand and whether it was inexact. */
function roundAt(significand: bigint, exponent: number, quantum: number, mode: number, sign: number): { kept: bigint; inexact: boolean } {
  const shift = quantum - exponent;
  if (shift <= 0) return { kept: significand << BigInt(-shift), inexact: false };
  const big = BigInt(shift);
  const kept = significand >> big;
  const remainder = significand & ((one << big) - one);
  const up = roundsUp(mode, sign, kept, remainder, one << (big - one));
  return { kept: up ? kept + one : kept, inexact: remainder !== 0n };
}

/**
 * The exact value (-1)^sign * significand * 2^exponent (significand > 0) rounded to `format`
 * by the environment, with overflow, underflow (tininess after rounding) and precision flags.
 */
export function round(sign: number, significand: bigint, exponent: number, format: Format, environment: Environment): Result {
  const precision = format.fraction + 1;
  const leading = exponent + bitLength(significand) - 1;
  const minimum = 1 - format.bias;
  const unbounded = roundAt(significand, exponent, leading - format.fraction, environment.mode, sign);
  const tiny = leading < minimum && !(unbounded.kept >> BigInt(precision) === one && leading + 1 === minimum);
  // Flush to zero: a tiny result, exact or not, becomes a zero of its sign (SDM vol. 1, 10.2.3.3).
  if (tiny && environment.flushToZero) return { bits: zero(sign, format), flags: UE | PE };
  const quantum = Math.max(leading, minimum) - format.fraction;
  let { kept, inexact } = roundAt(significand, exponent, quantum, environment.mode, sign);
  let resultQuantum = quantum;
  if (kept >> BigInt(precision) !== 0n) {
    kept >>= one;
    resultQuantum++;
  }
  let flags = inexact ? PE : 0;
  if (inexact && roundAt(significand, exponent, quantum, TOWARD_ZERO, sign).kept !== (kept << BigInt(resultQuantum - quantum))) flags |= ROUNDED_UP;
  if (tiny && inexact) flags |= UE;
  const hidden = one << BigInt(format.fraction);
  if (kept < hidden) return { bits: zero(sign, format) | kept, flags };
  const biased = resultQuantum + format.fraction + format.bias;
  if (biased >= format.exponentMax) {
    const bits = overflowResult(sign, format, environment.mode);
    return { bits, flags: OE | PE | (bits === infinity(sign, format) ? ROUNDED_UP : 0) };
  }
  return { bits: zero(sign, format) | (BigInt(biased) << BigInt(format.fraction)) | (kept - hidden), flags };
}

function overflowResult(sign: number, format: Format, mode: number): bigint {
  const toInfinity = mode === NEAREST || (mode === DOWN && sign === 1) || (mode === UP && sign === 0);
  return toInfinity ? infinity(sign, format) : largest(sign, format);
}

/** Rounds an exact value (sign, significand, exponent); zero significand gives a zero of `zeroSign`. */
export function roundValue(sign: number, significand: bigint, exponent: number, format: Format, environment: Environment, zeroSign: number): Result {
  if (significand === 0n) return { bits: zero(zeroSign, format), flags: 0 };
  return round(sign, significand, exponent, format, environment);
}

export { zero as signedZero };
