/**
 * The random-test batches of a run: the seed (EMU_TEST_SEED, default fixed for CI), the number of
 * batches (EMU_TEST_BATCHES, default 16), and the
 * generated cases assembled into one program per batch of 500 (built once per process, cached
 * on disk by content): the i386 program of all cases, and the x86-64 program of the cases that
 * mean the same in 64-bit mode (gen/program64.ts), for the real CPU on any x86-64 machine.
 */
import type { TestCase } from "../gen/builder.js";
import { programSource } from "../gen/program.js";
import { generateCases } from "../gen/table.js";
import { cpu64Problem, program64Source } from "../gen/program64.js";
import { assemble, assemble64 } from "../support/build.js";
import { symbolAddresses } from "../support/symbols.js";

export const DEFAULT_SEED = 20261125;
export const BATCH_SIZE = 500;
/** 16 in CI; EMU_TEST_BATCHES=n runs more (or fewer) locally. */
export const BATCH_COUNT = batchCount();

function batchCount(): number {
  const text = process.env.EMU_TEST_BATCHES;
  if (text === undefined || text === "") return 16;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new Error(`EMU_TEST_BATCHES must be an integer in 1..1000, not ${text}`);
  return count;
}

export function testSeed(): number {
  const text = process.env.EMU_TEST_SEED;
  if (text === undefined || text === "") return DEFAULT_SEED;
  const seed = Number(text);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`EMU_TEST_SEED must be an integer in 0..2^32-1, not ${text}`);
  return seed;
}

export interface Batch {
  cases: TestCase[];
  /** The i386 program of every case. */
  program: string;
  /** Positions (in `cases`) of the cases the x86-64 program runs, in order. */
  cpu64Positions: number[];
  /** The x86-64 program of those cases. */
  program64: string;
}

let built: Batch[] | undefined;

export function randomBatches(): Batch[] {
  const seed = testSeed();
  built ??= Array.from({ length: BATCH_COUNT }, (_, batch) => {
    const cases = generateCases((seed + Math.imul(batch, 0x9e3779b9)) >>> 0, BATCH_SIZE, batch * BATCH_SIZE);
    const program = assemble(programSource(cases));
    const cpu64Positions = cases.flatMap((testCase, position) => (cpu64Problem(testCase) === undefined ? [position] : []));
    return { cases, program, cpu64Positions, program64: build64(program, cpu64Positions.map((position) => cases[position] as TestCase)) };
  });
  return built;
}

/** The x86-64 program, its data linked where the i386 program has it (checked with nm). */
function build64(program: string, cases: TestCase[]): string {
  const symbols = symbolAddresses(program);
  const dataStart = symbols.get("scratch_guard_low");
  if (dataStart === undefined) throw new Error(`${program}: no scratch_guard_low symbol`);
  const program64 = assemble64(program64Source(cases, symbols), dataStart);
  const scratch64 = symbolAddresses(program64).get("scratch");
  if (scratch64 !== symbols.get("scratch")) throw new Error(`${program64}: scratch at ${scratch64}, not where the i386 program has it`);
  return program64;
}
