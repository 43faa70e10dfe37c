#!/usr/bin/env node
/**
 * Start-up benchmark (issue 10): CPU time (user + system) of whole mkimg processes against an
 * empty `node -e 0` in the same run, for the commands a user runs most: `mkimg --version`,
 * `mkimg ls images/demo.img` and `mkimg run images/demo.img fib`. The commands run in rounds,
 * one of each per round in turn, and each keeps its best round (the least disturbed by other
 * load on these shared machines). CPU time of a child comes from getrusage(RUSAGE_CHILDREN) in
 * python3 (Node has no child rusage); without python3 it is wall time, and says so.
 *
 *   node bench/startup/run.mjs [--runs N] [--mkimg PATH]   (default: 15 rounds, bin/mkimg)
 *
 * --mkimg times another build (e.g. an older checkout's bin/mkimg) with the same node and the
 * same demo image. Needs images/demo.img and a built mkimg (`npm install`).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const runs = Number(option("--runs", "15"));
const mkimg = resolve(option("--mkimg", join(root, "bin/mkimg")));
const image = join(root, "images/demo.img");
if (!existsSync(image)) {
  console.error("bench/startup: images/demo.img is missing; run `npm install` first");
  process.exit(2);
}

/** What each command must print (a command that fails or prints something else is no figure). */
const commands = [
  { label: "node -e 0", argv: [process.execPath, "-e", "0"], expect: /^$/ },
  { label: "mkimg --version", argv: [mkimg, "--version"], expect: /^0\.\d+\.\d+\n$/, target: 1.3 },
  { label: "mkimg ls images/demo.img", argv: [mkimg, "ls", image], expect: /FIB\.BC/, target: 1.6 },
  { label: "mkimg run images/demo.img fib", argv: [mkimg, "run", image, "fib"], expect: /^fib returned 6765\n$/, target: 2.0 },
];

/**
 * Runs every command once per round, `runs` rounds, in one python3 process; prints one JSON
 * line: for each command its CPU seconds per round, and the output and status of its last run.
 */
const timer = `
import json, resource, subprocess, sys, time
commands, runs = json.loads(sys.argv[1]), int(sys.argv[2])
times, last = [[] for _ in commands], [None] * len(commands)
def cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
for _ in range(runs):
    for index, argv in enumerate(commands):
        before = cpu()
        result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        times[index].append(cpu() - before)
        last[index] = [result.returncode, result.stdout.decode("latin1"), result.stderr.decode("latin1")]
print(json.dumps({"times": times, "last": last}))
`;

function measure() {
  const argvs = commands.map((command) => command.argv);
  const python = spawnSync("python3", ["-c", timer, JSON.stringify(argvs), String(runs)], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (python.status === 0) return { kind: "CPU", ...JSON.parse(python.stdout) };
  if (python.error === undefined) throw new Error(`bench/startup: python3 failed: ${python.stderr}`);
  const times = argvs.map(() => []);
  const last = [];
  for (let run = 0; run < runs; run++) {
    argvs.forEach(([command, ...args], index) => {
      const start = process.hrtime.bigint();
      const result = spawnSync(command, args, { encoding: "latin1" });
      times[index].push(Number(process.hrtime.bigint() - start) / 1e9);
      last[index] = [result.status, result.stdout, result.stderr];
    });
  }
  return { kind: "wall", times, last };
}

const { kind, times, last } = measure();
commands.forEach((command, index) => {
  const [status, stdout, stderr] = last[index];
  if (status !== 0 || !command.expect.test(stdout)) {
    throw new Error(`bench/startup: ${command.label}: exit ${status}, printed ${JSON.stringify(stdout)} ${stderr}`);
  }
});
const best = times.map((values) => Math.min(...values));
const ms = (seconds) => `${(seconds * 1000).toFixed(0)} ms`;
console.log(`mkimg start-up: ${kind} time (user + system), best of ${runs} rounds; node ${process.version}; ${mkimg}`);
let met = 0;
commands.forEach((command, index) => {
  const ratio = best[index] / best[0];
  const verdict = command.target === undefined ? "" : `  target <= ${command.target.toFixed(1)}x: ${ratio <= command.target ? "met" : "NOT met"}`;
  if (command.target !== undefined && ratio <= command.target) met++;
  console.log(`${command.label.padEnd(32)}${ms(best[index]).padStart(8)}  ${ratio.toFixed(2)}x${verdict}`);
});
console.log(`targets met: ${met} of ${commands.filter((command) => command.target !== undefined).length}`);
