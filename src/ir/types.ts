/**
 * IR types, as in LLVM's type system (LangRef "Type System").
 *
 * Types are plain objects. Primitive types are interned singletons (compare with ===); integer
 * types are interned per width by `intType`. Named structs are identified by object identity:
 * the reader creates one object per named struct and fills its body later (forward references).
 * Pointers are opaque (`ptr`, clang 15+) or typed (`i32*`, clang 14): a typed pointer keeps its
 * `pointee`, which the printer needs to reproduce llvm-dis's text; code generation ignores it.
 */

export type Type =
  | VoidType
  | IntType
  | FloatType
  | PointerType
  | ArrayType
  | VectorType
  | StructType
  | FunctionType
  | LabelType
  | MetadataType
  | TokenType;

export interface VoidType { readonly kind: "void" }
export interface LabelType { readonly kind: "label" }
export interface MetadataType { readonly kind: "metadata" }
export interface TokenType { readonly kind: "token" }

export interface IntType { readonly kind: "int"; readonly bits: number }

/** half, bfloat, float, double, x86_fp80, fp128, ppc_fp128 */
export type FloatKind = "half" | "bfloat" | "float" | "double" | "x86_fp80" | "fp128" | "ppc_fp128";
export interface FloatType { readonly kind: "float"; readonly name: FloatKind; readonly bits: number }

export interface PointerType {
  readonly kind: "pointer";
  readonly addressSpace: number;
  /** Present for typed pointers (LLVM <= 14 default); undefined for opaque `ptr`. */
  readonly pointee: Type | undefined;
}

export interface ArrayType { readonly kind: "array"; readonly length: number; readonly element: Type }

export interface VectorType {
  readonly kind: "vector";
  readonly length: number;
  readonly element: Type;
  readonly scalable: boolean;
}

export interface StructType {
  readonly kind: "struct";
  /** `struct.foo` for `%struct.foo`; undefined for literal structs `{ i32, i8 }`. */
  name: string | undefined;
  packed: boolean;
  fields: Type[];
  /** A named struct with no body (`%struct.x = type opaque`). */
  opaque: boolean;
}

export interface FunctionType {
  readonly kind: "function";
  readonly result: Type;
  readonly params: readonly Type[];
  readonly varArgs: boolean;
}

export const voidType: VoidType = { kind: "void" };
export const labelType: LabelType = { kind: "label" };
export const metadataType: MetadataType = { kind: "metadata" };
export const tokenType: TokenType = { kind: "token" };

const intTypes = new Map<number, IntType>();

/** The interned integer type of the given width (i1 .. i8388608). */
export function intType(bits: number): IntType {
  let type = intTypes.get(bits);
  if (type === undefined) {
    type = { kind: "int", bits };
    intTypes.set(bits, type);
  }
  return type;
}

export const i1 = intType(1);
export const i8 = intType(8);
export const i16 = intType(16);
export const i32 = intType(32);
export const i64 = intType(64);

const floatBits: Record<FloatKind, number> = {
  half: 16, bfloat: 16, float: 32, double: 64, x86_fp80: 80, fp128: 128, ppc_fp128: 128,
};
const floatTypes = new Map<FloatKind, FloatType>();

export function floatType(name: FloatKind): FloatType {
  let type = floatTypes.get(name);
  if (type === undefined) {
    type = { kind: "float", name, bits: floatBits[name] };
    floatTypes.set(name, type);
  }
  return type;
}

/** Opaque pointer in the given address space; typed pointers are structural (not interned). */
export function pointerType(addressSpace = 0, pointee?: Type): PointerType {
  return { kind: "pointer", addressSpace, pointee };
}

export function arrayType(element: Type, length: number): ArrayType {
  return { kind: "array", element, length };
}

export function functionType(result: Type, params: readonly Type[], varArgs = false): FunctionType {
  return { kind: "function", result, params, varArgs };
}

/** Structural equality; named structs compare by identity. */
export function sameType(a: Type, b: Type): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "int": return a.bits === (b as IntType).bits;
    case "float": return a.name === (b as FloatType).name;
    case "pointer": {
      const other = b as PointerType;
      if (a.addressSpace !== other.addressSpace) return false;
      if (a.pointee === undefined || other.pointee === undefined) return a.pointee === other.pointee;
      return sameType(a.pointee, other.pointee);
    }
    case "array":
    case "vector": {
      const other = b as ArrayType | VectorType;
      return a.length === other.length && sameType(a.element, other.element);
    }
    case "struct": {
      const other = b as StructType;
      if (a.name !== undefined || other.name !== undefined) return false;
      return a.packed === other.packed && a.fields.length === other.fields.length &&
        a.fields.every((field, index) => sameType(field, other.fields[index]!));
    }
    case "function": {
      const other = b as FunctionType;
      return a.varArgs === other.varArgs && sameType(a.result, other.result) &&
        a.params.length === other.params.length &&
        a.params.every((param, index) => sameType(param, other.params[index]!));
    }
    default: return true;
  }
}

export function isInt(type: Type, bits?: number): type is IntType {
  return type.kind === "int" && (bits === undefined || type.bits === bits);
}

export function isPointer(type: Type): type is PointerType {
  return type.kind === "pointer";
}

/** First-class types can be values of instructions (LangRef "Single Value Types" + aggregates). */
export function isFirstClass(type: Type): boolean {
  return type.kind !== "void" && type.kind !== "function" && type.kind !== "label" && type.kind !== "metadata";
}
