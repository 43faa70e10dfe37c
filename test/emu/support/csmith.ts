/**
 * Random C programs from csmith (2.3.0, the Debian package), built without libc: csmith's
 * minimal runtime (CSMITH_MINIMAL, NO_PRINTF) prints one checksum line through putchar, which
 * support/csmith/shim.c maps onto our runtime. Sources are generated once per seed into
 * .cache/emu/csmith/.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Compiler, type Optimisation, type Target, cacheDirectory, compileC, supportDirectory } from "./build.js";

/**
 * Seeds whose programs finish natively in a few milliseconds (checked with csmith 2.3.0,
 * `--no-argc --max-funcs 6`); seeds 1, 2, 15 and 29 loop for seconds or longer.
 */
export const csmithSeeds = [3, 4, 6, 7, 8, 9, 11, 12, 16, 19];

const csmithOptions = ["--no-argc", "--max-funcs", "6"];

export function csmithSource(seed: number): string {
  const directory = join(cacheDirectory, "csmith");
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `seed-${seed}.c`);
  if (!existsSync(path)) writeFileSync(path, execFileSync("csmith", ["--seed", String(seed), ...csmithOptions], { cwd: directory }));
  return path;
}

/** The seed's program for i386 (the default) or, for a quick native check, for x86-64. */
export function compileCsmith(seed: number, compiler: Compiler, optimisation: Optimisation, target: Target = "i386"): string {
  const flags = ["-w", "-DCSMITH_MINIMAL", "-DNO_PRINTF", "-I", join(supportDirectory, "csmith"), "-I", "/usr/include/csmith"];
  return compileC([join(supportDirectory, "csmith/shim.c"), csmithSource(seed)], compiler, optimisation, "csmith", flags, target);
}
