/**
 * `mkimg run IMG MODULE --gdb [HOST:]PORT`: the kernel loads the module as for a plain run,
 * stops before the first instruction of its entry, optionally writes the code's ELF with
 * symbols (`--elf`, src/jit/elf.ts) and serves gdb until the session ends. Then the run's
 * result is what a plain run would print: the module's output, its ending, a panic report.
 *
 * Detaching lets the module run on to its end without gdb; a dropped connection kills it.
 */
import { writeFileSync } from "node:fs";
import { InputError } from "../errors.js";
import { moduleSymbols, writeElf } from "../jit/elf.js";
import { prepareModuleBytes, readDependency, readModule, type PreparedRun, type RunOptions, type RunResult } from "../kernel/kernel.js";
import { KernelExecution } from "./kernel-target.js";
import { MachineTarget } from "./machine-target.js";
import { listenForGdb, type Listening } from "./server.js";

export interface GdbEndpoint {
  host: string;
  port: number;
}

export interface DebugOptions extends RunOptions {
  /** Without it the module just runs (for `--elf` alone). */
  gdb?: GdbEndpoint;
  /** Where to write the ELF with the module's code and symbols. */
  elf?: string;
  /** Told the port once the server listens (stderr for the CLI). */
  onListening?: (host: string, port: number) => void;
}

/** `[HOST:]PORT` with the host 127.0.0.1 by default; InputError when malformed. */
export function parseEndpoint(text: string): GdbEndpoint {
  const match = /^(?:(.+):)?([0-9]{1,5})$/.exec(text);
  const port = match === null ? NaN : Number(match[2]);
  if (match === null || !(port >= 0 && port <= 65535)) throw new InputError(`--gdb ${text}`, "expected [HOST:]PORT with a port from 0 to 65535");
  return { host: match[1] ?? "127.0.0.1", port };
}

/** Writes an output file; a failure is the user's InputError (`OUT: cannot write: ENOENT`). */
export function writeOutputFile(path: string, bytes: Uint8Array): void {
  try {
    writeFileSync(path, bytes);
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : String(error);
    throw new InputError(path, `cannot write: ${code}`);
  }
}

/** The ELF of a prepared run: its code and data where they are loaded, functions and blocks named. */
export function preparedElf(prepared: PreparedRun): Uint8Array {
  return writeElf(prepared.compiled, moduleSymbols(prepared.compiled), prepared.machine.eip);
}

export async function debugModule(options: DebugOptions): Promise<RunResult> {
  const started = performance.now();
  const found = readModule(options);
  const prepared = prepareModuleBytes(found.bytes, found.where, { ...options, dependency: readDependency(options, found.bytes, found.where) });
  if (!("machine" in prepared)) return prepared;
  if (options.elf !== undefined) writeOutputFile(options.elf, preparedElf(prepared));
  const execution = new KernelExecution(prepared);
  const target = new MachineTarget(execution);
  if (options.gdb !== undefined) {
    const { host, port } = options.gdb;
    let listening: Listening;
    try {
      listening = await listenForGdb(host, port, target);
    } catch (error) {
      throw new InputError(`--gdb ${host}:${port}`, listenError(error));
    }
    options.onListening?.(host, listening.port);
    const end = await listening.session;
    if (end === "detached") runFreely(target);
  } else runFreely(target);
  const result = execution.result();
  result.stats.sectorsRead = found.sectorsRead;
  result.stats.wallMs = performance.now() - started;
  return result;
}

/** Runs to the module's end without gdb (bounded by --max-steps, which is a fatal stop). */
function runFreely(target: MachineTarget): void {
  while (target.resume(10_000_000) === undefined) {
    // the next slice
  }
}

function listenError(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (code === "EADDRINUSE") return "cannot listen: the port is in use";
  if (code === "EACCES") return "cannot listen: permission denied (ports below 1024 need privileges)";
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") return "cannot listen: no such local address";
  return `cannot listen: ${error instanceof Error ? error.message : String(error)}`;
}
