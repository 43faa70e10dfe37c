/**
 * Tier 1's assignment, `linear-scan` (Poletto and Sarkar, "Linear scan register allocation",
 * TOPLAS 1999), in stages: live intervals (intervals.ts), then one scan over the intervals in
 * order of their start, then spill. Allocatable are eax, ecx, edx, ebx, esi and edi (ebp stays
 * the frame pointer, esp the stack pointer). The MIR's own physical registers (lowering's
 * scratch operands, div's edx:eax, shift counts in cl, a call's clobbered eax/ecx/edx, rep
 * movsb's ecx/esi/edi) are fixed: a register is given to an interval only if it is not busy
 * anywhere in it, so a value crossing a call never sits in a caller-saved register.
 *
 * - Hints: `mov r, v` and `mov v, r` ask for r, so that the copy becomes `mov r, r`, which the
 *   peephole deletes (this is where executed instructions are saved).
 * - An 8-bit operand needs al, cl, dl or bl.
 * - Spill: when no register is free, the interval that ends last among the current one and
 *   the active ones holding a usable register lives in its home slot for its whole life.
 *   Incoming arguments live on entry stay in their home (the caller's stack words).
 */
import { Reg } from "../x86/registers.js";
import { mem } from "../x86/operands.js";
import { type MirInstruction, isPhysical, isVReg } from "../mir/mir.js";
import type { Location } from "./rewrite.js";
import type { VirtualRegisters } from "./allocate.js";
import { type Interval, type Liveness, buildIntervals, isBusy } from "./intervals.js";

const allocatable: readonly Reg[] = [Reg.ebx, Reg.esi, Reg.edi, Reg.eax, Reg.ecx, Reg.edx];

interface Constraints { hints: Map<number, Reg>; byteOnly: Set<number> }

function gatherConstraints(code: readonly MirInstruction[]): Constraints {
  const hints = new Map<number, Reg>();
  const byteOnly = new Set<number>();
  for (const instruction of code) {
    const [first, second] = instruction.operands;
    if (instruction.op === "mov" && instruction.size === 32 && first !== undefined && second !== undefined) {
      if (isVReg(first) && isPhysical(second) && !hints.has(first.vreg)) hints.set(first.vreg, second);
      if (isVReg(second) && isPhysical(first) && !hints.has(second.vreg)) hints.set(second.vreg, first);
    }
    if (instruction.size !== 8) continue;
    instruction.operands.forEach((operand, index) => {
      const extension = instruction.op === "movzx" || instruction.op === "movsx";
      if (isVReg(operand) && (index === 1 || !extension)) byteOnly.add(operand.vreg);
    });
  }
  return { hints, byteOnly };
}

function fits(liveness: Liveness, constraints: Constraints, interval: Interval, reg: Reg): boolean {
  if (constraints.byteOnly.has(interval.vreg) && reg > Reg.ebx) return false;
  return !isBusy(liveness, reg, interval.start, interval.end);
}

/** A location per virtual register: a physical register, or its home slot. */
export function assignLinearScan(code: readonly MirInstruction[], registers: VirtualRegisters): Location[] {
  const liveness = buildIntervals(code);
  const constraints = gatherConstraints(code);
  const assigned = new Map<number, Reg>();
  const intervals = liveness.intervals
    .filter((interval): interval is Interval => interval !== undefined)
    .filter((interval) => !(liveness.liveOnEntry.has(interval.vreg) && registers.homes[interval.vreg]! > 0))
    .sort((a, b) => a.start - b.start || a.vreg - b.vreg);
  let active: Interval[] = [];
  for (const interval of intervals) {
    active = active.filter((other) => other.end >= interval.start);
    const taken = new Set(active.map((other) => assigned.get(other.vreg)!));
    const hint = constraints.hints.get(interval.vreg);
    const candidates = hint !== undefined && allocatable.includes(hint) ? [hint, ...allocatable] : allocatable;
    const free = candidates.find((reg) => !taken.has(reg) && fits(liveness, constraints, interval, reg));
    if (free !== undefined) {
      assigned.set(interval.vreg, free);
      active.push(interval);
      continue;
    }
    const victim = active
      .filter((other) => other.end > interval.end && fits(liveness, constraints, interval, assigned.get(other.vreg)!))
      .sort((a, b) => b.end - a.end)[0];
    if (victim === undefined) continue;
    assigned.set(interval.vreg, assigned.get(victim.vreg)!);
    assigned.delete(victim.vreg);
    active = active.filter((other) => other !== victim);
    active.push(interval);
  }
  return registers.homes.map((home, vreg) => assigned.get(vreg) ?? mem(Reg.ebp, home));
}
