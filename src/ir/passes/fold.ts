/**
 * Constant folding of integer instructions, as tables: the binary operators, the integer
 * predicates and the integer casts, on bigints reduced to the operand width (LangRef's
 * semantics). A fold that would be undefined behaviour or poison at run time (division by
 * zero, INT_MIN / -1, shifts by the width or more) gives undefined: the instruction stays and
 * the code does what the unoptimised code does.
 */
import type { BinaryOpcode, CastOpcode, Instruction, IntegerPredicate } from "../instructions.js";
import type { Type } from "../types.js";
import type { Value } from "../values.js";

type BinaryFold = (a: bigint, b: bigint, bits: number) => bigint | undefined;

const unsigned = (value: bigint, bits: number): bigint => BigInt.asUintN(bits, value);
const isSignedOverflow = (a: bigint, b: bigint, bits: number): boolean => b === -1n && a === -(1n << BigInt(bits - 1));

const binaryFolds: Partial<Record<BinaryOpcode, BinaryFold>> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  udiv: (a, b, bits) => (b === 0n ? undefined : unsigned(a, bits) / unsigned(b, bits)),
  urem: (a, b, bits) => (b === 0n ? undefined : unsigned(a, bits) % unsigned(b, bits)),
  sdiv: (a, b, bits) => (b === 0n || isSignedOverflow(a, b, bits) ? undefined : a / b),
  srem: (a, b, bits) => (b === 0n || isSignedOverflow(a, b, bits) ? undefined : a % b),
  shl: (a, b, bits) => (unsigned(b, bits) < BigInt(bits) ? a << unsigned(b, bits) : undefined),
  lshr: (a, b, bits) => (unsigned(b, bits) < BigInt(bits) ? unsigned(a, bits) >> unsigned(b, bits) : undefined),
  ashr: (a, b, bits) => (unsigned(b, bits) < BigInt(bits) ? a >> unsigned(b, bits) : undefined),
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  xor: (a, b) => a ^ b,
};

const predicateFolds: Record<IntegerPredicate, (a: bigint, b: bigint, bits: number) => boolean> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  ugt: (a, b, bits) => unsigned(a, bits) > unsigned(b, bits),
  uge: (a, b, bits) => unsigned(a, bits) >= unsigned(b, bits),
  ult: (a, b, bits) => unsigned(a, bits) < unsigned(b, bits),
  ule: (a, b, bits) => unsigned(a, bits) <= unsigned(b, bits),
  sgt: (a, b) => a > b,
  sge: (a, b) => a >= b,
  slt: (a, b) => a < b,
  sle: (a, b) => a <= b,
};

const castFolds: Partial<Record<CastOpcode, (a: bigint, fromBits: number) => bigint>> = {
  trunc: (a) => a,
  zext: (a, fromBits) => unsigned(a, fromBits),
  sext: (a) => a,
};

export const intBits = (type: Type): number | undefined => (type.kind === "int" ? type.bits : undefined);

/** The result of `instruction` when `valueOf` knows its operands; undefined when it cannot fold. */
export function foldInstruction(instruction: Instruction, valueOf: (value: Value) => bigint | undefined): bigint | undefined {
  const resultBits = intBits(instruction.type);
  if (resultBits === undefined) return undefined;
  const [first, second] = instruction.operands;
  if (instruction.opcode === "select") {
    const condition = valueOf(first!);
    return condition === undefined ? undefined : valueOf(instruction.operands[condition !== 0n ? 1 : 2]!);
  }
  const a = first === undefined ? undefined : valueOf(first);
  if (a === undefined) return undefined;
  if (instruction.opcode === "icmp") {
    const b = valueOf(second!);
    const bits = intBits(first!.type);
    if (b === undefined || bits === undefined) return undefined;
    return predicateFolds[instruction.predicate as IntegerPredicate](a, b, bits) ? -1n : 0n;
  }
  const cast = castFolds[instruction.opcode as CastOpcode];
  const fromBits = first === undefined ? undefined : intBits(first.type);
  if (cast !== undefined) return fromBits === undefined ? undefined : BigInt.asIntN(resultBits, cast(a, fromBits));
  const binary = binaryFolds[instruction.opcode as BinaryOpcode];
  if (binary === undefined || second === undefined) return undefined;
  const b = valueOf(second);
  if (b === undefined) return undefined;
  const result = binary(a, b, resultBits);
  return result === undefined ? undefined : BigInt.asIntN(resultBits, result);
}

/** The value of an integer constant operand, or undefined. */
export function constantValue(value: Value): bigint | undefined {
  return value.valueKind === "int" ? value.value : undefined;
}
