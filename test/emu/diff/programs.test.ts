/**
 * Real compiler output: the C programs in test/emu/programs, built by gcc -m32 and clang-14 at
 * -O0 and -O2 without libc, give the same stdout and exit status natively and under the emulator
 * (`runElf`, what `mkimg exec` runs).
 */
import { beforeAll, expect, it } from "vitest";
import { describePeers } from "../../helpers/peers.js";
import { type ProgramBuild, buildPrograms, compilers, optimisations, programNames } from "../support/programs.js";
import { runEmulator, runNative } from "../support/run.js";

describePeers(["gcc", "clang-14", "ld"], "C programs: emulator against the CPU", () => {
  let builds: ProgramBuild[] = [];
  beforeAll(() => {
    builds = buildPrograms();
  });

  const names = programNames().flatMap((name) => compilers.flatMap((compiler) => optimisations.map((optimisation) => `${name} ${compiler} ${optimisation}`)));
  it.each(names)("%s", async (label) => {
    const build = builds.find((candidate) => `${candidate.name} ${candidate.compiler} ${candidate.optimisation}` === label) as ProgramBuild;
    const native = await runNative(build.path, build.argv);
    expect(native.signal).toBe(null);
    expect(native.stdout.length).toBeGreaterThan(20);
    const emulated = await runEmulator(build.path, build.argv);
    expect({ stdout: emulated.stdout.toString(), exitCode: emulated.exitCode, signal: emulated.signal }, emulated.detail).toEqual({
      stdout: native.stdout.toString(),
      exitCode: native.exitCode,
      signal: null,
    });
  });
});
