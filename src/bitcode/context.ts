/**
 * State shared by the parts of the reader while one module is read: the cursor, the type
 * table, attribute lists, the value list, the string table and the module under construction.
 */
import type { Attribute, AttributeList } from "../ir/attributes.js";
import { pointerType, type PointerType, type StructType, type Type } from "../ir/types.js";
import type { Constant, Function, Module } from "../ir/values.js";
import type { BitstreamCursor } from "./bitstream.js";
import { ValueTable } from "./value-table.js";
import { DebugMetadata } from "./metadata.js";

/** A PARAMATTR_GROUP entry: slot 0xFFFFFFFF = function, 0 = return value, n = parameter n-1. */
export interface AttributeGroup { readonly slot: number; readonly attributes: Attribute[] }

export class ReaderContext {
  readonly cursor: BitstreamCursor;
  readonly file: string;
  readonly module: Module;
  /** Type table, by type id; slots of named structs referenced before definition hold placeholders. */
  readonly types: (Type | undefined)[] = [];
  /** Declared NUMENTRY of the type table. */
  typeCount = 0;
  /** Named structs referenced before their record, by type id (filled in when it comes). */
  readonly structPlaceholders = new Map<number, StructType>();
  /** Attribute groups by group id. */
  readonly attributeGroups = new Map<number, AttributeGroup>();
  /** Attribute lists by PARAMATTR index (0-based; records use 1-based, 0 = none). */
  readonly attributeLists: AttributeList[] = [];
  readonly values: ValueTable;
  /** Debug metadata read so far (source locations). */
  readonly debug: DebugMetadata;
  strtab: Uint8Array = new Uint8Array(0);
  readonly sectionNames: string[] = [];
  readonly gcNames: string[] = [];
  /** Functions with bodies, in record order (= order of their FUNCTION blocks). */
  readonly functionsWithBodies: Function[] = [];
  /** Deferred initialisers / aliasees: value ids resolved after module constants. */
  readonly pendingInitializers: { readonly apply: (constant: Constant) => void; readonly id: number; readonly type: Type }[] = [];
  /** Whether pointers are typed (`i32*`, clang 14) rather than opaque (`ptr`). */
  typedPointers = false;
  /** Major LLVM version of the producer (0 when unknown). */
  producerMajor = 0;
  /** MODULE_CODE_VERSION: 2 = names in STRTAB and relative operand ids. */
  moduleVersion = 0;
  private readonly opaquePointers = new Map<number, PointerType>();
  private readonly typedPointers0 = new Map<Type, PointerType>();

  constructor(cursor: BitstreamCursor, module: Module) {
    this.cursor = cursor;
    this.file = cursor.file;
    this.module = module;
    this.values = new ValueTable((what, bit) => cursor.fail(what, bit), () => cursor.recordStart);
    this.debug = new DebugMetadata(cursor);
  }

  /** Throws an InputError at `bit`, by default the start of the record being read. */
  fail(what: string, bit = this.cursor.recordStart): never {
    return this.cursor.fail(what, bit);
  }

  /** The type with this id; `what` names the record for the message. */
  type(id: number | undefined, what = "record"): Type {
    if (id === undefined) this.fail(`${what} is too short`);
    const type = this.types[id];
    if (type === undefined) this.fail(`${what}: type id ${id} is out of range (${this.types.length} types)`);
    return type;
  }

  /** The interned opaque `ptr` in an address space. */
  opaquePointer(addressSpace: number): PointerType {
    let type = this.opaquePointers.get(addressSpace);
    if (type === undefined) {
      type = pointerType(addressSpace);
      this.opaquePointers.set(addressSpace, type);
    }
    return type;
  }

  /** A pointer to `pointee`: typed when the module uses typed pointers, else `ptr`. */
  pointerTo(pointee: Type, addressSpace: number, typed: boolean): PointerType {
    if (!typed) return this.opaquePointer(addressSpace);
    if (addressSpace !== 0) return pointerType(addressSpace, pointee);
    // Typed pointers in address space 0 are interned per pointee: one object per `T*`.
    let type = this.typedPointers0.get(pointee);
    if (type === undefined) {
      type = pointerType(0, pointee);
      this.typedPointers0.set(pointee, type);
    }
    return type;
  }

  /** Operand `index` of the current record, refusing a record too short. */
  op(index: number, what: string): number {
    const value = this.cursor.ops[index];
    if (value === undefined) this.fail(`${what} record is too short (${this.cursor.ops.length} operands)`);
    return value;
  }

  /** A name from the string table. */
  strtabName(offset: number, size: number, what: string): string {
    if (offset + size > this.strtab.length) this.fail(`${what}: name at ${offset}+${size} is outside the string table (${this.strtab.length} bytes)`);
    return textOf(this.strtab.subarray(offset, offset + size));
  }
}

/** Bytes as a string, one char per byte (names in bitcode are bytes, not necessarily UTF-8). */
export function textOf(bytes: Uint8Array): string {
  // Short names (nearly all) are quicker without a Buffer view.
  if (bytes.length <= 64) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
}
