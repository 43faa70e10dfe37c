/**
 * The differential corpus: real bitcode and what `llvm-dis` of the same LLVM version makes of it.
 *
 * Cases: every C file in test/ir/corpus/ and modules/, and three csmith programs (fixed seeds),
 * compiled at -O0..-O3 by clang-14, -15, -16 and -19 with the pinned freestanding i386 flags
 * (four of them also with -g at -O0 and -O2); the hand-written .ll files assembled by
 * `llvm-as-N`; and the committed modules/bc*\/*.bc. Each case's .bc and llvm-dis text are
 * cached under .cache/ir/, keyed by a hash of the input (and headers), tool and flags, so only
 * new or changed inputs are rebuilt; builds run in a small process pool.
 */
import { execFile, execFileSync } from "node:child_process";
import { peer } from "../helpers/peers.js";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = new URL("../../", import.meta.url).pathname;
const cacheDir = join(root, ".cache/ir");
const corpusDir = join(root, "test/ir/corpus");
const modulesDir = join(root, "modules");

export const versions = [14, 15, 16, 19] as const;
export type LlvmVersion = (typeof versions)[number];
export const levels = ["O0", "O1", "O2", "O3"] as const;

export const clangFlags = [
  "-target", "i386-unknown-none", "-ffreestanding", "-fno-builtin", "-nostdlib", "-c", "-emit-llvm",
];

export interface CorpusCase {
  /** e.g. `structs.c -O2 clang-15`, `modules/bc19/fib.O1.bc`. */
  readonly name: string;
  /** Groups cases into one test: `structs.c clang-15`. */
  readonly group: string;
  readonly version: LlvmVersion;
  readonly bitcode: string;
  readonly disassembly: string;
  /** How to make the bitcode, if it is not a committed file. */
  readonly build: { readonly tool: string; readonly args: readonly string[]; readonly cwd: string } | undefined;
}

function hash(...parts: (string | Buffer)[]): string {
  const digest = createHash("sha256");
  for (const part of parts) digest.update(part).update("\0");
  return digest.digest("hex").slice(0, 20);
}

function filesIn(dir: string, suffix: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith(suffix)).sort() : [];
}

function compiledCases(dir: string, file: string, label: string, extraFlags: string[], headers: string,
  optimisation: readonly string[] = levels): CorpusCase[] {
  const source = readFileSync(join(dir, file));
  const cases: CorpusCase[] = [];
  for (const version of versions) {
    for (const level of optimisation) {
      const args = [...clangFlags, ...extraFlags, `-${level}`, file];
      const key = hash(source, headers, `clang-${version}`, args.join(" "));
      const debug = extraFlags.includes("-g") ? "-g" : "";
      const bitcode = join(cacheDir, `${basename(file, ".c")}${debug}-${key}-clang${version}-${level}.bc`);
      cases.push({
        name: `${label} -${level} clang-${version}`, group: `${label} clang-${version}`, version,
        bitcode, disassembly: `${bitcode}.ll`, build: { tool: `clang-${version}`, args: [...args, "-o"], cwd: dir },
      });
    }
  }
  return cases;
}

function assembledCases(file: string, forVersions: readonly LlvmVersion[]): CorpusCase[] {
  const source = readFileSync(join(corpusDir, file));
  return forVersions.map((version) => {
    const bitcode = join(cacheDir, `${basename(file, ".ll")}-${hash(source, `llvm-as-${version}`)}-as${version}.bc`);
    return {
      name: `${file} llvm-as-${version}`, group: `${file} llvm-as-${version}`, version, bitcode,
      disassembly: `${bitcode}.ll`, build: { tool: `llvm-as-${version}`, args: [file, "-o"], cwd: corpusDir },
    };
  });
}

/** Committed .bc files: modules/bc (clang-14) and modules/bcNN (clang-NN). */
function committedCases(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const folder of existsSync(modulesDir) ? readdirSync(modulesDir).sort() : []) {
    const match = /^bc(\d*)$/.exec(folder);
    if (!match) continue;
    const version = Number(match[1] || 14) as LlvmVersion;
    if (!versions.includes(version)) continue;
    for (const file of filesIn(join(modulesDir, folder), ".bc")) {
      const bitcode = join(modulesDir, folder, file);
      const key = hash(readFileSync(bitcode), `llvm-dis-${version}`);
      cases.push({
        name: `modules/${folder}/${file}`, group: `modules/${folder}`, version, bitcode,
        disassembly: join(cacheDir, `${folder}-${file}-${key}.ll`), build: undefined,
      });
    }
  }
  return cases;
}

/** Compiled with -g as well: the reader must skip debug metadata (see src/ir/normalise.ts). */
const debugInfoFiles = ["floats.c", "loops.c", "structs.c", "varargs.c"];

/** Random programs from csmith (fixed seeds; csmith 2.3 output is the same for a seed). */
const csmithSeeds = [12, 28, 33];

function csmithCases(): CorpusCase[] {
  if (!peer("csmith")) return [];
  mkdirSync(cacheDir, { recursive: true });
  return csmithSeeds.flatMap((seed) => {
    const file = `csmith-${seed}.c`;
    if (!existsSync(join(cacheDir, file))) {
      execFileSync("csmith", ["--seed", String(seed), "-o", `${file}.tmp`], { cwd: cacheDir, stdio: "ignore" });
      renameSync(join(cacheDir, `${file}.tmp`), join(cacheDir, file));
    }
    return compiledCases(cacheDir, file, file, ["-w", "-I", "/usr/include/csmith"], "");
  });
}

/** Every case, without building anything (so tests can be named before the build). */
export function listCorpus(): CorpusCase[] {
  const headerDir = join(modulesDir, "include");
  const headers = filesIn(headerDir, ".h").map((file) => readFileSync(join(headerDir, file), "latin1")).join("\n");
  return [
    ...filesIn(corpusDir, ".c").flatMap((file) => compiledCases(corpusDir, file, file, [], "")),
    ...filesIn(modulesDir, ".c").flatMap((file) => compiledCases(modulesDir, file, `modules/${file}`, ["-I", "include"], headers)),
    ...csmithCases(),
    ...debugInfoFiles.flatMap((file) => compiledCases(corpusDir, file, `${file} -g`, ["-g"], "", ["O0", "O2"])),
    ...assembledCases("handwritten-typed.ll", [14]),
    ...assembledCases("handwritten-opaque.ll", [15, 16, 19]),
    ...assembledCases("handwritten-values.ll", versions),
    ...committedCases(),
  ];
}

async function buildCase(entry: CorpusCase): Promise<void> {
  const temporary = `.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  if (entry.build !== undefined && !existsSync(entry.bitcode)) {
    await run(entry.build.tool, [...entry.build.args, entry.bitcode + temporary], { cwd: entry.build.cwd });
    renameSync(entry.bitcode + temporary, entry.bitcode);
  }
  if (!existsSync(entry.disassembly)) {
    await run(`llvm-dis-${entry.version}`, [entry.bitcode, "-o", entry.disassembly + temporary], { maxBuffer: 1 << 28 });
    renameSync(entry.disassembly + temporary, entry.disassembly);
  }
}

/** Build whatever is missing from the cache, a few processes at a time. */
export async function buildCorpus(cases: readonly CorpusCase[]): Promise<void> {
  mkdirSync(cacheDir, { recursive: true });
  const queue = [...cases];
  const workers = Array.from({ length: Math.max(2, availableParallelism()) }, async () => {
    for (let entry = queue.shift(); entry !== undefined; entry = queue.shift()) await buildCase(entry);
  });
  await Promise.all(workers);
}

/** Where `opt-N -passes='print<domtree>'`'s output for a case is cached. */
export function domtreePath(entry: CorpusCase): string {
  return `${entry.disassembly}.domtree`;
}

/** LLVM's dominator trees of every case (built after `buildCorpus`), a few processes at a time. */
export async function buildDomtrees(cases: readonly CorpusCase[]): Promise<void> {
  const queue = cases.filter((entry) => !existsSync(domtreePath(entry)));
  const workers = Array.from({ length: Math.max(2, availableParallelism()) }, async () => {
    for (let entry = queue.shift(); entry !== undefined; entry = queue.shift()) {
      const { stderr, stdout } = await run(`opt-${entry.version}`, ["-passes=print<domtree>", "-disable-output", entry.bitcode],
        { maxBuffer: 1 << 28 });
      const temporary = `${domtreePath(entry)}.tmp-${process.pid}`;
      writeFileSync(temporary, stdout + stderr);
      renameSync(temporary, domtreePath(entry));
    }
  });
  await Promise.all(workers);
}

/** The tools the corpus needs. */
export function corpusTools(): string[] {
  return ["csmith", ...versions.flatMap((version) => [`clang-${version}`, `llvm-dis-${version}`, `llvm-as-${version}`])];
}
