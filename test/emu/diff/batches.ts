/**
 * The random-test batches of a run: the seed (EMU_TEST_SEED, default fixed for CI), and the
 * generated cases assembled into one program per batch of 500 (built once per process, cached
 * on disk by content).
 */
import type { TestCase } from "../gen/builder.js";
import { programSource } from "../gen/program.js";
import { generateCases } from "../gen/table.js";
import { assemble } from "../support/build.js";

export const DEFAULT_SEED = 20261125;
export const BATCH_SIZE = 500;
export const BATCH_COUNT = 16;

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
