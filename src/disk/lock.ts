/**
 * Locking an image against other mkimg processes: one writer, or any number of readers
 * (docs/JOURNAL.md, "Locking"). Node has no flock(), so the lock is files beside the image,
 * each a record naming its holder (src/disk/lock-file.ts):
 *
 *   IMG.lock                the exclusive lock: a command that writes the image or recovers it;
 *   IMG.lock.read-TOKEN     one per reader holding the shared lock;
 *   IMG.lock.stale-KEY      held for a moment by whoever removes a stale IMG.lock (below).
 *
 * exclusive: create IMG.lock (O_EXCL), then wait until no live reader file is left.
 * shared:    wait until there is no live IMG.lock, create the reader file, look again: if a
 *            writer's lock appeared meanwhile, remove the reader file and wait.
 * Each side creates its file before it looks for the other's, so a writer and a reader cannot
 * both go ahead; a writer waiting for readers already holds IMG.lock, so new readers wait behind
 * it and readers cannot starve it.
 *
 * A stale file (its holder is gone) is taken over. A reader file has a name no one else uses, so
 * it is simply removed. IMG.lock is removed by whoever first creates the marker named after that
 * lock's token, and only if IMG.lock still holds that token when it looks again: two processes
 * that find the same stale lock cannot both remove it, and neither can remove the fresh lock the
 * other made. A marker whose holder died is itself taken over the same way.
 *
 * Waiting polls (2 ms, doubling to 100 ms) for up to `waitSeconds` (default 5), sleeping with
 * Atomics.wait, so that synchronous readers (the kernel, IMG:PATH inputs) can lock too; then it
 * fails with one line naming the holder. An image in a folder without write permission cannot
 * carry reader files: a reader there still waits for a writer's lock but takes none itself.
 */
import * as fs from "node:fs";
import { hostname } from "node:os";
import * as path from "node:path";
import { InputError } from "../errors.js";
import { createLockFile, isStale, newRecord, readLockFile, removeLockFile } from "./lock-file.js";
import type { Found, LockMode, LockRecord, Present } from "./lock-file.js";

export type { LockMode } from "./lock-file.js";

export interface LockOptions {
  /** How long to wait for another process's lock, in seconds (default 5). */
  waitSeconds?: number;
  /** What this process is doing, shown to a command that waits for it ("mkimg add"). */
  command?: string;
}

export const DEFAULT_WAIT_SECONDS = 5;

export interface ImageLock {
  readonly mode: LockMode;
  /** Removes this process's lock file (idempotent). */
  release(): void;
}

/** A lock file that keeps us waiting. */
interface Busy {
  file: string;
  found: Present;
}

export function lockPath(imagePath: string): string {
  return `${imagePath}.lock`;
}

/** Takes the image's lock, waiting up to `options.waitSeconds` for other processes' locks. */
export function lockImage(imagePath: string, mode: LockMode, options: LockOptions = {}): ImageLock {
  const record = newRecord(mode, options.command ?? "mkimg");
  const attempt = mode === "exclusive" ? new ExclusiveAttempt(imagePath, record) : new SharedAttempt(imagePath, record);
  try {
    const seconds = options.waitSeconds ?? DEFAULT_WAIT_SECONDS;
    waitFor(imagePath, Number.isFinite(seconds) && seconds > 0 ? seconds : 0, () => attempt.step());
  } catch (error) {
    attempt.release();
    throw lockError(error, imagePath);
  }
  let released = false;
  return {
    mode,
    release() {
      if (!released) attempt.release();
      released = true;
    },
  };
}

const SLEEPER = new Int32Array(new SharedArrayBuffer(4));
const MAX_PAUSE_MS = 100;

function waitFor(imagePath: string, waitSeconds: number, step: () => Busy | undefined): void {
  const deadline = Date.now() + waitSeconds * 1000;
  for (let pause = 2; ; pause = Math.min(2 * pause, MAX_PAUSE_MS)) {
    const busy = step();
    if (busy === undefined) return;
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new InputError(imagePath, `${describeHolder(busy)}; gave up after ${waitSeconds} s (--wait SECONDS waits longer)`);
    }
    Atomics.wait(SLEEPER, 0, 0, Math.min(pause, left));
  }
}

/** "locked by pid 4242 (mkimg add, writing since 2025-06-01T10:00:00.000Z)" */
function describeHolder(busy: Busy): string {
  if (busy.found.kind === "unreadable") {
    return `locked: ${busy.file} is empty (being written; taken over 10 s after its writer died)`;
  }
  const { record } = busy.found;
  const where = record.host === hostname() ? "" : ` on ${record.host}`;
  const doing = record.mode === "exclusive" ? "writing" : "reading";
  return `locked by pid ${record.pid}${where} (${record.command}, ${doing} since ${record.started})`;
}

/** Turns a failure to create a lock file into a one-line error about that file. */
function lockError(error: unknown, imagePath: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const file = (error as NodeJS.ErrnoException).path ?? lockPath(imagePath);
  return code === undefined ? error : new InputError(file, `cannot lock the image: ${code}`);
}

/** Creates IMG.lock (taking over a stale one), then waits for the readers to finish. */
class ExclusiveAttempt {
  private holding = false;
  private unlocked = false;
  constructor(
    private readonly imagePath: string,
    private readonly record: LockRecord,
  ) {}

  step(): Busy | undefined {
    if (!this.holding && !this.unlocked) {
      const file = lockPath(this.imagePath);
      const created = tryCreate(file, this.record);
      if (created === "no folder") this.unlocked = true; // no image there either: opening it fails
      else if (created !== "created") return created;
      else this.holding = true;
    }
    return this.unlocked ? undefined : liveReader(this.imagePath);
  }

  release(): void {
    if (this.holding) removeLockFile(lockPath(this.imagePath), this.record.token);
    this.holding = false;
  }
}

/** Registers a reader file while no writer holds IMG.lock. */
class SharedAttempt {
  private readonly file: string;
  private holding = false;
  constructor(
    private readonly imagePath: string,
    private readonly record: LockRecord,
  ) {
    this.file = `${lockPath(imagePath)}.read-${record.token}`;
  }

  step(): Busy | undefined {
    const writer = liveHolder(lockPath(this.imagePath));
    if (writer !== undefined) return writer;
    if (!this.register()) return undefined;
    const late = liveHolder(lockPath(this.imagePath));
    if (late !== undefined) this.release();
    return late;
  }

  /** Creates the reader file; false when the folder cannot hold one (then the read goes unregistered). */
  private register(): boolean {
    try {
      this.holding = createLockFile(this.file, this.record);
      return this.holding;
    } catch (error) {
      if (CANNOT_WRITE.has((error as NodeJS.ErrnoException).code ?? "")) return false;
      throw error;
    }
  }

  release(): void {
    if (this.holding) removeLockFile(this.file, this.record.token);
    this.holding = false;
  }
}

/** Errors that mean "no lock file can be made in this folder" (a reader then goes on without one). */
const CANNOT_WRITE = new Set(["ENOENT", "EACCES", "EPERM", "EROFS"]);

/** Creates `file`, or says who holds it; a stale holder is taken over first. */
function tryCreate(file: string, record: LockRecord): "created" | "no folder" | Busy {
  for (;;) {
    try {
      if (createLockFile(file, record)) return "created";
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return "no folder";
      throw error;
    }
    const holder = liveHolder(file);
    if (holder !== undefined) return holder;
  }
}

/** The live holder of `file`, after taking over a stale one; undefined when there is none. */
function liveHolder(file: string): Busy | undefined {
  const found = readLockFile(file);
  if (found.kind === "absent") return undefined;
  if (!isStale(found)) return { file, found };
  removeStale(file, found);
  const now = readLockFile(file);
  return now.kind === "absent" ? undefined : { file, found: now };
}

/**
 * Removes `file`, found stale as `seen`, unless someone else is removing it or it has changed.
 * The marker `FILE.stale-KEY` is the right to remove that one lock; a stale marker is removed
 * the same way (`depth` bounds the chain of markers, each needing a process killed inside it).
 */
function removeStale(file: string, seen: Present, depth = 0): void {
  const marker = `${file}.stale-${seen.key}`;
  const record = newRecord("exclusive", "removing a stale lock");
  if (!createLockFile(marker, record)) {
    const other = readLockFile(marker);
    if (other.kind !== "absent" && isStale(other) && depth < 4) removeStale(marker, other, depth + 1);
    return;
  }
  try {
    const now = readLockFile(file);
    if (now.kind !== "absent" && now.key === seen.key) fs.rmSync(file, { force: true });
  } finally {
    removeLockFile(marker, record.token);
  }
}

/** The first live reader file of the image, removing stale reader files and markers on the way. */
function liveReader(imagePath: string): Busy | undefined {
  const folder = path.dirname(imagePath);
  const prefix = `${path.basename(lockPath(imagePath))}.`;
  for (const name of fs.readdirSync(folder)) {
    if (!name.startsWith(prefix)) continue;
    const file = path.join(folder, name);
    const found: Found = readLockFile(file);
    if (found.kind === "absent") continue;
    const reader = name.startsWith(`${prefix}read-`);
    if (!isStale(found)) {
      if (reader) return { file, found };
    } else if (reader) {
      fs.rmSync(file, { force: true }); // named by its owner's token: no one else makes this file
    } else {
      removeStale(file, found); // a marker left by a process killed while removing a stale lock
    }
  }
  return undefined;
}
