/**
 * The expected records of a random-test batch, and which reference gave each case's.
 *
 * Where the i386 reference is the CPU (test/reference/i386.mjs), it runs the whole i386 program
 * and is the truth for every case. Where it is qemu-i386, the real CPU still runs the cases that
 * mean the same in 64-bit mode (the x86-64 program, gen/program64.ts), and qemu-i386 gives the
 * rest, less the cases that hit one of qemu's known bugs (test/reference/qemu-bugs.ts): those are
 * left out and counted.
 */
import { spawnSync } from "node:child_process";
import type { TestCase } from "../gen/builder.js";
import { RECORD_SIZE, RECORDS_PER_CASE } from "../gen/program.js";
import { knownQemuBug } from "../../reference/qemu-bugs.js";
import { i386Reference } from "../../reference/i386.mjs";
import { runReference } from "../support/run.js";
import type { Batch } from "./batches.js";

const CASE_BYTES = RECORD_SIZE * RECORDS_PER_CASE;

export interface Truth {
  /** The cases compared, in order, and their expected records. */
  cases: TestCase[];
  records: Buffer;
  /** Positions (in the batch) of the compared cases, to pick the emulator's records. */
  positions: number[];
  /** Cases checked by each reference, and left out (qemu bugs). */
  counts: { cpu: number; cpu64: number; qemu: number; leftOut: number };
}

/** The x86-64 program's output (an x86-64 ELF: spawned directly, it is the host's own kind). */
export function runCpu64(batch: Batch): Buffer {
  const result = spawnSync(batch.program64, [], { maxBuffer: 256 * 1024 * 1024, timeout: 60_000 });
  if (result.error || result.status !== 0 || result.stdout.length !== batch.cpu64Positions.length * CASE_BYTES) {
    throw new Error(`${batch.program64}: status ${result.status}, signal ${result.signal}, ${result.stdout?.length} bytes of output ${result.error ?? ""}`);
  }
  return result.stdout;
}

/** The i386 program on the reference; all its records. */
export async function runBatchOnReference(batch: Batch): Promise<Buffer> {
  const run = await runReference(batch.program);
  if (run.exitCode !== 0 || run.signal !== null || run.stdout.length !== batch.cases.length * CASE_BYTES) {
    throw new Error(`${batch.program} on the reference: status ${run.exitCode}, signal ${run.signal}, ${run.stdout.length} bytes of output`);
  }
  return run.stdout;
}

/** The records of the case at `position` in an output that holds `positions`' cases in order. */
export function caseRecords(output: Buffer, index: number): Buffer {
  return output.subarray(index * CASE_BYTES, (index + 1) * CASE_BYTES);
}

export async function batchTruth(batch: Batch): Promise<Truth> {
  const reference = await runBatchOnReference(batch);
  const all = batch.cases.map((_, position) => position);
  if (i386Reference().kind === "cpu") {
    return { cases: batch.cases, records: reference, positions: all, counts: { cpu: all.length, cpu64: 0, qemu: 0, leftOut: 0 } };
  }
  const cpu64 = runCpu64(batch);
  const onCpu64 = new Map(batch.cpu64Positions.map((position, index) => [position, index]));
  const truth: Truth = { cases: [], records: Buffer.alloc(0), positions: [], counts: { cpu: 0, cpu64: 0, qemu: 0, leftOut: 0 } };
  const parts: Buffer[] = [];
  for (const position of all) {
    const testCase = batch.cases[position] as TestCase;
    const index = onCpu64.get(position);
    if (index === undefined && knownQemuBug(testCase) !== undefined) {
      truth.counts.leftOut++;
      continue;
    }
    parts.push(index === undefined ? caseRecords(reference, position) : caseRecords(cpu64, index));
    if (index === undefined) truth.counts.qemu++;
    else truth.counts.cpu64++;
    truth.cases.push(testCase);
    truth.positions.push(position);
  }
  truth.records = Buffer.concat(parts);
  return truth;
}

/** The emulator's records of the compared cases, in the same order. */
export function pick(output: Buffer, positions: number[]): Buffer {
  return Buffer.concat(positions.map((position) => caseRecords(output, position)));
}
