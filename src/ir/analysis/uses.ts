/**
 * Def-use chains: for every value a function's instructions use, the instructions that use it
 * (once per instruction, in block order). Block operands (branch targets, phi predecessors)
 * are not values and have no uses here. Built in one walk; passes rebuild it after they change
 * the function, or keep it current with `replaceAllUses`.
 */
import type { Instruction } from "../instructions.js";
import type { Function, Value } from "../values.js";

export class UseMap {
  private readonly users = new Map<Value, Instruction[]>();

  constructor(fn: Function) {
    for (const block of fn.blocks) {
      for (const instruction of block.instructions) this.addUser(instruction);
    }
  }

  /** The instructions that have `value` among their operands (each once). */
  usersOf(value: Value): readonly Instruction[] {
    return this.users.get(value) ?? [];
  }

  hasUsers(value: Value): boolean {
    return this.usersOf(value).length > 0;
  }

  /** Record `instruction`'s operands as used by it. */
  addUser(instruction: Instruction): void {
    const seen = new Set<Value>();
    for (const operand of instruction.operands) {
      if (seen.has(operand)) continue;
      seen.add(operand);
      const list = this.users.get(operand);
      if (list === undefined) this.users.set(operand, [instruction]);
      else list.push(instruction);
    }
  }

  /** Forget `instruction` as a user of its operands (before it is deleted or rewritten). */
  removeUser(instruction: Instruction): void {
    for (const operand of new Set(instruction.operands)) {
      const list = this.users.get(operand);
      if (list === undefined) continue;
      const index = list.indexOf(instruction);
      if (index >= 0) list.splice(index, 1);
    }
  }

  /** Make every user of `from` use `to` instead; returns the users changed. */
  replaceAllUses(from: Value, to: Value): readonly Instruction[] {
    if (from === to) return [];
    const changed = [...this.usersOf(from)];
    for (const user of changed) {
      this.removeUser(user);
      user.operands = user.operands.map((operand) => (operand === from ? to : operand));
      this.addUser(user);
    }
    return changed;
  }
}
