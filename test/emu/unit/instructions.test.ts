/**
 * Instruction semantics: runs each case of cases.ts in a bare machine, once interpreted and once
 * with every block translated to JavaScript (translate.ts) before it first runs, and compares
 * registers, the flags the manual defines, and memory with the expected values.
 */
import { describe, expect, it } from "vitest";
import { getEflags } from "../../../src/emu/flags.js";
import {
  ALL, ARITHMETIC, BITS_AND_CONDITIONS, CONTROL, type InstructionCase, MOVES, MULTIPLY_DIVIDE, SHIFTS, STRINGS,
  UNDEFINED_AS_THIS_CPU,
} from "./cases.js";
import { DATA, flagBits, flagNames, type RegisterName, register, run } from "./helpers.js";

/** Runs a case with the interpreter only, or with every block translated before it first runs. */
function check(testCase: InstructionCase, mode: "interpreted" | "translated"): void {
  const setup = { registers: testCase.registers, flags: testCase.flags, data: testCase.data };
  const { machine, stop } = run(testCase.code, setup, (m) => {
    m.translation = mode === "translated";
    m.translateAfter = 1;
  });
  expect(stop).toEqual({ kind: "halt" });
  const actual: Record<string, string> = {};
  const wanted: Record<string, string> = {};
  for (const [name, value] of Object.entries(testCase.expect)) {
    actual[name] = register(machine, name as RegisterName).toString(16);
    wanted[name] = ((value as number) >>> 0).toString(16);
  }
  expect(actual).toEqual(wanted);
  if (testCase.expectFlags !== undefined) {
    const defined = flagBits(testCase.defined ?? ALL);
    expect(flagNames(getEflags(machine) & defined)).toBe(flagNames(flagBits(testCase.expectFlags) & defined));
  }
  if (testCase.expectData !== undefined) {
    expect([...machine.memory.readBytes(DATA, testCase.expectData.length)]).toEqual(testCase.expectData);
  }
}

describe("instructions", () => {
  for (const [family, cases] of Object.entries({ ARITHMETIC, SHIFTS, MULTIPLY_DIVIDE, MOVES, BITS_AND_CONDITIONS, CONTROL, STRINGS, UNDEFINED_AS_THIS_CPU })) {
    describe(family.toLowerCase(), () => {
      it.each(cases.map((testCase) => [testCase.name, testCase] as const))("%s", (_name, testCase) => {
        check(testCase, "interpreted");
        check(testCase, "translated");
      });
    });
  }

  it("std sets DF, cld clears it", () => {
    expect(run([0xfd]).machine.eflags & 0x400).toBe(0x400);
    expect(run([0xfd, 0xfc]).machine.eflags & 0x400).toBe(0);
  });
});
