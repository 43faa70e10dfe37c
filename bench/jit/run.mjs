#!/usr/bin/env node
/**
 * JIT benchmark, per module of modules/bc (clang-14, -O0/-O1/-O2), all figures from this one run:
 *
 *   compile   our JIT (read bitcode once, then compileModule: best of --runs, and per function)
 *             against `llc-14 -O0 -filetype=obj` on the same .bc (whole process, best of --runs);
 *             plus our whole process (node start, read, compile) for the same comparison.
 *   execute   instructions our code executes (in mkimg's kernel simulation and emulator)
 *             against the same .bc compiled by `llc-14 -O0` and `-O2`, linked with a small
 *             freestanding start file (bench/jit/start.c) into a static ELF run by the
 *             emulator (`mkimg exec`). The ELF's count includes its kernel services (a few
 *             hundred instructions for modules that print); ours run on the host.
 *   native    the module's C source built for x86-64 (clang-14 -O2, the same start file's
 *             x86-64 half) and run on the CPU, labelled "x86-64": its time (best of --runs,
 *             process start-up included) and whether it printed and returned (exit status, low
 *             8 bits) what our run did. These machines may not run i386 processes; the i386
 *             builds above run in our emulator only, so no reference is needed for them.
 *
 *   npx tsc -p . && node bench/jit/run.mjs [--runs N] [--level 0|1|2] [module...]
 */
import { best } from "./best.mjs";
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { readBitcode } from "../../dist/bitcode/reader.js";
import { compileModule } from "../../dist/jit/module.js";
import { wrapModule } from "../../dist/module/wrap.js";
import { runModuleBytes } from "../../dist/kernel/kernel.js";
import { elfFor, elfInstructions } from "./llc.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const cache = join(root, ".cache/bench-jit");
const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const runs = Number(option("--runs", 5));
const levelFilter = option("--level", undefined);
const wanted = process.argv.slice(2).filter((word, index, all) => !word.startsWith("--") && !all[index - 1]?.startsWith("--"));

const target = { allocateCode: () => 0x00400000, allocateData: () => 0x00800000, resolveExternal: (name) => 0xffff0000 };


/** The module's C built for x86-64 (cached); undefined when clang-14 cannot build it. */
function native64For(name) {
  mkdirSync(cache, { recursive: true });
  const source = join(root, "modules", `${name}.c`);
  if (!existsSync(source)) return undefined;
  const key = createHash("sha256").update(readFileSync(source)).update(readFileSync(join(here, "start.c"))).digest("hex").slice(0, 16);
  const elf = join(cache, `${name}-x86-64-${key}.elf`);
  if (!existsSync(elf)) {
    execFileSync("clang-14", ["-O2", "-ffreestanding", "-fno-builtin", "-nostdlib", "-static", "-I", join(root, "modules/include"),
      `-Wl,--defsym=module_entry=${name}`, "-o", elf, join(here, "start.c"), source]);
  }
  return elf;
}

const folder = join(root, "modules/bc");
const files = readdirSync(folder).filter((file) => file.endsWith(".bc")).sort()
  .filter((file) => wanted.length === 0 || wanted.includes(file.split(".")[0]))
  .filter((file) => levelFilter === undefined || file.includes(`.O${levelFilter}.`));

// Warm-up: one compile of every module first, so that V8's own JIT does not count against ours.
for (const file of files) compileModule(readBitcode(new Uint8Array(readFileSync(join(folder, file))), { file }), target, { file });

const rows = [];
const header = ["module", "fns", "ours ms", "us/fn", "ours proc ms", "llc -O0 ms", "llc/ours", "proc ratio", "ours insns", "llc-O0 insns", "llc-O2 insns", "ours/O0", "ours/O2",
  "run ms", "x86-64 ms", "x86-64 out"];
for (const file of files) {
  const bcPath = join(folder, file);
  const entry = file.split(".")[0];
  const bytes = new Uint8Array(readFileSync(bcPath));
  const module = readBitcode(bytes, { file });
  const ours = best(runs, () => compileModule(module, target, { file }));
  const functions = module.functions.filter((fn) => fn.blocks.length > 0).length;
  const script = `import{readFileSync}from"node:fs";import{readBitcode}from"${root}/dist/bitcode/reader.js";import{compileModule}from"${root}/dist/jit/module.js";` +
    `compileModule(readBitcode(readFileSync("${bcPath}"),{file:"m"}),{allocateCode:()=>0x400000,allocateData:()=>0x800000,resolveExternal:()=>0xffff0000});`;
  const ourProcess = best(runs, () => spawnSync(process.execPath, ["--input-type=module", "-e", script], { stdio: "ignore" }));
  const llc = best(runs, () => spawnSync("llc-14", ["-O0", "-filetype=obj", bcPath, "-o", "/dev/null"], { stdio: "ignore" }));
  const wrapped = wrapModule(bytes, { name: entry, entry }, file);
  const parameters = module.functions.find((fn) => fn.name === entry)?.params.length ?? 0;
  const run = runModuleBytes(wrapped, file, { maxSteps: 5e9, args: [17, 5].slice(0, parameters) });
  const ourRun = best(runs, () => runModuleBytes(wrapped, file, { maxSteps: 5e9, args: [17, 5].slice(0, parameters) }));
  const native64 = native64For(entry);
  let native64Result;
  const native64Ms = native64 ? best(runs, () => { native64Result = spawnSync(native64, [], { encoding: "latin1" }); }) : undefined;
  const same = native64Result && native64Result.stdout === Buffer.from(run.output).toString("latin1") &&
    native64Result.status === (run.value & 0xff);
  const llcO0 = elfInstructions(elfFor(bcPath, entry, 0));
  const llcO2 = elfInstructions(elfFor(bcPath, entry, 2));
  // Modules that print spend instructions in the ELF's services but none in ours (host calls):
  // marked with * and left out of the instruction ratios' means.
  const prints = run.output.length > 0;
  const row = [file.replace(/\.bc$/, "") + (prints ? "*" : ""), functions, ours.toFixed(2), (ours * 1000 / functions).toFixed(0), ourProcess.toFixed(0), llc.toFixed(0),
    (llc / ours).toFixed(0) + "x", (llc / ourProcess).toFixed(2) + "x", run.stats.instructions, llcO0, llcO2,
    (run.stats.instructions / llcO0).toFixed(2), (run.stats.instructions / llcO2).toFixed(2),
    ourRun.toFixed(1), native64Ms === undefined ? "-" : native64Ms.toFixed(1), native64 ? (same ? "same" : "DIFFERENT") : "-"];
  rows.push(row);
  console.log(row.map(String).join("\t"));
}

const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
const line = (cells) => cells.map((cell, column) => String(cell).padStart(widths[column])).join("  ");
console.log(`\n${line(header)}`);
for (const row of rows) console.log(line(row));
const geometric = (column, only = rows) => Math.exp(only.reduce((sum, row) => sum + Math.log(Number(String(row[column]).replace("x", ""))), 0) / only.length);
const silent = rows.filter((row) => !String(row[0]).endsWith("*"));
console.log(`\ngeometric means: llc-O0 compile / ours ${geometric(6).toFixed(0)}x (in process), ${geometric(7).toFixed(2)}x (whole process); ` +
  `instructions ours / llc-O0 ${geometric(11, silent).toFixed(2)}, ours / llc-O2 ${geometric(12, silent).toFixed(2)} (modules without output)`);
console.log("* the module prints: the ELF's services run inside the count, ours run on the host");
console.log("run ms = our whole in-process run (boot, JIT, emulate); x86-64 = the module's C built for x86-64 (clang-14 -O2) and run " +
  "on the CPU, process start-up included; x86-64 out = whether it printed and returned what our run did");
