/**
 * MODULE records that declare global values (LLVMBitCodes.h `ModuleCodes`, MODULE_CODE_VERSION
 * 2): GLOBALVAR, FUNCTION and ALIAS. Each defines the next value id. The first two operands are
 * the name's offset and size in STRTAB; the rest, from the v14 layout (checked against
 * llvm-bcanalyzer dumps of clang 14..19):
 *
 * - GLOBALVAR `[type, isconst | explicitType<<1 | addrspace<<2, initid+1, linkage, log2(align)+1,
 *   section, visibility, tls, unnamed_addr, externally_initialized, dll, comdat, attributes,
 *   dso_local, ...]` (short records stop after section);
 * - FUNCTION `[fntype, cc, isproto, linkage, paramattr, log2(align)+1, section, visibility, gc,
 *   unnamed_addr, prologue, dll, comdat, prefix, personality, dso_local, addrspace, ...]`;
 * - ALIAS `[valuetype, addrspace, aliasee, linkage, visibility, dll, tls, unnamed_addr, dso_local]`.
 *
 * Initialisers and aliasees are value ids of constants read later: they are resolved once the
 * module-level constants are in (`resolveInitializers`).
 */
import type { FunctionType, Type } from "../ir/types.js";
import type {
  Argument, Constant, Function, GlobalAlias, GlobalVariable, Linkage, UnnamedAddr, Visibility,
} from "../ir/values.js";
import { attributeList } from "./attributes.js";
import type { ReaderContext } from "./context.js";
import { describeType } from "./describe.js";
import { linkageTable, threadLocalTable, unnamedAddrTable, visibilityTable } from "./record-codes.js";

/** The record's operands after the STRTAB name, and the name. */
function namedRecord(context: ReaderContext, what: string): { name: string; fields: readonly number[] } {
  const ops = context.cursor.ops;
  if (context.moduleVersion < 2) context.fail(`${what} record of a version ${context.moduleVersion} module (names outside STRTAB) is not supported`);
  const name = context.strtabName(context.op(0, what), context.op(1, what), what);
  return { name, fields: ops.slice(2) };
}

function field(context: ReaderContext, fields: readonly number[], index: number, what: string): number {
  const value = fields[index];
  if (value === undefined) context.fail(`${what} record is too short (${fields.length + 2} operands)`);
  return value;
}

function linkage(context: ReaderContext, code: number): Linkage {
  const name = linkageTable[code];
  if (name === undefined) context.fail(`linkage ${code} is unknown`);
  return name;
}

function alignment(context: ReaderContext, code: number): number | undefined {
  if (code === 0) return undefined;
  if (code > 33) context.fail(`alignment 2^${code - 1} is too large`);
  return 2 ** (code - 1);
}

function section(context: ReaderContext, code: number): string | undefined {
  if (code === 0) return undefined;
  const name = context.sectionNames[code - 1];
  if (name === undefined) context.fail(`section ${code} is not defined`);
  return name;
}

function visibility(code: number | undefined): Visibility {
  return visibilityTable[code ?? 0] ?? "default";
}

function unnamedAddr(code: number | undefined): UnnamedAddr {
  return unnamedAddrTable[code ?? 0] ?? "none";
}

export function readGlobalVariable(context: ReaderContext): void {
  const { name, fields } = namedRecord(context, "GLOBALVAR");
  const what = "GLOBALVAR";
  const flags = field(context, fields, 1, what);
  let valueType = context.type(field(context, fields, 0, what), what);
  let addressSpace = Math.floor(flags / 4);
  if ((flags & 2) === 0) {
    if (valueType.kind !== "pointer" || valueType.pointee === undefined) context.fail(`GLOBALVAR of type ${describeType(valueType)} without explicit type`);
    addressSpace = valueType.addressSpace;
    valueType = valueType.pointee;
  }
  const global: GlobalVariable = {
    valueKind: "global", type: context.pointerTo(valueType, addressSpace, context.typedPointers), name,
    linkage: linkage(context, field(context, fields, 3, what)), visibility: visibility(fields[6]),
    unnamedAddr: unnamedAddr(fields[8]), dsoLocal: (fields[13] ?? 0) !== 0,
    section: section(context, fields[5] ?? 0), align: alignment(context, fields[4] ?? 0), valueType,
    isConstant: (flags & 1) !== 0, initializer: undefined,
    threadLocal: (fields[7] ?? 0) === 0 ? undefined : (threadLocalTable[fields[7]!] ?? "generaldynamic"),
    externallyInitialized: (fields[9] ?? 0) !== 0, addressSpace,
    attributes: (fields[12] ?? 0) === 0 ? [] : attributeList(context, fields[12]!).function,
  };
  const initId = field(context, fields, 2, what);
  if (initId !== 0) {
    context.pendingInitializers.push({ id: initId - 1, apply: (constant) => { global.initializer = constant; }, type: valueType });
  }
  context.module.globals.push(global);
  context.values.push(global);
}

export function readFunctionRecord(context: ReaderContext): void {
  const { name, fields } = namedRecord(context, "FUNCTION");
  const what = "FUNCTION";
  let type: Type = context.type(field(context, fields, 0, what), what);
  if (type.kind === "pointer" && type.pointee !== undefined) type = type.pointee;
  if (type.kind !== "function") context.fail(`FUNCTION record of type ${describeType(type)}`);
  const functionType: FunctionType = type;
  const addressSpace = fields[16] ?? 0;
  const fn: Function = {
    valueKind: "function", type: context.pointerTo(functionType, addressSpace, context.typedPointers), name,
    linkage: linkage(context, field(context, fields, 3, what)), visibility: visibility(fields[7]),
    unnamedAddr: unnamedAddr(fields[9]), dsoLocal: (fields[15] ?? 0) !== 0,
    section: section(context, fields[6] ?? 0), align: alignment(context, fields[5] ?? 0),
    functionType, params: [], blocks: [], callingConv: field(context, fields, 1, what),
    attributes: attributeList(context, field(context, fields, 4, what)),
    gc: (fields[8] ?? 0) === 0 ? undefined : context.gcNames[fields[8]! - 1],
  };
  fn.params = functionType.params.map((paramType, index): Argument => ({
    valueKind: "argument", type: paramType, name: undefined, index, parent: fn,
  }));
  if (field(context, fields, 2, what) === 0) context.functionsWithBodies.push(fn);
  context.module.functions.push(fn);
  context.values.push(fn);
}

export function readAlias(context: ReaderContext): void {
  const { name, fields } = namedRecord(context, "ALIAS");
  const what = "ALIAS";
  const valueType = context.type(field(context, fields, 0, what), what);
  const addressSpace = field(context, fields, 1, what);
  const type = context.pointerTo(valueType, addressSpace, context.typedPointers);
  const alias: GlobalAlias = {
    valueKind: "alias", type, name, linkage: linkage(context, field(context, fields, 3, what)),
    visibility: visibility(fields[4]), unnamedAddr: unnamedAddr(fields[7]), dsoLocal: (fields[8] ?? 0) !== 0,
    section: undefined, align: undefined, valueType, aliasee: { valueKind: "undef", type },
  };
  context.pendingInitializers.push({ id: field(context, fields, 2, what), apply: (constant) => { alias.aliasee = constant; }, type });
  context.module.aliases.push(alias);
  context.values.push(alias);
}

/** Sets initialisers and aliasees, now that the module-level constants are read. */
export function resolveInitializers(context: ReaderContext): void {
  for (const pending of context.pendingInitializers) {
    const value = context.values.values[pending.id];
    if (value === undefined) context.fail(`initializer value id ${pending.id} is out of range (${context.values.length} values)`);
    const kind: string = value.valueKind;
    if (kind === "argument" || kind === "instruction" || kind === "inlineasm" || kind === "metadata") {
      context.fail(`initializer value id ${pending.id} is not a constant`);
    }
    pending.apply(value as Constant);
  }
  context.pendingInitializers.length = 0;
}
