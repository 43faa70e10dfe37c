// Every module in modules/ (clang-14 and clang-19, -O0/-O1/-O2), compiled by our JIT and run
// natively, must print and return exactly what llc's own compilation of the same .bc does.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { describePeers, I386_REFERENCE, itPeers, referenceLabel } from "../helpers/peers.js";
import { llcFor, nativeRun } from "../helpers/native.js";
import { readBitcode } from "../../src/bitcode/reader.js";
import { jitRunNative } from "./helpers/jit-native.js";
import type { AllocatorPolicy } from "../../src/jit/regalloc/allocate.js";

/** Every module at tier 0 (`slots`) and tier 1 (`linear-scan`, with the MIR check after each pass). */
const allocators: AllocatorPolicy[] = ["slots", "linear-scan"];

const root = new URL("../../", import.meta.url).pathname;
const argumentsFor: Record<string, number[][]> = { args: [[17, 5], [-100, 7], [5, 0], [-1, 3]] };

const cases: [string, string, number[]][] = [];
for (const folder of ["bc", "bc19"]) {
  for (const file of readdirSync(join(root, "modules", folder)).filter((name) => name.endsWith(".bc")).sort()) {
    const name = file.split(".")[0]!;
    for (const args of argumentsFor[name] ?? [[]]) cases.push([`${folder}/${file}`, name, args]);
  }
}

describePeers([I386_REFERENCE, "llc-14", "llc-19", "gcc"], `JIT output on modules/ matches native llc builds${referenceLabel()}`, () => {
  itPeers(["llc-14", "llc-19", "gcc"], "runs every module at tiers 0 and 1", async () => {
    const failures: string[] = [];
    for (const allocator of allocators) failures.push(...await runAll(allocator));
    expect(failures).toEqual([]);
  });
  async function runAll(allocator: AllocatorPolicy): Promise<string[]> {
    const failures: string[] = [];
    for (const [path, entry, args] of cases) {
      const bcPath = join(root, "modules", path);
      const [ours, theirs] = await Promise.all([
        Promise.resolve().then(() => jitRunNative(readBitcode(readFileSync(bcPath), { file: path }), entry, args, path, allocator)).catch((error: Error) => error),
        nativeRun(bcPath, entry, args, llcFor(bcPath)),
      ]);
      if (ours instanceof Error) {
        failures.push(`${allocator} ${path} ${args.join(",")}: ${ours.message.split("\n").slice(0, 3).join(" | ")}`);
        continue;
      }
      const { compiled: _compiled, ...result } = ours;
      if (JSON.stringify(result) !== JSON.stringify(theirs)) failures.push(`${allocator} ${path} ${args.join(",")}: ours ${JSON.stringify(result).slice(0, 300)} native ${JSON.stringify(theirs).slice(0, 300)}`);
    }
    return failures;
  }
});
