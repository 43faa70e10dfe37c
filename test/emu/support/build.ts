/**
 * Builds the static i386 test programs with real tools (as --32, ld -m elf_i386, gcc -m32,
 * clang-14) and caches them under `.cache/emu/`, keyed by a hash of the sources and the command,
 * so a second test run does not rebuild anything.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const supportDirectory = dirname(fileURLToPath(import.meta.url));
export const repositoryRoot = resolve(supportDirectory, "../../..");
export const cacheDirectory = join(repositoryRoot, ".cache/emu");

function cached(kind: string, key: string, build: (output: string) => void): string {
  const directory = join(cacheDirectory, kind);
  mkdirSync(directory, { recursive: true });
  const output = join(directory, `${createHash("sha256").update(key).digest("hex").slice(0, 20)}.elf`);
  if (!existsSync(output)) {
    const temporary = `${output}.${process.pid}.tmp`;
    build(temporary);
    renameSync(temporary, output);
  }
  return output;
}

/** Assemble (GNU as, Intel syntax source) and link a static ELF; returns its path. */
export function assemble(source: string, kind = "random"): string {
  return cached(kind, `as1\n${source}`, (output) => {
    const sourceFile = `${output}.s`;
    writeFileSync(sourceFile, source);
    execFileSync("as", ["--32", "-o", `${output}.o`, sourceFile], { stdio: ["ignore", "ignore", "pipe"] });
    execFileSync("ld", ["-m", "elf_i386", "-static", "-o", output, `${output}.o`], { stdio: ["ignore", "ignore", "pipe"] });
    rmSync(sourceFile);
    rmSync(`${output}.o`);
  });
}

/**
 * Assemble and link an x86-64 program (program64.ts) whose .data section starts at
 * `dataAddress` (the i386 program's), so both hold the same addresses; returns its path.
 */
export function assemble64(source: string, dataAddress: number, kind = "random64"): string {
  const start = `0x${dataAddress.toString(16)}`;
  return cached(kind, `as64\n${start}\n${source}`, (output) => {
    const sourceFile = `${output}.s`;
    writeFileSync(sourceFile, source);
    execFileSync("as", ["--64", "-o", `${output}.o`, sourceFile], { stdio: ["ignore", "ignore", "pipe"] });
    execFileSync("ld", ["-m", "elf_x86_64", "-static", `--section-start=.data=${start}`, "-o", output, `${output}.o`], { stdio: ["ignore", "ignore", "pipe"] });
    rmSync(sourceFile);
    rmSync(`${output}.o`);
  });
}

export type Compiler = "gcc" | "clang-14";
export type Optimisation = "-O0" | "-O2";

/** gcc would turn the loops of our memcpy/memset into calls to themselves without the -fno-tree-... */
export const compilerFlags: Record<Compiler, string[]> = {
  gcc: ["-m32", "-fno-tree-loop-distribute-patterns"],
  "clang-14": ["-m32", "-target", "i386-linux-gnu", "-Wno-unused-command-line-argument"],
};

const commonFlags = ["-static", "-nostdlib", "-fno-pie", "-no-pie", "-fno-stack-protector", "-fno-builtin", "-ffreestanding",
  "-fno-asynchronous-unwind-tables", "-Wall", "-Werror"];

/** The same C built for the host (start.c's x86-64 half): quick native checks, never the i386 truth. */
const hostFlags: Record<Compiler, string[]> = {
  gcc: ["-fno-tree-loop-distribute-patterns"],
  "clang-14": ["-Wno-unused-command-line-argument"],
};

export type Target = "i386" | "x86-64";

/** Compile C files (plus start.c) into a static ELF without libc, linked with libgcc. */
export function compileC(sources: string[], compiler: Compiler, optimisation: Optimisation, kind = "programs", extraFlags: string[] = [],
  target: Target = "i386"): string {
  const files = [join(supportDirectory, "start.c"), ...sources];
  const targetFlags = target === "i386" ? compilerFlags[compiler] : hostFlags[compiler];
  const key = [target, compiler, optimisation, ...extraFlags, ...files.map((file) => `${file}\n${readFileSync(file, "utf8")}`),
    readFileSync(join(supportDirectory, "runtime.h"), "utf8")].join("\n");
  return cached(kind, key, (output) => {
    execFileSync(compiler, [...targetFlags, optimisation, ...commonFlags, ...extraFlags, "-I", supportDirectory, "-o", output, ...files, "-lgcc"],
      { stdio: ["ignore", "ignore", "pipe"] });
  });
}
