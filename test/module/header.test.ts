import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import {
  HEADER_SIZE,
  crc32,
  defaultEntry,
  isWrappedModule,
  moduleStem,
  parseModule,
  wrapModule,
  type Layout,
} from "../../src/module/index.js";

const bitcode = new Uint8Array(readFileSync(new URL("fixtures/answer.bc", import.meta.url)));
const wrapped = (): Uint8Array => wrapModule(bitcode, { name: "answer", entry: "answer", optLevel: 2, version: 7 }, "answer.bc");

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error("expected an InputError");
}

function setUint32(bytes: Uint8Array, offset: number, value: number): void {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(offset, value, true);
}

describe("wrapModule and parseModule", () => {
  it("writes the 128-byte layout field by field", () => {
    const bytes = wrapped();
    const view = new DataView(bytes.buffer);
    expect(bytes.length).toBe(HEADER_SIZE + bitcode.length);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x43, 0x42, 0x4c, 0x4c]);
    expect(new TextDecoder().decode(bytes.subarray(4, 11))).toBe("answer\0");
    expect(bytes.subarray(4 + 6, 36).every((byte) => byte === 0)).toBe(true);
    expect(new TextDecoder().decode(bytes.subarray(36, 43))).toBe("answer\0");
    expect(view.getUint32(100, true)).toBe(1912);
    expect(view.getUint32(104, true)).toBe(7);
    expect(view.getUint32(108, true)).toBe(2);
    expect(view.getUint32(112, true)).toBe(0x3746e725); // python3 -c 'zlib.crc32(answer.bc)'
    expect(view.getUint32(116, true)).toBe(1);
    expect(bytes.subarray(120, 128).every((byte) => byte === 0)).toBe(true);
    expect(bytes.subarray(128)).toEqual(bitcode);
  });

  it("reads back what it wrote", () => {
    const parsed = parseModule(wrapped(), "answer.mod");
    expect(parsed.header).toEqual({
      name: "answer", entry: "answer", bitcodeSize: 1912, version: 7, optLevel: 2, crc: 0x3746e725, flags: 1,
    });
    expect(parsed.layout).toBe(128);
    expect(parsed.crcStatus).toBe("ok");
    expect(parsed.bitcode).toEqual(bitcode);
  });

  it.each([120, 124] as Layout[])("reads the legacy %i-byte layout, without CRC", (layout) => {
    const bytes = wrapModule(bitcode, { name: "answer", entry: "answer", layout }, "answer.bc");
    expect(bytes.length).toBe(layout + bitcode.length);
    const parsed = parseModule(bytes, "answer.mod");
    expect(parsed.layout).toBe(layout);
    expect(parsed.crcStatus).toBe("absent");
    expect(parsed.header.crc).toBeUndefined();
    expect(parsed.header.flags).toBe(0);
    expect(parsed.bitcode).toEqual(bitcode);
  });

  it("uses defaults version 1 and opt level 0", () => {
    const header = parseModule(wrapModule(bitcode, { name: "a", entry: "b" }, "x.bc"), "x.mod").header;
    expect([header.version, header.optLevel]).toEqual([1, 0]);
  });

  it("recognises wrapped modules by their magic only", () => {
    expect(isWrappedModule(wrapped())).toBe(true);
    expect(isWrappedModule(bitcode)).toBe(false);
    expect(isWrappedModule(new Uint8Array([0x43, 0x42, 0x4c]))).toBe(false);
  });

  it("names modules after the file stem and the entry after the name, for now", () => {
    expect(moduleStem("modules/bc/fib.O2.bc")).toBe("fib.O2");
    expect(moduleStem("fib.bc")).toBe("fib");
    expect(moduleStem("dir.x/fib")).toBe("fib");
    expect(moduleStem(".hidden")).toBe(".hidden");
    expect(defaultEntry(bitcode, "answer")).toBe("answer");
  });
});

/** One corruption of a valid module each, and the exact message it must give. */
const corruptions: [string, (bytes: Uint8Array) => Uint8Array, string][] = [
  ["empty file", () => new Uint8Array(0), "m.mod: header: truncated: the file is 0 bytes, a header is 128 (offset 0x00)"],
  ["truncated header", (b) => b.subarray(0, 57), "m.mod: header: truncated: the file is 57 bytes, a header is 128 (offset 0x39)"],
  ["wrong magic", (b) => (setUint32(b, 0, 0x12345678), b), "m.mod: header: magic 0x12345678 is not LLBC (0x4c4c4243) (offset 0x00)"],
  ["raw bitcode", () => bitcode.slice(), "m.mod: header: magic 0xdec04342 is not LLBC (0x4c4c4243): this is raw LLVM bitcode, not a wrapped module (offset 0x00)"],
  ["name not terminated", (b) => (b.fill(0x41, 4, 36), b), "m.mod: header: name is not NUL-terminated within its 32 bytes (offset 0x04)"],
  ["empty name", (b) => (b.fill(0, 4, 36), b), "m.mod: header: name is empty (offset 0x04)"],
  ["control character in name", (b) => ((b[7] = 0x07), b), "m.mod: header: name byte 0x07 is not printable ASCII (offset 0x07)"],
  ["non-ASCII entry", (b) => ((b[36] = 0xe9), b), "m.mod: header: entry byte 0xe9 is not printable ASCII (offset 0x24)"],
  ["entry not terminated", (b) => (b.fill(0x5f, 36, 100), b), "m.mod: header: entry is not NUL-terminated within its 64 bytes (offset 0x24)"],
  ["zero bitcode_size", (b) => (setUint32(b, 100, 0), b), "m.mod: header: bitcode_size 0 is not in 1..1048576 (the kernel's limit) (offset 0x64)"],
  ["huge bitcode_size", (b) => (setUint32(b, 100, 0x100001), b), "m.mod: header: bitcode_size 1048577 is not in 1..1048576 (the kernel's limit) (offset 0x64)"],
  ["bitcode_size too large for the file", (b) => (setUint32(b, 100, 1913), b), "m.mod: header: bitcode_size 1913 does not match the 1912 bytes after the 128-byte header (offset 0x64)"],
  ["file cut short", (b) => b.subarray(0, 1000), "m.mod: header: bitcode_size 1912 does not match the 872 bytes after the 128-byte header (offset 0x64)"],
  ["opt_level 4", (b) => (setUint32(b, 108, 4), b), "m.mod: header: opt_level 4 is not 0..3 (offset 0x6c)"],
  ["not LLVM bitcode", (b) => (setUint32(b, 128, 0x464c457f), b), "m.mod: bitcode: starts with 7f 45 4c 46, not LLVM's magic 42 43 c0 de (offset 0x80)"],
  ["header without bitcode", (b) => b.subarray(0, 130), "m.mod: bitcode: is only 2 bytes, too short for LLVM's magic 42 43 c0 de (offset 0x80)"],
  ["unknown flag", (b) => (setUint32(b, 116, 5), b), "m.mod: header: flags 0x00000005 has unknown bits set (offset 0x74)"],
  ["crc without flag", (b) => (setUint32(b, 116, 0), b), "m.mod: header: crc 0x3746e725 is set but flags says no CRC (offset 0x70)"],
  ["reserved byte", (b) => ((b[125] = 1), b), "m.mod: header: reserved byte is 0x01, not 0 (offset 0x7d)"],
  ["bad crc", (b) => ((b[1000] ^= 0x10), b), "m.mod: header: crc 0x3746e725 does not match the bitcode's CRC-32 0xb708ca61 (offset 0x70)"],
];

describe("parseModule rejects", () => {
  it.each(corruptions)("%s", (_label, corrupt, message) => {
    expect(errorOf(() => parseModule(corrupt(wrapped()), "m.mod"))).toBe(message);
  });

  it("a bad CRC, or reports it as bad when asked to tolerate it", () => {
    const bytes = wrapped();
    bytes[1000] ^= 0x10;
    const parsed = parseModule(bytes, "m.mod", { tolerateBadCrc: true });
    expect(parsed.crcStatus).toBe("bad");
    expect(parsed.header.crc).toBe(0x3746e725);
    expect(crc32(parsed.bitcode)).toBe(0xb708ca61); // python3: zlib.crc32 of the flipped bitcode
  });
});

const badWraps: [string, Uint8Array, Record<string, unknown>, string][] = [
  ["empty bitcode", new Uint8Array(0), {}, "in.bc: bitcode: the file is empty"],
  ["wrapped twice", wrapped(), {}, "in.bc: bitcode: already a wrapped LLBC module (magic 0x4c4c4243) (offset 0x00)"],
  ["an ELF file", new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1, 1]), {}, "in.bc: bitcode: starts with 7f 45 4c 46, not LLVM's magic 42 43 c0 de (offset 0x00)"],
  ["too large", bigBitcode(), {}, "in.bc: bitcode: 1048577 bytes is more than the kernel's limit of 1048576"],
  ["a 32-character name", bitcode, { name: "a".repeat(32) }, `in.bc: name "${"a".repeat(32)}" is 32 characters, the header holds at most 31`],
  ["an empty entry", bitcode, { entry: "" }, "in.bc: entry is empty"],
  ["a 64-character entry", bitcode, { entry: "e".repeat(64) }, `in.bc: entry "${"e".repeat(64)}" is 64 characters, the header holds at most 63`],
  ["a non-ASCII name", bitcode, { name: "café" }, 'in.bc: name "café" has U+00E9 at character 3, not printable ASCII'],
  ["opt level 4", bitcode, { optLevel: 4 }, "in.bc: opt_level 4 is not 0..3"],
  ["a negative version", bitcode, { version: -1 }, "in.bc: version -1 is not an unsigned 32-bit integer"],
  ["layout 100", bitcode, { layout: 100 }, "in.bc: layout 100 is not 128, 120 or 124"],
];

function bigBitcode(): Uint8Array {
  const bytes = new Uint8Array((1 << 20) + 1);
  bytes.set([0x42, 0x43, 0xc0, 0xde]);
  return bytes;
}

describe("wrapModule rejects", () => {
  it.each(badWraps)("%s", (_label, input, overrides, message) => {
    const options = { name: "answer", entry: "answer", ...overrides } as Parameters<typeof wrapModule>[1];
    expect(errorOf(() => wrapModule(input, options, "in.bc"))).toBe(message);
  });

  it("accepts names of exactly 31 and entries of exactly 63 characters", () => {
    const header = parseModule(wrapModule(bitcode, { name: "n".repeat(31), entry: "e".repeat(63) }, "x"), "x").header;
    expect([header.name.length, header.entry.length]).toEqual([31, 63]);
  });
});
