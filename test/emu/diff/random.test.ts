/**
 * Random instruction tests (v86 style): thousands of generated cases, each setting registers,
 * flags and memory, running one instruction (or a short control-flow sequence) and dumping the
 * machine state. The expected output comes from the real CPU: the i386 program where this
 * kernel runs i386 processes; elsewhere the x86-64 program for the cases that mean the same in
 * 64-bit mode and qemu-i386 for the rest (truth.ts). The emulator's (`runElf`) must match, with
 * the SDM's undefined flags masked. Seed: EMU_TEST_SEED; batches: EMU_TEST_BATCHES.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describePeers, I386_REFERENCE } from "../../helpers/peers.js";
import { EMULATOR_MODES, referenceName } from "../support/run.js";
import { type Batch, BATCH_COUNT, BATCH_SIZE, randomBatches, testSeed } from "./batches.js";
import { compareRuns } from "./records.js";
import { batchTruth, pick, type Truth } from "./truth.js";

describePeers([I386_REFERENCE, "as", "ld"], `random instructions: emulator against the CPU (i386 reference: ${referenceName()})`, () => {
  let batches: Batch[] = [];
  const counts: Truth["counts"] = { cpu: 0, cpu64: 0, qemu: 0, leftOut: 0 };
  beforeAll(() => {
    console.log(`random instruction tests: seed ${testSeed()} (set EMU_TEST_SEED to change), ${BATCH_COUNT * BATCH_SIZE} cases`);
    batches = randomBatches();
  });
  afterAll(() => {
    console.log(`random instruction tests, seed ${testSeed()}: ${counts.cpu} cases checked on the CPU (i386), ` +
      `${counts.cpu64} on the CPU (x86-64 harness), ${counts.qemu} on qemu-i386, ${counts.leftOut} left out (known qemu bugs)`);
  });

  for (let batch = 0; batch < BATCH_COUNT; batch++) {
    it(`batch ${batch} (cases ${batch * BATCH_SIZE}..${(batch + 1) * BATCH_SIZE - 1}, seed ${testSeed()})`, async () => {
      const { program } = batches[batch] as Batch;
      const truth = await batchTruth(batches[batch] as Batch);
      for (const key of Object.keys(counts) as (keyof Truth["counts"])[]) counts[key] += truth.counts[key];
      for (const [mode, run] of EMULATOR_MODES) {
        const emulated = await run(program);
        const failures = compareRuns(truth.cases, truth.records, pick(emulated.stdout, truth.positions));
        const shown = failures.slice(0, 10).join("\n");
        expect(failures.length, `${mode}: ${failures.length} of ${truth.cases.length} cases differ (seed ${testSeed()}):\n${shown}`).toBe(0);
        expect([emulated.exitCode, emulated.signal, emulated.detail]).toEqual([0, null, undefined]);
      }
      expect(truth.cases.length).toBeGreaterThan(BATCH_SIZE * 0.95);
    });
  }
});
