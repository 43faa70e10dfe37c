// What the first tier refuses, and the one-line errors that say so (exact texts): floating
// point, vectors, inline asm and atomics are refused when the module loads, naming the
// function and the instruction; an external symbol the target does not know is named too.
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { describePeers, itPeers } from "../helpers/peers.js";
import { readBitcode } from "../../src/bitcode/reader.js";
import { checkSupported, compileModule } from "../../src/jit/module.js";
import { compileC } from "./helpers/compile-c.js";

const cases: [string, string][] = [
  ["FLOAT", 'refused.bc: function "scale": unsupported instruction: fmul float (floating point)'],
  ["VECTOR", 'refused.bc: function "lanes": unsupported instruction: add <4 x i32> (vector)'],
  ["ASM", 'refused.bc: function "spin": unsupported instruction: call void asm \"nop\" (inline asm)'],
  ["ATOMIC", 'refused.bc: function "bump": unsupported instruction: atomicrmw add i32 (atomic)'],
];

const target = { allocateCode: () => 0x1000, allocateData: () => 0x2000, resolveExternal: () => undefined };

describePeers(["clang-14"], "unsupported features are refused at load", () => {
  for (const [define, message] of cases) {
    itPeers(["clang-14"], define, () => {
      const module = readBitcode(readFileSync(compileC("refused", 1, "clang-14", [define])), { file: "refused.bc" });
      expect(() => checkSupported(module, "refused.bc")).toThrow(message);
      expect(() => compileModule(module, target, { file: "refused.bc" })).toThrow(message);
    });
  }

  itPeers(["clang-14"], "an unknown external symbol is named", () => {
    const module = readBitcode(readFileSync(compileC("refused", 1, "clang-14", ["EXTERNAL"])), { file: "refused.bc" });
    expect(() => checkSupported(module, "refused.bc")).not.toThrow();
    expect(() => compileModule(module, target, { file: "refused.bc" })).toThrow('refused.bc: undefined external symbol "missing"');
  });
});
