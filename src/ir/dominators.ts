/**
 * The control-flow graph of a function and its dominator tree.
 *
 * Dominators come from Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm"
 * (2001): iterate `idom(b) = intersect(processed predecessors)` in reverse postorder until
 * nothing changes. Dominance queries then use preorder/postorder numbers of the tree, O(1)
 * each. Blocks not reachable from the entry have no dominator; as in LLVM, they are
 * dominated by every block (`dominates(a, b)` is true when b is unreachable).
 */
import { successors } from "./instructions.js";
import type { BasicBlock, Function } from "./values.js";

export interface ControlFlowGraph {
  readonly blocks: readonly BasicBlock[];
  /** Predecessor edges of each block: a switch with two cases to a block counts twice. */
  readonly predecessors: ReadonlyMap<BasicBlock, readonly BasicBlock[]>;
  readonly successors: ReadonlyMap<BasicBlock, readonly BasicBlock[]>;
}

/** The graph as the terminators describe it (blocks outside `fn` are ignored). */
export function buildControlFlowGraph(fn: Function): ControlFlowGraph {
  const inFunction = new Set(fn.blocks);
  const predecessors = new Map<BasicBlock, BasicBlock[]>(fn.blocks.map((block) => [block, []]));
  const successorMap = new Map<BasicBlock, BasicBlock[]>();
  for (const block of fn.blocks) {
    const last = block.instructions[block.instructions.length - 1];
    const targets = last === undefined ? [] : successors(last).filter((target) => inFunction.has(target));
    successorMap.set(block, targets);
    for (const target of targets) predecessors.get(target)!.push(block);
  }
  return { blocks: fn.blocks, predecessors, successors: successorMap };
}

export class DominatorTree {
  private readonly immediate = new Map<BasicBlock, BasicBlock>();
  private readonly preorder = new Map<BasicBlock, number>();
  private readonly postorder = new Map<BasicBlock, number>();

  constructor(graph: ControlFlowGraph) {
    const entry = graph.blocks[0];
    if (entry === undefined) return;
    const order = reversePostorder(entry, graph);
    this.computeImmediate(entry, order, graph);
    this.numberTree(entry, order);
  }

  isReachable(block: BasicBlock): boolean {
    return this.preorder.has(block);
  }

  /** The immediate dominator; undefined for the entry and unreachable blocks. */
  immediateDominator(block: BasicBlock): BasicBlock | undefined {
    const parent = this.immediate.get(block);
    return parent === block ? undefined : parent;
  }

  /** Does every path from the entry to `b` pass through `a`? (Reflexive.) */
  dominates(a: BasicBlock, b: BasicBlock): boolean {
    const inB = this.preorder.get(b);
    if (inB === undefined) return true;
    const inA = this.preorder.get(a);
    if (inA === undefined) return false;
    return inA <= inB && this.postorder.get(a)! >= this.postorder.get(b)!;
  }

  private computeImmediate(entry: BasicBlock, order: readonly BasicBlock[], graph: ControlFlowGraph): void {
    const position = new Map(order.map((block, index) => [block, index]));
    this.immediate.set(entry, entry);
    const intersect = (left: BasicBlock, right: BasicBlock): BasicBlock => {
      let a = left;
      let b = right;
      while (a !== b) {
        while (position.get(a)! > position.get(b)!) a = this.immediate.get(a)!;
        while (position.get(b)! > position.get(a)!) b = this.immediate.get(b)!;
      }
      return a;
    };
    let changed = true;
    while (changed) {
      changed = false;
      for (const block of order.slice(1)) {
        let candidate: BasicBlock | undefined;
        for (const predecessor of graph.predecessors.get(block)!) {
          if (!this.immediate.has(predecessor)) continue;
          candidate = candidate === undefined ? predecessor : intersect(predecessor, candidate);
        }
        if (candidate !== undefined && this.immediate.get(block) !== candidate) {
          this.immediate.set(block, candidate);
          changed = true;
        }
      }
    }
  }

  /** Preorder and postorder numbers of the dominator tree, iteratively. */
  private numberTree(entry: BasicBlock, order: readonly BasicBlock[]): void {
    const children = new Map<BasicBlock, BasicBlock[]>(order.map((block) => [block, []]));
    for (const block of order.slice(1)) children.get(this.immediate.get(block)!)!.push(block);
    let clock = 0;
    const stack: [BasicBlock, number][] = [[entry, 0]];
    this.preorder.set(entry, clock++);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const kids = children.get(top[0])!;
      if (top[1] < kids.length) {
        const child = kids[top[1]++]!;
        this.preorder.set(child, clock++);
        stack.push([child, 0]);
      } else {
        this.postorder.set(top[0], clock++);
        stack.pop();
      }
    }
  }
}

/** Blocks reachable from the entry, in reverse postorder (iterative depth-first search). */
export function reversePostorder(entry: BasicBlock, graph: ControlFlowGraph): BasicBlock[] {
  const visited = new Set<BasicBlock>([entry]);
  const postorder: BasicBlock[] = [];
  const stack: [BasicBlock, number][] = [[entry, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const next = graph.successors.get(top[0])!;
    if (top[1] < next.length) {
      const target = next[top[1]++]!;
      if (!visited.has(target)) {
        visited.add(target);
        stack.push([target, 0]);
      }
    } else {
      postorder.push(top[0]);
      stack.pop();
    }
  }
  return postorder.reverse();
}
