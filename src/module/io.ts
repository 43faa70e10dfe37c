/**
 * Reading and writing the files the module commands work on, with file-system failures turned
 * into one-line InputErrors (`fib.bc: cannot read: no such file or directory`).
 *
 * Inputs are read with a size limit checked before anything is allocated: the file's size from
 * fstat, then the read stops one byte past the limit (a device or pipe has no size). A module
 * file is at most a header and the kernel's 1 MiB of bitcode, so a 1 GiB file given to `add` is
 * refused at once instead of after reading it whole.
 */
import { closeSync, fstatSync, openSync, readSync, renameSync, writeFileSync } from "node:fs";
import { InputError } from "../errors.js";
import { HEADER_SIZE, MAX_BITCODE_SIZE } from "./header.js";

/** The largest module file: the 128-byte header and the kernel's limit of bitcode. */
export const MAX_MODULE_FILE_SIZE = HEADER_SIZE + MAX_BITCODE_SIZE;

/** A limit on an input's size and how to say what it is ("a module can be"). */
export interface SizeLimit {
  bytes: number;
  /** Completes "N bytes is more than ...". */
  what: string;
}

export const MODULE_FILE_LIMIT: SizeLimit = {
  bytes: MAX_MODULE_FILE_SIZE,
  what: `a module can be (${MAX_MODULE_FILE_SIZE}: a ${HEADER_SIZE}-byte header and the kernel's limit of ${MAX_BITCODE_SIZE} bytes of bitcode)`,
};

const REASONS: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "a path component is not a directory",
  ENOSPC: "no space left on device",
  EROFS: "read-only file system",
};

/** The bytes of `path`, refused without reading if there are more than `limit` allows. */
export function readInputFile(path: string, limit: SizeLimit = MODULE_FILE_LIMIT): Uint8Array {
  try {
    return readLimitedFile(path, limit);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(path, `cannot read: ${reason(error)}`);
  }
}

/**
 * The bytes of `path`; an InputError if there are more than `limit` allows, checked before
 * reading. File-system errors (ENOENT, EISDIR...) are thrown as they are, for the caller to word.
 */
export function readLimitedFile(path: string, limit: SizeLimit): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    if (stat.size > limit.bytes) throw new InputError(path, `${stat.size} bytes is more than ${limit.what}`);
    return readChunks(fd, path, limit);
  } finally {
    closeSync(fd);
  }
}

/** Reads to the end, or refuses as soon as more than `limit.bytes` came (a device, a pipe). */
function readChunks(fd: number, path: string, limit: SizeLimit): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const chunk = new Uint8Array(Math.min(1 << 20, limit.bytes + 1 - total));
    const got = readSync(fd, chunk, 0, chunk.length, null);
    if (got === 0) break;
    chunks.push(chunk.subarray(0, got));
    total += got;
    if (total > limit.bytes) throw new InputError(path, `more than ${limit.bytes} bytes: more than ${limit.what}`);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Writes via a temporary file and a rename, so a reader never sees half a module. */
export function writeOutputFile(path: string, bytes: Uint8Array): void {
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  } catch (error) {
    throw new InputError(path, `cannot write: ${reason(error)}`);
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined && code in REASONS) return REASONS[code];
  return error instanceof Error ? error.message : String(error);
}
