/**
 * Parameter and return attributes for the verifier: they must belong to an existing parameter
 * and fit its type (LLVM's Verifier.cpp `verifyParameterAttrs`, `AttributeFuncs::typeIncompatible`),
 * for the attributes the JIT acts on: signext and zeroext need an integer; byval, sret, inalloca,
 * byref, preallocated, align, nonnull, noalias, nocapture, dereferenceable(_or_null) a pointer.
 */
import type { Attribute, AttributeList } from "./attributes.js";
import { printType } from "./print-types.js";
import type { Type } from "./types.js";

const integerOnly: ReadonlySet<string> = new Set(["signext", "zeroext"]);
const pointerOnly: ReadonlySet<string> = new Set([
  "byval", "sret", "inalloca", "byref", "preallocated", "align", "nonnull", "noalias", "nocapture",
  "dereferenceable", "dereferenceable_or_null",
]);

function attributeName(attribute: Attribute): string {
  return attribute.kind === "string" ? attribute.key : attribute.name;
}

function scalarKind(type: Type): string {
  return type.kind === "vector" ? type.element.kind : type.kind;
}

/** Why `attribute` cannot apply to a value of `type`, or undefined. */
function misplaced(attribute: Attribute, type: Type, where: string): string | undefined {
  const name = attributeName(attribute);
  if (integerOnly.has(name) && scalarKind(type) !== "int") return `${where} has type ${printType(type)}, but ${name} applies only to integers`;
  if (pointerOnly.has(name) && scalarKind(type) !== "pointer") return `${where} has type ${printType(type)}, but ${name} applies only to pointers`;
  return undefined;
}

/**
 * Problems of an attribute list for values of the given types (a function's parameters, or a
 * call's arguments, variadic ones included) and result type.
 */
export function attributeProblem(list: AttributeList, types: readonly Type[], result: Type): string | undefined {
  if (list.params.length > types.length && list.params.slice(types.length).some((set) => set.length > 0)) {
    return `attributes for parameter ${types.length}, but there are only ${types.length} parameters`;
  }
  for (const attribute of list.return) {
    const problem = result.kind === "void" ? `the void result has attribute ${attributeName(attribute)}` : misplaced(attribute, result, "the result");
    if (problem !== undefined) return problem;
  }
  for (const [index, set] of list.params.entries()) {
    for (const attribute of set) {
      const problem = misplaced(attribute, types[index]!, `parameter ${index}`);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}
