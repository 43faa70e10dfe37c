/**
 * Reading and writing the files the module commands work on, with file-system failures turned
 * into one-line InputErrors (`fib.bc: cannot read: no such file or directory`).
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { InputError } from "../errors.js";

const REASONS: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "a path component is not a directory",
  ENOSPC: "no space left on device",
  EROFS: "read-only file system",
};

export function readInputFile(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new InputError(path, `cannot read: ${reason(error)}`);
  }
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
