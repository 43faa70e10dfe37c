/**
 * IR instructions (LangRef "Instruction Reference").
 *
 * One object per instruction, discriminated by `opcode`. Every value operand is in `operands`,
 * in LLVM's textual order, so passes that only need the use graph (verifier, liveness) can walk
 * `operands` without knowing the opcode; opcode-specific data (predicates, types, targets,
 * alignment) sit in named fields. Block operands (branch targets, phi predecessors) are not
 * values: they are BasicBlock references in `targets`, `blocks`, `cases`.
 */
import type { AttributeList } from "./attributes.js";
import type { BasicBlock, ConstantInt, Value, WrapFlags } from "./values.js";
import type { FunctionType, Type } from "./types.js";
import type { SourceLocation } from "./source-location.js";

export const binaryOpcodes = [
  "add", "fadd", "sub", "fsub", "mul", "fmul", "udiv", "sdiv", "fdiv", "urem", "srem", "frem",
  "shl", "lshr", "ashr", "and", "or", "xor",
] as const;
export type BinaryOpcode = (typeof binaryOpcodes)[number];

export const castOpcodes = [
  "trunc", "zext", "sext", "fptoui", "fptosi", "uitofp", "sitofp", "fptrunc", "fpext",
  "ptrtoint", "inttoptr", "bitcast", "addrspacecast",
] as const;
export type CastOpcode = (typeof castOpcodes)[number];

export const integerPredicates = ["eq", "ne", "ugt", "uge", "ult", "ule", "sgt", "sge", "slt", "sle"] as const;
export type IntegerPredicate = (typeof integerPredicates)[number];

export const floatPredicates = [
  "false", "oeq", "ogt", "oge", "olt", "ole", "one", "ord", "uno", "ueq", "ugt", "uge", "ult", "ule",
  "une", "true",
] as const;
export type FloatPredicate = (typeof floatPredicates)[number];

export type AtomicOrdering = "unordered" | "monotonic" | "acquire" | "release" | "acq_rel" | "seq_cst";

interface InstructionBase {
  readonly valueKind: "instruction";
  /** Result type; `void` for instructions without a result. */
  type: Type;
  name: string | undefined;
  parent: BasicBlock | undefined;
  operands: Value[];
  /** Where the instruction comes from, when the module has debug info (`!dbg`). */
  location?: SourceLocation;
}

export interface BinaryInstruction extends InstructionBase {
  readonly opcode: BinaryOpcode;
  flags: WrapFlags;
  /** Fast-math flags bit set as stored in bitcode (0 = none). */
  fastMath: number;
}

export interface UnaryInstruction extends InstructionBase {
  readonly opcode: "fneg" | "freeze";
  fastMath: number;
}

export interface CastInstruction extends InstructionBase {
  readonly opcode: CastOpcode;
  flags: WrapFlags;
}

export interface CompareInstruction extends InstructionBase {
  readonly opcode: "icmp" | "fcmp";
  predicate: IntegerPredicate | FloatPredicate;
  fastMath: number;
}

export interface AllocaInstruction extends InstructionBase {
  readonly opcode: "alloca";
  /** operands: [count] */
  allocatedType: Type;
  align: number;
  inalloca: boolean;
}

export interface LoadInstruction extends InstructionBase {
  readonly opcode: "load";
  /** operands: [pointer] */
  align: number | undefined;
  volatile: boolean;
  ordering: AtomicOrdering | undefined;
}

export interface StoreInstruction extends InstructionBase {
  readonly opcode: "store";
  /** operands: [value, pointer] */
  align: number | undefined;
  volatile: boolean;
  ordering: AtomicOrdering | undefined;
}

export interface GetElementPtrInstruction extends InstructionBase {
  readonly opcode: "getelementptr";
  /** operands: [pointer, ...indices] */
  sourceType: Type;
  inbounds: boolean;
}

export interface PhiInstruction extends InstructionBase {
  readonly opcode: "phi";
  /** operands[i] flows in from blocks[i]. */
  blocks: BasicBlock[];
}

export interface SelectInstruction extends InstructionBase {
  readonly opcode: "select";
  /** operands: [condition, ifTrue, ifFalse] */
}

export type TailKind = "none" | "tail" | "musttail" | "notail";

export interface CallInstruction extends InstructionBase {
  readonly opcode: "call";
  /** operands: [callee, ...arguments]; the callee may be an InlineAsm value. */
  functionType: FunctionType;
  tail: TailKind;
  callingConv: number;
  attributes: AttributeList;
  fastMath: number;
}

export interface ReturnInstruction extends InstructionBase {
  readonly opcode: "ret";
  /** operands: [] or [value] */
}

export interface BranchInstruction extends InstructionBase {
  readonly opcode: "br";
  /** operands: [] (unconditional, targets: [dest]) or [condition] (targets: [ifTrue, ifFalse]) */
  targets: BasicBlock[];
}

export interface SwitchCase { value: ConstantInt; target: BasicBlock }

export interface SwitchInstruction extends InstructionBase {
  readonly opcode: "switch";
  /** operands: [condition] */
  defaultTarget: BasicBlock;
  cases: SwitchCase[];
}

export interface IndirectBranchInstruction extends InstructionBase {
  readonly opcode: "indirectbr";
  /** operands: [address] */
  targets: BasicBlock[];
}

export interface UnreachableInstruction extends InstructionBase {
  readonly opcode: "unreachable";
}

export interface AggregateInstruction extends InstructionBase {
  /** extractvalue: operands [aggregate]; insertvalue: operands [aggregate, element] */
  readonly opcode: "extractvalue" | "insertvalue";
  indices: number[];
}

export interface VectorInstruction extends InstructionBase {
  /** extractelement [vector, index]; insertelement [vector, element, index]; shufflevector [a, b, mask] */
  readonly opcode: "extractelement" | "insertelement" | "shufflevector";
}

/** Atomic and other instructions the JIT refuses; kept so that the printer and errors can name them. */
export interface OtherInstruction extends InstructionBase {
  readonly opcode: "fence" | "atomicrmw" | "cmpxchg" | "va_arg" | "invoke" | "landingpad" | "resume" |
    "callbr" | "cleanupret" | "catchret" | "catchswitch" | "catchpad" | "cleanuppad";
  /** A short description of what the record held, for messages (e.g. "atomicrmw add"). */
  detail: string;
}

export type Instruction =
  | BinaryInstruction
  | UnaryInstruction
  | CastInstruction
  | CompareInstruction
  | AllocaInstruction
  | LoadInstruction
  | StoreInstruction
  | GetElementPtrInstruction
  | PhiInstruction
  | SelectInstruction
  | CallInstruction
  | ReturnInstruction
  | BranchInstruction
  | SwitchInstruction
  | IndirectBranchInstruction
  | UnreachableInstruction
  | AggregateInstruction
  | VectorInstruction
  | OtherInstruction;

export type Opcode = Instruction["opcode"];

const terminatorOpcodes: ReadonlySet<string> = new Set([
  "ret", "br", "switch", "indirectbr", "unreachable", "invoke", "resume", "callbr", "cleanupret",
  "catchret", "catchswitch",
]);

export function isTerminator(instruction: Instruction): boolean {
  return terminatorOpcodes.has(instruction.opcode);
}

export function isBinaryOpcode(opcode: string): opcode is BinaryOpcode {
  return (binaryOpcodes as readonly string[]).includes(opcode);
}

export function isCastOpcode(opcode: string): opcode is CastOpcode {
  return (castOpcodes as readonly string[]).includes(opcode);
}

/** The blocks a terminator can transfer control to, in order. */
export function successors(instruction: Instruction): BasicBlock[] {
  switch (instruction.opcode) {
    case "br": case "indirectbr": return instruction.targets;
    case "switch": return [instruction.defaultTarget, ...instruction.cases.map((entry) => entry.target)];
    default: return [];
  }
}
