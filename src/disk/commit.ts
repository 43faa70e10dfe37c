/**
 * Commit and recovery: the protocol that makes a transaction atomic (docs/JOURNAL.md).
 *
 * commit:  write IMG.journal (header, runs, data, SHA-256, end marker), fsync it and the
 *          directory; then write the runs into the image, fsync the image; then delete the
 *          journal and fsync the directory.
 * recover: on every open, before the image is read: a complete journal is replayed (the same
 *          bytes written again: idempotent), then deleted; an incomplete one (the commit died
 *          before the image was touched) is deleted.
 * A crash before the journal is durable leaves the old image; after, recovery yields the new.
 */
import * as fs from "node:fs";
import { crashIfDue } from "./crash-hook.js";
import type { SectorDevice } from "./device.js";
import {
  checkJournalMatches,
  readJournal,
  removeJournal,
  writeJournal,
  writeThroughHook,
  type Run,
} from "./journal.js";

/** Makes `runs` the image's new content, atomically. `device` must be open for writing. */
export function commitRuns(device: SectorDevice, runs: Run[]): void {
  if (runs.length === 0) return;
  writeJournal(device.path, device.fileSize, runs);
  crashIfDue("synced");
  applyRuns(device, runs, "apply");
  crashIfDue("applied");
  removeJournal(device.path);
}

function applyRuns(device: SectorDevice, runs: Run[], phase: "apply" | "replay"): void {
  for (const run of runs) writeThroughHook(phase, device.descriptor(), run.data, run.position);
  device.sync();
}

export type Recovery = "none" | "replayed" | "discarded";

/**
 * Finishes or discards an interrupted commit on `imagePath`. Opens the image for writing only
 * when there is a complete journal to replay.
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
