/**
 * The region translator: turns a set of hot decoded blocks into one JavaScript function.
 *
 * A region is a block and the blocks reachable from it through direct branches, fall-through
 * and the links the machine recorded (return sites, indirect targets) that are already decoded
 * (selectRegion). Its function is a loop around a `switch` on EIP with one case per block, so
 * control stays inside it across jumps, calls, returns and loops; it returns to the machine only
 * when EIP leaves the region, the step budget cannot fit another whole block, an instruction
 * faults or stops, or a memory write drops decoded code. Any block of the region can enter it.
 *
 * Inside the function the eight registers and the lazy flag state (flags.ts) live in local
 * variables, written back to the machine on every way out and around every call of a handler.
 * Flags are then computed only where something reads them: V8 drops the stores no reader, exit
 * or possible fault can observe, across blocks as well as within one.
 *
 * Each instruction is either
 * - the source of its handler, when the handler was compiled from a template (templates.ts,
 *   fast.ts), with the instruction's fields (`i.reg`, `i.immediate`, ...) replaced by constants
 *   and its register and flag accesses by the locals; or
 * - for any other form (new table rows included) a call of its handler from a call site of its
 *   own, with the locals written back before and read again after.
 * Semantics are exactly the interpreter's. When an instruction throws, `machine.thrower` is set
 * to it and `machine.blockDone` to the instructions that completed before it.
 */
import { carryOf, overflowOf, parityOf, signOf, zeroOf } from "./flags.js";
import { handlerSource } from "./handlers/templates.js";
import { inlineMemory } from "./inline-memory.js";
import type { DecodedInstruction } from "./instruction.js";
import type { Machine } from "./machine.js";
import { mayFault, mayWriteMemory } from "./table/index.js";

/** Runs from `machine.eip` (a block of the region) for at most `budget` instructions; returns how many ran. */
export type TranslatedRegion = (machine: Machine, budget: number) => number;

/** What the translator needs of a decoded block. */
export interface RegionBlock {
  readonly address: number;
  /** EIP after the last instruction. */
  readonly end: number;
  readonly instructions: DecodedInstruction[];
}

/**
 * The blocks of the region entered at `entry`: breadth first over `neighbours` (already decoded
 * blocks only), at most `limit` blocks.
 */
export function selectRegion<B extends RegionBlock>(entry: B, neighbours: (block: B) => (B | undefined)[], limit: number): B[] {
  const chosen = new Map<number, B>([[entry.address, entry]]);
  const queue = [entry];
  while (queue.length > 0 && chosen.size < limit) {
    for (const next of neighbours(queue.shift() as B)) {
      if (next === undefined || chosen.has(next.address) || chosen.size >= limit) continue;
      chosen.set(next.address, next);
      queue.push(next);
    }
  }
  return [...chosen.values()];
}

/** The direct successors of a block: its branch target (relative jumps, calls, loops) and the fall-through. */
export function staticSuccessors(block: RegionBlock): number[] {
  const last = block.instructions[block.instructions.length - 1];
  const direct = last.form !== null && (last.form.immediate === "jb" || last.form.immediate === "jz");
  return direct ? [last.target, block.end] : [block.end];
}

/** Whether an instruction may write memory (and so drop decoded code): from the instruction table. */
function mayWrite(instruction: DecodedInstruction): boolean {
  return instruction.form === null || mayWriteMemory(instruction.form, instruction);
}

const CONSTANT_FIELDS = new Set(["rm", "reg", "base", "index", "scale", "displacement", "immediate", "target", "next", "address", "operation", "opcode"]);

/** Template text for machine state, and what it becomes in a region (locals; pure flag functions). */
const LOCALISED: [RegExp, string][] = [
  [/\bgetCF\(m\)/g, "carryOf(fo, fa, fb, fr, m.eflags)"],
  [/\bgetZF\(m\)/g, "zeroOf(fo, fr, m.eflags)"],
  [/\bgetSF\(m\)/g, "signOf(fo, fr, fs, m.eflags)"],
  [/\bgetPF\(m\)/g, "parityOf(fo, fr, m.eflags)"],
  [/\bgetOF\(m\)/g, "overflowOf(fo, fa, fb, fr, fs, m.eflags)"],
  [/\bm\.flagsOp\b/g, "fo"],
  [/\bm\.flagsA\b/g, "fa"],
  [/\bm\.flagsB\b/g, "fb"],
  [/\bm\.flagsResult\b/g, "fr"],
  [/\bm\.flagsSign\b/g, "fs"],
  [/\bm\.memory\b/g, "memory"],
  [/\bm\.eip\b/g, "eip"],
  // A byte register's dead branch (AH..BH arithmetic for AL..BL) names no real register.
  [/\bregs\[([0-3]) - 4\]/g, "dead"],
  [/\bregs\[([4-7]) - 4\]/g, "r$1-4"],
  [/\bregs\[([0-8])\]/g, "r$1"],
];

const FLAG_HELPERS = { carryOf, zeroOf, signOf, parityOf, overflowOf };

/** Locals back to the machine, and the machine into the locals. */
const REGISTERS = [0, 1, 2, 3, 4, 5, 6, 7];
const FLAG_FIELDS: [string, string][] = [["fo", "flagsOp"], ["fa", "flagsA"], ["fb", "flagsB"], ["fr", "flagsResult"], ["fs", "flagsSign"]];
const FLUSH = [...REGISTERS.map((n) => `regs[${n}] = r${n};`), ...FLAG_FIELDS.map(([local, field]) => `m.${field} = ${local};`), "m.eip = eip;"].join(" ");
const RELOAD = [...REGISTERS.map((n) => `r${n} = regs[${n}];`), ...FLAG_FIELDS.map(([local, field]) => `${local} = m.${field};`), "eip = m.eip;"].join(" ");

/** A template body with the instruction's fields as literals and the machine state as locals; undefined if that fails. */
function localise(source: string, instruction: DecodedInstruction): string | undefined {
  let text = source.replace(/\bi\.([a-zA-Z]+)\b/g, (original, field: string) => {
    if (!CONSTANT_FIELDS.has(field)) return original;
    const value = instruction[field as keyof DecodedInstruction] as number;
    return value < 0 ? `(${value})` : String(value);
  });
  for (const [pattern, replacement] of LOCALISED) {
    text = text.replace(pattern, (...match: string[]) =>
      replacement === "r$1-4" ? `r${Number(match[1]) - 4}` : replacement.replace("$1", match[1] ?? ""));
  }
  return /\bregs\b|\bi\./.test(text) ? undefined : text;
}

/** Generated source, with the values it refers to by name. */
interface Emitter {
  lines: string[];
  parameters: string[];
  values: unknown[];
  /** Every instruction of the region by its number (for faults). */
  instructions: DecodedInstruction[];
  /** Each instruction's index within its block. */
  positions: number[];
  /** Temporaries the inlined memory reads use (inline-memory.ts). */
  temporaries: { count: number };
}

/** One instruction: its number `k` first (for faults), then its code; a write that dropped code ends the region. */
function emitInstruction(emitter: Emitter, instruction: DecodedInstruction, position: number, isLast: boolean): void {
  const k = emitter.instructions.length;
  emitter.instructions.push(instruction);
  emitter.positions.push(position);
  const source = handlerSource(instruction.handler);
  const body = source === undefined ? undefined : localise(source, instruction);
  if (body !== undefined) {
    // Only an instruction that can throw needs `k` (read by the catch).
    const throws = instruction.form === null || mayFault(instruction.form, instruction);
    emitter.lines.push(`${throws ? `k = ${k}; ` : ""}{\n${inlineMemory(body, emitter.temporaries)}\n}`);
  } else {
    emitter.lines.push(`k = ${k}; ${FLUSH} calling = true; h${k}(m, i${k}); calling = false; ${RELOAD}`);
    emitter.parameters.push(`h${k}`, `i${k}`);
    emitter.values.push(instruction.handler, instruction);
  }
  if (!isLast && mayWrite(instruction)) {
    emitter.lines.push(`if (m.codeGeneration !== generation) { eip = ${instruction.next}; ${FLUSH} return done + ${position + 1}; }`);
  }
}

/**
 * One block as a case of the dispatch switch; a block that branches back to itself loops inside
 * its case while the budget allows whole passes.
 */
function emitBlock(emitter: Emitter, block: RegionBlock): void {
  const count = block.instructions.length;
  const successors = staticSuccessors(block);
  const selfLoop = successors.length === 2 && successors[0] === block.address;
  emitter.lines.push(`case ${block.address}: ${selfLoop ? "for (;;) " : ""}{`);
  emitter.lines.push(`if (done + ${count} > budget) { ${FLUSH} return done; }`);
  emitter.lines.push(`eip = ${block.end};`);
  block.instructions.forEach((instruction, position) => emitInstruction(emitter, instruction, position, position === count - 1));
  emitter.lines.push(`done += ${count};`);
  emitter.lines.push(selfLoop ? `if (eip !== ${block.address}) continue dispatch; }` : "continue dispatch; }");
}

/** Compiles a region; `blocks[0]` is where it was entered first, any block can enter it. */
export function translateRegion(blocks: RegionBlock[]): TranslatedRegion {
  const emitter: Emitter = {
    lines: [], parameters: Object.keys(FLAG_HELPERS), values: Object.values(FLAG_HELPERS), instructions: [], positions: [],
    temporaries: { count: 0 },
  };
  for (const block of blocks) emitBlock(emitter, block);
  const source = [
    "return function region(m, budget) {",
    "const regs = m.regs; const memory = m.memory; const generation = m.codeGeneration;",
    "const { slots, views } = memory.fastTables();",
    ...(emitter.temporaries.count > 0 ? [`let ${Array.from({ length: emitter.temporaries.count }, (_, n) => `a${n} = 0, s${n} = 0`).join(", ")};`] : []),
    `let ${REGISTERS.map((n) => `r${n} = regs[${n}]`).join(", ")}; const r8 = 0; let dead = 0;`,
    `let ${FLAG_FIELDS.map(([local, field]) => `${local} = m.${field}`).join(", ")};`,
    "let k = 0; let done = 0; let calling = false; let eip = m.eip >>> 0;",
    "try {",
    "dispatch: for (;;) {",
    "switch (eip) {",
    ...emitter.lines,
    `default: ${FLUSH} return done;`,
    "}",
    "}",
    `} catch (signal) { if (!calling) { ${FLUSH} } m.thrower = instructions[k]; m.blockDone = done + positions[k]; throw signal; }`,
    "};",
  ].join("\n");
  const factory = new Function(...emitter.parameters, "instructions", "positions", source) as (...values: unknown[]) => TranslatedRegion;
  return factory(...emitter.values, emitter.instructions, Int32Array.from(emitter.positions));
}
