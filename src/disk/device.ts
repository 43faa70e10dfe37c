/**
 * A sector device over an image file: synchronous positioned reads and writes on a file
 * descriptor (js-fatfs calls its disk callbacks synchronously), with an optional byte offset
 * for a volume inside a partitioned image (`--offset`).
 *
 * Every read and write is checked for a short count: a read past the end of the file is an
 * error (a truncated image), and a short write is retried until done or the OS reports an error.
 */
import * as fs from "node:fs";
import { InputError } from "../errors.js";

/** The one sector size of mkimg: FAT16 as BareFlow reads it, every device, journal and reader. */
export const SECTOR_SIZE = 512;

/**
 * What a file system reads and writes (FatFs through src/fat/fatfs-driver.ts, or a journal's
 * overlay): SECTOR_SIZE-byte sectors of one volume. The arrays handed to `read` and
 * `write` are views of the wasm heap, reused from call to call: copy, never keep them.
 */
export interface SectorStore {
  readonly sectorCount: number;
  /** Fills `into` (a whole number of sectors) from sector `lba`. */
  read(lba: number, into: Uint8Array): void;
  /** Writes `data` (a whole number of sectors) at sector `lba`. */
  write(lba: number, data: Uint8Array): void;
}

export interface DeviceOptions {
  /** Byte offset of the volume within the file (a partition's start). */
  offset?: number;
  writable?: boolean;
}

export class SectorDevice implements SectorStore {
  readonly path: string;
  readonly offset: number;
  readonly writable: boolean;
  /** Size of the file in bytes, when opened. */
  readonly fileSize: number;
  private fd: number | undefined;

  constructor(path: string, options: DeviceOptions = {}) {
    this.path = path;
    this.offset = options.offset ?? 0;
    this.writable = options.writable ?? false;
    this.fd = openImageFile(path, this.writable);
    const stats = fs.fstatSync(this.fd);
    if (!stats.isFile()) {
      this.close();
      throw new InputError(path, stats.isDirectory() ? "is a directory, not an image file" : "not a regular file");
    }
    this.fileSize = stats.size;
  }

  /** Number of whole sectors between the offset and the end of the file. */
  get sectorCount(): number {
    return Math.max(0, Math.floor((this.fileSize - this.offset) / SECTOR_SIZE));
  }

  /** Reads `into.length` bytes starting at sector `lba` of the volume. */
  read(lba: number, into: Uint8Array): void {
    readFully(this.descriptor(), into, this.offset + lba * SECTOR_SIZE, this.path);
  }

  /** Writes `data` at sector `lba` of the volume. */
  write(lba: number, data: Uint8Array): void {
    if (!this.writable) throw new Error(`internal error: ${this.path} is open read-only`);
    writeFully(this.descriptor(), data, this.offset + lba * SECTOR_SIZE);
  }

  /** Writes at an absolute byte position of the file (journal replay). */
  writeAt(position: number, data: Uint8Array): void {
    if (!this.writable) throw new Error(`internal error: ${this.path} is open read-only`);
    writeFully(this.descriptor(), data, position);
  }

  sync(): void {
    fs.fsyncSync(this.descriptor());
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  /** The file descriptor (for the journal's commit and replay). */
  descriptor(): number {
    if (this.fd === undefined) throw new Error(`internal error: ${this.path} is closed`);
    return this.fd;
  }
}

function openImageFile(path: string, writable: boolean): number {
  try {
    return fs.openSync(path, writable ? "r+" : "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = OPEN_ERRORS[code ?? ""] ?? `cannot open: ${(error as Error).message}`;
    throw new InputError(path, what);
  }
}

const OPEN_ERRORS: Record<string, string> = {
  ENOENT: "no such image file",
  EACCES: "permission denied",
  EISDIR: "is a directory, not an image file",
  EROFS: "read-only file system",
};

/** pread until `into` is full; a short read means the file ends too early. */
export function readFully(fd: number, into: Uint8Array, position: number, path: string): void {
  let done = 0;
  while (done < into.length) {
    const got = fs.readSync(fd, into, done, into.length - done, position + done);
    if (got === 0) throw new InputError(path, `image is truncated: cannot read ${into.length} bytes at byte ${position}`);
    done += got;
  }
}

/** pwrite until all of `data` is written (a short write is continued, errors thrown). */
export function writeFully(fd: number, data: Uint8Array, position: number): void {
  let done = 0;
  while (done < data.length) {
    const wrote = fs.writeSync(fd, data, done, data.length - done, position + done);
    if (wrote <= 0) throw new Error(`write returned ${wrote} at byte ${position + done}`);
    done += wrote;
  }
}
