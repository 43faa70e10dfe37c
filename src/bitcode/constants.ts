/**
 * CONSTANTS_BLOCK, at module level and in function bodies (LLVMBitCodes.h `ConstantsCodes`).
 *
 * SETTYPE sets the type of the constants that follow; every other record defines the next
 * value id. Operand ids are absolute. Constants refer to constants later in the block (the
 * writer sorts them by type and use count), so references to undefined ids get placeholders
 * and, at the end of the block, the operand arrays of aggregates and expressions created in
 * it are patched. Integers are sign-folded VBR (low bit = sign); values above 2^53 come
 * exactly from the cursor's `wide` map.
 */
import { i1, i32, isFirstClass, type FunctionType, type IntType, type PointerType, type Type } from "../ir/types.js";
import type {
  Constant, ConstantAggregate, ConstantExpr, ConstantExprOpcode, ConstantInt, InlineAsm, Value, WrapFlags,
} from "../ir/values.js";
import { ENTRY_END_BLOCK, ENTRY_SUBBLOCK } from "./bitstream.js";
import type { ReaderContext } from "./context.js";
import { describeType } from "./describe.js";
import { decodeBinaryOpcode, decodeCastOpcode, decodePredicate, decodeWrapFlags } from "./opcodes.js";
import { CONSTANTS_CODE as CST } from "./record-codes.js";
import { bigIntOf, decodeSigned, readFloatBits, readWideInteger } from "./numbers.js";

type Patchable = ConstantAggregate | ConstantExpr;

interface BlockState { type: Type; readonly patch: Patchable[] }

/** Reads a constants block (the cursor has just returned its ENTRY_SUBBLOCK). */
export function readConstantsBlock(context: ReaderContext): void {
  const cursor = context.cursor;
  cursor.enterBlock();
  const state: BlockState = { type: i32, patch: [] };
  for (;;) {
    const entry = cursor.advance();
    if (entry === ENTRY_END_BLOCK) break;
    if (entry === ENTRY_SUBBLOCK) {
      cursor.skipBlock();
      continue;
    }
    if (cursor.code === CST.SETTYPE) {
      state.type = context.type(context.op(0, "SETTYPE"), "SETTYPE");
      if (!isFirstClass(state.type)) context.fail(`SETTYPE to ${describeType(state.type)}, which is not a value type`);
      continue;
    }
    const constant = readConstant(context, state);
    if (constant.valueKind === "aggregate" || constant.valueKind === "expr") state.patch.push(constant);
    context.values.push(constant);
  }
  const values = context.values;
  if (values.pendingForward) {
    values.checkAllDefined();
    for (const constant of state.patch) {
      if (constant.valueKind === "aggregate") values.resolveAll(constant.elements);
      else values.resolveAll(constant.operands);
    }
    values.clearForward();
  }
  checkNesting(context, state.patch, cursor.position());
}

/** Deeper constant expressions are refused: printing or comparing them recurses that deep. */
const MAX_CONSTANT_DEPTH = 512;

/**
 * Refuses constant expressions nested deeper than MAX_CONSTANT_DEPTH, and cycles (possible only
 * through forward references in corrupt bitcode), at the end of their block. Iterative: the
 * input may be adversarial.
 */
function checkNesting(context: ReaderContext, constants: readonly Patchable[], blockEnd: number): void {
  const depth = new Map<Constant, number>();
  for (const root of constants) {
    if (depth.has(root)) continue;
    // Most constants (strings, GEPs of globals) have no aggregate or expression operands.
    if (!hasNestedConstant(root)) {
      depth.set(root, 1);
      continue;
    }
    const stack: { constant: Patchable; next: number; deepest: number }[] = [{ constant: root, next: 0, deepest: 0 }];
    const onStack = new Set<Constant>([root]);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const children = frame.constant.valueKind === "aggregate" ? frame.constant.elements : frame.constant.operands;
      if (frame.next < children.length) {
        const child = children[frame.next++]!;
        if (child.valueKind !== "aggregate" && child.valueKind !== "expr") continue;
        if (onStack.has(child)) context.fail("constant expression refers to itself", blockEnd);
        const known = depth.get(child);
        if (known !== undefined) frame.deepest = Math.max(frame.deepest, known);
        else {
          if (stack.length >= MAX_CONSTANT_DEPTH) context.fail(`constant expression nested more than ${MAX_CONSTANT_DEPTH} levels deep`, blockEnd);
          stack.push({ constant: child, next: 0, deepest: 0 });
          onStack.add(child);
        }
        continue;
      }
      stack.pop();
      onStack.delete(frame.constant);
      if (frame.deepest + 1 > MAX_CONSTANT_DEPTH) context.fail(`constant expression nested more than ${MAX_CONSTANT_DEPTH} levels deep`, blockEnd);
      depth.set(frame.constant, frame.deepest + 1);
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.deepest = Math.max(parent.deepest, frame.deepest + 1);
    }
  }
}

function hasNestedConstant(constant: Patchable): boolean {
  const children = constant.valueKind === "aggregate" ? constant.elements : constant.operands;
  for (const child of children) if (child.valueKind === "aggregate" || child.valueKind === "expr") return true;
  return false;
}

/** A constant operand by absolute id, typed (a placeholder if it comes later). */
export function constantOperand(context: ReaderContext, id: number, type: Type): Constant {
  const value: Value = context.values.get(id, type);
  const kind: string = value.valueKind;
  if (kind === "argument" || kind === "instruction" || kind === "inlineasm" || kind === "metadata") {
    context.fail(`constant operand ${id} is not a constant`);
  }
  return value as Constant;
}

function readConstant(context: ReaderContext, state: BlockState): Constant | InlineAsm {
  const cursor = context.cursor;
  const type = state.type;
  const ops = cursor.ops;
  switch (cursor.code) {
    case CST.NULL: return nullValue(type);
    case CST.UNDEF: return { valueKind: "undef", type };
    case CST.POISON: return { valueKind: "poison", type };
    case CST.INTEGER:
      if (type.kind !== "int") context.fail(`INTEGER constant of type ${describeType(type)}`);
      return integerConstant(context, type, context.op(0, "INTEGER"));
    case CST.WIDE_INTEGER:
      if (type.kind !== "int") context.fail(`WIDE_INTEGER constant of type ${describeType(type)}`);
      return { valueKind: "int", type, value: readWideInteger(context, ops, 0, ops.length, type.bits) };
    case CST.FLOAT:
      if (type.kind !== "float") context.fail(`FLOAT constant of type ${describeType(type)}`);
      return { valueKind: "float", type, bits: readFloatBits(context, type) };
    case CST.AGGREGATE: return aggregate(context, type);
    case CST.STRING: case CST.CSTRING: case CST.DATA: return data(context, type, cursor.code);
    case CST.INLINEASM: case CST.INLINEASM_OLD3: case CST.INLINEASM_OLD2: case CST.INLINEASM_OLD:
      return inlineAsm(context, type, cursor.code);
    default: return readConstantExpr(context, type);
  }
}

/**
 * Small integer constants are shared: every function's constants block repeats `i32 0`,
 * `i32 1`, ... and ConstantInt objects are immutable (LLVM uniques constants too).
 */
const smallIntegers = new Map<IntType, ConstantInt[]>();
const SMALL_LIMIT = 512;

function integerConstant(context: ReaderContext, type: IntType, raw: number): ConstantInt {
  const wide = context.cursor.wide?.get(0);
  if (wide === undefined && raw < SMALL_LIMIT * 2) {
    let cache = smallIntegers.get(type);
    if (cache === undefined) smallIntegers.set(type, (cache = []));
    const cached = cache[raw];
    if (cached !== undefined) return cached;
    const constant: ConstantInt = { valueKind: "int", type, value: BigInt.asIntN(type.bits, decodeSigned(raw)) };
    cache[raw] = constant;
    return constant;
  }
  return { valueKind: "int", type, value: BigInt.asIntN(type.bits, decodeSigned(raw, wide)) };
}

function nullValue(type: Type): Constant {
  switch (type.kind) {
    case "int": return { valueKind: "int", type, value: 0n };
    case "float": return { valueKind: "float", type, bits: 0n };
    case "pointer": return { valueKind: "null", type };
    default: return { valueKind: "zero", type };
  }
}

function aggregate(context: ReaderContext, type: Type): ConstantAggregate {
  const ops = context.cursor.ops;
  let elementTypes: (index: number) => Type;
  if (type.kind === "struct") {
    if (ops.length !== type.fields.length) context.fail(`struct constant with ${ops.length} elements for ${type.fields.length} fields`);
    elementTypes = (index) => type.fields[index]!;
  } else if (type.kind === "array" || type.kind === "vector") {
    if (ops.length !== type.length) context.fail(`${type.kind} constant with ${ops.length} elements for length ${type.length}`);
    elementTypes = () => type.element;
  } else {
    return context.fail(`AGGREGATE constant of type ${describeType(type)}`);
  }
  const elements = ops.map((id, index) => constantOperand(context, id, elementTypes(index)));
  return { valueKind: "aggregate", type, elements };
}

function data(context: ReaderContext, type: Type, code: number): Constant {
  const cursor = context.cursor;
  if (type.kind !== "array" && type.kind !== "vector") context.fail(`data constant of type ${describeType(type)}`);
  const element = type.element;
  if (element.kind !== "int" && element.kind !== "float") context.fail(`data constant of ${describeType(element)} elements`);
  const ops = cursor.ops;
  const count = ops.length + (code === CST.CSTRING ? 1 : 0);
  if (count !== type.length) context.fail(`data constant with ${count} elements for length ${type.length}`);
  const elements: bigint[] = new Array<bigint>(count);
  const wide = cursor.wide;
  const bits = element.bits;
  for (let index = 0; index < ops.length; index++) {
    const raw = ops[index]!;
    elements[index] = raw < 1024 && wide === undefined ? bigIntOf(raw) : BigInt.asUintN(bits, wide?.get(index) ?? BigInt(raw));
  }
  if (code === CST.CSTRING) elements[ops.length] = bigIntOf(0);
  return { valueKind: "data", type, elements, isString: code !== CST.DATA };
}

function inlineAsm(context: ReaderContext, type: Type, code: number): InlineAsm {
  const ops = context.cursor.ops;
  if (type.kind !== "pointer") context.fail(`inline asm of type ${describeType(type)}`);
  let index = 0;
  let functionType: Type | undefined = type.pointee;
  if (code === CST.INLINEASM) functionType = context.type(context.op(index++, "INLINEASM"), "INLINEASM");
  if (functionType === undefined || functionType.kind !== "function") context.fail("inline asm without a function type");
  const flags = context.op(index++, "INLINEASM");
  const asm = lengthPrefixedText(context, ops, index);
  const constraints = lengthPrefixedText(context, ops, asm.next);
  return {
    valueKind: "inlineasm", type, functionType: functionType as FunctionType, asm: asm.text,
    constraints: constraints.text, sideEffects: (flags & 1) !== 0, alignStack: (flags & 2) !== 0,
    dialect: code === CST.INLINEASM_OLD || ((flags >> 2) & 1) === 0 ? "att" : "intel",
    canThrow: (code === CST.INLINEASM || code === CST.INLINEASM_OLD3) && ((flags >> 3) & 1) !== 0,
  };
}

function lengthPrefixedText(context: ReaderContext, ops: readonly number[], index: number): { text: string; next: number } {
  const length = context.op(index, "INLINEASM");
  if (index + 1 + length > ops.length) context.fail("INLINEASM record is too short");
  let text = "";
  for (let offset = 0; offset < length; offset++) text += String.fromCharCode(ops[index + 1 + offset]! & 0xff);
  return { text, next: index + 1 + length };
}

function readConstantExpr(context: ReaderContext, type: Type): Constant {
  const cursor = context.cursor;
  const op = (index: number): number => context.op(index, "constant expression");
  switch (cursor.code) {
    case CST.CE_BINOP: {
      const opcode = decodeBinaryOpcode(context, op(0), type);
      const operands = [constantOperand(context, op(1), type), constantOperand(context, op(2), type)];
      const flags = cursor.ops.length > 3 ? decodeWrapFlags(opcode, op(3)) : {};
      return expr(type, opcode, operands, { flags });
    }
    case CST.CE_CAST: {
      const opcode = decodeCastOpcode(context, op(0));
      return expr(type, opcode, [constantOperand(context, op(2), context.type(op(1), "CE_CAST"))]);
    }
    case CST.CE_UNOP: {
      if (op(0) !== 0) context.fail(`unary opcode ${op(0)} is unknown`);
      return expr(type, "fneg", [constantOperand(context, op(1), type)]);
    }
    case CST.CE_GEP_OLD: case CST.CE_INBOUNDS_GEP: case CST.CE_GEP_WITH_INRANGE_INDEX_OLD:
    case CST.CE_GEP: case CST.CE_GEP_WITH_INRANGE:
      return gepExpr(context, type);
    case CST.CE_SELECT: {
      const operands = [constantOperand(context, op(0), i1), constantOperand(context, op(1), type), constantOperand(context, op(2), type)];
      return expr(type, "select", operands);
    }
    case CST.CE_CMP: {
      const operandType = context.type(op(0), "CE_CMP");
      const operands = [constantOperand(context, op(1), operandType), constantOperand(context, op(2), operandType)];
      const predicate = decodePredicate(context, op(3), operandType);
      return expr(type, operandType.kind === "float" || vectorOfFloat(operandType) ? "fcmp" : "icmp", operands, { predicate });
    }
    default:
      return vectorExpr(context, type);
  }
}

function vectorOfFloat(type: Type): boolean {
  return type.kind === "vector" && type.element.kind === "float";
}

function vectorExpr(context: ReaderContext, type: Type): Constant {
  const cursor = context.cursor;
  const op = (index: number): number => context.op(index, "constant expression");
  switch (cursor.code) {
    case CST.CE_EXTRACTELT: {
      const vector = constantOperand(context, op(1), context.type(op(0), "CE_EXTRACTELT"));
      const index = constantOperand(context, op(3), context.type(op(2), "CE_EXTRACTELT"));
      return expr(type, "extractelement", [vector, index]);
    }
    case CST.CE_INSERTELT: {
      if (type.kind !== "vector") context.fail("CE_INSERTELT of a non-vector type");
      const operands = [
        constantOperand(context, op(0), type), constantOperand(context, op(1), type.element),
        constantOperand(context, op(3), context.type(op(2), "CE_INSERTELT")),
      ];
      return expr(type, "insertelement", operands);
    }
    case CST.CE_SHUFFLEVEC: case CST.CE_SHUFVEC_EX: {
      if (type.kind !== "vector") context.fail("CE_SHUFFLEVEC of a non-vector type");
      const extended = cursor.code === CST.CE_SHUFVEC_EX;
      const sourceType = extended ? context.type(op(0), "CE_SHUFVEC_EX") : type;
      const base = extended ? 1 : 0;
      const maskType: Type = { kind: "vector", length: type.length, element: i32, scalable: type.scalable };
      const operands = [
        constantOperand(context, op(base), sourceType), constantOperand(context, op(base + 1), sourceType),
        constantOperand(context, op(base + 2), maskType),
      ];
      return expr(type, "shufflevector", operands);
    }
    case CST.BLOCKADDRESS: return blockAddress(context, type);
    default:
      return context.fail(`constant record ${cursor.code} is not supported`);
  }
}

function gepExpr(context: ReaderContext, type: Type): ConstantExpr {
  const cursor = context.cursor;
  const ops = cursor.ops;
  const code = cursor.code;
  let index = 0;
  let sourceType: Type | undefined;
  const hasSource = code === CST.CE_GEP || code === CST.CE_GEP_WITH_INRANGE || code === CST.CE_GEP_WITH_INRANGE_INDEX_OLD || ops.length % 2 === 1;
  if (hasSource) sourceType = context.type(context.op(index++, "CE_GEP"), "CE_GEP");
  let inbounds = code === CST.CE_INBOUNDS_GEP;
  let inRangeIndex: number | undefined;
  if (code === CST.CE_GEP_WITH_INRANGE_INDEX_OLD) {
    const flags = context.op(index++, "CE_GEP");
    inbounds = (flags & 1) !== 0;
    inRangeIndex = flags >> 1;
  } else if (code === CST.CE_GEP || code === CST.CE_GEP_WITH_INRANGE) {
    inbounds = (context.op(index++, "CE_GEP") & 1) !== 0;
    if (code === CST.CE_GEP_WITH_INRANGE) index += 3;
  }
  if ((ops.length - index) % 2 !== 0 || ops.length - index < 2) context.fail("CE_GEP record has an odd operand list");
  const operands: Constant[] = [];
  for (; index < ops.length; index += 2) {
    operands.push(constantOperand(context, ops[index + 1]!, context.type(ops[index]!, "CE_GEP")));
  }
  if (sourceType === undefined) {
    const base = operands[0]!.type;
    sourceType = base.kind === "pointer" ? base.pointee : undefined;
    if (sourceType === undefined) context.fail("CE_GEP without a source element type");
  }
  const result: ConstantExpr = { valueKind: "expr", type, opcode: "getelementptr", operands, sourceType, inbounds };
  return inRangeIndex === undefined ? result : { ...result, inRangeIndex };
}

function blockAddress(context: ReaderContext, type: Type): Constant {
  // [the function's (pointer) type, function, block number]
  context.type(context.op(0, "BLOCKADDRESS"), "BLOCKADDRESS");
  const fn = context.values.values[context.op(1, "BLOCKADDRESS")];
  if (fn === undefined || fn.valueKind !== "function") context.fail("BLOCKADDRESS of something that is not a function");
  if (type.kind !== "pointer") context.fail("BLOCKADDRESS of a non-pointer type");
  return { valueKind: "blockaddress", type: type as PointerType, function: fn, blockIndex: context.op(2, "BLOCKADDRESS") };
}

function expr(type: Type, opcode: ConstantExprOpcode, operands: Constant[], extra: { flags?: WrapFlags; predicate?: string } = {}): ConstantExpr {
  return { valueKind: "expr", type, opcode, operands, ...extra };
}

