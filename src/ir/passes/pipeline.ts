/**
 * The tier-2 optimiser: named IR -> IR passes over one function, run in the order of a list
 * that reads as the pipeline (QBE's style). Each pass takes a function, changes it in place
 * and says whether it changed anything; the IR stays valid SSA after every pass (the tests run
 * the verifier between passes through `afterPass`).
 *
 *   mem2reg        allocas whose address does not escape -> SSA values and phis
 *   simplify-cfg   constant branches, unreachable blocks, straight lines, empty blocks
 *   sccp           sparse conditional constant propagation
 *   instcombine    folding, identities, copies, strength reduction
 *   cse            dominator-scoped common subexpression elimination
 *   licm           loop-invariant code motion into preheaders
 *   dce            mark-and-sweep dead code elimination
 */
import type { Function } from "../values.js";
import { cse } from "./cse.js";
import { dce } from "./dce.js";
import { instcombine } from "./instcombine.js";
import { licm } from "./licm.js";
import { mem2reg } from "./mem2reg.js";
import { sccp } from "./sccp.js";
import { simplifyCfg } from "./simplify-cfg.js";

export const PASSES = {
  "mem2reg": mem2reg,
  "simplify-cfg": simplifyCfg,
  "sccp": sccp,
  "instcombine": instcombine,
  "cse": cse,
  "licm": licm,
  "dce": dce,
} as const satisfies Record<string, (fn: Function) => boolean>;

export type PassName = keyof typeof PASSES;

/** Tier 2's pipeline. */
export const TIER2_PASSES: readonly PassName[] = [
  "mem2reg", "simplify-cfg", "sccp", "simplify-cfg", "instcombine", "cse", "licm", "instcombine", "dce", "simplify-cfg",
];

export interface OptimiseOptions {
  /** Called after each pass (the tests verify the IR here). */
  afterPass?(pass: PassName, fn: Function, changed: boolean): void;
}

/** Run `passes` in order over `fn` (a definition; declarations are left alone). Returns the passes that changed it. */
export function optimiseFunction(fn: Function, passes: readonly PassName[] = TIER2_PASSES, options: OptimiseOptions = {}): PassName[] {
  if (fn.blocks.length === 0 || hasRefusedInstruction(fn)) return [];
  const changed: PassName[] = [];
  for (const pass of passes) {
    const didChange = PASSES[pass](fn);
    if (didChange) changed.push(pass);
    options.afterPass?.(pass, fn, didChange);
  }
  return changed;
}

/** Functions with exception handling or other instructions the JIT refuses stay as they are (and are refused). */
function hasRefusedInstruction(fn: Function): boolean {
  return fn.blocks.some((block) => block.instructions.some((instruction) => "detail" in instruction && instruction.opcode !== "fence"));
}
