/**
 * Short LLVM-syntax spellings of types for error messages (`i32`, `ptr`, `[4 x i8]`,
 * `%struct.node`). The full printer is src/ir/print.ts; this stays small so that the reader
 * does not depend on it.
 */
import type { Type } from "../ir/types.js";

export function describeType(type: Type, depth = 0): string {
  if (depth > 4) return "...";
  switch (type.kind) {
    case "void": case "label": case "metadata": case "token": return type.kind;
    case "int": return `i${type.bits}`;
    case "float": return type.name;
    case "pointer":
      if (type.pointee === undefined) return type.addressSpace === 0 ? "ptr" : `ptr addrspace(${type.addressSpace})`;
      return `${describeType(type.pointee, depth + 1)}*`;
    case "array": return `[${type.length} x ${describeType(type.element, depth + 1)}]`;
    case "vector": return `<${type.length} x ${describeType(type.element, depth + 1)}>`;
    case "struct":
      if (type.name !== undefined) return `%${type.name}`;
      return `{ ${type.fields.map((field) => describeType(field, depth + 1)).join(", ")} }`;
    case "function":
      return `${describeType(type.result, depth + 1)} (${type.params.map((param) => describeType(param, depth + 1)).join(", ")}${type.varArgs ? ", ..." : ""})`;
  }
}
