/**
 * Predecessors and successors of each block, as distinct blocks (the control-flow graph in
 * dominators.ts counts edges: a switch with two cases to one block is two edges there, one
 * predecessor here). Passes that edit phis need the edge counts; passes that walk the graph
 * need these.
 */
import { buildControlFlowGraph } from "../dominators.js";
import type { BasicBlock, Function } from "../values.js";

export interface BlockNeighbours {
  readonly predecessors: ReadonlyMap<BasicBlock, readonly BasicBlock[]>;
  readonly successors: ReadonlyMap<BasicBlock, readonly BasicBlock[]>;
}

export function blockNeighbours(fn: Function): BlockNeighbours {
  const graph = buildControlFlowGraph(fn);
  const distinct = (map: ReadonlyMap<BasicBlock, readonly BasicBlock[]>): Map<BasicBlock, BasicBlock[]> =>
    new Map([...map].map(([block, list]) => [block, [...new Set(list)]]));
  return { predecessors: distinct(graph.predecessors), successors: distinct(graph.successors) };
}
