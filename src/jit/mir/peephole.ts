/**
 * The peephole pass, on the allocated MIR (physical operands only), one linear walk:
 *
 * - reload of the last store: `mov [m], r` immediately followed by `mov r2, [m]` (32-bit, no
 *   label between) needs no load: it becomes `mov r2, r`, or nothing when r2 is r;
 * - held-back store: a store marked `elidable` (its value's only reader is the next IR
 *   instruction) is dropped when the very next instruction reloads it, the reload becoming
 *   `mov r2, r` or nothing; otherwise it stays where it was.
 *
 * - a copy of a register to itself (`mov r, r`, what a register allocator leaves of a copy it
 *   coalesced) is dropped.
 *
 * Only stores without a relocation take part.
 */
import type { Reg } from "../x86/registers.js";
import type { Mem } from "../x86/operands.js";
import { type MirInstruction, instruction, isMem, isPhysical, sameMem } from "./mir.js";

/** The address of `mov [m], r` (32-bit, m without a relocation), else undefined. */
function storeAddress(candidate: MirInstruction | undefined): Mem | undefined {
  if (candidate === undefined || candidate.op !== "mov" || candidate.size !== 32) return undefined;
  const dst = candidate.operands[0]!;
  return isMem(dst) && dst.symbol === undefined && isPhysical(candidate.operands[1]!) ? dst : undefined;
}

/** The address of `mov r, [m]` (32-bit, m without a relocation), else undefined. */
function reloadAddress(candidate: MirInstruction): Mem | undefined {
  if (candidate.op !== "mov" || candidate.size !== 32) return undefined;
  const src = candidate.operands[1]!;
  return isMem(src) && src.symbol === undefined && isPhysical(candidate.operands[0]!) ? src : undefined;
}

/** The reload as a copy from the stored register; undefined when it is the same register. */
function asCopy(reload: MirInstruction, store: MirInstruction): MirInstruction | undefined {
  const to = reload.operands[0] as Reg;
  const from = store.operands[1] as Reg;
  return to === from ? undefined : instruction("mov", 32, [to, from], undefined, false, false, reload.source);
}

/** Rewrites `code` in place (it only ever shrinks) and returns it. */
export function peephole(code: MirInstruction[]): MirInstruction[] {
  let length = 0;
  let held: MirInstruction | undefined;
  for (let index = 0; index < code.length; index++) {
    const next = code[index]!;
    const reload = reloadAddress(next);
    let previous: MirInstruction | undefined;
    if (held !== undefined) {
      if (reload !== undefined && sameMem(reload, storeAddress(held)!)) previous = held;
      else code[length++] = held;
      held = undefined;
    }
    if (reload !== undefined) {
      previous ??= code[length - 1];
      const stored = storeAddress(previous);
      if (stored !== undefined && sameMem(reload, stored)) {
        const copy = asCopy(next, previous!);
        if (copy !== undefined) code[length++] = copy;
        continue;
      }
    }
    if (next.op === "mov" && isPhysical(next.operands[0]!) && next.operands[0] === next.operands[1]) continue;
    if (next.elidable && storeAddress(next) !== undefined) held = next;
    else code[length++] = next;
  }
  if (held !== undefined) code[length++] = held;
  code.length = length;
  return code;
}
