// The JIT's own C programs (test/jit/c), one per area of the integer subset, compiled by
// clang-14 and clang-19 at -O0/-O1/-O2: JIT output run natively must match llc's build of the
// same .bc, output and return value, and keep ebx/esi/edi/esp intact (checked by the harness);
// run by mkimg's kernel simulation in the emulator, it must print and return the same again.
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { describePeers, I386_REFERENCE, itPeers, referenceLabel } from "../helpers/peers.js";
import { nativeRun } from "../helpers/native.js";
import { readBitcode } from "../../src/bitcode/reader.js";
import { jitRunNative } from "./helpers/jit-native.js";
import type { AllocatorPolicy } from "../../src/jit/regalloc/allocate.js";
import { compileC } from "./helpers/compile-c.js";
import { wrapModule } from "../../src/module/wrap.js";
import { runModuleBytes } from "../../src/kernel/kernel.js";

/** The same JIT output run by mkimg's kernel simulation in the emulator (the `mkimg run` path). */
function emulate(bcPath: string, entry: string, seed: number): { stdout: string; returned: number; ending: string } {
  const bytes = new Uint8Array(readFileSync(bcPath));
  const run = runModuleBytes(wrapModule(bytes, { name: entry, entry }, bcPath), bcPath, { args: [seed], maxSteps: 1e9 });
  return { stdout: Buffer.from(run.output).toString("latin1"), returned: run.value, ending: run.ending };
}

const programs = ["int64", "narrow", "control", "abi", "bits", "wide", "overflow"];
const compilers: [string, string][] = [["clang-14", "llc-14"], ["clang-19", "llc-19"]];
const seeds = [3, -7];
/** Tier 0 (`slots`) and tier 1 (`linear-scan`) code of each program. */
const allocators: AllocatorPolicy[] = ["slots", "linear-scan"];

describePeers([I386_REFERENCE, "clang-14", "clang-19", "llc-14", "llc-19", "gcc"], `JIT codegen on test/jit/c matches native${referenceLabel()}`, () => {
  for (const program of programs) {
    itPeers(["clang-14", "clang-19", "llc-14", "llc-19", "gcc"], program, async () => {
      const failures: string[] = [];
      for (const [compiler, llc] of compilers) {
        for (const level of [0, 1, 2] as const) {
          const bcPath = compileC(program, level, compiler);
          for (const seed of seeds) {
            const label = `${program} ${compiler} -O${level} (${seed})`;
            const theirs = await nativeRun(bcPath, program, [seed], llc);
            for (const allocator of allocators) {
              const ours = await Promise.resolve().then(() => jitRunNative(readBitcode(readFileSync(bcPath), { file: label }), program, [seed], label, allocator)).catch((error: Error) => error);
              if (ours instanceof Error) { failures.push(`${label} ${allocator}: ${ours.message.split("\n").slice(0, 3).join(" | ")}`); continue; }
              const { compiled: _compiled, ...result } = ours;
              if (JSON.stringify(result) !== JSON.stringify(theirs)) failures.push(`${label} ${allocator}: ours ${JSON.stringify(result)} native ${JSON.stringify(theirs)}`);
            }
            const emulated = emulate(bcPath, program, seed);
            if (JSON.stringify(emulated) !== JSON.stringify(theirs)) failures.push(`${label}: in the emulator ${JSON.stringify(emulated)} native ${JSON.stringify(theirs)}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
