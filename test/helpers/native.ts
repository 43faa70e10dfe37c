/**
 * Native ground truth for modules: what a module's bitcode computes when compiled by LLVM itself.
 *
 * `nativeRun(bc, entry, args)` compiles the .bc with `llc -filetype=obj` (the same LLVM version
 * as the bitcode, ELF32 i386), links it with gcc -m32 -no-pie and native-harness.c (which
 * implements modules/include/kernel.h as docs/KERNEL_API.md specifies), runs it on the i386
 * reference (the real CPU where this kernel runs i386 processes, else qemu-i386:
 * test/reference/i386.mjs), and returns the module's output and how it ended. That is exactly
 * the IR our JIT sees, compiled by LLVM and run by hardware (or by qemu).
 * `nativeRunMain(bc, words)` does the same for an `int main(int argc, char **argv)` entry: the
 * harness is built with MKIMG_ARGV_ENTRY and passes its own argv on, the module's `main`
 * renamed by objcopy so that it does not clash with the harness's, and its other definitions
 * made local (objcopy --keep-global-symbol).
 * Builds are cached under .cache/native/<hash of bitcode, entry, llc, harness>/.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { runI386 } from "../reference/i386.mjs";

export type NativeEnding = "returned" | "exited" | "aborted" | "panic";

export interface NativeResult {
  /** The module's output, byte for byte (decoded as latin1, one character per byte). */
  stdout: string;
  /** The entry's return value, or kexit's status; 0 when aborted or panicked. */
  returned: number;
  ending: NativeEnding;
  /** kpanic's message when ending is "panic". */
  message?: string;
}

const root = new URL("../../", import.meta.url).pathname;
const harnessSource = join(root, "test/helpers/native-harness.c");
const cacheRoot = join(root, ".cache/native");
const RUN_TIMEOUT_MS = 20_000;

/** The llc matching a bitcode file's producer: `llc-19` for modules/bc19, else `llc-14`. */
export function llcFor(bcPath: string): string {
  return /\/bc19\//.test(bcPath) ? "llc-19" : "llc-14";
}

export async function nativeRun(bcPath: string, entry: string, args: number[], llcBinary = "llc-14"): Promise<NativeResult> {
  const program = buildNative(bcPath, entry, llcBinary);
  const { stdout, stderr } = await run(program, args.map((value) => String(value | 0)));
  return { stdout, ...parseEnding(stderr, bcPath) };
}

/**
 * The same module compiled from its C source by another compiler (`gcc -m32 -O2` by default)
 * and linked with the same harness: an independent check of what the source means.
 */
export async function nativeRunC(cPath: string, entry: string, args: number[], compiler: string[] = ["gcc", "-m32", "-O2"]): Promise<NativeResult> {
  const source = readFileSync(cPath);
  const include = join(root, "modules/include");
  const program = buildCached(entry, [source, compiler.join(" ")], (object) =>
    tool(compiler[0], [...compiler.slice(1), "-ffreestanding", "-fno-builtin", `-I${include}`, "-c", cPath, "-o", object]),
  );
  const { stdout, stderr } = await run(program, args.map((value) => String(value | 0)));
  return { stdout, ...parseEnding(stderr, cPath) };
}

/**
 * A module whose entry is `int main(int argc, char **argv)`, run with argv = [name, ...words]
 * (as `mkimg run IMG MODULE WORDS...` gives it: argv[0] is the module's header name).
 */
export async function nativeRunMain(bcPath: string, name: string, words: string[], llcBinary = "llc-14"): Promise<NativeResult> {
  const program = buildCached("mkimg_module_main", [readFileSync(bcPath), llcBinary, "argv entry, other symbols local"], (object) => {
    tool(llcBinary, ["-filetype=obj", bcPath, "-o", object]);
    tool("objcopy", ["--redefine-sym", "main=mkimg_module_main", object]);
    // Everything else the module defines stays its own (a module linked with newlib defines
    // printf, exit, _exit...), so that the harness keeps calling the host's C library.
    tool("objcopy", ["--keep-global-symbol=mkimg_module_main", object]);
  }, ["-DMKIMG_ARGV_ENTRY"]);
  const { stdout, stderr } = await run(program, [name, ...words]);
  return { stdout, ...parseEnding(stderr, bcPath) };
}

/** Builds (or finds in the cache) the native program for one module and entry; returns its path. */
export function buildNative(bcPath: string, entry: string, llcBinary = "llc-14"): string {
  return buildCached(entry, [readFileSync(bcPath), llcBinary], (object) =>
    tool(llcBinary, ["-filetype=obj", bcPath, "-o", object]),
  );
}

/** Makes the module's object with `makeObject`, links it with the harness, caches by key. */
function buildCached(entry: string, keyParts: (Buffer | string)[], makeObject: (object: string) => void, harnessFlags: string[] = []): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(entry)) throw new Error(`native: entry ${JSON.stringify(entry)} is not a C symbol`);
  const hash = createHash("sha256").update(`${entry}\0${harnessFlags.join(" ")}\0`);
  for (const part of keyParts) hash.update(part).update("\0");
  const key = hash.update(readFileSync(harnessSource)).digest("hex").slice(0, 24);
  const folder = join(cacheRoot, key);
  const program = join(folder, "module");
  if (existsSync(program)) return program;
  mkdirSync(cacheRoot, { recursive: true });
  const scratch = mkdtempSync(join(cacheRoot, "build-"));
  try {
    const object = join(scratch, "module.o");
    const harness = join(scratch, "harness.o");
    makeObject(object);
    tool("gcc", ["-m32", "-O1", "-fno-builtin", "-fno-tree-loop-distribute-patterns", ...harnessFlags, "-c", harnessSource, "-o", harness]);
    tool("gcc", ["-m32", "-no-pie", harness, object, `-Wl,--defsym=module_entry=${entry}`, "-o", join(scratch, "module")]);
    try {
      renameSync(scratch, folder);
    } catch {
      // Another worker built the same program first; use theirs.
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return program;
}

function tool(command: string, args: string[]): void {
  try {
    execFileSync(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`native: ${command} ${args.join(" ")} failed:\n${stderr}`);
  }
}

async function run(program: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const result = await runI386(program, args, { timeout: RUN_TIMEOUT_MS });
  if (result.status !== 0 || result.timedOut) {
    const how = result.timedOut ? `ran longer than ${RUN_TIMEOUT_MS} ms` : `ended with status ${result.status}, signal ${result.signal}`;
    throw new Error(`native: ${program} ${args.join(" ")} ${how}\n${result.stderr}`);
  }
  return result;
}

const ENDINGS: [RegExp, (match: RegExpMatchArray) => Omit<NativeResult, "stdout">][] = [
  [/^mkimg-native: returned (-?\d+)$/, (m) => ({ returned: Number(m[1]), ending: "returned" })],
  [/^mkimg-native: exited (-?\d+)$/, (m) => ({ returned: Number(m[1]), ending: "exited" })],
  [/^mkimg-native: aborted$/, () => ({ returned: 0, ending: "aborted" })],
  [/^mkimg-native: panic (.*)$/, (m) => ({ returned: 0, ending: "panic", message: m[1] })],
];

function parseEnding(stderr: string, bcPath: string): Omit<NativeResult, "stdout"> {
  const line = stderr.trimEnd().split("\n").pop() ?? "";
  for (const [pattern, build] of ENDINGS) {
    const match = line.match(pattern);
    if (match) return build(match);
  }
  throw new Error(`native: ${bcPath}: no ending reported; stderr was ${JSON.stringify(stderr)}`);
}
