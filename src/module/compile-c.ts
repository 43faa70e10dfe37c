/**
 * The compiler driver behind `mkimg cc` and `mkimg add FILE.c`, in the way emcc is one: it runs
 * a clang (clang.ts) with the module target, the pinned flags and the module headers of
 * modules/flags.json in front of the user's own arguments, so `mkimg cc -O2 -c fft.c -o fft.bc`
 * makes module bitcode. Without -c, -S or -E, -c is added: the output is always bitcode (or
 * its text with -S), never a linked program.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { InputError } from "../errors.js";
import { findClang, type Clang } from "./clang.js";
import { readInputFile } from "./io.js";
import { MODULES_FOLDER, pinnedFlags } from "./pinned-flags.js";

/** Arguments that already say what clang should stop at. */
const STAGE_FLAGS = new Set(["-c", "-S", "-E", "-M", "-MM", "-fsyntax-only"]);

/** The arguments clang gets: target, pinned flags, headers, then `given` unchanged. */
export function driverArguments(given: readonly string[]): string[] {
  const pinned = pinnedFlags();
  const includes = pinned.include.flatMap((folder) => ["-I", join(MODULES_FOLDER, folder)]);
  const stage = given.some((argument) => STAGE_FLAGS.has(argument)) ? [] : ["-c"];
  return ["-target", pinned.target, ...pinned.flags, "-emit-llvm", ...includes, ...stage, ...given];
}

/** `mkimg cc ARGS`: runs clang with `given` behind the module flags; returns clang's exit status. */
export function runDriver(given: readonly string[], clangPath?: string): number {
  const clang = findClang("cc", clangPath);
  const result = spawnSync(clang.command, driverArguments(given), { stdio: "inherit" });
  if (result.error !== undefined) throw new InputError(clang.command, `cannot run: ${result.error.message}`);
  return result.status ?? 1;
}

export interface CompileOptions {
  /** The optimisation level, -O0 to -O3. */
  optLevel: number;
  /** A clang binary instead of the first on PATH. */
  clang?: string;
}

/** Compiles the C file `file` into module bitcode; clang's diagnostics go to stderr. */
export function compileCFile(file: string, options: CompileOptions): { bitcode: Uint8Array; clang: Clang } {
  readInputFile(file); // a missing or unreadable source is reported as for any other input
  const clang = findClang(file, options.clang);
  const scratch = mkdtempSync(join(tmpdir(), "mkimg-cc-"));
  try {
    const output = join(scratch, `${basename(file).replace(/\.c$/i, "")}.bc`);
    const result = spawnSync(clang.command, driverArguments([`-O${options.optLevel}`, file, "-o", output]), {
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (result.error !== undefined) throw new InputError(clang.command, `cannot run: ${result.error.message}`);
    if (result.status !== 0) {
      throw new InputError(file, `${clang.command} could not compile it (exit status ${result.status ?? "none"}; its messages are above)`);
    }
    return { bitcode: readInputFile(output), clang };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Whether `file` is named as C source. */
export function isCSource(file: string): boolean {
  return /\.c$/i.test(file);
}
