/**
 * SSE/SSE2 floating-point instructions: add, sub, mul, div, min, max and sqrt in their ps, pd,
 * ss and sd forms; cmpps/cmppd/cmpss/cmpsd (the eight predicates of imm8[2:0]); comiss, comisd,
 * ucomiss, ucomisd (ZF PF CF; OF SF AF cleared); and the conversions (cvt*). A scalar form
 * changes the destination's low element only; a packed memory operand must be 16-byte aligned.
 * Every element is computed before anything is written, so an unmasked exception (#XM) leaves
 * the destination unchanged. The arithmetic itself is float/operations.ts's.
 */
import { CF, PF, STATUS_FLAGS, ZF, materialize } from "../flags.js";
import type { DecodedInstruction, Handler } from "../instruction.js";
import type { Machine } from "../machine.js";
import { readRm } from "../operands.js";
import { environment, raiseFlags, sourceSlot } from "../float/access.js";
import { type FastResult, fastDouble, fastSingle, fastSquareRoot, fastToInteger, fastToSingle, ordinary } from "../float/fast.js";
import { DOUBLE, type Environment, type Format, NEAREST, PE, SINGLE } from "../float/ieee.js";
import { RESULT_SLOT } from "../float/state.js";
import { binary, type Binary, compare, type Order, comparePredicate, convertFloat, fromInteger, squareRoot, toInteger } from "../float/operations.js";

/** Element `index` of slot `slot`, as bits. */
export function element(m: Machine, slot: number, index: number, format: Format): bigint {
  return format.width === 64 ? m.sse.uint64[slot * 2 + index] : BigInt(m.sse.uint32[slot * 4 + index]);
}

export function setElement(m: Machine, slot: number, index: number, format: Format, bits: bigint): void {
  if (format.width === 64) m.sse.uint64[slot * 2 + index] = bits;
  else m.sse.uint32[slot * 4 + index] = Number(bits);
}

/** How many elements of `format` a form works on: 1 (scalar) or a whole register. */
function countOf(format: Format, packed: boolean): number {
  return packed ? 128 / format.width : 1;
}

/** The operand size of the r/m source: one element, or 16 aligned bytes. */
function sourceSize(format: Format, packed: boolean): number {
  return packed ? 16 : format.width / 8;
}

/** The element's value as a JavaScript number (singles widened exactly). */
function value(m: Machine, slot: number, index: number, format: Format): number {
  return format.width === 64 ? m.sse.float64[slot * 2 + index] : m.sse.float32[slot * 4 + index];
}

/** Stores a fast-path result in the result slot; returns its flags. */
function storeFast(m: Machine, index: number, format: Format, result: FastResult): number {
  if (format.width === 64) m.sse.float64[RESULT_SLOT * 2 + index] = result.value;
  else m.sse.float32[RESULT_SLOT * 4 + index] = result.value;
  return result.inexact ? PE : 0;
}

function commit(m: Machine, destination: number, format: Format, count: number): void {
  const bytes = count * (format.width / 8);
  m.sse.bytes.copyWithin(destination * 16, RESULT_SLOT * 16, RESULT_SLOT * 16 + bytes);
}

/** One element of `operation` into the result slot (fast path in round-to-nearest); its flags. */
function binaryElement(m: Machine, operation: Binary, format: Format, destination: number, source: number, index: number, env: Environment): number {
  if (env.mode === NEAREST) {
    const [a, b] = [value(m, destination, index, format), value(m, source, index, format)];
    const fast = format.width === 64 ? fastDouble(operation, a, b) : fastSingle(operation, a, b);
    if (fast !== undefined) return storeFast(m, index, format, fast);
  }
  const result = binary(operation, element(m, destination, index, format), element(m, source, index, format), format, env);
  setElement(m, RESULT_SLOT, index, format, result.bits);
  return result.flags;
}

/** addps ... maxsd: `operation` element by element. */
export function arithmetic(operation: Binary, format: Format, packed: boolean): Handler {
  const count = countOf(format, packed);
  return (m, i) => {
    const source = sourceSlot(m, i, sourceSize(format, packed), packed);
    const env = environment(m);
    let flags = 0;
    for (let index = 0; index < count; index++) flags |= binaryElement(m, operation, format, i.reg, source, index, env);
    raiseFlags(m, flags);
    commit(m, i.reg, format, count);
  };
}

function squareRootElement(m: Machine, format: Format, source: number, index: number, env: Environment): number {
  if (env.mode === NEAREST) {
    const fast = fastSquareRoot(value(m, source, index, format), format.width === 32);
    if (fast !== undefined) return storeFast(m, index, format, fast);
  }
  const result = squareRoot(element(m, source, index, format), format, env);
  setElement(m, RESULT_SLOT, index, format, result.bits);
  return result.flags;
}

/** sqrtps ... sqrtsd: the destination's elements are the source's square roots. */
export function squareRoots(format: Format, packed: boolean): Handler {
  const count = countOf(format, packed);
  return (m, i) => {
    const source = sourceSlot(m, i, sourceSize(format, packed), packed);
    const env = environment(m);
    let flags = 0;
    for (let index = 0; index < count; index++) flags |= squareRootElement(m, format, source, index, env);
    raiseFlags(m, flags);
    commit(m, i.reg, format, count);
  };
}

/** cmpps ... cmpsd: each element becomes all ones where the predicate (imm8 & 7) holds, else zero. */
export function comparePredicates(format: Format, packed: boolean): Handler {
  const ones = format.width === 64 ? 0xffffffffffffffffn : 0xffffffffn;
  return (m, i) => {
    const source = sourceSlot(m, i, sourceSize(format, packed), packed);
    const env = environment(m);
    const results = Array.from({ length: countOf(format, packed) }, (_, index) =>
      fastPredicate(m, i.immediate, format, i.reg, source, index) ??
      comparePredicate(i.immediate, element(m, i.reg, index, format), element(m, source, index, format), format, env));
    raiseFlags(m, results.reduce((flags, result) => flags | result.flags, 0));
    results.forEach((result, index) => setElement(m, i.reg, index, format, result.holds ? ones : 0n));
  };
}

/** The order of two elements that are neither NaNs nor denormals (no flags), else undefined. */
function fastOrder(m: Machine, format: Format, first: number, second: number, index: number): Order | undefined {
  const [a, b] = [value(m, first, index, format), value(m, second, index, format)];
  const single = format.width === 32;
  if (!ordinary(a, single) || !ordinary(b, single)) return undefined;
  return a < b ? "less" : a > b ? "greater" : "equal";
}

const PREDICATE_HOLDS: ((order: Order) => boolean)[] = [
  (order) => order === "equal", (order) => order === "less", (order) => order !== "greater", () => false,
  (order) => order !== "equal", (order) => order !== "less", (order) => order === "greater", () => true,
];

function fastPredicate(m: Machine, predicate: number, format: Format, first: number, second: number, index: number): { holds: boolean; flags: number } | undefined {
  const order = fastOrder(m, format, first, second, index);
  return order === undefined ? undefined : { holds: PREDICATE_HOLDS[predicate & 7](order), flags: 0 };
}

const ORDER_FLAGS = { unordered: ZF | PF | CF, less: CF, equal: ZF, greater: 0 };

/** comiss/comisd (any NaN signals) and ucomiss/ucomisd (only an SNaN does): EFLAGS from the order. */
export function compareFlags(format: Format, signaling: boolean): Handler {
  return (m, i) => {
    const source = sourceSlot(m, i, format.width / 8);
    const fast = fastOrder(m, format, i.reg, source, 0);
    const { order, flags } = fast !== undefined ? { order: fast, flags: 0 }
      : compare(element(m, i.reg, 0, format), element(m, source, 0, format), format, environment(m), signaling);
    raiseFlags(m, flags);
    materialize(m);
    m.eflags = (m.eflags & ~STATUS_FLAGS) | ORDER_FLAGS[order];
  };
}

/** cvtsi2ss / cvtsi2sd: a signed 32-bit integer (r/m32) into the low element. */
export function fromInteger32(format: Format): Handler {
  return (m, i) => {
    const integer = readRm(m, i, 4);
    if (format.width === 64) {
      m.sse.float64[i.reg * 2] = integer;
      return;
    }
    const env = environment(m);
    const rounded = Math.fround(integer);
    if (env.mode === NEAREST) {
      raiseFlags(m, rounded === integer ? 0 : PE);
      m.sse.float32[i.reg * 4] = rounded;
      return;
    }
    const result = fromInteger(integer, format, env);
    raiseFlags(m, result.flags);
    setElement(m, i.reg, 0, format, result.bits);
  };
}

/** cvtss2si, cvttss2si, cvtsd2si, cvttsd2si: the low element into a 32-bit register. */
export function toInteger32(format: Format, truncate: boolean): Handler {
  return (m, i) => {
    const source = sourceSlot(m, i, format.width / 8);
    const env = environment(m);
    const fast = truncate || env.mode === NEAREST ? fastToInteger(value(m, source, 0, format), format.width === 32, truncate) : undefined;
    const result = fast !== undefined ? { value: fast.value, flags: fast.inexact ? PE : 0 } : toInteger(element(m, source, 0, format), format, env, truncate);
    raiseFlags(m, result.flags);
    m.regs[i.reg] = result.value;
  };
}

/** cvtss2sd / cvtsd2ss: the low element converted; the rest of the destination is kept. */
export function convertScalar(from: Format, to: Format): Handler {
  return (m, i) => {
    const source = sourceSlot(m, i, from.width / 8);
    const env = environment(m);
    const x = value(m, source, 0, from);
    if (from.width === 32 && ordinary(x, true)) {
      m.sse.float64[i.reg * 2] = x;
      return;
    }
    const fast = from.width === 64 && env.mode === NEAREST ? fastToSingle(x) : undefined;
    if (fast !== undefined) {
      raiseFlags(m, fast.inexact ? PE : 0);
      m.sse.float32[i.reg * 4] = fast.value;
      return;
    }
    const result = convertFloat(element(m, source, 0, from), from, to, env);
    raiseFlags(m, result.flags);
    setElement(m, i.reg, 0, to, result.bits);
  };
}

/** What a packed conversion reads and makes: element formats ("int" for int32) and the source size. */
interface PackedConversion {
  from: Format | "int";
  to: Format | "int";
  count: number;
  sourceSize: number;
  truncate: boolean;
}

function convertElement(m: Machine, source: number, index: number, conversion: PackedConversion): { bits: bigint; flags: number } {
  const env = environment(m);
  const { from, to } = conversion;
  if (from === "int") return fromInteger(m.sse.int32[source * 4 + index], to as Format, env);
  const bits = element(m, source, index, from);
  if (to === "int") {
    const result = toInteger(bits, from, env, conversion.truncate);
    return { bits: BigInt(result.value >>> 0), flags: result.flags };
  }
  return convertFloat(bits, from, to, env);
}

/** cvtps2pd, cvtpd2ps, cvtdq2ps, cvtps2dq, cvttps2dq, cvtdq2pd, cvtpd2dq, cvttpd2dq. */
export function convertPacked(conversion: PackedConversion): Handler {
  const to = conversion.to === "int" ? SINGLE : conversion.to;
  return (m: Machine, i: DecodedInstruction) => {
    const source = sourceSlot(m, i, conversion.sourceSize, conversion.sourceSize === 16);
    const results = Array.from({ length: conversion.count }, (_, index) => convertElement(m, source, index, conversion));
    raiseFlags(m, results.reduce((flags, result) => flags | result.flags, 0));
    const elements = 128 / to.width;
    for (let index = 0; index < elements; index++) setElement(m, i.reg, index, to, results[index]?.bits ?? 0n);
  };
}

export { DOUBLE, SINGLE };
