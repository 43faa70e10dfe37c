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
import { DOUBLE, type Format, SINGLE } from "../float/ieee.js";
import { binary, type Binary, compare, comparePredicate, convertFloat, fromInteger, squareRoot, toInteger } from "../float/operations.js";

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

/** addps ... maxsd: `operation` element by element. */
export function arithmetic(operation: Binary, format: Format, packed: boolean): Handler {
  return (m, i) => {
    const source = sourceSlot(m, i, sourceSize(format, packed), packed);
    const env = environment(m);
    const results: bigint[] = [];
    let flags = 0;
    for (let index = 0; index < countOf(format, packed); index++) {
      const result = binary(operation, element(m, i.reg, index, format), element(m, source, index, format), format, env);
      results.push(result.bits);
      flags |= result.flags;
    }
    raiseFlags(m, flags);
    results.forEach((bits, index) => setElement(m, i.reg, index, format, bits));
  };
}

/** sqrtps ... sqrtsd: the destination's elements are the source's square roots. */
export function squareRoots(format: Format, packed: boolean): Handler {
  return (m, i) => {
    const source = sourceSlot(m, i, sourceSize(format, packed), packed);
    const env = environment(m);
    const results = Array.from({ length: countOf(format, packed) }, (_, index) => squareRoot(element(m, source, index, format), format, env));
    raiseFlags(m, results.reduce((flags, result) => flags | result.flags, 0));
    results.forEach((result, index) => setElement(m, i.reg, index, format, result.bits));
  };
}

/** cmpps ... cmpsd: each element becomes all ones where the predicate (imm8 & 7) holds, else zero. */
export function comparePredicates(format: Format, packed: boolean): Handler {
  const ones = format.width === 64 ? 0xffffffffffffffffn : 0xffffffffn;
  return (m, i) => {
    const source = sourceSlot(m, i, sourceSize(format, packed), packed);
    const env = environment(m);
    const results = Array.from({ length: countOf(format, packed) }, (_, index) =>
      comparePredicate(i.immediate, element(m, i.reg, index, format), element(m, source, index, format), format, env));
    raiseFlags(m, results.reduce((flags, result) => flags | result.flags, 0));
    results.forEach((result, index) => setElement(m, i.reg, index, format, result.holds ? ones : 0n));
  };
}

const ORDER_FLAGS = { unordered: ZF | PF | CF, less: CF, equal: ZF, greater: 0 };

/** comiss/comisd (any NaN signals) and ucomiss/ucomisd (only an SNaN does): EFLAGS from the order. */
export function compareFlags(format: Format, signaling: boolean): Handler {
  return (m, i) => {
    const source = sourceSlot(m, i, format.width / 8);
    const { order, flags } = compare(element(m, i.reg, 0, format), element(m, source, 0, format), format, environment(m), signaling);
    raiseFlags(m, flags);
    materialize(m);
    m.eflags = (m.eflags & ~STATUS_FLAGS) | ORDER_FLAGS[order];
  };
}

/** cvtsi2ss / cvtsi2sd: a signed 32-bit integer (r/m32) into the low element. */
export function fromInteger32(format: Format): Handler {
  return (m, i) => {
    const result = fromInteger(readRm(m, i, 4), format, environment(m));
    raiseFlags(m, result.flags);
    setElement(m, i.reg, 0, format, result.bits);
  };
}

/** cvtss2si, cvttss2si, cvtsd2si, cvttsd2si: the low element into a 32-bit register. */
export function toInteger32(format: Format, truncate: boolean): Handler {
  return (m, i) => {
    const source = sourceSlot(m, i, format.width / 8);
    const result = toInteger(element(m, source, 0, format), format, environment(m), truncate);
    raiseFlags(m, result.flags);
    m.regs[i.reg] = result.value;
  };
}

/** cvtss2sd / cvtsd2ss: the low element converted; the rest of the destination is kept. */
export function convertScalar(from: Format, to: Format): Handler {
  return (m, i) => {
    const source = sourceSlot(m, i, from.width / 8);
    const result = convertFloat(element(m, source, 0, from), from, to, environment(m));
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
