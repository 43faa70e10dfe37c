/**
 * Runs a static i386 ELF three ways with one result shape: on the reference (the real CPU where
 * this kernel runs i386 processes, else qemu-i386: test/reference/i386.mjs), under qemu-i386
 * always, and under our emulator (`runElf`). Emulator faults are mapped to the signal Linux
 * delivers for them, so outcomes compare directly.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { i386ReferenceName, runI386Sync } from "../../reference/i386.mjs";

export interface Outcome {
  stdout: Buffer;
  exitCode: number | null;
  /** The signal that ended the program (native and qemu), or the emulator fault mapped to one. */
  signal: string | null;
  /** Emulator only: where the fault happened. */
  faultAddress?: number;
  detail?: string;
}

export type Runner = (program: string, argv?: string[]) => Promise<Outcome>;

function outcome(result: ReturnType<typeof spawnSync>, what: string): Outcome {
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  return { stdout: result.stdout as Buffer, exitCode: result.status, signal: result.signal };
}

/** The reference run: the CPU or qemu-i386, as decided once for the test run. */
export const runReference: Runner = async (program, argv = []) =>
  outcome(runI386Sync(program, argv, { timeout: 60_000 }), `${program} on ${i386ReferenceName()}`);

/** "the CPU" or "qemu-i386", for test names ("no i386 reference" when there is none). */
export function referenceName(): string {
  try {
    return i386ReferenceName();
  } catch {
    return "no i386 reference";
  }
}

/** qemu-i386 re-raises a guest's fatal signal on itself, so its status looks like a native one. */
export const runQemu: Runner = async (program, argv = []) =>
  outcome(spawnSync("qemu-i386", [program, ...argv], { maxBuffer: 256 * 1024 * 1024, timeout: 60_000 }), `qemu-i386 ${program}`);

/** The signal Linux sends a process for each emulator fault kind. */
const faultSignals: Record<string, string> = {
  "divide-error": "SIGFPE",
  "invalid-opcode": "SIGILL",
  "page-fault": "SIGSEGV",
  "general-protection": "SIGSEGV",
  breakpoint: "SIGTRAP",
};

/** Our emulator, through the library's `runElf` (the same path as `mkimg exec`). */
export const runEmulator: Runner = async (program, argv = []) => emulate(program, argv, true);

/** Our emulator with block translation off: the plain interpreter (`mkimg exec --no-translate`). */
export const runInterpreter: Runner = async (program, argv = []) => emulate(program, argv, false);

/** Our emulator translating every block the first time it runs (regions from the first instruction). */
export const runTranslatedAtOnce: Runner = async (program, argv = []) => emulate(program, argv, true, 1);

/** The three ways the differential suites run our emulator, by name (for test titles). */
export const EMULATOR_MODES: [string, Runner][] = [
  ["translated (default threshold)", runEmulator], ["translated from the first instruction", runTranslatedAtOnce], ["interpreter only", runInterpreter],
];

async function emulate(program: string, argv: string[], translate: boolean, translateAfter?: number): Promise<Outcome> {
  const { runElf } = await import("../../../src/emu/linux.js");
  const result = runElf(readFileSync(program), { file: program, argv: [program, ...argv], maxSteps: 2_000_000_000, translate, translateAfter });
  const stdout = Buffer.from(result.stdout);
  const stop = result.stop;
  if (stop.kind === "exit") return { stdout, exitCode: stop.status, signal: null };
  if (stop.kind === "fault") {
    return { stdout, exitCode: null, signal: faultSignals[stop.fault.kind] ?? stop.fault.kind, faultAddress: stop.fault.eip, detail: stop.fault.message };
  }
  return { stdout, exitCode: null, signal: `stopped: ${stop.kind}`, detail: JSON.stringify(stop) };
}
