/**
 * The peephole pass, on the allocated MIR (physical operands only), one linear walk:
 *
 * - reload of the last store: `mov [m], r` immediately followed by `mov r2, [m]` (32-bit, no
 *   label between) needs no load: it becomes `mov r2, r`, or nothing when r2 is r;
 * - held-back store: a store marked `elidable` (its value's only reader is the next IR
 *   instruction) is dropped when the very next instruction reloads it, the reload becoming
 *   `mov r2, r` or nothing; otherwise it stays where it was.
 *
 * Only stores without a relocation take part. The output is a new list; the input is unchanged.
 */
import type { Reg } from "../x86/registers.js";
import type { Mem } from "../x86/operands.js";
import { type MirInstruction, isMem, isPhysical, sameMem } from "./mir.js";

interface Store { reg: Reg; mem: Mem }

/** `mov [m], r`, 32-bit, m without a relocation. */
function asStore(instruction: MirInstruction | undefined): Store | undefined {
  if (instruction === undefined || instruction.op !== "mov" || instruction.size !== 32) return undefined;
  const [dst, src] = instruction.operands;
  if (dst === undefined || src === undefined || !isMem(dst) || dst.symbol !== undefined || !isPhysical(src)) return undefined;
  return { reg: src, mem: dst };
}

/** `mov r, [m]`, 32-bit, m without a relocation: the register and the address. */
function asReload(instruction: MirInstruction): Store | undefined {
  if (instruction.op !== "mov" || instruction.size !== 32) return undefined;
  const [dst, src] = instruction.operands;
  if (dst === undefined || src === undefined || !isPhysical(dst) || !isMem(src) || src.symbol !== undefined) return undefined;
  return { reg: dst, mem: src };
}

function copy(to: Reg, from: Reg): MirInstruction {
  return { op: "mov", size: 32, operands: [to, from] };
}

/** The reload as a copy from the stored register (nothing when it is the same register). */
function replaceReload(out: MirInstruction[], reload: Store, store: Store): void {
  if (reload.reg !== store.reg) out.push(copy(reload.reg, store.reg));
}

export function peephole(code: readonly MirInstruction[]): MirInstruction[] {
  const out: MirInstruction[] = [];
  let held: MirInstruction | undefined;
  for (const instruction of code) {
    const reload = asReload(instruction);
    if (held !== undefined) {
      const store = asStore(held)!;
      held = undefined;
      if (reload !== undefined && sameMem(reload.mem, store.mem)) {
        replaceReload(out, reload, store);
        continue;
      }
      out.push({ op: "mov", size: 32, operands: [store.mem, store.reg] });
    }
    const last = reload === undefined ? undefined : asStore(out[out.length - 1]);
    if (reload !== undefined && last !== undefined && sameMem(reload.mem, last.mem)) {
      replaceReload(out, reload, last);
      continue;
    }
    if (instruction.elidable === true && asStore(instruction) !== undefined) held = instruction;
    else out.push(instruction);
  }
  if (held !== undefined) out.push(held);
  return out;
}
