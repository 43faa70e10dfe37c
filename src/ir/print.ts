/**
 * The IR in LLVM's textual syntax, as `llvm-dis` of the producing LLVM version prints it
 * (AsmWriter.cpp `AssemblyWriter`): typed pointers (`i32*`) for clang-14 modules and `ptr` for
 * opaque-pointer ones follow from the types themselves.
 *
 * What is left out, because the IR does not keep it: comments (`; ModuleID`, `; preds`,
 * `; Function Attrs`), attribute group definitions and their `#N` references, metadata and
 * its attachments, use-list orders, comdats. docs/IR.md describes the normalisation that
 * makes llvm-dis's text comparable to ours.
 */
import { paramAttributes } from "./attributes.js";
import type { BinaryInstruction, CallInstruction, CastInstruction, Instruction } from "./instructions.js";
import { binaryOpcodes, castOpcodes } from "./instructions.js";
import { escapeString, quoteName } from "./names.js";
import { namedStructOrder, printStructBody, printType } from "./print-types.js";
import { fastMathFlags, ValuePrinter, wrapFlags } from "./print-values.js";
import type { BasicBlock, Function, GlobalAlias, GlobalVariable, Linkage, Module, Value } from "./values.js";

export { printType } from "./print-types.js";
export { ValuePrinter } from "./print-values.js";

const castOpcodeSet: ReadonlySet<string> = new Set(castOpcodes);
const binaryOpcodeSet: ReadonlySet<string> = new Set(binaryOpcodes);

/** Calling conventions by number (llvm/IR/CallingConv.h); others print as `cc N`. */
const callingConventions: Record<number, string> = {
  8: "fastcc", 9: "coldcc", 10: "ghccc", 64: "x86_stdcallcc", 65: "x86_fastcallcc", 66: "arm_apcscc",
  70: "x86_thiscallcc", 78: "x86_64_sysvcc", 79: "win64cc", 80: "x86_vectorcallcc", 83: "x86_intrcc", 92: "x86_regcallcc",
};

function callingConvention(number: number): string {
  return callingConventions[number] ?? `cc ${number}`;
}

function linkageText(linkage: Linkage): string {
  return linkage === "external" ? "" : `${linkage} `;
}

const threadLocalModels: Record<string, string> = {
  generaldynamic: "thread_local ", localdynamic: "thread_local(localdynamic) ",
  initialexec: "thread_local(initialexec) ", localexec: "thread_local(localexec) ",
};

interface Placed {
  linkage: Linkage;
  dsoLocal: boolean;
  visibility: "default" | "hidden" | "protected";
}

/** `dso_local ` unless implied by the linkage or visibility, then the visibility. */
function placement(value: Placed): string {
  const local = value.linkage === "private" || value.linkage === "internal";
  const implied = local || (value.visibility !== "default" && value.linkage !== "extern_weak");
  const dso = value.dsoLocal && !implied ? "dso_local " : "";
  return dso + (value.visibility === "default" ? "" : `${value.visibility} `);
}

function unnamedAddr(value: { unnamedAddr: string }): string {
  return value.unnamedAddr === "none" ? "" : value.unnamedAddr;
}

/** The whole module. */
export function printModule(module: Module): string {
  const printer = new ValuePrinter(module);
  const lines: string[] = [];
  if (module.sourceFileName) lines.push(`source_filename = "${escapeString(module.sourceFileName)}"`);
  if (module.dataLayout) lines.push(`target datalayout = "${module.dataLayout}"`);
  if (module.triple) lines.push(`target triple = "${module.triple}"`);
  const structs = namedStructOrder(module);
  if (structs.length > 0) lines.push("");
  for (const struct of structs) lines.push(`%${quoteName(struct.name!)} = type ${printStructBody(struct)}`);
  if (module.globals.length > 0) lines.push("");
  for (const global of module.globals) lines.push(printGlobal(global, printer));
  if (module.aliases.length > 0) lines.push("");
  for (const alias of module.aliases) lines.push(printAlias(alias, printer));
  for (const fn of module.functions) lines.push("", functionText(fn, printer));
  return `${lines.join("\n")}\n`;
}

function printGlobal(global: GlobalVariable, printer: ValuePrinter): string {
  let text = `${printer.globalName(global)} = `;
  if (global.initializer === undefined && global.linkage === "external") text += "external ";
  text += linkageText(global.linkage) + placement(global);
  if (global.threadLocal !== undefined) text += threadLocalModels[global.threadLocal] ?? "thread_local ";
  const unnamed = unnamedAddr(global);
  if (unnamed) text += `${unnamed} `;
  if (global.addressSpace !== 0) text += `addrspace(${global.addressSpace}) `;
  if (global.externallyInitialized) text += "externally_initialized ";
  text += `${global.isConstant ? "constant" : "global"} ${printType(global.valueType)}`;
  if (global.initializer !== undefined) text += ` ${printer.operand(global.initializer)}`;
  if (global.section !== undefined) text += `, section "${escapeString(global.section)}"`;
  if (global.align !== undefined) text += `, align ${global.align}`;
  return text;
}

/** `@a = alias i32, ptr @b`; a constant-expression aliasee is printed without its type. */
function printAlias(alias: GlobalAlias, printer: ValuePrinter): string {
  const unnamed = unnamedAddr(alias);
  const aliasee = alias.aliasee.valueKind === "expr" ? printer.operand(alias.aliasee) : printer.typed(alias.aliasee);
  return `${printer.globalName(alias)} = ${linkageText(alias.linkage)}${placement(alias)}${unnamed ? `${unnamed} ` : ""}` +
    `alias ${printType(alias.valueType)}, ${aliasee}`;
}

/** One function (definition or declaration), numbering its values on its own. */
export function printFunction(fn: Function, module?: Module): string {
  return functionText(fn, new ValuePrinter(module));
}

function functionText(fn: Function, printer: ValuePrinter): string {
  printer.enterFunction(fn);
  const declaration = fn.blocks.length === 0;
  let text = declaration ? "declare " : "define ";
  text += linkageText(fn.linkage) + placement(fn);
  if (fn.callingConv !== 0) text += `${callingConvention(fn.callingConv)} `;
  if (fn.attributes.return.length > 0) text += `${printer.attributes(fn.attributes.return)} `;
  text += `${printType(fn.functionType.result)} ${printer.globalName(fn)}(`;
  const params = fn.functionType.params.map((type, index) => {
    const attributes = printer.attributes(paramAttributes(fn.attributes, index));
    const head = attributes ? `${printType(type)} ${attributes}` : printType(type);
    const param = fn.params[index];
    return declaration || param === undefined ? head : `${head} ${printer.operand(param)}`;
  });
  if (fn.functionType.varArgs) params.push("...");
  text += `${params.join(", ")})`;
  const unnamed = unnamedAddr(fn);
  if (unnamed) text += ` ${unnamed}`;
  if (fn.section !== undefined) text += ` section "${escapeString(fn.section)}"`;
  if (fn.align !== undefined) text += ` align ${fn.align}`;
  if (fn.gc !== undefined) text += ` gc "${escapeString(fn.gc)}"`;
  if (declaration) return text;
  const lines = [`${text} {`];
  fn.blocks.forEach((block, index) => {
    if (index > 0) lines.push("", printer.label(block));
    else if (block.name) lines.push(printer.label(block));
    for (const instruction of block.instructions) lines.push(`  ${printInstruction(instruction, printer)}`);
  });
  lines.push("}");
  return lines.join("\n");
}

/**
 * One instruction, without indentation, e.g. `%5 = add nsw i32 %3, %4`. Without a printer, its
 * function's values are numbered for it (pass the module to number unnamed globals too).
 */
export function printInstruction(instruction: Instruction, printer?: ValuePrinter, module?: Module): string {
  if (printer === undefined) {
    printer = new ValuePrinter(module);
    const fn = instruction.parent?.parent;
    if (fn !== undefined) printer.enterFunction(fn);
  }
  const result = instruction.type.kind === "void" ? "" : `${printer.operand(instruction)} = `;
  return result + instructionBody(instruction, printer);
}

function instructionBody(instruction: Instruction, printer: ValuePrinter): string {
  const operands = instruction.operands;
  switch (instruction.opcode) {
    case "br": case "switch": case "indirectbr": case "ret": case "unreachable":
      return terminatorText(instruction, printer);
    case "alloca": case "load": case "store": case "getelementptr":
      return memoryText(instruction, printer);
    case "phi": {
      const incoming = operands.map((value, index) =>
        `[ ${printer.operand(value)}, ${printer.operand(instruction.blocks[index]!)} ]`);
      return `phi ${printType(instruction.type)} ${incoming.join(", ")}`;
    }
    case "call": return callText(instruction, printer);
    case "icmp": case "fcmp":
      return `${instruction.opcode}${fastMathFlags(instruction.fastMath)} ${instruction.predicate} ${operandList(operands, printer)}`;
    case "extractvalue": case "insertvalue":
      return `${instruction.opcode} ${typedList(operands, printer)}, ${instruction.indices.join(", ")}`;
    case "select": case "shufflevector": return `${instruction.opcode} ${typedList(operands, printer)}`;
    case "fneg": case "freeze":
      return `${instruction.opcode}${fastMathFlags(instruction.fastMath)} ${printer.typed(operands[0]!)}`;
    case "extractelement": case "insertelement": return `${instruction.opcode} ${operandList(operands, printer)}`;
    case "fence": return instruction.detail;
    case "va_arg": return `va_arg ${printer.typed(operands[0]!)}, ${printType(instruction.type)}`;
    case "atomicrmw": case "cmpxchg": case "invoke": case "landingpad": case "resume":
    case "callbr": case "cleanupret": case "catchret": case "catchswitch": case "catchpad": case "cleanuppad":
      // Instructions the JIT refuses: the reader keeps a summary, not everything LLVM prints.
      return [instruction.detail, typedList(operands, printer)].filter(Boolean).join(" ");
    default:
      if (castOpcodeSet.has(instruction.opcode)) {
        const cast = instruction as CastInstruction;
        return `${cast.opcode}${wrapFlags(cast.flags)} ${printer.typed(operands[0]!)} to ${printType(cast.type)}`;
      }
      if (binaryOpcodeSet.has(instruction.opcode)) {
        const binary = instruction as BinaryInstruction;
        return `${binary.opcode}${fastMathFlags(binary.fastMath)}${wrapFlags(binary.flags)} ${operandList(operands, printer)}`;
      }
      return instruction.opcode;
  }
}

type Terminator = Extract<Instruction, { opcode: "br" | "switch" | "indirectbr" | "ret" | "unreachable" }>;

function terminatorText(instruction: Terminator, printer: ValuePrinter): string {
  const operands = instruction.operands;
  const labels = (targets: readonly BasicBlock[]): string => targets.map((target) => `label ${printer.operand(target)}`).join(", ");
  switch (instruction.opcode) {
    case "br":
      if (operands.length === 0) return `br ${labels(instruction.targets)}`;
      return `br ${printer.typed(operands[0]!)}, ${labels(instruction.targets)}`;
    case "switch": {
      const cases = instruction.cases.map((entry) =>
        `\n    ${printer.typed(entry.value)}, label ${printer.operand(entry.target)}`).join("");
      return `switch ${printer.typed(operands[0]!)}, label ${printer.operand(instruction.defaultTarget)} [${cases}\n  ]`;
    }
    case "indirectbr": return `indirectbr ${printer.typed(operands[0]!)}, [${labels(instruction.targets)}]`;
    case "ret": return operands.length === 0 ? "ret void" : `ret ${printer.typed(operands[0]!)}`;
    case "unreachable": return "unreachable";
  }
}

type MemoryInstruction = Extract<Instruction, { opcode: "alloca" | "load" | "store" | "getelementptr" }>;

function memoryText(instruction: MemoryInstruction, printer: ValuePrinter): string {
  const operands = instruction.operands;
  switch (instruction.opcode) {
    case "alloca": {
      let text = `alloca ${instruction.inalloca ? "inalloca " : ""}${printType(instruction.allocatedType)}`;
      const count = operands[0];
      if (count !== undefined && !(count.valueKind === "int" && count.type.bits === 32 && count.value === 1n)) {
        text += `, ${printer.typed(count)}`;
      }
      text += `, align ${instruction.align}`;
      return instruction.type.kind === "pointer" && instruction.type.addressSpace !== 0
        ? `${text}, addrspace(${instruction.type.addressSpace})` : text;
    }
    case "load":
      return `load${memoryPrefix(instruction)} ${printType(instruction.type)}, ${printer.typed(operands[0]!)}${memorySuffix(instruction)}`;
    case "store": return `store${memoryPrefix(instruction)} ${typedList(operands, printer)}${memorySuffix(instruction)}`;
    case "getelementptr":
      return `getelementptr${instruction.inbounds ? " inbounds" : ""} ${printType(instruction.sourceType)}, ${operandList(operands, printer)}`;
  }
}

/** Every operand with its type: `i32 %1, ptr %2`. */
function typedList(operands: readonly Value[], printer: ValuePrinter): string {
  return operands.map((operand) => printer.typed(operand)).join(", ");
}

/** LLVM's generic operand list: the type once if all operands share it, else before each. */
function operandList(operands: readonly Value[], printer: ValuePrinter): string {
  const first = operands[0];
  if (first === undefined) return "";
  const firstType = printType(first.type);
  const allSame = operands.every((operand) => printType(operand.type) === firstType);
  if (allSame) return `${firstType} ${operands.map((operand) => printer.operand(operand)).join(", ")}`;
  return operands.map((operand) => printer.typed(operand)).join(", ");
}

interface MemoryAccess { volatile: boolean; ordering: string | undefined; align: number | undefined }

function memoryPrefix(access: MemoryAccess): string {
  return (access.ordering !== undefined ? " atomic" : "") + (access.volatile ? " volatile" : "");
}

function memorySuffix(access: MemoryAccess): string {
  return (access.ordering !== undefined ? ` ${access.ordering}` : "") + (access.align !== undefined ? `, align ${access.align}` : "");
}

function callText(call: CallInstruction, printer: ValuePrinter): string {
  const tail = call.tail === "none" ? "" : `${call.tail} `;
  let text = `${tail}call${fastMathFlags(call.fastMath)}`;
  if (call.callingConv !== 0) text += ` ${callingConvention(call.callingConv)}`;
  if (call.attributes.return.length > 0) text += ` ${printer.attributes(call.attributes.return)}`;
  const type = call.functionType.varArgs ? call.functionType : call.functionType.result;
  const callee = call.operands[0]!;
  const args = call.operands.slice(1).map((argument, index) => {
    const attributes = printer.attributes(paramAttributes(call.attributes, index));
    return attributes ? `${printType(argument.type)} ${attributes} ${printer.operand(argument)}` : printer.typed(argument);
  });
  if (call.tail === "musttail" && call.parent?.parent.functionType.varArgs) args.push("...");
  return `${text} ${printType(type)} ${printer.operand(callee)}(${args.join(", ")})`;
}

/** A value as an operand with its type, outside any function (for messages). */
export function printValue(value: Value, module?: Module): string {
  return new ValuePrinter(module).typed(value);
}
