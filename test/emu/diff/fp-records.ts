/**
 * Reads the records the floating-point programs write (gen/fp-program.ts) and compares two runs
 * case by case: general registers, status flags and DF, MXCSR, xmm0-7 and the data bytes, all
 * exactly (the SSE forms leave nothing undefined). A difference names the case, its lines and
 * inputs, and each differing field, with xmm elements shown as dwords.
 */
import { FP_DATA_SIZE, type FpCase } from "../gen/fp-builder.js";
import { FP_MEMORY_OFFSET, FP_RECORD_SIZE, FP_XMM_OFFSET } from "../gen/fp-program.js";
import { COMPARED_FLAGS, flagNames } from "../gen/flags.js";
import { LAST_RUN, REPEAT, RECORDS_PER_CASE } from "../gen/program.js";

const REGISTERS = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"];
const hex = (value: number) => `0x${(value >>> 0).toString(16)}`;

function words(record: Buffer, offset: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => record.readUInt32LE(offset + 4 * k));
}

export function describeFpCase(testCase: FpCase): string {
  const xmm = Array.from({ length: 8 }, (_, k) => `xmm${k}=${testCase.xmm.slice(k * 4, k * 4 + 4).map(hex).join(":")}`).join(" ");
  const registers = [0, 1, 2, 3, 5, 6, 7].map((k) => `${REGISTERS[k]}=${typeof testCase.registers[k] === "number" ? hex(testCase.registers[k] as number) : testCase.registers[k]}`).join(" ");
  return [
    `case ${testCase.index} (${testCase.variant}): ${testCase.lines.join("; ")}`,
    `  inputs: mxcsr=${hex(testCase.mxcsr)} eflags=${hex(testCase.flags)} ${registers}`,
    `  ${xmm}`,
    `  data: ${testCase.memory.map(hex).join(" ")}`,
  ].join("\n");
}

/** Differences between the reference record and the emulator's (empty when equal). */
export function compareFpRecord(expected: Buffer, actual: Buffer): string[] {
  const differences: string[] = [];
  const [wantRegisters, gotRegisters] = [words(expected, 4, 8), words(actual, 4, 8)];
  REGISTERS.forEach((name, k) => {
    if (wantRegisters[k] !== gotRegisters[k]) differences.push(`${name}: native ${hex(wantRegisters[k] ?? 0)}, emulator ${hex(gotRegisters[k] ?? 0)}`);
  });
  const differing = (expected.readUInt32LE(36) ^ actual.readUInt32LE(36)) & COMPARED_FLAGS;
  for (const [name, bit] of flagNames) if (differing & bit) differences.push(`${name}: native ${expected.readUInt32LE(36) & bit ? 1 : 0}, emulator ${actual.readUInt32LE(36) & bit ? 1 : 0}`);
  if (expected.readUInt32LE(40) !== actual.readUInt32LE(40)) differences.push(`mxcsr: native ${hex(expected.readUInt32LE(40))}, emulator ${hex(actual.readUInt32LE(40))}`);
  for (let k = 0; k < 8; k++) {
    const [want, got] = [words(expected, FP_XMM_OFFSET + 16 * k, 4), words(actual, FP_XMM_OFFSET + 16 * k, 4)];
    if (want.some((word, n) => word !== got[n])) differences.push(`xmm${k}: native ${want.map(hex).join(":")}, emulator ${got.map(hex).join(":")}`);
  }
  for (let offset = 0; offset < FP_DATA_SIZE; offset += 4) {
    const [want, got] = [expected.readUInt32LE(FP_MEMORY_OFFSET + offset), actual.readUInt32LE(FP_MEMORY_OFFSET + offset)];
    if (want !== got) differences.push(`[scratch+${offset}]: native ${hex(want)}, emulator ${hex(got)}`);
  }
  return differences;
}

/** One failure text per differing case (the first differing run of it). */
export function compareFpRuns(cases: FpCase[], expected: Buffer, actual: Buffer): string[] {
  const failures: string[] = [];
  for (const [position, testCase] of cases.entries()) {
    for (let run = 0; run < RECORDS_PER_CASE; run++) {
      const offset = (position * RECORDS_PER_CASE + run) * FP_RECORD_SIZE;
      const number = (testCase.index | (run === 1 ? LAST_RUN : 0)) >>> 0;
      const [want, got] = [expected.subarray(offset, offset + FP_RECORD_SIZE), actual.subarray(offset, offset + FP_RECORD_SIZE)];
      if (want.length < FP_RECORD_SIZE || want.readUInt32LE(0) !== number) return [...failures, `case ${testCase.index}: the reference has no record for it (harness problem)`];
      if (got.length < FP_RECORD_SIZE || got.readUInt32LE(0) !== number) return [...failures, `${describeFpCase(testCase)}\n  emulator output ends before this case`];
      const differences = compareFpRecord(want, got);
      if (differences.length > 0) {
        failures.push(`${describeFpCase(testCase)}\n  ${run === 0 ? "first run" : `run ${REPEAT} (translated)`}:\n  ${differences.join("\n  ")}`);
        break;
      }
    }
  }
  return failures;
}
