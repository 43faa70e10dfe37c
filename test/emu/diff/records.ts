/**
 * Reads the register/flag/memory records the random-test programs write, and compares two runs
 * of the same program case by case, ignoring what the SDM leaves undefined (per-case flag masks
 * and registers). Differences come back as readable lines naming the case, its instruction, its
 * inputs and each differing register, flag or memory byte.
 */
import { formatValue, registerNames, type TestCase } from "../gen/builder.js";
import { COMPARED_FLAGS, flagNames } from "../gen/flags.js";
import { LAST_RUN, RECORD_HEADER, RECORD_SIZE, RECORDS_PER_CASE, REPEAT } from "../gen/program.js";

export interface CaseRecord {
  index: number;
  registers: number[];
  flags: number;
  memory: Buffer;
}

export function parseRecords(output: Buffer): CaseRecord[] {
  const records: CaseRecord[] = [];
  for (let offset = 0; offset + RECORD_SIZE <= output.length; offset += RECORD_SIZE) {
    records.push({
      index: output.readUInt32LE(offset),
      registers: Array.from({ length: 8 }, (_, number) => output.readUInt32LE(offset + 4 + number * 4)),
      flags: output.readUInt32LE(offset + 36),
      memory: output.subarray(offset + RECORD_HEADER, offset + RECORD_SIZE),
    });
  }
  return records;
}

const hex = (value: number) => `0x${(value >>> 0).toString(16)}`;

/** The instruction lines and initial state of a case, for a failure message. */
export function describeCase(testCase: TestCase): string {
  const registers = registerNames[32].map((name, number) => `${name}=${formatValue(testCase.registers[number] ?? 0)}`).join(" ");
  const memory = testCase.memory.map((write) => `[scratch+${write.offset}]:${write.size}=${formatValue(write.value)}`).join(" ");
  return [
    `case ${testCase.index} (${testCase.variant}): ${testCase.lines.join("; ")}`,
    `  inputs: ${registers} eflags=${hex(testCase.flags)} memory seed ${hex(testCase.memorySeed)}${memory ? ` ${memory}` : ""}`,
  ].join("\n");
}

function flagDifferences(testCase: TestCase, expected: number, actual: number): string[] {
  const differing = (expected ^ actual) & COMPARED_FLAGS & ~testCase.undefinedFlags;
  return flagNames.filter(([, bit]) => differing & bit).map(([name, bit]) => `${name}: native ${expected & bit ? 1 : 0}, emulator ${actual & bit ? 1 : 0}`);
}

/** Differences between the native record and the emulator's for one case (empty when equal). */
export function compareRecord(testCase: TestCase, expected: CaseRecord, actual: CaseRecord): string[] {
  const differences: string[] = [];
  for (let number = 0; number < 8; number++) {
    if (testCase.undefinedRegisters.includes(number)) continue;
    const [want, got] = [expected.registers[number] ?? 0, actual.registers[number] ?? 0];
    if (want !== got) differences.push(`${registerNames[32][number]}: native ${hex(want)}, emulator ${hex(got)}`);
  }
  differences.push(...flagDifferences(testCase, expected.flags, actual.flags));
  for (let offset = 0; offset < expected.memory.length; offset++) {
    const [want, got] = [expected.memory[offset] ?? 0, actual.memory[offset] ?? 0];
    if (want !== got) differences.push(`[scratch+${offset}]: native ${hex(want)}, emulator ${hex(got)}`);
  }
  return differences;
}

/** Compare whole outputs; returns one failure text per differing case (and for missing records). */
export function compareRuns(cases: TestCase[], expectedOutput: Buffer, actualOutput: Buffer): string[] {
  const [expected, actual] = [parseRecords(expectedOutput), parseRecords(actualOutput)];
  const failures: string[] = [];
  for (const [position, testCase] of cases.entries()) {
    for (let run = 0; run < RECORDS_PER_CASE; run++) {
      const recordNumber = (testCase.index | (run === 1 ? LAST_RUN : 0)) >>> 0;
      const [want, got] = [expected[position * RECORDS_PER_CASE + run], actual[position * RECORDS_PER_CASE + run]];
      if (!want || want.index !== recordNumber) {
        failures.push(`case ${testCase.index}: native run has no record for it (harness problem)`);
        return failures;
      }
      if (!got || got.index !== recordNumber) {
        failures.push(`${describeCase(testCase)}\n  emulator output ends before this case (${actual.length} records)`);
        return failures;
      }
      const differences = compareRecord(testCase, want, got);
      if (differences.length > 0) {
        failures.push(`${describeCase(testCase)}\n  ${run === 0 ? "first run" : `run ${REPEAT} (translated)`}:\n  ${differences.join("\n  ")}`);
        break;
      }
    }
  }
  return failures;
}
