/**
 * Which module a module depends on. A module's undefined symbols are linked by the kernel: the
 * kernel services of modules/include/kernel.h first, then the module named in its header's
 * dependency (docs/FORMAT.md: flags bit 1, the stem at 120..127). Today the one library module
 * is the C library, LIBC.BC (modules/libc/libc.bc, newlib): a module that needs any symbol the
 * services do not provide depends on it. src/kernel/services.ts implements the services, in
 * this order (a test checks that the two lists agree).
 */
import { isDeclaration, type Module } from "../ir/values.js";

export const SERVICE_NAMES: readonly string[] = [
  "kprint", "kprint_int", "kputc", "memcpy", "memmove", "memset", "memcmp",
  "kmalloc", "kfree", "kticks", "kexit", "kabort", "kpanic",
];

/** The C library's stem on the image (LIBC.BC) and the file it is made from. */
export const LIBC_STEM = "LIBC";

/** The symbols `module` uses but does not define (intrinsics aside). */
export function undefinedSymbols(module: Module): string[] {
  const functions = module.functions.filter((fn) => isDeclaration(fn) && !fn.name.startsWith("llvm.")).map((fn) => fn.name);
  const globals = module.globals.filter((global) => global.initializer === undefined).map((global) => global.name);
  return [...functions, ...globals];
}

/** The symbols `module` needs from a library: its undefined symbols that are not services. */
export function librarySymbols(module: Module): string[] {
  return undefinedSymbols(module).filter((name) => !SERVICE_NAMES.includes(name));
}

/** The stem of the module `module` depends on (`LIBC`), or undefined when the services suffice. */
export function dependencyFor(module: Module): string | undefined {
  return librarySymbols(module).length > 0 ? LIBC_STEM : undefined;
}
