/**
 * An independent walk over an LLVM bitstream (LLVM docs "LLVM Bitcode File Format") that lists
 * where its length-like fields are, so the fuzzer can make exactly those huge: block word
 * counts, abbreviation widths, record operand counts, array and blob lengths, the widths in
 * abbreviation definitions; and where record operand values are, so it can change a value
 * without breaking the stream's structure. It reads only valid files (the unmutated corpus).
 */

export interface BitField {
  /** Bit offset of the field (of its first chunk, for VBR). */
  readonly bit: number;
  readonly width: number;
  readonly vbr: boolean;
  readonly what: "block length" | "abbreviation width" | "operand count" | "array length" | "blob length" | "operand width" |
    "operand value";
}

interface Operand { readonly kind: "literal" | "fixed" | "vbr" | "array" | "char6" | "blob"; readonly value: number }

class BitReader {
  position = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get atEnd(): boolean {
    return this.position >= this.bytes.length * 8;
  }

  fixed(width: number): number {
    let value = 0;
    for (let index = 0; index < width; index += 1) {
      const bit = this.position + index;
      if (bit >= this.bytes.length * 8) throw new Error("past the end");
      value += ((this.bytes[bit >> 3]! >> (bit & 7)) & 1) * 2 ** index;
    }
    this.position += width;
    return value;
  }

  vbr(width: number): number {
    const high = 2 ** (width - 1);
    let value = 0;
    let scale = 1;
    for (;;) {
      const chunk = this.fixed(width);
      value += (chunk % high) * scale;
      if (chunk < high) return value;
      scale *= high;
    }
  }

  align32(): void {
    this.position = Math.ceil(this.position / 32) * 32;
  }
}

/** Length-like fields of a bitcode file (after the 4-byte magic), in stream order. */
export function findBitFields(bytes: Uint8Array): BitField[] {
  const reader = new BitReader(bytes);
  const fields: BitField[] = [];
  const blockInfo = new Map<number, Operand[][]>();
  reader.position = 32;
  walkBlock(reader, fields, blockInfo, 2, -1, []);
  return fields;
}

function walkBlock(reader: BitReader, fields: BitField[], blockInfo: Map<number, Operand[][]>,
  width: number, blockId: number, inherited: Operand[][]): void {
  const abbreviations = [...inherited];
  let infoTarget = -1;
  while (!reader.atEnd) {
    const id = reader.fixed(width);
    if (id === 0) {
      reader.align32();
      return;
    }
    if (id === 1) {
      const child = reader.vbr(8);
      fields.push({ bit: reader.position, width: 4, vbr: true, what: "abbreviation width" });
      const childWidth = reader.vbr(4);
      reader.align32();
      fields.push({ bit: reader.position, width: 32, vbr: false, what: "block length" });
      reader.fixed(32);
      walkBlock(reader, fields, blockInfo, childWidth, child, blockInfo.get(child) ?? []);
    } else if (id === 2) {
      const definition = readDefinition(reader, fields);
      if (blockId === 0) blockInfo.set(infoTarget, [...(blockInfo.get(infoTarget) ?? []), definition]);
      else abbreviations.push(definition);
    } else if (id === 3) {
      const code = reader.vbr(6);
      fields.push({ bit: reader.position, width: 6, vbr: true, what: "operand count" });
      const count = reader.vbr(6);
      let first = 0;
      for (let index = 0; index < count; index += 1) {
        fields.push({ bit: reader.position, width: 6, vbr: true, what: "operand value" });
        const value = reader.vbr(6);
        if (index === 0) first = value;
      }
      if (blockId === 0 && code === 1) infoTarget = first;
    } else {
      const definition = abbreviations[id - 4];
      if (definition === undefined) throw new Error(`undefined abbreviation ${id}`);
      readAbbreviated(reader, fields, definition);
    }
  }
}

function readDefinition(reader: BitReader, fields: BitField[]): Operand[] {
  const count = reader.vbr(5);
  const operands: Operand[] = [];
  const kinds = ["literal", "fixed", "vbr", "array", "char6", "blob"] as const;
  for (let index = 0; index < count; index += 1) {
    if (reader.fixed(1) === 1) {
      operands.push({ kind: "literal", value: reader.vbr(8) });
      continue;
    }
    const kind = kinds[reader.fixed(3)]!;
    if (kind === "fixed" || kind === "vbr") {
      fields.push({ bit: reader.position, width: 5, vbr: true, what: "operand width" });
      operands.push({ kind, value: reader.vbr(5) });
    } else operands.push({ kind, value: 0 });
  }
  return operands;
}

function readScalar(reader: BitReader, fields: BitField[], operand: Operand): void {
  if ((operand.kind === "fixed" || operand.kind === "vbr") && operand.value > 1) {
    fields.push({ bit: reader.position, width: operand.value, vbr: operand.kind === "vbr", what: "operand value" });
  }
  if (operand.kind === "fixed") reader.fixed(operand.value);
  else if (operand.kind === "vbr") reader.vbr(operand.value);
  else if (operand.kind === "char6") reader.fixed(6);
}

function readAbbreviated(reader: BitReader, fields: BitField[], definition: Operand[]): void {
  for (let index = 0; index < definition.length; index += 1) {
    const operand = definition[index]!;
    if (operand.kind === "array") {
      fields.push({ bit: reader.position, width: 6, vbr: true, what: "array length" });
      const length = reader.vbr(6);
      const element = definition[++index]!;
      for (let item = 0; item < length; item += 1) readScalar(reader, fields, element);
    } else if (operand.kind === "blob") {
      fields.push({ bit: reader.position, width: 6, vbr: true, what: "blob length" });
      const length = reader.vbr(6);
      reader.align32();
      reader.position += length * 8;
      reader.align32();
    } else readScalar(reader, fields, operand);
  }
}
