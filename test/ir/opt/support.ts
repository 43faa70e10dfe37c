/**
 * IR for the analysis and optimisation tests: small C (test/ir/opt/c/*.c and modules/*.c)
 * compiled by clang-14 for i386 with the modules' flags, cached under .cache/ir-opt/ by a hash
 * of source and flags. `-O0` builds are made without `optnone` so that opt-14 analyses them too.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { readBitcode } from "../../../src/bitcode/reader.js";
import { optimiseFunction, type PassName, TIER2_PASSES } from "../../../src/ir/passes/pipeline.js";
import { printFunction } from "../../../src/ir/print.js";
import type { Module } from "../../../src/ir/values.js";
import { verifyModule } from "../../../src/ir/verify.js";

export const root = new URL("../../../", import.meta.url).pathname;
const cache = join(root, ".cache/ir-opt");

export function compileC(source: string, level: 0 | 2): string {
  const flags = ["-target", "i386-unknown-none", "-ffreestanding", "-fno-builtin", "-nostdlib", "-c", "-emit-llvm", `-O${level}`,
    ...(level === 0 ? ["-Xclang", "-disable-O0-optnone"] : []), "-I", join(root, "modules/include")];
  const key = createHash("sha256").update(readFileSync(source)).update(flags.join(" ")).digest("hex").slice(0, 16);
  const output = join(cache, `${key}.bc`);
  if (existsSync(output)) return output;
  mkdirSync(cache, { recursive: true });
  const temporary = `${output}.tmp-${process.pid}`;
  execFileSync("clang-14", [...flags, source, "-o", temporary], { stdio: ["ignore", "pipe", "pipe"] });
  renameSync(temporary, output);
  return output;
}

export function readModule(path: string): Module {
  return readBitcode(readFileSync(path), { file: path });
}

/** The C sources the tests compile: our loop shapes and every sample module. */
export function cSources(): string[] {
  const modules = readdirSync(join(root, "modules")).filter((name) => name.endsWith(".c")).sort();
  return [join(root, "test/ir/opt/c/loops.c"), ...modules.map((name) => join(root, "modules", name))];
}

/** Optimise every function, verifying after each pass; returns instructions before and after. */
export function optimiseVerified(module: Module, label: string, passes: readonly PassName[] = TIER2_PASSES): [number, number] {
  const count = (): number => module.functions.reduce((total, fn) => total + fn.blocks.reduce((sum, block) => sum + block.instructions.length, 0), 0);
  const before = count();
  for (const fn of module.functions) {
    optimiseFunction(fn, passes, {
      afterPass: (pass) => {
        const errors = verifyModule(module);
        if (errors.length > 0) throw new Error(`${label}: invalid IR after ${pass}: ${errors[0]!.text}\n${printFunction(fn, module)}`);
      },
    });
  }
  return [before, count()];
}
