/**
 * A minimal bitstream writer for hand-made test inputs: fixed and VBR fields, 32-bit
 * alignment, blocks with back-patched word counts, abbreviation definitions and records.
 * Written from the LLVM BitCodeFormat document, independently of the reader.
 */

export type AbbrevOperand =
  | { readonly literal: number }
  | { readonly fixed: number }
  | { readonly vbr: number }
  | { readonly array: AbbrevOperand }
  | { readonly char6: true }
  | { readonly blob: true };

const CHAR6 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._";

export class BitWriter {
  private readonly bits: number[] = [];
  private readonly blocks: { lengthAt: number; width: number; outerWidth: number }[] = [];
  /** Abbreviation id width of the current block (2 at the top level). */
  width = 2;

  get length(): number {
    return this.bits.length;
  }

  fixed(value: number, width: number): this {
    for (let bit = 0; bit < width; bit++) this.bits.push(Math.floor(value / 2 ** bit) % 2);
    return this;
  }

  vbr(value: number, width: number): this {
    const chunk = 2 ** (width - 1);
    let rest = value;
    do {
      const piece = rest % chunk;
      rest = Math.floor(rest / chunk);
      this.fixed(piece + (rest > 0 ? chunk : 0), width);
    } while (rest > 0);
    return this;
  }

  /** VBR of a value beyond 2^53. */
  vbrBig(value: bigint, width: number): this {
    const chunk = 1n << BigInt(width - 1);
    let rest = value;
    do {
      const piece = rest % chunk;
      rest /= chunk;
      this.fixed(Number(piece + (rest > 0n ? chunk : 0n)), width);
    } while (rest > 0n);
    return this;
  }

  align32(): this {
    while (this.bits.length % 32 !== 0) this.bits.push(0);
    return this;
  }

  bytes(values: readonly number[]): this {
    for (const value of values) this.fixed(value, 8);
    return this;
  }

  magic(): this {
    return this.bytes([0x42, 0x43, 0xc0, 0xde]);
  }

  enterBlock(id: number, width: number): this {
    this.fixed(1, this.width).vbr(id, 8).vbr(width, 4).align32();
    this.blocks.push({ lengthAt: this.bits.length, width, outerWidth: this.width });
    this.fixed(0, 32);
    this.width = width;
    return this;
  }

  endBlock(): this {
    this.fixed(0, this.width).align32();
    const block = this.blocks.pop()!;
    const words = (this.bits.length - block.lengthAt - 32) / 32;
    for (let bit = 0; bit < 32; bit++) this.bits[block.lengthAt + bit] = Math.floor(words / 2 ** bit) % 2;
    this.width = block.outerWidth;
    return this;
  }

  /** UNABBREV_RECORD: code, operand count and operands as VBR6. */
  record(code: number, operands: readonly number[]): this {
    this.fixed(3, this.width).vbr(code, 6).vbr(operands.length, 6);
    for (const operand of operands) this.vbr(operand, 6);
    return this;
  }

  defineAbbrev(operands: readonly AbbrevOperand[]): this {
    const flat: AbbrevOperand[] = [];
    for (const operand of operands) {
      flat.push(operand);
      if ("array" in operand) flat.push(operand.array);
    }
    this.fixed(2, this.width).vbr(flat.length, 5);
    for (const operand of flat) {
      if ("literal" in operand) this.fixed(1, 1).vbr(operand.literal, 8);
      else if ("fixed" in operand) this.fixed(0, 1).fixed(1, 3).vbr(operand.fixed, 5);
      else if ("vbr" in operand) this.fixed(0, 1).fixed(2, 3).vbr(operand.vbr, 5);
      else if ("array" in operand) this.fixed(0, 1).fixed(3, 3);
      else if ("char6" in operand) this.fixed(0, 1).fixed(4, 3);
      else this.fixed(0, 1).fixed(5, 3);
    }
    return this;
  }

  /** A record with abbreviation `id` whose operands (after literals) are `values`, `blob` for a blob. */
  abbreviated(id: number, operands: readonly AbbrevOperand[], values: readonly (number | readonly number[] | string)[]): this {
    this.fixed(id, this.width);
    let index = 0;
    for (const operand of operands) {
      if ("literal" in operand) continue;
      const value = values[index++]!;
      if ("fixed" in operand) this.fixed(value as number, operand.fixed);
      else if ("vbr" in operand) this.vbr(value as number, operand.vbr);
      else if ("char6" in operand) this.fixed(CHAR6.indexOf(value as string), 6);
      else if ("array" in operand) {
        const elements = typeof value === "string" ? Array.from(value) : (value as readonly number[]);
        this.vbr(elements.length, 6);
        for (const element of elements) {
          if ("char6" in operand.array) this.fixed(CHAR6.indexOf(element as string), 6);
          else if ("fixed" in operand.array) this.fixed(element as number, operand.array.fixed);
          else if ("vbr" in operand.array) this.vbr(element as number, operand.array.vbr);
        }
      } else {
        const bytes = Array.from(value as string, (char) => char.charCodeAt(0));
        this.vbr(bytes.length, 6).align32().bytes(bytes).align32();
      }
    }
    return this;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(Math.ceil(this.bits.length / 8));
    this.bits.forEach((bit, index) => {
      out[index >> 3]! |= bit << (index & 7);
    });
    return out;
  }
}
