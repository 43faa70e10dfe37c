/**
 * TYPE_BLOCK_ID_NEW: the module's type table (LLVMBitCodes.h `TypeCodes`).
 *
 * Types are numbered in record order (STRUCT_NAME only names the next struct). A named struct
 * may be referenced before its record (`%struct.node = type { i32, %struct.node* }`): the
 * reference creates the struct object, and the STRUCT_NAMED / OPAQUE record at that slot fills
 * it in. Any other forward reference is refused. clang 14 writes typed pointers (POINTER),
 * clang 15 and later opaque ones (OPAQUE_POINTER).
 */
import {
  arrayType, floatType, functionType, intType, labelType, metadataType, pointerType, tokenType,
  voidType, type FloatKind, type StructType, type Type,
} from "../ir/types.js";
import { ENTRY_END_BLOCK, ENTRY_SUBBLOCK } from "./bitstream.js";
import type { ReaderContext } from "./context.js";
import { TYPE_CODE } from "./record-codes.js";

const floatKinds: Partial<Record<number, FloatKind>> = {
  [TYPE_CODE.HALF]: "half", [TYPE_CODE.BFLOAT]: "bfloat", [TYPE_CODE.FLOAT]: "float",
  [TYPE_CODE.DOUBLE]: "double", [TYPE_CODE.X86_FP80]: "x86_fp80", [TYPE_CODE.FP128]: "fp128",
  [TYPE_CODE.PPC_FP128]: "ppc_fp128",
};

const simpleTypes: Partial<Record<number, Type>> = {
  [TYPE_CODE.VOID]: voidType, [TYPE_CODE.LABEL]: labelType, [TYPE_CODE.METADATA]: metadataType,
  [TYPE_CODE.TOKEN]: tokenType,
};

/** Reads the type block (the cursor has just returned its ENTRY_SUBBLOCK). */
export function readTypeBlock(context: ReaderContext): void {
  const cursor = context.cursor;
  cursor.enterBlock();
  let pendingName: string | undefined;
  const depths = new Map<Type, number>();
  for (;;) {
    const entry = cursor.advance();
    if (entry === ENTRY_END_BLOCK) break;
    if (entry === ENTRY_SUBBLOCK) {
      cursor.skipBlock();
      continue;
    }
    const code = cursor.code;
    if (code === TYPE_CODE.NUMENTRY) {
      const count = context.op(0, "type table NUMENTRY");
      // Every entry takes at least a few bits: bound the table by what is left of the block.
      if (count > cursor.remaining()) context.fail(`type table of ${count} entries is longer than its block`);
      context.typeCount = count;
      continue;
    }
    if (code === TYPE_CODE.STRUCT_NAME) {
      pendingName = cursor.opsText();
      continue;
    }
    const id = context.types.length;
    if (id >= context.typeCount) context.fail(`type table has more entries than its NUMENTRY (${context.typeCount})`);
    const type = readTypeRecord(context, code, pendingName, id);
    pendingName = undefined;
    checkDepth(context, type, depths);
    context.types.push(type);
  }
  const kinds = new Set(context.types.map((type) => (type?.kind === "pointer" ? type.pointee !== undefined : undefined)));
  context.typedPointers = kinds.has(true) || (!kinds.has(false) && context.producerMajor > 0 && context.producerMajor < 15);
  if (context.types.length !== context.typeCount) {
    context.fail(`type table has ${context.types.length} entries, NUMENTRY said ${context.typeCount}`);
  }
  checkNoPlaceholders(context);
}

function readTypeRecord(context: ReaderContext, code: number, name: string | undefined, id: number): Type {
  const ops = context.cursor.ops;
  const simple = simpleTypes[code];
  if (simple !== undefined) return simple;
  const float = floatKinds[code];
  if (float !== undefined) return floatType(float);
  switch (code) {
    case TYPE_CODE.INTEGER: {
      const bits = context.op(0, "INTEGER type");
      if (bits < 1 || bits > 8388608) context.fail(`integer type of ${bits} bits`);
      return intType(bits);
    }
    case TYPE_CODE.POINTER:
      return pointerType(ops[1] ?? 0, elementType(context, context.op(0, "POINTER type"), id));
    case TYPE_CODE.OPAQUE_POINTER:
      return context.opaquePointer(context.op(0, "OPAQUE_POINTER type"));
    case TYPE_CODE.ARRAY: case TYPE_CODE.VECTOR:
      return sequenceType(context, code, id);
    case TYPE_CODE.FUNCTION: {
      const result = elementType(context, context.op(1, "FUNCTION type"), id);
      const params = ops.slice(2).map((param) => elementType(context, param, id));
      return functionType(result, params, context.op(0, "FUNCTION type") !== 0);
    }
    case TYPE_CODE.STRUCT_ANON: {
      const fields = ops.slice(1).map((field) => elementType(context, field, id));
      return { kind: "struct", name: undefined, packed: context.op(0, "STRUCT_ANON type") !== 0, fields, opaque: false };
    }
    case TYPE_CODE.STRUCT_NAMED: case TYPE_CODE.OPAQUE: {
      const struct = namedStructAt(context, id, name);
      if (code === TYPE_CODE.STRUCT_NAMED) {
        struct.packed = context.op(0, "STRUCT_NAMED type") !== 0;
        struct.fields = ops.slice(1).map((field) => elementType(context, field, id));
        struct.opaque = false;
      }
      return struct;
    }
    default:
      return context.fail(`type record ${code} is not supported`);
  }
}

/** Types nested deeper than this are refused: comparing or printing them would recurse that deep. */
const MAX_TYPE_DEPTH = 256;

function checkDepth(context: ReaderContext, type: Type, depths: Map<Type, number>): void {
  let children: readonly Type[] = [];
  if (type.kind === "pointer" && type.pointee !== undefined) children = [type.pointee];
  else if (type.kind === "array" || type.kind === "vector") children = [type.element];
  else if (type.kind === "function") children = [type.result, ...type.params];
  else if (type.kind === "struct" && type.name === undefined) children = type.fields;
  // Named structs end a chain: they compare by identity.
  const depth = 1 + Math.max(0, ...children.map((child) => (child.kind === "struct" && child.name !== undefined ? 0 : (depths.get(child) ?? 0))));
  if (depth > MAX_TYPE_DEPTH) context.fail(`type nested more than ${MAX_TYPE_DEPTH} levels deep`);
  depths.set(type, depth);
}

function sequenceType(context: ReaderContext, code: number, id: number): Type {
  const what = code === TYPE_CODE.ARRAY ? "ARRAY type" : "VECTOR type";
  const length = context.op(0, what);
  const element = elementType(context, context.op(1, what), id);
  if (code === TYPE_CODE.ARRAY) return arrayType(element, length);
  if (length === 0) context.fail("vector type of length 0");
  return { kind: "vector", length, element, scalable: (context.cursor.ops[2] ?? 0) !== 0 };
}

/** The struct object for slot `id`: the placeholder made by an earlier reference, or a new one. */
function namedStructAt(context: ReaderContext, id: number, name: string | undefined): StructType {
  const existing = context.structPlaceholders.get(id);
  const struct: StructType = existing ?? { kind: "struct", name: undefined, packed: false, fields: [], opaque: true };
  context.structPlaceholders.delete(id);
  struct.name = name ?? "";
  context.module.namedStructs.push(struct);
  return struct;
}

/** A type id used inside another type's record: defined, or a later named struct. */
function elementType(context: ReaderContext, typeId: number, ownId: number): Type {
  const type = context.types[typeId];
  if (type !== undefined) return type;
  if (typeId >= context.typeCount || typeId === ownId) {
    context.fail(`type id ${typeId} is out of range (${context.typeCount} types)`);
  }
  const pending = context.structPlaceholders;
  let struct = pending.get(typeId);
  if (struct === undefined) {
    struct = { kind: "struct", name: undefined, packed: false, fields: [], opaque: true };
    pending.set(typeId, struct);
  }
  return struct;
}

function checkNoPlaceholders(context: ReaderContext): void {
  for (const [typeId] of context.structPlaceholders) context.fail(`type id ${typeId} is used before it is defined and is not a named struct`);
}

