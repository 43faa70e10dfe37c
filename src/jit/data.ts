/**
 * The data pool: global variables with their initialisers, the per-function call slots and
 * switch jump tables, laid out in one byte buffer. Pointers inside it (a global's address, a
 * function's stub, a constant-expression GEP) are relocations resolved once the target has
 * placed the pools. Constant addresses are `symbol + addend`; externals are absolute.
 */
import type { Constant, ConstantExpr, GlobalValue, StructType, Type } from "../ir/index.js";
import { InputError, assert } from "../errors.js";
import type { Imm, Symbol } from "./x86/operands.js";
import { Layout, roundUp } from "./layout.js";

export interface ExternalResolver {
  /** Address of an external symbol; throws InputError naming it when unknown. */
  external(name: string): number;
  /** Symbol of a defined function's stub (its address as a value). */
  functionStub(name: string): Symbol | undefined;
}

export class DataPool {
  bytes = new Uint8Array(1024);
  length = 0;
  readonly relocations: { at: number; symbol: Symbol }[] = [];
  readonly globals = new Map<GlobalValue, number>();

  /**
   * `checkCapacity(bytes)` throws if the target cannot hold `bytes` of data: called before the
   * pool grows, so that a 2 GiB global is refused before the host allocates it.
   */
  constructor(
    readonly layout: Layout,
    readonly resolver: ExternalResolver,
    readonly file: string,
    private readonly checkCapacity?: (bytes: number) => void,
  ) {}

  /** Reserve `size` zero bytes aligned to `align`; returns the offset. */
  reserve(size: number, align: number): number {
    const offset = roundUp(this.length, Math.max(1, align));
    const end = offset + size;
    this.checkCapacity?.(end);
    if (end > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, end));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.length = end;
    return offset;
  }

  writeDword(offset: number, value: number, symbol?: Symbol): void {
    if (symbol !== undefined) this.relocations.push({ at: offset, symbol });
    new DataView(this.bytes.buffer, this.bytes.byteOffset).setInt32(offset, value | 0, true);
  }

  private writeInteger(offset: number, value: bigint, size: number): void {
    let rest = BigInt.asUintN(size * 8, value);
    for (let index = 0; index < size; index++) {
      this.bytes[offset + index] = Number(rest & 0xffn);
      rest >>= 8n;
    }
  }

  /** Write an initialiser of `type` at `offset` (the memory is already zero). */
  writeConstant(offset: number, constant: Constant, type: Type): void {
    switch (constant.valueKind) {
      case "int": this.writeInteger(offset, constant.value, this.layout.storeSize(type)); return;
      case "float": this.writeInteger(offset, constant.bits, this.layout.storeSize(type)); return;
      case "null": case "zero": case "undef": case "poison": return;
      case "data": {
        const size = this.layout.allocSize(constant.type.element);
        constant.elements.forEach((element, index) => this.writeInteger(offset + index * size, element, this.layout.storeSize(constant.type.element)));
        return;
      }
      case "aggregate": {
        const aggregate = constant.type;
        constant.elements.forEach((element, index) => {
          if (aggregate.kind === "struct") this.writeConstant(offset + this.layout.fieldOffset(aggregate, index), element, aggregate.fields[index]!);
          else this.writeConstant(offset + index * this.layout.allocSize(aggregate.element), element, aggregate.element);
        });
        return;
      }
      default: {
        const folded = this.evaluate(constant);
        if (folded.symbol !== undefined) this.writeDword(offset, Number(BigInt.asIntN(32, folded.value)), folded.symbol);
        else this.writeInteger(offset, folded.value, this.layout.storeSize(type));
      }
    }
  }

  /** A pointer-sized constant: a global's address plus an offset, an absolute external, or a number. */
  constantAddress(constant: Constant): Imm {
    switch (constant.valueKind) {
      case "int": return { value: Number(BigInt.asIntN(32, constant.value)) };
      case "null": case "zero": case "undef": case "poison": return { value: 0 };
      case "global": return this.globalAddress(constant);
      case "function": return this.functionAddress(constant);
      case "alias": return this.constantAddress(constant.aliasee);
      case "expr": return this.expressionAddress(constant);
      default: throw new InputError(this.file, `unsupported constant ${constant.valueKind} of type ${constant.type.kind}`);
    }
  }

  private globalAddress(global: GlobalValue & { valueKind: "global" }): Imm {
    const offset = this.globals.get(global);
    if (offset !== undefined) return { value: 0, symbol: { pool: "data", offset } };
    return { value: this.resolver.external(global.name) };
  }

  private functionAddress(fn: GlobalValue & { valueKind: "function" }): Imm {
    const stub = this.resolver.functionStub(fn.name);
    if (stub !== undefined && fn.blocks.length > 0) return { value: 0, symbol: stub };
    return { value: this.resolver.external(fn.name) };
  }

  private expressionAddress(expression: ConstantExpr): Imm {
    const result = this.evaluate(expression);
    return { value: Number(BigInt.asIntN(32, result.value)), ...(result.symbol ? { symbol: result.symbol } : {}) };
  }

  /**
   * A constant as `symbol + value` (value a bigint of the constant's width). Addresses of
   * globals are only known after placement, so an expression on them folds only when the
   * answer does not depend on where the pool goes: offsets within one pool, comparisons of two
   * addresses in the same pool, an address against null.
   */
  evaluate(constant: Constant): { value: bigint; symbol?: Symbol } {
    if (constant.valueKind === "int") return { value: constant.value };
    if (constant.valueKind !== "expr") {
      const address = this.constantAddress(constant);
      return { value: BigInt(address.value), ...(address.symbol ? { symbol: address.symbol } : {}) };
    }
    const operands = constant.operands.map((operand) => this.evaluate(operand));
    const folded = foldExpression(this.layout, constant, operands);
    if (folded === undefined) throw new InputError(this.file, `unsupported constant expression: ${constant.opcode}`);
    return folded;
  }
}

type Folded = { value: bigint; symbol?: Symbol };

function widthOf(type: Type): number {
  return type.kind === "int" ? type.bits : 32;
}

function sameSymbol(a: Folded, b: Folded): boolean {
  return a.symbol === undefined ? b.symbol === undefined : b.symbol !== undefined && a.symbol.pool === b.symbol.pool && a.symbol.offset === b.symbol.offset;
}

/** The address with its symbol's pool offset folded in, when both sides share a pool. */
function comparable(a: Folded, b: Folded): [bigint, bigint] | undefined {
  if (a.symbol === undefined && b.symbol === undefined) return [a.value, b.value];
  if (a.symbol !== undefined && b.symbol !== undefined && a.symbol.pool === b.symbol.pool) {
    return [a.value + BigInt(a.symbol.offset), b.value + BigInt(b.symbol.offset)];
  }
  return undefined;
}

const integerFolds: Record<string, (a: bigint, b: bigint, bits: number) => bigint | undefined> = {
  add: (a, b) => a + b, sub: (a, b) => a - b, mul: (a, b) => a * b,
  and: (a, b) => a & b, or: (a, b) => a | b, xor: (a, b) => a ^ b,
  shl: (a, b, bits) => (b < BigInt(bits) ? a << b : undefined),
  lshr: (a, b, bits) => (b < BigInt(bits) ? BigInt.asUintN(bits, a) >> b : undefined),
  ashr: (a, b, bits) => (b < BigInt(bits) ? BigInt.asIntN(bits, a) >> b : undefined),
  udiv: (a, b, bits) => (b === 0n ? undefined : BigInt.asUintN(bits, a) / BigInt.asUintN(bits, b)),
  urem: (a, b, bits) => (b === 0n ? undefined : BigInt.asUintN(bits, a) % BigInt.asUintN(bits, b)),
  sdiv: (a, b, bits) => (b === 0n ? undefined : BigInt.asIntN(bits, a) / BigInt.asIntN(bits, b)),
  srem: (a, b, bits) => (b === 0n ? undefined : BigInt.asIntN(bits, a) % BigInt.asIntN(bits, b)),
};

const comparisons: Record<string, (a: bigint, b: bigint, bits: number) => boolean> = {
  eq: (a, b) => a === b, ne: (a, b) => a !== b,
  ult: (a, b, n) => BigInt.asUintN(n, a) < BigInt.asUintN(n, b), ule: (a, b, n) => BigInt.asUintN(n, a) <= BigInt.asUintN(n, b),
  ugt: (a, b, n) => BigInt.asUintN(n, a) > BigInt.asUintN(n, b), uge: (a, b, n) => BigInt.asUintN(n, a) >= BigInt.asUintN(n, b),
  slt: (a, b, n) => BigInt.asIntN(n, a) < BigInt.asIntN(n, b), sle: (a, b, n) => BigInt.asIntN(n, a) <= BigInt.asIntN(n, b),
  sgt: (a, b, n) => BigInt.asIntN(n, a) > BigInt.asIntN(n, b), sge: (a, b, n) => BigInt.asIntN(n, a) >= BigInt.asIntN(n, b),
};

function foldCompare(predicate: string, a: Folded, b: Folded, bits: number): bigint | undefined {
  const pair = comparable(a, b);
  if (pair !== undefined) return comparisons[predicate]!(pair[0], pair[1], bits) ? -1n : 0n;
  const nullSide = a.symbol === undefined ? a : b.symbol === undefined ? b : undefined;
  if (nullSide?.value === 0n && (predicate === "eq" || predicate === "ne")) return predicate === "ne" ? -1n : 0n;
  return undefined;
}

function foldExpression(layout: Layout, expression: ConstantExpr, operands: Folded[]): Folded | undefined {
  const [first, second, third] = operands;
  const bits = widthOf(expression.type);
  const keep = (value: bigint, symbol?: Symbol): Folded => ({ value: BigInt.asIntN(bits, value), ...(symbol ? { symbol } : {}) });
  switch (expression.opcode) {
    case "bitcast": case "ptrtoint": case "inttoptr": case "addrspacecast":
      return keep(first!.value, first!.symbol);
    case "trunc": case "zext": case "sext": {
      if (first!.symbol !== undefined) return expression.opcode === "trunc" || bits >= 32 ? keep(first!.value, first!.symbol) : undefined;
      const from = widthOf(expression.operands[0]!.type);
      const value = expression.opcode === "zext" ? BigInt.asUintN(from, first!.value) : BigInt.asIntN(from, first!.value);
      return keep(value);
    }
    case "getelementptr":
      return keep(first!.value + BigInt(constantGepOffset(layout, expression.sourceType!, expression.operands.slice(1))), first!.symbol);
    case "icmp": {
      const value = foldCompare(expression.predicate!, first!, second!, widthOf(expression.operands[0]!.type));
      return value === undefined ? undefined : { value };
    }
    case "select":
      if (first!.symbol !== undefined) return undefined;
      return (first!.value & 1n) !== 0n ? second : third;
    case "add":
      if (second!.symbol === undefined) return keep(first!.value + second!.value, first!.symbol);
      if (first!.symbol === undefined) return keep(first!.value + second!.value, second!.symbol);
      return undefined;
    case "sub":
      if (second!.symbol === undefined) return keep(first!.value - second!.value, first!.symbol);
      if (sameSymbol(first!, second!) || comparable(first!, second!)) {
        const pair = comparable(first!, second!)!;
        return keep(pair[0] - pair[1]);
      }
      return undefined;
    default: {
      const fold = integerFolds[expression.opcode];
      if (fold === undefined || first!.symbol !== undefined || second?.symbol !== undefined) return undefined;
      const value = fold(first!.value, second!.value, bits);
      return value === undefined ? undefined : keep(value);
    }
  }
}

/** Byte offset of a GEP whose indices are all constants. */
export function constantGepOffset(layout: Layout, sourceType: Type, indices: readonly Constant[]): number {
  let offset = 0;
  let type: Type = sourceType;
  indices.forEach((index, position) => {
    const value = index.valueKind === "int" ? Number(BigInt.asIntN(32, index.value)) : 0;
    if (position === 0) {
      offset += value * layout.allocSize(type);
      return;
    }
    if (type.kind === "struct") {
      offset += layout.fieldOffset(type as StructType, value);
      type = (type as StructType).fields[value]!;
    } else if (type.kind === "array" || type.kind === "vector") {
      type = type.element;
      offset += value * layout.allocSize(type);
    }
  });
  return offset;
}
