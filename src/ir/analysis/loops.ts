/**
 * Natural loops (Aho, Lam, Sethi and Ullman, "Compilers", 9.6): an edge t -> h is a back edge
 * when h dominates t; the loop of h is h plus every block that reaches a back edge's tail
 * without passing h. Back edges to one header make one loop. Loops nest by containment; depth
 * 1 is outermost. The preheader is the header's one predecessor outside the loop when that
 * block's only successor is the header (undefined otherwise: passes that need one skip the
 * loop). Exits are the blocks outside the loop that a loop block branches to.
 */
import { buildControlFlowGraph, DominatorTree, reversePostorder, type ControlFlowGraph } from "../dominators.js";
import type { BasicBlock, Function } from "../values.js";

export interface Loop {
  readonly header: BasicBlock;
  readonly blocks: ReadonlySet<BasicBlock>;
  /** Blocks whose edge to the header is a back edge. */
  readonly latches: readonly BasicBlock[];
  readonly parent: Loop | undefined;
  readonly depth: number;
  readonly preheader: BasicBlock | undefined;
  readonly exits: readonly BasicBlock[];
}

export interface LoopForest {
  /** Every loop, outermost first (a loop comes after the loop that contains it). */
  readonly loops: readonly Loop[];
  /** The innermost loop holding a block; undefined outside loops. */
  loopOf(block: BasicBlock): Loop | undefined;
  /** Loop depth of a block: 0 outside loops. */
  depthOf(block: BasicBlock): number;
}

function loopBody(header: BasicBlock, latches: readonly BasicBlock[], graph: ControlFlowGraph): Set<BasicBlock> {
  const body = new Set<BasicBlock>([header]);
  const work = [...latches];
  while (work.length > 0) {
    const block = work.pop()!;
    if (body.has(block)) continue;
    body.add(block);
    work.push(...graph.predecessors.get(block)!);
  }
  return body;
}

interface RawLoop { header: BasicBlock; latches: BasicBlock[]; blocks: Set<BasicBlock> }

function findRawLoops(fn: Function, graph: ControlFlowGraph, tree: DominatorTree): RawLoop[] {
  if (fn.blocks.length === 0) return [];
  const found: RawLoop[] = [];
  for (const header of reversePostorder(fn.blocks[0]!, graph)) {
    const latches = [...new Set(graph.predecessors.get(header)!)]
      .filter((block) => tree.isReachable(block) && tree.dominates(header, block));
    if (latches.length > 0) found.push({ header, latches, blocks: loopBody(header, latches, graph) });
  }
  // Outermost first: a containing loop is bigger than the loops inside it.
  return found.sort((a, b) => b.blocks.size - a.blocks.size);
}

function finishLoop(raw: RawLoop, parent: Loop | undefined, graph: ControlFlowGraph): Loop {
  const outside = [...new Set(graph.predecessors.get(raw.header)!)].filter((block) => !raw.blocks.has(block));
  const candidate = outside.length === 1 ? outside[0]! : undefined;
  const preheader = candidate !== undefined && graph.successors.get(candidate)!.every((target) => target === raw.header) ? candidate : undefined;
  const exits = new Set<BasicBlock>();
  for (const block of raw.blocks) for (const target of graph.successors.get(block)!) if (!raw.blocks.has(target)) exits.add(target);
  return { header: raw.header, blocks: raw.blocks, latches: raw.latches, parent, depth: (parent?.depth ?? 0) + 1, preheader, exits: [...exits] };
}

export function findLoops(fn: Function): LoopForest {
  const graph = buildControlFlowGraph(fn);
  const tree = new DominatorTree(graph);
  const loops: Loop[] = [];
  const innermost = new Map<BasicBlock, Loop>();
  for (const raw of findRawLoops(fn, graph, tree)) {
    const parent = innermost.get(raw.header);
    const loop = finishLoop(raw, parent, graph);
    loops.push(loop);
    for (const block of raw.blocks) innermost.set(block, loop);
  }
  return {
    loops,
    loopOf: (block) => innermost.get(block),
    depthOf: (block) => innermost.get(block)?.depth ?? 0,
  };
}
