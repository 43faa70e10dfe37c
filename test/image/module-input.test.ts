/**
 * Input forms and entry choice: a raw .bc, a wrapped module (offsets in messages count the
 * header), a file on a FAT16 image made by mkfs.fat and mcopy (`disk.img:FIB.BC`), and the
 * default entry `mkimg add` / `mkimg wrap` record, through `mkimg ir` and `mkimg wrap` too.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { chooseEntry } from "../../src/bitcode/entry.js";
import { readModuleInput } from "../../src/image/module-input.js";
import { readBitcode } from "../../src/bitcode/reader.js";
import { InputError } from "../../src/errors.js";
import { defaultEntry, wrapModule } from "../../src/module/wrap.js";
import { describePeers } from "../helpers/peers.js";
import { at, buildModule, defaultFunctionRecord } from "../bitcode/module-builder.js";

const root = new URL("../../", import.meta.url).pathname;
let work = "";

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error("no error");
}

/** Compiles C with clang-14 (pinned freestanding i386 flags) and returns the bitcode. */
function compile(name: string, source: string): Uint8Array {
  const input = join(work, `${name}.c`);
  writeFileSync(input, source);
  const output = join(work, `${name}.bc`);
  execFileSync("clang-14", ["-target", "i386-unknown-none", "-ffreestanding", "-fno-builtin", "-nostdlib", "-c", "-emit-llvm", "-O1", input, "-o", output]);
  return new Uint8Array(execFileSync("cat", [output]));
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mkimg-bitcode-"));
});

describe("wrapped modules", () => {
  it("reads the bitcode after the header and counts the header in offsets", () => {
    const { bytes, marks } = buildModule({ functionRecord: [0, 1, 9, ...defaultFunctionRecord.slice(3)] });
    const good = buildModule().bytes;
    writeFileSync(join(work, "good.mod"), wrapModule(good, { name: "good", entry: "f" }, "good.bc"));
    writeFileSync(join(work, "bad.mod"), wrapModule(bytes, { name: "bad", entry: "f", layout: 120 }, "bad.bc"));
    const input = readModuleInput(join(work, "good.mod"));
    expect(input.module.functions.map((fn) => fn.name)).toEqual(["f"]);
    expect(input.bitcode).toEqual(good);
    expect(errorOf(() => readModuleInput(join(work, "bad.mod")))).toBe(
      `${join(work, "bad.mod")}: FUNCTION: type id 9 is out of range (2 types)${at(marks.get("function record")! + 120 * 8)}`,
    );
  });

  it("names a missing file", () => {
    expect(errorOf(() => readModuleInput(join(work, "nope.bc")))).toBe(`${join(work, "nope.bc")}: no such file`);
  });
});

describePeers(["clang-14", "mkfs.fat", "mcopy"], "modules on an image", () => {
  it("reads IMG:PATH by short name or path, and names what is missing", () => {
    const bitcode = compile("fib", "int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\n");
    const image = join(work, "disk.img");
    execFileSync("mkfs.fat", ["-F", "16", "-C", image, "16384"], { stdio: "ignore" });
    execFileSync("mcopy", ["-i", image, join(work, "fib.bc"), "::FIB.BC"]);
    for (const spec of [`${image}:FIB.BC`, `${image}:/fib.bc`]) {
      const input = readModuleInput(spec);
      expect(input.file).toBe(spec);
      expect(input.bitcode).toEqual(bitcode);
      expect(input.module.functions.map((fn) => fn.name)).toEqual(["fib"]);
    }
    expect(errorOf(() => readModuleInput(`${image}:NOPE.BC`))).toBe(`${image}: NOPE.BC: no such file on the image`);
  });
});

describePeers(["clang-14"], "entry functions", () => {
  const sources: [string, string, string][] = [
    ["one", "static int helper(int x) { return x * 3; }\nint kmain(int x) { return helper(x) + 1; }\n", "kmain"],
    ["named", "int one(void) { return 1; }\nint named(void) { return one() + 1; }\n", "named"],
  ];

  it.each(sources)("defaults the entry of module %s to its exported definition", (name, source, entry) => {
    expect(defaultEntry(compile(name, source), name)).toBe(entry);
  });

  it("refuses a module with several exported definitions, none named like it, or none at all", () => {
    const several = compile("several", "int a(void) { return 1; }\nint b(void) { return a(); }\nextern int c(void);\n");
    expect(errorOf(() => defaultEntry(several, "several", "several.bc"))).toBe(
      "several.bc: the module defines 2 externally visible functions (a, b); choose one with --entry",
    );
    const none = compile("none", "static int a(void) { return 1; }\nextern int b(void);\nint (*p)(void) = a;\n");
    expect(errorOf(() => defaultEntry(none, "none", "none.bc"))).toBe("none.bc: the module defines no externally visible function to use as its entry");
  });

  it("refuses an entry the module does not define, listing those it does", () => {
    const module = readBitcode(compile("given", "int a(void) { return 1; }\nint b(void) { return 2; }\nextern int c(void);\n"), { file: "given.bc" });
    expect(chooseEntry(module, "given.bc", "given", "b")).toBe("b");
    expect(errorOf(() => chooseEntry(module, "given.bc", "given", "c"))).toBe("given.bc: entry c is not defined in the module (it defines: a, b)");
  });

  it("refuses bytes that are not bitcode it can read, naming the offset", () => {
    expect(errorOf(() => defaultEntry(new Uint8Array([0x42, 0x43, 0xc0, 0xde]), "magic", "magic.bc"))).toBe(
      "magic.bc: bitcode has no MODULE block (offset 0x04)",
    );
    expect(errorOf(() => defaultEntry(new Uint8Array([0x42, 0x43, 0xc0, 0xde, 1, 2, 3, 4]), "fake", "fake.bc"))).toMatch(
      /^fake\.bc: .* \(offset 0x0[4-8]\)$/,
    );
  });

  it("prints IR and wraps with the default entry through the CLI", () => {
    compile("cli", "static int twice(int x) { return 2 * x; }\nint run(int x) { return twice(x) + 1; }\n");
    const mkimg = (...args: string[]) => spawnSync(join(root, "bin/mkimg"), args, { cwd: work, encoding: "utf8" });
    const ir = mkimg("ir", "cli.bc", "--function", "run");
    expect(ir.status).toBe(0);
    expect(ir.stdout).toMatch(/^define dso_local i32 @run\(i32 noundef %0\)/);
    const missing = mkimg("ir", "cli.bc", "--function", "nope");
    expect([missing.status, missing.stderr]).toEqual([2, "mkimg: cli.bc: no function nope in the module (functions: run)\n"]);
    const wrapped = mkimg("wrap", "cli.bc");
    expect(wrapped.status).toBe(0);
    expect(wrapped.stdout).toMatch(/^cli\.mod: module cli, entry run, /);
    const wrongEntry = mkimg("wrap", "cli.bc", "--entry", "twice");
    expect([wrongEntry.status, wrongEntry.stderr]).toEqual([2, "mkimg: cli.bc: entry twice is not defined in the module (it defines: run)\n"]);
    const added = mkimg("add", "cli.bc", "--image", "entry.img", "--entry", "main");
    expect([added.status, added.stderr]).toEqual([2, "mkimg: cli.bc: entry main is not defined in the module (it defines: run)\n"]);
  });
});
