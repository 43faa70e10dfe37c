/**
 * Dominance frontiers and the dominator tree's children, for phi placement (mem2reg) and for
 * passes that walk the tree (CSE). Frontiers follow Cooper, Harvey and Kennedy (2001), figure
 * 5: for each join block b, walk up from each predecessor to idom(b), adding b to the frontier
 * of every block passed. Only blocks reachable from the entry take part.
 */
import { buildControlFlowGraph, DominatorTree, reversePostorder, type ControlFlowGraph } from "../dominators.js";
import type { BasicBlock, Function } from "../values.js";

export interface DominanceInfo {
  readonly graph: ControlFlowGraph;
  readonly tree: DominatorTree;
  /** Reachable blocks in reverse postorder. */
  readonly order: readonly BasicBlock[];
  /** Children in the dominator tree, in reverse postorder. */
  readonly children: ReadonlyMap<BasicBlock, readonly BasicBlock[]>;
  readonly frontier: ReadonlyMap<BasicBlock, ReadonlySet<BasicBlock>>;
}

export function computeDominance(fn: Function): DominanceInfo {
  const graph = buildControlFlowGraph(fn);
  const tree = new DominatorTree(graph);
  const order = fn.blocks.length === 0 ? [] : reversePostorder(fn.blocks[0]!, graph);
  const children = new Map<BasicBlock, BasicBlock[]>(order.map((block) => [block, []]));
  const frontier = new Map<BasicBlock, Set<BasicBlock>>(order.map((block) => [block, new Set()]));
  for (const block of order) {
    const parent = tree.immediateDominator(block);
    if (parent !== undefined) children.get(parent)!.push(block);
    const predecessors = [...new Set(graph.predecessors.get(block)!)].filter((from) => tree.isReachable(from));
    if (predecessors.length < 2) continue;
    for (const from of predecessors) {
      let runner: BasicBlock | undefined = from;
      while (runner !== undefined && runner !== parent) {
        frontier.get(runner)!.add(block);
        runner = tree.immediateDominator(runner);
      }
    }
  }
  return { graph, tree, order, children, frontier };
}

/** The iterated dominance frontier of a set of blocks: where their definitions meet. */
export function iteratedFrontier(info: DominanceInfo, blocks: Iterable<BasicBlock>): Set<BasicBlock> {
  const result = new Set<BasicBlock>();
  const work = [...blocks];
  while (work.length > 0) {
    const block = work.pop()!;
    for (const join of info.frontier.get(block) ?? []) {
      if (result.has(join)) continue;
      result.add(join);
      work.push(join);
    }
  }
  return result;
}
