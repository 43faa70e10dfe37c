/**
 * `mkimg add`: put modules on an image, all in one transaction.
 *
 * Each input is read and checked before the image is opened: raw LLVM bitcode is wrapped
 * (name = file stem unless --name, entry = --entry if the module defines it, else its only exported function), a wrapped LLBC module
 * is validated and stored byte for byte, C source (`.c`) is first compiled to bitcode by
 * src/module/compile-c.ts (at --opt, default 2, which the header records; clang 14-19 must be
 * installed, and the error says which package if not), anything else is refused. The name on the disk is the
 * uppercase 8.3 form of the stem with extension .BC, in the root directory, where BareFlow's
 * kernel looks; a stem that does not fit is an error suggesting --as (never truncated).
 * Without --image the image is images/disk.img, formatted (16 MiB, BAREFLOW) if absent, and so
 * is --image IMG with --create (--size picks the size); otherwise a missing IMG is an error. The new
 * image is built under a temporary name and renamed into place once the add has committed, all
 * under images/disk.img's exclusive lock (so two such adds cannot both create it).
 * The wrapper (with the bitcode reader it needs to find the entry) and the formatter are loaded
 * only when an input is raw bitcode or the image is new: adding wrapped modules starts faster.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../errors.js";
import { accessImage } from "../disk/access.js";
import { journalPath, syncDirectory } from "../disk/journal.js";
import { isValidShortName, shortNameFromFile } from "../fat/names.js";
import { isWrappedModule, parseModule, startsWithLlvmMagic, describeMagic } from "../module/header.js";
import { readInputFile } from "../module/io.js";
import { changeImage, type ImageOptions } from "./session.js";
import { joinImagePath, normaliseImagePath } from "./paths.js";

export const DEFAULT_IMAGE = "images/disk.img";
export const DEFAULT_IMAGE_SIZE = 16 * 1024 * 1024;
export const DEFAULT_LABEL = "BAREFLOW";

export interface AddOptions extends ImageOptions {
  image?: string;
  /** The disk name for a single file ("FIB.BC"). */
  as?: string;
  replace?: boolean;
  /** Directory on the image (default the root, where the kernel looks). */
  directory?: string;
  name?: string;
  entry?: string;
  optLevel?: number;
  version?: number;
  /** Create `image` (formatted, label BAREFLOW) if it does not exist. */
  create?: boolean;
  /** The size of an image this add creates (default 16 MiB). */
  sizeBytes?: number;
  /** The clang that compiles C sources (default: found on PATH). */
  clang?: string;
}

/** The optimisation level C sources are compiled at when --opt does not say. */
export const DEFAULT_C_OPT_LEVEL = 2;

export interface AddedFile {
  source: string;
  /** Absolute path on the image ("/FIB.BC"). */
  diskPath: string;
  size: number;
  wrapped: boolean;
  replaced: boolean;
  /** The clang that compiled it, for C sources. */
  compiledWith?: string;
}

interface Prepared {
  source: string;
  diskName: string;
  bytes: Uint8Array;
  wrapped: boolean;
  compiledWith?: string;
}

/** Adds `files` to the image; returns what was written. */
export async function addModules(files: string[], options: AddOptions): Promise<AddedFile[]> {
  checkSingleFileOptions(files, options);
  const prepared: Prepared[] = [];
  let wrapper: Wrapper | undefined;
  for (const file of files) {
    const { bytes, compiledWith } = await readOrCompile(file, options);
    if (wrapper === undefined && !isWrappedModule(bytes) && startsWithLlvmMagic(bytes)) {
      wrapper = await import("../module/wrap.js");
    }
    const compiledOptions = compiledWith === undefined ? options : { ...options, optLevel: options.optLevel ?? DEFAULT_C_OPT_LEVEL };
    prepared.push({ ...prepareFile(file, bytes, compiledOptions, wrapper), compiledWith });
  }
  checkDuplicates(prepared);
  if (options.image === undefined) {
    fs.mkdirSync(path.dirname(DEFAULT_IMAGE), { recursive: true });
    return addCreating(DEFAULT_IMAGE, prepared, options);
  }
  if (options.create === true) return addCreating(options.image, prepared, options);
  if (!fs.existsSync(options.image)) {
    throw new InputError(options.image, "no such image file (--create makes one, 16 MiB unless --size says otherwise)");
  }
  return writeAll(options.image, prepared, options);
}

/** An image made if absent (images/disk.img, or --create); checked and changed under one exclusive lock. */
async function addCreating(imagePath: string, prepared: Prepared[], options: AddOptions): Promise<AddedFile[]> {
  const access = accessImage(imagePath, "create", options.lock);
  try {
    const locked = { ...options, access };
    if (fs.existsSync(imagePath)) return await writeAll(imagePath, prepared, locked);
    return await addToNewImage(imagePath, prepared, locked);
  } finally {
    access.release();
  }
}

/** The file's bytes, or for C source the bitcode clang makes of it. */
async function readOrCompile(file: string, options: AddOptions): Promise<{ bytes: Uint8Array; compiledWith?: string }> {
  if (!/\.c$/i.test(file)) return { bytes: readInputFile(file) };
  const { compileCFile } = await import("../module/compile-c.js");
  const { bitcode, clang } = compileCFile(file, { optLevel: options.optLevel ?? DEFAULT_C_OPT_LEVEL, clang: options.clang });
  return { bytes: bitcode, compiledWith: clang.command };
}

function checkSingleFileOptions(files: string[], options: AddOptions): void {
  if (files.length <= 1) return;
  const single = [
    ["--as", options.as],
    ["--name", options.name],
    ["--entry", options.entry],
  ] as const;
  for (const [flag, value] of single) {
    if (value !== undefined) throw new InputError(flag, `names one file, but ${files.length} files were given`);
  }
}

type Wrapper = typeof import("../module/wrap.js");

/** Checks one input (read into `bytes`); `wrapper` is loaded when `bytes` is raw bitcode. */
function prepareFile(file: string, bytes: Uint8Array, options: AddOptions, wrapper: Wrapper | undefined): Prepared {
  const diskName = diskNameFor(file, options.as);
  if (isWrappedModule(bytes)) {
    const flags = wrapFlags(options);
    if (flags.length > 0) {
      throw new InputError(file, `already a wrapped module; ${flags.join(", ")} only apply to raw bitcode (use mkimg wrap)`);
    }
    parseModule(bytes, file);
    return { source: file, diskName, bytes, wrapped: false };
  }
  if (!startsWithLlvmMagic(bytes)) {
    throw new InputError(file, `neither LLVM bitcode nor an LLBC module: ${describeMagic(bytes)}`, 0);
  }
  if (wrapper === undefined) throw new Error("internal error: the wrapper is not loaded");
  const name = options.name ?? wrapper.moduleStem(file);
  const wrapped = wrapper.wrapModule(
    bytes,
    {
      name, entry: wrapper.resolveEntry(bytes, name, options.entry, file), optLevel: options.optLevel, version: options.version,
      dependency: wrapper.resolveDependency(bytes, file),
    },
    file,
  );
  return { source: file, diskName, bytes: wrapped, wrapped: true };
}

function wrapFlags(options: AddOptions): string[] {
  const given: [string, unknown][] = [
    ["--name", options.name],
    ["--entry", options.entry],
    ["--opt", options.optLevel],
    ["--version", options.version],
  ];
  return given.filter(([, value]) => value !== undefined).map(([flag]) => flag);
}

/** The uppercase 8.3 name on the disk; refuses names that do not fit. */
export function diskNameFor(file: string, as: string | undefined): string {
  if (as !== undefined) {
    const upper = as.toUpperCase();
    if (!isValidShortName(upper)) {
      throw new InputError(file, `--as "${as}" is not an 8.3 name (1-8 characters, a dot, 0-3 characters: A-Z 0-9 and !#$%&'()-@^_\`{}~)`);
    }
    return upper;
  }
  const name = shortNameFromFile(file, "BC");
  if (name === undefined) {
    throw new InputError(file, `"${path.parse(file).name}" does not fit an 8.3 name; use --as NAME.BC`);
  }
  return name;
}

function checkDuplicates(prepared: Prepared[]): void {
  const seen = new Map<string, string>();
  for (const item of prepared) {
    const earlier = seen.get(item.diskName);
    if (earlier !== undefined) {
      throw new InputError(item.source, `would be ${item.diskName} on the disk, like ${earlier}`);
    }
    seen.set(item.diskName, item.source);
  }
}

async function writeAll(imagePath: string, prepared: Prepared[], options: AddOptions): Promise<AddedFile[]> {
  const directory = normaliseImagePath(options.directory ?? "/", imagePath);
  const name = options.displayName ?? imagePath;
  return changeImage(imagePath, options, async (volume, transaction) => {
    if (directory !== "/" && volume.entry(directory)?.isDirectory !== true) {
      throw new InputError(name, `${directory}: no such directory`);
    }
    const added: AddedFile[] = [];
    for (const [index, item] of prepared.entries()) {
      const diskPath = joinImagePath(directory, item.diskName);
      const outcome = volume.writeFile(diskPath, item.bytes, options.replace === true);
      if (outcome === "exists") {
        throw new InputError(name, `${diskPath} already exists (from ${item.source}); use --replace to overwrite it`);
      }
      added.push({
        source: item.source, diskPath, size: item.bytes.length, wrapped: item.wrapped, replaced: outcome === "replaced",
        ...(item.compiledWith === undefined ? {} : { compiledWith: item.compiledWith }),
      });
      if (index % 64 === 63) await transaction.checkpoint();
    }
    return added;
  });
}

/** Formats the default image under a temporary name, adds, renames it into place (the caller holds the lock). */
async function addToNewImage(imagePath: string, prepared: Prepared[], options: AddOptions): Promise<AddedFile[]> {
  const temporary = path.join(path.dirname(imagePath), `.${path.basename(imagePath)}.new`);
  const { formatImage } = await import("../fat/format.js");
  fs.rmSync(journalPath(temporary), { force: true }); // of an earlier attempt killed mid-commit: not this image's
  try {
    formatImage(temporary, { sizeBytes: options.sizeBytes ?? DEFAULT_IMAGE_SIZE, label: DEFAULT_LABEL });
  } catch (error) {
    // About the temporary name: said of the image the user named.
    if (error instanceof InputError && error.file === temporary) throw new InputError(imagePath, error.what, error.offset);
    throw error;
  }
  try {
    const added = await writeAll(temporary, prepared, { ...options, offset: 0, displayName: imagePath });
    fs.renameSync(temporary, imagePath);
    syncDirectory(imagePath);
    return added;
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
