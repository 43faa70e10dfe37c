/**
 * Data layout of the i386 target (LLVM's default i386 data layout, System V i386 ABI):
 * pointers are 4 bytes, i64 is 8 bytes with 4-byte alignment unless the module's data layout
 * string says `i64:64`, structs lay out fields at their ABI alignment unless packed.
 * Sizes follow LangRef: the store size of iN is ceil(N/8) bytes, the alloc size rounds that up
 * to the alignment.
 */
import type { StructType, Type } from "../ir/index.js";
import { assert } from "../errors.js";

export class Layout {
  private readonly i64Align: number;
  private readonly i128Align: number;
  private readonly structCache = new Map<StructType, { offsets: number[]; size: number; align: number }>();

  constructor(dataLayout: string) {
    this.i64Align = /(^|-)i64:64/.test(dataLayout) ? 8 : 4;
    this.i128Align = /(^|-)i128:128/.test(dataLayout) ? 16 : 4;
  }

  /** ABI alignment in bytes. */
  alignOf(type: Type): number {
    switch (type.kind) {
      case "int": return type.bits <= 8 ? 1 : type.bits <= 16 ? 2 : type.bits <= 32 ? 4 : type.bits <= 64 ? this.i64Align : this.i128Align;
      case "pointer": return 4;
      case "float": return type.bits <= 16 ? 2 : type.bits === 32 ? 4 : 4;
      case "array": return this.alignOf(type.element);
      case "vector": return 16;
      case "struct": return this.struct(type).align;
      default: return 1;
    }
  }

  /** Bytes written by a store of this type. */
  storeSize(type: Type): number {
    switch (type.kind) {
      case "int": return Math.ceil(type.bits / 8);
      case "pointer": return 4;
      case "float": return type.name === "x86_fp80" ? 10 : type.bits / 8;
      default: return this.allocSize(type);
    }
  }

  /** Bytes between consecutive array elements of this type. */
  allocSize(type: Type): number {
    switch (type.kind) {
      case "int": case "pointer": case "float": return roundUp(this.storeSize(type), this.alignOf(type));
      case "array": return type.length * this.allocSize(type.element);
      case "vector": return roundUp(type.length * this.storeSize(type.element), 16);
      case "struct": return this.struct(type).size;
      default: return 0;
    }
  }

  fieldOffset(type: StructType, index: number): number {
    const offset = this.struct(type).offsets[index];
    assert(offset !== undefined, "struct field index out of range");
    return offset;
  }

  private struct(type: StructType): { offsets: number[]; size: number; align: number } {
    let cached = this.structCache.get(type);
    if (cached !== undefined) return cached;
    let offset = 0;
    let align = 1;
    const offsets: number[] = [];
    for (const field of type.fields) {
      const fieldAlign = type.packed ? 1 : this.alignOf(field);
      offset = roundUp(offset, fieldAlign);
      offsets.push(offset);
      offset += this.allocSize(field);
      align = Math.max(align, fieldAlign);
    }
    cached = { offsets, size: roundUp(offset, align), align };
    this.structCache.set(type, cached);
    return cached;
  }
}

export function roundUp(value: number, align: number): number {
  return Math.ceil(value / align) * align;
}
