/**
 * Issue 12 for `mkimg run` and `mkimg disasm`: guest code that floods the console or asks for
 * absurd pools is stopped and reported without the host's memory growing with it, and bad
 * arguments are one line with exit status 2. Runs bin/mkimg as a user would, on images made
 * with `mkimg new` and `mkimg add` from small C modules (clang-14, test/kernel/fixtures/).
 */
import { spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { describePeers, itPeers, peer } from "../helpers/peers.js";
import { fileHash, MKIMG, mkimgOk, tempDir } from "../image/support.js";
import { compileFixture } from "./support.js";

let work = "";

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory in KiB, when /usr/bin/time is there to measure it. */
  peakKiB?: number;
}

/** Runs bin/mkimg; stdout to `stdoutFile` (/dev/null: hundreds of MB cost the test nothing) or captured. */
function run(args: string[], stdoutFile?: string): Run {
  const timed = peer("/usr/bin/time");
  const memoryFile = join(work, "peak.txt");
  const command = timed ? ["/usr/bin/time", "-f", "%M", "-o", memoryFile, MKIMG, ...args] : [MKIMG, ...args];
  const out = stdoutFile === undefined ? "pipe" : openSync(stdoutFile, "w");
  const result = spawnSync(command[0]!, command.slice(1), { cwd: work, encoding: "utf8", stdio: ["ignore", out, "pipe"], maxBuffer: 1 << 26 });
  if (typeof out === "number") closeSync(out);
  const peak = timed ? Number(readFileSync(memoryFile, "utf8").trim().split("\n").pop()) : undefined;
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr, ...(peak === undefined ? {} : { peakKiB: peak }) };
}

/** A fresh image holding test/kernel/fixtures/NAME.c, compiled and added as NAME.BC. */
function imageWith(name: string): string {
  const image = `${name}.img`;
  writeFileSync(join(work, `${name}.bc`), compileFixture(name, work));
  mkimgOk(work, ["new", image]);
  mkimgOk(work, ["add", `${name}.bc`, "--image", image]);
  return image;
}

beforeAll(() => {
  work = tempDir("kernel-bad-input");
});

describePeers(["clang-14"], "a module that prints without end", () => {
  let image = "";
  const panic =
    "flood.img:FLOOD.BC: kernel panic: runaway module: still running after 3000 instructions (--max-steps)\n" +
    "  at 0x0003005b flood+0x53: jmp short 0003004Eh\n" +
    "  backtrace:\n" +
    "    #0 0x0003005b flood+0x53\n";

  beforeAll(() => {
    image = imageWith("flood");
  });

  itPeers(["clang-14"], "its output is streamed, not kept: 446 MB printed, the host stays small", () => {
    const before = fileHash(join(work, image));
    // 446,400,000 bytes (the --json run below counts them); kept in memory, they took 976 MB.
    const result = run(["run", image, "flood", "--max-steps", "3000"], "/dev/null");
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 3, stderr: panic });
    if (result.peakKiB !== undefined) expect(result.peakKiB).toBeLessThan(250 * 1024);
    expect(fileHash(join(work, image))).toBe(before);
  });

  itPeers(["clang-14"], "--json keeps the first MiB and says the output was cut", () => {
    const result = run(["run", image, "flood", "--max-steps", "3000", "--json"]);
    expect(result.status).toBe(3);
    const json = JSON.parse(result.stdout) as { output: string; outputBytes: number; outputTruncated: boolean; panic: { text: string } };
    expect([json.output.length, json.outputBytes, json.outputTruncated]).toEqual([1 << 20, 446_400_000, true]);
    expect(json.output).toBe("A".repeat(1 << 20));
    expect(`flood.img:FLOOD.BC: ${json.panic.text}`).toBe(panic);
    if (result.peakKiB !== undefined) expect(result.peakKiB).toBeLessThan(250 * 1024);
  });
});

describePeers(["clang-14"], "static globals larger than any data pool", () => {
  beforeAll(() => {
    for (const name of ["hugeglobal", "hugeglobals"]) {
      writeFileSync(join(work, `${name}.bc`), compileFixture(name, work));
    }
    mkimgOk(work, ["new", "huge.img"]);
    mkimgOk(work, ["add", "hugeglobal.bc", "--image", "huge.img", "--as", "HUGE1.BC"]);
    mkimgOk(work, ["add", "hugeglobals.bc", "--image", "huge.img", "--as", "HUGE3.BC"]);
  });

  const panic = (file: string): string =>
    `huge.img:${file}: kernel panic: out of memory in the data pool: 2147483648 bytes requested, 4194304 of 4194304 free (raise --data-pool)\n`;

  for (const [module, file] of [["hugeglobal", "HUGE1.BC"], ["hugeglobals", "HUGE3.BC"]] as const) {
    itPeers(["clang-14"], `${module}: a clean panic before the host allocates anything`, () => {
      const before = fileHash(join(work, "huge.img"));
      const result = run(["run", "huge.img", module]);
      expect(result).toMatchObject({ status: 3, stdout: "", stderr: panic(file) });
      if (result.peakKiB !== undefined) expect(result.peakKiB).toBeLessThan(250 * 1024);
      expect(fileHash(join(work, "huge.img"))).toBe(before);
    });

    itPeers(["clang-14"], `${module}: disasm refuses it at once`, () => {
      const result = run(["disasm", `${module}.bc`]);
      expect(result).toMatchObject({
        status: 2,
        stdout: "",
        stderr: `mkimg: ${module}.bc: the module's data needs more than 1073741824 bytes, the largest data pool (--data-pool 1024M)\n`,
      });
      if (result.peakKiB !== undefined) expect(result.peakKiB).toBeLessThan(250 * 1024);
    });
  }
});

describe("arguments and module names", () => {
  beforeAll(() => {
    mkimgOk(work, ["new", "args.img"]);
    writeFileSync(join(work, "args.bc"), readFileSync(join(import.meta.dirname, "../../modules/bc/args.O2.bc")));
    writeFileSync(join(work, "fib.bc"), readFileSync(join(import.meta.dirname, "../../modules/bc/fib.O2.bc")));
    mkimgOk(work, ["add", "args.bc", "fib.bc", "--image", "args.img"]);
  });

  const refused: [string, string[], string][] = [
    ["an argument beyond 64 bits", ["args", "99999999999999999999", "1"], 'mkimg: args: argument "99999999999999999999" does not fit 32 bits (-2147483648..4294967295)\n'],
    ["an argument beyond 32 bits", ["args", "4294967296", "1"], 'mkimg: args: argument "4294967296" does not fit 32 bits (-2147483648..4294967295)\n'],
    ["below int's range", ["args", "-2147483649", "1"], 'mkimg: args: argument "-2147483649" does not fit 32 bits (-2147483648..4294967295)\n'],
  ];
  for (const [name, words, stderr] of refused) {
    it(`${name} is an error, not wrapped`, () => {
      const before = fileHash(join(work, "args.img"));
      expect(run(["run", "args.img", ...words])).toMatchObject({ status: 2, stdout: "", stderr });
      expect(fileHash(join(work, "args.img"))).toBe(before);
    });
  }

  it("an unsigned int still becomes the int a cast gives", () => {
    expect(run(["run", "args.img", "args", "4294967295", "2"]).status).toBe(3); // a = -1: the module's kpanic
  });

  it("a root path names what the kernel sees", () => {
    expect(run(["run", "args.img", "/FIB.BC"])).toMatchObject({ status: 0, stdout: "fib returned 6765\n" });
  });

  it("an option error is one line", () => {
    expect(run(["run", "args.img", "fib", "--max-steps", "x"])).toMatchObject({
      status: 2,
      stderr: "mkimg: option '--max-steps <n>' argument 'x' is invalid. expected a positive number of instructions. (run `mkimg --help` for usage)\n",
    });
    expect(run(["ls", "--bogus", "args.img"])).toMatchObject({ status: 2, stderr: "mkimg: unknown option '--bogus' (run `mkimg --help` for usage)\n" });
  });
});

describePeers(["clang-14"], "a kpanic message with control characters", () => {
  itPeers(["clang-14"], "is reported with them escaped, on one line", () => {
    const image = imageWith("escapes");
    const result = run(["run", image, "escapes"]);
    expect(result.status).toBe(3);
    expect(result.stderr.split("\n")[0]).toBe("escapes.img:ESCAPES.BC: kernel panic: bad\\nline \\x1b[2J cleared");
  });
});
