#!/usr/bin/env node
/**
 * Does compile time grow linearly? Generates one C function of N statements (arithmetic on
 * locals, a switch of N/8 cases merging into one block with phis at -O2, loops), compiles it
 * with clang-14 at -O0 and -O2, and times our JIT (best of 5) and `llc-14 -O0` on it, for
 * N = 1,000, 4,000 and 16,000. Linear passes show a flat time per IR instruction.
 *
 *   npx tsc -p . && node bench/jit/scaling.mjs
 */
import { best } from "./best.mjs";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { readBitcode } from "../../dist/bitcode/reader.js";
import { compileModule } from "../../dist/jit/module.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const cache = join(root, ".cache/bench-jit");
mkdirSync(cache, { recursive: true });
const target = { allocateCode: () => 0x00400000, allocateData: () => 0x00800000, resolveExternal: () => 0xffff0000 };

function source(statements) {
  const lines = ["int big(int seed) {", "  int a = seed, b = 1, c = 2, d = 3, r = 0;"];
  for (let i = 0; i < statements; i++) {
    const v = "abcd"[i % 4], w = "abcd"[(i * 7 + 1) % 4];
    lines.push(i % 97 === 0 ? `  for (int i = 0; i < 3; i++) ${v} += ${w} ^ i;` : `  ${v} = ${v} * ${(i % 13) + 1} + (${w} >> ${i % 5}) - ${i};`);
  }
  lines.push("  switch (a & 1023) {");
  for (let i = 0; i < statements / 8; i++) lines.push(`    case ${i}: r = b + ${i}; break;`);
  lines.push("    default: r = c;", "  }", "  return r + a + b + c + d;", "}");
  return lines.join("\n");
}


console.log("level  statements  IR instructions  ours ms  us/instruction  llc -O0 ms");
for (const level of [0, 2]) {
  for (const statements of [1000, 4000, 16000]) {
    const c = join(cache, `scaling-${statements}.c`);
    const bc = join(cache, `scaling-${statements}.O${level}.bc`);
    writeFileSync(c, source(statements));
    execFileSync("clang-14", ["-target", "i386-unknown-none", "-ffreestanding", "-nostdlib", "-c", "-emit-llvm", `-O${level}`, c, "-o", bc]);
    const module = readBitcode(new Uint8Array(readFileSync(bc)), { file: bc });
    const instructions = module.functions.reduce((sum, fn) => sum + fn.blocks.reduce((count, block) => count + block.instructions.length, 0), 0);
    compileModule(module, target);
    const ours = best(5, () => compileModule(module, target));
    const llc = best(3, () => spawnSync("llc-14", ["-O0", "-filetype=obj", bc, "-o", "/dev/null"]));
    console.log(`-O${level}  ${String(statements).padStart(10)}  ${String(instructions).padStart(15)}  ${ours.toFixed(1).padStart(7)}  ${(ours * 1000 / instructions).toFixed(2).padStart(14)}  ${llc.toFixed(0).padStart(10)}`);
  }
}
