/**
 * The `mkimg ir` action: read, then print with src/ir/print.ts.
 */
import { readModuleInput } from "../../image/module-input.js";
import { InputError } from "../../errors.js";
import { printFunction, printModule } from "../../ir/print.js";
import { lockOptions } from "./image-options.js";
import type { IrFlags } from "./ir.js";

export function irCommand(spec: string, flags: IrFlags): string {
  const { module, file } = readModuleInput(spec, { force: flags.force ?? false, lock: lockOptions("ir", flags) });
  if (flags.function === undefined) return withNewline(printModule(module));
  const fn = module.functions.find((candidate) => candidate.name === flags.function);
  if (fn === undefined) {
    const names = module.functions.map((candidate) => candidate.name).join(", ") || "none";
    throw new InputError(file, `no function ${flags.function} in the module (functions: ${names})`);
  }
  return withNewline(printFunction(fn, module));
}

function withNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
