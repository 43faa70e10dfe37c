/**
 * Commit and recovery: the protocol that makes a transaction atomic (docs/JOURNAL.md).
 *
 * commit:  first the direct runs -- sectors of clusters that are free in the old image, so
 *          nothing refers to them yet -- go straight into the image, fsync; then the other runs
 *          are written to IMG.journal (header, runs, data, SHA-256, end marker), fsync it and
 *          the directory; then into the image, fsync the image; then the journal is deleted
 *          and the directory fsynced. (File data thus bypasses the journal, as in ext4's
 *          ordered mode; a crash before the journal is durable leaves the old file system,
 *          with new bytes only in clusters it marks free.)
 * recover: on every open, before the image is read: a complete journal is replayed (the same
 *          bytes written again: idempotent), then deleted; an incomplete one (the commit died
 *          before the image was touched) is deleted.
 * A crash before the journal is durable leaves the old image; after, recovery yields the new.
 */
import * as fs from "node:fs";
import { InputError } from "../errors.js";
import { crashIfDue, reportCommit } from "./crash-hook.js";
import { SECTOR_SIZE, SectorDevice } from "./device.js";
import type { DirtyRuns } from "./overlay.js";
import {
  checkJournalMatches,
  journalPath,
  readJournal,
  removeJournal,
  writeJournal,
  writeThroughHook,
  type Run,
} from "./journal.js";

/** Makes `runs` the image's new content, atomically. `device` must be open for writing. */
export function commitRuns(device: SectorDevice, runs: DirtyRuns): void {
  reportCommit(sectorsIn(runs.direct), sectorsIn(runs.journaled));
  if (runs.direct.length > 0) applyRuns(device, runs.direct, "data");
  if (runs.journaled.length > 0) commitJournaled(device, runs.journaled);
}

function sectorsIn(runs: Run[]): number {
  return runs.reduce((sum, run) => sum + run.data.length / SECTOR_SIZE, 0);
}

function commitJournaled(device: SectorDevice, runs: Run[]): void {
  crashIfDue("data");
  try {
    writeJournal(device.path, device.fileSize, runs);
  } catch (error) {
    fs.rmSync(journalPath(device.path), { force: true });
    throw new InputError(journalPath(device.path), `cannot write the journal: ${reason(error)}; the image is unchanged`);
  }
  crashIfDue("synced");
  try {
    applyRuns(device, runs, "apply");
  } catch (error) {
    throw new InputError(
      device.path,
      `write failed: ${reason(error)}; the next mkimg command on it completes the change from ${journalPath(device.path)}`,
    );
  }
  crashIfDue("applied");
  removeJournal(device.path);
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ?? (error instanceof Error ? error.message : String(error));
}

function applyRuns(device: SectorDevice, runs: Run[], phase: "data" | "apply" | "replay"): void {
  for (const run of runs) writeThroughHook(phase, device.descriptor(), run.data, run.position);
  device.sync();
}

export type Recovery = "none" | "replayed" | "discarded";

/**
 * Finishes or discards an interrupted commit on `imagePath`. Opens the image for writing only
 * when there is a complete journal to replay. The caller holds the image's exclusive lock
 * (src/disk/access.ts is the one place that calls this for a command).
 */
export function recoverImage(imagePath: string, openForWriting: () => SectorDevice): Recovery {
  const state = readJournal(imagePath);
  if (state.kind === "none") return "none";
  if (state.kind === "incomplete") {
    removeJournal(imagePath);
    return "discarded";
  }
  const device = openForWriting();
  try {
    checkJournalMatches(imagePath, state.imageSize, fs.fstatSync(device.descriptor()).size);
    applyRuns(device, state.runs, "replay");
  } finally {
    device.close();
  }
  removeJournal(imagePath);
  return "replayed";
}
