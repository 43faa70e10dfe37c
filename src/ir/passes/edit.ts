/**
 * Small edits the passes share: replacing values everywhere, removing instructions and
 * blocks, and keeping phis right when an edge goes away. Phis hold one entry per predecessor
 * edge (the verifier's rule), so every edit that removes an edge removes exactly its entry.
 */
import { successors, type Instruction, type PhiInstruction } from "../instructions.js";
import type { BasicBlock, ConstantUndef, Function, Value } from "../values.js";
import type { Type } from "../types.js";

export function undefOf(type: Type): ConstantUndef {
  return { valueKind: "undef", type };
}

export function phisOf(block: BasicBlock): PhiInstruction[] {
  const phis: PhiInstruction[] = [];
  for (const instruction of block.instructions) {
    if (instruction.opcode !== "phi") break;
    phis.push(instruction);
  }
  return phis;
}

export function terminatorOf(block: BasicBlock): Instruction | undefined {
  return block.instructions[block.instructions.length - 1];
}

/** Follow a replacement map to its end (a -> b -> c gives c). */
export function resolve(replacements: ReadonlyMap<Value, Value>, value: Value): Value {
  let current = value;
  for (let next = replacements.get(current); next !== undefined; next = replacements.get(current)) current = next;
  return current;
}

/** Rewrite every operand of the function through `replacements`. */
export function applyReplacements(fn: Function, replacements: ReadonlyMap<Value, Value>): void {
  if (replacements.size === 0) return;
  for (const block of fn.blocks) {
    for (const instruction of block.instructions) {
      if (instruction.operands.some((operand) => replacements.has(operand))) {
        instruction.operands = instruction.operands.map((operand) => resolve(replacements, operand));
      }
    }
  }
}

/** Drop the instructions in `dead` from their blocks. */
export function removeInstructions(fn: Function, dead: ReadonlySet<Instruction>): void {
  if (dead.size === 0) return;
  for (const block of fn.blocks) {
    if (block.instructions.some((instruction) => dead.has(instruction))) {
      block.instructions = block.instructions.filter((instruction) => !dead.has(instruction));
    }
  }
}

/** Remove the phi entries of `target` for edges from `from`, keeping the first `keep` of them. */
export function dropPhiEntries(target: BasicBlock, from: BasicBlock, keep: number): void {
  for (const phi of phisOf(target)) {
    let kept = 0;
    const operands: Value[] = [];
    const blocks: BasicBlock[] = [];
    phi.blocks.forEach((block, index) => {
      if (block === from && kept++ >= keep) return;
      operands.push(phi.operands[index]!);
      blocks.push(block);
    });
    phi.operands = operands;
    phi.blocks = blocks;
  }
}

/** Replace `block`'s terminator by `br target`, fixing the phis of the targets it no longer reaches. */
export function jumpTo(block: BasicBlock, target: BasicBlock): void {
  const last = terminatorOf(block)!;
  const edges = successors(last).filter((successor) => successor === target).length;
  for (const successor of new Set(successors(last))) dropPhiEntries(successor, block, successor === target ? 1 : 0);
  if (edges === 0) throw new Error(`jumpTo: ${target.name ?? "block"} is not a successor`);
  const jump: Instruction = { valueKind: "instruction", opcode: "br", type: { kind: "void" }, name: undefined, parent: block, operands: [], targets: [target] };
  block.instructions[block.instructions.length - 1] = jump;
}

/** Does the function branch through addresses (indirectbr)? Then its blocks must stay where they are. */
export function hasIndirectBranch(fn: Function): boolean {
  return fn.blocks.some((block) => terminatorOf(block)?.opcode === "indirectbr");
}

/** Replace `instruction` in its block by `replacement` (same position). */
export function replaceInstruction(instruction: Instruction, replacement: Instruction): void {
  const block = instruction.parent!;
  const index = block.instructions.indexOf(instruction);
  block.instructions[index] = replacement;
  replacement.parent = block;
}
