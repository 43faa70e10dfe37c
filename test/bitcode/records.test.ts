/**
 * Record kinds clang rarely writes for C (wide and exotic constants, vectors, aliases, TLS,
 * sections, constant expressions, freeze, fneg, atomics, va_arg, indirectbr, blockaddress,
 * i64 switch cases), from test/bitcode/records/records.ll assembled by llvm-as-15, -16 and -19:
 * opcodes per function as llvm-dis shows them, and the exact values llvm-dis prints.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { readBitcode } from "../../src/bitcode/reader.js";
import type { Constant, GlobalVariable, Module } from "../../src/ir/values.js";
import { describePeers } from "../helpers/peers.js";
import { parseDisassembly } from "./llvm-text.js";

const source = new URL("records/records.ll", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "mkimg-records-"));

function assemble(version: number): { module: Module; text: string } {
  const output = join(work, `records${version}.bc`);
  execFileSync(`llvm-as-${version}`, [source, "-o", output]);
  const text = execFileSync(`llvm-dis-${version}`, [output, "-o", "-"], { encoding: "utf8" });
  return { module: readBitcode(new Uint8Array(readFileSync(output)), { file: output }), text };
}

function global(module: Module, name: string): GlobalVariable {
  const found = module.globals.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no global ${name}`);
  return found;
}

function initializer(module: Module, name: string): Constant {
  return global(module, name).initializer!;
}

for (const version of [15, 16, 19]) {
  describePeers([`llvm-as-${version}`, `llvm-dis-${version}`], `rare records, llvm-as-${version}`, () => {
    let module: Module;
    let text = "";
    beforeAll(() => {
      ({ module, text } = assemble(version));
    });

    it("has the globals, functions and opcodes llvm-dis shows", () => {
      const expected = parseDisassembly(text);
      expect(module.globals.map((candidate) => candidate.name)).toEqual(expected.globals);
      const [fn] = module.functions;
      expect(fn?.functionType.varArgs).toBe(true);
      expect(fn?.blocks.length).toBe(expected.definitions[0]!.blocks);
      expect(fn?.blocks.flatMap((block) => block.instructions.map((instruction) => instruction.opcode))).toEqual(expected.definitions[0]!.opcodes);
      expect(module.aliases.map((alias) => [alias.name, alias.aliasee])).toEqual([["alias", global(module, "tls")]]);
    });

    it.each([
      ["wide", { valueKind: "int", value: -170141183460469231731687303715884105727n }],
      ["huge", { valueKind: "int", value: -9223372036854775807n }],
      ["half", { valueKind: "float", bits: 0x3c00n }],
      ["ext", { valueKind: "float", bits: 0x4000c90fdaa22168c000n }],
      ["quad", { valueKind: "float", bits: 0x4000921fb54442d10000000000000000n }],
      ["dbl", { valueKind: "float", bits: 0x400921fb54442d18n }],
      ["flt", { valueKind: "float", bits: 0x3dcccccdn }],
      ["vec", { valueKind: "data", elements: [1n, 0xfffffffen, 3n, 0xfffffffcn], isString: false }],
      ["vecf", { valueKind: "data", elements: [0x3fc00000n, 0x80000000n], isString: false }],
      ["str", { valueKind: "data", elements: [97n, 0n, 98n, 0n], isString: true }],
      ["zeros", { valueKind: "zero" }],
    ])("reads @%s exactly", (name, expected) => {
      expect(initializer(module, name)).toMatchObject(expected);
    });

    it("reads aggregates, undef and poison, self references and constant expressions", () => {
      const pairs = initializer(module, "pairs");
      expect(pairs.valueKind === "aggregate" && pairs.elements.map((element) =>
        element.valueKind === "aggregate" ? element.elements.map((field) => (field.valueKind === "int" ? field.value : field.valueKind)) : [])).toEqual([[1n, 2n], [-3n, 4n]]);
      const undefs = initializer(module, "undefs");
      expect(undefs.valueKind === "aggregate" && undefs.elements.map((element) => element.valueKind)).toEqual(["undef", "poison"]);
      expect(initializer(module, "self")).toBe(global(module, "self"));
      const expr = initializer(module, "expr");
      expect(expr).toMatchObject({ valueKind: "expr", opcode: "ptrtoint" });
      const gep = expr.valueKind === "expr" ? expr.operands[0]! : undefined;
      expect(gep).toMatchObject({ valueKind: "expr", opcode: "getelementptr", inbounds: true, sourceType: { kind: "array", length: 2 } });
      expect(gep?.valueKind === "expr" && gep.operands.map((operand) => (operand.valueKind === "int" ? operand.value : operand))).toEqual([global(module, "pairs"), 0n, 1n, 1n]);
    });

    it("reads thread-local storage, sections, alignment and opaque structs", () => {
      expect(global(module, "tls")).toMatchObject({ threadLocal: "initialexec", section: ".tdata.x", align: 16 });
      expect(global(module, "str")).toMatchObject({ linkage: "private", unnamedAddr: "unnamed_addr", isConstant: true });
      const declaration = global(module, "ext.decl");
      expect(declaration.initializer).toBeUndefined();
      expect(declaration.valueType).toMatchObject({ kind: "struct", name: "opaque.t", opaque: true });
    });

    it("reads i64 switch cases, phis, indirectbr and blockaddress", () => {
      const blocks = module.functions[0]!.blocks;
      const terminator = blocks[0]!.instructions.at(-1)!;
      expect(terminator.opcode === "switch" && terminator.cases.map((entry) => [entry.value.value, blocks.indexOf(entry.target)])).toEqual([[-1n, 2], [81985529216486895n, 2]]);
      const indirect = blocks[1]!.instructions[0]!;
      expect(indirect.operands[0]).toMatchObject({ valueKind: "blockaddress", blockIndex: 2, function: module.functions[0] });
      const phi = blocks[2]!.instructions[0]!;
      expect(phi.opcode === "phi" && phi.blocks.map((block) => blocks.indexOf(block))).toEqual([0, 0, 1]);
    });
  });
}
