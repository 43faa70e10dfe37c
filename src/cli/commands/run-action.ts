/**
 * The action of `mkimg run` (loaded on demand): splits [IMG] MODULE [ARGS...], runs the module on
 * the simulated kernel (src/kernel/kernel.ts) and prints the result as text or JSON.
 */
import { existsSync } from "node:fs";
import { InputError } from "../../errors.js";
import { DEFAULT_IMAGE } from "../../image/add.js";
import { runModule, type RunOptions, type RunResult } from "../../kernel/kernel.js";
import type { PoolSizes } from "../../kernel/layout.js";
import { lockOptions } from "./image-options.js";
import type { RunFlags } from "./run.js";

/** Bytes of the module's output that `--json` includes (`outputTruncated` says when it is cut). */
const JSON_KEPT_OUTPUT = 1 << 20;

const EXIT_STATUS: Record<RunResult["ending"], number> = { returned: 0, exited: 0, panic: 3, aborted: 4, killed: 5 };

/** The exit status: for a main that returned or exited, its status as a process's (low 8 bits). */
function exitStatus(result: RunResult): number {
  const ended = result.ending === "returned" || result.ending === "exited";
  return ended && result.processExit === true ? result.value & 0xff : EXIT_STATUS[result.ending];
}

export function runCommand(words: string[], flags: RunFlags): number {
  const output = { endsWithNewline: true };
  const options = runOptions(words, flags, output);
  return report(runModule(options), flags, options.image, output.endsWithNewline);
}

/** `--gdb` (and `--elf`): the same run, served to gdb; `--elf` alone writes the ELF and runs. */
export async function debugCommand(words: string[], flags: RunFlags): Promise<number> {
  const { debugModule, parseEndpoint } = await import("../../gdb/debug-run.js");
  const output = { endsWithNewline: true };
  const options = runOptions(words, flags, output);
  const gdb = flags.gdb === undefined ? undefined : parseEndpoint(flags.gdb);
  const result = await debugModule({
    ...options, gdb, elf: flags.elf,
    onListening: (host, port) => process.stderr.write(`mkimg: ${options.image}: waiting for gdb on ${host}:${port}\n`),
  });
  return report(result, flags, options.image, output.endsWithNewline);
}

function runOptions(words: string[], flags: RunFlags, output: { endsWithNewline: boolean }): RunOptions {
  const { image, module, rest } = splitWords(words);
  return {
    image, module, words: rest,
    anyPath: flags.anyPath, maxSteps: flags.maxSteps, profile: flags.profile, force: flags.force, tier: flags.tier,
    pools: pools(flags),
    lock: lockOptions("run", flags),
    // Text output is streamed as it is printed and not kept; --json keeps at most 1 MiB.
    keepOutput: flags.json ? JSON_KEPT_OUTPUT : 0,
    onOutput: flags.json
      ? undefined
      : (bytes) => {
          process.stdout.write(bytes);
          output.endsWithNewline = bytes[bytes.length - 1] === 0x0a;
        },
  };
}

function report(result: RunResult, flags: RunFlags, image: string, endsWithNewline: boolean): number {
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(jsonResult(image, result), null, 2)}\n`);
    return exitStatus(result);
  }
  if (!endsWithNewline) process.stdout.write("\n");
  printEnding(result);
  if (flags.profile && result.calls !== undefined) printCalls(result);
  if (flags.stats) printStats(result);
  return exitStatus(result);
}

/** The first word is the image when it names a file (or looks like an image) and a module follows. */
function splitWords(words: string[]): { image: string; module: string; rest: string[] } {
  const unknown = words.find((word) => /^-[^0-9]/.test(word));
  if (unknown !== undefined) throw new InputError(unknown, "unknown option (see mkimg run --help)");
  const looksLikeImage = (word: string): boolean => /\.(img|ima|raw|bin)$/i.test(word) || existsSync(word);
  if (words.length === 1 && looksLikeImage(words[0])) throw new InputError(words[0], "no module named (mkimg run IMG MODULE [ARGS...])");
  const hasImage = words.length >= 2 && looksLikeImage(words[0]);
  const [image, module, ...rest] = hasImage ? words : [DEFAULT_IMAGE, ...words];
  return { image, module, rest };
}

function pools(flags: RunFlags): Partial<PoolSizes> {
  const sizes: Partial<PoolSizes> = {};
  if (flags.codePool !== undefined) sizes.code = flags.codePool;
  if (flags.dataPool !== undefined) sizes.data = flags.dataPool;
  if (flags.metadataPool !== undefined) sizes.metadata = flags.metadataPool;
  if (flags.heap !== undefined) sizes.heap = flags.heap;
  if (flags.stack !== undefined) sizes.stack = flags.stack;
  return sizes;
}

function printEnding(result: RunResult): void {
  if (result.ending === "returned") process.stdout.write(`${result.module} returned ${result.value}\n`);
  else if (result.ending === "exited") process.stdout.write(`${result.module} returned ${result.value} (kexit)\n`);
  else if (result.ending === "aborted") process.stderr.write(`${result.where}: module aborted (kabort)\n`);
  else if (result.ending === "killed") process.stderr.write(`${result.where}: killed from gdb\n`);
  else process.stderr.write(`${result.where}: ${result.panic?.text ?? "kernel panic\n"}`);
}

function printCalls(result: RunResult): void {
  for (const { name, calls } of result.calls ?? []) process.stderr.write(`calls: ${String(calls).padStart(10)} ${name}\n`);
}

function printStats(result: RunResult): void {
  const s = result.stats;
  const mips = s.instructions / Math.max(s.runMs, 1e-6) / 1000;
  process.stderr.write(
    `stats: bitcode ${s.bitcodeBytes} bytes, read in ${s.readMs.toFixed(1)} ms; ` +
      `${s.functionsCompiled} functions compiled in ${s.jitMs.toFixed(1)} ms; code ${s.codeBytes} bytes, data ${s.dataBytes} bytes\n` +
      `stats: ${s.instructions} instructions executed in ${s.runMs.toFixed(1)} ms (${mips.toFixed(1)} MIPS); ` +
      `wall time ${s.wallMs.toFixed(1)} ms; ${s.sectorsRead} sectors read; heap peak ${s.heapPeakBytes} bytes\n`,
  );
}

function jsonResult(image: string, result: RunResult): object {
  const { panic } = result;
  return {
    image,
    module: result.module,
    file: result.where,
    ending: result.ending,
    value: result.value,
    output: Buffer.from(result.output).toString("latin1"),
    outputBytes: result.outputBytes,
    outputTruncated: result.outputBytes > result.output.length,
    panic: panic === undefined ? undefined : {
      cause: panic.cause, message: panic.message, eip: panic.eip, location: panic.location,
      instruction: panic.instruction, backtrace: panic.backtrace, text: panic.text,
    },
    stats: result.stats,
    calls: result.calls,
  };
}
