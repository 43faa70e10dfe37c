/**
 * Faults against the i386 reference (the CPU, or qemu-i386: test/reference/i386.mjs): each fault
 * case (divide error, invalid opcode, general protection, page faults on read, write and execute)
 * kills the reference's process with a signal; the emulator must
 * stop with the matching typed fault, at the faulting instruction's address as `nm` reports it,
 * after the same output.
 */
import { beforeAll, expect, it } from "vitest";
import { describePeers, I386_REFERENCE } from "../../helpers/peers.js";
import { type FaultCase, faultProgramSource, generateFaultCases } from "../gen/faults.js";
import { assemble } from "../support/build.js";
import { EMULATOR_MODES, referenceName, runReference } from "../support/run.js";
import { symbolAddresses } from "../support/symbols.js";
import { testSeed } from "./batches.js";

const cases = generateFaultCases(testSeed());

describePeers([I386_REFERENCE, "as", "ld", "nm"], `faults: emulator against ${referenceName()}`, () => {
  let program = "";
  let symbols = new Map<string, number>();
  beforeAll(() => {
    program = assemble(faultProgramSource(cases), "faults");
    symbols = symbolAddresses(program);
  });

  function expectedAddress(testCase: FaultCase): number | undefined {
    if (typeof testCase.faultAt === "number") return testCase.faultAt;
    return symbols.get(testCase.faultAt === "scratch" ? "scratch" : `fault_${testCase.index}`);
  }

  it.each(cases.map((testCase) => [testCase.index, testCase.variant, testCase] as const))("case %i: %s", async (index, _name, testCase) => {
    const native = await runReference(program, [String(index)]);
    expect([native.signal, native.stdout.toString()]).toEqual([testCase.fault, `fault case ${index}: ${testCase.variant}\n`]);
    for (const [mode, run] of EMULATOR_MODES) {
      const emulated = await run(program, [String(index)]);
      expect({ signal: emulated.signal, stdout: emulated.stdout.toString(), eip: emulated.faultAddress }, `${mode}: ${emulated.detail}`).toEqual({
        signal: native.signal,
        stdout: native.stdout.toString(),
        eip: expectedAddress(testCase),
      });
    }
  });
});
