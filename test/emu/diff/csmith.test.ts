/**
 * csmith's random C programs (fixed seeds), built by gcc -m32 and clang-14 at -O0 and -O2 without
 * libc: the checksum line and exit status must be the same natively and under the emulator (with
 * block translation and as a plain interpreter).
 */
import { expect, it } from "vitest";
import { describePeers } from "../../helpers/peers.js";
import { compileCsmith, csmithSeeds } from "../support/csmith.js";
import { compilers, optimisations } from "../support/programs.js";
import { runEmulator, runInterpreter, runNative } from "../support/run.js";

describePeers(["csmith", "gcc", "clang-14", "ld"], "csmith programs: emulator against the CPU", () => {
  const builds = csmithSeeds.flatMap((seed) => compilers.flatMap((compiler) => optimisations.map((optimisation) => [seed, compiler, optimisation] as const)));
  it.each(builds)("seed %i, %s %s", async (seed, compiler, optimisation) => {
    const program = compileCsmith(seed, compiler, optimisation);
    const native = await runNative(program);
    expect(native.stdout.toString()).toMatch(/^checksum = [0-9a-f]{16}\n$/);
    for (const run of [runEmulator, runInterpreter]) {
      const emulated = await run(program);
      expect({ stdout: emulated.stdout.toString(), exitCode: emulated.exitCode, signal: emulated.signal }, emulated.detail).toEqual({
        stdout: native.stdout.toString(),
        exitCode: native.exitCode,
        signal: native.signal,
      });
    }
  });
});
