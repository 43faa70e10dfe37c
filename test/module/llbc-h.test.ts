/**
 * modules/include/llbc.h against mkimg: its static asserts really compile (and really fire on a
 * wrong layout), a module written by a C program through the struct is accepted by parseModule
 * and is byte-identical to wrapModule's, and the C struct reads mkimg's modules back. The legacy
 * 124-byte layout is checked against Python's struct module, which BareFlow's wrapper used.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect } from "vitest";
import { parseModule, wrapModule } from "../../src/module/index.js";
import { describePeers, I386_REFERENCE, itPeers } from "../helpers/peers.js";
import { i386ReferenceName as referenceName, runI386Sync } from "../reference/i386.mjs";

const root = new URL("../../", import.meta.url).pathname;
const include = join(root, "modules/include");
const fixtures = join(root, "test/module/fixtures");
const bitcode = new Uint8Array(readFileSync(join(fixtures, "answer.bc")));
let work = "";

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mkimg-llbc-"));
});

function compiles(compiler: string, args: string[], source: string): boolean {
  const file = join(work, `check-${Math.random().toString(36).slice(2)}.c`);
  writeFileSync(file, source);
  try {
    execFileSync(compiler, [...args, "-fsyntax-only", "-Wall", "-Werror", file], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

const compilers: [string, string[]][] = [
  ["clang-14", ["-m32", "-std=c11", "-ffreestanding"]],
  ["gcc", ["-m32", "-std=c11"]],
  ["clang-14", ["-target", "i386-unknown-none", "-ffreestanding"]],
  ["gcc", ["-m64"]],
];

describePeers(["clang-14", "gcc"], "llbc.h", () => {
  for (const [compiler, args] of compilers) {
    itPeers([compiler], `compiles with ${compiler} ${args.join(" ")}`, () => {
      expect(compiles(compiler, [...args, `-I${include}`], '#include "llbc.h"\n')).toBe(true);
    });
  }

  itPeers(["clang-14"], "its static asserts fire when a field is the wrong size", () => {
    const header = readFileSync(join(include, "llbc.h"), "utf8");
    const broken = header.replace("char entry_name[LLBC_ENTRY_SIZE];", "char entry_name[60];");
    expect(broken).not.toBe(header);
    expect(compiles("clang-14", ["-m32"], broken)).toBe(false);
  });

  itPeers(["gcc", I386_REFERENCE], `a C program (gcc -m32, run on ${referenceName()}) writing the struct makes the same bytes as wrapModule, and parseModule accepts them`, () => {
    const tool = join(work, "llbc-tool");
    execFileSync("gcc", ["-m32", "-O1", "-Wall", `-I${include}`, join(fixtures, "llbc-tool.c"), "-o", tool]);
    const output = join(work, "answer-c.mod");
    expect(runI386Sync(tool, ["write", join(fixtures, "answer.bc"), "answer", "answer_entry", "3", "4000000000", output]).status).toBe(0);
    const written = new Uint8Array(readFileSync(output));
    const ours = wrapModule(bitcode, { name: "answer", entry: "answer_entry", optLevel: 3, version: 4000000000 }, "answer.bc");
    expect(written).toEqual(ours);
    const parsed = parseModule(written, "answer-c.mod");
    expect(parsed.crcStatus).toBe("ok");

    const ourFile = join(work, "answer-ts.mod");
    writeFileSync(ourFile, ours);
    expect(runI386Sync(tool, ["read", ourFile], { encoding: "utf8" }).stdout).toBe(
      "magic=4c4c4243 name=answer entry=answer_entry size=1912 version=4000000000 opt=3 " +
        "crc=3746e725 flags=1 computed=3746e725 bc=4243c0de\n",
    );
  });
});

describePeers(["python3"], "legacy 124-byte layout", () => {
  itPeers(["python3"], "reads what struct.pack('<I32s64sIIII8s') (BareFlow's Python wrapper) wrote", () => {
    const script =
      "import struct,sys\n" +
      "bc=open(sys.argv[1],'rb').read()\n" +
      "h=struct.pack('<I32s64sIIII8s',0x4C4C4243,b'answer',b'answer',len(bc),3,1,0,b'')\n" +
      "sys.stdout.buffer.write(h+bc)\n";
    const bytes = new Uint8Array(execFileSync("python3", ["-c", script, join(fixtures, "answer.bc")]));
    expect(bytes.length).toBe(124 + 1912);
    const parsed = parseModule(bytes, "legacy.mod");
    expect(parsed.layout).toBe(124);
    expect(parsed.header).toEqual({ name: "answer", entry: "answer", bitcodeSize: 1912, version: 3, optLevel: 1, crc: undefined, flags: 0 });
    expect(parsed.bitcode).toEqual(bitcode);
    expect(wrapModule(bitcode, { name: "answer", entry: "answer", version: 3, optLevel: 1, layout: 124 }, "a")).toEqual(bytes);
  });
});
