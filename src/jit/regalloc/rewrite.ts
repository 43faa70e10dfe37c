/**
 * The rewrite stage of register allocation: each virtual-register operand becomes the
 * location the assign stage chose for it, a physical register or a memory operand (a stack
 * slot). Lowering only writes a virtual register where x86 accepts an r/m operand, so either
 * kind of location encodes. Instructions are rewritten in place; the list is returned.
 */
import { assert } from "../../errors.js";
import type { Reg } from "../x86/registers.js";
import type { Mem } from "../x86/operands.js";
import { type MirInstruction, isVReg } from "../mir/mir.js";

export type Location = Reg | Mem;

export function rewrite(code: MirInstruction[], locations: readonly Location[]): MirInstruction[] {
  for (const instruction of code) {
    const operands = instruction.operands;
    for (let index = 0; index < operands.length; index++) {
      const operand = operands[index]!;
      if (!isVReg(operand)) continue;
      const location = locations[operand.vreg];
      assert(location !== undefined, `virtual register ${operand.vreg} has no location`);
      operands[index] = location;
    }
  }
  return code;
}
