/**
 * `mkimg ls`: the entries of a directory (or one file), optionally recursive, and for modules
 * the LLBC header (module name, entry, opt level, version, bitcode size, CRC ok/bad/absent).
 * A file is shown as a module when it starts with the LLBC magic; a header that does not
 * validate is reported as such (the listing still succeeds).
 */
import { InputError } from "../errors.js";
import { decodeDosDateTime } from "../fat/dostime.js";
import type { DirEntry, FatVolume } from "../fat/volume.js";
import type { CrcStatus, Layout } from "../module/header.js";
import { normaliseImagePath } from "./paths.js";
import { readImage, type ImageOptions } from "./session.js";

export interface ListOptions extends ImageOptions {
  recursive?: boolean;
  /** Read module headers (ls -l and --json). */
  modules?: boolean;
}

export interface ModuleSummary {
  name: string;
  entry: string;
  optLevel: number;
  version: number;
  bitcodeSize: number;
  layout: Layout;
  crc: CrcStatus;
}

export interface ListedEntry {
  path: string;
  name: string;
  shortName: string;
  directory: boolean;
  size: number;
  /** ISO 8601, UTC (FAT stores 2-second resolution). */
  modified: string;
  module?: ModuleSummary;
  /** Why a file with the LLBC magic is not a valid module. */
  moduleError?: string;
}

type ModuleReader = typeof import("../module/header.js");

export async function listImage(imagePath: string, target: string, options: ListOptions): Promise<ListedEntry[]> {
  const start = normaliseImagePath(target, imagePath);
  // The module reader (binary-parser, CRC tables) is loaded only when headers are wanted.
  const reader = options.modules === true ? await import("../module/header.js") : undefined;
  return readImage(imagePath, options, (volume) => {
    const entry = volume.entry(start);
    if (entry === undefined) throw new InputError(imagePath, `${start}: no such file or directory`);
    if (!entry.isDirectory) return [describe(volume, entry, options, reader)];
    const listed: ListedEntry[] = [];
    walk(volume, start, options, reader, listed, new Set());
    return listed;
  });
}

function walk(
  volume: FatVolume,
  directory: string,
  options: ListOptions,
  reader: ModuleReader | undefined,
  into: ListedEntry[],
  visited: Set<number>,
): void {
  for (const entry of volume.list(directory, visited)) {
    into.push(describe(volume, entry, options, reader));
    if (entry.isDirectory && options.recursive === true) walk(volume, entry.path, options, reader, into, visited);
  }
}

function describe(volume: FatVolume, entry: DirEntry, options: ListOptions, reader: ModuleReader | undefined): ListedEntry {
  const listed: ListedEntry = {
    path: entry.path,
    name: entry.name,
    shortName: entry.shortName,
    directory: entry.isDirectory,
    size: entry.size,
    modified: formatDosDateTime(entry.date, entry.time),
  };
  if (reader !== undefined && !entry.isDirectory && entry.size >= 4) addModule(volume, entry, listed, reader);
  return listed;
}

function addModule(volume: FatVolume, entry: DirEntry, listed: ListedEntry, reader: ModuleReader): void {
  const bytes = volume.readFile(entry.path);
  if (!reader.isWrappedModule(bytes)) return;
  try {
    const parsed = reader.parseModule(bytes, entry.path, { tolerateBadCrc: true });
    const { header } = parsed;
    listed.module = {
      name: header.name,
      entry: header.entry,
      optLevel: header.optLevel,
      version: header.version,
      bitcodeSize: header.bitcodeSize,
      layout: parsed.layout,
      crc: parsed.crcStatus,
    };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    listed.moduleError = error.message.slice(entry.path.length + 2);
  }
}

/** ISO 8601 (UTC, as mkimg writes) of FAT date and time words; plain fields, no Date, when valid. */
export function formatDosDateTime(date: number, time: number): string {
  const [month, day, hours, minutes, seconds] = [(date >> 5) & 15, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2];
  const year = 1980 + (date >> 9);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hours > 23 || minutes > 59 || seconds > 59) {
    return decodeDosDateTime(date, time).toISOString().replace(".000Z", "Z");
  }
  const two = (value: number): string => (value < 10 ? `0${value}` : String(value));
  return `${year}-${two(month)}-${two(day)}T${two(hours)}:${two(minutes)}:${two(seconds)}Z`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}
