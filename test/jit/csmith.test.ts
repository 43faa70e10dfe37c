// Random programs: csmith (no argc, integers only) compiled by clang-14 at -O0 and -O2; our
// JIT's output run natively must print the same checksum as llc's build of the same .bc.
// MKIMG_JIT_CSMITH_SEEDS=N runs more seeds (default 4 per run; seeds are fixed so a failure
// reproduces). Programs whose native build does not finish in time are skipped and counted.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { describePeers, I386_REFERENCE, itPeers, referenceLabel } from "../helpers/peers.js";
import { nativeRun } from "../helpers/native.js";
import { readBitcode } from "../../src/bitcode/reader.js";
import { jitRunNative } from "./helpers/jit-native.js";

const root = new URL("../../", import.meta.url).pathname;
const cache = join(root, ".cache/jit-csmith");
const seedCount = Number(process.env.MKIMG_JIT_CSMITH_SEEDS ?? 4);
const firstSeed = Number(process.env.MKIMG_JIT_CSMITH_FIRST ?? 1000);

function build(seed: number, level: 0 | 2): string {
  mkdirSync(cache, { recursive: true });
  const source = join(cache, `p${seed}.c`);
  if (!existsSync(source)) writeFileSync(source, execFileSync("csmith", ["--seed", String(seed), "--no-argc"], { cwd: cache }));
  const output = join(cache, `p${seed}.O${level}.v3.bc`);
  if (!existsSync(output)) {
    execFileSync("clang-14", ["-target", "i386-unknown-none", "-ffreestanding", "-fno-builtin", "-nostdlib", "-c", "-emit-llvm",
      `-O${level}`, "-w", "-I/usr/include/csmith", `-I${join(root, "test/jit/c/csmith")}`, `-I${join(root, "modules/include")}`,
      "-DCSMITH_MINIMAL", "-DNO_PRINTF", "-Dmain=csmith_main", "-include", join(root, "test/jit/c/csmith-prelude.h"), source, "-o", output]);
  }
  return output;
}

describePeers([I386_REFERENCE, "csmith", "clang-14", "llc-14", "gcc"], `csmith programs: JIT output matches native${referenceLabel()}`, () => {
  itPeers(["csmith", "clang-14", "llc-14", "gcc"], `${seedCount} seeds at -O0 and -O2, tiers 0 and 1`, async () => {
    const failures: string[] = [];
    let compared = 0;
    for (let seed = firstSeed; seed < firstSeed + seedCount; seed++) {
      for (const level of [0, 2] as const) {
        const bcPath = build(seed, level);
        const label = `csmith ${seed} -O${level}`;
        const theirs = await nativeRun(bcPath, "csmith_main", [], "llc-14").catch(() => undefined);
        if (theirs === undefined) continue;
        compared++;
        for (const allocator of ["slots", "linear-scan"] as const) {
          const ours = await Promise.resolve().then(() => jitRunNative(readBitcode(readFileSync(bcPath), { file: label }), "csmith_main", [], label, allocator)).catch((error: Error) => error);
          if (ours instanceof Error) { failures.push(`${label} ${allocator}: ${ours.message.split("\n").slice(0, 3).join(" | ")}`); continue; }
          const { compiled: _compiled, ...result } = ours;
          if (JSON.stringify(result) !== JSON.stringify(theirs)) failures.push(`${label} ${allocator}: ours ${JSON.stringify(result)} native ${JSON.stringify(theirs)}`);
        }
      }
      if (process.env.MKIMG_JIT_CSMITH_VERBOSE) console.log(`seed ${seed}: ${failures.length} failures so far`, failures.slice(-2));
    }
    expect(failures).toEqual([]);
    expect(compared).toBeGreaterThan(seedCount);
  }, Math.max(600_000, seedCount * 15_000));
});
