/**
 * mem2reg: promote stack slots to SSA values (Cytron et al., "Efficiently Computing Static
 * Single Assignment Form", 1991). clang's -O0 code keeps every local in an alloca; this pass
 * turns each alloca whose address does not escape into phis and direct uses.
 *
 * An alloca is promoted when it holds one scalar (integer, pointer or float), and every use
 * is a simple (not volatile, not atomic) load of that type from it, or a simple store of a
 * value of that type to it; any other use (a call argument, a getelementptr, a cast, a store
 * of the address itself) means the address escapes and the slot stays. Phis go at the
 * iterated dominance frontier of the blocks that store; a walk of the dominator tree then
 * renames: each load becomes the value last stored on the path (undef before any store).
 */
import { computeDominance, iteratedFrontier, type DominanceInfo } from "../analysis/dominance-frontier.js";
import { UseMap } from "../analysis/uses.js";
import type { AllocaInstruction, Instruction, PhiInstruction } from "../instructions.js";
import { sameType, type Type } from "../types.js";
import type { BasicBlock, Function, Value } from "../values.js";
import { applyReplacements, removeInstructions, resolve, undefOf } from "./edit.js";

const isScalar = (type: Type): boolean => type.kind === "int" || type.kind === "pointer" || type.kind === "float";

function isPromotable(alloca: AllocaInstruction, uses: UseMap): boolean {
  const count = alloca.operands[0];
  if (alloca.inalloca || count?.valueKind !== "int" || count.value !== 1n || !isScalar(alloca.allocatedType)) return false;
  return uses.usersOf(alloca).every((user) => {
    if (user.opcode === "load") return !user.volatile && user.ordering === undefined && sameType(user.type, alloca.allocatedType);
    if (user.opcode === "store") {
      return !user.volatile && user.ordering === undefined && user.operands[1] === alloca && user.operands[0] !== alloca &&
        sameType(user.operands[0]!.type, alloca.allocatedType);
    }
    return false;
  });
}

interface Promotion {
  readonly slots: ReadonlySet<AllocaInstruction>;
  /** The phis placed for each slot, by block. */
  readonly phis: Map<BasicBlock, Map<AllocaInstruction, PhiInstruction>>;
  readonly replacements: Map<Value, Value>;
  readonly dead: Set<Instruction>;
}

function placePhis(info: DominanceInfo, slots: readonly AllocaInstruction[], uses: UseMap): Promotion["phis"] {
  const phis: Promotion["phis"] = new Map();
  for (const slot of slots) {
    const storing = uses.usersOf(slot).filter((user) => user.opcode === "store").map((user) => user.parent!);
    for (const block of iteratedFrontier(info, storing)) {
      const phi: PhiInstruction = { valueKind: "instruction", opcode: "phi", type: slot.allocatedType, name: undefined, parent: block, operands: [], blocks: [] };
      if (!phis.has(block)) phis.set(block, new Map());
      phis.get(block)!.set(slot, phi);
    }
  }
  return phis;
}

/** Rewrite one block's loads and stores of promoted slots; `current` holds each slot's value. */
function renameBlock(block: BasicBlock, current: Map<AllocaInstruction, Value>, promotion: Promotion): void {
  for (const [slot, phi] of promotion.phis.get(block) ?? []) current.set(slot, phi);
  for (const instruction of block.instructions) {
    const pointer = instruction.opcode === "load" ? instruction.operands[0] : instruction.opcode === "store" ? instruction.operands[1] : undefined;
    if (pointer === undefined || !promotion.slots.has(pointer as AllocaInstruction)) continue;
    const slot = pointer as AllocaInstruction;
    if (instruction.opcode === "load") promotion.replacements.set(instruction, current.get(slot) ?? undefOf(slot.allocatedType));
    else current.set(slot, resolve(promotion.replacements, instruction.operands[0]!));
    promotion.dead.add(instruction);
  }
}

function rename(info: DominanceInfo, promotion: Promotion): void {
  const entry = info.order[0];
  if (entry === undefined) return;
  const stack: [BasicBlock, Map<AllocaInstruction, Value>][] = [[entry, new Map()]];
  while (stack.length > 0) {
    const [block, inherited] = stack.pop()!;
    const current = new Map(inherited);
    renameBlock(block, current, promotion);
    for (const successor of info.graph.successors.get(block)!) {
      for (const [slot, phi] of promotion.phis.get(successor) ?? []) {
        phi.operands.push(resolve(promotion.replacements, current.get(slot) ?? undefOf(slot.allocatedType)));
        phi.blocks.push(block);
      }
    }
    for (const child of info.children.get(block)!) stack.push([child, current]);
  }
}

/** Loads and stores in unreachable blocks: undef and nothing. Phis get undef from unreachable predecessors. */
function finishUnreachable(fn: Function, info: DominanceInfo, promotion: Promotion): void {
  for (const block of fn.blocks) {
    if (info.tree.isReachable(block)) continue;
    for (const instruction of block.instructions) {
      const pointer = instruction.opcode === "load" ? instruction.operands[0] : instruction.opcode === "store" ? instruction.operands[1] : undefined;
      if (pointer === undefined || !promotion.slots.has(pointer as AllocaInstruction)) continue;
      if (instruction.opcode === "load") promotion.replacements.set(instruction, undefOf(instruction.type));
      promotion.dead.add(instruction);
    }
    for (const successor of info.graph.successors.get(block)!) {
      for (const phi of promotion.phis.get(successor)?.values() ?? []) {
        phi.operands.push(undefOf(phi.type));
        phi.blocks.push(block);
      }
    }
  }
}

export function mem2reg(fn: Function): boolean {
  const uses = new UseMap(fn);
  const info = computeDominance(fn);
  const slots = fn.blocks.flatMap((block) => block.instructions)
    .filter((instruction): instruction is AllocaInstruction => instruction.opcode === "alloca" && isPromotable(instruction, uses));
  if (slots.length === 0) return false;
  const promotion: Promotion = { slots: new Set(slots), phis: placePhis(info, slots, uses), replacements: new Map(), dead: new Set(slots) };
  rename(info, promotion);
  finishUnreachable(fn, info, promotion);
  for (const [block, placed] of promotion.phis) block.instructions.unshift(...placed.values());
  removeInstructions(fn, promotion.dead);
  applyReplacements(fn, promotion.replacements);
  return true;
}
