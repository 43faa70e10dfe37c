/**
 * Real compiler output: the C programs in test/emu/programs, built by gcc -m32 and clang-14 at
 * -O0 and -O2 without libc, give the same stdout and exit status on the i386 reference (the CPU,
 * or qemu-i386 where this kernel runs no i386 processes) and under the emulator
 * (`runElf`, what `mkimg exec` runs), with block translation and as a plain interpreter.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { describePeers, I386_REFERENCE } from "../../helpers/peers.js";
import { type ProgramBuild, buildPrograms, compilers, optimisations, programNames } from "../support/programs.js";
import { repositoryRoot } from "../support/build.js";
import { runI386Sync } from "../../reference/i386.mjs";
import { EMULATOR_MODES, referenceName, runReference } from "../support/run.js";

describePeers([I386_REFERENCE, "gcc", "clang-14", "ld"], `C programs: emulator against ${referenceName()}`, () => {
  let builds: ProgramBuild[] = [];
  beforeAll(() => {
    builds = buildPrograms();
  });

  const names = programNames().flatMap((name) => compilers.flatMap((compiler) => optimisations.map((optimisation) => `${name} ${compiler} ${optimisation}`)));
  it.each(names)("%s", async (label) => {
    const build = builds.find((candidate) => `${candidate.name} ${candidate.compiler} ${candidate.optimisation}` === label) as ProgramBuild;
    const native = await runReference(build.path, build.argv);
    expect(native.signal).toBe(null);
    expect(native.stdout.length).toBeGreaterThan(20);
    for (const [, run] of EMULATOR_MODES) {
      const emulated = await run(build.path, build.argv);
      expect({ stdout: emulated.stdout.toString(), exitCode: emulated.exitCode, signal: emulated.signal }, emulated.detail).toEqual({
        stdout: native.stdout.toString(),
        exitCode: native.exitCode,
        signal: null,
      });
    }
  });
});

describePeers([I386_REFERENCE, "gcc", "ld"], `mkimg exec (the CLI) against ${referenceName()}`, () => {
  it("prints what the program writes and exits with its status", () => {
    const build = buildPrograms().find((candidate) => candidate.name === "strings" && candidate.compiler === "gcc" && candidate.optimisation === "-O2") as ProgramBuild;
    const native = runI386Sync(build.path, build.argv);
    const cli = spawnSync(process.execPath, [join(repositoryRoot, "bin/mkimg"), "exec", build.path, ...build.argv]);
    expect({ stdout: cli.stdout.toString(), status: cli.status, stderr: cli.stderr.toString() }).toEqual({
      stdout: native.stdout.toString(),
      status: native.status,
      stderr: "",
    });
    expect(native.status).toBe(25);
  });
});
