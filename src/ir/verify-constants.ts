/**
 * Constants for the verifier: aggregates hold one element of the right type per member, data
 * arrays have their declared length, and constant expressions are well typed (casts by the
 * rules of ./verify-types.ts, binary operators, compares, selects, getelementptr). LLVM's
 * constant folder guarantees this for IR it builds; a reader of untrusted bytes must check.
 */
import { binaryOpcodes } from "./instructions.js";
import type { CastOpcode } from "./instructions.js";
import { printType } from "./print-types.js";
import type { Type } from "./types.js";
import { sameType } from "./types.js";
import type { Constant, ConstantExpr } from "./values.js";
import { castProblem } from "./verify-types.js";

const binarySet: ReadonlySet<string> = new Set(binaryOpcodes);

/** The type of member `index` of an aggregate type. */
function memberType(type: Type, index: number): Type | undefined {
  if (type.kind === "struct") return type.fields[index];
  if (type.kind === "array" || type.kind === "vector") return type.element;
  return undefined;
}

function memberCount(type: Type): number {
  return type.kind === "struct" ? type.fields.length : type.kind === "array" || type.kind === "vector" ? type.length : -1;
}

function expressionProblem(expression: ConstantExpr): string | undefined {
  const [first, second, third] = expression.operands;
  if (first === undefined) return `${expression.opcode} expression without operands`;
  if (binarySet.has(expression.opcode)) {
    return second !== undefined && sameType(first.type, expression.type) && sameType(second.type, expression.type)
      ? undefined : `${expression.opcode} expression of ${printType(first.type)} and ${second === undefined ? "nothing" : printType(second.type)} to ${printType(expression.type)}`;
  }
  switch (expression.opcode) {
    case "getelementptr":
      if (first.type.kind !== "pointer" && first.type.kind !== "vector") return `getelementptr expression on ${printType(first.type)}`;
      return expression.operands.slice(1).every((index) => index.type.kind === "int" || index.type.kind === "vector")
        ? undefined : "getelementptr expression with a non-integer index";
    case "icmp": case "fcmp":
      return second !== undefined && sameType(first.type, second.type) ? undefined : `${expression.opcode} expression of different types`;
    case "select":
      return second !== undefined && third !== undefined && sameType(second.type, expression.type) && sameType(third.type, expression.type)
        ? undefined : "select expression with arms of another type";
    case "extractelement": case "insertelement": case "shufflevector": case "fneg":
      return undefined;
    default:
      return castProblem(expression.opcode as CastOpcode, first.type, expression.type);
  }
}

function ownProblem(constant: Constant): string | undefined {
  switch (constant.valueKind) {
    case "aggregate": {
      if (memberCount(constant.type) !== constant.elements.length) {
        return `${printType(constant.type)} constant with ${constant.elements.length} elements`;
      }
      const wrong = constant.elements.findIndex((element, index) => !sameType(element.type, memberType(constant.type, index)!));
      return wrong < 0 ? undefined : `element ${wrong} of a ${printType(constant.type)} constant has type ${printType(constant.elements[wrong]!.type)}`;
    }
    case "data":
      return constant.elements.length === constant.type.length ? undefined
        : `${printType(constant.type)} data with ${constant.elements.length} elements`;
    case "expr": return expressionProblem(constant);
    default: return undefined;
  }
}

/**
 * The first problem in a constant or the constants it is made of, including a constant that
 * contains itself (a forward reference resolved to itself). `checked` holds constants already
 * found sound, so shared ones are visited once.
 */
export function constantProblem(root: Constant, checked: Set<Constant>): string | undefined {
  const kind = root.valueKind;
  if ((kind !== "expr" && kind !== "aggregate" && kind !== "data") || checked.has(root)) return undefined;
  const open = new Set<Constant>();
  const stack: [Constant, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [constant, leaving] = stack.pop()!;
    if (leaving) {
      open.delete(constant);
      checked.add(constant);
      continue;
    }
    if (checked.has(constant)) continue;
    if (open.has(constant)) return `a constant of type ${printType(constant.type)} contains itself`;
    const problem = ownProblem(constant);
    if (problem !== undefined) return problem;
    open.add(constant);
    stack.push([constant, true]);
    if (constant.valueKind === "aggregate") for (const element of constant.elements) stack.push([element, false]);
    if (constant.valueKind === "expr") for (const operand of constant.operands) stack.push([operand, false]);
  }
  return undefined;
}
