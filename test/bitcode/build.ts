/**
 * Compiled inputs for the reader tests: each C file of test/bitcode/corpus/ by clang-14, -15,
 * -16 and -19 at -O0..-O3 with the pinned freestanding i386 flags (plus -msse2, so that -O2
 * makes vectors), with what llvm-dis and llvm-bcanalyzer of the same version make of it.
 * Cached under .cache/bitcode/, keyed by a hash of source, tool and flags.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = new URL("../../", import.meta.url).pathname;
export const cacheDir = join(root, ".cache/bitcode");
const corpusDir = join(root, "test/bitcode/corpus");

export const versions = [14, 15, 16, 19] as const;
export const levels = ["O0", "O1", "O2", "O3"] as const;
export const clangFlags = [
  "-target", "i386-unknown-none", "-ffreestanding", "-fno-builtin", "-nostdlib", "-msse2", "-c", "-emit-llvm",
];

export interface BuiltCase {
  readonly name: string;
  readonly version: number;
  readonly bitcode: string;
  /** llvm-dis output. */
  readonly disassembly: string;
  /** llvm-bcanalyzer -dump output. */
  readonly dump: string;
}

function key(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex").slice(0, 16);
}

async function buildOne(file: string, version: number, level: string): Promise<BuiltCase> {
  const source = readFileSync(join(corpusDir, file), "utf8");
  const args = [...clangFlags, `-${level}`];
  const stem = `${file.replace(/\.c$/, "")}-${key(source, String(version), args.join(" "))}-clang${version}-${level}`;
  const bitcode = join(cacheDir, `${stem}.bc`);
  const disassembly = `${bitcode}.ll`;
  const dump = `${bitcode}.dump`;
  if (!existsSync(dump)) {
    const temporary = `${bitcode}.${process.pid}.tmp`;
    await run(`clang-${version}`, [...args, join(corpusDir, file), "-o", temporary]);
    await run(`llvm-dis-${version}`, [temporary, "-o", `${disassembly}.tmp`]);
    const analysis = await run(`llvm-bcanalyzer-${version}`, ["-dump", temporary], { maxBuffer: 64 << 20 });
    writeFileSync(`${dump}.tmp`, analysis.stdout);
    renameSync(temporary, bitcode);
    renameSync(`${disassembly}.tmp`, disassembly);
    renameSync(`${dump}.tmp`, dump);
  }
  return { name: `${file} -${level} clang-${version}`, version, bitcode, disassembly, dump };
}

/** Every corpus file x version x level, built (or taken from the cache) four at a time. */
export async function buildCorpus(): Promise<BuiltCase[]> {
  mkdirSync(cacheDir, { recursive: true });
  const jobs: (() => Promise<BuiltCase>)[] = [];
  for (const file of readdirSync(corpusDir).filter((name) => name.endsWith(".c")).sort()) {
    for (const version of versions) for (const level of levels) jobs.push(() => buildOne(file, version, level));
  }
  const results: BuiltCase[] = new Array<BuiltCase>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]!();
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return results;
}
