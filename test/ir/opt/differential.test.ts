/**
 * The optimiser must not change what a program does. Every module of modules/bc and
 * modules/bc19 (clang-14 and clang-19, -O0/-O1/-O2) and csmith programs (clang-14 -O0/-O2) are
 * optimised with the tier-2 pipeline, the verifier running after every pass, then compiled by
 * the JIT and run on the i386 reference; output and ending must equal llc's build of the
 * original bitcode run on the same reference (test/helpers/native.ts), never our own
 * unoptimised run. MKIMG_IR_OPT_CSMITH_SEEDS=N runs more csmith seeds (default 6).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { readBitcode } from "../../../src/bitcode/reader.js";
import { llcFor, nativeRun } from "../../helpers/native.js";
import { describePeers, I386_REFERENCE, itPeers, referenceLabel } from "../../helpers/peers.js";
import { jitRunNative } from "../../jit/helpers/jit-native.js";
import { optimiseVerified, root } from "./support.js";

const argumentsFor: Record<string, number[][]> = { args: [[17, 5], [-100, 7], [5, 0], [-1, 3], [-2147483648, -1]] };

async function compare(bcPath: string, label: string, entry: string, args: number[], llc: string): Promise<string | undefined> {
  const theirs = await nativeRun(bcPath, entry, args, llc);
  const module = readBitcode(readFileSync(bcPath), { file: label });
  const [before, after] = optimiseVerified(module, label);
  if (label.includes(".O0.") && after >= before) return `${label}: the pipeline removed nothing (${before} instructions)`;
  const ours = await jitRunNative(module, entry, args, label).catch((error: Error) => error);
  if (ours instanceof Error) return `${label}: ${ours.message.split("\n").slice(0, 3).join(" | ")}`;
  const { compiled: _compiled, ...result } = ours;
  return JSON.stringify(result) === JSON.stringify(theirs) ? undefined : `${label} ${args}: ours ${JSON.stringify(result).slice(0, 300)} native ${JSON.stringify(theirs).slice(0, 300)}`;
}

const csmithCache = join(root, ".cache/jit-csmith");
const csmithSeeds = Number(process.env.MKIMG_IR_OPT_CSMITH_SEEDS ?? 6);

/** The same csmith builds as test/jit/csmith.test.ts (same cache, same flags). */
function csmithBitcode(seed: number, level: 0 | 2): string {
  mkdirSync(csmithCache, { recursive: true });
  const source = join(csmithCache, `p${seed}.c`);
  if (!existsSync(source)) writeFileSync(source, execFileSync("csmith", ["--seed", String(seed), "--no-argc"], { cwd: csmithCache }));
  const output = join(csmithCache, `p${seed}.O${level}.v3.bc`);
  if (!existsSync(output)) {
    execFileSync("clang-14", ["-target", "i386-unknown-none", "-ffreestanding", "-fno-builtin", "-nostdlib", "-c", "-emit-llvm",
      `-O${level}`, "-w", "-I/usr/include/csmith", `-I${join(root, "test/jit/c/csmith")}`, `-I${join(root, "modules/include")}`,
      "-DCSMITH_MINIMAL", "-DNO_PRINTF", "-Dmain=csmith_main", "-include", join(root, "test/jit/c/csmith-prelude.h"), source, "-o", output]);
  }
  return output;
}

describePeers([I386_REFERENCE, "llc-14", "llc-19", "gcc"], `tier-2 optimised IR agrees with llc's builds${referenceLabel()}`, () => {
  itPeers(["llc-14", "llc-19", "gcc"], "every module of modules/bc and modules/bc19", async () => {
    const failures: string[] = [];
    let compared = 0;
    for (const folder of ["bc", "bc19"]) {
      for (const file of readdirSync(join(root, "modules", folder)).filter((name) => name.endsWith(".bc")).sort()) {
        const bcPath = join(root, "modules", folder, file);
        const entry = file.split(".")[0]!;
        for (const args of argumentsFor[entry] ?? [[]]) {
          const failure = await compare(bcPath, `${folder}/${file}`, entry, args, llcFor(bcPath));
          if (failure !== undefined) failures.push(failure);
          compared++;
        }
      }
    }
    expect(failures).toEqual([]);
    expect(compared).toBeGreaterThan(80);
  }, 600_000);
});

describePeers([I386_REFERENCE, "csmith", "clang-14", "llc-14", "gcc"], `tier-2 optimised csmith programs agree with llc's builds${referenceLabel()}`, () => {
  itPeers(["csmith", "clang-14", "llc-14", "gcc"], `${csmithSeeds} seeds at -O0 and -O2`, async () => {
    const failures: string[] = [];
    let compared = 0;
    for (let seed = 1000; seed < 1000 + csmithSeeds; seed++) {
      for (const level of [0, 2] as const) {
        const bcPath = csmithBitcode(seed, level);
        // Programs whose native build does not finish in time are skipped, as in test/jit/csmith.test.ts.
        const finishes = await nativeRun(bcPath, "csmith_main", [], "llc-14").then(() => true, () => false);
        if (!finishes) continue;
        const failure = await compare(bcPath, `csmith ${seed} .O${level}.`, "csmith_main", [], "llc-14");
        if (failure !== undefined) failures.push(failure);
        compared++;
      }
    }
    expect(failures).toEqual([]);
    expect(compared).toBeGreaterThan(csmithSeeds);
  }, Math.max(600_000, csmithSeeds * 30_000));
});
