/**
 * The bitstream cursor on hand-made bit patterns: fixed and VBR fields (including values above
 * 2^53, kept exactly), char6, arrays, blobs, abbreviations from the block and from BLOCKINFO,
 * O(1) skipping, and the exact errors for malformed streams.
 */
import { describe, expect, it } from "vitest";
import { BitstreamCursor, ENTRY_END_BLOCK, ENTRY_RECORD, ENTRY_SUBBLOCK } from "../../src/bitcode/bitstream.js";
import { InputError } from "../../src/errors.js";
import { BitWriter, type AbbrevOperand } from "./bit-writer.js";

function cursorOf(writer: BitWriter): BitstreamCursor {
  return new BitstreamCursor(writer.align32().finish(), "t.bc");
}

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error("no error");
}

describe("fixed and VBR fields", () => {
  it("reads fixed fields least significant bit first across word boundaries", () => {
    // 0x35 = 0b00110101: 4 bits 0101 = 5, then 0011 = 3; 0x0c, then a 32-bit field split over two words.
    const bytes = new Uint8Array([0x35, 0x0c, 0, 0, 0x78, 0x56, 0x34, 0x12, 0, 0, 0, 0]);
    const cursor = new BitstreamCursor(bytes, "t.bc");
    expect([cursor.read(4), cursor.read(4), cursor.read(8)]).toEqual([5, 3, 12]);
    cursor.seek(24);
    expect(cursor.read(32)).toBe(0x34567800);
    cursor.seek(32);
    expect(cursor.read(32)).toBe(0x12345678);
    expect(cursor.position()).toBe(64);
  });

  it.each([
    [0, 6], [31, 6], [32, 6], [1000, 6], [0xffffffff, 6], [2 ** 40 + 3, 8], [123456789, 4], [2 ** 53 - 1, 32],
  ])("reads VBR %d in %d-bit chunks", (value, width) => {
    const cursor = cursorOf(new BitWriter().vbr(value, width).fixed(0b101, 3));
    expect(cursor.readVBR(width)).toBe(value);
    expect(cursor.read(3)).toBe(0b101);
  });

  it("keeps VBR values above 2^53 exactly in a record's wide map", () => {
    const writer = new BitWriter();
    writer.enterBlock(8, 3);
    writer.fixed(3, 3).vbr(4, 6).vbr(2, 6).vbr(5, 6).vbrBig(0xfedcba9876543210n, 6);
    writer.endBlock();
    const cursor = cursorOf(writer);
    expect(cursor.advance()).toBe(ENTRY_SUBBLOCK);
    cursor.enterBlock();
    expect(cursor.advance()).toBe(ENTRY_RECORD);
    expect(cursor.code).toBe(4);
    expect(cursor.ops[0]).toBe(5);
    expect(cursor.wide?.get(1)).toBe(0xfedcba9876543210n);
    expect(cursor.wide?.has(0)).toBe(false);
  });

  it("refuses a VBR longer than 64 bits", () => {
    const writer = new BitWriter();
    for (let chunk = 0; chunk < 16; chunk++) writer.fixed(0x3f, 6);
    writer.fixed(0, 6);
    expect(errorOf(() => cursorOf(writer).readVBR(6))).toBe("t.bc: VBR value is longer than 64 bits (offset 0x00)");
  });
});

describe("records and abbreviations", () => {
  const arrayOfChar6: AbbrevOperand[] = [{ literal: 19 }, { array: { char6: true } }];
  const mixed: AbbrevOperand[] = [{ fixed: 4 }, { vbr: 6 }, { char6: true }, { array: { fixed: 8 } }];
  const blob: AbbrevOperand[] = [{ literal: 1 }, { blob: true }];

  it("reads unabbreviated, literal, fixed, VBR, char6, array and blob operands", () => {
    const writer = new BitWriter().enterBlock(17, 4);
    writer.record(7, [32, 1000]);
    writer.defineAbbrev(arrayOfChar6).defineAbbrev(mixed).defineAbbrev(blob);
    writer.abbreviated(4, arrayOfChar6, ["struct.node"]);
    writer.abbreviated(5, mixed, [9, 300, "Z", [1, 255, 7]]);
    writer.abbreviated(6, blob, ["hello"]);
    writer.endBlock();
    const cursor = cursorOf(writer);
    cursor.advance();
    cursor.enterBlock();
    const seen: [number, number, number[], string | undefined][] = [];
    while (cursor.advance() === ENTRY_RECORD) {
      seen.push([cursor.abbrevId, cursor.code, [...cursor.ops], cursor.blob && Buffer.from(cursor.blob).toString("latin1")]);
    }
    expect(seen).toEqual([
      [3, 7, [32, 1000], undefined],
      [4, 19, Array.from("struct.node", (char) => char.charCodeAt(0)), undefined],
      [5, 9, [300, "Z".charCodeAt(0), 1, 255, 7], undefined],
      [6, 1, [], "hello"],
    ]);
    expect(cursor.advance()).toBe(ENTRY_END_BLOCK);
  });

  it("gives a block the abbreviations BLOCKINFO defined for it, before its own", () => {
    const writer = new BitWriter().enterBlock(8, 3);
    writer.enterBlock(0, 2).record(1, [11]).defineAbbrev([{ literal: 4 }, { vbr: 6 }]).endBlock();
    writer.enterBlock(11, 4).defineAbbrev([{ literal: 1 }, { fixed: 5 }]);
    writer.abbreviated(4, [{ literal: 4 }, { vbr: 6 }], [77]).abbreviated(5, [{ literal: 1 }, { fixed: 5 }], [21]);
    writer.endBlock().endBlock();
    const cursor = cursorOf(writer);
    cursor.advance();
    cursor.enterBlock();
    expect(cursor.advance()).toBe(ENTRY_SUBBLOCK);
    expect(cursor.code).toBe(11);
    cursor.enterBlock();
    const records: [number, number, number[]][] = [];
    while (cursor.advance() === ENTRY_RECORD) records.push([cursor.abbrevId, cursor.code, [...cursor.ops]]);
    expect(records).toEqual([[4, 4, [77]], [5, 1, [21]]]);
  });

  it("skips a block by its word count without reading its content", () => {
    const writer = new BitWriter().enterBlock(8, 3);
    writer.enterBlock(15, 4);
    for (let word = 0; word < 40; word++) writer.fixed(15, 4); // abbreviation ids never defined
    writer.endBlock();
    writer.record(2, [1, 2, 3]).endBlock();
    const cursor = cursorOf(writer);
    cursor.advance();
    cursor.enterBlock();
    expect(cursor.advance()).toBe(ENTRY_SUBBLOCK);
    cursor.skipBlock();
    expect(cursor.advance()).toBe(ENTRY_RECORD);
    expect([cursor.code, ...cursor.ops]).toEqual([2, 1, 2, 3]);
  });
});

describe("malformed streams", () => {
  function inBlock(body: (writer: BitWriter) => void, close = true): BitstreamCursor {
    const writer = new BitWriter().enterBlock(12, 4);
    body(writer);
    if (close) writer.endBlock();
    const cursor = cursorOf(writer);
    cursor.advance();
    cursor.enterBlock();
    return cursor;
  }

  it.each([
    ["an abbreviation id nobody defined", (writer: BitWriter) => writer.fixed(6, 4),
      "t.bc: abbreviation id 6 is out of range (0 defined) (offset 0x08)"],
    ["an operand count larger than the block", (writer: BitWriter) => writer.fixed(3, 4).vbr(1, 6).vbr(5000, 6),
      "t.bc: record with 5000 operands is longer than its block (offset 0x08)"],
    ["an array larger than the block", (writer: BitWriter) => writer.defineAbbrev([{ literal: 1 }, { array: { fixed: 8 } }]).fixed(4, 4).vbr(100000, 6),
      "t.bc: array of 100000 elements is longer than its block at bit 95 (offset 0x0b)"],
    ["a blob larger than the block", (writer: BitWriter) => writer.defineAbbrev([{ literal: 1 }, { blob: true }]).fixed(4, 4).vbr(5000, 6),
      "t.bc: blob of 5000 bytes is longer than its block at bit 86 (offset 0x0a)"],
    ["a VBR(1) abbreviation operand", (writer: BitWriter) => writer.fixed(2, 4).vbr(2, 5).fixed(1, 1).vbr(1, 8).fixed(0, 1).fixed(2, 3).vbr(1, 5),
      "t.bc: abbreviation VBR width 1 is invalid (offset 0x08)"],
  ])("refuses %s", (_, body, message) => {
    const cursor = inBlock(body);
    expect(errorOf(() => cursor.advance())).toBe(message);
  });

  it("refuses a block that says it is longer than the file", () => {
    const bytes = new BitWriter().enterBlock(8, 3).record(1, [2]).endBlock().finish();
    const truncated = bytes.subarray(0, bytes.length - 4);
    const cursor = new BitstreamCursor(truncated, "t.bc");
    cursor.advance();
    expect(errorOf(() => cursor.enterBlock())).toBe("t.bc: bitcode is truncated: MODULE block needs 4 bytes, 0 remain (offset 0x04)");
  });

  it("refuses END_BLOCK at the top level", () => {
    const cursor = cursorOf(new BitWriter().fixed(0, 2));
    expect(errorOf(() => cursor.advance())).toBe("t.bc: END_BLOCK outside any block (offset 0x04)");
  });
});
