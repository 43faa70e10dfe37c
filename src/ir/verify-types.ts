/**
 * Operand and result types per opcode: the typing half of the verifier (LangRef's
 * "Instruction Reference", and LLVM's Verifier.cpp `visit*` methods for the checks it makes).
 *
 * One rule per opcode family, in a table; a rule returns a message, or undefined if the
 * instruction is well typed. Types in messages are printed as in LLVM's syntax.
 */
import type { AllocaInstruction, CallInstruction, CastOpcode, GetElementPtrInstruction, Instruction, Opcode } from "./instructions.js";
import { binaryOpcodes, castOpcodes } from "./instructions.js";
import { printType } from "./print-types.js";
import { attributeProblem } from "./verify-attributes.js";
import type { FloatType, Type } from "./types.js";
import { sameType } from "./types.js";
import type { Function, Value } from "./values.js";

type Rule = (instruction: Instruction, fn: Function) => string | undefined;

/** The element type of a vector, or the type itself. */
function scalar(type: Type): Type {
  return type.kind === "vector" ? type.element : type;
}

function sameShape(a: Type, b: Type): boolean {
  if (a.kind === "vector" || b.kind === "vector") {
    return a.kind === "vector" && b.kind === "vector" && a.length === b.length && a.scalable === b.scalable;
  }
  return true;
}

function isIntegerLike(type: Type): boolean {
  return scalar(type).kind === "int";
}

function isFloatLike(type: Type): boolean {
  return scalar(type).kind === "float";
}

/** Size in bits for bitcast checks; undefined for types without a fixed scalar size. */
function primitiveBits(type: Type): number | undefined {
  if (type.kind === "vector") {
    const element = primitiveBits(type.element);
    return element === undefined ? undefined : element * type.length;
  }
  if (type.kind === "int" || type.kind === "float") return type.bits;
  return undefined;
}

const floatRank: Record<FloatType["name"], number> = { half: 1, bfloat: 1, float: 2, double: 3, x86_fp80: 4, fp128: 5, ppc_fp128: 5 };

/** Why a cast is invalid, or undefined (Instruction.cpp `castIsValid`). */
export function castProblem(opcode: CastOpcode, from: Type, to: Type): string | undefined {
  const fromScalar = scalar(from);
  const toScalar = scalar(to);
  const bad = `${opcode} from ${printType(from)} to ${printType(to)} is not a valid cast`;
  if (!sameShape(from, to)) return bad;
  const ints = fromScalar.kind === "int" && toScalar.kind === "int";
  const floats = fromScalar.kind === "float" && toScalar.kind === "float";
  switch (opcode) {
    case "trunc": return ints && fromScalar.bits > toScalar.bits ? undefined : bad;
    case "zext": case "sext": return ints && fromScalar.bits < toScalar.bits ? undefined : bad;
    case "fptrunc": return floats && floatRank[fromScalar.name] > floatRank[toScalar.name] ? undefined : bad;
    case "fpext": return floats && floatRank[fromScalar.name] < floatRank[toScalar.name] ? undefined : bad;
    case "fptoui": case "fptosi": return fromScalar.kind === "float" && toScalar.kind === "int" ? undefined : bad;
    case "uitofp": case "sitofp": return fromScalar.kind === "int" && toScalar.kind === "float" ? undefined : bad;
    case "ptrtoint": return fromScalar.kind === "pointer" && toScalar.kind === "int" ? undefined : bad;
    case "inttoptr": return fromScalar.kind === "int" && toScalar.kind === "pointer" ? undefined : bad;
    case "addrspacecast":
      return fromScalar.kind === "pointer" && toScalar.kind === "pointer" && fromScalar.addressSpace !== toScalar.addressSpace
        ? undefined : bad;
    case "bitcast": return bitcastProblem(from, to, bad);
  }
}

function bitcastProblem(from: Type, to: Type, bad: string): string | undefined {
  const fromScalar = scalar(from);
  const toScalar = scalar(to);
  if (fromScalar.kind === "pointer" || toScalar.kind === "pointer") {
    return fromScalar.kind === "pointer" && toScalar.kind === "pointer" && fromScalar.addressSpace === toScalar.addressSpace
      ? undefined : bad;
  }
  const fromBits = primitiveBits(from);
  return fromBits !== undefined && fromBits === primitiveBits(to) ? undefined : bad;
}

function operandTypeProblem(values: readonly (Value | undefined)[]): string | undefined {
  if (values.some((value) => value === undefined)) return "an operand is missing";
  return undefined;
}

const binaryRule: Rule = (instruction) => {
  const [left, right] = instruction.operands;
  if (instruction.operands.length !== 2) return operandTypeProblem([left, right]) ?? "needs two operands";
  const type = instruction.type;
  if (!sameType(left!.type, type) || !sameType(right!.type, type)) {
    return `operands have types ${printType(left!.type)} and ${printType(right!.type)}, result ${printType(type)}`;
  }
  const floating = ["fadd", "fsub", "fmul", "fdiv", "frem"].includes(instruction.opcode);
  if (floating && !isFloatLike(type)) return `${instruction.opcode} needs floating-point operands, got ${printType(type)}`;
  if (!floating && !isIntegerLike(type)) return `${instruction.opcode} needs integer operands, got ${printType(type)}`;
  return undefined;
};

const castRule: Rule = (instruction) => {
  const source = instruction.operands[0];
  if (source === undefined) return "an operand is missing";
  return castProblem(instruction.opcode as CastOpcode, source.type, instruction.type);
};

const compareRule: Rule = (instruction) => {
  const [left, right] = instruction.operands;
  if (left === undefined || right === undefined) return "an operand is missing";
  if (!sameType(left.type, right.type)) return `operands have different types ${printType(left.type)} and ${printType(right.type)}`;
  const ok = instruction.opcode === "icmp" ? isIntegerLike(left.type) || scalar(left.type).kind === "pointer" : isFloatLike(left.type);
  const wanted = instruction.opcode === "icmp" ? "integer or pointer" : "floating-point";
  if (!ok) return `${instruction.opcode} needs ${wanted} operands, got ${printType(left.type)}`;
  return isBoolean(scalar(instruction.type)) ? undefined : `result must be i1, got ${printType(instruction.type)}`;
};

function pointerProblem(what: string, pointer: Value | undefined, accessed: Type): string | undefined {
  if (pointer === undefined) return "an operand is missing";
  if (pointer.type.kind !== "pointer") return `${what} needs a pointer operand, got ${printType(pointer.type)}`;
  const pointee = pointer.type.pointee;
  if (pointee !== undefined && !sameType(pointee, accessed)) {
    return `${what} of ${printType(accessed)} through ${printType(pointer.type)}`;
  }
  return undefined;
}

const memoryRules: Partial<Record<Opcode, Rule>> = {
  alloca: (instruction) => {
    const count = instruction.operands[0];
    if (count !== undefined && count.type.kind !== "int") return `element count has type ${printType(count.type)}`;
    const result = instruction.type;
    if (result.kind !== "pointer") return `result must be a pointer, got ${printType(result)}`;
    const allocated = (instruction as AllocaInstruction).allocatedType;
    if (result.pointee !== undefined && !sameType(result.pointee, allocated)) {
      return `result ${printType(result)} does not point to the allocated ${printType(allocated)}`;
    }
    return undefined;
  },
  load: (instruction) => pointerProblem("load", instruction.operands[0], instruction.type),
  store: (instruction) => {
    const [value, pointer] = instruction.operands;
    if (value === undefined) return "an operand is missing";
    return pointerProblem("store", pointer, value.type);
  },
  getelementptr: (instruction) => gepProblem(instruction as GetElementPtrInstruction),
};

/** Check the base and indices, and (typed pointers) that the result points to the indexed type. */
function gepProblem(instruction: GetElementPtrInstruction): string | undefined {
  const [base, ...indices] = instruction.operands;
  if (base === undefined) return "an operand is missing";
  if (scalar(base.type).kind !== "pointer") return `getelementptr needs a pointer base, got ${printType(base.type)}`;
  let current: Type = instruction.sourceType;
  for (const [position, index] of indices.entries()) {
    if (!isIntegerLike(index.type)) return `index ${position} has type ${printType(index.type)}, not an integer`;
    if (position === 0) continue;
    if (current.kind === "array" || current.kind === "vector") current = current.element;
    else if (current.kind === "struct") {
      const field = index.valueKind === "int" ? current.fields[Number(index.value)] : undefined;
      if (field === undefined || index.valueKind !== "int" || index.value < 0n) {
        return `index ${position} into ${printType(current)} must be a constant field number`;
      }
      current = field;
    } else return `index ${position} goes into ${printType(current)}, which is not an aggregate`;
  }
  const result = scalar(instruction.type);
  if (result.kind !== "pointer") return `result must be a pointer, got ${printType(instruction.type)}`;
  if (result.pointee !== undefined && !sameType(result.pointee, current)) {
    return `result ${printType(instruction.type)} does not point to the indexed type ${printType(current)}`;
  }
  return undefined;
}

const callRule: Rule = (instruction) => {
  const call = instruction as CallInstruction;
  const [callee, ...args] = call.operands;
  if (callee === undefined) return "an operand is missing";
  const type = call.functionType;
  if (callee.valueKind !== "inlineasm") {
    if (callee.type.kind !== "pointer") return `callee has type ${printType(callee.type)}, not a pointer`;
    const pointee = callee.type.pointee;
    if (pointee !== undefined && !sameType(pointee, type)) {
      return `callee has type ${printType(callee.type)}, call type is ${printType(type)}`;
    }
  }
  const fixed = type.params.length;
  if (args.length < fixed || (!type.varArgs && args.length > fixed)) {
    return `call has ${args.length} arguments, ${printType(type)} needs ${type.varArgs ? "at least " : ""}${fixed}`;
  }
  for (const [index, param] of type.params.entries()) {
    if (!sameType(args[index]!.type, param)) {
      return `argument ${index} has type ${printType(args[index]!.type)}, ${printType(type)} needs ${printType(param)}`;
    }
  }
  if (!sameType(call.type, type.result)) return `result type ${printType(call.type)} differs from ${printType(type)}`;
  return attributeProblem(call.attributes, args.map((argument) => argument.type), call.type);
};

const returnRule: Rule = (instruction, fn) => {
  const value = instruction.operands[0];
  const expected = fn.functionType.result;
  if (value === undefined) return expected.kind === "void" ? undefined : `returns nothing from a function returning ${printType(expected)}`;
  if (expected.kind === "void") return `returns ${printType(value.type)} from a void function`;
  return sameType(value.type, expected) ? undefined : `returns ${printType(value.type)} from a function returning ${printType(expected)}`;
};

function isBoolean(type: Type): boolean {
  return type.kind === "int" && type.bits === 1;
}

const controlRules: Partial<Record<Opcode, Rule>> = {
  ret: returnRule,
  br: (instruction) => {
    if (instruction.opcode !== "br") return undefined;
    const condition = instruction.operands[0];
    const wanted = condition === undefined ? 1 : 2;
    if (instruction.targets.length !== wanted) return `has ${instruction.targets.length} targets, expected ${wanted}`;
    return condition === undefined || isBoolean(condition.type) ? undefined : `condition has type ${printType(condition.type)}, expected i1`;
  },
  switch: (instruction) => {
    if (instruction.opcode !== "switch") return undefined;
    const condition = instruction.operands[0];
    if (condition === undefined) return "an operand is missing";
    if (condition.type.kind !== "int") return `condition has type ${printType(condition.type)}, expected an integer`;
    const seen = new Set<bigint>();
    for (const entry of instruction.cases) {
      if (!sameType(entry.value.type, condition.type)) return `case ${printType(entry.value.type)} ${entry.value.value} does not match the condition type ${printType(condition.type)}`;
      if (seen.has(entry.value.value)) return `duplicate case ${entry.value.value}`;
      seen.add(entry.value.value);
    }
    return undefined;
  },
  select: (instruction) => {
    const [condition, ifTrue, ifFalse] = instruction.operands;
    if (condition === undefined || ifTrue === undefined || ifFalse === undefined) return "an operand is missing";
    if (!isBoolean(scalar(condition.type))) return `condition has type ${printType(condition.type)}, expected i1`;
    if (!sameType(ifTrue.type, instruction.type) || !sameType(ifFalse.type, instruction.type)) {
      return `values have types ${printType(ifTrue.type)} and ${printType(ifFalse.type)}, result ${printType(instruction.type)}`;
    }
    return undefined;
  },
  phi: (instruction) => {
    if (instruction.operands.length === 0) return "a phi needs at least one incoming value";
    const wrong = instruction.operands.find((value) => !sameType(value.type, instruction.type));
    return wrong === undefined ? undefined : `incoming value has type ${printType(wrong.type)}, phi has ${printType(instruction.type)}`;
  },
  call: callRule,
};

/** The type `indices` select inside an aggregate, or undefined if one is out of range. */
function indexedType(aggregate: Type, indices: readonly number[]): Type | undefined {
  let current: Type | undefined = aggregate;
  for (const index of indices) {
    if (current?.kind === "struct") current = current.fields[index];
    else if (current?.kind === "array") current = index < current.length ? current.element : undefined;
    else return undefined;
  }
  return current;
}

function aggregateProblem(instruction: Instruction): string | undefined {
  if (instruction.opcode !== "extractvalue" && instruction.opcode !== "insertvalue") return undefined;
  const [aggregate, element] = instruction.operands;
  if (aggregate === undefined) return "an operand is missing";
  const selected = indexedType(aggregate.type, instruction.indices);
  if (selected === undefined || instruction.indices.length === 0) {
    return `indices ${instruction.indices.join(", ")} do not select a member of ${printType(aggregate.type)}`;
  }
  const [expected, actual] = instruction.opcode === "extractvalue"
    ? [selected, instruction.type] : [aggregate.type, instruction.type];
  if (!sameType(expected, actual)) return `result type ${printType(actual)}, expected ${printType(expected)}`;
  if (instruction.opcode === "insertvalue" && (element === undefined || !sameType(element.type, selected))) {
    return `inserted value has type ${element === undefined ? "none" : printType(element.type)}, expected ${printType(selected)}`;
  }
  return undefined;
}

function vectorProblem(instruction: Instruction): string | undefined {
  const [vector, second, third] = instruction.operands;
  if (vector === undefined || vector.type.kind !== "vector") return `needs a vector operand, got ${vector === undefined ? "none" : printType(vector.type)}`;
  const element = vector.type.element;
  if (instruction.opcode === "extractelement") {
    if (second === undefined || second.type.kind !== "int") return "the index must be an integer";
    return sameType(instruction.type, element) ? undefined : `result type ${printType(instruction.type)}, expected ${printType(element)}`;
  }
  if (instruction.opcode === "insertelement") {
    if (second === undefined || !sameType(second.type, element)) return `inserted value must have type ${printType(element)}`;
    if (third === undefined || third.type.kind !== "int") return "the index must be an integer";
  }
  return undefined;
}

const valueRules: Partial<Record<Opcode, Rule>> = {
  extractvalue: aggregateProblem,
  insertvalue: aggregateProblem,
  extractelement: vectorProblem,
  insertelement: vectorProblem,
  fneg: (instruction) => {
    const operand = instruction.operands[0];
    if (operand === undefined || !isFloatLike(operand.type)) return "fneg needs a floating-point operand";
    return sameType(operand.type, instruction.type) ? undefined : `result type ${printType(instruction.type)}, expected ${printType(operand.type)}`;
  },
  freeze: (instruction) => {
    const operand = instruction.operands[0];
    return operand !== undefined && sameType(operand.type, instruction.type) ? undefined : "result type differs from the operand's";
  },
  indirectbr: (instruction) => {
    const address = instruction.operands[0];
    return address !== undefined && address.type.kind === "pointer" ? undefined : "the address must be a pointer";
  },
};

const rules = new Map<Opcode, Rule>([
  ...binaryOpcodes.map((opcode): [Opcode, Rule] => [opcode, binaryRule]),
  ...castOpcodes.map((opcode): [Opcode, Rule] => [opcode, castRule]),
  ["icmp", compareRule], ["fcmp", compareRule],
  ...(Object.entries({ ...memoryRules, ...controlRules, ...valueRules }) as [Opcode, Rule][]),
]);

/** The type rule for an opcode, if there is one. */
export function typeRule(opcode: Opcode): Rule | undefined {
  return rules.get(opcode);
}
