#!/usr/bin/env node
/**
 * Tiers benchmark (issue 9), per module of modules/bc (clang-14, -O0/-O1/-O2), from one run:
 * instructions executed in mkimg's kernel simulation at each JIT tier (`--tier N`), against
 * the same .bc compiled by `llc-14 -O0` and `-O2` and run in our emulator (bench/jit/llc.mjs),
 * as ratios with their geometric means over the modules that do not print (a printing
 * module's ELF counts its services, ours run on the host); and compile time per tier (in
 * process, best of --runs, after a warm-up).
 *
 *   npx tsc -p . && node bench/tiers/run.mjs [--runs N] [module...]
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { best } from "../jit/best.mjs";
import { elfFor, elfInstructions } from "../jit/llc.mjs";
import { readBitcode } from "../../dist/bitcode/reader.js";
import { compileModule } from "../../dist/jit/module.js";
import { wrapModule } from "../../dist/module/wrap.js";
import { runModuleBytes } from "../../dist/kernel/kernel.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const index = process.argv.indexOf("--runs");
const runs = index > 0 ? Number(process.argv[index + 1]) : 5;
const wanted = process.argv.slice(2).filter((word, at, all) => !word.startsWith("--") && !all[at - 1]?.startsWith("--"));
const tiers = [0, 1];
const target = { allocateCode: () => 0x00400000, allocateData: () => 0x00800000, resolveExternal: () => 0xffff0000 };
const folder = join(root, "modules/bc");
const files = readdirSync(folder).filter((file) => file.endsWith(".bc")).sort()
  .filter((file) => wanted.length === 0 || wanted.includes(file.split(".")[0]));

for (const file of files) for (const tier of tiers) compileModule(readBitcode(readFileSync(join(folder, file)), { file }), target, { file, tier });

const header = ["module", ...tiers.map((tier) => `t${tier} ms`), ...tiers.map((tier) => `t${tier} insns`), "llc-O0", "llc-O2",
  ...tiers.flatMap((tier) => [`t${tier}/O0`, `t${tier}/O2`])];
const rows = [];
for (const file of files) {
  const bcPath = join(folder, file);
  const entry = file.split(".")[0];
  const bytes = new Uint8Array(readFileSync(bcPath));
  const module = readBitcode(bytes, { file });
  const compileMs = tiers.map((tier) => best(runs, () => compileModule(module, target, { file, tier })));
  const wrapped = wrapModule(bytes, { name: entry, entry }, file);
  const parameters = module.functions.find((fn) => fn.name === entry)?.params.length ?? 0;
  const results = tiers.map((tier) => runModuleBytes(wrapped, file, { maxSteps: 5e9, args: [17, 5].slice(0, parameters), tier }));
  const prints = results[0].output.length > 0;
  const llcO0 = elfInstructions(elfFor(bcPath, entry, 0));
  const llcO2 = elfInstructions(elfFor(bcPath, entry, 2));
  const counts = results.map((result) => result.stats.instructions);
  const row = [file.replace(/\.bc$/, "") + (prints ? "*" : ""), ...compileMs.map((ms) => ms.toFixed(2)), ...counts, llcO0, llcO2,
    ...counts.flatMap((count) => [(count / llcO0).toFixed(2), (count / llcO2).toFixed(2)])];
  rows.push(row);
  console.log(row.map(String).join("\t"));
}

const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
const line = (cells) => cells.map((cell, column) => String(cell).padStart(widths[column])).join("  ");
console.log(`\n${line(header)}`);
for (const row of rows) console.log(line(row));
const silent = rows.filter((row) => !String(row[0]).endsWith("*"));
const geometric = (column, only) => Math.exp(only.reduce((sum, row) => sum + Math.log(Number(row[column])), 0) / only.length);
const ratioColumn = 1 + 2 * tiers.length + 2;
console.log("\ngeometric means (modules without output):");
tiers.forEach((tier, position) => {
  const column = ratioColumn + 2 * position;
  console.log(`  tier ${tier}: ${geometric(column, silent).toFixed(2)}x llc-14 -O0's instructions, ${geometric(column + 1, silent).toFixed(2)}x llc-14 -O2's; ` +
    `compile ${geometric(1 + position, rows).toFixed(3)} ms per module`);
});
console.log("* the module prints: the ELF's services run inside the count, ours run on the host");
