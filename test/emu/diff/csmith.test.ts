/**
 * csmith's random C programs (fixed seeds), built by gcc -m32 and clang-14 at -O0 and -O2 without
 * libc: the checksum line and exit status must be the same on the i386 reference (the CPU, or
 * qemu-i386: test/reference/i386.mjs) and under the emulator (with
 * block translation and as a plain interpreter). The same C built for x86-64 and run on the CPU
 * must print the same checksum too: a quick native check, beside the i386 one, not instead.
 */
import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";
import { describePeers, I386_REFERENCE } from "../../helpers/peers.js";
import { compileCsmith, csmithSeeds } from "../support/csmith.js";
import { compilers, optimisations } from "../support/programs.js";
import { EMULATOR_MODES, referenceName, runReference } from "../support/run.js";

describePeers([I386_REFERENCE, "csmith", "gcc", "clang-14", "ld"], `csmith programs: emulator against ${referenceName()}`, () => {
  const builds = csmithSeeds.flatMap((seed) => compilers.flatMap((compiler) => optimisations.map((optimisation) => [seed, compiler, optimisation] as const)));
  it.each(builds)("seed %i, %s %s", async (seed, compiler, optimisation) => {
    const program = compileCsmith(seed, compiler, optimisation);
    const native = await runReference(program);
    expect(native.stdout.toString()).toMatch(/^checksum = [0-9a-f]{16}\n$/);
    // A quick check on the CPU whatever the reference: the same C built for x86-64 agrees.
    const host = spawnSync(compileCsmith(seed, compiler, optimisation, "x86-64"), [], { timeout: 60_000 });
    expect([host.stdout.toString(), host.status]).toEqual([native.stdout.toString(), native.exitCode]);
    for (const [, run] of EMULATOR_MODES) {
      const emulated = await run(program);
      expect({ stdout: emulated.stdout.toString(), exitCode: emulated.exitCode, signal: emulated.signal }, emulated.detail).toEqual({
        stdout: native.stdout.toString(),
        exitCode: native.exitCode,
        signal: native.signal,
      });
    }
  });
});
