/**
 * Loop-invariant code motion: an instruction inside a loop that is speculatable (effects.ts:
 * no side effect, cannot trap) and whose operands are all defined outside the loop moves to
 * the end of the loop's preheader, innermost loops first, so that an invariant can climb out
 * of several loops. Loops without a preheader are left alone; loads are not moved (memory is
 * not analysed).
 */
import { findLoops, type Loop } from "../analysis/loops.js";
import type { Instruction } from "../instructions.js";
import type { Function } from "../values.js";
import { isSpeculatable } from "./effects.js";

function isInvariant(instruction: Instruction, loop: Loop): boolean {
  return instruction.operands.every((operand) => operand.valueKind !== "instruction" || !loop.blocks.has(operand.parent!));
}

function hoist(fn: Function, loop: Loop): boolean {
  const preheader = loop.preheader;
  if (preheader === undefined) return false;
  let changed = false;
  for (let again = true; again;) {
    again = false;
    for (const block of fn.blocks) {
      if (!loop.blocks.has(block)) continue;
      const moving = block.instructions.filter((instruction) => instruction.opcode !== "phi" && isSpeculatable(instruction) && isInvariant(instruction, loop));
      if (moving.length === 0) continue;
      block.instructions = block.instructions.filter((instruction) => !moving.includes(instruction));
      for (const instruction of moving) instruction.parent = preheader;
      preheader.instructions.splice(preheader.instructions.length - 1, 0, ...moving);
      again = changed = true;
    }
  }
  return changed;
}

export function licm(fn: Function): boolean {
  if (fn.blocks.length === 0) return false;
  const forest = findLoops(fn);
  let changed = false;
  for (const loop of [...forest.loops].reverse()) changed = hoist(fn, loop) || changed;
  return changed;
}
