/**
 * Modules that depend on modules: `mkimg add` records LIBC in the header of a module that uses
 * symbols the kernel services lack (docs/FORMAT.md, flags bit 1), `mkimg check` and `mkimg run`
 * name a missing LIBC.BC, and the kernel links the module against LIBC.BC at load, compiling
 * only what the module reaches: with newlib, the output equals the same C built by gcc -m32
 * against glibc and run on the i386 reference; with a small library holding a floating-point
 * function, a module that never reaches it runs, and one that calls it is refused.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runModule } from "../../src/kernel/kernel.js";
import { SERVICES } from "../../src/kernel/services.js";
import { parseModule, SERVICE_NAMES, wrapModule } from "../../src/module/index.js";
import { runI386 } from "../reference/i386.mjs";
import { describePeers, I386_REFERENCE, referenceLabel } from "../helpers/peers.js";

const root = new URL("../../", import.meta.url).pathname;
const fixtures = join(root, "test/cc/fixtures");
let work = "";

function mkimg(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, "bin/mkimg"), ...args], { cwd: work, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mkimg-link-"));
});

it("the module layer's list of services is the kernel's", () => {
  expect(SERVICE_NAMES).toEqual(SERVICES.map(([name]) => name));
});

describe("the dependency in the header", () => {
  const bitcode = new Uint8Array(readFileSync(join(root, "modules/bc/fib.O0.bc")));

  it("round-trips through wrap and parse (flags bit 1, the stem at 0x78)", () => {
    const wrapped = wrapModule(bitcode, { name: "fib", entry: "fib", dependency: "LIBC" }, "fib.bc");
    expect(Array.from(wrapped.subarray(0x74, 0x80))).toEqual([3, 0, 0, 0, 0x4c, 0x49, 0x42, 0x43, 0, 0, 0, 0]);
    expect(parseModule(wrapped, "fib.mod").header).toMatchObject({ flags: 3, dependency: "LIBC" });
    expect(parseModule(wrapModule(bitcode, { name: "fib", entry: "fib" }, "fib.bc"), "fib.mod").header.dependency).toBeUndefined();
  });

  it.each([
    ["lower-case", "libc", 'fib.bc: dependency "libc" is not an 8.3 stem (1-8 of A-Z 0-9 _)'],
    ["too long", "LIBRARIES", 'fib.bc: dependency "LIBRARIES" is not an 8.3 stem (1-8 of A-Z 0-9 _)'],
  ])("refuses a %s stem", (_what, dependency, message) => {
    expect(() => wrapModule(bitcode, { name: "fib", entry: "fib", dependency }, "fib.bc")).toThrow(message);
  });

  it("refuses a header whose stem is not an 8.3 stem", () => {
    const wrapped = wrapModule(bitcode, { name: "fib", entry: "fib", dependency: "LIBC" }, "fib.bc");
    wrapped[0x79] = 0x20;
    expect(() => parseModule(wrapped, "fib.mod")).toThrow("fib.mod: header: dependency is not an 8.3 stem (1-8 of A-Z 0-9 _, NUL-padded) (offset 0x78)");
  });
});

describePeers(["clang-14", "gcc", I386_REFERENCE], `linking against LIBC.BC on the image${referenceLabel()}`, () => {
  it("add records LIBC; check and run name the missing LIBC.BC; once added, the output is glibc's", async () => {
    expect(mkimg(["add", "--image", "n.img", "--create", join(fixtures, "uselibc.c")]).status).toBe(0);
    expect(mkimg(["check", "n.img"]).stdout.split("\n")[0]).toBe(
      "n.img: /USELIBC.BC: the kernel cannot load it: needs LIBC.BC (its header's dependency), which is not in the root directory",
    );
    expect(mkimg(["run", "n.img", "uselibc"])).toEqual({
      status: 2, stdout: "", stderr: "mkimg: n.img:USELIBC.BC: needs LIBC.BC (its header's dependency), which is not on the image\n",
    });
    expect(mkimg(["add", "--image", "n.img", "--as", "LIBC.BC", "--entry", "exit", join(root, "modules/libc/libc.bc")]).status).toBe(0);
    expect(mkimg(["check", "n.img"]).status).toBe(0);
    const glibc = join(work, "uselibc-glibc");
    execFileSync("gcc", ["-m32", "-O2", "-static", "-w", join(fixtures, "uselibc.c"), "-o", glibc]);
    for (const words of [["7", "exit"], ["x", "y"]]) {
      const reference = await runI386(glibc, words);
      const run = mkimg(["run", "n.img", "uselibc", ...words]);
      expect(run.status, words.join(" ")).toBe(reference.status);
      const separator = reference.stdout.endsWith("\n") ? "" : "\n";
      expect(run.stdout, words.join(" ")).toBe(`${reference.stdout}${separator}uselibc returned ${reference.status} (kexit)\n`);
    }
  });

  it("compiles only what the module reaches: a small part of newlib for printf", () => {
    const result = runModule({ image: join(work, "n.img"), module: "uselibc", words: [] });
    const libcFunctions = execFileSync("llvm-nm-14", ["--defined-only", join(root, "modules/libc/libc.bc")], { encoding: "utf8" })
      .split("\n").filter((line) => / [Tt] /.test(line)).length;
    expect(result.ending).toBe("exited");
    expect(result.stats.functionsCompiled).toBeGreaterThan(20);
    expect(result.stats.functionsCompiled).toBeLessThan(libcFunctions / 2);
  });

  it("a library's floating-point function is refused only when a module reaches it", () => {
    expect(mkimg(["cc", "-O2", join(fixtures, "twolib.c"), "-o", "twolib.bc"]).status).toBe(0);
    expect(mkimg(["add", "--image", "t.img", "--create", "--as", "LIBC.BC", "--entry", "twice", "twolib.bc"]).status).toBe(0);
    expect(mkimg(["add", "--image", "t.img", join(fixtures, "callint.c"), join(fixtures, "callfp.c")]).status).toBe(0);
    expect(mkimg(["run", "t.img", "callint"])).toEqual({ status: 0, stdout: "1042\ncallint returned 0\n", stderr: "" });
    expect(mkimg(["run", "t.img", "callfp"])).toEqual({
      status: 2, stdout: "", stderr: 'mkimg: t.img:LIBC.BC: function "half": unsupported instruction: fmul double (floating point)\n',
    });
  });
});
