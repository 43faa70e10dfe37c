/**
 * The committed sample bitcode: fresh (exactly what `npm run modules` builds from the sources
 * with the pinned flags), complete, integer-only (llvm-dis finds no vector or floating-point
 * type), and every file wraps into a valid module.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseModule, wrapModule } from "../../src/module/index.js";
import { describePeers, itPeers } from "../helpers/peers.js";

const root = new URL("../../", import.meta.url).pathname;
const modules = join(root, "modules");
const sources = readdirSync(modules).filter((file) => file.endsWith(".c")).map((file) => file.slice(0, -2)).sort();
const folders: [string, string][] = [["bc", "llvm-dis-14"], ["bc19", "llvm-dis-19"]];

describe("sample modules", () => {
  it("has the issue's modules and the kernel-service ones, with 8.3-friendly names", () => {
    expect(sources).toEqual([
      "args", "compute", "fib", "gemmtile", "hello", "lists", "matmul", "memops",
      "primes", "qsort", "regexdfa", "sha256", "strops", "sum",
    ]);
    for (const name of sources) expect(name).toMatch(/^[a-z0-9]{1,8}$/);
  });

  it.each(folders)("modules/%s holds O0, O1 and O2 of every source, each wrapping cleanly", (folder) => {
    const expected = sources.flatMap((name) => [0, 1, 2].map((level) => `${name}.O${level}.bc`)).sort();
    expect(readdirSync(join(modules, folder)).sort()).toEqual(expected);
    for (const file of expected) {
      const bitcode = new Uint8Array(readFileSync(join(modules, folder, file)));
      const name = file.split(".")[0];
      const parsed = parseModule(wrapModule(bitcode, { name, entry: name }, file), file);
      expect(parsed.bitcode).toEqual(bitcode);
    }
  });
});

describePeers(["clang-14", "clang-19", "llvm-dis-14", "llvm-dis-19"], "committed bitcode", () => {
  itPeers(["clang-14", "clang-19"], "is exactly what npm run modules builds now", () => {
    execFileSync("node", [join(root, "scripts/build-modules.mjs"), "--check"], { stdio: "pipe" });
  });

  for (const [folder, disassembler] of folders) {
    itPeers([disassembler], `in ${folder} has no vector or floating-point types`, () => {
      for (const file of readdirSync(join(modules, folder))) {
        const text = execFileSync(disassembler, [join(modules, folder, file), "-o", "-"], { encoding: "utf8" });
        expect(text, file).not.toMatch(/<\d+ x |\b(float|double|x86_fp80|half)\b/);
        expect(text, file).toContain('target triple = "i386-unknown-none"');
      }
    });
  }
});
