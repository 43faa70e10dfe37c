/**
 * Numbers as bitcode stores them: sign-folded integers (value << 1 | sign), wide integers as
 * arrays of sign-folded 64-bit words (low word first), floating-point constants as raw IEEE
 * bits (x86_fp80 split over two operands, LLVM BitcodeReader `CST_CODE_FLOAT`).
 */
import type { FloatType } from "../ir/types.js";
import type { ReaderContext } from "./context.js";

/** Decodes a sign-folded value; `exact` is the operand's exact value when above 2^53. */
export function decodeSigned(raw: number, exact?: bigint): bigint {
  if (exact !== undefined) {
    const magnitude = exact >> 1n;
    return (exact & 1n) === 1n ? (magnitude === 0n ? -(1n << 63n) : -magnitude) : magnitude;
  }
  if (raw % 2 === 0) return BigInt(raw / 2);
  const magnitude = Math.floor(raw / 2);
  return magnitude === 0 ? -(1n << 63n) : -BigInt(magnitude);
}

/** Decodes a sign-folded value that fits a JS number (relative PHI operands). */
export function decodeSignedNumber(raw: number): number {
  return raw % 2 === 0 ? raw / 2 : -Math.floor(raw / 2);
}

/** An integer wider than 64 bits: words `ops[from..to)`, each sign-folded. */
export function readWideInteger(context: ReaderContext, ops: readonly number[], from: number, to: number, bits: number): bigint {
  if (to <= from) context.fail("WIDE_INTEGER record is too short");
  let value = 0n;
  for (let index = to - 1; index >= from; index--) {
    const word = BigInt.asUintN(64, decodeSigned(ops[index]!, context.cursor.wide?.get(index)));
    value = (value << 64n) | word;
  }
  return BigInt.asIntN(bits, value);
}

/** The raw bits of a FLOAT constant record for `type`. */
export function readFloatBits(context: ReaderContext, type: FloatType): bigint {
  const cursor = context.cursor;
  const operand = (index: number): bigint => {
    const raw = context.op(index, "FLOAT");
    return cursor.wide?.get(index) ?? BigInt(raw);
  };
  switch (type.name) {
    case "x86_fp80": {
      // Record[0] = high 64 bits of the significand-and-exponent layout, Record[1] low 16.
      const first = operand(0);
      const second = operand(1);
      const low = (second & 0xffffn) | ((first << 16n) & 0xffffffffffffffffn);
      const high = (first >> 48n) & 0xffffn;
      return (high << 64n) | low;
    }
    case "fp128": case "ppc_fp128":
      return (operand(1) << 64n) | operand(0);
    default:
      return BigInt.asUintN(type.bits, operand(0));
  }
}

const smallBigInts: bigint[] = Array.from({ length: 1024 }, (_, index) => BigInt(index));

/** BigInt(value), sharing one object per small value (BigInts are immutable): strings and tables. */
export function bigIntOf(value: number): bigint {
  return value < 1024 ? smallBigInts[value]! : BigInt(value);
}
