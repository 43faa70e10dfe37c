#!/usr/bin/env node
/**
 * Emulator benchmark: four static i386 programs (recursive fib, a tight ALU loop, a sieve, and
 * SHA-256 of 1 MiB as a real workload),
 * built once with gcc -m32 into .cache/emu/bench/, run under qemu-i386 (the emulator peer) and
 * under our emulator (runElf from dist/, what `mkimg exec` runs: interpreter plus block
 * translation, and the plain interpreter with translate: false), all in this one run. The
 * "native x86-64" column is the same C built for x86-64 (plain gcc) and run on the CPU: these
 * machines may not run i386 processes; where the kernel does, the "native i386" column is the
 * i386 build on the CPU (through test/reference/i386.mjs, never spawned by name).
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
import { i386Invocation, i386Reference } from "../../test/reference/i386.mjs";

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
  { name: "sha256", source: "sha256.c", optimisation: "-O2", what: "SHA-256 of 1 MiB (a real workload), gcc -O2" },
];

/** The program built for i386 (gcc -m32), or for x86-64 with `arch` "x86-64". */
function build(name, sourceText, optimisation, arch = "i386") {
  mkdirSync(cache, { recursive: true });
  const key = createHash("sha256").update(`${arch}\n${optimisation}\n${sourceText}\n${readFileSync(join(support, "start.c"))}\n${readFileSync(join(support, "runtime.h"))}`).digest("hex").slice(0, 16);
  const output = join(cache, `${name}-${arch}-${key}.elf`);
  if (!existsSync(output)) {
    const source = join(cache, `${name}-${key}.c`);
    writeFileSync(source, sourceText);
    execFileSync("gcc", [...(arch === "i386" ? ["-m32"] : []), optimisation, "-fno-tree-loop-distribute-patterns", "-static", "-nostdlib", "-fno-pie", "-no-pie",
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

const onCpu = i386Reference().kind === "cpu";
const i386 = (path) => i386Invocation(path);
const emptySource = "#include \"runtime.h\"\nint main(void) { return 0; }\n";
const empty = build("empty", emptySource, "-O2");
const empty64 = build("empty", emptySource, "-O2", "x86-64");
const nativeBaseline = onCpu ? bestTime(i386(empty).command, i386(empty).args, 10).seconds : 0;
const native64Baseline = bestTime(empty64, [], 10).seconds;
const qemuBaseline = hasQemu ? bestTime("qemu-i386", [empty], 10).seconds : 0;

const rows = [];
for (const program of programs) {
  const source = readFileSync(join(here, program.source), "utf8");
  const path = build(program.name, source, program.optimisation);
  const path64 = build(program.name, source, program.optimisation, "x86-64");
  const native = onCpu ? bestTime(i386(path).command, i386(path).args, Math.max(runs, 5)) : undefined;
  const native64 = bestTime(path64, [], Math.max(runs, 5));
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
  const counted = hasValgrind && onCpu ? callgrindCount(path) : undefined;
  const instructions = counted ?? emulator.instructions;
  const expected = native64.stdout;
  rows.push({
    ...program,
    instructions,
    emulatorInstructions: emulator.instructions,
    native: native ? native.seconds - nativeBaseline : undefined,
    native64: native64.seconds - native64Baseline,
    qemu: qemu ? qemu.seconds - qemuBaseline : undefined,
    emulator: emulator.seconds,
    interpreter: interpreter.seconds,
    same: emulatorStdout === expected && Buffer.from(interpreter.stdout).toString("latin1") === expected &&
      (!qemu || qemu.stdout === expected) && (!native || native.stdout === expected) && emulator.exitCode === 0,
  });
}

const mips = (instructions, seconds) => (seconds > 0 ? instructions / seconds / 1e6 : NaN);
const cell = (text, width) => String(text).padStart(width);
const fixed = (value, digits = 0) => (value === undefined || Number.isNaN(value) ? "-" : value.toFixed(digits));
console.log(`x86-32 emulator benchmark (best of ${runs}; MIPS = million guest instructions per ${hasPython ? "CPU" : "wall-clock"} second; counts from ${counted(rows)})`);
console.log("mkimg = runElf as `mkimg exec` runs it (interpreter + block translation); interp. = runElf with translate: false (`mkimg exec --no-translate`)");
console.log(`native i386 = the i386 build on the CPU (${onCpu ? "this kernel runs i386 processes" : "not on this machine: its kernel runs no i386 processes"}); ` +
  "native x86-64 = the same C built for x86-64 and run on the CPU (a different program: time only, no MIPS); " +
  "output = whether every run printed what the x86-64 build prints");
const header = [["program", -8], ["M instr", 8], ["i386 ms", 8], ["MIPS", 6], ["x86-64 ms", 10], ["qemu ms", 8], ["MIPS", 6], ["interp. ms", 11], ["MIPS", 5],
  ["mkimg ms", 9], ["MIPS", 5], ["qemu/mkimg", 11], ["mkimg/x86-64", 13], ["interp./x86-64", 15]];
const line = (cells) => cells.map((text, index) => {
  const width = header[index][1];
  return width < 0 ? String(text).padEnd(-width) : String(text).padStart(width);
}).join("");
console.log(`${line(header.map(([title]) => title))}  output`);
for (const row of rows) {
  const [native, qemu, ours, interpreted] = [row.native && mips(row.instructions, row.native), row.qemu && mips(row.instructions, row.qemu),
    mips(row.instructions, row.emulator), mips(row.instructions, row.interpreter)];
  console.log(`${line([row.name, fixed(row.instructions / 1e6, 1), fixed(row.native && row.native * 1000, 1), fixed(native),
    fixed(row.native64 * 1000, 1), fixed(row.qemu && row.qemu * 1000, 1),
    fixed(qemu), fixed(row.interpreter * 1000), fixed(interpreted), fixed(row.emulator * 1000), fixed(ours),
    qemu ? `${fixed(qemu / ours, 2)}x` : "-", `${fixed(row.emulator / row.native64, 1)}x`, `${fixed(row.interpreter / row.native64, 1)}x`])}  ${row.same ? "same" : "DIFFERENT"}`);
}
for (const row of rows) {
  if (row.instructions !== row.emulatorInstructions) console.log(`note: ${row.name}: callgrind counts ${row.instructions} instructions, the emulator ${row.emulatorInstructions}`);
}
function counted() {
  return hasValgrind && onCpu ? "callgrind" : "the emulator";
}
const loopPath = build("loop", readFileSync(join(here, "loop.c"), "utf8"), "-O2");
const cli = bestTime(process.execPath, [join(root, "bin/mkimg"), "exec", "--stats", loopPath], 1);
const statsLine = spawnSync(process.execPath, [join(root, "bin/mkimg"), "exec", "--stats", loopPath], { encoding: "utf8" }).stderr.trim();
console.log(`mkimg exec --stats (loop; the whole CLI process took ${fixed(cli.seconds * 1000)} ms ${hasPython ? "CPU" : "wall"}): ${statsLine}`);
console.log(`programs: ${rows.map((row) => `${row.name} = ${row.what}`).join("; ")}`);
const targets = { loop: 1.0, fib: 0.5, sieve: 0.5 };
console.log(`issue 10 targets (MIPS as a ratio to qemu-i386, CPU time, this run): ${rows.map((row) => {
  const ratio = row.qemu ? mips(row.instructions, row.emulator) / mips(row.instructions, row.qemu) : NaN;
  const target = targets[row.name];
  return `${row.name} ${fixed(ratio, 2)}x${target === undefined ? "" : ` (target >= ${target}x: ${ratio >= target ? "met" : "NOT met"})`}`;
}).join(", ")}`);
const loopInterpreted = mips(rows[1].instructions, rows[1].interpreter);
console.log(`issue 10 target: >= 300 MIPS on the loop program with the interpreter: ${fixed(loopInterpreted)} MIPS, ${loopInterpreted >= 300 ? "met" : "NOT met"}`);
