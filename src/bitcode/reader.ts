/**
 * The bitcode reader's entry point: bytes in, a complete IR `Module` out.
 *
 * The top level of a bitcode file is a sequence of blocks: IDENTIFICATION, MODULE, STRTAB
 * (names, written after the module) and SYMTAB. A first pass over the top level records where
 * each is (skipping in O(1)), checks the producer, then the module block is read with the
 * string table in hand. The Darwin wrapper header (0x0B17C0DE) is accepted. Any problem is an
 * InputError with the byte offset; nothing else escapes.
 */
import { InputError } from "../errors.js";
import type { Module } from "../ir/values.js";
import { BitstreamCursor, ENTRY_END_BLOCK, ENTRY_RECORD } from "./bitstream.js";
import { ReaderContext } from "./context.js";
import { producerMajor, readIdentificationBlock, untestedProducer, type Identification } from "./identification.js";
import { readModuleBlock } from "./module-block.js";
import { BLOCK } from "./record-codes.js";
import { readStringTable } from "./symbol-table.js";

export interface ReadOptions {
  /** Name used in messages. */
  readonly file: string;
  /** Read bitcode from an LLVM version mkimg has not been tested with. */
  readonly force?: boolean;
  /** Where `bytes` start in the file named by `file` (a wrapped module's header size), for offsets in messages. */
  readonly offset?: number;
}

const WRAPPER_MAGIC = 0x0b17c0de;
const BITCODE_MAGIC = [0x42, 0x43, 0xc0, 0xde];

export function readBitcode(bytes: Uint8Array, options: ReadOptions): Module {
  try {
    return readUnwrapped(bytes, options);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const what = error instanceof Error ? error.message : String(error);
    throw new InputError(options.file, `corrupt bitcode (${what})`);
  }
}

/** Strips the Darwin wrapper header if present; returns the bitcode and its offset in the file. */
function unwrap(bytes: Uint8Array, file: string, start: number): { bitcode: Uint8Array; base: number } {
  if (bytes.length < 4) throw new InputError(file, `not LLVM bitcode: ${bytes.length} bytes is too short`, start);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (view.getUint32(0, true) !== WRAPPER_MAGIC) return { bitcode: bytes, base: start };
  if (bytes.length < 20) throw new InputError(file, "bitcode wrapper header is truncated", start);
  const offset = view.getUint32(8, true);
  const size = view.getUint32(12, true);
  if (offset + size > bytes.length || offset < 20) {
    throw new InputError(file, `bitcode wrapper says ${size} bytes at offset ${offset}, beyond the ${bytes.length}-byte file`, start + 8);
  }
  return { bitcode: bytes.subarray(offset, offset + size), base: start + offset };
}

function readUnwrapped(bytes: Uint8Array, options: ReadOptions): Module {
  const file = options.file;
  const { bitcode, base } = unwrap(bytes, file, options.offset ?? 0);
  const magicOk = bitcode.length >= 4 && BITCODE_MAGIC.every((byte, index) => bitcode[index] === byte);
  if (!magicOk) {
    const seen = Array.from(bitcode.subarray(0, 4), (byte) => byte.toString(16).padStart(2, "0")).join(" ");
    throw new InputError(file, `not LLVM bitcode (magic ${seen || "missing"}, expected 42 43 c0 de)`, base);
  }
  const cursor = new BitstreamCursor(bitcode, file, base);
  cursor.seek(32);
  const layout = scanTopLevel(cursor);
  const refusal = untestedProducer(layout.identification);
  if (refusal !== undefined && options.force !== true) {
    throw new InputError(file, `${refusal}; use --force to read it anyway`);
  }
  if (layout.moduleBit === undefined) throw new InputError(file, "bitcode has no MODULE block", base + bitcode.length);
  const module: Module = {
    producer: layout.identification?.producer, sourceFileName: undefined, triple: "", dataLayout: "",
    namedStructs: [], globals: [], functions: [], aliases: [],
  };
  const context = new ReaderContext(cursor, module);
  context.strtab = layout.strtab;
  context.producerMajor = producerMajor(module.producer);
  cursor.seek(layout.moduleBit);
  cursor.code = BLOCK.MODULE;
  readModuleBlock(context);
  return module;
}

interface TopLevel { identification: Identification | undefined; moduleBit: number | undefined; strtab: Uint8Array }

/** Finds the top-level blocks: reads IDENTIFICATION and STRTAB, remembers where MODULE starts. */
function scanTopLevel(cursor: BitstreamCursor): TopLevel {
  const layout: TopLevel = { identification: undefined, moduleBit: undefined, strtab: new Uint8Array(0) };
  for (;;) {
    // Words of zero padding may follow the last block.
    if (cursor.bitLength - cursor.position() < 32 && allZero(cursor)) return layout;
    const start = cursor.position();
    const entry = cursor.advance();
    if (entry === ENTRY_END_BLOCK) return layout;
    if (entry === ENTRY_RECORD) cursor.fail("record outside any block", start);
    switch (cursor.code) {
      case BLOCK.IDENTIFICATION:
        if (layout.identification === undefined) layout.identification = readIdentificationBlock(cursor);
        else cursor.skipBlock();
        break;
      case BLOCK.MODULE:
        if (layout.moduleBit === undefined) layout.moduleBit = cursor.position();
        cursor.skipBlock();
        break;
      case BLOCK.STRTAB:
        layout.strtab = readStringTable(cursor);
        break;
      default:
        cursor.skipBlock();
    }
  }
}

function allZero(cursor: BitstreamCursor): boolean {
  const from = Math.floor(cursor.position() / 8);
  return cursor.bytes.subarray(from).every((byte) => byte === 0);
}
