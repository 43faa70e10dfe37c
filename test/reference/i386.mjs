// @ts-check
/**
 * The one reference runner for i386 programs, used by every test and benchmark that needs to
 * know what a 32-bit x86 program really does.
 *
 * It runs the program on the real CPU where the kernel still runs 32-bit processes, and under
 * `qemu-i386` (Debian package qemu-user) where it does not (kernels built without IA-32
 * emulation, or booted with it off, refuse every i386 ELF with ENOEXEC). Which one is decided
 * once, by a safe probe: a 3-instruction i386 program (exit status 42) started through
 * exec-i386, a host program that calls execve(2) directly. Nothing here ever spawns an i386 ELF
 * by name, since on ENOEXEC execvp() and Node's spawn hand the file to /bin/sh as a script.
 *
 * MKIMG_I386_REFERENCE=cpu or =qemu-i386 forces a choice (cpu fails loudly if the CPU cannot
 * run i386 programs); test/global-setup.ts decides once per test run and passes the choice to
 * the workers through that variable. The probe's programs are cached in .cache/i386-reference/.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const cacheRoot = join(root, ".cache/i386-reference");

/** @typedef {"cpu" | "qemu-i386"} I386ReferenceKind */
/** @typedef {{ kind: I386ReferenceKind, reason: string }} I386Reference */

const PROBE_SOURCE = [
  ".globl _start",
  "_start:",
  "  movl $1, %eax",
  "  movl $42, %ebx",
  "  int $0x80",
  ".section .note.GNU-stack,\"\",@progbits",
  "",
].join("\n");
const PROBE_STATUS = 42;

/** Builds `name` once per content key under .cache/i386-reference/; returns its path. */
function cachedBuild(name, key, build) {
  const folder = join(cacheRoot, createHash("sha256").update(key).digest("hex").slice(0, 16));
  const output = join(folder, name);
  if (existsSync(output)) return output;
  mkdirSync(folder, { recursive: true });
  const temporary = `${output}.${process.pid}.tmp`;
  build(temporary);
  renameSync(temporary, output);
  return output;
}

/** exec-i386, built for the host with the host's cc (plain gcc, no -m32). */
export function launcher() {
  const source = join(here, "exec-i386.c");
  const text = readFileSync(source, "utf8");
  return cachedBuild("exec-i386", `launcher\n${text}`, (output) => {
    execFileSync("gcc", ["-O1", "-o", output, source], { stdio: ["ignore", "ignore", "pipe"] });
  });
}

/** The probe: an i386 ELF that exits with status 42 (as --32, ld -m elf_i386). */
export function probeProgram() {
  return cachedBuild("probe.elf", `probe\n${PROBE_SOURCE}`, (output) => {
    writeFileSync(`${output}.s`, PROBE_SOURCE);
    try {
      execFileSync("as", ["--32", "-o", `${output}.o`, `${output}.s`], { stdio: ["ignore", "ignore", "pipe"] });
      execFileSync("ld", ["-m", "elf_i386", "-static", "-o", output, `${output}.o`], { stdio: ["ignore", "ignore", "pipe"] });
    } finally {
      rmSync(`${output}.s`, { force: true });
      rmSync(`${output}.o`, { force: true });
    }
  });
}

/** Runs the probe on the CPU through exec-i386: does this kernel run i386 processes? */
export function probeCpu() {
  const result = spawnSync(launcher(), [probeProgram()], { encoding: "utf8", timeout: 10_000 });
  if (result.status === PROBE_STATUS) return { runs: true, detail: "the i386 probe ran on the CPU" };
  const said = (result.stderr ?? "").trim() || `status ${result.status}, signal ${result.signal}`;
  return { runs: false, detail: `the CPU does not run i386 programs here (${said})` };
}

function hasQemu() {
  return spawnSync("sh", ["-c", "command -v qemu-i386"], { stdio: "ignore" }).status === 0;
}

/** @type {I386Reference | undefined} */
let decided;

/**
 * The reference for this process: MKIMG_I386_REFERENCE if set, else the probe's verdict.
 * Throws when there is none (no 32-bit CPU and no qemu-i386), or when cpu is forced but the
 * CPU cannot run i386 programs.
 * @returns {I386Reference}
 */
export function i386Reference() {
  if (decided) return decided;
  const forced = process.env.MKIMG_I386_REFERENCE;
  const reason = process.env.MKIMG_I386_REFERENCE_REASON;
  if (forced === "qemu-i386" || forced === "qemu") {
    if (!hasQemu()) throw new Error("MKIMG_I386_REFERENCE=qemu-i386, but qemu-i386 is missing (apt-get install qemu-user)");
    decided = { kind: "qemu-i386", reason: reason ?? "chosen by MKIMG_I386_REFERENCE" };
  } else if (forced === "cpu") {
    if (reason === undefined) {
      const probe = probeCpu();
      if (!probe.runs) throw new Error(`MKIMG_I386_REFERENCE=cpu, but ${probe.detail}`);
    }
    decided = { kind: "cpu", reason: reason ?? "chosen by MKIMG_I386_REFERENCE" };
  } else if (forced === undefined || forced === "" || forced === "auto") {
    const probe = probeCpu();
    if (probe.runs) decided = { kind: "cpu", reason: probe.detail };
    else if (hasQemu()) decided = { kind: "qemu-i386", reason: `${probe.detail}; using qemu-i386` };
    else throw new Error(`no reference for i386 programs: ${probe.detail}, and qemu-i386 is missing (apt-get install qemu-user)`);
  } else {
    throw new Error(`MKIMG_I386_REFERENCE must be cpu, qemu-i386 or auto, not ${forced}`);
  }
  return decided;
}

/** "the CPU" or "qemu-i386": for test names and bench columns. */
export function i386ReferenceName() {
  return i386Reference().kind === "cpu" ? "the CPU" : "qemu-i386";
}

/**
 * The command line that runs `program` with `args` on the reference.
 * @param {string} program
 * @param {string[]} [args]
 * @returns {{ command: string, args: string[] }}
 */
export function i386Invocation(program, args = []) {
  if (i386Reference().kind === "cpu") return { command: launcher(), args: [program, ...args] };
  return { command: "qemu-i386", args: [program, ...args] };
}

/**
 * Runs an i386 program on the reference and waits (spawnSync's options and result).
 * @param {string} program
 * @param {string[]} [args]
 * @param {import("node:child_process").SpawnSyncOptions} [options]
 */
export function runI386Sync(program, args = [], options = {}) {
  const { command, args: commandArgs } = i386Invocation(program, args);
  return spawnSync(command, commandArgs, { maxBuffer: 256 * 1024 * 1024, ...options });
}

/**
 * Runs an i386 program on the reference; resolves with its output and how it ended (never
 * rejects for a non-zero status or a signal: those are results).
 * @param {string} program
 * @param {string[]} [args]
 * @param {{ timeout?: number, env?: NodeJS.ProcessEnv, encoding?: BufferEncoding }} [options]
 * @returns {Promise<{ stdout: string, stderr: string, status: number | null, signal: string | null, timedOut: boolean }>}
 */
export function runI386(program, args = [], options = {}) {
  const { command, args: commandArgs } = i386Invocation(program, args);
  return new Promise((resolvePromise, reject) => {
    const child = execFile(command, commandArgs, { encoding: options.encoding ?? "latin1", timeout: options.timeout ?? 60_000,
      maxBuffer: 256 * 1024 * 1024, env: options.env ? { PATH: process.env.PATH, ...options.env } : process.env }, (error, stdout, stderr) => {
      if (error && typeof error.code === "string") {
        reject(new Error(`${command} ${commandArgs.join(" ")}: ${error.message}`));
        return;
      }
      const timedOut = Boolean(error?.killed);
      resolvePromise({ stdout, stderr, status: child.exitCode, signal: child.signalCode, timedOut });
    });
  });
}
