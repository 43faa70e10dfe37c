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
 * Semantics are exactly the interpreter's (the same code runs in the same order); the generated
 * function only adds bookkeeping:
 * - `machine.blockIndex` is set to the index of the instruction that threw (a fault or a stop),
 *   so the machine can attribute it to the right EIP and instruction count;
 * - after each instruction that may write memory it checks `machine.codeGeneration`: if the
 *   write dropped decoded code, the block returns early with the number of instructions run.
 */
import { HELPER_NAMES, HELPERS, handlerSource } from "./handlers/templates.js";
import type { DecodedInstruction } from "./instruction.js";
import type { Machine } from "./machine.js";

/** Runs a whole block; returns the number of instructions executed. */
export type TranslatedBlock = (machine: Machine) => number;

/** Opcodes that write memory without a ModRM memory operand (push, call, string stores, int...). */
const IMPLICIT_WRITERS = new Set([
  0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x60, 0x68, 0x6a, 0x9c, 0xa4, 0xa5, 0xaa, 0xab, 0xc8, 0xcd, 0xe8, 0xff,
]);

function mayWriteMemory(instruction: DecodedInstruction): boolean {
  return instruction.isMemory || IMPLICIT_WRITERS.has(instruction.opcode) || instruction.mnemonic === "service";
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

export function translateBlock(instructions: DecodedInstruction[]): TranslatedBlock {
  const count = instructions.length;
  const lines = ["const regs = m.regs;", "const generation = m.codeGeneration;", "let k = 0;", "try {"];
  const parameters: string[] = [...HELPER_NAMES];
  const values: unknown[] = HELPER_NAMES.map((name) => HELPERS[name]);
  instructions.forEach((instruction, k) => {
    const source = handlerSource(instruction.handler);
    if (source !== undefined) {
      lines.push(`  k = ${k}; {\n${specialise(source, instruction)}\n  }`);
    } else {
      lines.push(`  k = ${k}; h${k}(m, i${k});`);
      parameters.push(`h${k}`, `i${k}`);
      values.push(instruction.handler, instruction);
    }
    if (k < count - 1 && mayWriteMemory(instruction)) {
      lines.push(`  if (m.codeGeneration !== generation) { m.eip = ${instruction.next}; return ${k + 1}; }`);
    }
  });
  lines.push("} catch (signal) { m.blockIndex = k; throw signal; }", `return ${count};`);
  const factory = new Function(...parameters, `return function block(m) {\n${lines.join("\n")}\n};`) as (
    ...bound: unknown[]
  ) => TranslatedBlock;
  return factory(...values);
}
