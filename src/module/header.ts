/**
 * The LLBC module header (docs/FORMAT.md): what a BareFlow kernel reads before the bitcode.
 *
 * 128 bytes, little-endian, packed. BareFlow's fields at 0..111 (magic, name[32], entry[64],
 * bitcode_size, version, opt_level), then ours, which the kernel ignores: a CRC-32 of the bitcode
 * at 112 and a flags word at 116 (bit 0: CRC present; bit 1: the module depends on another,
 * whose 8.3 file stem, `LIBC` for LIBC.BC, fills 120..127, NUL-padded; else zero); the bitcode at 128.
 * Two legacy layouts are read too: BareFlow's 120-byte C struct (bitcode at 120) and its Python
 * wrapper's 124 bytes (bitcode at 124); both carry no CRC. The layout is found by LLVM's magic.
 *
 * `parseModule` validates everything and throws one InputError per failure, naming the field
 * and its offset. The fixed part of the header is decoded with binary-parser.
 */
import { Parser } from "binary-parser";
import { InputError, assert } from "../errors.js";
import { crc32 } from "./crc32.js";
import { ENTRY_FIELD, NAME_FIELD, checkNameBytes, decodeName, hexByte, type NameField } from "./names.js";

export const HEADER_SIZE = 128;
/** The kernel refuses bitcode larger than this. */
export const MAX_BITCODE_SIZE = 1 << 20;
/** "LLBC" read as a little-endian u32: the bytes on disk are 43 42 4c 4c. */
export const LLBC_MAGIC = 0x4c4c4243;
/** LLVM's raw bitcode magic, "BC" 0xC0DE. */
export const LLVM_MAGIC: readonly number[] = [0x42, 0x43, 0xc0, 0xde];
/** LLVM's magic read as a little-endian u32. */
const LLVM_MAGIC_WORD = 0xdec04342;
/** flags bit 0: the crc field holds the CRC-32 of the bitcode. */
export const FLAG_CRC_PRESENT = 1;
/** flags bit 1: `reserved` (120..127) names a module this one depends on, by its 8.3 stem. */
export const FLAG_DEPENDENCY = 2;
/** A dependency's stem: the 8.3 name of a root file STEM.BC, 1 to 8 characters. */
export const DEPENDENCY_STEM = /^[A-Z0-9_]{1,8}$/;

/** Offsets of the header fields (the C names are in FIELD_NAMES). */
export const FIELD_OFFSETS = {
  magic: 0x00,
  name: 0x04,
  entry: 0x24,
  bitcodeSize: 0x64,
  version: 0x68,
  optLevel: 0x6c,
  crc: 0x70,
  flags: 0x74,
  reserved: 0x78,
} as const;

export interface ModuleHeader {
  name: string;
  entry: string;
  bitcodeSize: number;
  version: number;
  optLevel: number;
  /** The stored CRC-32, or undefined when the header has none (flags bit 0 clear, legacy layouts). */
  crc: number | undefined;
  flags: number;
  /** The stem of the module this one depends on (`LIBC`: LIBC.BC), when flags bit 1 is set. */
  dependency?: string;
}

/** Where the bitcode starts: 128 is ours; 120 is BareFlow's C struct; 124 its Python wrapper. */
export type Layout = 128 | 120 | 124;
export type CrcStatus = "ok" | "bad" | "absent";

export interface ParsedModule {
  header: ModuleHeader;
  layout: Layout;
  /** A view into the bytes given to parseModule (not a copy). */
  bitcode: Uint8Array;
  crcStatus: CrcStatus;
}

export interface ParseOptions {
  /** Return crcStatus "bad" instead of throwing (for listings that show the status). */
  tolerateBadCrc?: boolean;
}

/** Layouts tried in this order; a valid file matches exactly one. */
const LAYOUTS: readonly Layout[] = [128, 124, 120];
const SMALLEST_HEADER = 120;
const KNOWN_FLAGS = FLAG_CRC_PRESENT | FLAG_DEPENDENCY;

/** The 120 shared bytes as stored, before any validation. */
export interface RawHeader {
  magic: number;
  name: Uint8Array;
  entry: Uint8Array;
  bitcodeSize: number;
  version: number;
  optLevel: number;
  word112: number;
  word116: number;
}

/** The 120 bytes every layout shares (BareFlow's bitcode_header_t). */
const rawHeaderParser = new Parser()
  .endianness("little")
  .uint32("magic")
  .buffer("name", { length: NAME_FIELD.size })
  .buffer("entry", { length: ENTRY_FIELD.size })
  .uint32("bitcodeSize")
  .uint32("version")
  .uint32("optLevel")
  .uint32("word112")
  .uint32("word116");

/** Decodes the first 120 bytes without validating them (for `info` on a broken file). */
export function decodeRawHeader(bytes: Uint8Array): RawHeader | undefined {
  if (bytes.length < SMALLEST_HEADER) return undefined;
  return rawHeaderParser.parse(bytes.subarray(0, SMALLEST_HEADER)) as RawHeader;
}

/** True if the bytes start with the LLBC magic (nothing else is checked). */
export function isWrappedModule(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && readUint32(bytes, 0) === LLBC_MAGIC;
}

/** Reads and validates a wrapped module; throws InputError naming the field and its offset. */
export function parseModule(bytes: Uint8Array, file: string, options: ParseOptions = {}): ParsedModule {
  if (bytes.length < SMALLEST_HEADER) {
    throw new InputError(file, `header: truncated: the file is ${bytes.length} bytes, a header is ${HEADER_SIZE}`, bytes.length);
  }
  const raw = decodeRawHeader(bytes);
  assert(raw !== undefined, "header length checked above");
  checkFixedFields(raw, file);
  const layout = findLayout(bytes, raw.bitcodeSize, file);
  const bitcode = bytes.subarray(layout);
  checkBitcode(raw, bitcode, layout, file);
  const header = buildHeader(raw, layout);
  if (layout === HEADER_SIZE) {
    checkOurFields(bytes, raw, file);
    if (header.flags & FLAG_DEPENDENCY) header.dependency = decodeDependency(bytes);
  }
  const crcStatus = checkCrc(header, bitcode, file, options);
  return { header, layout, bitcode, crcStatus };
}

function checkFixedFields(raw: RawHeader, file: string): void {
  if (raw.magic !== LLBC_MAGIC) {
    const hint = raw.magic === LLVM_MAGIC_WORD ? ": this is raw LLVM bitcode, not a wrapped module" : "";
    throw new InputError(
      file,
      `header: magic ${hex32(raw.magic)} is not LLBC (${hex32(LLBC_MAGIC)})${hint}`,
      FIELD_OFFSETS.magic,
    );
  }
  checkName(raw.name, NAME_FIELD, file);
  checkName(raw.entry, ENTRY_FIELD, file);
  if (raw.bitcodeSize === 0 || raw.bitcodeSize > MAX_BITCODE_SIZE) {
    throw new InputError(
      file,
      `header: bitcode_size ${raw.bitcodeSize} is not in 1..${MAX_BITCODE_SIZE} (the kernel's limit)`,
      FIELD_OFFSETS.bitcodeSize,
    );
  }
  if (raw.optLevel > 3) {
    throw new InputError(file, `header: opt_level ${raw.optLevel} is not 0..3`, FIELD_OFFSETS.optLevel);
  }
}

function checkName(bytes: Uint8Array, field: NameField, file: string): void {
  const problem = checkNameBytes(bytes, field);
  if (problem) throw new InputError(file, `header: ${problem.what}`, problem.offset);
}

/**
 * The layout whose offset holds LLVM's magic, preferring one where the file holds exactly
 * bitcode_size bytes after it. Without any, the file is taken as our 128-byte layout.
 */
function findLayout(bytes: Uint8Array, bitcodeSize: number, file: string): Layout {
  const candidates = LAYOUTS.filter((layout) => hasLlvmMagic(bytes, layout));
  const exact = candidates.find((layout) => bytes.length - layout === bitcodeSize);
  if (exact !== undefined) return exact;
  if (candidates.length > 0) return candidates[0];
  if (bytes.length < HEADER_SIZE) {
    throw new InputError(file, `header: truncated: the file is ${bytes.length} bytes, a header is ${HEADER_SIZE}`, bytes.length);
  }
  return HEADER_SIZE;
}

function checkBitcode(raw: RawHeader, bitcode: Uint8Array, layout: Layout, file: string): void {
  if (!startsWithLlvmMagic(bitcode)) {
    throw new InputError(file, `bitcode: ${describeMagic(bitcode)}`, layout);
  }
  if (bitcode.length !== raw.bitcodeSize) {
    throw new InputError(
      file,
      `header: bitcode_size ${raw.bitcodeSize} does not match the ${bitcode.length} bytes after the ${layout}-byte header`,
      FIELD_OFFSETS.bitcodeSize,
    );
  }
}

/** "starts with 7f 45 4c 46, not LLVM's magic 42 43 c0 de" (or "is only N bytes"). */
export function describeMagic(bitcode: Uint8Array): string {
  if (bitcode.length < LLVM_MAGIC.length) {
    return `is only ${bitcode.length} bytes, too short for LLVM's magic ${hexBytes(LLVM_MAGIC)}`;
  }
  return `starts with ${hexBytes(Array.from(bitcode.subarray(0, 4)))}, not LLVM's magic ${hexBytes(LLVM_MAGIC)}`;
}

export function startsWithLlvmMagic(bytes: Uint8Array): boolean {
  return hasLlvmMagic(bytes, 0);
}

function hasLlvmMagic(bytes: Uint8Array, offset: number): boolean {
  if (bytes.length < offset + LLVM_MAGIC.length) return false;
  return LLVM_MAGIC.every((byte, index) => bytes[offset + index] === byte);
}

function buildHeader(raw: RawHeader, layout: Layout): ModuleHeader {
  const ours = layout === HEADER_SIZE;
  const flags = ours ? raw.word116 : 0;
  return {
    name: decodeName(raw.name),
    entry: decodeName(raw.entry),
    bitcodeSize: raw.bitcodeSize,
    version: raw.version,
    optLevel: raw.optLevel,
    crc: ours && flags & FLAG_CRC_PRESENT ? raw.word112 : undefined,
    flags,
  };
}

/** Our fields at 112..127: flags with known bits only, CRC zero when absent, 120..127 zero. */
function checkOurFields(bytes: Uint8Array, raw: RawHeader, file: string): void {
  if (raw.word116 & ~KNOWN_FLAGS) {
    throw new InputError(file, `header: flags ${hex32(raw.word116)} has unknown bits set`, FIELD_OFFSETS.flags);
  }
  if (!(raw.word116 & FLAG_CRC_PRESENT) && raw.word112 !== 0) {
    throw new InputError(file, `header: crc ${hex32(raw.word112)} is set but flags says no CRC`, FIELD_OFFSETS.crc);
  }
  if (raw.word116 & FLAG_DEPENDENCY) {
    const stem = decodeDependency(bytes);
    const padded = bytes.subarray(FIELD_OFFSETS.reserved + stem.length, HEADER_SIZE).every((byte) => byte === 0);
    if (!DEPENDENCY_STEM.test(stem) || !padded) {
      throw new InputError(file, "header: dependency is not an 8.3 stem (1-8 of A-Z 0-9 _, NUL-padded)", FIELD_OFFSETS.reserved);
    }
    return;
  }
  for (let offset = FIELD_OFFSETS.reserved; offset < HEADER_SIZE; offset++) {
    if (bytes[offset] !== 0) {
      throw new InputError(file, `header: reserved byte is ${hexByte(bytes[offset])}, not 0`, offset);
    }
  }
}

/** The dependency's stem: the bytes at 120..127 up to the first NUL. */
function decodeDependency(bytes: Uint8Array): string {
  const field = bytes.subarray(FIELD_OFFSETS.reserved, HEADER_SIZE);
  const end = field.indexOf(0);
  return String.fromCharCode(...field.subarray(0, end === -1 ? field.length : end));
}

function checkCrc(header: ModuleHeader, bitcode: Uint8Array, file: string, options: ParseOptions): CrcStatus {
  if (header.crc === undefined) return "absent";
  const actual = crc32(bitcode);
  if (actual === header.crc) return "ok";
  if (options.tolerateBadCrc) return "bad";
  throw new InputError(
    file,
    `header: crc ${hex32(header.crc)} does not match the bitcode's CRC-32 ${hex32(actual)}`,
    FIELD_OFFSETS.crc,
  );
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24)) >>> 0;
}

export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, "0")}`;
}

function hexBytes(bytes: readonly number[]): string {
  return bytes.map((byte) => byte.toString(16).padStart(2, "0")).join(" ");
}
