/**
 * What the first-tier JIT refuses, checked when a module loads (before any code is generated):
 * floating point, vectors, inline asm, atomics, exception handling. Each refusal is one
 * InputError naming the function and the instruction:
 * `fib.bc: function "f": unsupported instruction: fadd double (floating point)`.
 * Lowering uses `refuse` for the rarer cases it meets later (an unknown intrinsic, say).
 */
import type { Function, Instruction, Module, Type, Value } from "../ir/index.js";
import { InputError } from "../errors.js";

export function typeText(type: Type): string {
  switch (type.kind) {
    case "int": return `i${type.bits}`;
    case "float": return type.name;
    case "pointer": return type.pointee === undefined ? "ptr" : `${typeText(type.pointee)}*`;
    case "array": return `[${type.length} x ${typeText(type.element)}]`;
    case "vector": return `<${type.length} x ${typeText(type.element)}>`;
    case "struct": return type.name !== undefined ? `%${type.name}` : `{ ${type.fields.map(typeText).join(", ")} }`;
    case "function": return `${typeText(type.result)} (${type.params.map(typeText).join(", ")})`;
    default: return type.kind;
  }
}

/** `fadd double`, `call @llvm.foo.i32`, `load atomic i32`: enough to find the instruction. */
export function instructionText(instruction: Instruction): string {
  if (instruction.opcode === "call") {
    const callee = instruction.operands[0]!;
    const name = callee.valueKind === "inlineasm" ? `asm ${JSON.stringify(callee.asm)}`
      : "name" in callee && typeof callee.name === "string" ? `@${callee.name}` : callee.valueKind;
    return `call ${typeText(instruction.functionType.result)} ${name}`;
  }
  const type = instruction.type.kind === "void" && instruction.operands.length > 0 ? instruction.operands[0]!.type : instruction.type;
  const atomic = (instruction.opcode === "load" || instruction.opcode === "store") && instruction.ordering !== undefined ? " atomic" : "";
  const opcode = "detail" in instruction && instruction.detail !== "" ? instruction.detail : instruction.opcode;
  return `${opcode}${atomic} ${typeText(type)}`;
}

export function refuse(file: string, fn: Function, instruction: Instruction, reason: string): never {
  throw new InputError(file, `function "${fn.name}": unsupported instruction: ${instructionText(instruction)} (${reason})`);
}

const refusedOpcodes: Record<string, string> = {
  fence: "atomic", atomicrmw: "atomic", cmpxchg: "atomic", va_arg: "va_arg",
  invoke: "exception handling", landingpad: "exception handling", resume: "exception handling",
  callbr: "inline asm", cleanupret: "exception handling", catchret: "exception handling",
  catchswitch: "exception handling", catchpad: "exception handling", cleanuppad: "exception handling",
  extractelement: "vector", insertelement: "vector", shufflevector: "vector", fneg: "floating point",
  indirectbr: "indirect branch",
};

function typeReason(type: Type): string | undefined {
  if (type.kind === "float") return "floating point";
  if (type.kind === "vector") return "vector";
  return undefined;
}

function valueReason(value: Value): string | undefined {
  if (value.valueKind === "inlineasm") return "inline asm";
  return typeReason(value.type);
}

function instructionReason(instruction: Instruction): string | undefined {
  const refused = refusedOpcodes[instruction.opcode];
  if (refused !== undefined) return refused;
  if ((instruction.opcode === "load" || instruction.opcode === "store") && instruction.ordering !== undefined) return "atomic";
  const own = typeReason(instruction.type);
  if (own !== undefined) return own;
  for (const operand of instruction.operands) {
    const reason = valueReason(operand);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

/** Throws InputError for the first unsupported instruction of the first function that has one. */
export function checkSupported(module: Module, file: string): void {
  for (const fn of module.functions) {
    for (const block of fn.blocks) {
      for (const instruction of block.instructions) {
        const reason = instructionReason(instruction);
        if (reason !== undefined) refuse(file, fn, instruction, reason);
      }
    }
  }
}
