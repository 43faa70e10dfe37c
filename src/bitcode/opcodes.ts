/**
 * Decoding of opcode, predicate and flag operands shared by constant expressions and
 * instructions, from the tables in record-codes.ts.
 */
import type { BinaryOpcode, CastOpcode, FloatPredicate, IntegerPredicate } from "../ir/instructions.js";
import type { Type } from "../ir/types.js";
import type { WrapFlags } from "../ir/values.js";
import type { ReaderContext } from "./context.js";
import {
  INTEGER_PREDICATE_BASE, binaryOpcodeTable, castOpcodeTable, exactOpcodes, floatPredicateTable,
  integerPredicateTable, overflowingOpcodes,
} from "./record-codes.js";

function isFloatLike(type: Type): boolean {
  return type.kind === "float" || (type.kind === "vector" && type.element.kind === "float");
}

export function decodeBinaryOpcode(context: ReaderContext, code: number, type: Type): BinaryOpcode {
  const entry = binaryOpcodeTable[code];
  if (entry === undefined) context.fail(`binary opcode ${code} is unknown`);
  const name = isFloatLike(type) ? entry[1] : entry[0];
  if (name === undefined) context.fail(`binary opcode ${entry[0]} on a floating-point type`);
  return name as BinaryOpcode;
}

export function decodeCastOpcode(context: ReaderContext, code: number): CastOpcode {
  const name = castOpcodeTable[code];
  if (name === undefined) context.fail(`cast opcode ${code} is unknown`);
  return name;
}

export function decodePredicate(context: ReaderContext, code: number, operandType: Type): IntegerPredicate | FloatPredicate {
  if (isFloatLike(operandType)) {
    const name = floatPredicateTable[code];
    if (name === undefined) context.fail(`floating-point predicate ${code} is unknown`);
    return name;
  }
  const name = integerPredicateTable[code - INTEGER_PREDICATE_BASE];
  if (name === undefined) context.fail(`integer predicate ${code} is unknown`);
  return name;
}

/** nuw/nsw (bits 0/1) on add sub mul shl, exact (bit 0) on udiv sdiv lshr ashr, disjoint on or. */
export function decodeWrapFlags(opcode: string, flags: number): WrapFlags {
  if (flags === 0) return noFlags;
  if (overflowingOpcodes.has(opcode)) return wrapFlagSets[flags & 3]!;
  if (exactOpcodes.has(opcode)) return (flags & 1) !== 0 ? exactFlags : noFlags;
  if (opcode === "or") return (flags & 1) !== 0 ? disjointFlags : noFlags;
  return noFlags;
}

// Flag objects are shared between instructions: treat them as read-only.
const noFlags: WrapFlags = {};
const exactFlags: WrapFlags = { exact: true };
const disjointFlags: WrapFlags = { disjoint: true };
const wrapFlagSets: readonly WrapFlags[] = [noFlags, { nuw: true }, { nsw: true }, { nuw: true, nsw: true }];
const nonNegativeFlags: WrapFlags = { nneg: true };

/** Flags on casts: nneg on zext/uitofp (bit 0), nuw/nsw on trunc (bits 0/1). */
export function decodeCastFlags(opcode: string, flags: number): WrapFlags {
  if (flags === 0) return noFlags;
  if (opcode === "zext" || opcode === "uitofp") return (flags & 1) !== 0 ? nonNegativeFlags : noFlags;
  if (opcode === "trunc") return decodeWrapFlags("add", flags);
  return noFlags;
}
