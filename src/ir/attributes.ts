/**
 * Parameter, return and function attributes (LangRef "Parameter Attributes", "Function
 * Attributes"). The reader keeps every attribute it finds, so the printer can show them; code
 * generation looks only at the ABI ones: signext, zeroext, sret, byval, inreg, align.
 */
import type { Type } from "./types.js";

export type Attribute =
  | { readonly kind: "enum"; readonly name: string }
  | { readonly kind: "int"; readonly name: string; readonly value: bigint }
  | { readonly kind: "string"; readonly key: string; readonly value: string }
  | { readonly kind: "type"; readonly name: string; readonly type: Type | undefined };

export interface AttributeList {
  function: Attribute[];
  return: Attribute[];
  /** One list per parameter (may be shorter than the parameter count). */
  params: Attribute[][];
}

export function emptyAttributeList(): AttributeList {
  return { function: [], return: [], params: [] };
}

export function findAttribute(list: readonly Attribute[], name: string): Attribute | undefined {
  return list.find((attribute) => attribute.kind !== "string" && attribute.name === name);
}

export function hasAttribute(list: readonly Attribute[], name: string): boolean {
  return findAttribute(list, name) !== undefined;
}

export function paramAttributes(list: AttributeList, index: number): readonly Attribute[] {
  return list.params[index] ?? [];
}
