/**
 * Dead code elimination, mark and sweep (so that dead cycles of phis go too): instructions
 * that must stay (effects.ts) are live, and so is every operand of a live instruction;
 * everything else is removed.
 */
import type { Instruction } from "../instructions.js";
import type { Function } from "../values.js";
import { isRemovableWhenUnused } from "./effects.js";
import { removeInstructions } from "./edit.js";

export function dce(fn: Function): boolean {
  const live = new Set<Instruction>();
  const work: Instruction[] = [];
  for (const block of fn.blocks) {
    for (const instruction of block.instructions) {
      if (!isRemovableWhenUnused(instruction)) {
        live.add(instruction);
        work.push(instruction);
      }
    }
  }
  while (work.length > 0) {
    for (const operand of work.pop()!.operands) {
      if (operand.valueKind !== "instruction" || live.has(operand)) continue;
      live.add(operand);
      work.push(operand);
    }
  }
  const dead = new Set(fn.blocks.flatMap((block) => block.instructions).filter((instruction) => !live.has(instruction)));
  removeInstructions(fn, dead);
  return dead.size > 0;
}
