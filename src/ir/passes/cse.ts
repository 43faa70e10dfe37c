/**
 * Common subexpression elimination scoped by the dominator tree (global value numbering in
 * its simplest form, as in Briggs, Cooper and Simpson's "dominator-based value numbering"):
 * walking the tree, a speculatable instruction equal to one that dominates it (same opcode,
 * type, predicate, flags and operands) is replaced by that one. Memory is not numbered: loads,
 * stores and calls are left alone.
 */
import { computeDominance } from "../analysis/dominance-frontier.js";
import type { Instruction } from "../instructions.js";
import { printType } from "../print-types.js";
import type { BasicBlock, Function, Value } from "../values.js";
import { applyReplacements, removeInstructions } from "./edit.js";
import { isSpeculatable } from "./effects.js";

class ValueKeys {
  private readonly ids = new Map<Value, number>();

  keyOf(value: Value): string {
    if (value.valueKind === "int") return `i${value.type.bits}:${value.value}`;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(value, id);
    }
    return `#${id}`;
  }

  expressionOf(instruction: Instruction): string {
    const parts: string[] = [instruction.opcode, printType(instruction.type)];
    if ("predicate" in instruction) parts.push(instruction.predicate);
    if ("flags" in instruction) parts.push(JSON.stringify(instruction.flags));
    if ("fastMath" in instruction) parts.push(String(instruction.fastMath));
    if (instruction.opcode === "getelementptr") parts.push(printType(instruction.sourceType), String(instruction.inbounds));
    if ("indices" in instruction) parts.push(instruction.indices.join(","));
    parts.push(...instruction.operands.map((operand) => `${this.keyOf(operand)}:${printType(operand.type)}`));
    return parts.join(" ");
  }
}

export function cse(fn: Function): boolean {
  const info = computeDominance(fn);
  const entry = info.order[0];
  if (entry === undefined) return false;
  const keys = new ValueKeys();
  const replacements = new Map<Value, Value>();
  const available = new Map<string, Instruction>();
  // Depth-first over the tree; an exit marker takes a block's expressions out of scope.
  const stack: { block: BasicBlock; added?: string[] }[] = [{ block: entry }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.added !== undefined) {
      for (const key of top.added) available.delete(key);
      continue;
    }
    const added: string[] = [];
    for (const instruction of top.block.instructions) {
      if (!isSpeculatable(instruction)) continue;
      if (instruction.operands.some((operand) => replacements.has(operand))) {
        instruction.operands = instruction.operands.map((operand) => replacements.get(operand) ?? operand);
      }
      const key = keys.expressionOf(instruction);
      const earlier = available.get(key);
      if (earlier !== undefined) replacements.set(instruction, earlier);
      else {
        available.set(key, instruction);
        added.push(key);
      }
    }
    stack.push({ block: top.block, added });
    for (const child of info.children.get(top.block)!) stack.push({ block: child });
  }
  applyReplacements(fn, replacements);
  removeInstructions(fn, new Set([...replacements.keys()] as Instruction[]));
  return replacements.size > 0;
}
