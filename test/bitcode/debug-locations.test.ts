/**
 * Source locations read from debug metadata against llvm-dis of the same bitcode: C files
 * compiled with `-g` by clang-14 and clang-19 at -O0 and -O2; for every instruction of every
 * definition, the line, column, file and subprogram of its `!dbg` DILocation (or none), and for
 * every definition the name and line of its DISubprogram, equal what llvm-dis prints. Plus the
 * compile unit's file and producer.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { readBitcode } from "../../src/bitcode/reader.js";
import type { Module } from "../../src/ir/values.js";
import { describePeers } from "../helpers/peers.js";
import { root, temporaryFolder } from "../kernel/support.js";

const sources = ["modules/fib.c", "modules/qsort.c", "test/ir/corpus/loops.c", "test/ir/corpus/structs.c"];
const versions = [14, 19];
const levels = ["O0", "O2"];
const flags = ["-target", "i386-unknown-none", "-ffreestanding", "-fno-builtin", "-nostdlib", "-c", "-emit-llvm", "-g", "-I", "include"];

/** The metadata nodes of llvm-dis text: `!12 = distinct !DISubprogram(name: "f", ...)` -> kind and fields. */
function metadataNodes(text: string): Map<string, { kind: string; fields: Map<string, string> }> {
  const nodes = new Map<string, { kind: string; fields: Map<string, string> }>();
  for (const match of text.matchAll(/^(![0-9]+) = (?:distinct )?!(DI[A-Za-z]+)\((.*)\)$/gm)) {
    const fields = new Map<string, string>();
    for (const field of match[3]!.matchAll(/([a-zA-Z]+): ("(?:[^"\\]|\\.)*"|[^,]+)/g)) fields.set(field[1]!, field[2]!.replace(/^"|"$/g, ""));
    nodes.set(match[1]!, { kind: match[2]!, fields });
  }
  return nodes;
}

/** `line:column file subprogram` of a DILocation as llvm-dis shows it. */
function expectedLocation(nodes: ReturnType<typeof metadataNodes>, id: string): string {
  const location = nodes.get(id)!;
  let scope = location.fields.get("scope");
  let file: string | undefined;
  while (scope !== undefined) {
    const node = nodes.get(scope)!;
    file ??= node.fields.get("file");
    if (node.kind === "DISubprogram") break;
    scope = node.fields.get("scope");
  }
  const subprogram = scope === undefined ? "?" : nodes.get(scope)!.fields.get("name");
  const fileName = file === undefined ? "?" : nodes.get(file)!.fields.get("filename");
  return `${location.fields.get("line")}:${location.fields.get("column") ?? 0} ${fileName} ${subprogram}`;
}

/** Per definition: its subprogram (`name:line`) and each instruction's location, from llvm-dis. */
function expectedFunctions(text: string): Map<string, string[]> {
  const nodes = metadataNodes(text);
  const functions = new Map<string, string[]>();
  for (const match of text.matchAll(/^define [^@]*@("?[^"(]+"?)\(.*?(?:!dbg (![0-9]+))? \{\n([\s\S]*?)^\}/gm)) {
    const subprogram = match[2] === undefined ? "-" : `${nodes.get(match[2])!.fields.get("name")}:${nodes.get(match[2])!.fields.get("line")}`;
    const lines = [subprogram];
    for (const line of match[3]!.split("\n")) {
      if (!line.startsWith("  ") || line.trimStart().startsWith("#dbg_")) continue;
      const dbg = /!dbg (![0-9]+)/.exec(line);
      lines.push(dbg === null ? "-" : expectedLocation(nodes, dbg[1]!));
    }
    functions.set(match[1]!.replace(/"/g, ""), lines);
  }
  return functions;
}

/** The same from our reader. */
function ourFunctions(module: Module): Map<string, string[]> {
  const functions = new Map<string, string[]>();
  for (const fn of module.functions) {
    if (fn.blocks.length === 0) continue;
    const lines = [fn.subprogram === undefined ? "-" : `${fn.subprogram.name}:${fn.subprogram.line}`];
    for (const block of fn.blocks) {
      for (const instruction of block.instructions) {
        const location = instruction.location;
        lines.push(location === undefined ? "-" : `${location.line}:${location.column} ${location.file.name} ${location.subprogram?.name ?? "?"}`);
      }
    }
    functions.set(fn.name, lines);
  }
  return functions;
}

let folder = "";
beforeAll(() => {
  folder = temporaryFolder("debug-locations");
});

describePeers(versions.flatMap((version) => [`clang-${version}`, `llvm-dis-${version}`]), "source locations from debug metadata", () => {
  for (const version of versions) {
    for (const level of levels) {
      it(`agree with llvm-dis-${version} at -${level}`, () => {
        for (const source of sources) {
          const output = join(folder, `${basename(source, ".c")}-${version}-${level}.bc`);
          execFileSync(`clang-${version}`, [...flags, `-${level}`, join(root, source), "-o", output], { cwd: join(root, "modules") });
          const text = execFileSync(`llvm-dis-${version}`, [output, "-o", "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
          const module = readBitcode(new Uint8Array(readFileSync(output)), { file: output });
          const expected = expectedFunctions(text);
          expect(expected.size).toBeGreaterThan(0);
          expect(Object.fromEntries(ourFunctions(module)), source).toEqual(Object.fromEntries(expected));
          const unit = /!DICompileUnit\(.*file: (![0-9]+), producer: "([^"]*)"/.exec(text)!;
          expect(module.compileUnit?.producer).toBe(unit[2]);
          expect(module.compileUnit?.file.name).toBe(metadataNodes(text).get(unit[1]!)!.fields.get("filename"));
        }
      });
    }
  }

  it("a module without -g has no locations", () => {
    const module = readBitcode(new Uint8Array(readFileSync(join(root, "modules/bc/fib.O0.bc"))), { file: "fib.O0.bc" });
    expect(module.compileUnit).toBeUndefined();
    expect(module.functions.every((fn) => fn.subprogram === undefined && fn.blocks.every((block) => block.instructions.every((i) => i.location === undefined)))).toBe(true);
  });
});
