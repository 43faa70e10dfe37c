#!/usr/bin/env node
/**
 * Emulator benchmark: three static i386 programs (recursive fib, a tight ALU loop, a sieve),
 * built once with gcc -m32 into .cache/emu/bench/, run natively, under qemu-i386 and under our
 * emulator (runElf from dist/, what `mkimg exec` runs: interpreter plus block translation, and
 * the plain interpreter with translate: false), all in this one run.
 *
 * Instruction counts come from valgrind's callgrind (counted once per binary and cached), or,
 * without valgrind, from the emulator's own count. Native and qemu times are the best of several
 * runs minus the time of an empty program under the same runner (process start-up). Times are
 * CPU times (user + system; wall clock without python3), since these VMs are shared and loaded.
 *
 *   npx tsc -p . && node bench/emu/run.mjs [--runs N]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const cache = join(root, ".cache/emu/bench");
const support = join(root, "test/emu/support");
const runsArgument = process.argv.indexOf("--runs");
const runs = runsArgument > 0 ? Number(process.argv[runsArgument + 1]) : 3;

const programs = [
  { name: "fib", source: "fib.c", optimisation: "-O1", what: "recursive fib(34), gcc -O1" },
  { name: "loop", source: "loop.c", optimisation: "-O2", what: "ALU loop, 60 M iterations, gcc -O2" },
  { name: "sieve", source: "sieve.c", optimisation: "-O2", what: "sieve to 10^6 x 12, gcc -O2" },
];

function build(name, sourceText, optimisation) {
  mkdirSync(cache, { recursive: true });
  const key = createHash("sha256").update(`${optimisation}\n${sourceText}\n${readFileSync(join(support, "start.c"))}`).digest("hex").slice(0, 16);
  const output = join(cache, `${name}-${key}.elf`);
  if (!existsSync(output)) {
    const source = join(cache, `${name}-${key}.c`);
    writeFileSync(source, sourceText);
    execFileSync("gcc", ["-m32", optimisation, "-fno-tree-loop-distribute-patterns", "-static", "-nostdlib", "-fno-pie", "-no-pie",
      "-fno-stack-protector", "-fno-builtin", "-ffreestanding", "-I", support, "-o", output, join(support, "start.c"), source, "-lgcc"]);
  }
  return output;
}

function callgrindCount(program) {
  const countsFile = join(cache, "callgrind-counts.json");
  const counts = existsSync(countsFile) ? JSON.parse(readFileSync(countsFile, "utf8")) : {};
  const key = createHash("sha256").update(readFileSync(program)).digest("hex");
  if (counts[key] === undefined) {
    const result = spawnSync("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", program], { encoding: "utf8" });
    const match = /Collected : (\d+)/.exec(result.stderr ?? "");
    if (!match) return undefined;
    counts[key] = Number(match[1]);
    writeFileSync(countsFile, JSON.stringify(counts, null, 2));
  }
  return counts[key];
}

/**
 * CPU time (user + system) of one child process, from getrusage(RUSAGE_CHILDREN) via python3 (Node
 * has no child rusage); wall-clock time when python3 is missing. CPU time is what the figures
 * use: these shared VMs are often loaded, and wall time then measures the load.
 */
const childCpu = "import resource,subprocess,sys\n" +
  "out=subprocess.run(sys.argv[1:],stdout=subprocess.PIPE).stdout\n" +
  "u=resource.getrusage(resource.RUSAGE_CHILDREN)\n" +
  "sys.stderr.write('\\n@cpu=%.6f' % (u.ru_utime+u.ru_stime))\n" +
  "sys.stdout.buffer.write(out)";
const hasPython = spawnSync("sh", ["-c", "command -v python3"]).status === 0;

function timeOnce(command, args) {
  if (hasPython) {
    const result = spawnSync("python3", ["-c", childCpu, command, ...args], { encoding: "latin1", maxBuffer: 1 << 24 });
    return { seconds: Number(/@cpu=([\d.]+)$/.exec(result.stderr)?.[1]), stdout: result.stdout };
  }
  const start = performance.now();
  const result = spawnSync(command, args, { encoding: "latin1", maxBuffer: 1 << 24 });
  return { seconds: (performance.now() - start) / 1000, stdout: result.stdout };
}

/** Best time in seconds of `times` runs of command (the output of the last run is returned). */
function bestTime(command, args, times) {
  let best = Infinity;
  let stdout = "";
  for (let run = 0; run < times; run++) {
    const result = timeOnce(command, args);
    best = Math.min(best, result.seconds);
    stdout = result.stdout;
  }
  return { seconds: best, stdout };
}

/** runElf, timed by this process's CPU time (user + system). */
function cpuTimedRun(path, translate) {
  const before = process.cpuUsage();
  const result = runElf(readFileSync(path), { file: path, translate });
  const used = process.cpuUsage(before);
  return { ...result, seconds: hasPython ? (used.user + used.system) / 1e6 : result.seconds };
}

const hasValgrind = spawnSync("sh", ["-c", "command -v valgrind"]).status === 0;
const hasQemu = spawnSync("sh", ["-c", "command -v qemu-i386"]).status === 0;
if (!existsSync(join(root, "dist/emu/linux.js"))) {
  console.error("bench/emu: dist/emu/linux.js is missing; run `npx tsc -p .` first");
  process.exit(2);
}
const { runElf } = await import(join(root, "dist/emu/linux.js"));

const empty = build("empty", "#include \"runtime.h\"\nint main(void) { return 0; }\n", "-O2");
const nativeBaseline = bestTime(empty, [], 10).seconds;
const qemuBaseline = hasQemu ? bestTime("qemu-i386", [empty], 10).seconds : 0;

const rows = [];
for (const program of programs) {
  const path = build(program.name, readFileSync(join(here, program.source), "utf8"), program.optimisation);
  const native = bestTime(path, [], Math.max(runs, 5));
  const qemu = hasQemu ? bestTime("qemu-i386", [path], Math.max(runs, 5)) : undefined;
  const emulate = (translate) => {
    let best;
    for (let run = 0; run < Math.max(1, runs - 1); run++) {
      const result = cpuTimedRun(path, translate);
      if (!best || result.seconds < best.seconds) best = result;
    }
    return best;
  };
  const emulator = emulate(true);
  const interpreter = emulate(false);
  const emulatorStdout = Buffer.from(emulator.stdout).toString("latin1");
  const counted = hasValgrind ? callgrindCount(path) : undefined;
  const instructions = counted ?? emulator.instructions;
  rows.push({
    ...program,
    instructions,
    emulatorInstructions: emulator.instructions,
    native: native.seconds - nativeBaseline,
    qemu: qemu ? qemu.seconds - qemuBaseline : undefined,
    emulator: emulator.seconds,
    interpreter: interpreter.seconds,
    same: emulatorStdout === native.stdout && Buffer.from(interpreter.stdout).toString("latin1") === native.stdout &&
      (!qemu || qemu.stdout === native.stdout) && emulator.exitCode === 0,
  });
}

const mips = (instructions, seconds) => (seconds > 0 ? instructions / seconds / 1e6 : NaN);
const cell = (text, width) => String(text).padStart(width);
const fixed = (value, digits = 0) => (value === undefined || Number.isNaN(value) ? "-" : value.toFixed(digits));
console.log(`x86-32 emulator benchmark (best of ${runs}; MIPS = million guest instructions per ${hasPython ? "CPU" : "wall-clock"} second; counts from ${hasValgrind ? "callgrind" : "the emulator"})`);
console.log("mkimg = runElf as `mkimg exec` runs it (interpreter + block translation); interp. = runElf with translate: false (`mkimg exec --no-translate`)");
const header = [["program", -8], ["M instr", 8], ["native ms", 10], ["MIPS", 6], ["qemu ms", 8], ["MIPS", 6], ["interp. ms", 11], ["MIPS", 5],
  ["mkimg ms", 9], ["MIPS", 5], ["native/mkimg", 13], ["qemu/mkimg", 11], ["native/interp.", 15]];
const line = (cells) => cells.map((text, index) => {
  const width = header[index][1];
  return width < 0 ? String(text).padEnd(-width) : String(text).padStart(width);
}).join("");
console.log(`${line(header.map(([title]) => title))}  output`);
for (const row of rows) {
  const [native, qemu, ours, interpreted] = [mips(row.instructions, row.native), row.qemu && mips(row.instructions, row.qemu),
    mips(row.instructions, row.emulator), mips(row.instructions, row.interpreter)];
  console.log(`${line([row.name, fixed(row.instructions / 1e6, 1), fixed(row.native * 1000, 1), fixed(native), fixed(row.qemu && row.qemu * 1000, 1),
    fixed(qemu), fixed(row.interpreter * 1000), fixed(interpreted), fixed(row.emulator * 1000), fixed(ours), `${fixed(native / ours, 1)}x`,
    qemu ? `${fixed(qemu / ours, 1)}x` : "-", `${fixed(native / interpreted, 1)}x`])}  ${row.same ? "same" : "DIFFERENT"}`);
}
for (const row of rows) {
  if (row.instructions !== row.emulatorInstructions) console.log(`note: ${row.name}: callgrind counts ${row.instructions} instructions, the emulator ${row.emulatorInstructions}`);
}
const loopPath = build("loop", readFileSync(join(here, "loop.c"), "utf8"), "-O2");
const cli = bestTime(process.execPath, [join(root, "bin/mkimg"), "exec", "--stats", loopPath], 1);
const statsLine = spawnSync(process.execPath, [join(root, "bin/mkimg"), "exec", "--stats", loopPath], { encoding: "utf8" }).stderr.trim();
console.log(`mkimg exec --stats (loop; the whole CLI process took ${fixed(cli.seconds * 1000)} ms ${hasPython ? "CPU" : "wall"}): ${statsLine}`);
console.log(`programs: ${rows.map((row) => `${row.name} = ${row.what}`).join("; ")}`);
const loopInterpreted = mips(rows[1].instructions, rows[1].interpreter);
console.log(`issue 4 target: >= 150 MIPS on the loop program with the interpreter: ${fixed(loopInterpreted)} MIPS, ${loopInterpreted >= 150 ? "met" : "NOT met"}`);
