/**
 * The one way a command gets at an image file: lock it, then finish or drop a transaction that
 * a crash interrupted (docs/JOURNAL.md, "Locking" and "How a transaction runs").
 *
 *   read:    the shared lock; if a journal is there (a writer died in its commit), the exclusive
 *            lock instead, since recovering writes the image; then recovery.
 *   write:   the exclusive lock, then recovery.
 *   create:  the exclusive lock for a command that may make the image (`new`, `add` to the
 *            default image): recovery if the image exists; if it does not, a journal left beside
 *            it belongs to no image and is dropped.
 *
 * Once the lock is held, SIGINT, SIGTERM and SIGHUP are held too (src/disk/signals.ts):
 * `release()` removes the lock file, then delivers the signal. (While still waiting for a lock
 * they keep their default action, so Ctrl-C stops a waiting command at once; the worst it can
 * leave is a lock file whose pid is gone, which the next command takes over.)
 */
import * as fs from "node:fs";
import { recoverImage, type Recovery } from "./commit.js";
import { SectorDevice } from "./device.js";
import { journalPath, removeJournal } from "./journal.js";
import { lockImage, type ImageLock, type LockOptions } from "./lock.js";
import { holdSignals } from "./signals.js";

export type { LockOptions } from "./lock.js";

export type Access = "read" | "write" | "create";

export interface ImageAccess {
  /** What recovery did before the command saw the image. */
  readonly recovery: Recovery;
  /** Yields to the event loop; throws `Interrupted` if a held signal asked the command to stop. */
  checkpoint(): Promise<void>;
  /** Removes the lock, then delivers a signal that arrived meanwhile (idempotent). */
  release(): void;
}

/** Locks `imagePath` for `access` and recovers it; the caller must `release()` the result. */
export function accessImage(imagePath: string, access: Access, options: LockOptions = {}): ImageAccess {
  let lock: ImageLock = lockImage(imagePath, access === "read" ? "shared" : "exclusive", options);
  const signals = holdSignals();
  const release = (): void => {
    lock.release();
    signals.release();
  };
  try {
    if (access === "read" && fs.existsSync(journalPath(imagePath))) {
      lock.release();
      lock = lockImage(imagePath, "exclusive", options);
    }
    const recovery = recover(imagePath, access);
    return { recovery, checkpoint: () => signals.checkpoint(), release };
  } catch (error) {
    release();
    throw error;
  }
}

function recover(imagePath: string, access: Access): Recovery {
  if (access === "create" && !fs.existsSync(imagePath)) {
    if (!fs.existsSync(journalPath(imagePath))) return "none";
    removeJournal(imagePath);
    return "discarded";
  }
  return recoverImage(imagePath, () => new SectorDevice(imagePath, { writable: true }));
}

/** Runs `body` with the image locked for reading and recovered: for synchronous readers. */
export function withImageRead<T>(imagePath: string, options: LockOptions, body: (recovery: Recovery) => T): T {
  const access = accessImage(imagePath, "read", options);
  try {
    return body(access.recovery);
  } finally {
    access.release();
  }
}
