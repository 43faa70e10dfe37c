import * as zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32, crc32Table, nativeCrc32 } from "../../src/module/crc32.js";

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

// Both implementations: `crc32` (node:zlib's native one on this Node) and the table fallback.
describe.each([
  ["crc32", crc32],
  ["crc32Table", crc32Table],
])("%s", (_name, implementation) => {
  // Published check values of CRC-32/ISO-HDLC (the IEEE one used by zlib and PNG).
  it.each([
    ["", 0x00000000],
    ["a", 0xe8b7be43],
    ["123456789", 0xcbf43926],
    ["The quick brown fox jumps over the lazy dog", 0x414fa339],
    ["\u00ff\u00ff\u00ff\u00ff", 0x532e817e], // UTF-8 c3 bf x4; python3 zlib.crc32
  ])("crc32(%j) = %i", (input, expected) => {
    expect(implementation(text(input))).toBe(expected);
  });
});

describe("crc32 implementations", () => {
  it("uses node:zlib's crc32 on this Node (>= 20.15)", () => {
    expect(nativeCrc32, "zlib.crc32 needs Node >= 20.15").toBeTypeOf("function");
    expect(nativeCrc32).toBe((zlib as { crc32?: unknown }).crc32);
  });

  it("the table fallback agrees with node:zlib's crc32 on pseudo-random buffers of many lengths", () => {
    const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32!;
    let seed = 12345;
    for (const length of [1, 2, 3, 7, 64, 255, 256, 1000, 4096, 65537]) {
      const bytes = new Uint8Array(length);
      for (let index = 0; index < length; index++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        bytes[index] = seed >>> 24;
      }
      expect(crc32Table(bytes)).toBe(zlibCrc32(bytes));
      expect(crc32(bytes.subarray(1))).toBe(zlibCrc32(bytes.subarray(1)));
    }
  });
});
