/**
 * Tier 0's assignment: every virtual register lives in its home slot, `[ebp + home]`, for its
 * whole life. No analysis at all, so it is linear in the number of virtual registers; the
 * fixed scratch registers lowering already uses carry values between a load and a store.
 */
import { Reg } from "../x86/registers.js";
import { mem } from "../x86/operands.js";
import type { MirInstruction } from "../mir/mir.js";
import type { Location } from "./rewrite.js";
import type { VirtualRegisters } from "./allocate.js";

export function assignSlots(_code: readonly MirInstruction[], registers: VirtualRegisters): Location[] {
  return registers.homes.map((home) => mem(Reg.ebp, home));
}
