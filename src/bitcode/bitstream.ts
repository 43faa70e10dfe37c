/**
 * The LLVM bitstream container (docs: LLVM "Bitcode File Format", BitstreamReader.h).
 *
 * A cursor over 32-bit little-endian words: fixed-width fields, VBR fields, char6, arrays and
 * blobs; abbreviations defined in a block or in BLOCKINFO; blocks entered, or skipped in O(1)
 * through the word count their header carries. `advance()` returns what comes next (end of
 * block, a sub-block, or a record); a record's code and operands land in `code` / `ops`, an
 * array that the next record replaces, its blob in `blob`.
 *
 * Every length read from the stream is bounded by the bits left in the current block before
 * anything is allocated or looped over; every problem is an InputError naming the byte (and,
 * mid-byte, the bit) where it was found.
 */
import { InputError } from "../errors.js";
import { ABBREV_ID, BLOCK, BLOCKINFO_CODE, blockName } from "./record-codes.js";

/** Abbreviation operand encodings (BitCodes.h `BitCodeAbbrevOp::Encoding`); 0 is our literal. */
const OP_LITERAL = 0;
const OP_FIXED = 1;
const OP_VBR = 2;
const OP_ARRAY = 3;
const OP_CHAR6 = 4;
const OP_BLOB = 5;

/** One abbreviation: parallel arrays of operand encodings and their values (width or literal). */
export interface Abbreviation { readonly kinds: number[]; readonly values: number[] }

export const ENTRY_END_BLOCK = 0;
export const ENTRY_SUBBLOCK = 1;
export const ENTRY_RECORD = 2;
export type Entry = typeof ENTRY_END_BLOCK | typeof ENTRY_SUBBLOCK | typeof ENTRY_RECORD;

interface Scope { readonly blockId: number; readonly width: number; readonly abbrevs: Abbreviation[]; readonly endBit: number }

const CHAR6 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._";
const CHAR6_CODES = Array.from(CHAR6, (char) => char.charCodeAt(0));
const TWO_32 = 4294967296;
/** Records with up to this many operands reuse one array per length. */
const POOLED_LENGTH = 64;

export class BitstreamCursor {
  readonly file: string;
  /** Size of the stream in bits. */
  readonly bitLength: number;
  /** The stream itself, for blobs. */
  readonly bytes: Uint8Array;
  private readonly words: Uint32Array;
  private wordIndex = 0;
  private current = 0;
  private available = 0;
  private scope: Scope;
  private readonly scopes: Scope[] = [];
  private readonly blockInfo = new Map<number, Abbreviation[]>();
  /** Byte offset of `bytes` within the file, for messages. */
  private readonly base: number;

  /** Code of the record just read, or block id of the sub-block just entered. */
  code = 0;
  /**
   * Operands of the record just read, in an array of exact length that is only valid until the
   * next record: records of one length share an array (see `operandArray`); copy to keep.
   */
  ops: number[] = [];
  /** Operand arrays by length, reused from record to record (most records are short). */
  private readonly pool: number[][] = [];
  /** Scalar operands read before an array's length is known (reused; only grows). */
  private readonly scratch: number[] = [];
  /** Operand index -> exact value, for VBR operands above 2^53 in the record just read. */
  wide: Map<number, bigint> | undefined;
  /** Blob of the record just read, if its abbreviation has one. */
  blob: Uint8Array | undefined;
  /** Bit position where the record just read starts (its abbreviation id). */
  recordStart = 0;
  /** Abbreviation id of the record just read (3 = unabbreviated). */
  abbrevId = 0;
  private pendingWide: bigint | undefined;

  constructor(bytes: Uint8Array, file: string, base = 0) {
    this.file = file;
    this.bytes = bytes;
    this.base = base;
    this.bitLength = bytes.length * 8;
    this.words = toWords(bytes);
    this.scope = { blockId: -1, width: 2, abbrevs: [], endBit: this.bitLength };
  }

  /** The bit position of the next read. */
  position(): number {
    return this.wordIndex * 32 - this.available;
  }

  atEnd(): boolean {
    return this.position() >= this.bitLength;
  }

  /** Bits left in the current block (or stream). */
  remaining(): number {
    return this.scope.endBit - this.position();
  }

  blockId(): number {
    return this.scope.blockId;
  }

  /** Throws an InputError at `bit` (default: the current position). */
  fail(what: string, bit = this.position()): never {
    // Bits count from the start of the file, like the offset.
    const where = bit % 8 === 0 ? "" : ` at bit ${this.base * 8 + bit}`;
    throw new InputError(this.file, `${what}${where}`, this.base + Math.floor(bit / 8));
  }

  seek(bit: number): void {
    if (bit < 0 || bit > this.bitLength) this.fail("bitcode is truncated (jump past the end)");
    this.wordIndex = Math.floor(bit / 32);
    this.available = 0;
    this.current = 0;
    const within = bit % 32;
    if (within !== 0) this.read(within);
  }

  /** A fixed-width field of 0..32 bits. */
  read(width: number): number {
    const available = this.available;
    if (width <= available) {
      const value = this.current;
      if (width === 32) {
        this.current = 0;
        this.available = 0;
        return value >>> 0;
      }
      this.current = value >>> width;
      this.available = available - width;
      return value & ((1 << width) - 1);
    }
    if (this.wordIndex >= this.words.length) this.fail("bitcode is truncated");
    const word = this.words[this.wordIndex++]!;
    const need = width - available;
    const low = need === 32 ? word : word & ((1 << need) - 1);
    const value = (this.current | (low << available)) >>> 0;
    this.current = need === 32 ? 0 : word >>> need;
    this.available = 32 - need;
    return value;
  }

  /** A fixed-width field of up to 64 bits (exact below 2^53; wider values are kept in pendingWide). */
  readWide(width: number): number {
    if (width <= 32) return this.read(width);
    const low = this.read(32);
    const high = this.read(width - 32);
    if (high >= 0x200000) this.pendingWide = (BigInt(high) << 32n) | BigInt(low);
    return high * TWO_32 + low;
  }

  /** A VBR field with chunks of `width` bits (2..32). Values above 2^53 set pendingWide. */
  readVBR(width: number): number {
    const piece = this.read(width);
    const high = 1 << (width - 1);
    if ((piece & high) === 0) return piece;
    return this.readVBRRest(piece & (high - 1), width, high);
  }

  private readVBRRest(first: number, width: number, high: number): number {
    const start = this.position() - width;
    const payloadMask = high - 1;
    const step = width - 1;
    let value = first;
    let shift = step;
    // Fast path: the value fits 31 bits.
    while (shift + step <= 31) {
      const piece = this.read(width);
      value |= (piece & payloadMask) << shift;
      shift += step;
      if ((piece & high) === 0) return value;
    }
    let exact: bigint | undefined;
    for (;;) {
      const piece = this.read(width);
      const payload = piece & payloadMask;
      if (shift + step > 53 && exact === undefined) exact = BigInt(value);
      if (exact !== undefined) exact |= BigInt(payload) << BigInt(shift);
      value += payload * 2 ** shift;
      shift += step;
      if ((piece & high) === 0) break;
      if (shift > 70) this.fail("VBR value is longer than 64 bits", start);
    }
    if (exact !== undefined && value > Number.MAX_SAFE_INTEGER) this.pendingWide = BigInt.asUintN(64, exact);
    return value;
  }

  /** Skips to the next multiple of 32 bits. */
  align32(): void {
    this.current = 0;
    this.available = 0;
    if (this.wordIndex * 32 > this.bitLength) this.fail("bitcode is truncated");
  }

  /** Reads what comes next in the current block. */
  advance(): Entry {
    for (;;) {
      if (this.position() >= this.scope.endBit) {
        if (this.scopes.length === 0) return ENTRY_END_BLOCK;
        this.fail(`${blockName(this.scope.blockId)} runs past its length without END_BLOCK`);
      }
      const start = this.position();
      const id = this.read(this.scope.width);
      if (id === ABBREV_ID.END_BLOCK) {
        this.endBlock();
        return ENTRY_END_BLOCK;
      }
      if (id === ABBREV_ID.ENTER_SUBBLOCK) {
        this.code = this.readVBR(8);
        if (this.code === BLOCK.BLOCKINFO) {
          this.readBlockInfo();
          continue;
        }
        return ENTRY_SUBBLOCK;
      }
      if (id === ABBREV_ID.DEFINE_ABBREV) {
        this.scope.abbrevs.push(this.readAbbreviation(start));
        continue;
      }
      this.readRecord(id, start);
      return ENTRY_RECORD;
    }
  }

  /** After ENTRY_SUBBLOCK: enter it (its abbreviations start with BLOCKINFO's). */
  enterBlock(): void {
    const blockId = this.code;
    const headerBit = this.position();
    const width = this.readVBR(4);
    if (width < 1 || width > 32) this.fail(`${blockName(blockId)}: abbreviation width ${width} is not 1..32`, headerBit);
    const endBit = this.readBlockLength(blockId);
    const inherited = this.blockInfo.get(blockId);
    this.scopes.push(this.scope);
    this.scope = { blockId, width, abbrevs: inherited === undefined ? [] : inherited.slice(), endBit };
  }

  /** Aligns, reads a block's word count and returns where the block ends, checked against its parent. */
  private readBlockLength(blockId: number): number {
    this.align32();
    const lengthBit = this.position();
    const words = this.read(32);
    const endBit = this.position() + words * 32;
    if (endBit > this.scope.endBit) this.overrun(blockId, words, lengthBit);
    return endBit;
  }

  /** After ENTRY_SUBBLOCK: skip the whole block in O(1). */
  skipBlock(): void {
    this.readVBR(4);
    this.seek(this.readBlockLength(this.code));
  }

  /** A block whose length field reaches past its parent (or the file: truncation). */
  private overrun(blockId: number, words: number, bit: number): never {
    const available = Math.max(0, Math.floor((this.scope.endBit - bit - 32) / 8));
    const where = this.scopes.length === 0 ? "bitcode is truncated" : `${blockName(blockId)} is longer than its parent`;
    return this.fail(`${where}: ${blockName(blockId)} needs ${words * 4} bytes, ${available} remain`, bit);
  }

  private endBlock(): void {
    this.align32();
    if (this.scopes.length === 0) this.fail("END_BLOCK outside any block");
    if (this.position() > this.scope.endBit) this.fail(`${blockName(this.scope.blockId)} is longer than its length field`);
    this.scope = this.scopes.pop()!;
  }

  private readAbbreviation(start: number): Abbreviation {
    const count = this.readVBR(5);
    if (count < 1 || count > this.remaining()) this.fail(`abbreviation with ${count} operands`, start);
    const kinds: number[] = [];
    const values: number[] = [];
    for (let index = 0; index < count; index++) {
      if (this.read(1) === 1) {
        kinds.push(OP_LITERAL);
        values.push(this.readVBR(8));
        continue;
      }
      const kind = this.read(3);
      let value = 0;
      if (kind === OP_FIXED || kind === OP_VBR) value = this.readVBR(5);
      else if (kind !== OP_ARRAY && kind !== OP_CHAR6 && kind !== OP_BLOB) this.fail(`abbreviation operand encoding ${kind} is unknown`, start);
      if (kind === OP_FIXED && value > 64) this.fail(`abbreviation fixed width ${value} is over 64`, start);
      if (kind === OP_VBR && value > 32) this.fail(`abbreviation VBR width ${value} is over 32`, start);
      if (kind === OP_VBR && value === 1) this.fail("abbreviation VBR width 1 is invalid", start);
      // Fixed(0) and VBR(0) read nothing: LLVM turns them into the literal 0.
      if ((kind === OP_FIXED || kind === OP_VBR) && value === 0) kinds.push(OP_LITERAL);
      else kinds.push(kind);
      values.push(value);
    }
    checkAbbreviation(kinds, () => this.fail("malformed abbreviation (array or blob misplaced)", start));
    return { kinds, values };
  }

  /** Reads a record whose abbreviation id (read at bit `start`) is `id`. */
  private readRecord(id: number, start: number): void {
    this.wide = undefined;
    this.blob = undefined;
    this.abbrevId = id;
    this.recordStart = start;
    if (id === ABBREV_ID.UNABBREV_RECORD) {
      this.code = this.readVBR(6);
      const count = this.readVBR(6);
      // Each operand takes at least 6 bits: the array below is never larger than the block.
      if (count * 6 > this.remaining()) this.fail(`record with ${count} operands is longer than its block`, start);
      const ops = this.operandArray(count);
      for (let index = 0; index < count; index++) {
        ops[index] = this.readVBR(6);
        if (this.pendingWide !== undefined) this.takeWide(index);
      }
      this.ops = ops;
    } else {
      const abbrev = this.scope.abbrevs[id - 4];
      if (abbrev === undefined) this.fail(`abbreviation id ${id} is out of range (${this.scope.abbrevs.length} defined)`, start);
      this.readAbbreviated(abbrev, start);
    }
    if (this.position() > this.scope.endBit) this.fail("record runs past the end of its block", start);
  }

  /**
   * The operands of an abbreviated record, in an array of exact size: the scalars before an
   * array are read into `scratch` until the array's length is known.
   */
  private readAbbreviated(abbrev: Abbreviation, start: number): void {
    const { kinds, values } = abbrev;
    // The first operand is the record code.
    const first = kinds[0]!;
    if (first === OP_ARRAY || first === OP_BLOB) this.fail("abbreviation starts with an array or a blob", start);
    this.code = this.scalar(first, values[0]!);
    this.pendingWide = undefined;
    // checkAbbreviation: an array is second to last (its element last), a blob last.
    const last = kinds.length - 1;
    if (last >= 2 && kinds[last - 1] === OP_ARRAY) {
      this.readWithArray(abbrev, start);
      return;
    }
    const blob = kinds[last] === OP_BLOB;
    const count = blob ? last - 1 : last;
    const ops = this.operandArray(count);
    for (let index = 0; index < count; index++) ops[index] = this.operand(kinds[index + 1]!, values[index + 1]!, index);
    this.ops = ops;
    if (blob) this.readBlob(start);
  }

  /** The operands of a record whose abbreviation ends with an array. */
  private readWithArray({ kinds, values }: Abbreviation, start: number): void {
    const last = kinds.length - 1;
    const scalars = last - 2;
    const scratch = this.scratch;
    for (let index = 0; index < scalars; index++) scratch[index] = this.operand(kinds[index + 1]!, values[index + 1]!, index);
    const count = this.readVBR(6);
    const elementKind = kinds[last]!;
    const elementValue = values[last]!;
    // An element takes at least its width (char6: 6 bits; literals are refused as elements).
    const elementBits = elementKind === OP_CHAR6 ? 6 : elementValue;
    if (count * elementBits > this.remaining()) this.fail(`array of ${count} elements is longer than its block`, start);
    const ops = this.operandArray(scalars + count);
    for (let index = 0; index < scalars; index++) ops[index] = scratch[index]!;
    for (let index = scalars; index < ops.length; index++) ops[index] = this.operand(elementKind, elementValue, index);
    this.ops = ops;
  }

  /**
   * An array of `count` elements for the operands of the record being read. A fresh array per
   * record is the reader's main garbage (a third of all it allocates), so arrays of up to
   * POOLED_LENGTH elements are reused; every element is overwritten by the caller.
   */
  private operandArray(count: number): number[] {
    if (count > POOLED_LENGTH) return new Array<number>(count);
    let ops = this.pool[count];
    if (ops === undefined) this.pool[count] = ops = new Array<number>(count);
    return ops;
  }

  /** Operand `index` of the record being read, encoded as `kind`; keeps its exact value if wide. */
  private operand(kind: number, value: number, index: number): number {
    const result = this.scalar(kind, value);
    if (this.pendingWide !== undefined) this.takeWide(index);
    return result;
  }

  private scalar(kind: number, value: number): number {
    switch (kind) {
      case OP_LITERAL: return value;
      case OP_FIXED: return this.readWide(value);
      case OP_VBR: return this.readVBR(value);
      case OP_CHAR6: return CHAR6_CODES[this.read(6)]!;
      default: return this.fail("array element of an abbreviation is an array or a blob");
    }
  }

  private takeWide(index: number): void {
    if (this.wide === undefined) this.wide = new Map();
    this.wide.set(index, this.pendingWide!);
    this.pendingWide = undefined;
  }

  private readBlob(start: number): void {
    const length = this.readVBR(6);
    this.align32();
    const byte = this.position() / 8;
    if (length * 8 > this.remaining()) this.fail(`blob of ${length} bytes is longer than its block`, start);
    this.blob = this.bytes.subarray(byte, byte + length);
    this.seek((byte + Math.ceil(length / 4) * 4) * 8);
  }

  /** BLOCKINFO: abbreviations for other blocks, by SETBID. */
  private readBlockInfo(): void {
    this.code = BLOCK.BLOCKINFO;
    this.enterBlock();
    let target: Abbreviation[] | undefined;
    for (;;) {
      const start = this.position();
      const id = this.read(this.scope.width);
      if (id === ABBREV_ID.END_BLOCK) {
        this.endBlock();
        return;
      }
      if (id === ABBREV_ID.ENTER_SUBBLOCK) {
        this.code = this.readVBR(8);
        this.skipBlock();
      } else if (id === ABBREV_ID.DEFINE_ABBREV) {
        if (target === undefined) this.fail("BLOCKINFO abbreviation before SETBID", start);
        target.push(this.readAbbreviation(start));
      } else {
        this.readRecord(id, start);
        if (this.code === BLOCKINFO_CODE.SETBID) {
          const blockId = this.ops[0];
          if (blockId === undefined) this.fail("BLOCKINFO SETBID record is too short", start);
          target = this.blockInfo.get(blockId);
          if (target === undefined) this.blockInfo.set(blockId, (target = []));
        }
      }
    }
  }

  /** The operands from `from` on as a string of char codes. */
  opsText(from = 0): string {
    return codesToText(this.ops, from, this.ops.length);
  }
}

/** Array must be second to last (then its element), blob must be last. */
function checkAbbreviation(kinds: number[], fail: () => never): void {
  for (let index = 0; index < kinds.length; index++) {
    const kind = kinds[index]!;
    if (kind === OP_ARRAY) {
      const element = kinds[index + 1];
      if (index !== kinds.length - 2 || element === OP_ARRAY || element === OP_BLOB || element === OP_LITERAL) fail();
    }
    if (kind === OP_BLOB && index !== kinds.length - 1) fail();
  }
}

/** Char codes to a string, in chunks (String.fromCharCode has an argument limit). */
export function codesToText(codes: readonly number[], from: number, to: number): string {
  let text = "";
  for (let start = from; start < to; start += 4096) {
    const end = Math.min(to, start + 4096);
    text += String.fromCharCode(...codes.slice(start, end).map((code) => code & 0xff));
  }
  return text;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The bytes as little-endian 32-bit words, zero-padded to a whole word (a view when aligned). */
function toWords(bytes: Uint8Array): Uint32Array {
  if (littleEndian && bytes.byteOffset % 4 === 0 && bytes.length % 4 === 0) return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const count = Math.ceil(bytes.length / 4);
  const buffer = new ArrayBuffer(count * 4);
  new Uint8Array(buffer).set(bytes);
  if (littleEndian) return new Uint32Array(buffer);
  const view = new DataView(buffer);
  const words = new Uint32Array(count);
  for (let index = 0; index < count; index++) words[index] = view.getUint32(index * 4, true);
  return words;
}
