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
 * A linear-scan policy (live intervals, scan, spill/split, then the same rewrite) plugs in
 * here as another entry of `policies`.
 */
import type { MirInstruction } from "../mir/mir.js";
import { type Location, rewrite } from "./rewrite.js";
import { assignSlots } from "./slots.js";

export type AllocatorPolicy = "slots";

/** What the allocator knows about a function's virtual registers. */
export interface VirtualRegisters {
  /** ebp offset of each virtual register's home slot, by number. */
  readonly homes: readonly number[];
}

type Assign = (code: readonly MirInstruction[], registers: VirtualRegisters) => Location[];

const policies: Record<AllocatorPolicy, Assign> = {
  slots: assignSlots,
};

/** Assign, then rewrite: on return `code` holds physical operands only. */
export function allocateRegisters(code: MirInstruction[], registers: VirtualRegisters, policy: AllocatorPolicy = "slots"): MirInstruction[] {
  const locations = policies[policy](code, registers);
  return rewrite(code, locations);
}
