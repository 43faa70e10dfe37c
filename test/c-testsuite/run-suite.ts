/**
 * The c-testsuite runner: compiles each program of single-exec/ exactly as `mkimg cc -O<n> -c`
 * does (src/module/compile-c.ts, driverArguments: the module target, the pinned flags, the
 * module and newlib headers, no other flag), caching the bitcode under .cache/c-testsuite/ by
 * source, compiler and level, wraps it (recording LIBC when it uses the C library) and runs it
 * on the simulated kernel with modules/libc/libc.bc as its LIBC.BC. A program passes when its
 * output equals its `.expected` file and main returns (or exits with) 0.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { InputError } from "../../src/errors.js";
import { runModuleBytes } from "../../src/kernel/kernel.js";
import { driverArguments } from "../../src/module/compile-c.js";
import { resolveDependency, wrapModule } from "../../src/module/wrap.js";

const root = new URL("../../", import.meta.url).pathname;
export const SUITE = join(root, "test/c-testsuite/single-exec");
const cache = join(root, ".cache/c-testsuite");
const libc = { bytes: wrapModule(new Uint8Array(readFileSync(join(root, "modules/libc/libc.bc"))), { name: "libc", entry: "exit" }, "LIBC.BC"), where: "LIBC.BC" };
const run = promisify(execFile);

export interface Configuration { clang: string; level: string }
export interface Outcome { name: string; passed: boolean; reason: string }

export function programs(): string[] {
  return readdirSync(SUITE).filter((file) => file.endsWith(".c")).map((file) => file.slice(0, -2)).sort();
}

/** The bitcode of one program, or the first line of clang's complaint. */
async function compile(name: string, { clang, level }: Configuration): Promise<Uint8Array | string> {
  const source = join(SUITE, `${name}.c`);
  const key = createHash("sha256").update(readFileSync(source)).update(`${clang} ${level} ${driverArguments([]).join(" ")}`).digest("hex").slice(0, 20);
  const output = join(cache, `${name}-${key}.bc`);
  if (!existsSync(output)) {
    mkdirSync(cache, { recursive: true });
    const temporary = `${output}.${process.pid}.tmp`;
    try {
      await run(clang, driverArguments([level, "-c", `${name}.c`, "-o", temporary]), { cwd: SUITE });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? "";
      return `does not compile: ${stderr.split("\n").find((line) => line.includes("error:"))?.replace(/^.*error: /, "") ?? "clang failed"}`;
    }
    renameSync(temporary, output);
  }
  return new Uint8Array(readFileSync(output));
}

/** Compiles and runs one program; `reason` says why it failed. */
export async function runProgram(name: string, configuration: Configuration): Promise<Outcome> {
  const bitcode = await compile(name, configuration);
  if (typeof bitcode === "string") return { name, passed: false, reason: bitcode };
  const expected = readFileSync(join(SUITE, `${name}.c.expected`), "latin1");
  try {
    const file = `${name}.bc`;
    const wrapped = wrapModule(bitcode, { name: `t${name}`, entry: "main", dependency: resolveDependency(bitcode, file) }, file);
    const result = runModuleBytes(wrapped, file, { dependency: libc, maxSteps: 200_000_000 });
    const output = Buffer.from(result.output).toString("latin1");
    if (result.ending === "panic") return { name, passed: false, reason: `kernel panic: ${result.panic?.message ?? ""}` };
    if (output !== expected) return { name, passed: false, reason: "output differs from .expected" };
    if (result.value !== 0 || (result.ending !== "returned" && result.ending !== "exited")) {
      return { name, passed: false, reason: `ended ${result.ending} ${result.value}, not 0` };
    }
    return { name, passed: true, reason: "" };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { name, passed: false, reason: `refused: ${error.what}` };
  }
}
