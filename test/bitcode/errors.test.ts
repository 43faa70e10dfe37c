/**
 * The reader on hand-built modules: a valid one reads to the expected IR, and each kind of
 * damage ends in one exact InputError naming the byte (or bit) where it was found.
 */
import { describe, expect, it } from "vitest";
import { readBitcode } from "../../src/bitcode/reader.js";
import { InputError } from "../../src/errors.js";
import { at, buildModule, defaultFunctionRecord, type ModuleParts } from "./module-builder.js";

function errorOf(bytes: Uint8Array, force = false): string {
  try {
    readBitcode(bytes, { file: "t.bc", force });
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error("no error");
}

describe("a hand-built module", () => {
  it("reads to one function with an add and a ret", () => {
    const module = readBitcode(buildModule().bytes, { file: "t.bc" });
    expect(module.producer).toBe("LLVM14.0.6");
    expect(module.triple).toBe("i386-unknown-none");
    const [fn] = module.functions;
    expect(fn?.name).toBe("f");
    expect(fn?.linkage).toBe("external");
    expect(fn?.dsoLocal).toBe(true);
    const instructions = fn!.blocks[0]!.instructions;
    expect(instructions.map((instruction) => instruction.opcode)).toEqual(["add", "ret"]);
    expect(instructions[0]!.operands).toEqual([fn!.params[0], fn!.params[0]]);
    expect(instructions[1]!.operands[0]).toBe(instructions[0]);
  });

  it("accepts LLVM 14, 15, 16 and 19 producers and refuses others unless forced", () => {
    for (const producer of ["LLVM14.0.6", "LLVM15.0.7", "LLVM16.0.6", "LLVM19.1.7"]) {
      expect(readBitcode(buildModule({ producer }).bytes, { file: "t.bc" }).producer).toBe(producer);
    }
    const newer = buildModule({ producer: "LLVM17.0.1" }).bytes;
    expect(errorOf(newer)).toBe("t.bc: bitcode produced by LLVM17.0.1, which mkimg has not been tested with; use --force to read it anyway");
    expect(readBitcode(newer, { file: "t.bc", force: true }).functions.length).toBe(1);
  });
});

describe("damaged modules", () => {
  const cases: [string, ModuleParts, (marks: Map<string, number>) => string][] = [
    ["a type id out of range", { functionRecord: [0, 1, 9, ...defaultFunctionRecord.slice(3)] },
      (marks) => `t.bc: FUNCTION: type id 9 is out of range (2 types)${at(marks.get("function record")!)}`],
    ["a record too short", { functionRecord: [0, 1, 1] },
      (marks) => `t.bc: FUNCTION record is too short (3 operands)${at(marks.get("function record")!)}`],
    ["a name outside the string table", { strtab: "" },
      (marks) => `t.bc: FUNCTION: name at 0+1 is outside the string table (0 bytes)${at(marks.get("function record")!)}`],
    ["a type table longer than its block", { numEntries: 100000 },
      (marks) => `t.bc: type table of 100000 entries is longer than its block${at(marks.get("types")!)}`],
    ["types nested too deep", { types: [[7, 32], ...Array.from({ length: 300 }, (_, index) => [8, index, 0])] },
      (marks) => `t.bc: type nested more than 256 levels deep${at(typeRecordBit(marks, 256))}`],
    ["a value id never defined", {
      body: (writer, mark) => { writer.record(1, [1]); mark("bad"); writer.record(2, [2 ** 32 - 5, 0, 1, 0]).record(10, [1]); },
    }, (marks) => `t.bc: value id 7 is referenced but never defined (3 values)${at(marks.get("bad")!)}`],
    ["an instruction record we do not know", {
      body: (writer, mark) => { writer.record(1, [1]); mark("bad"); writer.record(99, [1]); },
    }, (marks) => `t.bc: f: instruction record 99 is not supported${at(marks.get("bad")!)}`],
    ["an abbreviation id nobody defined", {
      body: (writer, mark) => { writer.record(1, [1]); mark("bad"); writer.fixed(9, 4); },
    }, (marks) => `t.bc: abbreviation id 9 is out of range (0 defined)${at(marks.get("bad")!)}`],
    ["a block without a terminator", { body: (writer) => writer.record(1, [2]).record(10, []) },
      (marks) => `t.bc: f: basic block 1 has no terminator${at(marks.get("end of function")!)}`],
    ["an instruction after the last block", {
      body: (writer, mark) => { writer.record(1, [1]).record(10, []); mark("bad"); writer.record(10, []); },
    }, (marks) => `t.bc: f: instruction after the last basic block${at(marks.get("bad")!)}`],
    ["a branch to a block that does not exist", {
      body: (writer, mark) => { writer.record(1, [1]); mark("bad"); writer.record(11, [4]); },
    }, (marks) => `t.bc: BR: block 4 is out of range (1 blocks)${at(marks.get("bad")!)}`],
  ];

  it.each(cases)("refuses %s", (_, parts, message) => {
    const { bytes, marks } = buildModule(parts);
    expect(errorOf(bytes)).toBe(message(marks));
  });

  it("refuses what is not bitcode, naming its magic", () => {
    expect(errorOf(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0]))).toBe(
      "t.bc: not LLVM bitcode (magic 7f 45 4c 46, expected 42 43 c0 de) (offset 0x00)",
    );
    expect(errorOf(new Uint8Array([0x42]))).toBe("t.bc: not LLVM bitcode: 1 bytes is too short (offset 0x00)");
  });

  it("refuses a truncated file at the block that runs past its end", () => {
    const { bytes, marks } = buildModule();
    const moduleLength = marks.get("module")! + 32; // the MODULE block's length field, after its header word
    expect(errorOf(bytes.subarray(0, 100))).toBe(
      `t.bc: bitcode is truncated: MODULE block needs ${readWord(bytes, moduleLength / 8) * 4} bytes, ${100 - moduleLength / 8 - 4} remain${at(moduleLength)}`,
    );
  });

  it("refuses a module without a MODULE block", () => {
    const bytes = buildModule().bytes;
    const end = buildModule().marks.get("module")!;
    expect(errorOf(bytes.subarray(0, end / 8))).toBe(`t.bc: bitcode has no MODULE block${at(end)}`);
  });
});

/**
 * Where pointer type record `index` (1-based) starts, unabbreviated in a block of width 4:
 * id, code and count, then each operand as VBR6 (6 bits below 32, 12 bits up to 1023).
 */
function typeRecordBit(marks: Map<string, number>, index: number): number {
  const numEntry = 4 + 6 + 6 + 12; // [301]
  const integer = 4 + 6 + 6 + 12; // [32]
  let bit = marks.get("types")! + numEntry + integer;
  for (let pointer = 1; pointer < index; pointer++) bit += 4 + 6 + 6 + (pointer - 1 < 32 ? 6 : 12) + 6;
  return bit;
}

function readWord(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset).getUint32(offset, true);
}


describe("constants that would make printing recurse without end", () => {
  /** A module whose constants block (in the function) holds `records` after SETTYPE i32. */
  function withConstants(records: number[][]): { bytes: Uint8Array; marks: Map<string, number> } {
    return buildModule({
      body: (writer, mark) => {
        writer.record(1, [1]);
        writer.enterBlock(11, 4).record(1, [0]);
        mark("constants");
        for (const [code, ...operands] of records) writer.record(code!, operands);
        writer.endBlock();
        mark("constants end");
        writer.record(10, []);
      },
    });
  }

  it("refuses a constant expression that refers to itself", () => {
    // Values 0 (@f) and 1 (its argument) come first: constants are 2 and 3.
    // 2 = add(3, 3), 3 = add(2, 2): a cycle only forward references can make.
    const { bytes, marks } = withConstants([[10, 0, 3, 3], [10, 0, 2, 2]]);
    expect(errorOf(bytes)).toBe(`t.bc: constant expression refers to itself${at(lastRecordBit(marks))}`);
  });

  it("refuses constant expressions nested more than 512 deep", () => {
    // 2 = i32 1, then each constant adds the previous one to itself.
    const chain = [[4, 2], ...Array.from({ length: 600 }, (_, index) => [10, 0, 2 + index, 2 + index])];
    const { bytes, marks } = withConstants(chain);
    expect(errorOf(bytes)).toBe(`t.bc: constant expression nested more than 512 levels deep${at(lastRecordBit(marks))}`);
  });
});

/** The end of the constants block: the checks run once the block is read. */
function lastRecordBit(marks: Map<string, number>): number {
  return marks.get("constants end")!;
}
