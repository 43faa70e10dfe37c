/**
 * The tiers, as data (issue 9): for each, the passes its functions go through before lowering
 * and the register allocation policy after it. `compileFunction` (function.ts) reads its
 * tier's entry and runs the pipeline in order. A module starts at its header's opt_level;
 * `mkimg run --tier N` and `mkimg disasm --tier N` compile every function at tier N.
 *
 * - Tier 0: lowering straight from the IR, every value in its frame slot (`slots`).
 * - Tier 1: the same lowering, linear-scan register allocation (regalloc/linear-scan.ts).
 * - Tiers 2 and 3: tier 1's allocation for now. Their IR passes (mem2reg, SCCP, CSE/GVN, DCE,
 *   LICM... for tier 2; inlining of hot callees for tier 3) are being written in src/ir and go
 *   in their `irPasses` lists, each a function from the IR function to itself.
 */
import type { Function } from "../ir/index.js";
import type { AllocatorPolicy } from "./regalloc/allocate.js";

export type Tier = 0 | 1 | 2 | 3;

/** An optimisation pass over a function's SSA IR (src/ir), run before lowering. */
export interface IrPass { readonly name: string; run(fn: Function): void }

export interface TierPlan {
  readonly irPasses: readonly IrPass[];
  readonly allocator: AllocatorPolicy;
}

export const tiers: Readonly<Record<Tier, TierPlan>> = {
  0: { irPasses: [], allocator: "slots" },
  1: { irPasses: [], allocator: "linear-scan" },
  2: { irPasses: [], allocator: "linear-scan" },
  3: { irPasses: [], allocator: "linear-scan" },
};

export const tierNumbers: readonly Tier[] = [0, 1, 2, 3];
