/**
 * IR values other than instructions: constants, arguments, globals, functions, basic blocks,
 * inline asm, and the module that holds them (LangRef "Constants", "Global Values", "Functions").
 *
 * Every value is a plain object with a `valueKind` discriminant and a `type`. Objects are
 * mutable while the reader builds them (forward references are patched in place); after
 * reading, the verifier (src/ir/verify.ts) checks the result. Integer constants hold a signed
 * bigint already reduced to their width (`BigInt.asIntN(bits, v)`), i1 true is -1n; float
 * constants hold their raw IEEE bits as a bigint, so nothing is lost to JS numbers.
 */
import type { Attribute, AttributeList } from "./attributes.js";
import type { Instruction, CastOpcode, BinaryOpcode } from "./instructions.js";
import type { ArrayType, FloatType, FunctionType, IntType, PointerType, StructType, Type, VectorType } from "./types.js";
import type { CompileUnit, Subprogram } from "./source-location.js";

export type Value = Constant | Argument | Instruction | InlineAsm | MetadataValue;

export type Constant =
  | ConstantInt
  | ConstantFloat
  | ConstantNull
  | ConstantUndef
  | ConstantPoison
  | ConstantZero
  | ConstantAggregate
  | ConstantData
  | ConstantExpr
  | BlockAddress
  | GlobalValue;

export type GlobalValue = GlobalVariable | Function | GlobalAlias;

export interface ConstantInt { readonly valueKind: "int"; readonly type: IntType; readonly value: bigint }
export interface ConstantFloat { readonly valueKind: "float"; readonly type: FloatType; readonly bits: bigint }
export interface ConstantNull { readonly valueKind: "null"; readonly type: PointerType }
export interface ConstantUndef { readonly valueKind: "undef"; readonly type: Type }
export interface ConstantPoison { readonly valueKind: "poison"; readonly type: Type }
/** `zeroinitializer` (of any type; LLVM prints it for aggregates). */
export interface ConstantZero { readonly valueKind: "zero"; readonly type: Type }

/** A struct, array or vector constant with one constant per element. */
export interface ConstantAggregate {
  readonly valueKind: "aggregate";
  readonly type: StructType | ArrayType | VectorType;
  elements: Constant[];
}

/**
 * A packed array or vector of integers or floats (CST_CODE_DATA / CSTRING / STRING).
 * `elements` hold integer values (unsigned, as stored) or raw float bits. `isString` marks
 * arrays of i8 that came from a string record, printed as c"...".
 */
export interface ConstantData {
  readonly valueKind: "data";
  readonly type: ArrayType | VectorType;
  readonly elements: readonly bigint[];
  readonly isString: boolean;
}

export type ConstantExprOpcode = CastOpcode | BinaryOpcode | "getelementptr" | "icmp" | "fcmp" |
  "select" | "extractelement" | "insertelement" | "shufflevector" | "fneg";

export interface ConstantExpr {
  readonly valueKind: "expr";
  readonly type: Type;
  readonly opcode: ConstantExprOpcode;
  operands: Constant[];
  /** getelementptr: the source element type; `inbounds`; the `inrange` operand index. */
  readonly sourceType?: Type;
  readonly inbounds?: boolean;
  readonly inRangeIndex?: number;
  /** icmp/fcmp predicate, e.g. "eq", "slt", "oeq". */
  readonly predicate?: string;
  /** nuw/nsw/exact on binary operators. */
  readonly flags?: WrapFlags;
}

export interface WrapFlags { nuw?: boolean; nsw?: boolean; exact?: boolean; disjoint?: boolean; nneg?: boolean }

export interface BlockAddress {
  readonly valueKind: "blockaddress";
  readonly type: PointerType;
  readonly function: Function;
  /** Index of the block in the function's body (resolved lazily: the body may come later). */
  readonly blockIndex: number;
}

export type Linkage =
  | "external" | "private" | "internal" | "available_externally" | "linkonce" | "weak" | "common"
  | "appending" | "extern_weak" | "linkonce_odr" | "weak_odr";

export type Visibility = "default" | "hidden" | "protected";
export type UnnamedAddr = "none" | "unnamed_addr" | "local_unnamed_addr";

interface GlobalCommon {
  /** The value's own type: a pointer to the global's storage. */
  readonly type: PointerType;
  name: string;
  linkage: Linkage;
  visibility: Visibility;
  unnamedAddr: UnnamedAddr;
  dsoLocal: boolean;
  section: string | undefined;
  /** In bytes; undefined when not given. */
  align: number | undefined;
}

export interface GlobalVariable extends GlobalCommon {
  readonly valueKind: "global";
  valueType: Type;
  isConstant: boolean;
  initializer: Constant | undefined;
  threadLocal: string | undefined;
  externallyInitialized: boolean;
  addressSpace: number;
  attributes: Attribute[];
}

export interface Function extends GlobalCommon {
  readonly valueKind: "function";
  functionType: FunctionType;
  params: Argument[];
  /** Empty for a declaration. */
  blocks: BasicBlock[];
  /** Calling convention number (0 = C). */
  callingConv: number;
  attributes: AttributeList;
  gc: string | undefined;
  /** The function's DISubprogram (its `!dbg` attachment), when the module has debug info. */
  subprogram?: Subprogram;
}

export interface GlobalAlias extends GlobalCommon {
  readonly valueKind: "alias";
  valueType: Type;
  aliasee: Constant;
}

export interface Argument {
  readonly valueKind: "argument";
  readonly type: Type;
  name: string | undefined;
  readonly index: number;
  readonly parent: Function;
}

export interface BasicBlock {
  readonly valueKind: "block";
  name: string | undefined;
  instructions: Instruction[];
  readonly parent: Function;
}

export interface InlineAsm {
  readonly valueKind: "inlineasm";
  readonly type: PointerType;
  readonly functionType: FunctionType;
  readonly asm: string;
  readonly constraints: string;
  readonly sideEffects: boolean;
  readonly alignStack: boolean;
  readonly dialect: "att" | "intel";
  readonly canThrow: boolean;
}

/** Metadata used as a call argument (`metadata !"..."`, as in llvm.dbg.*); kept opaque. */
export interface MetadataValue { readonly valueKind: "metadata"; readonly type: Type; readonly text: string }

export interface Module {
  /** IDENTIFICATION block producer string, e.g. "LLVM14.0.6"; undefined if absent. */
  producer: string | undefined;
  sourceFileName: string | undefined;
  triple: string;
  dataLayout: string;
  /** Named struct types in the order the type table defined them. */
  namedStructs: StructType[];
  globals: GlobalVariable[];
  functions: Function[];
  aliases: GlobalAlias[];
  /** The DICompileUnit, when the module has debug info. */
  compileUnit?: CompileUnit;
}

export function isConstant(value: Value): value is Constant {
  switch (value.valueKind) {
    case "argument": case "instruction": case "inlineasm": case "metadata": return false;
    default: return true;
  }
}

export function isGlobalValue(value: Value): value is GlobalValue {
  return value.valueKind === "global" || value.valueKind === "function" || value.valueKind === "alias";
}

export function isDeclaration(fn: Function): boolean {
  return fn.blocks.length === 0;
}

export function constantInt(type: IntType, value: bigint | number): ConstantInt {
  return { valueKind: "int", type, value: BigInt.asIntN(type.bits, BigInt(value)) };
}
