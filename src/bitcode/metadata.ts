/**
 * Debug metadata (METADATA_BLOCK, METADATA_ATTACHMENT, FUNC_CODE_DEBUG_LOC): just enough of
 * it to give instructions their source line (LLVM BitcodeReader `MetadataLoader` and
 * BitcodeWriter `writeMetadataRecords`; layouts the same in LLVM 14..19 for the fields read).
 *
 * Every record of a METADATA block that defines a node takes the next metadata id, strings
 * first (one METADATA_STRINGS record defines `count` of them). A function's own METADATA
 * block continues the numbering from the module's and is forgotten after the function.
 * Records are kept raw and resolved when a location asks for them, so forward references
 * need no fix-up. Operands that name a node are id+1 (0 = none), except a DILocation's scope,
 * which is the id itself. What is read:
 *
 *   FILE           [distinct, filename, directory, ...]
 *   SUBPROGRAM     [distinct|flags, scope, name, linkageName, file, line, type, scopeLine, ...]
 *   LEXICAL_BLOCK  [distinct, scope, file, line, column]
 *   LEXICAL_BLOCK_FILE [distinct, scope, file, discriminator]
 *   COMPILE_UNIT   [distinct, language, file, producer, ...]
 *   FUNC_CODE_DEBUG_LOC [line, column, scope, inlinedAt, isImplicitCode] (DEBUG_LOC_AGAIN repeats the last)
 *   METADATA_ATTACHMENT, an even record: the function's [kind, node]..., kind 0 being `dbg`.
 */
import type { CompileUnit, SourceFile, SourceLocation, Subprogram } from "../ir/source-location.js";
import { ENTRY_END_BLOCK, ENTRY_SUBBLOCK, type BitstreamCursor } from "./bitstream.js";
import { METADATA_CODE } from "./record-codes.js";

/** A metadata id's record, or its string. */
type Entry = { readonly code: number; readonly ops: readonly number[] } | string;

/** Records that define no node (names, kinds, attachments to globals, the lazy-loading index). */
const nonDefining: ReadonlySet<number> = new Set([
  METADATA_CODE.NAME, METADATA_CODE.KIND, METADATA_CODE.NAMED_NODE, METADATA_CODE.ATTACHMENT,
  METADATA_CODE.GLOBAL_DECL_ATTACHMENT, METADATA_CODE.INDEX_OFFSET, METADATA_CODE.INDEX,
]);

/** Records whose operands a source location may need; others keep only their place. */
const kept: ReadonlySet<number> = new Set([
  METADATA_CODE.FILE, METADATA_CODE.SUBPROGRAM, METADATA_CODE.LEXICAL_BLOCK,
  METADATA_CODE.LEXICAL_BLOCK_FILE, METADATA_CODE.COMPILE_UNIT, METADATA_CODE.NAMESPACE,
]);

const unused: Entry = { code: -1, ops: [] };
const MD_KIND_DBG = 0;
const unknownFile: SourceFile = { name: "", directory: "" };

/** A scope resolved: the file it is in and the subprogram it belongs to. */
interface Scope { readonly file: SourceFile; readonly subprogram: Subprogram | undefined }

export class DebugMetadata {
  private readonly entries: Entry[] = [];
  /** Module-level entries; a function's are above this and dropped after it. */
  private moduleCount = 0;
  private readonly files = new Map<number, SourceFile>();
  private readonly scopes = new Map<number, Scope>();
  private readonly subprograms = new Map<number, Subprogram>();
  /** The last location read in the current function (DEBUG_LOC_AGAIN). */
  last: SourceLocation | undefined;

  constructor(private readonly cursor: BitstreamCursor) {}

  /** Reads a METADATA block (the cursor has just returned its ENTRY_SUBBLOCK). */
  readBlock(): void {
    const cursor = this.cursor;
    cursor.enterBlock();
    for (;;) {
      const entry = cursor.advance();
      if (entry === ENTRY_END_BLOCK) return;
      if (entry === ENTRY_SUBBLOCK) {
        cursor.skipBlock();
        continue;
      }
      const code = cursor.code;
      if (code === METADATA_CODE.STRINGS) this.readStrings();
      else if (code === METADATA_CODE.STRING_OLD) this.entries.push(cursor.opsText());
      else if (!nonDefining.has(code)) this.entries.push(kept.has(code) ? { code, ops: cursor.ops.slice() } : unused);
    }
  }

  /** After the module's own METADATA blocks: what follows belongs to one function. */
  endModuleLevel(): void {
    this.moduleCount = this.entries.length;
  }

  /** Forgets the function's own metadata (after its FUNCTION_BLOCK). */
  endFunction(): void {
    this.entries.length = this.moduleCount;
    for (const cache of [this.files, this.scopes, this.subprograms]) {
      for (const id of cache.keys()) if (id >= this.moduleCount) cache.delete(id);
    }
    this.last = undefined;
  }

  /** FUNC_CODE_DEBUG_LOC of the current record. */
  location(ops: readonly number[]): SourceLocation | undefined {
    const [line = 0, column = 0, scope = 0] = ops;
    if (scope === 0) return undefined;
    const resolved = this.scope(scope - 1);
    this.last = { line, column, file: resolved.file, subprogram: resolved.subprogram };
    return this.last;
  }

  /** The `dbg` attachment of a function in a METADATA_ATTACHMENT block, if any. */
  readAttachments(): Subprogram | undefined {
    const cursor = this.cursor;
    let subprogram: Subprogram | undefined;
    cursor.enterBlock();
    for (;;) {
      const entry = cursor.advance();
      if (entry === ENTRY_END_BLOCK) return subprogram;
      if (entry === ENTRY_SUBBLOCK) {
        cursor.skipBlock();
        continue;
      }
      const ops = cursor.ops;
      if (ops.length % 2 !== 0) continue; // an instruction's attachments
      for (let index = 0; index + 1 < ops.length; index += 2) {
        if (ops[index] === MD_KIND_DBG) subprogram = this.subprogram(ops[index + 1]!);
      }
    }
  }

  /** The compile unit (the first DICompileUnit of the module), if any. */
  compileUnit(): CompileUnit | undefined {
    const id = this.entries.findIndex((entry) => typeof entry !== "string" && entry.code === METADATA_CODE.COMPILE_UNIT);
    if (id < 0) return undefined;
    const ops = this.record(id).ops;
    return { language: ops[1] ?? 0, file: this.fileOrNull(ops[2] ?? 0), producer: this.stringOrNull(ops[3] ?? 0) };
  }

  private readStrings(): void {
    const cursor: BitstreamCursor = this.cursor;
    const [count = 0, offset = 0] = cursor.ops;
    const blob = cursor.blob;
    if (blob === undefined || offset > blob.length) cursor.fail("METADATA_STRINGS record without its blob");
    const lengths = readVbr6List(blob.subarray(0, offset), count);
    if (lengths === undefined) cursor.fail(`METADATA_STRINGS: ${count} string lengths do not fit in ${offset} bytes`);
    let at = offset;
    for (const length of lengths) {
      if (at + length > blob.length) cursor.fail(`METADATA_STRINGS: string of ${length} bytes runs past the blob`);
      this.entries.push(Buffer.from(blob.buffer, blob.byteOffset + at, length).toString("latin1"));
      at += length;
    }
  }

  private record(id: number): { code: number; ops: readonly number[] } {
    const entry = this.entries[id];
    if (entry === undefined || typeof entry === "string") this.cursor.fail(`debug location: metadata !${id} is ${entry === undefined ? "out of range" : "a string"}`, this.cursor.recordStart);
    return entry;
  }

  private stringOrNull(reference: number): string {
    const entry = reference === 0 ? "" : this.entries[reference - 1];
    return typeof entry === "string" ? entry : "";
  }

  private fileOrNull(reference: number): SourceFile {
    if (reference === 0) return unknownFile;
    const id = reference - 1;
    let file = this.files.get(id);
    if (file === undefined) {
      const ops = this.record(id).ops;
      file = { name: this.stringOrNull(ops[1] ?? 0), directory: this.stringOrNull(ops[2] ?? 0) };
      this.files.set(id, file);
    }
    return file;
  }

  private subprogram(id: number): Subprogram {
    let subprogram = this.subprograms.get(id);
    if (subprogram === undefined) {
      const { code, ops } = this.record(id);
      if (code !== METADATA_CODE.SUBPROGRAM) this.cursor.fail(`function attachment !dbg !${id} is not a DISubprogram`, this.cursor.recordStart);
      subprogram = { name: this.stringOrNull(ops[2] ?? 0), file: this.fileOrNull(ops[4] ?? 0), line: ops[5] ?? 0, scopeLine: ops[7] ?? 0 };
      this.subprograms.set(id, subprogram);
    }
    return subprogram;
  }

  /** A scope's file and subprogram, following lexical blocks outwards (bounded: no cycles). */
  private scope(id: number): Scope {
    const cached = this.scopes.get(id);
    if (cached !== undefined) return cached;
    let file: SourceFile | undefined;
    let current = id;
    for (let depth = 0; depth < 1000; depth++) {
      const { code, ops } = this.record(current);
      if (code === METADATA_CODE.SUBPROGRAM) {
        const subprogram = this.subprogram(current);
        const scope = { file: file ?? subprogram.file, subprogram };
        this.scopes.set(id, scope);
        return scope;
      }
      if (code === METADATA_CODE.FILE) file ??= this.fileOrNull(current + 1);
      else if (code === METADATA_CODE.LEXICAL_BLOCK || code === METADATA_CODE.LEXICAL_BLOCK_FILE) file ??= this.fileOrNull(ops[2] ?? 0);
      if (code === METADATA_CODE.FILE || code === METADATA_CODE.COMPILE_UNIT || (ops[1] ?? 0) === 0) break;
      current = (ops[1] ?? 0) - 1;
    }
    const scope = { file: file ?? unknownFile, subprogram: undefined };
    this.scopes.set(id, scope);
    return scope;
  }
}

/** `count` VBR6 numbers from the start of `bytes` (a little-endian bit stream), or undefined if short. */
function readVbr6List(bytes: Uint8Array, count: number): number[] | undefined {
  const values: number[] = [];
  let bit = 0;
  const total = bytes.length * 8;
  const readChunk = (): number | undefined => {
    if (bit + 6 > total) return undefined;
    let chunk = 0;
    for (let index = 0; index < 6; index++, bit++) chunk |= ((bytes[bit >> 3]! >> (bit & 7)) & 1) << index;
    return chunk;
  };
  for (let index = 0; index < count; index++) {
    let value = 0;
    let shift = 0;
    for (;;) {
      const chunk = readChunk();
      if (chunk === undefined || shift > 48) return undefined;
      value += (chunk & 0x1f) * 2 ** shift;
      shift += 5;
      if ((chunk & 0x20) === 0) break;
    }
    values.push(value);
  }
  return values;
}
