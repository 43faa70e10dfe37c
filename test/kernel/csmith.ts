/**
 * Random programs for the kernel: csmith (integers only, no argc, small sizes) compiled by
 * clang-14 at -O0 and -O2 to freestanding bitcode whose checksum is printed through kernel
 * services (csmith/prelude.h), and the native build of each .bc as ground truth.
 *
 * Everything expensive is cached under .cache/csmith/<key>/<seed>/ (program, bitcode, native
 * result), the key being a hash of the csmith version, the flags and the prelude, so a changed
 * recipe never reuses stale files. Seeds are prepared two at a time (two cores).
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect } from "vitest";
import { InputError } from "../../src/errors.js";
import { runModule } from "../../src/kernel/kernel.js";
import type { NativeResult } from "../helpers/native.js";
import { describePeers, I386_REFERENCE, itPeers, referenceLabel } from "../helpers/peers.js";
import { asNative, buildImage, root, temporaryFolder } from "./support.js";
import { i386Reference, i386ReferenceName, runI386 } from "../reference/i386.mjs";

const run = promisify(execFile);

export const CSMITH_FLAGS = [
  "--no-argc", "--no-float", "--max-funcs", "4", "--max-block-depth", "3", "--max-expr-complexity", "6",
  "--max-array-len-per-dim", "6", "--no-volatile-pointers",
];
const here = join(root, "test/kernel/csmith");
const CLANG_FLAGS = [
  "-target", "i386-unknown-none", "-ffreestanding", "-fno-builtin", "-nostdlib", "-c", "-emit-llvm", "-w",
  "-I/usr/include/csmith", `-I${here}`, `-I${join(root, "modules/include")}`,
  "-DCSMITH_MINIMAL", "-DNO_PRINTF", "-Dmain=csmith_main", "-include", join(here, "prelude.h"),
];
export const LEVELS = [0, 2] as const;
export const ENTRY = "csmith_main";

export interface PreparedSeed {
  seed: number;
  bitcode: Record<(typeof LEVELS)[number], string>;
  /** The native result, or the reason there is none (the native build did not finish). */
  native: Record<(typeof LEVELS)[number], NativeResult | string>;
}

function cacheFolder(): string {
  const key = createHash("sha256").update(JSON.stringify([CSMITH_FLAGS, CLANG_FLAGS.slice(0, -2)])).update(readFileSync(join(here, "prelude.h"))).digest("hex").slice(0, 12);
  return join(root, ".cache/csmith", key);
}

async function prepareOne(seed: number, base: string): Promise<PreparedSeed> {
  const folder = join(base, String(seed));
  mkdirSync(folder, { recursive: true });
  const source = join(folder, "program.c");
  if (!existsSync(source)) {
    const { stdout } = await run("csmith", ["--seed", String(seed), ...CSMITH_FLAGS], { maxBuffer: 16 << 20, cwd: folder });
    writeFileSync(`${source}.tmp`, stdout);
    renameSync(`${source}.tmp`, source);
  }
  const prepared: PreparedSeed = { seed, bitcode: { 0: "", 2: "" }, native: { 0: "", 2: "" } };
  for (const level of LEVELS) {
    const bitcode = join(folder, `program.O${level}.bc`);
    if (!existsSync(bitcode)) {
      await run("clang-14", [...CLANG_FLAGS, `-O${level}`, source, "-o", `${bitcode}.tmp`]);
      renameSync(`${bitcode}.tmp`, bitcode);
    }
    prepared.bitcode[level] = bitcode;
    // A program that does not end at -O0 does not end at -O2 either (csmith programs have no UB).
    const unended = level > 0 ? prepared.native[0] : undefined;
    prepared.native[level] = typeof unended === "string" ? unended : await cachedNative(bitcode, base);
  }
  return prepared;
}

/**
 * Native programs slower than this are taken as not ending (csmith does not promise termination):
 * 1 s on the CPU, 10 s under qemu-i386 (some ten times slower on csmith's code). The verdict is
 * cached with the build, so a seed's fate does not depend on the machine's load.
 */
function nativeTimeoutMs(): number {
  return i386Reference().kind === "cpu" ? 1000 : 10_000;
}

let harnessObject: Promise<string> | undefined;

/** test/helpers/native-harness.c compiled once per cache key (what test/helpers/native.ts links). */
function harness(base: string): Promise<string> {
  harnessObject ??= (async () => {
    const object = join(base, "harness.o");
    if (!existsSync(object)) {
      await run("gcc", ["-m32", "-O1", "-fno-builtin", "-fno-tree-loop-distribute-patterns", "-c", join(root, "test/helpers/native-harness.c"), "-o", `${object}.${process.pid}.tmp`]);
      renameSync(`${object}.${process.pid}.tmp`, object);
    }
    return object;
  })();
  return harnessObject;
}

/**
 * The native build of one .bc, as test/helpers/native.ts makes it (llc-14 -filetype=obj, linked
 * by gcc -m32 -no-pie with the kernel-services harness), run with a short timeout; the result
 * is cached next to the bitcode.
 */
async function cachedNative(bitcode: string, base: string): Promise<NativeResult | string> {
  // One verdict per reference: the CPU and qemu-i386 time out at different lengths.
  const file = bitcode.replace(/\.bc$/, `.native.${i386Reference().kind}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as NativeResult | string;
  const object = bitcode.replace(/\.bc$/, ".o");
  const program = bitcode.replace(/\.bc$/, ".native");
  await run("llc-14", ["-filetype=obj", bitcode, "-o", object]);
  await run("gcc", ["-m32", "-no-pie", await harness(base), object, `-Wl,--defsym=module_entry=${ENTRY}`, "-o", program]);
  const ran = await runI386(program, [], { timeout: nativeTimeoutMs() });
  const result = ran.timedOut ? `the native build runs longer than ${nativeTimeoutMs()} ms on ${i386ReferenceName()}`
    : ran.status !== 0 ? `the native build failed (${ran.signal ?? `exit status ${ran.status}`})`
    : parseNative(ran.stdout, ran.stderr);
  writeFileSync(file, JSON.stringify(result));
  return result;
}

/** The harness's ending line (test/helpers/native-harness.c); csmith programs only return. */
function parseNative(stdout: string, stderr: string): NativeResult | string {
  const match = /^mkimg-native: returned (-?\d+)$/.exec(stderr.trimEnd().split("\n").pop() ?? "");
  return match ? { stdout, returned: Number(match[1]), ending: "returned" } : `unexpected native ending: ${stderr.trim()}`;
}

/**
 * Prepares seeds from `first` on, `parallel` at a time, until `count` of them have a native
 * result at every level; returns those and the seeds passed over (their native build did not
 * end), in seed order.
 */
export async function prepareSeeds(first: number, count: number, parallel = 2): Promise<{ seeds: PreparedSeed[]; passed: PreparedSeed[] }> {
  const base = cacheFolder();
  const done: PreparedSeed[] = [];
  let next = first;
  const usable = (seed: PreparedSeed): boolean => LEVELS.every((level) => typeof seed.native[level] !== "string");
  const worker = async (): Promise<void> => {
    while (done.filter(usable).length < count) done.push(await prepareOne(next++, base));
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  done.sort((a, b) => a.seed - b.seed);
  const seeds = done.filter(usable).slice(0, count);
  const last = seeds[seeds.length - 1]?.seed ?? first;
  return { seeds, passed: done.filter((seed) => !usable(seed) && seed.seed < last) };
}

/** test/kernel/csmith-known-failures.txt: `SEED -O<level>: reason` lines; # comments. */
export function knownFailures(): Map<string, string> {
  const known = new Map<string, string>();
  const text = readFileSync(join(root, "test/kernel/csmith-known-failures.txt"), "utf8");
  for (const line of text.split("\n")) {
    const match = /^(\d+ -O\d): (.+)$/.exec(line.trim());
    if (match) known.set(match[1], match[2]);
  }
  return known;
}

/** Seeds per test file (two files run in parallel); MKIMG_CSMITH_SEEDS overrides. */
const SEEDS_PER_FILE = Number(process.env.MKIMG_CSMITH_SEEDS ?? 100);
const MAX_STEPS = 50_000_000;
const PEERS = ["csmith", "clang-14", "llc-14", "gcc"];

/**
 * The test of one file: SEEDS_PER_FILE seeds from `first` whose native build ends, at -O0 and
 * -O2, all put on one FAT16 image and run from it by header name; each run must print and
 * return what the native build does, or be listed in csmith-known-failures.txt.
 */
export function csmithSuite(first: number): void {
  describePeers([I386_REFERENCE, ...PEERS], `csmith programs from seed ${first} on the simulated kernel${referenceLabel()}`, () => {
    itPeers(PEERS, `${SEEDS_PER_FILE} seeds at -O0 and -O2 agree with their native builds`, async () => {
      const { seeds, passed } = await prepareSeeds(first, SEEDS_PER_FILE);
      const image = await buildImage(
        join(temporaryFolder("kernel-csmith"), "csmith.img"),
        seeds.flatMap((seed) => LEVELS.map((level) => ({
          bytes: new Uint8Array(readFileSync(seed.bitcode[level])), diskName: `S${seed.seed}O${level}.BC`,
          name: `s${seed.seed}o${level}`, entry: ENTRY, optLevel: level,
        }))),
      );
      const known = knownFailures();
      const unexpected: string[] = [];
      const stale: string[] = [];
      let agreed = 0;
      for (const seed of seeds) {
        for (const level of LEVELS) {
          const label = `${seed.seed} -O${level}`;
          const problem = compareRun(image, seed, level);
          if (problem === undefined) agreed++;
          else if (!known.has(label)) unexpected.push(`${label}: ${problem}`);
          if (problem === undefined && known.has(label)) stale.push(`${label} now agrees: remove it from csmith-known-failures.txt`);
        }
      }
      console.log(`csmith seeds ${seeds[0]?.seed}..${seeds[seeds.length - 1]?.seed}: ${agreed} runs agree, ` +
        `${seeds.length * LEVELS.length - agreed} known failures, ${passed.length} seeds passed over (native build does not end)`);
      expect(unexpected).toEqual([]);
      expect(stale).toEqual([]);
      expect(seeds.length).toBe(SEEDS_PER_FILE);
    }, 900_000);
  });
}

/** undefined when the run agrees with the native build, else what differs. */
function compareRun(image: string, seed: PreparedSeed, level: (typeof LEVELS)[number]): string | undefined {
  let result;
  try {
    result = runModule({ image, module: `s${seed.seed}o${level}`, maxSteps: MAX_STEPS });
  } catch (error) {
    return error instanceof InputError ? error.what : String(error);
  }
  const ours = asNative(result);
  const native = seed.native[level];
  return JSON.stringify(ours) === JSON.stringify(native) ? undefined : `ours ${JSON.stringify(ours)}, native ${JSON.stringify(native)}`;
}
