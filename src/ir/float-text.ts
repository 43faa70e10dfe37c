/**
 * Floating-point constants as LLVM's assembly writer prints them (AsmWriter.cpp,
 * `writeAPFloatInternal`, and APFloat.cpp `IEEEFloat::toString`).
 *
 * float and double: the value in scientific notation with six significant digits
 * (`1.000000e-01`) when that text parses back to exactly the same double, otherwise the bits
 * of the value as a double in hex (`0x3FB99999A0000000`; a float is widened to double first).
 * Other formats are always hex with a letter: half `0xH`, bfloat `0xR`, x86_fp80 `0xK`,
 * fp128 `0xL`, ppc_fp128 `0xM`. The decimal digits are produced with LLVM's own algorithm
 * (exact big-integer arithmetic, then "round half up" on the digit string), so the text is
 * the same digit for digit, not merely the same value.
 */
import type { FloatKind } from "./types.js";

const formatPrecision = 6;

interface Layout { readonly mantissaBits: number; readonly exponentBits: number }
const layouts: Record<"float" | "double", Layout> = {
  float: { mantissaBits: 23, exponentBits: 8 },
  double: { mantissaBits: 52, exponentBits: 11 },
};

/** The text llvm-dis prints for a floating-point constant of the given kind and raw bits. */
export function formatFloat(kind: FloatKind, bits: bigint): string {
  switch (kind) {
    case "float": case "double": return formatIeee(kind, bits);
    case "half": return `0xH${hex(bits, 4)}`;
    case "bfloat": return `0xR${hex(bits, 4)}`;
    case "x86_fp80": return `0xK${hex(bits >> 64n, 4)}${hex(bits & mask(64), 16)}`;
    case "fp128": return `0xL${hex(bits & mask(64), 16)}${hex(bits >> 64n, 16)}`;
    case "ppc_fp128": return `0xM${hex(bits & mask(64), 16)}${hex(bits >> 64n, 16)}`;
  }
}

function mask(width: number): bigint {
  return (1n << BigInt(width)) - 1n;
}

function hex(value: bigint, digits: number): string {
  return (value & mask(digits * 4)).toString(16).toUpperCase().padStart(digits, "0");
}

function formatIeee(kind: "float" | "double", bits: bigint): string {
  const layout = layouts[kind];
  const exponentMask = mask(layout.exponentBits);
  const biasedExponent = (bits >> BigInt(layout.mantissaBits)) & exponentMask;
  const asDouble = toDoubleBits(kind, bits);
  if (biasedExponent !== exponentMask) {
    const text = decimalText(layout, bits);
    if (Number(text) === doubleFromBits(asDouble)) return text;
  }
  return `0x${asDouble.toString(16).toUpperCase().padStart(16, "0")}`;
}

/** The double bits of a float or double, as LLVM widens a float (a signaling NaN stays signaling). */
function toDoubleBits(kind: "float" | "double", bits: bigint): bigint {
  if (kind === "double") return bits & mask(64);
  const sign = (bits >> 31n) & 1n;
  const exponent = (bits >> 23n) & 0xffn;
  const fraction = bits & mask(23);
  if (exponent === 0xffn) return (sign << 63n) | (0x7ffn << 52n) | (fraction << 29n);
  const buffer = new DataView(new ArrayBuffer(8));
  buffer.setUint32(0, Number(bits & mask(32)));
  buffer.setFloat64(0, buffer.getFloat32(0));
  return buffer.getBigUint64(0);
}

function doubleFromBits(bits: bigint): number {
  const buffer = new DataView(new ArrayBuffer(8));
  buffer.setBigUint64(0, bits);
  return buffer.getFloat64(0);
}

/** `IEEEFloat::toString(Str, 6, 0, false)` for a finite value. */
function decimalText(layout: Layout, bits: bigint): string {
  const totalBits = layout.mantissaBits + layout.exponentBits + 1;
  const negative = ((bits >> BigInt(totalBits - 1)) & 1n) === 1n;
  const sign = negative ? "-" : "";
  const biased = Number((bits >> BigInt(layout.mantissaBits)) & mask(layout.exponentBits));
  const fraction = bits & mask(layout.mantissaBits);
  if (biased === 0 && fraction === 0n) return `${sign}0.${"0".repeat(formatPrecision)}e+00`;
  const bias = (1 << (layout.exponentBits - 1)) - 1;
  let significand = biased === 0 ? fraction : fraction | (1n << BigInt(layout.mantissaBits));
  let exponent = (biased === 0 ? 1 - bias : biased - bias) - layout.mantissaBits;
  while ((significand & 1n) === 0n) {
    significand >>= 1n;
    exponent += 1;
  }
  if (exponent > 0) {
    significand <<= BigInt(exponent);
    exponent = 0;
  } else if (exponent < 0) {
    significand *= 5n ** BigInt(-exponent);
  }
  [significand, exponent] = dropTens(significand, exponent);
  const digits = significand.toString(10);
  const trimmed = digits.replace(/0+$/, "");
  exponent += digits.length - trimmed.length;
  return scientific(sign, roundDigits(trimmed, exponent));
}

/** The big-integer `AdjustToPrecision`: divide out tens the format cannot show (truncating). */
function dropTens(significand: bigint, exponent: number): [bigint, number] {
  const activeBits = significand.toString(2).length;
  const bitsRequired = Math.floor((formatPrecision * 196 + 58) / 59);
  if (activeBits <= bitsRequired) return [significand, exponent];
  const tensRemovable = Math.floor(((activeBits - bitsRequired) * 59) / 196);
  if (tensRemovable === 0) return [significand, exponent];
  return [significand / 10n ** BigInt(tensRemovable), exponent + tensRemovable];
}

interface Digits { readonly digits: string; readonly exponent: number }

/** The digit-string `AdjustToPrecision`: keep six digits, rounding half up (most significant first). */
function roundDigits(digits: string, exponent: number): Digits {
  const count = digits.length;
  if (count <= formatPrecision) return { digits, exponent };
  if (digits[formatPrecision]! < "5") {
    const kept = digits.slice(0, formatPrecision).replace(/0+$/, "");
    return { digits: kept, exponent: exponent + count - kept.length };
  }
  const kept = digits.slice(0, formatPrecision).split("");
  let index = kept.length - 1;
  while (index >= 0 && kept[index] === "9") index -= 1;
  if (index < 0) return { digits: "1", exponent: exponent + count };
  kept[index] = String.fromCharCode(kept[index]!.charCodeAt(0) + 1);
  const result = kept.slice(0, index + 1).join("");
  return { digits: result, exponent: exponent + count - result.length };
}

function scientific(sign: string, { digits, exponent }: Digits): string {
  const decimalExponent = exponent + digits.length - 1;
  const fractionDigits = digits.slice(1).padEnd(formatPrecision, "0");
  const exponentText = String(Math.abs(decimalExponent)).padStart(2, "0");
  return `${sign}${digits[0]}.${fractionDigits}e${decimalExponent < 0 ? "-" : "+"}${exponentText}`;
}
