/**
 * Start-up (issue 10): each command loads only what it uses from the bundle dist/bundle/
 * (scripts/bundle.mjs). The heavy parts: iced-x86 (disassembler: disasm and panic reports), the
 * bitcode reader (src/bitcode/), the JIT, emulator and kernel, and the FatFs wasm (js-fatfs).
 * A command runs under load-log.mjs, which logs every module loaded; each bundle chunk is mapped
 * to the source modules it holds through esbuild's metafile (dist/bundle/meta.json).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const bundle = join(root, "dist/bundle");
const demo = join(root, "images/demo.img");

/** What `mkimg ...args` loads: packages by name, and the source files of the bundle chunks it loaded. */
function loads(args: string[]): { packages: Set<string>; sources: string[] } {
  const log = join(mkdtempSync(join(tmpdir(), "mkimg-loads-")), "log");
  execFileSync(process.execPath, ["--import", join(root, "test/cli/load-log.mjs"), join(root, "bin/mkimg"), ...args], {
    env: { ...process.env, MKIMG_LOAD_LOG: log },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const meta = JSON.parse(readFileSync(join(bundle, "meta.json"), "utf8")) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const files = [...new Set(readFileSync(log, "utf8").split("\n").filter(Boolean).map((line) => line.replace(/^\w+ (file:\/\/)?/, "")))];
  const packages = new Set(files.flatMap((file) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? []));
  const sources = files
    .filter((file) => file.startsWith(`${bundle}/`) && file.endsWith(".js"))
    .flatMap((file) => Object.keys(meta.outputs[`dist/bundle/${file.slice(bundle.length + 1)}`]?.inputs ?? { [`unknown chunk ${file}`]: 0 }));
  return { packages, sources };
}

const under = (sources: string[], folder: string) => sources.filter((source) => source.startsWith(folder));

describe("what each command loads", () => {
  it("--version: commander and the CLI's registrations only", () => {
    const { packages, sources } = loads(["--version"]);
    expect([...packages]).toEqual([]);
    expect(sources.filter((source) => !source.startsWith("src/cli/") && !source.startsWith("node_modules/commander/"))).toEqual(["src/errors.ts"]);
  });

  it("ls: no bitcode reader, JIT, emulator, kernel or disassembler", () => {
    const { packages, sources } = loads(["ls", demo]);
    expect(packages.has("iced-x86")).toBe(false);
    for (const folder of ["src/bitcode/", "src/ir/", "src/jit/", "src/emu/", "src/kernel/"]) expect(under(sources, folder)).toEqual([]);
  });

  it("run: the bitcode reader, JIT, emulator and kernel, but neither the disassembler nor FatFs", () => {
    const { packages, sources } = loads(["run", demo, "fib"]);
    expect([...packages]).toEqual([]);
    for (const folder of ["src/bitcode/", "src/jit/", "src/emu/", "src/kernel/"]) expect(under(sources, folder)).not.toEqual([]);
    expect(under(sources, "src/gdb/")).toEqual([]);
  });

  it("disasm loads iced-x86 (the log sees require() too)", () => {
    expect(loads(["disasm", demo, "fib"]).packages.has("iced-x86")).toBe(true);
  });
});
