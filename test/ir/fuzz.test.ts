/**
 * Robustness: thousands of seeded mutations of real bitcode (the committed modules/bc*\/*.bc from
 * clang-14 and -19, and two modules compiled by clang-15 and -16):
 * bit flips, byte changes, truncations, insertions, length fields (block word counts,
 * abbreviation widths, operand counts, array and blob lengths, found by an independent walk of
 * the bitstream) made huge or zero, and record operand values changed in place (type ids,
 * value numbers, opcodes...: the stream stays well formed, so these reach the IR builder). Each must end in a module that passes the verifier (and
 * prints), or in a clean InputError. A wrapped internal exception, a hang (5 s per case) or
 * running out of the worker's 512 MB heap is a failure, reported with the case to replay.
 *
 *   IR_FUZZ_SEED=<n>   change the seed (printed on every run)
 *   IR_FUZZ_CASES=<n>  number of cases (default 3000)
 *   IR_FUZZ_ONLY=<i>   run only case i of the seed
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { beforeAll, describe, expect, it } from "vitest";
import { findBitFields } from "./bitstream-fields.js";
import type { BitField } from "./bitstream-fields.js";
import { clangFlags } from "./corpus.js";
import { missingPeers } from "../helpers/peers.js";

const root = new URL("../../", import.meta.url).pathname;
const seed = Number(process.env.IR_FUZZ_SEED ?? 20261125) >>> 0;
const caseCount = Number(process.env.IR_FUZZ_CASES ?? 3000);
const only = process.env.IR_FUZZ_ONLY === undefined ? undefined : Number(process.env.IR_FUZZ_ONLY);
const caseTimeoutMs = 5000;

interface Sample {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Length-like fields (counts, widths, lengths) and record operand values. */
  readonly fields: readonly BitField[];
  readonly values: readonly BitField[];
}
interface Mutant { readonly index: number; readonly sample: Sample; readonly bytes: Uint8Array; readonly description: string }
interface Outcome { readonly index: number; readonly kind: "read" | "refused" | "crash" | "hang" | "memory"; readonly message?: string }

/** mulberry32: a small seeded generator, one stream per case so any case can be replayed alone. */
function generator(caseSeed: number): (limit: number) => number {
  let state = caseSeed >>> 0;
  return (limit) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * limit);
  };
}

function setBits(bytes: Uint8Array, bit: number, width: number, value: number): void {
  for (let index = 0; index < width && bit + index < bytes.length * 8; index += 1) {
    const at = bit + index;
    const mask = 1 << (at & 7);
    if (Math.floor(value / 2 ** index) % 2 === 1) bytes[at >> 3]! |= mask;
    else bytes[at >> 3]! &= ~mask;
  }
}

type Mutation = (bytes: Uint8Array, sample: Sample, random: (limit: number) => number) => [Uint8Array, string];

const mutations: Mutation[] = [
  (bytes, _sample, random) => {
    const flips = 1 + random(8);
    const bits: number[] = [];
    for (let index = 0; index < flips; index += 1) {
      const bit = random(bytes.length * 8);
      bytes[bit >> 3]! ^= 1 << (bit & 7);
      bits.push(bit);
    }
    return [bytes, `flip bits ${bits.join(",")}`];
  },
  (bytes, _sample, random) => {
    const offset = random(bytes.length);
    const value = random(256);
    bytes[offset] = value;
    return [bytes, `byte ${offset} = ${value}`];
  },
  (bytes, _sample, random) => {
    const length = random(2) === 0 ? random(bytes.length) : random(bytes.length / 4) * 4;
    return [bytes.slice(0, length), `truncate to ${length} bytes`];
  },
  (bytes, sample, random) => {
    const field = sample.fields[random(sample.fields.length)]!;
    const huge = random(2) === 0;
    setBits(bytes, field.bit, field.width, huge ? 2 ** field.width - 1 : field.vbr ? 2 ** (field.width - 1) - 1 : 0x7fffffff);
    return [bytes, `${field.what} at bit ${field.bit} made ${huge ? "to continue (all ones)" : "large"}`];
  },
  (bytes, sample, random) => {
    const field = sample.fields[random(sample.fields.length)]!;
    setBits(bytes, field.bit, field.width, 0);
    return [bytes, `${field.what} at bit ${field.bit} set to 0`];
  },
  changeValue,
  changeValue,
  (bytes, _sample, random) => {
    const offset = random(bytes.length);
    const length = 1 + random(16);
    if (random(2) === 0) {
      const result = new Uint8Array(bytes.length - Math.min(length, bytes.length - offset));
      result.set(bytes.subarray(0, offset));
      result.set(bytes.subarray(offset + length), offset);
      return [result, `delete ${length} bytes at ${offset}`];
    }
    const result = new Uint8Array(bytes.length + length);
    result.set(bytes.subarray(0, offset));
    for (let index = 0; index < length; index += 1) result[offset + index] = random(256);
    result.set(bytes.subarray(offset), offset + length);
    return [result, `insert ${length} random bytes at ${offset}`];
  },
];

/** A record operand gets another value of the same encoded size: the stream stays well formed. */
function changeValue(bytes: Uint8Array, sample: Sample, random: (limit: number) => number): [Uint8Array, string] {
  const changes: string[] = [];
  for (let count = 1 + random(3); count > 0 && sample.values.length > 0; count -= 1) {
    const field = sample.values[random(sample.values.length)]!;
    const width = field.vbr ? field.width - 1 : field.width;
    const value = random(2 ** Math.min(width, 30));
    setBits(bytes, field.bit, Math.min(width, 30), value);
    changes.push(`bit ${field.bit} = ${value}`);
  }
  return [bytes, `operand values ${changes.join(", ")}`];
}

function mutant(index: number, samples: readonly Sample[]): Mutant {
  const random = generator(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + index * 0x27d4eb2d);
  const sample = samples[random(samples.length)]!;
  const mutation = mutations[random(mutations.length)]!;
  const [bytes, description] = mutation(sample.bytes.slice(), sample, random);
  return { index, sample, bytes, description };
}

function sample(name: string, bytes: Uint8Array): Sample {
  const found = findBitFields(bytes);
  return {
    name, bytes, fields: found.filter((field) => field.what !== "operand value"),
    values: found.filter((field) => field.what === "operand value"),
  };
}

/** modules/sha256.c and lists.c at -O2 by clang-15 and clang-16 (cached), for their record layouts. */
function compiledSamples(): Sample[] {
  const compilers = ["clang-15", "clang-16"];
  const missing = missingPeers(compilers);
  const samples: Sample[] = [];
  mkdirSync(join(root, ".cache/ir"), { recursive: true });
  for (const compiler of compilers.filter((tool) => !missing.includes(tool))) {
    for (const name of ["sha256", "lists"]) {
      const source = join(root, "modules", `${name}.c`);
      if (!existsSync(source)) continue;
      const output = join(root, ".cache/ir", `fuzz-${name}-${compiler}-O2.bc`);
      if (!existsSync(output) || statSync(output).mtimeMs < statSync(source).mtimeMs) {
        execFileSync(compiler, [...clangFlags, "-O2", "-I", "include", `${name}.c`, "-o", output], { cwd: join(root, "modules") });
      }
      const bytes = new Uint8Array(readFileSync(output));
      samples.push(sample(`${name}.c -O2 ${compiler}`, bytes));
    }
  }
  return samples;
}

function loadSamples(): Sample[] {
  const samples: Sample[] = compiledSamples();
  for (const folder of ["bc", "bc19"]) {
    const dir = join(root, "modules", folder);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((name) => name.endsWith(".bc")).sort()) {
      const bytes = new Uint8Array(readFileSync(join(dir, file)));
      samples.push(sample(`modules/${folder}/${file}`, bytes));
    }
  }
  return samples;
}

/** dist/ must hold the current reader, printer and verifier: the worker runs them from there. */
function ensureBuilt(): void {
  const built = join(root, "dist/bitcode/reader.js");
  const newest = ["src/bitcode", "src/ir"].flatMap((dir) => readdirSync(join(root, dir)).map((file) => statSync(join(root, dir, file)).mtimeMs));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...newest)) return;
  try {
    execFileSync("npx", ["tsc", "-p", "."], { cwd: root, stdio: "ignore" });
  } catch {
    // Type errors elsewhere in the tree still emit JavaScript; the worker's import tells.
  }
}

class FuzzWorker {
  private worker: Worker | undefined;

  async run(mutantCase: Mutant): Promise<Outcome> {
    const worker = this.worker ?? (await this.start());
    return new Promise((resolve) => {
      const finish = (outcome: Outcome): void => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        resolve(outcome);
      };
      const onMessage = (message: Outcome): void => finish(message);
      const onError = (error: Error): void => {
        this.worker = undefined;
        const memory = /memory/i.test(error.message) || (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
        finish({ index: mutantCase.index, kind: memory ? "memory" : "crash", message: error.message });
      };
      const timer = setTimeout(() => {
        this.worker = undefined;
        void worker.terminate();
        finish({ index: mutantCase.index, kind: "hang", message: `no answer in ${caseTimeoutMs} ms` });
      }, caseTimeoutMs);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.postMessage({ index: mutantCase.index, bytes: mutantCase.bytes, name: "fuzz.bc" });
    });
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
  }

  private async start(): Promise<Worker> {
    const worker = new Worker(new URL("./fuzz/worker.mjs", import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64 },
    });
    await new Promise<void>((resolve, reject) => {
      worker.once("message", () => resolve());
      worker.once("error", reject);
    });
    this.worker = worker;
    return worker;
  }
}

describe("reader robustness against mutated bitcode", () => {
  let samples: Sample[] = [];

  beforeAll(() => {
    ensureBuilt();
    samples = loadSamples();
  }, 120_000);

  it(`ends every mutant in a verified module or a clean InputError (seed ${seed})`, async () => {
    console.log(`IR fuzz: seed ${seed} (IR_FUZZ_SEED), ${caseCount} cases, ${samples.length} sample files`);
    expect(samples.length).toBeGreaterThan(0);
    const worker = new FuzzWorker();
    const counts = new Map<string, number>();
    const failures = new Map<string, string>();
    const indices = only === undefined ? Array.from({ length: caseCount }, (_, index) => index) : [only];
    try {
      for (const index of indices) {
        const subject = mutant(index, samples);
        const outcome = await worker.run(subject);
        counts.set(outcome.kind, (counts.get(outcome.kind) ?? 0) + 1);
        if (outcome.kind === "read" || outcome.kind === "refused") continue;
        const key = `${outcome.kind}: ${(outcome.message ?? "").replace(/\d+/g, "N")}`;
        if (!failures.has(key)) {
          failures.set(key, `${outcome.kind}: ${outcome.message}\n  replay: IR_FUZZ_SEED=${seed} IR_FUZZ_ONLY=${index} (${subject.sample.name}: ${subject.description})`);
        }
      }
    } finally {
      await worker.stop();
    }
    console.log(`IR fuzz outcomes: ${[...counts].map(([kind, count]) => `${kind} ${count}`).join(", ")}`);
    expect([...failures.values()].join("\n")).toBe("");
  }, 600_000);
});
