/**
 * Copy propagation and instcombine-style rewrites, repeated until nothing changes. Each rule
 * in `rules` looks at one instruction and returns the value that replaces it, or a new
 * instruction that takes its place, or nothing:
 *
 *   constant operands folded (fold.ts)          x + 0, x - 0, x | 0, x ^ 0, x << 0 ... -> x
 *   x * 1, x / 1, x & -1 -> x                   x * 0, x & 0 -> 0
 *   phi [x, ...] with one value (or itself) -> x (a copy)
 *   select c, x, x -> x; select true/false     bitcast to its own type -> x
 *   constant on the left of + * & | ^ -> on the right
 *   x * 2^k -> x << k; x udiv 2^k -> x >> k; x urem 2^k -> x & (2^k - 1)  (strength reduction)
 */
import type { BinaryInstruction, Instruction } from "../instructions.js";
import { sameType, type IntType } from "../types.js";
import { constantInt, type Function, type Value } from "../values.js";
import { UseMap } from "../analysis/uses.js";
import { removeInstructions, replaceInstruction } from "./edit.js";
import { constantValue, foldInstruction, intBits } from "./fold.js";

type Rewrite = Value | Instruction | undefined;
type Rule = (instruction: Instruction) => Rewrite;

const commutative: ReadonlySet<string> = new Set(["add", "mul", "and", "or", "xor"]);
/** Operators where a right operand of `identity` gives the left operand back. */
const rightIdentities: Readonly<Record<string, bigint>> = { add: 0n, sub: 0n, or: 0n, xor: 0n, shl: 0n, lshr: 0n, ashr: 0n, mul: 1n, udiv: 1n, sdiv: 1n, and: -1n };
const rightAbsorbing: Readonly<Record<string, bigint>> = { mul: 0n, and: 0n };

const powerOfTwo = (value: bigint, bits: number): number | undefined => {
  const unsigned = BigInt.asUintN(bits, value);
  if (unsigned <= 1n || (unsigned & (unsigned - 1n)) !== 0n) return undefined;
  return unsigned.toString(2).length - 1;
};

function foldConstants(instruction: Instruction): Rewrite {
  const folded = foldInstruction(instruction, constantValue);
  return folded === undefined ? undefined : constantInt(instruction.type as IntType, folded);
}

function identities(instruction: Instruction): Rewrite {
  if (intBits(instruction.type) === undefined || instruction.operands.length !== 2) return undefined;
  const right = constantValue(instruction.operands[1]!);
  if (right === undefined) return undefined;
  if (rightIdentities[instruction.opcode] === right) return instruction.operands[0];
  if (rightAbsorbing[instruction.opcode] === right) return instruction.operands[1];
  return undefined;
}

function copies(instruction: Instruction): Rewrite {
  if (instruction.opcode === "phi") {
    const values = new Set(instruction.operands.filter((operand) => operand !== instruction));
    return values.size === 1 ? [...values][0] : undefined;
  }
  if (instruction.opcode === "select") {
    const [condition, ifTrue, ifFalse] = instruction.operands;
    if (ifTrue === ifFalse) return ifTrue;
    const known = constantValue(condition!);
    return known === undefined ? undefined : known !== 0n ? ifTrue : ifFalse;
  }
  if (instruction.opcode === "bitcast" && sameType(instruction.type, instruction.operands[0]!.type)) return instruction.operands[0];
  return undefined;
}

function constantToRight(instruction: Instruction): Rewrite {
  if (!commutative.has(instruction.opcode)) return undefined;
  const [left, right] = instruction.operands;
  if (left?.valueKind !== "int" || right?.valueKind === "int") return undefined;
  instruction.operands = [right!, left];
  return undefined;
}

const strengthReductions: Readonly<Record<string, { opcode: "shl" | "lshr" | "and"; operand: (shift: number) => bigint }>> = {
  mul: { opcode: "shl", operand: (shift) => BigInt(shift) },
  udiv: { opcode: "lshr", operand: (shift) => BigInt(shift) },
  urem: { opcode: "and", operand: (shift) => (1n << BigInt(shift)) - 1n },
};

function strengthReduce(instruction: Instruction): Rewrite {
  const reduction = strengthReductions[instruction.opcode];
  const bits = intBits(instruction.type);
  const right = instruction.operands[1] === undefined ? undefined : constantValue(instruction.operands[1]);
  if (reduction === undefined || bits === undefined || right === undefined) return undefined;
  const shift = powerOfTwo(right, bits);
  if (shift === undefined) return undefined;
  const type = instruction.type as IntType;
  const replacement: BinaryInstruction = {
    valueKind: "instruction", opcode: reduction.opcode, type, name: instruction.name, parent: instruction.parent,
    operands: [instruction.operands[0]!, constantInt(type, reduction.operand(shift))], flags: {}, fastMath: 0,
  };
  return replacement;
}

const rules: readonly Rule[] = [foldConstants, copies, constantToRight, identities, strengthReduce];

function applyRules(instruction: Instruction): Rewrite {
  for (const rule of rules) {
    const result = rule(instruction);
    if (result !== undefined) return result;
  }
  return undefined;
}

export function instcombine(fn: Function): boolean {
  const uses = new UseMap(fn);
  const dead = new Set<Instruction>();
  let changed = false;
  for (let round = 0, again = true; again && round < 8; round++) {
    again = false;
    for (const block of fn.blocks) {
      for (const instruction of [...block.instructions]) {
        if (dead.has(instruction)) continue;
        const result = applyRules(instruction);
        if (result === undefined || result === instruction) continue;
        if (result.valueKind === "instruction" && result.parent === instruction.parent && !block.instructions.includes(result)) {
          replaceInstruction(instruction, result);
          uses.addUser(result);
        } else {
          dead.add(instruction);
        }
        uses.replaceAllUses(instruction, result);
        uses.removeUser(instruction);
        again = changed = true;
      }
    }
  }
  removeInstructions(fn, dead);
  return changed;
}
