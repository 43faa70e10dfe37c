/**
 * Which function a module's header names as its entry. The default is the module's only
 * externally visible function definition (among several, the one named like the module, else
 * C's `main`); a module whose entry is not defined in it is refused, and the message lists
 * the functions that are.
 */
import { InputError } from "../errors.js";
import { isDeclaration, type Function, type Module } from "../ir/values.js";

/** Function definitions other code can call (not internal or private). */
export function exportedDefinitions(module: Module): Function[] {
  return module.functions.filter((fn) => !isDeclaration(fn) && fn.linkage !== "internal" && fn.linkage !== "private");
}

function listNames(functions: readonly Function[]): string {
  return functions.length === 0 ? "none" : functions.map((fn) => fn.name).join(", ");
}

/**
 * The entry to record: `given` if the module defines it; else the only exported definition
 * (or, among several, the one named like the module, else `main`).
 */
export function chooseEntry(module: Module, file: string, name: string, given?: string): string {
  const exported = exportedDefinitions(module);
  if (given !== undefined) {
    if (exported.some((fn) => fn.name === given)) return given;
    throw new InputError(file, `entry ${given} is not defined in the module (it defines: ${listNames(exported)})`);
  }
  if (exported.length === 1) return exported[0]!.name;
  const named = exported.find((fn) => fn.name === name) ?? exported.find((fn) => fn.name === "main");
  if (named !== undefined) return named.name;
  if (exported.length === 0) throw new InputError(file, "the module defines no externally visible function to use as its entry");
  throw new InputError(file, `the module defines ${exported.length} externally visible functions (${listNames(exported)}); choose one with --entry`);
}
