// `mkimg disasm` through the real CLI (dist/, built by `npm test`): the listing of a module
// file equals the golden listing (same addresses), the image forms find modules by header
// name and by IMG:FILE, and bad input gives one line and exit status 2.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;
const mkimg = join(root, "bin/mkimg");
const demo = join(root, "images/demo.img");

function disasm(...args: string[]): string {
  return execFileSync(mkimg, ["disasm", ...args], { cwd: root, encoding: "utf8" });
}

describe("mkimg disasm", () => {
  it("lists a .bc file exactly as the golden listing", () => {
    expect(disasm("modules/bc/fib.O2.bc")).toBe(readFileSync(join(root, "test/jit/golden/fib.O2.txt"), "utf8"));
  });

  it("shows one function, labelled with its blocks, in GAS syntax", () => {
    const text = disasm("modules/bc/fib.O0.bc", "--function", "fib_recursive", "--syntax", "gas");
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^fib_recursive: {2}; [0-9a-f]{8}, \d+ bytes, slot [0-9a-f]{8}$/);
    expect(lines[1]).toMatch(/^ {2}[0-9a-f]{8} {2}55 +push %ebp$/);
    expect(lines.filter((line) => line.startsWith(" %")).length).toBeGreaterThanOrEqual(3);
    expect(text).not.toContain("fib:");
  });

  it.skipIf(!existsSync(demo))("finds a module on an image by header name and by IMG:FILE", () => {
    expect(disasm("images/demo.img", "fib")).toBe(disasm("images/demo.img:FIB.BC"));
    expect(disasm("images/demo.img", "fib")).toContain("fib_recursive:");
  });

  it.each([
    [["modules/bc/missing.bc"], "mkimg: modules/bc/missing.bc: no such file\n"],
    [["modules/bc/fib.O2.bc", "--function", "nope"], 'mkimg: modules/bc/fib.O2.bc: no function "nope" (functions: fib, fib_recursive)\n'],
    [["modules/fib.c"], "mkimg: modules/fib.c: "],
  ])("refuses %j with one line", (args, message) => {
    const result = spawnSync(mkimg, ["disasm", ...args], { cwd: root, encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr.startsWith(message)).toBe(true);
    expect(result.stderr.split("\n").length).toBe(2);
    expect(result.stdout).toBe("");
  });
});
