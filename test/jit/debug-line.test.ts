/**
 * The DWARF line table in the ELF of `disasm --elf`, read by tools we did not write: objdump
 * decodes it, readelf dumps it without warnings, and for every function the lines it lists
 * are the lines llvm-dis-14 shows on that function's instructions (plus the DISubprogram's
 * line for the prologue), but for lines whose only instructions make no code (a branch to the
 * block laid out next, llvm.dbg.*), each at an address inside the function (nm), in address
 * order. A module without debug info gets no DWARF sections.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { disasmCommand } from "../../src/cli/commands/disasm-action.js";
import { describePeers } from "../helpers/peers.js";
import { root, temporaryFolder } from "../kernel/support.js";

const bitcode = join(root, "modules/debug/fib.O0.bc");
let folder = "";

beforeAll(() => {
  folder = temporaryFolder("debug-line");
});

function writeElf(input: string, name: string): string {
  const elf = join(folder, name);
  disasmCommand([input], { syntax: "intel", elf });
  return elf;
}

/** An instruction that makes no code at tier 0 when its block falls through: `br label`, llvm.dbg.*. */
const codeless = /^\s+(?:br label|call void @llvm\.dbg\.)/;

/**
 * Per function of llvm-dis text: the lines of its instructions' DILocations and its
 * DISubprogram's line, with the lines that only codeless instructions have marked `?`.
 */
function llvmLines(text: string): Map<string, string[]> {
  const lineOf = new Map<string, number>();
  for (const match of text.matchAll(/^(![0-9]+) = (?:distinct )?!DI(?:Location|Subprogram)\(.*?line: ([0-9]+)/gm)) lineOf.set(match[1]!, Number(match[2]));
  const functions = new Map<string, number[]>();
  for (const match of text.matchAll(/^define [^@]*@([A-Za-z0-9_]+)\(.*!dbg (![0-9]+) \{\n([\s\S]*?)^\}/gm)) {
    const lines = new Set([lineOf.get(match[2]!)!]);
    const withCode = new Set(lines);
    for (const instruction of match[3]!.split("\n")) {
      const dbg = /!dbg (![0-9]+)/.exec(instruction);
      if (dbg === null) continue;
      lines.add(lineOf.get(dbg[1]!)!);
      if (!codeless.test(instruction)) withCode.add(lineOf.get(dbg[1]!)!);
    }
    functions.set(match[1]!, [...lines].sort((a, b) => a - b).map((line) => (withCode.has(line) ? `${line}` : `${line}?`)));
  }
  return functions;
}

describePeers(["objdump", "readelf", "nm", "llvm-dis-14"], "the ELF's DWARF line table", () => {
  it("agrees with llvm-dis-14, read by objdump and readelf", () => {
    const elf = writeElf(bitcode, "fib.elf");
    const decoded = execFileSync("objdump", ["--dwarf=decodedline", elf], { encoding: "utf8" });
    const rows = [...decoded.matchAll(/^fib\.c +([0-9]+) +0x([0-9a-f]+) +x$/gm)].map((match) => ({ line: Number(match[1]), address: parseInt(match[2]!, 16) }));
    const symbols = [...execFileSync("nm", ["-S", elf], { encoding: "utf8" }).matchAll(/^([0-9a-f]+) ([0-9a-f]+) T (\w+)$/gm)]
      .map((match) => ({ name: match[3]!, start: parseInt(match[1]!, 16), end: parseInt(match[1]!, 16) + parseInt(match[2]!, 16) }));
    const ours = new Map<string, Set<number>>();
    for (const symbol of symbols) {
      const inside = rows.filter((row) => row.address >= symbol.start && row.address < symbol.end);
      expect(inside.map((row) => row.address)).toEqual([...inside.map((row) => row.address)].sort((a, b) => a - b));
      expect(inside[0]?.address).toBe(symbol.start);
      ours.set(symbol.name, new Set(inside.map((row) => row.line)));
    }
    const expected = llvmLines(execFileSync("llvm-dis-14", [bitcode, "-o", "-"], { encoding: "utf8" }));
    expect([...ours.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, lines] of expected) {
      const seen = ours.get(name)!;
      // A `?` line may be missing; every other line must be there, and nothing else.
      const matched = lines.filter((line) => seen.has(parseInt(line, 10)) || !line.endsWith("?")).map((line) => parseInt(line, 10));
      expect([...seen].sort((a, b) => a - b), name).toEqual(matched);
    }
    const dump = execFileSync("readelf", ["--debug-dump=line,info", elf], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(dump).not.toMatch(/warning/i);
    expect(dump).toMatch(/DW_AT_name +: fib_iterative/);
    expect(dump).toMatch(/DW_AT_stmt_list +: 0/);
  });

  it("no DWARF without debug info", () => {
    const elf = writeElf(join(root, "modules/bc/fib.O0.bc"), "plain.elf");
    expect(execFileSync("readelf", ["-S", elf], { encoding: "utf8" })).not.toContain(".debug_");
  });
});
