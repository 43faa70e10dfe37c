/**
 * Types in LLVM's textual syntax (AsmWriter.cpp `TypePrinting`), and the order in which
 * llvm-dis lists named struct definitions at the top of a module.
 *
 * That order is not the bitcode type table's: llvm-dis runs `TypeFinder` (TypeFinder.cpp),
 * which walks global variables (value type, initialiser), aliases, then each function (its
 * type, type attributes, then every instruction's type, non-instruction operands, GEP source
 * and alloca types) depth first, and lists named structs as it first meets them.
 */
import type { Attribute, AttributeList } from "./attributes.js";
import type { Instruction } from "./instructions.js";
import type { StructType, Type } from "./types.js";
import { quoteName } from "./names.js";
import type { Constant, Module, Value } from "./values.js";
import { isConstant, isGlobalValue } from "./values.js";

const typeText = new WeakMap<Type, string>();

export function printType(type: Type): string {
  let text = typeText.get(type);
  if (text === undefined) {
    text = computeTypeText(type);
    typeText.set(type, text);
  }
  return text;
}

function computeTypeText(type: Type): string {
  switch (type.kind) {
    case "void": case "label": case "metadata": case "token": return type.kind;
    case "int": return `i${type.bits}`;
    case "float": return type.name;
    case "pointer": {
      const space = type.addressSpace === 0 ? "" : ` addrspace(${type.addressSpace})`;
      return type.pointee === undefined ? `ptr${space}` : `${printType(type.pointee)}${space}*`;
    }
    case "array": return `[${type.length} x ${printType(type.element)}]`;
    case "vector": return `<${type.scalable ? "vscale x " : ""}${type.length} x ${printType(type.element)}>`;
    case "struct": return type.name === undefined ? printStructBody(type) : `%${quoteName(type.name)}`;
    case "function": {
      const params = type.params.map(printType);
      if (type.varArgs) params.push("...");
      return `${printType(type.result)} (${params.join(", ")})`;
    }
  }
}

/** `{ i32, i8 }`, `<{ i8 }>`, `{}` or `opaque`: the body of a struct type. */
export function printStructBody(type: StructType): string {
  if (type.opaque) return "opaque";
  const body = type.fields.length === 0 ? "{}" : `{ ${type.fields.map(printType).join(", ")} }`;
  return type.packed ? `<${body}>` : body;
}

/** The subtypes LLVM's `Type::subtypes()` lists, in order. */
function subtypes(type: Type): readonly Type[] {
  switch (type.kind) {
    case "pointer": return type.pointee === undefined ? [] : [type.pointee];
    case "array": case "vector": return [type.element];
    case "struct": return type.fields;
    case "function": return [type.result, ...type.params];
    default: return [];
  }
}

/**
 * Named structs in the order llvm-dis defines them. The walk stops early once every struct of
 * `module.namedStructs` has been met (none can come later); an empty list means "unknown".
 */
export function namedStructOrder(module: Module): StructType[] {
  const finder = new TypeFinder();
  const all = new Set(module.namedStructs).size;
  const done = (): boolean => all > 0 && finder.structs.length >= all;
  for (const global of module.globals) {
    finder.type(global.type);
    finder.type(global.valueType);
    if (global.initializer !== undefined) finder.value(global.initializer);
  }
  for (const alias of module.aliases) {
    finder.type(alias.valueType);
    finder.value(alias.aliasee);
  }
  for (const fn of module.functions) {
    if (done()) break;
    finder.type(fn.functionType);
    finder.attributes(fn.attributes);
    for (const block of fn.blocks) for (const instruction of block.instructions) finder.instruction(instruction);
  }
  return finder.structs;
}

class TypeFinder {
  readonly structs: StructType[] = [];
  private readonly visitedTypes = new Set<string>();
  private readonly visitedObjects = new Set<Type>();
  private readonly visitedConstants = new Set<Constant>();

  type(root: Type): void {
    if (!this.visit(root)) return;
    const worklist: Type[] = [root];
    while (worklist.length > 0) {
      const type = worklist.pop()!;
      if (type.kind === "struct" && type.name !== undefined) this.structs.push(type);
      const children = subtypes(type);
      for (let index = children.length - 1; index >= 0; index -= 1) {
        if (this.visit(children[index]!)) worklist.push(children[index]!);
      }
    }
  }

  value(value: Value): void {
    if (!isConstant(value) || isGlobalValue(value) || this.visitedConstants.has(value)) return;
    this.visitedConstants.add(value);
    this.type(value.type);
    if (value.valueKind === "expr" && value.sourceType !== undefined) this.type(value.sourceType);
    if (value.valueKind === "expr") for (const operand of value.operands) this.value(operand);
    if (value.valueKind === "aggregate") for (const element of value.elements) this.value(element);
  }

  attributes(list: AttributeList): void {
    const sets: Attribute[][] = [list.function, list.return, ...list.params];
    for (const set of sets) for (const attribute of set) {
      if (attribute.kind === "type" && attribute.type !== undefined) this.type(attribute.type);
    }
  }

  instruction(instruction: Instruction): void {
    this.type(instruction.type);
    const operands = instruction.opcode === "call"
      ? [...instruction.operands.slice(1), instruction.operands[0]!] : instruction.operands;
    for (const operand of operands) if (operand.valueKind !== "instruction") this.value(operand);
    if (instruction.opcode === "getelementptr") this.type(instruction.sourceType);
    if (instruction.opcode === "alloca") this.type(instruction.allocatedType);
    if (instruction.opcode === "call") this.attributes(instruction.attributes);
  }

  /** True the first time a type is seen (types are compared by their text, as LLVM uniques them). */
  private visit(type: Type): boolean {
    if (this.visitedObjects.has(type)) return false;
    this.visitedObjects.add(type);
    const key = printType(type);
    if (this.visitedTypes.has(key)) return false;
    this.visitedTypes.add(key);
    return true;
  }
}
