/**
 * The module loader: from a module file's bytes to compiled code placed in the JIT pools.
 *
 *   header validation and CRC (src/module) -> bitcode reader (src/bitcode) -> the entry named
 *   in the header must be a defined function returning an integer and taking integers, or
 *   `(int argc, char **argv)` like C's main (arguments.ts passes it strings) -> checkSupported
 *   and compileModule (src/jit) against the JIT allocator, with external symbols linked to the
 *   kernel services (an unknown one is an error of the module).
 *
 * A module whose header names a dependency (LIBC.BC) is linked against it: loadLibrary compiles
 * only the part of the library the module's undefined symbols reach (src/ir/reachable.ts), and
 * the module's externals resolve to the services first, then to the library's exports.
 *
 * Every problem with the file is an InputError prefixed with the file's place on the disk
 * (`disk.img:FIB.BC: ...`); running out of pool memory is a KernelPanic (allocator.ts).
 */
import type { Tier } from "../jit/tiers.js";
import { readBitcode } from "../bitcode/reader.js";
import { InputError } from "../errors.js";
import type { Function, Module, Type } from "../ir/index.js";
import { checkModule } from "../ir/verify.js";
import { reachableModule } from "../ir/reachable.js";
import { compileModule, type CompiledFunction, type CompiledModule } from "../jit/module.js";
import { parseModule, type ModuleHeader } from "../module/header.js";
import type { JitAllocator } from "./allocator.js";

export interface LoadedModule {
  where: string;
  header: ModuleHeader;
  module: Module;
  compiled: CompiledModule;
  entry: CompiledFunction;
  /** Number of integer parameters the entry takes (2 for an argv entry). */
  entryParameters: number;
  /** `integers`: int f(int, ...); `argv`: int main(int argc, char **argv). */
  entryKind: EntryKind;
  bitcodeBytes: number;
  readMs: number;
  jitMs: number;
}

export type EntryKind = "integers" | "argv";

export interface LoadOptions {
  allocator: JitAllocator;
  resolveExternal(name: string): number | undefined;
  /** Read bitcode from LLVM versions the reader was not tested with. */
  force?: boolean;
  /** The JIT tier for every function; by default the header's opt_level. */
  tier?: Tier;
}

/** A module file read and checked, not yet compiled. */
export interface ReadModule {
  where: string;
  header: ModuleHeader;
  module: Module;
  bitcodeBytes: number;
  readMs: number;
}

/** Header, CRC, bitcode and the IR checks; problems are InputErrors about `where`. */
export function readModuleFile(bytes: Uint8Array, where: string, force: boolean | undefined): ReadModule {
  const { header, bitcode, layout } = parseModule(bytes, where);
  const readStart = performance.now();
  const module = readModuleBitcode(bitcode, where, layout, force);
  const readMs = performance.now() - readStart;
  // The JIT trusts its input: IR that reads cleanly but breaks SSA rules is refused here.
  checkModule(module, where);
  return { where, header, module, bitcodeBytes: bitcode.length, readMs };
}

export function loadModule(bytes: Uint8Array, where: string, options: LoadOptions): LoadedModule {
  return compileReadModule(readModuleFile(bytes, where, options.force), options);
}

/** Compiles a module read by readModuleFile, its entry checked. */
export function compileReadModule(read: ReadModule, options: LoadOptions): LoadedModule {
  const { where, header, module, bitcodeBytes, readMs } = read;
  const { entryFunction, entryKind } = findEntry(module, header.entry, where);
  const jitStart = performance.now();
  const compiled = compileModule(module, options.allocator.target(options.resolveExternal), {
    file: where,
    optLevel: Math.min(header.optLevel, 3) as Tier,
    ...(options.tier === undefined ? {} : { tier: options.tier }),
  });
  const jitMs = performance.now() - jitStart;
  const entry = compiled.functions.get(entryFunction.name);
  if (entry === undefined) throw new Error(`jit: entry ${entryFunction.name} missing from the compiled module`);
  return {
    where, header, module, compiled, entry,
    entryParameters: entryFunction.params.length, entryKind,
    bitcodeBytes, readMs, jitMs,
  };
}

/** A library module compiled for one module: what it compiled and the addresses it exports. */
export interface LoadedLibrary {
  read: ReadModule;
  compiled: CompiledModule;
  /** Externally visible functions and variables that were compiled, by name. */
  exports: Map<string, number>;
  jitMs: number;
}

/** Compiles the part of `library` that the names `needs` reach; nothing else is compiled. */
export function loadLibrary(library: ReadModule, needs: readonly string[], options: LoadOptions): LoadedLibrary {
  const pruned = reachableModule(library.module, needs);
  const jitStart = performance.now();
  const compiled = compileModule(pruned, options.allocator.target(options.resolveExternal), {
    file: library.where,
    optLevel: Math.min(library.header.optLevel, 3) as 0 | 1 | 2 | 3,
  });
  const jitMs = performance.now() - jitStart;
  const visible = (linkage: string): boolean => linkage !== "internal" && linkage !== "private";
  const exports = new Map<string, number>();
  for (const fn of pruned.functions) {
    const code = compiled.functions.get(fn.name);
    if (code !== undefined && visible(fn.linkage)) exports.set(fn.name, code.address);
  }
  const variables = new Map(compiled.globals.map((global) => [global.name, global.address]));
  for (const global of pruned.globals) {
    const address = variables.get(global.name);
    if (address !== undefined && visible(global.linkage)) exports.set(global.name, address);
  }
  return { read: library, compiled, exports, jitMs };
}

/** The bitcode reader's errors, said to be about the bitcode, with offsets in the module file. */
function readModuleBitcode(bitcode: Uint8Array, where: string, headerBytes: number, force: boolean | undefined): Module {
  try {
    return readBitcode(bitcode, { file: where, force });
  } catch (error) {
    if (!(error instanceof InputError) || error.file !== where) throw error;
    throw new InputError(where, `bitcode: ${error.what}`, error.offset === undefined ? undefined : error.offset + headerBytes);
  }
}

const isSmallInteger = (type: Type): boolean => type.kind === "int" && type.bits <= 32;

/** `(int argc, char **argv)`: an integer of 32 bits and a pointer, as C's main. */
function isArgvSignature(params: readonly Type[]): boolean {
  return params.length === 2 && params[0]!.kind === "int" && params[0]!.bits === 32 && params[1]!.kind === "pointer";
}

function findEntry(module: Module, name: string, where: string): { entryFunction: Function; entryKind: EntryKind } {
  const entry = module.functions.find((fn) => fn.name === name);
  if (entry === undefined || entry.blocks.length === 0) {
    const defined = module.functions.filter((fn) => fn.blocks.length > 0).map((fn) => fn.name);
    const what = entry === undefined ? "is not in the module" : "is only declared in the module";
    throw new InputError(where, `entry function "${name}" named in the header ${what} (defined: ${defined.join(", ") || "none"})`);
  }
  const { result, params, varArgs } = entry.functionType;
  const returnsInteger = isSmallInteger(result) || result.kind === "void";
  if (returnsInteger && !varArgs && isArgvSignature(params)) return { entryFunction: entry, entryKind: "argv" };
  if (!returnsInteger || !params.every(isSmallInteger) || varArgs) {
    throw new InputError(
      where,
      `entry function "${name}" must take and return integers of at most 32 bits (int f(int, ...)), or be int main(int argc, char **argv)`,
    );
  }
  return { entryFunction: entry, entryKind: "integers" };
}
