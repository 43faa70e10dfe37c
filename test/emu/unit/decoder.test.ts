/**
 * The decoder against iced-x86 on every byte sequence of the unit tests, plus edge encodings
 * (SIB without base, EBP base needing a displacement, prefixes, group members, invalid forms):
 * each instruction's length and mnemonic must equal iced's, and selected operand fields are
 * checked exactly.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { decodeAt } from "../../../src/emu/decoder.js";
import { ALL_CASES } from "./cases.js";

interface IcedInstruction {
  length: number;
  mnemonic: number;
  free(): void;
}
interface Iced {
  Decoder: new (bitness: number, data: Uint8Array, options: number) => { ip: bigint; decode(): IcedInstruction; free(): void };
  DecoderOptions: { None: number };
  Mnemonic: Record<number, string>;
}
const iced = createRequire(import.meta.url)("iced-x86") as Iced;

/** iced's length and lowercased mnemonic for the instruction at the start of `bytes`. */
function icedDecode(bytes: Uint8Array): { length: number; mnemonic: string } {
  const decoder = new iced.Decoder(32, bytes, iced.DecoderOptions.None);
  const instruction = decoder.decode();
  const result = { length: instruction.length, mnemonic: iced.Mnemonic[instruction.mnemonic].toLowerCase() };
  instruction.free();
  decoder.free();
  return result;
}

function compareSequence(code: number[]): void {
  const bytes = Uint8Array.from(code);
  for (let offset = 0; offset < bytes.length; ) {
    const ours = decodeAt(bytes, offset);
    const theirs = icedDecode(bytes.subarray(offset));
    expect({ at: offset, length: ours.length, mnemonic: ours.mnemonic }).toEqual({ at: offset, ...theirs });
    offset += ours.length;
  }
}

const EDGE_ENCODINGS: number[][] = [
  [0x8b, 0x04, 0x24], // mov eax,[esp]
  [0x8b, 0x45, 0x00], // mov eax,[ebp+0]
  [0x8b, 0x05, 0x78, 0x56, 0x34, 0x12], // mov eax,[0x12345678]
  [0x8b, 0x04, 0x25, 0x78, 0x56, 0x34, 0x12], // mov eax,[0x12345678] via SIB, no base, no index
  [0x8b, 0x84, 0x88, 0x00, 0x01, 0x00, 0x00], // mov eax,[eax+ecx*4+0x100]
  [0x26, 0x2e, 0x36, 0x3e, 0x8b, 0x00], // segment prefixes
  [0x64, 0xa1, 0x14, 0, 0, 0], // mov eax,fs:[0x14]
  [0xf0, 0x01, 0x18], // lock add [eax],ebx
  [0xf0, 0x01, 0xd8], // lock on a register destination: invalid
  [0xf0, 0x39, 0x18], // lock cmp: invalid
  [0xf3, 0xc3], // rep ret
  [0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00], // nop dword [eax+eax+0]
  [0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00], // nop word cs:[eax+eax+0]
  [0xf3, 0x0f, 0x1e, 0xfb], // endbr32
  [0x0f, 0x0b], // ud2
  [0x0f, 0xb9, 0xc0], // ud1
  [0xd9, 0xe8], // fld1: x87, unsupported
  [0xc1, 0xf0, 0x01], // sal (C1 /6)
  [0xf6, 0xc8, 0x01], // test (F6 /1)
  [0x82, 0xc0, 0x01], // add al,1 via 82
  [0xcd, 0x80],
  [0xcc],
  [0xc8, 0x10, 0x00, 0x02],
  [0x66, 0x68, 0x34, 0x12], // push word imm16
  [0x0f, 0x18, 0x00], // prefetchnta
  [0x0f, 0x18, 0xc0], // reserved nop (register operand)
  [0x0f, 0x0d, 0x08], // prefetchw
  [0x0f, 0x0d, 0xc8], // reserved nop
  [0x0f, 0xc7, 0x08], // cmpxchg8b
  [0x0f, 0xc7, 0xc8], // cmpxchg8b with a register operand: invalid
];

describe("decoder against iced-x86", () => {
  it.each(ALL_CASES.map((testCase) => [testCase.name, testCase.code] as const))("%s", (_name, code) => compareSequence(code));
  it.each(EDGE_ENCODINGS.map((code) => [code.map((byte) => byte.toString(16).padStart(2, "0")).join(" "), code] as const))(
    "%s",
    (_name, code) => {
      const bytes = Uint8Array.from(code);
      const ours = decodeAt(bytes, 0);
      const theirs = icedDecode(bytes);
      // Unsupported instructions (x87) decode as "invalid" and fault when executed.
      if (ours.mnemonic === "invalid" && theirs.mnemonic !== "invalid") {
        expect(theirs.mnemonic).toBe("fld1");
        return;
      }
      expect({ length: ours.length, mnemonic: ours.mnemonic }).toEqual(theirs);
    },
  );
});

describe("decoded operands", () => {
  it("splits ModRM and SIB into base, index, scale and displacement", () => {
    const i = decodeAt(Uint8Array.from([0x8b, 0x84, 0x88, 0x00, 0x01, 0x00, 0x00]), 0x1000, 0x1000);
    expect([i.reg, i.isMemory, i.base, i.index, i.scale, i.displacement, i.length, i.next]).toEqual([0, true, 0, 1, 2, 0x100, 7, 0x1007]);
  });

  it("uses the constant-zero register for an absent base and index", () => {
    const i = decodeAt(Uint8Array.from([0x8b, 0x04, 0x25, 0x78, 0x56, 0x34, 0x12]), 0);
    expect([i.base, i.index, i.displacement]).toEqual([8, 8, 0x12345678]);
  });

  it("resolves branch targets and sign-extends immediates to the operand size", () => {
    expect(decodeAt(Uint8Array.from([0xeb, 0xfe]), 0x2000, 0x2000).target).toBe(0x2000);
    expect(decodeAt(Uint8Array.from([0xe8, 0xfb, 0xff, 0xff, 0xff]), 0x2000, 0x2000).target).toBe(0x2000);
    expect(decodeAt(Uint8Array.from([0x83, 0xc0, 0xff]), 0).immediate).toBe(-1);
    expect(decodeAt(Uint8Array.from([0x66, 0x83, 0xc0, 0xff]), 0).immediate).toBe(0xffff);
  });

  it("reports rep prefixes on string instructions only", () => {
    expect(decodeAt(Uint8Array.from([0xf3, 0xab]), 0)).toMatchObject({ mnemonic: "stosd", repPrefix: "rep" });
    expect(decodeAt(Uint8Array.from([0xf3, 0xa6]), 0)).toMatchObject({ mnemonic: "cmpsb", repPrefix: "repe" });
    expect(decodeAt(Uint8Array.from([0xf2, 0xae]), 0)).toMatchObject({ mnemonic: "scasb", repPrefix: "repne" });
    expect(decodeAt(Uint8Array.from([0xf3, 0xc3]), 0)).toMatchObject({ mnemonic: "ret", repPrefix: "" });
  });

  it("decodes an over-long instruction (16 bytes of prefixes) as a faulting one", () => {
    const i = decodeAt(Uint8Array.from([...new Array(15).fill(0x66), 0x90]), 0);
    expect([i.mnemonic, i.length]).toEqual(["invalid", 16]);
  });
});
