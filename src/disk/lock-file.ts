/**
 * One lock file: a small JSON record naming the process that holds it (docs/JOURNAL.md, "Locking").
 *
 *   {"pid":4242,"command":"mkimg add","mode":"exclusive","started":"2025-06-01T10:00:00.000Z",
 *    "host":"build1","token":"...","processStart":"81723"}
 *
 * A lock file is created with O_EXCL (`wx`), so exactly one process creates a given name, and the
 * record is written straight after. The token is unique to each lock taken: it tells apart two
 * locks of one pid and names the marker of a takeover (src/disk/lock.ts). A lock is *stale* when
 * its holder is gone: on this host, its pid no longer exists (`process.kill(pid, 0)` fails with
 * ESRCH), or (Linux) it is a zombie or belongs to a process started at another time, or it is this
 * process's own pid but not a lock this process holds (a pid reused after a restart). A lock from
 * another host is never stale: its pid cannot be checked here. A file that is empty or not a
 * record (its writer died between creating and writing it) is stale once it is 10 s old.
 * The files this process holds are removed on exit, if a caller has not removed them already.
 */
import * as fs from "node:fs";
import { hostname } from "node:os";

export type LockMode = "exclusive" | "shared";

export interface LockRecord {
  pid: number;
  /** What the holder is doing ("mkimg add"), for the message a waiting command gives up with. */
  command: string;
  mode: LockMode;
  /** When the lock was taken (ISO 8601, UTC). */
  started: string;
  host: string;
  token: string;
  /** Linux: the holder's start time, /proc/PID/stat field 22 (clock ticks after boot). */
  processStart?: string;
}

/** What a lock file's path holds. `key` identifies this one file (its token, else its inode). */
export type Found =
  | { kind: "absent" }
  | { kind: "record"; record: LockRecord; key: string }
  | { kind: "unreadable"; key: string; ageMs: number };

export type Present = Exclude<Found, { kind: "absent" }>;

const UNREADABLE_GRACE_MS = 10_000;

/** Lock files this process created and has not removed: token -> path. */
const held = new Map<string, string>();
let exitHookInstalled = false;

let counter = 0;

export function newRecord(mode: LockMode, command: string): LockRecord {
  const unique = `${(counter++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const token = `${process.pid.toString(36)}-${Date.now().toString(36)}-${unique}`;
  const start = processStat(process.pid)?.start;
  const record: LockRecord = { pid: process.pid, command, mode, started: new Date().toISOString(), host: hostname(), token };
  return start === undefined ? record : { ...record, processStart: start };
}

/** Creates `file` holding `record`; false if the file exists. Other failures throw (ErrnoException). */
export function createLockFile(file: string, record: LockRecord): boolean {
  let descriptor: number;
  try {
    descriptor = fs.openSync(file, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  held.set(record.token, file);
  installExitHook();
  try {
    fs.writeSync(descriptor, `${JSON.stringify(record)}\n`);
  } catch (error) {
    held.delete(record.token);
    fs.rmSync(file, { force: true });
    throw error;
  } finally {
    fs.closeSync(descriptor);
  }
  return true;
}

/** Removes `file` if it still holds the lock with `token` (never another process's lock). */
export function removeLockFile(file: string, token: string): void {
  held.delete(token);
  const found = readLockFile(file);
  if (found.kind === "record" && found.record.token === token) fs.rmSync(file, { force: true });
}

export function readLockFile(file: string): Found {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "absent" };
    throw error;
  }
  const record = parseRecord(text);
  if (record !== undefined) return { kind: "record", record, key: record.token };
  try {
    const stats = fs.statSync(file);
    return { kind: "unreadable", key: `inode${stats.ino}`, ageMs: Date.now() - stats.mtimeMs };
  } catch {
    return { kind: "absent" };
  }
}

function parseRecord(text: string): LockRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Partial<LockRecord>;
  const valid =
    Number.isSafeInteger(record.pid) && record.pid! > 0 &&
    typeof record.token === "string" && /^[0-9a-z-]+$/.test(record.token) &&
    typeof record.command === "string" && typeof record.started === "string" && typeof record.host === "string" &&
    (record.mode === "exclusive" || record.mode === "shared");
  return valid ? (record as LockRecord) : undefined;
}

/** Whether the holder of `found` is gone, so that its lock may be removed. */
export function isStale(found: Present): boolean {
  if (found.kind === "unreadable") return found.ageMs > UNREADABLE_GRACE_MS;
  const { record } = found;
  if (record.host !== hostname()) return false;
  if (record.pid === process.pid) return !held.has(record.token);
  if (!processExists(record.pid)) return true;
  const now = processStat(record.pid);
  if (now === undefined) return false;
  return now.state === "Z" || now.state === "X" || (record.processStart !== undefined && now.start !== record.processStart);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, but another user's
  }
}

/** Linux: fields 3 (state: Z a zombie) and 22 (start time) of /proc/PID/stat; undefined elsewhere. */
function processStat(pid: number): { state: string; start: string } | undefined {
  if (process.platform !== "linux") return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "latin1");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0] ?? "", start: fields[19] ?? "" };
  } catch {
    return undefined;
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const [token, file] of [...held]) {
      try {
        removeLockFile(file, token);
      } catch {
        // Leave it: its pid is gone once we have exited, so the next command takes it over.
      }
    }
  });
}
