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

  constructor(readonly layout: Layout, readonly resolver: ExternalResolver, readonly file: string) {}

  /** Reserve `size` zero bytes aligned to `align`; returns the offset. */
  reserve(size: number, align: number): number {
    const offset = roundUp(this.length, Math.max(1, align));
    const end = offset + size;
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
        const address = this.constantAddress(constant);
        this.writeDword(offset, address.value, address.symbol);
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
    const [first, second] = expression.operands;
    assert(first !== undefined, "constant expression without operands");
    switch (expression.opcode) {
      case "bitcast": case "ptrtoint": case "inttoptr": case "addrspacecast": case "trunc": case "zext": case "sext":
        return this.constantAddress(first);
      case "getelementptr": {
        const base = this.constantAddress(first);
        const offset = constantGepOffset(this.layout, expression.sourceType!, expression.operands.slice(1));
        return { value: (base.value + offset) | 0, ...(base.symbol ? { symbol: base.symbol } : {}) };
      }
      case "add": case "sub": {
        const left = this.constantAddress(first);
        const right = this.constantAddress(second!);
        if (right.symbol === undefined) {
          const value = expression.opcode === "add" ? left.value + right.value : left.value - right.value;
          return { value: value | 0, ...(left.symbol ? { symbol: left.symbol } : {}) };
        }
        break;
      }
      default: break;
    }
    throw new InputError(this.file, `unsupported constant expression: ${expression.opcode}`);
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
