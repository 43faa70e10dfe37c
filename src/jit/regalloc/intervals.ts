/**
 * The live-intervals stage of the linear-scan allocator (tier 1), over a function's MIR in
 * layout order. Instruction i reads its operands at position 2i and writes at 2i+1. Blocks
 * start at labels and after jumps; their successors are the labels of jmp/jcc plus the fall-through, and an
 * indirect jump (a jump table) may reach any block. Block liveness (a backward dataflow to a
 * fixed point) makes a value live around a loop cover the whole loop.
 *
 * - A virtual register gets one interval [start, end] (Poletto and Sarkar: no holes), from its
 *   first to its last position, block boundaries included where it is live in or out.
 * - A physical register gets the exact set of positions where lowering's fixed uses keep it
 *   busy (scratch operands, div's edx:eax, a call's clobbers...), as prefix counts, so that
 *   "is r free over [start, end]" is one subtraction.
 */
import { Reg } from "../x86/registers.js";
import { type MirInstruction, type Operand, isLabel, isMem, isPhysical, isVReg } from "../mir/mir.js";
import { ops } from "../mir/ops.js";
import type { Label } from "../x86/encoder.js";

/** Register numbers in the dataflow: physical 0..7, virtual register n as 8 + n. */
const virtualBase = 8;

export interface Interval { readonly vreg: number; start: number; end: number }

export interface Liveness {
  /** Interval of each virtual register that occurs, by number (undefined when it does not). */
  readonly intervals: (Interval | undefined)[];
  /** Virtual registers live on entry to the function. */
  readonly liveOnEntry: ReadonlySet<number>;
  /** busy[r][p]: positions before p at which physical register r is busy. */
  readonly busy: readonly Int32Array[];
}

/** Physical register r is busy somewhere in [start, end]. */
export function isBusy(liveness: Liveness, reg: Reg, start: number, end: number): boolean {
  const counts = liveness.busy[reg]!;
  return counts[end + 1]! - counts[start]! > 0;
}

function registerNumber(operand: Operand): number | undefined {
  if (isPhysical(operand)) return operand;
  if (isVReg(operand)) return virtualBase + operand.vreg;
  return undefined;
}

/** The registers an instruction reads and writes (explicit, inside addresses, implicit). */
export function accesses(instruction: MirInstruction): { uses: number[]; defs: number[] } {
  const info = ops[instruction.op];
  // ret's eax/edx are loaded right before the epilogue, where no value is live; counting them
  // would keep edx (eax in a void function) busy from the entry to every return.
  const uses: number[] = instruction.op === "ret" ? [] : [...(info.implicitUses ?? [])];
  const defs: number[] = [...(info.implicitDefs ?? [])];
  if (instruction.op === "call" && isLabel(instruction.operands[0]!)) {
    // A runtime routine's private convention (runtime.ts): edx:eax and ebx:ecx in and out,
    // esi and edi clobbered.
    uses.push(Reg.eax, Reg.ecx, Reg.edx, Reg.ebx);
    defs.push(Reg.ebx, Reg.esi, Reg.edi);
  }
  instruction.operands.forEach((operand, index) => {
    if (isMem(operand)) {
      if (operand.base !== undefined) uses.push(operand.base);
      if (operand.index !== undefined) uses.push(operand.index);
      return;
    }
    const number = registerNumber(operand);
    if (number === undefined) return;
    const access = info.access[index] ?? "use";
    if (access !== "def") uses.push(number);
    if (access !== "use") defs.push(number);
  });
  return { uses, defs };
}

interface Block { first: number; last: number; successors: number[] }

function splitBlocks(code: readonly MirInstruction[]): Block[] {
  const blocks: Block[] = [];
  const byLabel = new Map<Label, number>();
  const ends = (instruction: MirInstruction | undefined): boolean =>
    instruction !== undefined && (instruction.op === "jmp" || instruction.op === "jcc" || instruction.op === "ret" || instruction.op === "ud2");
  code.forEach((instruction, index) => {
    if (index === 0 || instruction.op === "label" || ends(code[index - 1])) {
      if (blocks.length > 0) blocks[blocks.length - 1]!.last = index - 1;
      blocks.push({ first: index, last: index, successors: [] });
    }
    if (instruction.op === "label") byLabel.set(instruction.operands[0] as Label, blocks.length - 1);
  });
  if (blocks.length > 0) blocks[blocks.length - 1]!.last = code.length - 1;
  blocks.forEach((block, index) => {
    const end = code[block.last]!;
    const target = end.operands[0];
    const ends = end.op === "jmp" || end.op === "ret" || end.op === "ud2";
    if (!ends && index + 1 < blocks.length) block.successors.push(index + 1);
    if (end.op === "jmp" || end.op === "jcc") {
      const known = target !== undefined && isLabel(target) ? byLabel.get(target) : undefined;
      if (known !== undefined) block.successors.push(known);
      else if (end.op === "jmp") block.successors.push(...blocks.keys());
    }
  });
  return blocks;
}

function blockLiveIn(code: readonly MirInstruction[], block: Block, liveOut: Set<number>): Set<number> {
  const live = new Set(liveOut);
  for (let index = block.last; index >= block.first; index--) {
    const { uses, defs } = accesses(code[index]!);
    for (const def of defs) live.delete(def);
    for (const use of uses) live.add(use);
  }
  return live;
}

function solve(code: readonly MirInstruction[], blocks: Block[]): Set<number>[] {
  const liveIn = blocks.map(() => new Set<number>());
  const liveOut = blocks.map(() => new Set<number>());
  for (let changed = true; changed;) {
    changed = false;
    for (let index = blocks.length - 1; index >= 0; index--) {
      const out = liveOut[index]!;
      for (const successor of blocks[index]!.successors) for (const number of liveIn[successor]!) out.add(number);
      const fresh = blockLiveIn(code, blocks[index]!, out);
      if (fresh.size !== liveIn[index]!.size) changed = true;
      liveIn[index] = fresh;
    }
  }
  return liveOut;
}

/** Live intervals of the virtual registers and busy positions of the physical ones. */
export function buildIntervals(code: readonly MirInstruction[]): Liveness {
  const blocks = splitBlocks(code);
  const liveOut = solve(code, blocks);
  const positions = 2 * code.length;
  const busyAt = Array.from({ length: virtualBase }, () => new Uint8Array(positions));
  const intervals: (Interval | undefined)[] = [];
  const touch = (number: number, position: number): void => {
    if (number < virtualBase) {
      busyAt[number]![position] = 1;
      return;
    }
    const interval = intervals[number - virtualBase];
    if (interval === undefined) intervals[number - virtualBase] = { vreg: number - virtualBase, start: position, end: position };
    else {
      interval.start = Math.min(interval.start, position);
      interval.end = Math.max(interval.end, position);
    }
  };
  let liveOnEntry = new Set<number>();
  blocks.forEach((block, blockIndex) => {
    const live = new Set(liveOut[blockIndex]);
    for (const number of live) touch(number, 2 * block.last + 1);
    for (let index = block.last; index >= block.first; index--) {
      const { uses, defs } = accesses(code[index]!);
      for (const number of live) touch(number, 2 * index + 1);
      for (const def of defs) { touch(def, 2 * index + 1); live.delete(def); }
      for (const use of uses) live.add(use);
      for (const number of live) touch(number, 2 * index);
    }
    if (blockIndex === 0) liveOnEntry = new Set([...live].filter((number) => number >= virtualBase).map((number) => number - virtualBase));
  });
  const busy = busyAt.map((marks) => {
    const counts = new Int32Array(positions + 1);
    for (let position = 0; position < positions; position++) counts[position + 1] = counts[position]! + marks[position]!;
    return counts;
  });
  return { intervals, liveOnEntry, busy };
}
