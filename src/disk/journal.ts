/**
 * The journal file beside an image (`IMG.journal`): the redo log that makes a transaction's
 * sector writes atomic. Layout (little-endian):
 *
 *   header   48 bytes: "MKIMGJN1", u32 version 1, u32 run count, u64 image file size,
 *            u64 data bytes, 16 bytes zero
 *   runs     16 bytes each: u64 byte position in the image file, u32 length, u32 zero
 *   data     the runs' bytes, in run order
 *   trailer  48 bytes: "MKIMGEND", u64 bytes before the trailer, SHA-256 of those bytes
 *
 * A journal is complete only if the file has exactly that size, the trailer magic is there and
 * the hash matches; anything else is an interrupted commit and is discarded (the image was not
 * touched yet). Replaying a complete journal is idempotent: it writes the same bytes again.
 * Positions are absolute in the image file, so replay needs no `--offset`.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { InputError } from "../errors.js";
import { bytesBeforeCrash, die } from "./crash-hook.js";
import type { CrashPhase } from "./crash-hook.js";

/** node:crypto, loaded on first use: read commands without a journal never need it. */
const requireBuiltin = createRequire(import.meta.url);
function createHash(algorithm: string): import("node:crypto").Hash {
  return (requireBuiltin("node:crypto") as typeof import("node:crypto")).createHash(algorithm);
}

const MAGIC = Buffer.from("MKIMGJN1", "latin1");
const END_MAGIC = Buffer.from("MKIMGEND", "latin1");
const HEADER_SIZE = 48;
const RUN_SIZE = 16;
const TRAILER_SIZE = 48;
const VERSION = 1;

/** Consecutive bytes to write at one position of the image file. */
export interface Run {
  position: number;
  data: Uint8Array;
}

export function journalPath(imagePath: string): string {
  return `${imagePath}.journal`;
}

/** Writes the complete journal for `runs` and makes it durable (file and directory fsync). */
export function writeJournal(imagePath: string, imageSize: number, runs: Run[]): void {
  const file = journalPath(imagePath);
  const head = encodeHead(imageSize, runs);
  const hash = createHash("sha256").update(head);
  const fd = fs.openSync(file, "w");
  try {
    let position = writeLogged(fd, head, 0);
    for (const run of runs) {
      hash.update(run.data);
      position += writeLogged(fd, run.data, position);
    }
    const trailer = Buffer.alloc(TRAILER_SIZE);
    END_MAGIC.copy(trailer, 0);
    trailer.writeBigUInt64LE(BigInt(position), 8);
    hash.digest().copy(trailer, 16);
    writeLogged(fd, trailer, position);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  syncDirectory(file);
}

function encodeHead(imageSize: number, runs: Run[]): Buffer {
  const head = Buffer.alloc(HEADER_SIZE + runs.length * RUN_SIZE);
  MAGIC.copy(head, 0);
  head.writeUInt32LE(VERSION, 8);
  head.writeUInt32LE(runs.length, 12);
  head.writeBigUInt64LE(BigInt(imageSize), 16);
  head.writeBigUInt64LE(BigInt(runs.reduce((sum, run) => sum + run.data.length, 0)), 24);
  runs.forEach((run, index) => {
    const at = HEADER_SIZE + index * RUN_SIZE;
    head.writeBigUInt64LE(BigInt(run.position), at);
    head.writeUInt32LE(run.data.length, at + 8);
  });
  return head;
}

/** Writes through the crash hook (phase "journal"); returns the byte count written. */
function writeLogged(fd: number, data: Uint8Array, position: number): number {
  writeThroughHook("journal", fd, data, position);
  return data.length;
}

/** pwrite all of `data`, unless the crash hook says to die part-way (a torn write). */
export function writeThroughHook(phase: CrashPhase, fd: number, data: Uint8Array, position: number): void {
  const allowed = bytesBeforeCrash(phase, data.length);
  let done = 0;
  while (done < allowed) {
    const wrote = fs.writeSync(fd, data, done, allowed - done, position + done);
    if (wrote <= 0) throw new Error(`write returned ${wrote} at byte ${position + done}`);
    done += wrote;
  }
  if (allowed < data.length) die();
}

export function syncDirectory(file: string): void {
  const fd = fs.openSync(path.dirname(path.resolve(file)), "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export type JournalState =
  | { kind: "none" }
  | { kind: "incomplete"; reason: string }
  | { kind: "complete"; imageSize: number; runs: Run[] };

/** Reads and validates the journal beside `imagePath`, if there is one. */
export function readJournal(imagePath: string): JournalState {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(journalPath(imagePath));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { kind: "none" };
    throw new InputError(journalPath(imagePath), `cannot read the journal: ${code ?? String(error)}`);
  }
  return decodeJournal(bytes);
}

export function decodeJournal(bytes: Buffer): JournalState {
  const incomplete = (reason: string): JournalState => ({ kind: "incomplete", reason });
  if (bytes.length < HEADER_SIZE + TRAILER_SIZE) return incomplete("shorter than header and trailer");
  if (!bytes.subarray(0, 8).equals(MAGIC) || bytes.readUInt32LE(8) !== VERSION) return incomplete("bad header");
  const count = bytes.readUInt32LE(12);
  const imageSize = Number(bytes.readBigUInt64LE(16));
  const dataBytes = Number(bytes.readBigUInt64LE(24));
  const body = HEADER_SIZE + count * RUN_SIZE + dataBytes;
  if (bytes.length !== body + TRAILER_SIZE) return incomplete("size does not match the header");
  const trailer = bytes.subarray(body);
  if (!trailer.subarray(0, 8).equals(END_MAGIC) || Number(trailer.readBigUInt64LE(8)) !== body) {
    return incomplete("no completion marker");
  }
  const digest = createHash("sha256").update(bytes.subarray(0, body)).digest();
  if (!digest.equals(trailer.subarray(16, 48))) return incomplete("checksum mismatch");
  return { kind: "complete", imageSize, runs: decodeRuns(bytes, count) };
}

function decodeRuns(bytes: Buffer, count: number): Run[] {
  const runs: Run[] = [];
  let dataAt = HEADER_SIZE + count * RUN_SIZE;
  for (let index = 0; index < count; index++) {
    const at = HEADER_SIZE + index * RUN_SIZE;
    const length = bytes.readUInt32LE(at + 8);
    runs.push({ position: Number(bytes.readBigUInt64LE(at)), data: bytes.subarray(dataAt, dataAt + length) });
    dataAt += length;
  }
  return runs;
}

/** Deletes the journal (after it was applied, or when incomplete) and syncs the directory. */
export function removeJournal(imagePath: string): void {
  fs.rmSync(journalPath(imagePath), { force: true });
  syncDirectory(imagePath);
}

/** Refuses a journal written for an image of another size (most likely another image). */
export function checkJournalMatches(imagePath: string, journalImageSize: number, imageSize: number): void {
  if (journalImageSize !== imageSize) {
    throw new InputError(
      journalPath(imagePath),
      `journal was written for an image of ${journalImageSize} bytes, but the image has ${imageSize}; ` +
        `move the journal away if it belongs to another image`,
    );
  }
}
