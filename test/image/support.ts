/**
 * Shared helpers for the image tests: run bin/mkimg, and ask the real tools about an image
 * (fsck.fat -n must be silent, mtools must read back the expected bytes and names).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, expect } from "vitest";
import { buildModule } from "../bitcode/module-builder.js";

export const ROOT = new URL("../../", import.meta.url).pathname;
export const MKIMG = path.join(ROOT, "bin/mkimg");
export const REAL_BITCODE = path.join(ROOT, "test/module/fixtures/answer.bc");

export interface Result {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function mkimg(cwd: string, args: string[], env: Record<string, string> = {}): Result {
  const result = spawnSync(MKIMG, args, { cwd, encoding: "utf8", env: { ...process.env, ...env } });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** Runs mkimg and expects success; returns stdout. */
export function mkimgOk(cwd: string, args: string[], env: Record<string, string> = {}): string {
  const result = mkimg(cwd, args, env);
  if (result.status !== 0) throw new Error(`mkimg ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

const made: string[] = [];

/** A fresh temporary folder, removed when the test file has finished. */
export function tempDir(prefix: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `mkimg-${prefix}-`));
  made.push(folder);
  return folder;
}

afterAll(() => {
  for (const folder of made.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

const MTOOLS_ENV = { ...process.env, MTOOLS_SKIP_CHECK: "1" };

function run(command: string, args: string[]): { status: number | null; stdout: Buffer; stderr: string } {
  const result = spawnSync(command, args, { env: MTOOLS_ENV, maxBuffer: 1 << 28 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString() };
}

/** fsck.fat -n: exit 0 and nothing but its banner and summary line. */
export function expectFsckClean(image: string, offsetBytes = 0): void {
  const args = offsetBytes === 0 ? ["-n", image] : ["-n", image];
  const result = run("fsck.fat", args);
  const lines = result.stdout.toString().trim().split("\n");
  expect({ status: result.status, complaints: lines.slice(1, -1), stderr: result.stderr }).toEqual({
    status: 0,
    complaints: [],
    stderr: "",
  });
}

/** The bytes mtools reads for `file` ("SUB/X.BC"). */
export function mtoolsRead(image: string, file: string): Buffer {
  const result = run("mcopy", ["-n", "-i", image, `::/${file.replace(/^\//, "")}`, "-"]);
  if (result.status !== 0) throw new Error(`mcopy ${file}: ${result.stderr}`);
  return result.stdout;
}

/** Every file and directory path mtools sees, recursively ("/SUB", "/SUB/X.BC"), sorted. */
export function mtoolsTree(image: string): string[] {
  const result = run("mdir", ["-/", "-b", "-i", image, "::/"]);
  if (result.status !== 0 && result.stdout.length > 0) throw new Error(`mdir: ${result.stderr}`);
  return result.stdout
    .toString()
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.replace(/^::/, "").replace(/\/$/, ""))
    .sort();
}

/** Checks the image with fsck.fat and that mtools reads exactly `files` (path -> bytes) plus `directories`. */
export function expectImageHolds(image: string, files: Record<string, Uint8Array>, directories: string[] = []): void {
  expectFsckClean(image);
  const expected = [...Object.keys(files), ...directories].sort();
  expect(mtoolsTree(image)).toEqual(expected);
  for (const [file, bytes] of Object.entries(files)) {
    expect(sha256(mtoolsRead(image, file)), file).toBe(sha256(bytes));
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function fileHash(file: string): string {
  return sha256(fs.readFileSync(file));
}

/**
 * Real LLVM bitcode of `bytesAsked` bytes (rounded down to a multiple of 4, at least 160),
 * distinct for each `seed`: one module defining `i32 @f(i32)` (test/bitcode/module-builder.ts)
 * whose string table carries `seed`'s pattern after the name. llvm-dis reads it
 * (test/image/support.test.ts), and `add` records `f` as its entry.
 */
export function realBitcode(bytesAsked: number, seed: number): Uint8Array {
  const bare = buildModule().bytes.length;
  const size = Math.max(bare + 4, bytesAsked - (bytesAsked % 4));
  let padding = size - bare;
  for (let attempt = 0; attempt < 3; attempt++) {
    const bytes = buildModule({ strtab: `f${pattern(Math.max(0, padding), seed)}` }).bytes;
    if (bytes.length === size) return bytes;
    padding += size - bytes.length;
  }
  throw new Error(`realBitcode: no module of exactly ${size} bytes`);
}

/** `length` characters of a seeded pattern, each 0..255. */
function pattern(length: number, seed: number): string {
  const characters: string[] = [];
  let state = seed * 2654435761 + 1;
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) >>> 0;
    characters.push(String.fromCharCode(state >>> 24));
  }
  return characters.join("");
}

/** The entry `add` records for realBitcode(). */
export const REAL_BITCODE_ENTRY = "f";

export function mkfs(image: string, sizeKiB: number, extra: string[] = []): void {
  fs.rmSync(image, { force: true });
  const result = run("mkfs.fat", ["-F", "16", "--invariant", "-n", "BAREFLOW", ...extra, "-C", image, String(sizeKiB)]);
  if (result.status !== 0) throw new Error(`mkfs.fat: ${result.stderr}`);
}

export function mcopyIn(image: string, source: string, target: string): void {
  const result = run("mcopy", ["-i", image, source, `::/${target.replace(/^\//, "")}`]);
  if (result.status !== 0) throw new Error(`mcopy ${source}: ${result.stderr}`);
}

export function mmd(image: string, directory: string): void {
  const result = run("mmd", ["-i", image, `::/${directory.replace(/^\//, "")}`]);
  if (result.status !== 0) throw new Error(`mmd ${directory}: ${result.stderr}`);
}
