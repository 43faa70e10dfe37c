// Benchmark: 1,000 small modules added in one `mkimg add`, then listed with `mkimg ls`,
// against one `mcopy` process for all files and `mdir`, each on a fresh 16 MiB image of the
// same geometry (our formatter, byte-identical to mkfs.fat). The root directory holds only 512
// entries, so the files go into a directory /MODS made beforehand (not timed), on both sides.
// Wall time of whole processes; the best and the median of 7 runs (the best is the least
// disturbed by other load on the machine). Run `npx tsc -p .` first.
// A Node process cannot match a C tool's start-up (an empty `node -e 0` alone takes some 40-80
// ms), so the same runs also time start-up: an empty node process, one with bin/mkimg's V8
// flags, and `mkimg add --help` / `mkimg ls --help` (node, flags, commander and the command's
// registration: everything but the work). The "work" lines subtract that start-up from mkimg's
// best times and compare the rest with mtools' whole processes (their start-up is about 1 ms).
// Usage: node bench/image/run.mjs [count]
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { formatImage } = await import(path.join(root, "dist/fat/format.js"));
const { wrapModule } = await import(path.join(root, "dist/module/wrap.js"));

const COUNT = Number(process.argv[2] ?? 1000);
const RUNS = 7;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "mkimg-bench-"));
const mkimg = path.join(root, "bin/mkimg");

function realBitcode() {
  const source = path.join(work, "fib.c");
  fs.writeFileSync(source, "int fib(void){int a=0,b=1;for(int i=0;i<20;i++){int t=a+b;a=b;b=t;}return a;}\n");
  const output = path.join(work, "fib.bc");
  execFileSync("clang-14", ["-target", "i386-unknown-none", "-ffreestanding", "-fno-builtin", "-nostdlib",
    "-c", "-emit-llvm", "-O2", source, "-o", output]);
  return fs.readFileSync(output);
}

/** COUNT wrapped modules M0000.BC..., bitcode padded to varied sizes (about 2-10 KiB). */
function makeModules(bitcode) {
  const folder = path.join(work, "modules");
  fs.mkdirSync(folder);
  const files = [];
  for (let index = 0; index < COUNT; index++) {
    const padding = ((index * 2654435761) >>> 0) % 8192 & ~3;
    const body = Buffer.concat([bitcode, Buffer.alloc(padding, index & 0xff)]);
    const name = `M${String(index).padStart(4, "0")}`;
    const file = path.join(folder, `${name}.BC`);
    fs.writeFileSync(file, wrapModule(body, { name, entry: "fib" }, file));
    files.push(file);
  }
  return files;
}

function freshImage(name) {
  const image = path.join(work, name);
  fs.rmSync(image, { force: true });
  formatImage(image, { sizeBytes: 16 * 1024 * 1024, label: "BAREFLOW", volumeId: 0x1234abcd });
  return image;
}

function timed(command, args, env = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: work, env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${args.slice(0, 3).join(" ")}...: ${result.stderr}`);
  return { seconds, stdout: result.stdout };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const files = makeModules(realBitcode());
const relative = files.map((file) => path.relative(work, file));
const bytes = files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
const mtoolsEnv = { MTOOLS_SKIP_CHECK: "1" };
const figures = { oursAdd: [], mtoolsAdd: [], oursLs: [], mtoolsLs: [], node: [], nodeFlags: [], addStart: [], lsStart: [] };
// bin/mkimg's shebang: `#!/usr/bin/env -S node FLAGS`.
const shebangFlags = fs.readFileSync(mkimg, "utf8").split("\n")[0].split(/\s+/).filter((word) => word.startsWith("--"));
for (let run = 0; run < RUNS; run++) {
  figures.node.push(timed(process.execPath, ["-e", "0"]).seconds);
  figures.nodeFlags.push(timed(process.execPath, [...shebangFlags, "-e", "0"]).seconds);
  figures.addStart.push(timed(mkimg, ["add", "--help"]).seconds);
  figures.lsStart.push(timed(mkimg, ["ls", "--help"]).seconds);
  const ours = freshImage("ours.img");
  timed(mkimg, ["mkdir", ours, "/MODS"]);
  figures.oursAdd.push(timed(mkimg, ["add", "--image", ours, "--dir", "/MODS", ...relative]).seconds);
  const theirs = freshImage("mtools.img");
  timed("mmd", ["-i", theirs, "::/MODS"], mtoolsEnv);
  figures.mtoolsAdd.push(timed("mcopy", ["-i", theirs, ...relative, "::/MODS"], mtoolsEnv).seconds);
  const listed = timed(mkimg, ["ls", ours, "/MODS"]);
  figures.oursLs.push(listed.seconds);
  figures.mtoolsLs.push(timed("mdir", ["-i", theirs, "::/MODS"], mtoolsEnv).seconds);
  if (listed.stdout.toString().trim().split("\n").length !== COUNT) throw new Error("ls did not list every file");
}
execFileSync("fsck.fat", ["-n", path.join(work, "ours.img")]);

const ms = (seconds) => `${(seconds * 1000).toFixed(0).padStart(5)} ms`;
const line = (label, ours, theirs) => {
  const [bestOurs, bestTheirs] = [Math.min(...ours), Math.min(...theirs)];
  const [medianOurs, medianTheirs] = [median(ours), median(theirs)];
  return (
    `${label.padEnd(14)} best: mkimg ${ms(bestOurs)}  mtools ${ms(bestTheirs)}  ratio ${(bestOurs / bestTheirs).toFixed(2)}` +
    `   median: mkimg ${ms(medianOurs)}  mtools ${ms(medianTheirs)}  ratio ${(medianOurs / medianTheirs).toFixed(2)}`
  );
};
const best = (values) => Math.min(...values);
const workLine = (label, ours, theirs, start) =>
  `${label.padEnd(14)} mkimg ${ms(best(ours) - best(start))} beyond start-up  mtools ${ms(best(theirs))}  ` +
  `ratio ${((best(ours) - best(start)) / best(theirs)).toFixed(2)}`;
console.log(`${COUNT} modules, ${(bytes / 1024).toFixed(0)} KiB, into /MODS of a 16 MiB FAT16 image; ${RUNS} runs`);
console.log(line("add", figures.oursAdd, figures.mtoolsAdd));
console.log(line("ls / mdir", figures.oursLs, figures.mtoolsLs));
console.log(
  `start-up (best): node -e 0 ${ms(best(figures.node)).trim()}, with mkimg's flags (${shebangFlags.join(" ")}) ` +
    `${ms(best(figures.nodeFlags)).trim()}, mkimg add --help ${ms(best(figures.addStart)).trim()}, ` +
    `mkimg ls --help ${ms(best(figures.lsStart)).trim()}`,
);
console.log(workLine("work: add", figures.oursAdd, figures.mtoolsAdd, figures.addStart));
console.log(workLine("work: ls", figures.oursLs, figures.mtoolsLs, figures.lsStart));
fs.rmSync(work, { recursive: true, force: true });
