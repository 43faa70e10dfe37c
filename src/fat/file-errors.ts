/**
 * Turning the operating system's file errors (ENOENT, EACCES, ...) into one-line InputErrors,
 * so that a wrong path is `mkimg: x.img: no such file`, not a stack trace.
 */
import { InputError } from "../errors.js";

const DESCRIPTIONS: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory, not a disk image",
  ENOTDIR: "a component of the path is not a directory",
  EEXIST: "a component of the path exists and is not a directory",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  EFBIG: "file too large for this file system",
};

export function describeSystemError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined && DESCRIPTIONS[code] !== undefined) return DESCRIPTIONS[code]!;
  return error instanceof Error ? error.message : String(error);
}

/** Runs `action`; a system error from it becomes an InputError about `path`. */
export function withFileErrors<T>(path: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof InputError || (error as NodeJS.ErrnoException).code === undefined) throw error;
    throw new InputError(path, describeSystemError(error));
  }
}
