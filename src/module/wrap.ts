/**
 * The LLBC writer: puts a header in front of raw LLVM bitcode (docs/FORMAT.md).
 *
 * Our layout (128) stores the CRC-32 of the bitcode at 112 and sets flags bit 0. The legacy
 * layouts write only BareFlow's fields, zeros up to the bitcode: 120 for kernels whose loader
 * still reads from offset 120 (BareFlow's C struct), 124 (its old Python wrapper) for tests.
 * Everything is validated first; a bad input is one InputError.
 */
import { chooseEntry } from "../bitcode/entry.js";
import { readBitcode } from "../bitcode/reader.js";
import { InputError } from "../errors.js";
import type { Module } from "../ir/values.js";
import { crc32 } from "./crc32.js";
import { dependencyFor } from "./dependency.js";
import {
  FIELD_OFFSETS,
  FLAG_CRC_PRESENT,
  FLAG_DEPENDENCY,
  DEPENDENCY_STEM,
  HEADER_SIZE,
  LLBC_MAGIC,
  MAX_BITCODE_SIZE,
  describeMagic,
  isWrappedModule,
  startsWithLlvmMagic,
  type Layout,
} from "./header.js";
import { ENTRY_FIELD, NAME_FIELD, checkNameText, encodeName } from "./names.js";

export interface WrapOptions {
  name: string;
  entry: string;
  /** 0..3, default 0. */
  optLevel?: number;
  /** Any u32, default 1; the kernel does not check it. */
  version?: number;
  /** Default 128. */
  layout?: Layout;
  /** The 8.3 stem of a module this one depends on (`LIBC`); layout 128 only. */
  dependency?: string;
}

export const DEFAULT_VERSION = 1;
export const DEFAULT_OPT_LEVEL = 0;

/** Returns header + bitcode. `file` names the bitcode in error messages. */
export function wrapModule(bitcode: Uint8Array, options: WrapOptions, file: string): Uint8Array {
  const optLevel = options.optLevel ?? DEFAULT_OPT_LEVEL;
  const version = options.version ?? DEFAULT_VERSION;
  const layout = options.layout ?? HEADER_SIZE;
  checkBitcode(bitcode, file);
  checkOptions(options, optLevel, version, layout, file);
  const out = new Uint8Array(layout + bitcode.length);
  const view = new DataView(out.buffer);
  view.setUint32(FIELD_OFFSETS.magic, LLBC_MAGIC, true);
  out.set(encodeName(options.name, NAME_FIELD), FIELD_OFFSETS.name);
  out.set(encodeName(options.entry, ENTRY_FIELD), FIELD_OFFSETS.entry);
  view.setUint32(FIELD_OFFSETS.bitcodeSize, bitcode.length, true);
  view.setUint32(FIELD_OFFSETS.version, version, true);
  view.setUint32(FIELD_OFFSETS.optLevel, optLevel, true);
  if (layout === HEADER_SIZE) {
    view.setUint32(FIELD_OFFSETS.crc, crc32(bitcode), true);
    view.setUint32(FIELD_OFFSETS.flags, FLAG_CRC_PRESENT | (options.dependency === undefined ? 0 : FLAG_DEPENDENCY), true);
    if (options.dependency !== undefined) out.set(Buffer.from(options.dependency, "latin1"), FIELD_OFFSETS.reserved);
  }
  out.set(bitcode, layout);
  return out;
}

function checkBitcode(bitcode: Uint8Array, file: string): void {
  if (bitcode.length === 0) throw new InputError(file, "bitcode: the file is empty");
  if (isWrappedModule(bitcode)) {
    throw new InputError(file, "bitcode: already a wrapped LLBC module (magic 0x4c4c4243)", 0);
  }
  if (!startsWithLlvmMagic(bitcode)) throw new InputError(file, `bitcode: ${describeMagic(bitcode)}`, 0);
  if (bitcode.length > MAX_BITCODE_SIZE) {
    throw new InputError(
      file,
      `bitcode: ${bitcode.length} bytes is more than the kernel's limit of ${MAX_BITCODE_SIZE}`,
    );
  }
}

function checkDependency(dependency: string | undefined, layout: number): string | undefined {
  if (dependency === undefined) return undefined;
  if (layout !== HEADER_SIZE) return `a dependency needs layout ${HEADER_SIZE} (the legacy layouts have no room for it)`;
  return DEPENDENCY_STEM.test(dependency) ? undefined : `dependency "${dependency}" is not an 8.3 stem (1-8 of A-Z 0-9 _)`;
}

function checkOptions(options: WrapOptions, optLevel: number, version: number, layout: number, file: string): void {
  const problem =
    checkNameText(options.name, NAME_FIELD) ??
    checkNameText(options.entry, ENTRY_FIELD) ??
    (Number.isInteger(optLevel) && optLevel >= 0 && optLevel <= 3 ? undefined : `opt_level ${optLevel} is not 0..3`) ??
    (Number.isInteger(version) && version >= 0 && version <= 0xffffffff
      ? undefined
      : `version ${version} is not an unsigned 32-bit integer`) ??
    (layout === 128 || layout === 120 || layout === 124 ? undefined : `layout ${layout} is not 128, 120 or 124`) ??
    checkDependency(options.dependency, layout);
  if (problem !== undefined) throw new InputError(file, problem);
}

/**
 * The entry function to record when the user gave none: the module's only externally visible
 * function definition (src/bitcode/entry.ts), refusing a module that has none or several.
 * Bytes that do not read as bitcode (LLVM's magic alone, corrupt bitcode) are refused with the
 * reader's InputError, which names the offset: the kernel could not load them.
 */
export function defaultEntry(bitcode: Uint8Array, name: string, file = name): string {
  return resolveEntry(bitcode, name, undefined, file);
}

/**
 * The dependency to record for raw bitcode (src/module/dependency.ts): `LIBC` when the module
 * uses symbols the kernel services do not provide. Bitcode the reader cannot read records none
 * (the kernel refuses it at load anyway).
 */
export function resolveDependency(bitcode: Uint8Array, file: string): string | undefined {
  try {
    return dependencyFor(readBitcode(bitcode, { file, force: true }));
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
}

/** The entry to record: `given` if the module defines it (refused otherwise), else the default. */
export function resolveEntry(bitcode: Uint8Array, name: string, given: string | undefined, file = name): string {
  checkBitcode(bitcode, file);
  const module: Module = readBitcode(bitcode, { file, force: true });
  return chooseEntry(module, file, name, given);
}

/** The default module name for a file: its base name without the last extension. */
export function moduleStem(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}
