/**
 * CFG simplification, four rewrites repeated until none applies:
 *
 *   fold constant branches   br i1 true/false, switch on a constant, br c, X, X  -> br
 *   remove unreachable       blocks the entry does not reach (their phi entries go too)
 *   merge straight lines     B's only predecessor P ends in `br B`: B's code moves into P
 *   skip empty blocks        B holds only `br S`: its predecessors jump to S directly (when S's
 *                            phis allow: no predecessor of B already reaches S)
 *
 * Functions with indirectbr are left alone: their block addresses name blocks by position.
 */
import { successors, type Instruction } from "../instructions.js";
import { buildControlFlowGraph, reversePostorder, type ControlFlowGraph } from "../dominators.js";
import type { BasicBlock, Function, Value } from "../values.js";
import { applyReplacements, dropPhiEntries, hasIndirectBranch, jumpTo, phisOf, terminatorOf } from "./edit.js";
import { constantValue } from "./fold.js";

function foldConstantBranches(fn: Function): boolean {
  let changed = false;
  for (const block of fn.blocks) {
    const last = terminatorOf(block);
    if (last?.opcode === "br" && last.targets.length === 2) {
      const condition = constantValue(last.operands[0]!);
      if (condition !== undefined) jumpTo(block, last.targets[condition !== 0n ? 0 : 1]!);
      else if (last.targets[0] === last.targets[1]) jumpTo(block, last.targets[0]!);
      else continue;
      changed = true;
    } else if (last?.opcode === "switch") {
      const condition = constantValue(last.operands[0]!);
      if (condition === undefined) continue;
      jumpTo(block, last.cases.find((entry) => entry.value.value === condition)?.target ?? last.defaultTarget);
      changed = true;
    }
  }
  return changed;
}

function removeUnreachable(fn: Function): boolean {
  const reachable = new Set(reversePostorder(fn.blocks[0]!, buildControlFlowGraph(fn)));
  if (reachable.size === fn.blocks.length) return false;
  for (const block of fn.blocks) {
    if (reachable.has(block)) continue;
    for (const successor of new Set(successors(terminatorOf(block)!))) if (reachable.has(successor)) dropPhiEntries(successor, block, 0);
  }
  fn.blocks = fn.blocks.filter((block) => reachable.has(block));
  return true;
}

/** Point the phis of `block`'s successors at `newPredecessor` instead of `block`. */
function renamePredecessor(block: BasicBlock, newPredecessor: BasicBlock): void {
  for (const successor of new Set(successors(terminatorOf(block)!))) {
    for (const phi of phisOf(successor)) phi.blocks = phi.blocks.map((from) => (from === block ? newPredecessor : from));
  }
}

function mergeStraightLines(fn: Function): boolean {
  const graph = buildControlFlowGraph(fn);
  const mergedInto = new Map<BasicBlock, BasicBlock>();
  const replacements = new Map<Value, Value>();
  for (const block of fn.blocks.slice(1)) {
    const predecessors = graph.predecessors.get(block)!;
    if (predecessors.length !== 1) continue;
    let into = predecessors[0]!;
    for (let next = mergedInto.get(into); next !== undefined; next = mergedInto.get(into)) into = next;
    const last = terminatorOf(into)!;
    if (into === block || last.opcode !== "br" || last.targets.length !== 1) continue;
    for (const phi of phisOf(block)) replacements.set(phi, phi.operands[0]!);
    const moved: Instruction[] = block.instructions.filter((instruction) => instruction.opcode !== "phi");
    renamePredecessor(block, into);
    for (const instruction of moved) instruction.parent = into;
    into.instructions = [...into.instructions.slice(0, -1), ...moved];
    mergedInto.set(block, into);
  }
  if (mergedInto.size === 0) return false;
  fn.blocks = fn.blocks.filter((block) => !mergedInto.has(block));
  applyReplacements(fn, replacements);
  return true;
}

function retarget(terminator: Instruction, from: BasicBlock, to: BasicBlock): void {
  const swap = (block: BasicBlock): BasicBlock => (block === from ? to : block);
  if (terminator.opcode === "br") terminator.targets = terminator.targets.map(swap);
  else if (terminator.opcode === "switch") {
    terminator.defaultTarget = swap(terminator.defaultTarget);
    terminator.cases = terminator.cases.map((entry) => ({ value: entry.value, target: swap(entry.target) }));
  }
}

/** B holds only `br S`: send B's predecessors straight to S. */
function skipEmptyBlock(fn: Function, block: BasicBlock, graph: ControlFlowGraph, touched: Set<BasicBlock>): boolean {
  const last = terminatorOf(block)!;
  if (block === fn.blocks[0] || block.instructions.length !== 1 || last.opcode !== "br" || last.targets.length !== 1) return false;
  const target = last.targets[0]!;
  const predecessors = graph.predecessors.get(block)!;
  if (target === block || predecessors.length === 0 || [block, target, ...predecessors].some((other) => touched.has(other))) return false;
  const targetPredecessors = new Set(graph.predecessors.get(target)!);
  if (predecessors.some((from) => targetPredecessors.has(from) || from === block || !["br", "switch"].includes(terminatorOf(from)!.opcode))) return false;
  for (const phi of phisOf(target)) {
    const index = phi.blocks.indexOf(block);
    const value = phi.operands[index]!;
    phi.operands.splice(index, 1);
    phi.blocks.splice(index, 1);
    for (const from of predecessors) {
      phi.operands.push(value);
      phi.blocks.push(from);
    }
  }
  for (const from of new Set(predecessors)) retarget(terminatorOf(from)!, block, target);
  for (const other of [block, target, ...predecessors]) touched.add(other);
  return true;
}

/** One round of skipping empty blocks over one graph; blocks it changed wait for the next round. */
function skipEmptyBlocks(fn: Function): boolean {
  const graph = buildControlFlowGraph(fn);
  const touched = new Set<BasicBlock>();
  const skipped = new Set(fn.blocks.filter((block) => skipEmptyBlock(fn, block, graph, touched)));
  fn.blocks = fn.blocks.filter((block) => !skipped.has(block));
  return skipped.size > 0;
}

export function simplifyCfg(fn: Function): boolean {
  if (fn.blocks.length === 0 || hasIndirectBranch(fn)) return false;
  let changed = false;
  for (let again = true; again;) {
    again = foldConstantBranches(fn);
    again = removeUnreachable(fn) || again;
    again = mergeStraightLines(fn) || again;
    again = skipEmptyBlocks(fn) || again;
    changed = changed || again;
  }
  return changed;
}
