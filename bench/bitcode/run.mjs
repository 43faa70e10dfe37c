#!/usr/bin/env node
/**
 * Benchmark: read a large real program's bitcode, SQLite's amalgamation compiled by clang-14,
 * with mkimg's reader (whole process: node start, read, parse) against `llvm-dis-14 -o /dev/null`
 * on the same file, one run each. Two ways of running the reader: `bin/mkimg ir FILE --function
 * sqlite3_libversion` (what a user runs: reads the whole module, prints one short function), and
 * read-once.mjs (the reader alone) under node with the V8 flags bin/mkimg uses for large files. Also
 * prints figures for reading + verifying and for reading + verifying + printing. Needs
 * `npx tsc -p .` first (it runs dist/).
 *
 * With --compare, also checks that our printed module equals llvm-dis-14's text after the
 * normalisation of docs/IR.md (src/ir/normalise.ts), line for line.
 *
 * Inputs are cached in .cache/bench/: `npm pack better-sqlite3@12` (not installed), the
 * extracted sqlite3.c, and sqlite3-clang14-O2.bc (`clang-14 -m32 -O2 -c -emit-llvm`, ~50 s once).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;
const cache = join(root, ".cache/bench");
mkdirSync(cache, { recursive: true });

function sqliteSource() {
  const source = join(cache, "sqlite3.c");
  if (existsSync(source)) return source;
  let tarball = readdirSync(cache).find((file) => /^better-sqlite3-12\..*\.tgz$/.test(file));
  if (tarball === undefined) {
    console.log("fetching better-sqlite3@12 with npm pack ...");
    execFileSync("npm", ["pack", "better-sqlite3@12", "--silent"], { cwd: cache, stdio: ["ignore", "ignore", "inherit"] });
    tarball = readdirSync(cache).find((file) => /^better-sqlite3-12\..*\.tgz$/.test(file));
  }
  execFileSync("tar", ["-xzf", tarball, "-C", cache, "package/deps/sqlite3/sqlite3.c"], { cwd: cache });
  renameSync(join(cache, "package/deps/sqlite3/sqlite3.c"), source);
  return source;
}

function sqliteBitcode() {
  const bitcode = join(cache, "sqlite3-clang14-O2.bc");
  if (existsSync(bitcode)) return bitcode;
  const source = sqliteSource();
  console.log("compiling sqlite3.c with clang-14 -m32 -O2 (about 50 s, cached afterwards) ...");
  execFileSync("clang-14", ["-m32", "-O2", "-c", "-emit-llvm", source, "-o", `${bitcode}.tmp`], { stdio: "inherit" });
  renameSync(`${bitcode}.tmp`, bitcode);
  return bitcode;
}

/** Wall-clock seconds of one whole process run. */
function time(command, args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr}`);
  return seconds;
}

const bitcode = sqliteBitcode();
const megabytes = statSync(bitcode).size / (1024 * 1024);
const reader = join(root, "bench/bitcode/read-once.mjs");
const mkimg = join(root, "bin/mkimg");
// The node flags bin/mkimg starts `mkimg ir` of a large bitcode file with (its LARGE_HEAP_FLAGS),
// so read-once.mjs runs as mkimg does.
const nodeFlags = JSON.parse(/LARGE_HEAP_FLAGS = (\[.*\]);/.exec(readFileSync(mkimg, "latin1"))[1]);
const readOnce = (mode) => time(process.execPath, [...nodeFlags, reader, bitcode, mode]);
const figures = [
  ["llvm-dis-14 -o /dev/null", time("llvm-dis-14", [bitcode, "-o", "/dev/null"])],
  ["mkimg ir --function (1 fn)", time(mkimg, ["ir", bitcode, "--function", "sqlite3_libversion"])],
  ["mkimg read", readOnce("read")],
  ["mkimg read + verify", readOnce("verify")],
  ["mkimg read + verify + print", readOnce("print")],
];
const baseline = figures[0][1];
console.log(`sqlite3.c, clang-14 -m32 -O2: ${megabytes.toFixed(2)} MiB of bitcode (${bitcode})`);
console.log(`"mkimg ir": ${mkimg} ir FILE --function sqlite3_libversion; "mkimg read": node ${nodeFlags.join(" ")} read-once.mjs`);
for (const [name, seconds] of figures) {
  const ratio = seconds / baseline;
  console.log(`${name.padEnd(30)} ${seconds.toFixed(3)} s  ${(megabytes / seconds).toFixed(2).padStart(6)} MiB/s  ` +
    `${ratio.toFixed(2)}x llvm-dis-14's time${ratio < 1 ? " (faster)" : ""}`);
}

if (process.argv.includes("--compare")) {
  const dist = new URL("../../dist/", import.meta.url);
  const { readBitcode } = await import(new URL("bitcode/reader.js", dist).href);
  const { printModule } = await import(new URL("ir/print.js", dist).href);
  const { normaliseLlvmText, firstDifference } = await import(new URL("ir/normalise.js", dist).href);
  const { readFileSync } = await import("node:fs");
  const ours = normaliseLlvmText(printModule(readBitcode(new Uint8Array(readFileSync(bitcode)), { file: bitcode })));
  const text = execFileSync("llvm-dis-14", [bitcode, "-o", "-"], { maxBuffer: 1 << 30 }).toString("latin1");
  const difference = firstDifference(normaliseLlvmText(text), ours);
  console.log(difference === undefined ? `printer output equals llvm-dis-14's: ${ours.length} normalised lines` : difference);
  if (difference !== undefined) process.exitCode = 1;
}
