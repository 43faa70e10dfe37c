/**
 * Random instruction tests (v86 style): thousands of generated cases, each setting registers,
 * flags and memory, running one instruction (or a short control-flow sequence) and dumping the
 * machine state; the native run on this machine's CPU is the expected output, the emulator's
 * (`runElf`) must match it with the SDM's undefined flags masked. Seed: EMU_TEST_SEED.
 */
import { beforeAll, expect, it } from "vitest";
import { describePeers } from "../../helpers/peers.js";
import { runEmulator, runNative } from "../support/run.js";
import { type Batch, BATCH_COUNT, BATCH_SIZE, randomBatches, testSeed } from "./batches.js";
import { compareRuns } from "./records.js";
import { RECORD_SIZE, RECORDS_PER_CASE } from "../gen/program.js";

describePeers(["as", "ld"], "random instructions: emulator against the CPU", () => {
  let batches: Batch[] = [];
  beforeAll(() => {
    console.log(`random instruction tests: seed ${testSeed()} (set EMU_TEST_SEED to change), ${BATCH_COUNT * BATCH_SIZE} cases`);
    batches = randomBatches();
  });

  for (let batch = 0; batch < BATCH_COUNT; batch++) {
    it(`batch ${batch} (cases ${batch * BATCH_SIZE}..${(batch + 1) * BATCH_SIZE - 1})`, async () => {
      const { cases, program } = batches[batch] as Batch;
      const native = await runNative(program);
      expect([native.exitCode, native.signal, native.stdout.length]).toEqual([0, null, cases.length * RECORD_SIZE * RECORDS_PER_CASE]);
      const emulated = await runEmulator(program);
      const failures = compareRuns(cases, native.stdout, emulated.stdout);
      const shown = failures.slice(0, 10).join("\n");
      expect(failures.length, `${failures.length} of ${cases.length} cases differ (seed ${testSeed()}):\n${shown}`).toBe(0);
      expect([emulated.exitCode, emulated.signal, emulated.detail]).toEqual([0, null, undefined]);
    });
  }
});
