/**
 * Where a module comes from, as users name it: a raw `.bc` file, a wrapped LLBC module (its
 * header is checked by src/module), or a file on a FAT16 image, `disk.img:FIB.BC` (any path
 * the image reader resolves: `disk.img:/MODS/fib.bc`). The result carries the name used in
 * messages (`disk.img:FIB.BC`) and the raw bitcode, so callers can report and re-read it.
 * An image is read under its shared lock, after recovery (src/disk/access.ts). It lives in the
 * image layer, above src/bitcode, which reads bytes and knows no image.
 */
import { existsSync, statSync } from "node:fs";
import { withImageRead, type LockOptions } from "../disk/access.js";
import { InputError } from "../errors.js";
import { openFat16Image } from "../fat/reader.js";
import type { Module } from "../ir/values.js";
import { isWrappedModule, parseModule } from "../module/header.js";
import { readLimitedFile, type SizeLimit } from "../module/io.js";
import { readBitcode } from "../bitcode/reader.js";

export interface ModuleInput { readonly module: Module; readonly file: string; readonly bitcode: Uint8Array }

export function readModuleInput(spec: string, options: { force?: boolean; lock?: LockOptions } = {}): ModuleInput {
  const { bytes, file } = readInputBytes(spec, options.lock);
  let bitcode = bytes;
  let offset = 0;
  if (isWrappedModule(bytes)) {
    const parsed = parseModule(bytes, file);
    bitcode = parsed.bitcode;
    offset = parsed.layout;
  }
  const module = readBitcode(bitcode, { file, force: options.force ?? false, offset });
  return { module, file, bitcode };
}

/** The bytes named by `spec`: a file, or `IMAGE:PATH` for a file on a FAT16 image. */
export function readInputBytes(spec: string, lock: LockOptions = {}): { bytes: Uint8Array; file: string } {
  const split = splitImageSpec(spec);
  if (split === undefined) return { bytes: readPlainFile(spec), file: spec };
  return withImageRead(split.image, lock, () => {
    const image = openFat16Image(split.image);
    try {
      const entry = image.reader.lookup(split.path);
      if (entry === undefined) throw new InputError(split.image, `${split.path}: no such file on the image`);
      if (entry.isDirectory) throw new InputError(split.image, `${split.path}: is a directory`);
      return { bytes: image.reader.readFile(entry), file: spec };
    } finally {
      image.close();
    }
  });
}

/** `disk.img:FIB.BC` -> image and path, when `spec` is not itself an existing file. */
function splitImageSpec(spec: string): { image: string; path: string } | undefined {
  if (existsSync(spec)) return undefined;
  const colon = spec.lastIndexOf(":");
  if (colon <= 0 || colon === spec.length - 1) return undefined;
  const image = spec.slice(0, colon);
  if (!existsSync(image) || !statSync(image).isFile()) return undefined;
  return { image, path: spec.slice(colon + 1) };
}

/**
 * Raw bitcode can be larger than a module (SQLite's is 2.8 MiB), but the IR costs some 25 times
 * the bitcode in memory: 64 MiB of bitcode is about what a 2 GB heap can hold.
 */
export const BITCODE_FILE_LIMIT: SizeLimit = { bytes: 64 << 20, what: `mkimg reads as bitcode (${64 << 20})` };

function readPlainFile(path: string): Uint8Array {
  try {
    return readLimitedFile(path, BITCODE_FILE_LIMIT);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") throw new InputError(path, "no such file");
    if (code === "EISDIR") throw new InputError(path, "is a directory");
    throw new InputError(path, error instanceof Error ? error.message : String(error));
  }
}
