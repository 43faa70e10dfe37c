/**
 * Register allocation, in named stages over a function's MIR:
 *
 *   assign   a location (a physical register or a stack slot) for every virtual register,
 *            chosen by the policy;
 *   rewrite  every virtual-register operand replaced by its location (rewrite.ts).
 *
 * The policy is one flag. Tier 0, `slots`, gives every virtual register its home, the frame
 * slot of the SSA word it holds (slots.ts): exactly the code shape of a slot-per-value frame,
 * each instruction loading its operands into fixed scratch registers and storing its result.
 * Tier 1, `linear-scan` (linear-scan.ts), computes live intervals (intervals.ts), scans them
 * giving registers, and spills what does not fit to the same homes, before the same rewrite.
 */
import type { MirInstruction } from "../mir/mir.js";
import { type Location, rewrite } from "./rewrite.js";
import { assignSlots } from "./slots.js";
import { assignLinearScan } from "./linear-scan.js";

export type AllocatorPolicy = "slots" | "linear-scan";

/** What the allocator knows about a function's virtual registers. */
export interface VirtualRegisters {
  /** ebp offset of each virtual register's home slot, by number. */
  readonly homes: readonly number[];
}

type Assign = (code: readonly MirInstruction[], registers: VirtualRegisters) => Location[];

const policies: Record<AllocatorPolicy, Assign> = {
  slots: assignSlots,
  "linear-scan": assignLinearScan,
};

/** Assign, then rewrite: on return `code` holds physical operands only. */
export function allocateRegisters(code: MirInstruction[], registers: VirtualRegisters, policy: AllocatorPolicy = "slots"): MirInstruction[] {
  const locations = policies[policy](code, registers);
  return rewrite(code, locations);
}
