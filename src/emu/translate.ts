/**
 * The block translator: turns a hot straight-line run of decoded instructions into one
 * JavaScript function.
 *
 * The interpreter calls `instruction.handler(machine, instruction)` from one call site, which V8
 * sees as megamorphic (hundreds of handlers): every instruction pays an indirect call. A
 * translated block instead contains, for each instruction:
 * - the source of its handler, when the handler was compiled from a template (templates.ts,
 *   fast.ts), with the instruction's fields (`i.reg`, `i.immediate`, ...) replaced by constants;
 * - otherwise a call of its handler from a call site of its own, with the handler and the
 *   decoded instruction bound as constants, which V8 can inline.
 * Semantics are exactly the interpreter's (the same code runs in the same order), except that a
 * flag store is left out when a later instruction of the block overwrites all status flags
 * before anything could observe them (deadFlagStores). The generated function also keeps:
 * - `machine.blockIndex` is set to the index of the instruction that threw (a fault or a stop)
 *   and `machine.blockDone` to the instructions of earlier passes of a looping block, so the
 *   machine can attribute it to the right EIP and instruction count;
 * - after each instruction that may write memory it checks `machine.codeGeneration`: if the
 *   write dropped decoded code, the block returns early with the number of instructions run.
 */
import { FLAGS_STORE, HELPER_NAMES, HELPERS, handlerSource } from "./handlers/templates.js";
import type { DecodedInstruction } from "./instruction.js";
import type { Machine } from "./machine.js";
import { isFlagTransparent, killsStatusFlags, mayWriteMemory } from "./table/index.js";

/**
 * Runs a whole block (more than once if it loops on itself, while at least one more full pass
 * fits in `budget` instructions); returns the number of instructions executed.
 */
export type TranslatedBlock = (machine: Machine, budget: number) => number;

/** Whether an instruction may write memory (and so drop decoded code): from the instruction table. */
function mayWrite(instruction: DecodedInstruction): boolean {
  return instruction.form === null || mayWriteMemory(instruction.form, instruction);
}

const CONSTANT_FIELDS = new Set(["rm", "reg", "base", "index", "scale", "displacement", "immediate", "target", "next", "address", "operation", "opcode"]);

/** A template body with the instruction's numeric fields as literals. */
function specialise(source: string, instruction: DecodedInstruction): string {
  return source.replace(/\bi\.([a-zA-Z]+)\b/g, (text, field: string) => {
    if (!CONSTANT_FIELDS.has(field)) return text;
    const value = instruction[field as keyof DecodedInstruction] as number;
    return value < 0 ? `(${value})` : String(value);
  });
}

/**
 * Which instructions' flag stores are dead: a later instruction of the block overwrites all
 * status flags, and every instruction in between neither reads nor writes flags nor can fault
 * (a fault would expose the flags). The last instruction's flags are always live. What each
 * instruction does with flags comes from the instruction table (table/).
 */
function deadFlagStores(instructions: DecodedInstruction[]): boolean[] {
  const dead = instructions.map(() => false);
  let pending = -1;
  instructions.forEach((instruction, k) => {
    const form = instruction.form;
    if (form !== null && killsStatusFlags(form, instruction) && pending >= 0) dead[pending] = true;
    if (form !== null && isFlagTransparent(form, instruction)) return;
    const storesFlags = form !== null && form.flags.written !== 0 && handlerSource(instruction.handler) !== undefined;
    pending = storesFlags ? k : -1;
  });
  return dead;
}

function withoutFlagStore(source: string): string {
  return source.split("\n").filter((line) => !line.trimStart().startsWith(FLAGS_STORE)).join("\n");
}

/** Whether the block ends with a conditional branch back to its own first instruction. */
function isSelfLoop(instructions: DecodedInstruction[]): boolean {
  const last = instructions[instructions.length - 1];
  const jcc = (last.opcode >= 0x70 && last.opcode <= 0x7f) || (last.opcode >= 0x0f80 && last.opcode <= 0x0f8f);
  return jcc && last.target === instructions[0].address;
}

/** The straight-line code of one pass over the block; `done` is the count of earlier passes. */
function bodyLines(instructions: DecodedInstruction[], bound: { parameters: string[]; values: unknown[] }): string[] {
  const dead = deadFlagStores(instructions);
  const lines: string[] = [];
  instructions.forEach((instruction, k) => {
    const source = handlerSource(instruction.handler);
    if (source !== undefined) {
      const body = dead[k] ? withoutFlagStore(source) : source;
      lines.push(`k = ${k}; {\n${specialise(body, instruction)}\n}`);
    } else {
      lines.push(`k = ${k}; h${k}(m, i${k});`);
      bound.parameters.push(`h${k}`, `i${k}`);
      bound.values.push(instruction.handler, instruction);
    }
    if (k < instructions.length - 1 && mayWrite(instruction)) {
      lines.push(`if (m.codeGeneration !== generation) { m.eip = ${instruction.next}; return done + ${k + 1}; }`);
    }
  });
  return lines;
}

/**
 * Compiles a block. A block that branches back to itself (a tight loop) runs as a loop inside
 * the function for as long as the branch is taken and `budget` allows another full pass.
 */
export function translateBlock(instructions: DecodedInstruction[]): TranslatedBlock {
  const count = instructions.length;
  const bound = { parameters: [...HELPER_NAMES] as string[], values: HELPER_NAMES.map((name) => HELPERS[name]) as unknown[] };
  const body = bodyLines(instructions, bound);
  const start = instructions[0].address;
  const end = instructions[count - 1].next;
  const loop = isSelfLoop(instructions)
    ? [`for (;;) {`, `m.eip = ${end};`, ...body, `done += ${count};`, `if (m.eip !== ${start} || done + ${count} > budget) return done;`, "}"]
    : [...body, `return ${count};`];
  const lines = [
    "const regs = m.regs;",
    "const generation = m.codeGeneration;",
    "let k = 0;",
    "let done = 0;",
    "try {",
    ...loop,
    "} catch (signal) { m.blockIndex = k; m.blockDone = done; throw signal; }",
  ];
  const factory = new Function(...bound.parameters, `return function block(m, budget) {\n${lines.join("\n")}\n};`) as (
    ...values: unknown[]
  ) => TranslatedBlock;
  return factory(...bound.values);
}
