/**
 * Result types the reader must compute because bitcode does not store them: the pointer a
 * getelementptr yields (typed `T*` for clang 14, `ptr` later; vectors of pointers for vector
 * GEPs), the member type extractvalue / insertvalue address, and alignments stored as
 * log2(align)+1.
 */
import type { Type } from "../ir/types.js";
import type { Value } from "../ir/values.js";
import type { ReaderContext } from "./context.js";
import { describeType } from "./describe.js";

/** `log2(align) + 1` (0 = none) to bytes. */
export function decodeAlignment(context: ReaderContext, code: number): number | undefined {
  if (code === 0) return undefined;
  if (code > 33) context.fail(`alignment 2^${code - 1} is too large`);
  return 2 ** (code - 1);
}

/** The type getelementptr's indices (after the first) reach inside `sourceType`. */
function gepIndexedType(context: ReaderContext, sourceType: Type, operands: readonly Value[]): Type {
  let type = sourceType;
  // operands = [base, first index (steps over the pointer), indices into the source type...]
  for (let position = 2; position < operands.length; position++) {
    const index = operands[position]!;
    if (type.kind === "struct") {
      if (index.valueKind !== "int") context.fail(`GEP into struct ${describeType(type)} with a non-constant index`);
      const field = type.fields[Number(index.value)];
      if (field === undefined) context.fail(`GEP index ${index.value} is out of range for ${describeType(type)}`);
      type = field;
    } else if (type.kind === "array" || type.kind === "vector") {
      type = type.element;
    } else {
      context.fail(`GEP indexes into ${describeType(type)}, which is not an aggregate`);
    }
  }
  return type;
}

/** Type of `getelementptr sourceType, base, indices...`; operands = [base, ...indices]. */
export function gepResultType(context: ReaderContext, sourceType: Type, operands: readonly Value[]): Type {
  const baseType = operands[0]!.type;
  const pointer = baseType.kind === "vector" ? baseType.element : baseType;
  if (pointer.kind !== "pointer") context.fail(`GEP on ${describeType(baseType)}, which is not a pointer`);
  const element = gepIndexedType(context, sourceType, operands);
  const result = context.pointerTo(element, pointer.addressSpace, pointer.pointee !== undefined);
  let vectorLength = baseType.kind === "vector" ? baseType.length : 0;
  for (let index = 1; index < operands.length && vectorLength === 0; index++) {
    const type = operands[index]!.type;
    if (type.kind === "vector") vectorLength = type.length;
  }
  return vectorLength === 0 ? result : { kind: "vector", length: vectorLength, element: result, scalable: false };
}

/** The member of `type` at constant `indices` (extractvalue / insertvalue). */
export function indexedAggregateType(context: ReaderContext, type: Type, indices: readonly number[]): Type {
  if (indices.length === 0) context.fail("extractvalue/insertvalue without indices");
  let current = type;
  for (const index of indices) {
    let next: Type | undefined;
    if (current.kind === "struct") next = current.fields[index];
    else if (current.kind === "array") next = index < current.length ? current.element : undefined;
    if (next === undefined) context.fail(`aggregate index ${index} is out of range for ${describeType(current)}`);
    current = next;
  }
  return current;
}
