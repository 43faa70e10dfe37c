/**
 * PARAMATTR_GROUP_BLOCK and PARAMATTR_BLOCK: attribute groups, then attribute lists made of
 * groups (LLVM BitcodeReader `parseAttributeGroupBlock` / `parseAttributeBlock`).
 *
 * A group record is `[group id, slot, (kind, ...)*]` with slot 0xFFFFFFFF = function, 0 =
 * return value, n = parameter n-1; each attribute starts with its encoding: 0 enum, 1 integer,
 * 3 string key, 4 string key and value, 5 type attribute without a type, 6 with one, 7 constant range,
 * 8 list of constant ranges. Functions and calls refer to lists by 1-based index.
 */
import { emptyAttributeList, type Attribute, type AttributeList } from "../ir/attributes.js";
import { ENTRY_END_BLOCK, ENTRY_SUBBLOCK } from "./bitstream.js";
import type { AttributeGroup, ReaderContext } from "./context.js";
import { attributeKindNames } from "./attribute-kinds.js";
import { decodeSigned } from "./numbers.js";
import { PARAMATTR_CODE } from "./record-codes.js";

const FUNCTION_SLOT = 0xffffffff;

export function readAttributeGroupBlock(context: ReaderContext): void {
  const cursor = context.cursor;
  cursor.enterBlock();
  const groups = context.attributeGroups;
  for (;;) {
    const entry = cursor.advance();
    if (entry === ENTRY_END_BLOCK) return;
    if (entry === ENTRY_SUBBLOCK) {
      cursor.skipBlock();
      continue;
    }
    if (cursor.code !== PARAMATTR_CODE.GROUP_ENTRY) continue;
    const id = context.op(0, "attribute group");
    const slot = context.op(1, "attribute group");
    groups.set(id, { slot, attributes: readGroupAttributes(context, cursor.ops) });
  }
}

function readGroupAttributes(context: ReaderContext, ops: readonly number[]): Attribute[] {
  const attributes: Attribute[] = [];
  let index = 2;
  const need = (count: number): void => {
    if (index + count > ops.length) context.fail("attribute group record is too short");
  };
  while (index < ops.length) {
    const encoding = ops[index++]!;
    if (encoding === 3 || encoding === 4) {
      const key = readCString(context, ops, index);
      index = key.next;
      let value = "";
      if (encoding === 4) {
        const text = readCString(context, ops, index);
        value = text.text;
        index = text.next;
      }
      attributes.push({ kind: "string", key: key.text, value });
      continue;
    }
    need(1);
    const name = kindName(ops[index++]!);
    if (encoding === 0) attributes.push({ kind: "enum", name });
    else if (encoding === 1) {
      need(1);
      attributes.push({ kind: "int", name, value: BigInt(ops[index++]!) });
    } else if (encoding === 6) {
      need(1);
      attributes.push({ kind: "type", name, type: context.type(ops[index++]!, "attribute group") });
    } else if (encoding === 5) attributes.push({ kind: "type", name, type: undefined });
    else if (encoding === 7) index = readRange(context, ops, index, name, attributes);
    else if (encoding === 8) index = readRangeList(context, ops, index, name, attributes);
    else context.fail(`attribute encoding ${encoding} is unknown`);
  }
  return attributes;
}

function kindName(kind: number): string {
  return attributeKindNames[kind] ?? `attribute${kind}`;
}

function readCString(context: ReaderContext, ops: readonly number[], start: number): { text: string; next: number } {
  let end = start;
  while (end < ops.length && ops[end] !== 0) end++;
  if (end >= ops.length) context.fail("attribute group string is not terminated");
  return { text: String.fromCharCode(...ops.slice(start, end).map((code) => code & 0xff)), next: end + 1 };
}

/** Operand `index` of the current record, sign-folded, exact even above 2^53. */
function signedAt(context: ReaderContext, index: number): bigint {
  return decodeSigned(context.cursor.ops[index]!, context.cursor.wide?.get(index));
}

/** `range(i32 lo, hi)`, kept as an enum attribute spelled as LLVM prints it. */
function readRange(context: ReaderContext, ops: readonly number[], index: number, name: string, out: Attribute[]): number {
  if (index + 3 > ops.length) context.fail("attribute group range is too short");
  const bits = ops[index]!;
  if (bits > 64) context.fail("attribute range wider than 64 bits is not supported");
  out.push({ kind: "enum", name: `${name}(i${bits} ${signedAt(context, index + 1)}, ${signedAt(context, index + 2)})` });
  return index + 3;
}

/** `initializes((lo, hi), ...)`: [count, bit width, (lo, hi)*]. */
function readRangeList(context: ReaderContext, ops: readonly number[], index: number, name: string, out: Attribute[]): number {
  if (index + 2 > ops.length) context.fail("attribute group range list is too short");
  const count = ops[index]!;
  if (index + 2 + count * 2 > ops.length) context.fail("attribute group range list is too short");
  const ranges: string[] = [];
  for (let range = 0; range < count; range++) {
    ranges.push(`(${signedAt(context, index + 2 + range * 2)}, ${signedAt(context, index + 3 + range * 2)})`);
  }
  out.push({ kind: "enum", name: `${name}(${ranges.join(", ")})` });
  return index + 2 + count * 2;
}

export function readAttributeBlock(context: ReaderContext): void {
  const cursor = context.cursor;
  cursor.enterBlock();
  const groups = context.attributeGroups;
  for (;;) {
    const entry = cursor.advance();
    if (entry === ENTRY_END_BLOCK) return;
    if (entry === ENTRY_SUBBLOCK) {
      cursor.skipBlock();
      continue;
    }
    if (cursor.code !== PARAMATTR_CODE.ENTRY) context.fail(`PARAMATTR record ${cursor.code} is not supported`);
    const list = emptyAttributeList();
    for (const groupId of cursor.ops) {
      const group = groups.get(groupId);
      if (group === undefined) context.fail(`attribute group ${groupId} is not defined`);
      addGroup(context, list, group);
    }
    context.attributeLists.push(list);
  }
}

function addGroup(context: ReaderContext, list: AttributeList, group: AttributeGroup): void {
  if (group.slot === FUNCTION_SLOT) list.function.push(...group.attributes);
  else if (group.slot === 0) list.return.push(...group.attributes);
  else {
    const index = group.slot - 1;
    if (index > 4096) context.fail(`attribute group for parameter ${group.slot}`);
    while (list.params.length <= index) list.params.push([]);
    list.params[index]!.push(...group.attributes);
  }
}

/** Attribute list for a 1-based PARAMATTR index (0 = none). */
export function attributeList(context: ReaderContext, index: number): AttributeList {
  if (index === 0) return emptyAttributeList();
  const list = context.attributeLists[index - 1];
  if (list === undefined) context.fail(`attribute list ${index} is out of range (${context.attributeLists.length} lists)`);
  return { function: list.function, return: list.return, params: list.params };
}

const noAttributes: AttributeList = Object.freeze({ function: [], return: [], params: [] }) as unknown as AttributeList;

/** Like `attributeList`, but the list object is shared by every user of that index (calls). */
export function sharedAttributeList(context: ReaderContext, index: number): AttributeList {
  if (index === 0) return noAttributes;
  const list = context.attributeLists[index - 1];
  if (list === undefined) context.fail(`attribute list ${index} is out of range (${context.attributeLists.length} lists)`);
  return list;
}
