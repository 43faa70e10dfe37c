/**
 * The block translator: turns a hot straight-line run of decoded instructions into one
 * JavaScript function.
 *
 * The interpreter calls `instruction.handler(machine, instruction)` from one call site, which V8
 * sees as megamorphic (hundreds of handlers): every instruction pays an indirect call. A
 * translated block instead calls each handler from its own call site, with the handler and the
 * decoded instruction bound as constants of the generated function, so V8 can inline each one
 * and specialise it for that instruction. Semantics are exactly the interpreter's (the same
 * handlers run in the same order); the generated function only adds bookkeeping:
 * - `machine.blockIndex` is set to the index of the instruction that threw (a fault or a stop),
 *   so the machine can attribute it to the right EIP and instruction count;
 * - after each instruction it checks `machine.codeGeneration`: if a write dropped decoded code,
 *   the block returns early (after the writing instruction) with the number it executed.
 */
import type { DecodedInstruction, Handler } from "./instruction.js";
import type { Machine } from "./machine.js";

/** Runs a whole block; returns the number of instructions executed. */
export type TranslatedBlock = (machine: Machine) => number;

export function translateBlock(instructions: DecodedInstruction[]): TranslatedBlock {
  const count = instructions.length;
  const lines = ["const generation = m.codeGeneration;", "let k = 0;", "try {"];
  for (let k = 0; k < count; k++) {
    lines.push(`  k = ${k}; h${k}(m, i${k});`);
    if (k < count - 1) {
      lines.push(`  if (m.codeGeneration !== generation) { m.eip = i${k}.next; return ${k + 1}; }`);
    }
  }
  lines.push("} catch (signal) { m.blockIndex = k; throw signal; }", `return ${count};`);
  const parameters: string[] = [];
  const values: (Handler | DecodedInstruction)[] = [];
  instructions.forEach((instruction, k) => {
    parameters.push(`h${k}`, `i${k}`);
    values.push(instruction.handler, instruction);
  });
  const factory = new Function(...parameters, `return function block(m) {\n${lines.join("\n")}\n};`) as (
    ...bound: (Handler | DecodedInstruction)[]
  ) => TranslatedBlock;
  return factory(...values);
}
