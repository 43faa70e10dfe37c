#!/usr/bin/env node
/**
 * `npm run modules`: compiles every modules/<name>.c to LLVM bitcode at -O0, -O1 and -O2 with
 * pinned flags, into modules/bc/<name>.O<n>.bc (clang-14) and modules/bc19/ (clang-19, for the
 * cross-version checks), and the modules of DEBUG_BUILDS with `-g` into modules/debug/<name>.O0.bc
 * (for source lines in gdb: docs/KERNEL.md, "Source lines"). The outputs are committed, so users without clang
 * can use them.
 *
 * Flags are pinned in modules/flags.json, which `mkimg cc` reads too (see docs/KERNEL_API.md and
 * the notes on bitcode): a freestanding i386 target without SSE, so that no vector or
 * floating-point code appears. Sources are compiled from inside modules/ by relative name (and -g
 * builds record "." as their compilation directory), so the bitcode does not depend on where the
 * checkout lives.
 *
 *   node scripts/build-modules.mjs [--check] [name...]
 *     --check   compile into a temporary folder and fail if any committed .bc differs
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, existsSync, mkdirSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../modules/", import.meta.url).pathname;

export const COMPILERS = [
  { compiler: "clang-14", folder: "bc" },
  { compiler: "clang-19", folder: "bc19" },
];
export const OPT_LEVELS = [0, 1, 2];
const pinned = JSON.parse(readFileSync(join(root, "flags.json"), "utf8"));
export const FLAGS = [
  "-target", pinned.target, ...pinned.flags, ...pinned.output, ...pinned.warnings,
  ...pinned.include.flatMap((folder) => ["-I", folder]),
];

/** Modules also built with debug info (clang-14, -O0), into modules/debug/. */
export const DEBUG_BUILDS = [{ name: "fib", compiler: "clang-14", level: 0, folder: "debug" }];
export const DEBUG_FLAGS = ["-g", "-fdebug-compilation-dir=."];

export function moduleNames() {
  return readdirSync(root).filter((file) => file.endsWith(".c")).map((file) => file.slice(0, -2)).sort();
}

function compile(compiler, name, level, output, extra = []) {
  const temporary = `${output}.tmp-${process.pid}`;
  execFileSync(compiler, [...FLAGS, ...extra, `-O${level}`, `${name}.c`, "-o", temporary], { cwd: root, stdio: "inherit" });
  renameSync(temporary, output);
}

function main(argv) {
  const check = argv.includes("--check");
  const requested = argv.filter((argument) => !argument.startsWith("--"));
  const names = requested.length > 0 ? requested : moduleNames();
  const scratch = check ? mkdtempSync(join(tmpdir(), "mkimg-modules-")) : undefined;
  const stale = [];
  for (const { compiler, folder } of COMPILERS) {
    const target = scratch ? join(scratch, folder) : join(root, folder);
    mkdirSync(target, { recursive: true });
    for (const name of names) {
      for (const level of OPT_LEVELS) {
        const file = `${name}.O${level}.bc`;
        compile(compiler, name, level, join(target, file));
        if (check && !sameBytes(join(target, file), join(root, folder, file))) stale.push(`${folder}/${file}`);
      }
    }
    console.log(`${compiler}: ${names.length} modules x ${OPT_LEVELS.length} levels -> modules/${folder}/`);
  }
  for (const { name, compiler, level, folder } of DEBUG_BUILDS.filter((build) => names.includes(build.name))) {
    const target = scratch ? join(scratch, folder) : join(root, folder);
    mkdirSync(target, { recursive: true });
    const file = `${name}.O${level}.bc`;
    compile(compiler, name, level, join(target, file), DEBUG_FLAGS);
    if (check && !sameBytes(join(target, file), join(root, folder, file))) stale.push(`${folder}/${file}`);
    console.log(`${compiler} -g: ${name} -> modules/${folder}/${file}`);
  }
  if (stale.length > 0) {
    console.error(`stale or missing: ${stale.join(", ")} (run npm run modules)`);
    process.exitCode = 1;
  }
}

function sameBytes(a, b) {
  return existsSync(b) && readFileSync(a).equals(readFileSync(b));
}

main(process.argv.slice(2));
