/**
 * Runs the micro-JIT's output on the i386 reference (ground truth: the real CPU, or qemu-i386
 * where this kernel runs no i386 processes: test/reference/i386.mjs). The JIT compiles a module
 * for fixed addresses (code 0x40000000, data 0x50000000) with the kernel services resolved to
 * the addresses of native-harness.c's functions in a -no-pie harness binary; the harness maps
 * the bytes there and calls the entry through a trampoline that checks callee-saved registers.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import type { Module } from "../../../src/ir/index.js";
import type { AllocatorPolicy } from "../../../src/jit/regalloc/allocate.js";
import { compileModule, type CompiledModule, type JitTarget } from "../../../src/jit/module.js";
import type { NativeResult } from "../../helpers/native.js";
import { runI386 } from "../../reference/i386.mjs";

const root = new URL("../../../", import.meta.url).pathname;
const sources = [join(root, "test/helpers/native-harness.c"), join(root, "test/jit/helpers/jit-harness.c")];
export const CODE_BASE = 0x40000000;
export const DATA_BASE = 0x50000000;

let built: { program: string; symbols: Map<string, number> } | undefined;

/** Build (cached under .cache/jit-native) the harness; returns it with its symbol addresses. */
export function jitHarness(): { program: string; symbols: Map<string, number> } {
  if (built) return built;
  const hash = createHash("sha256");
  for (const source of sources) hash.update(readFileSync(source));
  const folder = join(root, ".cache/jit-native", hash.digest("hex").slice(0, 16));
  const program = join(folder, "harness");
  if (!existsSync(program)) {
    mkdirSync(join(root, ".cache/jit-native"), { recursive: true });
    const scratch = mkdtempSync(join(root, ".cache/jit-native/build-"));
    execFileSync("gcc", ["-m32", "-O1", "-fno-builtin", "-fno-tree-loop-distribute-patterns", "-Dmain=native_main", "-c", sources[0]!, "-o", join(scratch, "native.o")]);
    execFileSync("gcc", ["-m32", "-O1", "-no-pie", join(scratch, "native.o"), sources[1]!, "-o", join(scratch, "harness")]);
    try { renameSync(scratch, folder); } catch { rmSync(scratch, { recursive: true, force: true }); }
  }
  const symbols = new Map<string, number>();
  for (const line of execFileSync("nm", [program], { encoding: "utf8" }).split("\n")) {
    const [address, kind, name] = line.trim().split(/\s+/);
    if (name !== undefined && (kind === "T" || kind === "D" || kind === "B")) symbols.set(name, parseInt(address!, 16));
  }
  built = { program, symbols };
  return built;
}

export function nativeTarget(): JitTarget {
  const { symbols } = jitHarness();
  return {
    allocateCode: () => CODE_BASE,
    allocateData: () => DATA_BASE,
    resolveExternal: (name) => symbols.get(name),
  };
}

function blob(compiled: CompiledModule, entry: number): Buffer {
  const segments = [...compiled.code, ...compiled.data];
  const parts: Buffer[] = [];
  const word = (value: number): Buffer => { const buffer = Buffer.alloc(4); buffer.writeUInt32LE(value >>> 0); return buffer; };
  parts.push(word(segments.length));
  for (const segment of segments) parts.push(word(segment.address), word(segment.bytes.length), Buffer.from(segment.bytes));
  parts.push(word(entry));
  return Buffer.concat(parts);
}

/** Run raw segments natively (the harness's own tests): resolves with stdout, rejects on a failed check. */
export function runSegmentsNative(segments: { address: number; bytes: Uint8Array }[], entry: number, args: number[]): Promise<NativeResult> {
  const compiled: CompiledModule = { functions: new Map(), code: segments, data: [], stats: { functions: 0, codeBytes: 0, dataBytes: 0, compileMs: 0 } };
  return runBlob(blob(compiled, entry), args, "segments");
}

export interface JitRun extends NativeResult { compiled: CompiledModule }

/** Compile `module` and run `entry(args)` natively; resolves with the output and ending. */
export async function jitRunNative(module: Module, entry: string, args: number[], file = "module", allocator: AllocatorPolicy = "slots"): Promise<JitRun> {
  const compiled = compileModule(module, nativeTarget(), { file, allocator, check: allocator !== "slots" });
  const fn = compiled.functions.get(entry);
  if (fn === undefined) throw new Error(`no function ${entry}`);
  return runBlob(blob(compiled, fn.address), args, entry).then((result) => ({ ...result, compiled }));
}

async function runBlob(bytes: Buffer, args: number[], entry: string): Promise<NativeResult> {
  const { program } = jitHarness();
  const scratch = mkdtempSync(join(tmpdir(), "mkimg-jit-"));
  const blobPath = join(scratch, "blob");
  writeFileSync(blobPath, bytes);
  const result = await runI386(program, args.map(String), { timeout: 20_000, env: { MKIMG_JIT_BLOB: blobPath } })
    .finally(() => rmSync(scratch, { recursive: true, force: true }));
  const { stdout, stderr } = result;
  const line = stderr.trimEnd().split("\n").pop() ?? "";
  const match = /^mkimg-native: (returned|exited) (-?\d+)$/.exec(line) ?? /^mkimg-native: (aborted)$/.exec(line) ?? /^mkimg-native: (panic) (.*)$/.exec(line);
  if (result.status !== 0 || result.timedOut || !match) {
    throw new Error(`jit run of ${entry} failed: status ${result.status}, signal ${result.signal}${result.timedOut ? ", timed out" : ""}\n${stderr}`);
  }
  const ending = match[1] as NativeResult["ending"];
  const returned = ending === "returned" || ending === "exited" ? Number(match[2]) : 0;
  return { stdout, returned, ending, ...(ending === "panic" ? { message: match[2] } : {}) };
}
