/**
 * `mkimg run` through bin/mkimg (needs dist/, built by `npm test`): the README's quick start on
 * the demo image built as `npm install` builds it, output and exit status for each ending,
 * --json, --stats, --profile, --max-steps, the default image, and one-line errors (exit 2).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildImage, root, sampleBitcode, temporaryFolder } from "./support.js";

let work = "";
let demo = "";

function mkimg(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(join(root, "bin/mkimg"), args, { cwd: work, encoding: "latin1" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  work = temporaryFolder("kernel-cli");
  demo = join(work, "demo.img");
  execFileSync("node", [join(root, "scripts/demo-image.mjs"), "--output", demo], { stdio: "pipe" });
  mkdirSync(join(work, "images"));
  await buildImage(join(work, "images/disk.img"), [{ bytes: sampleBitcode("sum"), diskName: "SUM.BC", name: "sum", entry: "sum" }]);
});

describe("mkimg run", () => {
  it("runs the quick start: fib from the demo image", () => {
    expect(mkimg("run", demo, "fib")).toEqual({ status: 0, stdout: "fib returned 6765\n", stderr: "" });
  });

  it("prints the module's output, then the result", () => {
    expect(mkimg("run", demo, "args", "-20", "6")).toEqual({
      status: 0, stdout: "a=-20 b=6 a/b=-3 a%b=-2 product/1000=0\nargs returned -146\n", stderr: "",
    });
    expect(mkimg("run", demo, "args", "5", "0").stdout).toBe("a=5 b=0 division by zero: exit 99\nargs returned 99 (kexit)\n");
  });

  it("uses images/disk.img when no image is named", () => {
    expect(mkimg("run", "sum")).toEqual({ status: 0, stdout: "sum returned 5050\n", stderr: "" });
  });

  it("reports a kpanic as a kernel panic with exit status 3", () => {
    const result = mkimg("run", demo, "args", "--", "-1", "2");
    expect(result.status).toBe(3);
    expect(result.stdout).toBe("");
    const lines = result.stderr.split("\n");
    expect(lines.slice(0, 3)).toEqual([`${demo}:ARGS.BC: kernel panic: args: a must not be -1`, "  at 0xffff00c0 kernel service kpanic", "  backtrace:"]);
    expect(lines[4]).toMatch(/^ {4}#1 0x[0-9a-f]{8} args\+0x[0-9a-f]+$/);
  });

  it("stops a run at --max-steps with a panic report", () => {
    const result = mkimg("run", demo, "fib", "--max-steps", "1000");
    expect(result.status).toBe(3);
    expect(result.stderr.split("\n")[0]).toBe(`${demo}:FIB.BC: kernel panic: runaway module: still running after 1000 instructions (--max-steps)`);
    expect(result.stderr).toMatch(/\n {2}at 0x[0-9a-f]{8} fib_recursive\+0x[0-9a-f]+: [a-z]/);
  });

  it("--tier N compiles at tier N: same result, tier 1 with smaller code and fewer instructions than tier 0", () => {
    const [tier0, tier1] = ["0", "1"].map((tier) => {
      const result = mkimg("run", demo, "sha256", "--tier", tier, "--json");
      expect(result.status).toBe(0);
      return JSON.parse(result.stdout) as { value: number; stats: { codeBytes: number; instructions: number } };
    });
    expect(tier1!.value).toBe(tier0!.value);
    expect(tier1!.stats.codeBytes).toBeLessThan(tier0!.stats.codeBytes);
    expect(tier1!.stats.instructions).toBeLessThan(tier0!.stats.instructions);
  });

  it("--json gives the whole result", () => {
    const result = mkimg("run", demo, "hello", "--json");
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      image: demo, module: "hello", file: `${demo}:HELLO.BC`, ending: "returned", value: 0,
      output: "Hello from a module!\n0 7 -42 2147483647 -2147483648 1000000\nticks advance: yes\n",
    });
    expect(Object.keys(parsed.stats as object)).toEqual([
      "bitcodeBytes", "functionsCompiled", "readMs", "jitMs", "codeBytes", "dataBytes", "instructions", "runMs", "wallMs", "sectorsRead", "heapPeakBytes",
    ]);
  });

  it("--stats and --profile go to standard error", () => {
    const result = mkimg("run", demo, "fib", "--stats", "--profile");
    expect(result.stdout).toBe("fib returned 6765\n");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines.slice(0, 2)).toEqual(["calls:      10946 fib_recursive", "calls:          1 fib"]);
    expect(lines[2]).toMatch(/^stats: bitcode \d+ bytes, read in [\d.]+ ms; 2 functions compiled in [\d.]+ ms; code \d+ bytes, data \d+ bytes$/);
    expect(lines[3]).toMatch(/^stats: \d+ instructions executed in [\d.]+ ms \([\d.]+ MIPS\); wall time [\d.]+ ms; \d+ sectors read; heap peak 0 bytes$/);
  });

  const errors: [string, string[], string][] = [
    ["a missing module lists the modules", ["run", "DEMO", "nope"], 'no module "nope" on the disk (modules in the root directory: args (ARGS.BC), '],
    ["a bad argument", ["run", "DEMO", "args", "x1"], 'mkimg: args: argument "x1" is not an integer\n'],
    ["a missing image", ["run", "missing.img", "fib"], "mkimg: missing.img: no such file\n"],
    ["an image without a module", ["run", "DEMO"], "mkimg: DEMO: no module named (mkimg run IMG MODULE [ARGS...])\n"],
    ["a tier that does not exist", ["run", "DEMO", "fib", "--tier", "4"],
      "mkimg: option '--tier <n>' argument '4' is invalid. expected a tier 0, 1, 2 or 3. (run `mkimg --help` for usage)\n"],
    ["an unknown option", ["run", "DEMO", "fib", "--stat"], "mkimg: --stat: unknown option (see mkimg run --help)\n"],
    ["too many arguments", ["run", "DEMO", "fib", "1"], 'mkimg: DEMO:FIB.BC: entry function "fib" takes 0 arguments, 1 given\n'],
  ];
  it.each(errors)("%s: one line, exit status 2", (_, args, message) => {
    const result = mkimg(...args.map((word) => (word === "DEMO" ? demo : word)));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    const expected = message.replaceAll("DEMO", demo);
    if (expected.endsWith("\n")) expect(result.stderr).toBe(expected);
    else expect(result.stderr).toMatch(new RegExp(`^mkimg: ${demo.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: ${expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*\\)\\n$`));
  });
});
