/**
 * Test hook for the crash tests: `MKIMG_CRASH_AT=<phase>:<n>` makes the process kill itself
 * with SIGKILL during a commit, so that tests can stop a transaction at an exact point.
 *
 * Phases: `data:<n>` dies after n sectors of the data written directly (before the journal),
 * `journal:<n>` after writing n sectors (512-byte units) of the journal file,
 * `synced:0` after the journal is fsynced and before the image is touched, `apply:<n>` after
 * n sectors of the image were overwritten, `applied:0` after the image is fsynced and before the
 * journal is deleted, `replay:<n>` after n sectors of a recovery replay. Writes are cut at the
 * sector boundary, so a crash can fall inside one large write (a torn write). Without the
 * variable, the hook costs one comparison per write. `MKIMG_COMMIT_STATS=1` prints each
 * commit's sector counts to stderr, so that tests can aim inside every phase.
 */

import { SECTOR_SIZE } from "./device.js";

export type CrashPhase = "data" | "journal" | "synced" | "apply" | "applied" | "replay";

const UNIT = SECTOR_SIZE;

interface CrashPoint {
  phase: string;
  remaining: number;
}

let point: CrashPoint | undefined = parse(process.env.MKIMG_CRASH_AT);

function parse(setting: string | undefined): CrashPoint | undefined {
  const match = /^(data|journal|synced|apply|applied|replay):(\d+)$/.exec(setting ?? "");
  return match ? { phase: match[1]!, remaining: Number(match[2]) } : undefined;
}

/** For tests in the same process: set or clear the crash point. */
export function setCrashPoint(setting: string | undefined): void {
  point = parse(setting);
}

/**
 * How many bytes of a `length`-byte write in `phase` may go through before the process must
 * die: `length` when no crash is due.
 */
export function bytesBeforeCrash(phase: CrashPhase, length: number): number {
  if (point === undefined || point.phase !== phase) return length;
  const units = Math.ceil(length / UNIT);
  if (units <= point.remaining) {
    point.remaining -= units;
    return length;
  }
  return point.remaining * UNIT;
}

/** Dies now (SIGKILL, no clean-up) if the crash point is `phase` with nothing left. */
export function crashIfDue(phase: CrashPhase): void {
  if (point !== undefined && point.phase === phase && point.remaining === 0) die();
}

export function die(): never {
  process.kill(process.pid, "SIGKILL");
  throw new Error("unreachable: SIGKILL did not stop the process");
}

/** With MKIMG_COMMIT_STATS=1: "commit: D direct sectors, J journaled sectors" on stderr. */
export function reportCommit(directSectors: number, journaledSectors: number): void {
  if (process.env.MKIMG_COMMIT_STATS === "1") {
    process.stderr.write(`commit: ${directSectors} direct sectors, ${journaledSectors} journaled sectors\n`);
  }
}
