/**
 * A check of MIR between passes (QBE checks its IR the same way): every instruction has the
 * operand count its mnemonic takes (ops.ts), register-only and fixed-register positions hold
 * what they must, 8-bit register operands have an 8-bit form, and once allocated, no virtual
 * register is left and no instruction has two memory operands. Off by default; the tests turn
 * it on for every module (`compileModule(..., { check: true })`).
 */
import { assert } from "../../errors.js";
import { hasByteForm } from "../x86/registers.js";
import { type MirInstruction, isMem, isPhysical, isVReg } from "./mir.js";
import { ops } from "./ops.js";
import { formatInstruction } from "./print.js";

function problem(instruction: MirInstruction, allocated: boolean): string | undefined {
  const info = ops[instruction.op];
  const count = instruction.operands.length;
  if (count > info.access.length || count < (info.minimum ?? info.access.length)) return "wrong operand count";
  let memories = 0;
  for (const [index, operand] of instruction.operands.entries()) {
    if (isMem(operand) && instruction.op !== "lea") memories++;
    if (allocated && isVReg(operand)) return "virtual register after allocation";
    if (info.register?.includes(index) === true && !isPhysical(operand) && !(isVReg(operand) && !allocated)) return `operand ${index} must be a register`;
    const fixed = info.fixed?.[index];
    if (fixed !== undefined && isPhysical(operand) && operand !== fixed) return `operand ${index} must be ${fixed}`;
    const byte = instruction.size === 8 && (index === 1 || (instruction.op !== "movzx" && instruction.op !== "movsx"));
    if (byte && isPhysical(operand) && !hasByteForm(operand)) return `operand ${index} has no 8-bit form`;
  }
  if (allocated && memories > 1) return "two memory operands";
  return undefined;
}

/** Throws (an internal error) naming the pass, the function and the instruction. */
export function verify(code: readonly MirInstruction[], pass: string, fn: string, allocated: boolean): void {
  code.forEach((instruction, index) => {
    const found = problem(instruction, allocated);
    assert(found === undefined, `MIR check after ${pass}, function "${fn}", instruction ${index} (${formatInstruction(instruction).trim()}): ${found}`);
  });
}
