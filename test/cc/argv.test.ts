/**
 * `int main(int argc, char **argv)` as an entry: a C fixture compiled by `mkimg cc` (clang-14
 * and clang-19, -O0 and -O2) and added to an image; `mkimg run IMG argv WORDS...` must print
 * what the same bitcode prints when llc compiles it and the i386 reference runs it with the
 * same argv (test/helpers/native.ts, nativeRunMain), return the same value, and exit with it
 * (low 8 bits) as a process does. A main that calls kexit exits with kexit's status.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect } from "vitest";
import { runModule } from "../../src/kernel/kernel.js";
import { nativeRunMain } from "../helpers/native.js";
import { describePeers, I386_REFERENCE, itPeers, referenceLabel } from "../helpers/peers.js";

const root = new URL("../../", import.meta.url).pathname;
let work = "";

function mkimg(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, "bin/mkimg"), ...args], { cwd: work, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const BUILDS = [
  { clang: "clang-14", llc: "llc-14", level: "-O0" },
  { clang: "clang-14", llc: "llc-14", level: "-O2" },
  { clang: "clang-19", llc: "llc-19", level: "-O0" },
  { clang: "clang-19", llc: "llc-19", level: "-O2" },
];

/** Command lines: none, integers (sum 300 + argc), text with spaces and UTF-8, kexit, a large sum. */
const COMMAND_LINES: string[][] = [
  [],
  ["100", "-20", "220"],
  ["two words", "wörld", "", "x"],
  ["1", "exit", "2"],
  ["2147483000", "700", "1"],
  Array.from({ length: 40 }, (_, index) => `argument-${index}`),
];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mkimg-argv-"));
  copyFileSync(join(root, "test/cc/fixtures/argv.c"), join(work, "argv.c"));
});

describePeers(["clang-14", "clang-19", "llc-14", "llc-19", "gcc", "objcopy", I386_REFERENCE], `main(argc, argv) agrees with the native build${referenceLabel()}`, () => {
  for (const { clang, llc, level } of BUILDS) {
    itPeers([clang], `${clang} ${level}`, async () => {
      const bitcode = `argv-${clang}${level}.bc`;
      expect(mkimg(["cc", "--clang", clang, level, "-c", "argv.c", "-o", bitcode]).status).toBe(0);
      const image = `argv-${clang}${level}.img`;
      expect(mkimg(["add", "--image", image, "--create", "--as", "ARGV.BC", "--name", "argv", bitcode]).status).toBe(0);
      for (const [index, words] of COMMAND_LINES.entries()) {
        const native = await nativeRunMain(join(work, bitcode), "argv", words, llc);
        const result = runModule({ image: join(work, image), module: "argv", words });
        expect({ output: Buffer.from(result.output).toString("utf8"), value: result.value, ending: result.ending }, words.join(" ")).toEqual({
          output: Buffer.from(native.stdout, "latin1").toString("utf8"), value: native.returned, ending: native.ending,
        });
        if (index % 2 === 1) {
          const plain = mkimg(["run", image, "argv", ...words]);
          expect(plain.stdout.startsWith(Buffer.from(result.output).toString("utf8")), words.join(" ")).toBe(true);
          expect(plain.status, words.join(" ")).toBe(native.returned & 0xff);
        }
      }
    });
  }
});
