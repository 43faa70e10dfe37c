/**
 * The random-test batches of a run: the seed (EMU_TEST_SEED, default fixed for CI), the number of
 * batches (EMU_TEST_BATCHES, default 16), and the
 * generated cases assembled into one program per batch of 500 (built once per process, cached
 * on disk by content).
 */
import type { TestCase } from "../gen/builder.js";
import { programSource } from "../gen/program.js";
import { generateCases } from "../gen/table.js";
import { assemble } from "../support/build.js";

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
  program: string;
}

let built: Batch[] | undefined;

export function randomBatches(): Batch[] {
  const seed = testSeed();
  built ??= Array.from({ length: BATCH_COUNT }, (_, batch) => {
    const cases = generateCases((seed + Math.imul(batch, 0x9e3779b9)) >>> 0, BATCH_SIZE, batch * BATCH_SIZE);
    return { cases, program: assemble(programSource(cases)) };
  });
  return built;
}
