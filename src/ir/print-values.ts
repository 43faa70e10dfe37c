/**
 * Operands, constants and attributes in LLVM's textual syntax (AsmWriter.cpp
 * `WriteAsOperandInternal`, `writeConstantInternal`, `Attribute::getAsString`).
 *
 * A `ValuePrinter` knows the numbering of unnamed globals and of the locals of the function
 * being printed (and, for `blockaddress`, of any other function), so it can write any operand:
 * `%5`, `@x`, `i32 7`, `getelementptr inbounds ([4 x i8], [4 x i8]* @.str, i32 0, i32 0)`.
 */
import type { Attribute } from "./attributes.js";
import { formatFloat } from "./float-text.js";
import { blockLabel, escapeBytes, escapeString, localName, numberGlobals, numberLocals, quoteName } from "./names.js";
import type { LocalValue } from "./names.js";
import { printType } from "./print-types.js";
import type { ArrayType, Type, VectorType } from "./types.js";
import type { BasicBlock, Constant, ConstantData, Function, GlobalValue, InlineAsm, Module, Value, WrapFlags } from "./values.js";

export class ValuePrinter {
  private readonly globalSlots: Map<GlobalValue, number>;
  private readonly otherLocals = new Map<Function, Map<LocalValue, number>>();
  private locals: Map<LocalValue, number> = new Map();
  private readonly printing = new Set<Constant>();

  constructor(module: Module | undefined) {
    this.globalSlots = module === undefined ? new Map() : numberGlobals(module);
  }

  /** Start printing a function: number its unnamed locals. */
  enterFunction(fn: Function): void {
    this.locals = this.slotsOf(fn);
  }

  label(block: BasicBlock): string {
    return blockLabel(block, this.locals);
  }

  /** `type value`. */
  typed(value: Value): string {
    return `${printType(value.type)} ${this.operand(value)}`;
  }

  /** An operand without its type. */
  operand(value: Value | BasicBlock): string {
    switch (value.valueKind) {
      case "argument": case "instruction": case "block": return localName(value, this.locals);
      case "global": case "function": case "alias": return this.globalName(value);
      case "inlineasm": return inlineAsm(value);
      case "metadata": return value.text;
      default: return this.constant(value);
    }
  }

  globalName(value: GlobalValue): string {
    if (value.name) return `@${quoteName(value.name)}`;
    const slot = this.globalSlots.get(value);
    return slot === undefined ? "@<badref>" : `@${slot}`;
  }

  constant(value: Constant): string {
    if (value.valueKind !== "expr" && value.valueKind !== "aggregate") return this.leafConstant(value);
    // A constant that contains itself is invalid IR (the verifier says so); print it finitely.
    if (this.printing.has(value)) return "<cycle>";
    this.printing.add(value);
    try {
      return value.valueKind === "expr" ? this.expression(value) : this.aggregate(value.type, value.elements);
    } finally {
      this.printing.delete(value);
    }
  }

  private leafConstant(value: Exclude<Constant, { valueKind: "expr" | "aggregate" }>): string {
    switch (value.valueKind) {
      case "int": return value.type.bits === 1 ? (value.value === 0n ? "false" : "true") : value.value.toString();
      case "float": return formatFloat(value.type.name, value.bits);
      case "null": return "null";
      case "undef": return "undef";
      case "poison": return "poison";
      case "zero": return zeroText(value.type);
      case "data": return this.data(value);
      case "blockaddress": {
        const block = value.function.blocks[value.blockIndex];
        const blockText = block === undefined ? "%<badref>" : localName(block, this.slotsOf(value.function));
        return `blockaddress(${this.globalName(value.function)}, ${blockText})`;
      }
      case "global": case "function": case "alias": return this.globalName(value);
    }
  }

  private aggregate(type: Type, elements: readonly Constant[]): string {
    const items = elements.map((element) => this.typed(element)).join(", ");
    if (type.kind === "array") return `[${items}]`;
    if (type.kind === "vector") return `<${items}>`;
    const body = elements.length === 0 ? "{}" : `{ ${items} }`;
    return type.kind === "struct" && type.packed ? `<${body}>` : body;
  }

  private data(value: ConstantData): string {
    const element = value.type.element;
    if (value.type.kind === "array" && element.kind === "int" && element.bits === 8) {
      return `c"${escapeBytes(value.elements)}"`;
    }
    const elementText = printType(element);
    const items = value.elements.map((item) => `${elementText} ${dataElement(element, item)}`).join(", ");
    return value.type.kind === "array" ? `[${items}]` : `<${items}>`;
  }

  private expression(value: Extract<Constant, { valueKind: "expr" }>): string {
    let head = value.opcode + wrapFlags(value.flags);
    if (value.opcode === "getelementptr" && value.inbounds) head += " inbounds";
    if (value.predicate !== undefined) head += ` ${value.predicate}`;
    const parts: string[] = [];
    if (value.sourceType !== undefined) parts.push(printType(value.sourceType));
    value.operands.forEach((operand, index) => {
      const inRange = value.inRangeIndex !== undefined && value.inRangeIndex === index ? "inrange " : "";
      parts.push(inRange + this.typed(operand));
    });
    const cast = isCastExpression(value.opcode) ? ` to ${printType(value.type)}` : "";
    return `${head} (${parts.join(", ")}${cast})`;
  }

  /** Parameter or return attributes, space-separated, as LLVM lists them. */
  attributes(list: readonly Attribute[]): string {
    return list.map((attribute) => this.attribute(attribute)).join(" ");
  }

  private attribute(attribute: Attribute): string {
    switch (attribute.kind) {
      case "enum": return attribute.name;
      case "int": // `align 4`, but `dereferenceable(4)`, `alignstack(16)`...
        return attribute.name === "align" ? `align ${attribute.value}` : `${attribute.name}(${attribute.value})`;
      case "type": return attribute.type === undefined ? attribute.name : `${attribute.name}(${printType(attribute.type)})`;
      case "string":
        return attribute.value === "" ? `"${escapeString(attribute.key)}"`
          : `"${escapeString(attribute.key)}"="${escapeString(attribute.value)}"`;
    }
  }

  private slotsOf(fn: Function): Map<LocalValue, number> {
    let slots = this.otherLocals.get(fn);
    if (slots === undefined) {
      slots = numberLocals(fn);
      this.otherLocals.set(fn, slots);
    }
    return slots;
  }
}

const castExpressionOpcodes = new Set([
  "trunc", "zext", "sext", "fptoui", "fptosi", "uitofp", "sitofp", "fptrunc", "fpext", "ptrtoint", "inttoptr",
  "bitcast", "addrspacecast",
]);

function isCastExpression(opcode: string): boolean {
  return castExpressionOpcodes.has(opcode);
}

/** ` nuw nsw`, ` exact`, ` disjoint`, ` nneg` as LLVM orders them. */
export function wrapFlags(flags: WrapFlags | undefined): string {
  if (flags === undefined) return "";
  let text = "";
  if (flags.nuw) text += " nuw";
  if (flags.nsw) text += " nsw";
  if (flags.exact) text += " exact";
  if (flags.disjoint) text += " disjoint";
  if (flags.nneg) text += " nneg";
  return text;
}

/** Fast-math flags from their bitcode bit set (LLVMBitCodes.h `FastMathMap`). */
export function fastMathFlags(bits: number): string {
  if ((bits & 0xfe) === 0xfe || (bits & 1) !== 0) return " fast";
  const names: [number, string][] = [
    [0x80, "reassoc"], [0x02, "nnan"], [0x04, "ninf"], [0x08, "nsz"], [0x10, "arcp"], [0x20, "contract"], [0x40, "afn"],
  ];
  return names.filter(([bit]) => (bits & bit) !== 0).map(([, name]) => ` ${name}`).join("");
}

/** The null value of a type: LLVM has `zeroinitializer` only for aggregates. */
function zeroText(type: Type): string {
  switch (type.kind) {
    case "int": return type.bits === 1 ? "false" : "0";
    case "float": return formatFloat(type.name, 0n);
    case "pointer": return "null";
    case "token": return "none";
    default: return "zeroinitializer";
  }
}

function dataElement(element: (ArrayType | VectorType)["element"], item: bigint): string {
  if (element.kind === "float") return formatFloat(element.name, item);
  if (element.kind === "int") return BigInt.asIntN(element.bits, item).toString();
  return item.toString();
}

function inlineAsm(value: InlineAsm): string {
  let text = "asm ";
  if (value.sideEffects) text += "sideeffect ";
  if (value.alignStack) text += "alignstack ";
  if (value.dialect === "intel") text += "inteldialect ";
  if (value.canThrow) text += "unwind ";
  return `${text}"${escapeString(value.asm)}", "${escapeString(value.constraints)}"`;
}
