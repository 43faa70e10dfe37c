/**
 * The reader against LLVM itself, over test/bitcode/corpus/*.c compiled by clang-14, -15, -16
 * and -19 at -O0..-O3: for every module, the globals, declarations and definitions (names, in
 * order), each definition's block count and instruction opcodes equal what llvm-dis of the same
 * version shows, and the number of each INST_* record llvm-bcanalyzer dumps equals the number
 * of instructions we built from it. (The full textual comparison with our printer is in
 * test/ir/.)
 */
import { readFileSync } from "node:fs";
import { beforeAll, expect, it } from "vitest";
import { readBitcode } from "../../src/bitcode/reader.js";
import type { Module } from "../../src/ir/values.js";
import { describePeers } from "../helpers/peers.js";
import { buildCorpus, versions, type BuiltCase } from "./build.js";
import { parseDisassembly, recordCounts } from "./llvm-text.js";

const peers = versions.flatMap((version) => [`clang-${version}`, `llvm-dis-${version}`, `llvm-bcanalyzer-${version}`]);

/** INST_* record -> the opcodes an instruction read from it can have. */
const recordOpcodes: Record<string, readonly string[]> = {
  INST_BINOP: ["add", "fadd", "sub", "fsub", "mul", "fmul", "udiv", "sdiv", "fdiv", "urem", "srem", "frem", "shl", "lshr", "ashr", "and", "or", "xor"],
  INST_CAST: ["trunc", "zext", "sext", "fptoui", "fptosi", "uitofp", "sitofp", "fptrunc", "fpext", "ptrtoint", "inttoptr", "bitcast", "addrspacecast"],
  INST_GEP: ["getelementptr"], INST_LOAD: ["load"], INST_STORE: ["store"], INST_ALLOCA: ["alloca"],
  INST_CMP2: ["icmp", "fcmp"], INST_BR: ["br"], INST_SWITCH: ["switch"], INST_RET: ["ret"],
  INST_PHI: ["phi"], INST_CALL: ["call"], INST_VSELECT: ["select"], INST_UNREACHABLE: ["unreachable"],
  INST_EXTRACTELT: ["extractelement"], INST_INSERTELT: ["insertelement"], INST_SHUFFLEVEC: ["shufflevector"],
  INST_UNOP: ["fneg"], INST_FREEZE: ["freeze"], INST_EXTRACTVAL: ["extractvalue"], INST_INSERTVAL: ["insertvalue"],
};

function opcodeCounts(module: Module): Map<string, number> {
  const counts = new Map<string, number>();
  for (const fn of module.functions) {
    for (const block of fn.blocks) {
      for (const instruction of block.instructions) counts.set(instruction.opcode, (counts.get(instruction.opcode) ?? 0) + 1);
    }
  }
  return counts;
}

function checkAgainstDisassembly(module: Module, text: string): void {
  const expected = parseDisassembly(text);
  expect(module.globals.map((global) => global.name)).toEqual(expected.globals);
  const defined = module.functions.filter((fn) => fn.blocks.length > 0);
  expect(module.functions.filter((fn) => fn.blocks.length === 0).map((fn) => fn.name)).toEqual(expected.declarations);
  expect(defined.map((fn) => fn.name)).toEqual(expected.definitions.map((fn) => fn.name));
  for (const [index, fn] of defined.entries()) {
    const reference = expected.definitions[index]!;
    expect({ name: fn.name, blocks: fn.blocks.length }).toEqual({ name: reference.name, blocks: reference.blocks });
    expect(fn.blocks.flatMap((block) => block.instructions.map((instruction) => instruction.opcode))).toEqual(reference.opcodes);
  }
}

function checkAgainstRecords(module: Module, dump: string): void {
  const records = recordCounts(dump);
  const ours = opcodeCounts(module);
  for (const [record, opcodes] of Object.entries(recordOpcodes)) {
    const read = opcodes.reduce((sum, opcode) => sum + (ours.get(opcode) ?? 0), 0);
    expect({ record, count: read }).toEqual({ record, count: records.get(record) ?? 0 });
  }
}

describePeers(peers, "bitcode reader on clang 14..19 output", () => {
  let cases: BuiltCase[] = [];
  beforeAll(async () => {
    cases = await buildCorpus();
  }, 240_000);

  it("reads every corpus module as llvm-dis and llvm-bcanalyzer see it", () => {
    expect(cases.length).toBe(2 * 4 * 4);
    for (const built of cases) {
      const module = readBitcode(new Uint8Array(readFileSync(built.bitcode)), { file: built.name });
      expect(module.producer).toMatch(new RegExp(`^LLVM${built.version}\\.`));
      expect(module.triple).toBe("i386-unknown-none");
      checkAgainstDisassembly(module, readFileSync(built.disassembly, "utf8"));
      checkAgainstRecords(module, readFileSync(built.dump, "utf8"));
    }
  });

  it("sees the features each row of the table needs", () => {
    const seen = new Set<string>();
    for (const built of cases) {
      const module = readBitcode(new Uint8Array(readFileSync(built.bitcode)), { file: built.name });
      for (const [opcode] of opcodeCounts(module)) seen.add(opcode);
      for (const fn of module.functions) {
        if (fn.name.startsWith("llvm.")) seen.add(fn.name.replace(/\.(i|f|v|p)\d.*$/, ""));
        for (const block of fn.blocks) for (const instruction of block.instructions) {
          if (instruction.opcode === "call" && instruction.operands[0]!.valueKind === "inlineasm") seen.add("inline asm");
          if (instruction.type.kind === "vector") seen.add("vector");
        }
      }
    }
    for (const wanted of [
      "switch", "phi", "select", "fadd", "fmul", "fdiv", "fcmp", "sitofp", "uitofp", "fptosi", "fptrunc", "fpext",
      "sdiv", "udiv", "ptrtoint", "inttoptr", "unreachable", "shufflevector", "extractelement", "fneg",
      "inline asm", "vector", "llvm.memcpy", "llvm.bswap", "llvm.abs", "llvm.fshl", "llvm.usub.sat",
    ]) expect({ wanted, seen: seen.has(wanted) }).toEqual({ wanted, seen: true });
  });
});
