/**
 * Instruction records of a FUNCTION_BLOCK, one reader per record code (LLVMBitCodes.h
 * `FunctionCodes`; operand layouts from LLVM's BitcodeWriter `writeInstruction`, the same in
 * LLVM 14..19 except where noted). "typed" below means a relative operand followed by a type
 * id when it refers forward (`pushValueAndType`); "plain" is a relative operand of a type
 * known from context (`pushValue`).
 */
import { i1, voidType, type FunctionType, type Type } from "../ir/types.js";
import type { AttributeList } from "../ir/attributes.js";
import type {
  AllocaInstruction, BinaryInstruction, CallInstruction, CastInstruction, CompareInstruction,
  GetElementPtrInstruction, Instruction, LoadInstruction, OtherInstruction, PhiInstruction,
  StoreInstruction, SwitchCase, TailKind,
} from "../ir/instructions.js";
import type { BasicBlock, Value } from "../ir/values.js";
import { sharedAttributeList } from "./attributes.js";
import { describeType } from "./describe.js";
import type { ReaderContext } from "./context.js";
import type { FunctionState } from "./function-body.js";
import {
  decodeBinaryOpcode, decodeCastFlags, decodeCastOpcode, decodePredicate, decodeWrapFlags,
} from "./opcodes.js";
import { FUNCTION_CODE as CODE, atomicOrderingTable, atomicRmwTable } from "./record-codes.js";
import { gepResultType, indexedAggregateType, decodeAlignment } from "./type-rules.js";

type InstructionReader = (state: FunctionState) => Instruction;

function isFloatLike(type: Type): boolean {
  return type.kind === "float" || (type.kind === "vector" && type.element.kind === "float");
}

function binary(state: FunctionState): BinaryInstruction {
  const lhs = state.valueAndType("BINOP");
  const rhs = state.value(lhs.type, "BINOP");
  const opcode = decodeBinaryOpcode(state.context, state.next("BINOP"), lhs.type);
  const flags = state.hasMore() ? state.next("BINOP") : 0;
  const float = isFloatLike(lhs.type);
  return {
    valueKind: "instruction", name: undefined, parent: undefined, opcode, type: lhs.type, operands: [lhs, rhs],
    flags: decodeWrapFlags(float ? "" : opcode, flags), fastMath: float ? flags : 0,
  };
}

function cast(state: FunctionState): CastInstruction {
  const operand = state.valueAndType("CAST");
  const type = state.type("CAST");
  const opcode = decodeCastOpcode(state.context, state.next("CAST"));
  const flags = state.hasMore() ? state.next("CAST") : 0;
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode, type, operands: [operand], flags: decodeCastFlags(opcode, flags) };
}

function unary(state: FunctionState): Instruction {
  const operand = state.valueAndType("UNOP");
  const opcode = state.next("UNOP");
  if (opcode !== 0) state.context.fail(`unary opcode ${opcode} is unknown`);
  const fastMath = state.hasMore() ? state.next("UNOP") : 0;
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "fneg", type: operand.type, operands: [operand], fastMath };
}

function freeze(state: FunctionState): Instruction {
  const operand = state.valueAndType("FREEZE");
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "freeze", type: operand.type, operands: [operand], fastMath: 0 };
}

/**
 * The rest of the record as typed operands, in an array of exact size (arrays grown by push
 * keep spare capacity, and instructions live as long as the module).
 */
function collectTyped(state: FunctionState, what: string): Value[] {
  const operands = new Array<Value>(state.length - state.slot);
  let count = 0;
  while (state.hasMore()) operands[count++] = state.valueAndType(what);
  if (count < operands.length) operands.length = count;
  return operands;
}

/** GEP `[flags (bit 0 inbounds), source type, typed operands...]`. */
function gep(state: FunctionState): GetElementPtrInstruction {
  const inbounds = (state.next("GEP") & 1) !== 0;
  const sourceType = state.type("GEP");
  const operands = collectTyped(state, "GEP");
  if (operands.length === 0) state.context.fail("GEP record without a pointer operand");
  const type = gepResultType(state.context, sourceType, operands);
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "getelementptr", type, operands, sourceType, inbounds };
}

/** VSELECT `[true typed, false plain, condition typed]`; old SELECT has an i1 plain condition. */
function select(state: FunctionState): Instruction {
  const ifTrue = state.valueAndType("SELECT");
  const ifFalse = state.value(ifTrue.type, "SELECT");
  const condition = state.context.cursor.code === CODE.SELECT ? state.value(i1, "SELECT") : state.valueAndType("SELECT");
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "select", type: ifTrue.type, operands: [condition, ifTrue, ifFalse] };
}

function extractElement(state: FunctionState): Instruction {
  const vector = state.valueAndType("EXTRACTELT");
  const index = state.valueAndType("EXTRACTELT");
  if (vector.type.kind !== "vector") state.context.fail(`extractelement from ${describeType(vector.type)}`);
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "extractelement", type: vector.type.element, operands: [vector, index] };
}

function insertElement(state: FunctionState): Instruction {
  const vector = state.valueAndType("INSERTELT");
  if (vector.type.kind !== "vector") state.context.fail(`insertelement into ${describeType(vector.type)}`);
  const element = state.value(vector.type.element, "INSERTELT");
  const index = state.valueAndType("INSERTELT");
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "insertelement", type: vector.type, operands: [vector, element, index] };
}

function shuffleVector(state: FunctionState): Instruction {
  const first = state.valueAndType("SHUFFLEVEC");
  const second = state.value(first.type, "SHUFFLEVEC");
  const mask = state.valueAndType("SHUFFLEVEC");
  if (first.type.kind !== "vector" || mask.type.kind !== "vector") state.context.fail("shufflevector of non-vectors");
  const type: Type = { kind: "vector", length: mask.type.length, element: first.type.element, scalable: mask.type.scalable };
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "shufflevector", type, operands: [first, second, mask] };
}

/** CMP2 `[lhs typed, rhs plain, predicate, fast-math?]`. */
function compare(state: FunctionState): CompareInstruction {
  const lhs = state.valueAndType("CMP2");
  const rhs = state.value(lhs.type, "CMP2");
  const predicate = decodePredicate(state.context, state.next("CMP2"), lhs.type);
  const fastMath = state.hasMore() ? state.next("CMP2") : 0;
  const type: Type = lhs.type.kind === "vector" ? { kind: "vector", length: lhs.type.length, element: i1, scalable: lhs.type.scalable } : i1;
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: isFloatLike(lhs.type) ? "fcmp" : "icmp", type, operands: [lhs, rhs], predicate, fastMath };
}

function ret(state: FunctionState): Instruction {
  const operands = state.hasMore() ? [state.valueAndType("RET")] : [];
  if (state.hasMore()) state.context.fail("RET with more than one value is not supported");
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "ret", type: voidType, operands };
}

/** BR `[target]` or `[if true, if false, condition plain i1]`. */
function branch(state: FunctionState): Instruction {
  const first = state.block("BR");
  if (!state.hasMore()) return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "br", type: voidType, operands: [], targets: [first] };
  const second = state.block("BR");
  const condition = state.value(i1, "BR");
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "br", type: voidType, operands: [condition], targets: [first, second] };
}

/** SWITCH `[type, condition plain, default block, (case value id absolute, block)*]`. */
function switchInstruction(state: FunctionState): Instruction {
  const type = state.type("SWITCH");
  if (type.kind !== "int") state.context.fail(`switch on ${describeType(type)}`);
  const condition = state.value(type, "SWITCH");
  const defaultTarget = state.block("SWITCH");
  const cases: SwitchCase[] = [];
  while (state.hasMore()) {
    const value = state.absoluteValue(type, "SWITCH");
    if (value.valueKind !== "int") state.context.fail("SWITCH case value is not an integer constant");
    cases.push({ value, target: state.block("SWITCH") });
  }
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "switch", type: voidType, operands: [condition], defaultTarget, cases };
}

function indirectBranch(state: FunctionState): Instruction {
  const type = state.type("INDIRECTBR");
  const address = state.value(type, "INDIRECTBR");
  const targets: BasicBlock[] = [];
  while (state.hasMore()) targets.push(state.block("INDIRECTBR"));
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "indirectbr", type: voidType, operands: [address], targets };
}

function unreachable(): Instruction {
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "unreachable", type: voidType, operands: [] };
}

/** PHI `[type, (signed relative value, block)*, fast-math?]`. */
function phi(state: FunctionState): PhiInstruction {
  const type = state.type("PHI");
  const pairs = Math.floor((state.length - 1) / 2);
  const operands = new Array<Value>(pairs);
  const blocks = new Array<BasicBlock>(pairs);
  for (let index = 0; index < pairs; index++) {
    operands[index] = state.signedValue(type, "PHI");
    blocks[index] = state.block("PHI");
  }
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "phi", type, operands, blocks };
}

/** ALLOCA `[allocated type, size type, size (absolute), align | flags, address space?]`. */
function alloca(state: FunctionState): AllocaInstruction {
  const context: ReaderContext = state.context;
  let allocatedType = state.type("ALLOCA");
  const sizeType = state.type("ALLOCA");
  const size = state.absoluteValue(sizeType, "ALLOCA");
  const record = state.next("ALLOCA");
  const addressSpace = state.hasMore() ? state.next("ALLOCA") : 0;
  if ((record & 64) === 0) {
    if (allocatedType.kind !== "pointer" || allocatedType.pointee === undefined) context.fail("ALLOCA without an explicit type");
    allocatedType = allocatedType.pointee;
  }
  const log2 = (record & 31) | ((Math.floor(record / 256) & 7) << 5);
  const align = decodeAlignment(context, log2) ?? 0;
  const type = context.pointerTo(allocatedType, addressSpace, context.typedPointers);
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "alloca", type, operands: [size], allocatedType, align, inalloca: (record & 32) !== 0 };
}

/** LOAD `[pointer typed, type, log2(align)+1, volatile]`, LOADATOMIC adds ordering and scope. */
function load(state: FunctionState): LoadInstruction {
  const context: ReaderContext = state.context;
  const pointer = state.valueAndType("LOAD");
  const atomic = context.cursor.code === CODE.LOADATOMIC;
  let type: Type | undefined;
  if (state.length - state.slot === (atomic ? 5 : 3)) type = state.type("LOAD");
  else type = pointer.type.kind === "pointer" ? pointer.type.pointee : undefined;
  if (type === undefined) context.fail("LOAD without a result type");
  const align = decodeAlignment(context, state.next("LOAD"));
  const isVolatile = state.next("LOAD") !== 0;
  const ordering = atomic ? atomicOrderingTable[state.next("LOAD")] : undefined;
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "load", type, operands: [pointer], align, volatile: isVolatile, ordering };
}

/** STORE `[pointer typed, value typed, log2(align)+1, volatile]`, STOREATOMIC adds ordering. */
function store(state: FunctionState): StoreInstruction {
  const context: ReaderContext = state.context;
  const pointer = state.valueAndType("STORE");
  const value = state.valueAndType("STORE");
  const align = decodeAlignment(context, state.next("STORE"));
  const isVolatile = state.next("STORE") !== 0;
  const ordering = context.cursor.code === CODE.STOREATOMIC ? atomicOrderingTable[state.next("STORE")] : undefined;
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "store", type: voidType, operands: [value, pointer], align, volatile: isVolatile, ordering };
}

/** CALL `[attributes, cc flags, fast-math?, function type?, callee typed, arguments...]`. */
function call(state: FunctionState): CallInstruction {
  const context: ReaderContext = state.context;
  const attributes: AttributeList = sharedAttributeList(context, state.next("CALL"));
  const flags = state.next("CALL");
  const fastMath = (flags & (1 << 17)) !== 0 ? state.next("CALL") : 0;
  let functionType: Type | undefined = (flags & (1 << 15)) !== 0 ? state.type("CALL") : undefined;
  const callee = state.valueAndType("CALL");
  if (functionType === undefined && callee.type.kind === "pointer") functionType = callee.type.pointee;
  if (functionType === undefined || functionType.kind !== "function") context.fail("CALL without a function type");
  const params = functionType.params;
  let operands: Value[];
  if (functionType.varArgs) {
    operands = [callee];
    for (const param of params) operands.push(state.value(param, "CALL"));
    operands.push(...collectTyped(state, "CALL"));
  } else {
    operands = new Array<Value>(params.length + 1);
    operands[0] = callee;
    for (let index = 0; index < params.length; index++) operands[index + 1] = state.value(params[index]!, "CALL");
    if (state.hasMore()) context.fail("CALL has more arguments than its function type");
  }
  const tail: TailKind = (flags & (1 << 14)) !== 0 ? "musttail" : (flags & (1 << 16)) !== 0 ? "notail" : (flags & 1) !== 0 ? "tail" : "none";
  return {
    valueKind: "instruction", name: undefined, parent: undefined, opcode: "call", type: functionType.result, operands, functionType: functionType as FunctionType,
    tail, callingConv: (flags >> 1) & 0x3ff, attributes, fastMath,
  };
}

function vaArg(state: FunctionState): Instruction {
  const listType = state.type("VAARG");
  const list = state.value(listType, "VAARG");
  const type = state.type("VAARG");
  return other(type, [list], "va_arg");
}

function extractValue(state: FunctionState): Instruction {
  const aggregate = state.valueAndType("EXTRACTVAL");
  const indices: number[] = [];
  while (state.hasMore()) indices.push(state.next("EXTRACTVAL"));
  const type = indexedAggregateType(state.context, aggregate.type, indices);
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "extractvalue", type, operands: [aggregate], indices };
}

function insertValue(state: FunctionState): Instruction {
  const aggregate = state.valueAndType("INSERTVAL");
  const element = state.valueAndType("INSERTVAL");
  const indices: number[] = [];
  while (state.hasMore()) indices.push(state.next("INSERTVAL"));
  indexedAggregateType(state.context, aggregate.type, indices);
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode: "insertvalue", type: aggregate.type, operands: [aggregate, element], indices };
}

function other(type: Type, operands: Value[], detail: string): OtherInstruction {
  const opcode = detail.split(" ")[0] as OtherInstruction["opcode"];
  return { valueKind: "instruction", name: undefined, parent: undefined, opcode, type, operands, detail };
}

function fence(state: FunctionState): Instruction {
  return other(voidType, [], `fence ${atomicOrderingTable[state.next("FENCE")] ?? "?"}`);
}

/** ATOMICRMW `[pointer typed, value typed, operation, volatile, ordering, scope, align]`. */
function atomicRmw(state: FunctionState): Instruction {
  const pointer = state.valueAndType("ATOMICRMW");
  const oldForm = state.context.cursor.code === CODE.ATOMICRMW_OLD;
  const pointee = pointer.type.kind === "pointer" ? pointer.type.pointee : undefined;
  const value = oldForm && pointee !== undefined ? state.value(pointee, "ATOMICRMW") : state.valueAndType("ATOMICRMW");
  const operation = atomicRmwTable[state.next("ATOMICRMW")] ?? "?";
  return other(value.type, [pointer, value], `atomicrmw ${operation}`);
}

/** CMPXCHG `[pointer typed, compare typed, new plain, volatile, success, scope, failure, weak, align]`. */
function compareExchange(state: FunctionState): Instruction {
  const pointer = state.valueAndType("CMPXCHG");
  const compareValue = state.valueAndType("CMPXCHG");
  const replacement = state.value(compareValue.type, "CMPXCHG");
  const type: Type = { kind: "struct", name: undefined, packed: false, fields: [compareValue.type, i1], opaque: false };
  return other(type, [pointer, compareValue, replacement], "cmpxchg");
}

export const instructionReaders: Partial<Record<number, InstructionReader>> = {
  [CODE.BINOP]: binary,
  [CODE.CAST]: cast,
  [CODE.UNOP]: unary,
  [CODE.FREEZE]: freeze,
  [CODE.GEP]: gep,
  [CODE.SELECT]: select,
  [CODE.VSELECT]: select,
  [CODE.EXTRACTELT]: extractElement,
  [CODE.INSERTELT]: insertElement,
  [CODE.SHUFFLEVEC]: shuffleVector,
  [CODE.CMP]: compare,
  [CODE.CMP2]: compare,
  [CODE.RET]: ret,
  [CODE.BR]: branch,
  [CODE.SWITCH]: switchInstruction,
  [CODE.INDIRECTBR]: indirectBranch,
  [CODE.UNREACHABLE]: unreachable,
  [CODE.PHI]: phi,
  [CODE.ALLOCA]: alloca,
  [CODE.LOAD]: load,
  [CODE.LOADATOMIC]: load,
  [CODE.STORE]: store,
  [CODE.STOREATOMIC]: store,
  [CODE.CALL]: call,
  [CODE.VAARG]: vaArg,
  [CODE.EXTRACTVAL]: extractValue,
  [CODE.INSERTVAL]: insertValue,
  [CODE.FENCE]: fence,
  [CODE.ATOMICRMW]: atomicRmw,
  [CODE.ATOMICRMW_OLD]: atomicRmw,
  [CODE.CMPXCHG]: compareExchange,
};
