/**
 * Liveness of SSA values (instructions and arguments) at block boundaries, by the classic
 * backward data-flow iteration, with phis read as SSA prescribes: a phi's incoming value is
 * used at the end of its incoming block (live out of that block only, not into the phi's
 * block), and the phi itself is defined at the top of its block (not live into it).
 *
 *   liveOut(b) = union over successors s of (liveIn(s) minus phis(s)) plus phi uses on b -> s
 *   liveIn(b)  = upward-exposed uses(b) plus (liveOut(b) minus defs(b))
 *
 * Constants and globals are never live. Unreachable blocks take part like any other.
 */
import { buildControlFlowGraph, reversePostorder } from "../dominators.js";
import type { BasicBlock, Function, Value } from "../values.js";

export interface Liveness {
  readonly liveIn: ReadonlyMap<BasicBlock, ReadonlySet<Value>>;
  readonly liveOut: ReadonlyMap<BasicBlock, ReadonlySet<Value>>;
}

const isVariable = (value: Value): boolean => value.valueKind === "instruction" || value.valueKind === "argument";

interface BlockSummary { uses: Set<Value>; defs: Set<Value>; phiDefs: Set<Value> }

function summarise(block: BasicBlock): BlockSummary {
  const summary: BlockSummary = { uses: new Set(), defs: new Set(), phiDefs: new Set() };
  for (const instruction of block.instructions) {
    if (instruction.opcode === "phi") {
      summary.phiDefs.add(instruction);
      summary.defs.add(instruction);
      continue;
    }
    for (const operand of instruction.operands) {
      if (isVariable(operand) && !summary.defs.has(operand)) summary.uses.add(operand);
    }
    summary.defs.add(instruction);
  }
  return summary;
}

/** The values used by the phis of `successor` on the edge from `block`. */
function phiUses(successor: BasicBlock, block: BasicBlock): Value[] {
  const used: Value[] = [];
  for (const instruction of successor.instructions) {
    if (instruction.opcode !== "phi") break;
    instruction.blocks.forEach((from, index) => {
      const value = instruction.operands[index]!;
      if (from === block && isVariable(value)) used.push(value);
    });
  }
  return used;
}

export function computeLiveness(fn: Function): Liveness {
  const graph = buildControlFlowGraph(fn);
  const summaries = new Map(fn.blocks.map((block) => [block, summarise(block)]));
  const liveIn = new Map<BasicBlock, Set<Value>>(fn.blocks.map((block) => [block, new Set()]));
  const liveOut = new Map<BasicBlock, Set<Value>>(fn.blocks.map((block) => [block, new Set()]));
  const reachable = fn.blocks.length === 0 ? [] : reversePostorder(fn.blocks[0]!, graph);
  const order = [...reachable.reverse(), ...fn.blocks.filter((block) => !reachable.includes(block))];
  let changed = true;
  while (changed) {
    changed = false;
    for (const block of order) {
      const out = new Set<Value>();
      for (const successor of new Set(graph.successors.get(block))) {
        const phis = summaries.get(successor)!.phiDefs;
        for (const value of liveIn.get(successor)!) if (!phis.has(value)) out.add(value);
        for (const value of phiUses(successor, block)) out.add(value);
      }
      const summary = summaries.get(block)!;
      const into = new Set(summary.uses);
      for (const value of out) if (!summary.defs.has(value)) into.add(value);
      if (into.size !== liveIn.get(block)!.size || out.size !== liveOut.get(block)!.size) changed = true;
      liveIn.set(block, into);
      liveOut.set(block, out);
    }
  }
  return { liveIn, liveOut };
}
