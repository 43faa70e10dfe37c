/**
 * Helpers for the FAT tests: temp dirs, running bin/mkimg and the real tools, reading a region of
 * a (sparse, possibly 2 GiB) image at an offset, and patching FAT entries / directory entries to
 * make corrupted images.
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseBootSector, type BootSector } from "../../src/fat/bootsector.js";

export const ROOT = new URL("../../", import.meta.url).pathname;
export const MKIMG = join(ROOT, "bin/mkimg");
export const REAL_BITCODE = join(ROOT, "test/module/fixtures/answer.bc");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function temporaryDirectory(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `mkimg-${prefix}-`));
}

export function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    encoding: "utf8",
    env: { ...process.env, ...options.env },
    maxBuffer: 64 << 20,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a tool and throws (with its stderr) unless it exits 0. */
export function tool(command: string, args: string[], cwd?: string): string {
  const result = run(command, args, { cwd });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")}: exit ${result.status}: ${result.stderr}`);
  return result.stdout;
}

export function mkimg(cwd: string, args: string[], env: Record<string, string> = {}): Run {
  return run(MKIMG, args, { cwd, env });
}

/** `length` bytes of `path` from `offset`. */
export function readRegion(path: string, offset: number, length: number): Buffer {
  const descriptor = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    readSync(descriptor, buffer, 0, length, offset);
    return buffer;
  } finally {
    closeSync(descriptor);
  }
}

export function writeRegion(path: string, offset: number, bytes: Uint8Array): void {
  const descriptor = openSync(path, "r+");
  try {
    writeSync(descriptor, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(descriptor);
  }
}

export function bootSectorOf(path: string): BootSector {
  return parseBootSector(readRegion(path, 0, 512), Number.POSITIVE_INFINITY, path);
}

/** Sets FAT entry `cluster` to `value` in the given FAT copies (0 = first). */
export function setFatEntry(path: string, cluster: number, value: number, copies: number[] = [0, 1]): void {
  const boot = bootSectorOf(path);
  for (const copy of copies) {
    const offset = (boot.fatStartLba + copy * boot.sectorsPerFat) * 512 + cluster * 2;
    writeRegion(path, offset, Uint8Array.of(value & 0xff, value >> 8));
  }
}

/** Byte offset of root directory entry `index`. */
export function rootEntryOffset(path: string, index: number): number {
  return bootSectorOf(path).rootDirLba * 512 + index * 32;
}

/** Index of the root entry whose 11 raw name bytes are `raw`. */
export function findRootEntry(path: string, raw: string): number {
  const boot = bootSectorOf(path);
  const root = readRegion(path, boot.rootDirLba * 512, boot.rootDirSectors * 512);
  for (let index = 0; index < boot.rootEntries; index++) {
    if (root.subarray(index * 32, index * 32 + 11).toString("latin1") === raw) return index;
  }
  throw new Error(`no root entry ${raw} in ${path}`);
}

export function writeUint32(path: string, offset: number, value: number): void {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  writeRegion(path, offset, bytes);
}
