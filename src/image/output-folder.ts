/**
 * Writing extracted files under a folder the user named, without surprises: folders are made
 * one level at a time (Node's recursive mkdir loops for ever under /proc, where mkdir answers
 * ENOENT for a parent that exists), and nothing is written through a symbolic link already in
 * the folder (out/FIB.BC -> ../victim would otherwise put the module into victim). The folder
 * itself may be a link; links below it are refused before anything is written, and files are
 * opened with O_NOFOLLOW as well.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../errors.js";

/** Refuses `outputPath` if it, or a folder between `root` and it, is a symbolic link. */
export function refuseLinks(root: string, outputPath: string): void {
  const parts = path.relative(root, outputPath).split(path.sep);
  let at = root;
  for (const part of parts) {
    at = path.join(at, part);
    const stat = lstatOrUndefined(at);
    if (stat === undefined) return;
    if (stat.isSymbolicLink()) {
      throw new InputError(at, "is a symbolic link: extract does not write through links (remove it first)");
    }
  }
}

/** Makes `directory` and any missing parents, one level at a time; file-system errors as they are. */
export function makeFolders(directory: string): void {
  const missing: string[] = [];
  for (let at = directory; lstatOrUndefined(at) === undefined; at = path.dirname(at)) {
    if (path.dirname(at) === at) break;
    missing.unshift(at);
  }
  for (const folder of missing) fs.mkdirSync(folder);
}

/** Writes `bytes` to `file`, refusing to follow a link there. */
export function writeNoFollow(file: string, bytes: Uint8Array): void {
  const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_NOFOLLOW;
  const fd = fs.openSync(file, flags, 0o666);
  try {
    fs.writeSync(fd, bytes);
  } finally {
    fs.closeSync(fd);
  }
}

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

export function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
