/**
 * Helpers for the gdb tests: a batch gdb session against `mkimg run --gdb` (in this process,
 * port 0 so the system picks a free one) or against qemu-i386's gdbstub running the native
 * build of the same module. Every wait has a timeout and every child is killed in a finally.
 */
import { execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { debugModule } from "../../src/gdb/debug-run.js";
import type { RunResult } from "../../src/kernel/kernel.js";

const GDB_TIMEOUT_MS = 60_000;

/**
 * Runs gdb in batch mode on `elf` against 127.0.0.1:port with `commands` (and `setup` before it
 * connects, such as `directory` for the sources); the whole transcript.
 */
export function gdbBatch(elf: string, port: number, commands: string[], setup: string[] = []): Promise<string> {
  const args = ["-batch", "-nx", "-ex", "set architecture i386", "-ex", `file ${elf}`];
  for (const command of setup) args.push("-ex", command);
  args.push("-ex", `target remote 127.0.0.1:${port}`);
  for (const command of commands) args.push("-ex", command);
  return new Promise((resolve) => {
    execFile("gdb", args, { timeout: GDB_TIMEOUT_MS, killSignal: "SIGKILL" }, (_error, stdout, stderr) => resolve(`${stdout}${stderr}`));
  });
}

export interface OurSession {
  transcript: string;
  result: RunResult;
}

/** `mkimg run IMAGE debugee MODE --gdb 127.0.0.1:0 --elf ELF` with gdb running `commands`. */
export function ourSession(image: string, elf: string, mode: number, commands: string[]): Promise<OurSession> {
  return moduleSession(image, "debugee", [mode], elf, commands);
}

/** `mkimg run IMAGE MODULE ARGS... --gdb 127.0.0.1:0 --elf ELF` with gdb running `commands`. */
export async function moduleSession(image: string, module: string, args: number[], elf: string, commands: string[], setup: string[] = []): Promise<OurSession> {
  let transcript: Promise<string> | undefined;
  const result = await debugModule({
    image, module, args, elf, gdb: { host: "127.0.0.1", port: 0 },
    onListening: (_host, port) => {
      transcript = gdbBatch(elf, port, commands, setup);
    },
  });
  return { transcript: await transcript!, result };
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address !== null ? address.port : 0;
}

/** Whether something listens on 127.0.0.1:port (from /proc/net/tcp, without connecting). */
function listening(port: number): boolean {
  const wanted = `0100007F:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  return readFileSync("/proc/net/tcp", "utf8").split("\n").some((line) => {
    const fields = line.trim().split(/\s+/);
    return fields[1] === wanted && fields[3] === "0A";
  });
}

/** qemu-i386's gdbstub on the native program with `args`, gdb running `commands`. */
export async function qemuSession(program: string, args: string[], commands: string[], setup: string[] = []): Promise<string> {
  const port = await freePort();
  const child = spawn("qemu-i386", ["-g", String(port), program, ...args], { stdio: "ignore" });
  try {
    for (let tries = 0; tries < 100 && !listening(port); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    return await gdbBatch(program, port, commands, setup);
  } finally {
    child.kill("SIGKILL");
  }
}

/** The function names of the frames of a `bt` (`#1  0x... in depth ()` -> depth). */
export function frames(transcript: string): string[] {
  return [...transcript.matchAll(/^#\d+\s+(?:0x[0-9a-f]+ in )?(\S+) \(/gm)].map((match) => match[1]);
}

/** Register names of `info registers` lines. */
export function registerNames(transcript: string): string[] {
  return [...transcript.matchAll(/^([a-z][a-z0-9_]*)\s+0x[0-9a-f]+\s/gm)].map((match) => match[1]);
}

/** The transcript with addresses replaced by ADDR (they differ between runs of the layout). */
export function shape(transcript: string): string {
  return transcript.replace(/0x[0-9a-f]{5,8}/g, "ADDR");
}

export const gdbFixture = (root: string): string => join(root, "test/gdb/fixtures/debugee.c");
