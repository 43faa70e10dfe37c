/**
 * Decoding FAT directory entries, with VFAT long names.
 *
 * A directory is an array of 32-byte entries (Microsoft's FAT specification, "Directory Structure";
 * long names: "FAT Long Directory Entries"). A long name is stored as a run of entries with
 * attribute 0x0F just before its short entry, last part first (ordinal | 0x40), 13 UTF-16 code
 * units each, every part carrying the checksum of the short name. A run that is broken or whose
 * checksum does not match belongs to no file: we drop it and report it, as fsck.fat does.
 */
import { decodeDosDateTime } from "./dostime.js";
import { decodeCodePage437, formatShortName } from "./names.js";

export const ENTRY_BYTES = 32;
export const ATTRIBUTE = {
  readOnly: 0x01,
  hidden: 0x02,
  system: 0x04,
  volumeLabel: 0x08,
  directory: 0x10,
  archive: 0x20,
  longName: 0x0f,
} as const;
/** Byte 12 (Windows NT): the base / extension of the short name is shown in lowercase. */
const LOWERCASE_BASE = 0x08;
const LOWERCASE_EXTENSION = 0x10;
const DELETED = 0xe5;

export interface DirEntry {
  /** The short name as stored, dotted and uppercase: "FIB.BC", "FIBONA~1.BC". */
  shortName: string;
  /** The 11 raw name bytes as characters: "FIB     BC ". */
  rawName: string;
  /** The VFAT long name, if a valid one precedes the entry. */
  longName?: string;
  /** The name tools show: the long name, else the short name with NT lowercase flags applied. */
  name: string;
  attributes: number;
  isDirectory: boolean;
  size: number;
  firstCluster: number;
  modified: Date;
  /** "/" joined names from the root: "/MODS/fib.bc". */
  path: string;
}

/** Where a raw entry sits, for messages about it. */
export interface EntrySlot {
  index: number;
  bytes: Uint8Array;
}

/** Collects long-name parts while scanning a directory. */
export class LongNameAssembler {
  private parts: string[] = [];
  private expected = 0;
  private checksum = -1;
  private broken: string | undefined;
  /** Problems found (orphaned or broken long-name runs). */
  readonly problems: string[] = [];

  constructor(private readonly directoryPath: string) {}

  /** Takes a long-name entry. */
  addPart(entry: Uint8Array, index: number): void {
    const ordinal = entry[0]! & 0x1f;
    if ((entry[0]! & 0x40) !== 0) {
      this.dropRun(index);
      this.expected = ordinal;
      this.checksum = entry[13]!;
    } else if (this.expected === 0) {
      this.problems.push(`${this.directoryPath}: entry ${index}: long-name part without its first part`);
      return;
    } else if (ordinal !== this.expected - this.parts.length) {
      this.broken ??= "its parts are out of sequence";
    } else if (entry[13] !== this.checksum) {
      this.broken ??= "its parts carry different checksums";
    }
    if (ordinal === 0) this.broken ??= "a part has ordinal 0";
    this.parts.push(longNameCharacters(entry));
  }

  /** The long name for the short entry `raw`, if a complete run with the right checksum precedes it. */
  finish(raw: Uint8Array): string | undefined {
    if (this.expected === 0) return undefined;
    const text = cut(this.parts.slice().reverse().join(""));
    let why = this.broken;
    if (why === undefined && this.parts.length !== this.expected) why = "it is incomplete";
    if (why === undefined && this.checksum !== shortNameChecksum(raw)) why = "its checksum does not match the short name";
    this.reset();
    if (why === undefined) return text;
    const where = this.directoryPath === "/" ? "" : this.directoryPath;
    this.problems.push(`${where}/${formatShortName(raw)}: long name "${text}" ignored: ${why}`);
    return undefined;
  }

  /** A run not followed by its short entry (deleted entry, end of directory). */
  dropRun(index: number): void {
    if (this.expected !== 0) {
      const text = cut(this.parts.slice().reverse().join(""));
      this.problems.push(`${this.directoryPath}: entry ${index}: long name "${text}" belongs to no file (orphaned)`);
    }
    this.reset();
  }

  private reset(): void {
    this.parts = [];
    this.expected = 0;
    this.checksum = -1;
    this.broken = undefined;
  }
}

function cut(text: string): string {
  const end = text.indexOf("\u0000");
  return end === -1 ? text : text.slice(0, end);
}

const LONG_NAME_OFFSETS: [number, number][] = [[1, 5], [14, 6], [28, 2]];

function longNameCharacters(entry: Uint8Array): string {
  const view = new DataView(entry.buffer, entry.byteOffset, ENTRY_BYTES);
  let text = "";
  for (const [start, count] of LONG_NAME_OFFSETS) {
    for (let unit = 0; unit < count; unit++) {
      const code = view.getUint16(start + unit * 2, true);
      if (code === 0xffff) continue;
      text += String.fromCharCode(code);
    }
  }
  return text;
}

/** The VFAT checksum of the 11 raw short-name bytes. */
export function shortNameChecksum(raw: Uint8Array): number {
  let sum = 0;
  for (let index = 0; index < 11; index++) sum = (((sum & 1) << 7) + (sum >> 1) + raw[index]!) & 0xff;
  return sum;
}

export type EntryKind = "end" | "deleted" | "longName" | "volumeLabel" | "dot" | "file";

/** What a raw 32-byte entry is. */
export function entryKind(entry: Uint8Array): EntryKind {
  if (entry[0] === 0x00) return "end";
  if (entry[0] === DELETED) return "deleted";
  if ((entry[11]! & 0x3f) === ATTRIBUTE.longName) return "longName";
  if ((entry[11]! & ATTRIBUTE.volumeLabel) !== 0) return "volumeLabel";
  if (entry[0] === 0x2e) return "dot";
  return "file";
}

/** Decodes a short entry (kind "file" or "dot"). */
export function decodeEntry(entry: Uint8Array, longName: string | undefined, parentPath: string): DirEntry {
  const view = new DataView(entry.buffer, entry.byteOffset, ENTRY_BYTES);
  const raw = entry.subarray(0, 11);
  const shortName = formatShortName(raw);
  const name = longName ?? displayShortName(shortName, entry[12]!);
  const attributes = entry[11]!;
  return {
    shortName,
    rawName: decodeCodePage437(raw),
    ...(longName === undefined ? {} : { longName }),
    name,
    attributes,
    isDirectory: (attributes & ATTRIBUTE.directory) !== 0,
    size: view.getUint32(28, true),
    firstCluster: view.getUint16(26, true),
    modified: decodeDosDateTime(view.getUint16(24, true), view.getUint16(22, true)),
    path: parentPath === "/" ? `/${name}` : `${parentPath}/${name}`,
  };
}

/** Only A-Z, as mtools does: "CAFÉ" with the lowercase flag shows as "cafÉ". */
function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

function displayShortName(shortName: string, caseFlags: number): string {
  const dot = shortName.indexOf(".");
  let base = dot === -1 ? shortName : shortName.slice(0, dot);
  let extension = dot === -1 ? "" : shortName.slice(dot + 1);
  if ((caseFlags & LOWERCASE_BASE) !== 0) base = asciiLowerCase(base);
  if ((caseFlags & LOWERCASE_EXTENSION) !== 0) extension = asciiLowerCase(extension);
  return extension === "" ? base : `${base}.${extension}`;
}
