/**
 * The part of a module that some names need: the functions, global variables and aliases
 * reachable from `roots` through instruction operands, constant initialisers and aliasees (a
 * function whose address is stored in a reachable table counts as reachable). The kernel
 * links a module against a library module this way (src/kernel/library.ts), so that only what
 * the module can call is compiled: a library function that is never reachable, floating point
 * or not, is never compiled.
 */
import type { Constant, Function, GlobalAlias, GlobalVariable, Module, Value } from "./values.js";

type Global = Function | GlobalVariable | GlobalAlias;

/** `module` with only the globals reachable from the globals named `roots` (others dropped). */
export function reachableModule(module: Module, roots: Iterable<string>): Module {
  const byName = new Map<string, Global>();
  for (const global of [...module.functions, ...module.globals, ...module.aliases]) byName.set(global.name, global);
  const reached = new Set<Global>();
  const pending: Global[] = [];
  const reach = (value: Value | Constant): void => {
    if (value.valueKind === "function" || value.valueKind === "global" || value.valueKind === "alias") {
      if (!reached.has(value)) {
        reached.add(value);
        pending.push(value);
      }
    } else if (value.valueKind === "expr") {
      value.operands.forEach(reach);
    } else if (value.valueKind === "aggregate") {
      value.elements.forEach(reach);
    } else if (value.valueKind === "blockaddress") {
      reach(value.function);
    }
  };
  for (const name of roots) {
    const global = byName.get(name);
    if (global !== undefined) reach(global);
  }
  for (let global = pending.pop(); global !== undefined; global = pending.pop()) visit(global, reach);
  return {
    ...module,
    functions: module.functions.filter((fn) => reached.has(fn)),
    globals: module.globals.filter((global) => reached.has(global)),
    aliases: module.aliases.filter((alias) => reached.has(alias)),
  };
}

function visit(global: Global, reach: (value: Value | Constant) => void): void {
  if (global.valueKind === "global") {
    if (global.initializer !== undefined) reach(global.initializer);
  } else if (global.valueKind === "alias") {
    reach(global.aliasee);
  } else {
    for (const block of global.blocks) for (const instruction of block.instructions) instruction.operands.forEach(reach);
  }
}
