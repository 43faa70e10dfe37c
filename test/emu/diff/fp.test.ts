/**
 * Floating-point differential tests: seeded random SSE/SSE2 and x87 cases over edge values (signed
 * zeros, denormals, infinities, NaNs with payloads, rounding ties, out-of-range conversions,
 * every MXCSR rounding mode, sticky flags, FTZ and DAZ), run on the real CPU and in the emulator;
 * xmm0-7, MXCSR, EFLAGS, the general registers and memory must be equal bit for bit.
 *
 * The truth is the x86-64 program of the same cases on this machine's CPU (every SSE form here
 * means the same in 64-bit mode), and also the i386 program where the CPU runs i386 processes
 * (the two must then agree). qemu-i386 is not used: its softfloat is not the reference.
 * The x87 cases (gen/fp-x87.ts) run with the precision control at 53 bits.
 * Seed: EMU_TEST_SEED (as the integer set); batches of 500: FP_TEST_BATCHES (default 4).
 */
import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";
import { describePeers } from "../../helpers/peers.js";
import { i386Reference } from "../../reference/i386.mjs";
import type { FpCase } from "../gen/fp-builder.js";
import { FP_MEMORY_OFFSET, FP_RECORD_SIZE, FP_XMM_OFFSET, fpProgramSource } from "../gen/fp-program.js";
import { fpVariants, generateFpCases } from "../gen/fp-table.js";
import { RECORDS_PER_CASE } from "../gen/program.js";
import { assemble, assemble64 } from "../support/build.js";
import { runEmulator, runReference } from "../support/run.js";
import { symbolAddresses } from "../support/symbols.js";
import { testSeed } from "./batches.js";
import { compareFpRuns } from "./fp-records.js";

const BATCH_SIZE = 500;
const BATCHES = Number(process.env.FP_TEST_BATCHES ?? "4");

interface FpBatch {
  cases: FpCase[];
  program: string;
  program64: string;
}

function buildBatch(batch: number): FpBatch {
  const seed = (testSeed() + Math.imul(batch + 1000, 0x9e3779b9)) >>> 0;
  const cases = generateFpCases(seed, BATCH_SIZE, batch * BATCH_SIZE);
  const program = assemble(fpProgramSource(cases, 32), "fp");
  const dataStart = symbolAddresses(program).get("scratch_guard_low");
  if (dataStart === undefined) throw new Error(`${program}: no scratch_guard_low`);
  const program64 = assemble64(fpProgramSource(cases, 64), dataStart, "fp64");
  return { cases, program, program64 };
}

function runCpu64(program: string, expectedBytes: number): Buffer {
  const result = spawnSync(program, [], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  if (result.error || result.status !== 0 || result.stdout.length !== expectedBytes) {
    throw new Error(`${program}: status ${result.status}, signal ${result.signal}, ${result.stdout?.length} bytes of output ${result.error ?? ""}`);
  }
  return result.stdout;
}

describePeers(["as", "ld"], "floating point: emulator against the CPU", () => {
  it(`covers ${fpVariants.length} variants per ${BATCH_SIZE} cases`, () => {
    expect(fpVariants.length).toBeLessThanOrEqual(BATCH_SIZE);
  });

  it("reports a changed xmm bit, MXCSR flag, register and memory byte (the comparison can fail)", () => {
    const { cases, program64 } = buildBatch(0);
    const truth = runCpu64(program64, cases.length * RECORDS_PER_CASE * FP_RECORD_SIZE);
    const changed = Buffer.from(truth);
    const record = FP_RECORD_SIZE; // case 0's last run
    changed[record + FP_XMM_OFFSET + 16 * 3 + 7] ^= 0x80;
    changed.writeUInt32LE((changed.readUInt32LE(record + 40) ^ 0x20) >>> 0, record + 40);
    changed.writeUInt32LE((changed.readUInt32LE(record + 4) ^ 1) >>> 0, record + 4);
    changed[record + FP_MEMORY_OFFSET + 63] ^= 1;
    const failures = compareFpRuns(cases, truth, changed);
    expect(failures).toHaveLength(1);
    const lines = (failures[0] ?? "").split("\n").slice(4).map((line) => line.trim().replace(/0x[0-9a-f]+/g, "N"));
    expect(lines).toEqual([
      "run 20 (translated):", "eax: native N, emulator N", "mxcsr: native N, emulator N", "xmm3: native N:N:N:N, emulator N:N:N:N",
      "[scratch+60]: native N, emulator N",
    ]);
  });

  for (let batch = 0; batch < BATCHES; batch++) {
    it(`batch ${batch} (cases ${batch * BATCH_SIZE}..${(batch + 1) * BATCH_SIZE - 1}, seed ${testSeed()})`, async () => {
      const { cases, program, program64 } = buildBatch(batch);
      const bytes = cases.length * RECORDS_PER_CASE * FP_RECORD_SIZE;
      const truth = runCpu64(program64, bytes);
      if (i386Reference().kind === "cpu") {
        const native = await runReference(program);
        expect(compareFpRuns(cases, truth, native.stdout).slice(0, 5)).toEqual([]);
      }
      const emulated = await runEmulator(program);
      const failures = compareFpRuns(cases, truth, emulated.stdout);
      expect(failures.length, `${failures.length} of ${cases.length} cases differ (seed ${testSeed()}):\n${failures.slice(0, 8).join("\n")}`).toBe(0);
      expect([emulated.exitCode, emulated.signal, emulated.detail]).toEqual([0, null, undefined]);
    });
  }
});
