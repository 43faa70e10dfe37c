/**
 * newlib as the modules' C library (modules/libc/libc.bc, built by scripts/build-libc.mjs): a C
 * fixture that uses printf, snprintf, qsort, strtol, ctype, malloc... is compiled by `mkimg cc`,
 * linked with libc.bc by llvm-link and run by the simulated kernel. Its output, result and
 * ending must equal (1) the same linked bitcode compiled by llc and run on the i386 reference
 * with the kernel-services harness, and (2) the same C compiled by gcc -m32 against glibc and
 * run on the i386 reference: an independent C library (rand's sequence aside, which C leaves
 * to the library). The committed libc.bc must be what the build script makes (reproducible).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { runModuleBytes } from "../../src/kernel/kernel.js";
import { wrapModule } from "../../src/module/wrap.js";
import { runI386 } from "../reference/i386.mjs";
import { nativeRunMain } from "../helpers/native.js";
import { describePeers, I386_REFERENCE, itPeers, peersRequired, referenceLabel } from "../helpers/peers.js";

const root = new URL("../../", import.meta.url).pathname;
const fixture = join(root, "test/cc/fixtures/uselibc.c");
const libc = join(root, "modules/libc/libc.bc");
let work = "";

const BUILDS = [
  { clang: "clang-14", link: "llvm-link-14", llc: "llc-14", level: "-O0" },
  { clang: "clang-14", link: "llvm-link-14", llc: "llc-14", level: "-O2" },
  { clang: "clang-19", link: "llvm-link-19", llc: "llc-19", level: "-O2" },
];

const COMMAND_LINES = [[], ["12", "-0x10", "rand"], ["word", "exit", "never"]];

function mkimg(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, "bin/mkimg"), ...args], { cwd: work, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The fixture built by gcc -m32 against glibc, static (a real C library we did not build). */
function glibcProgram(): string {
  const program = join(work, "libc-glibc");
  execFileSync("gcc", ["-m32", "-O2", "-static", "-w", fixture, "-o", program]);
  return program;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mkimg-libc-"));
});

describePeers(["clang-14", "clang-19", "llvm-link-14", "llvm-link-19", "llc-14", "llc-19", "gcc", "objcopy", I386_REFERENCE],
  `newlib-linked modules agree with llc and with glibc${referenceLabel()}`, () => {
    let glibc = "";
    beforeAll(() => {
      glibc = glibcProgram();
    });

    for (const { clang, link, llc, level } of BUILDS) {
      itPeers([clang], `${clang} ${level}`, async () => {
        const own = join(work, `libc-${clang}${level}.bc`);
        const linked = join(work, `linked-${clang}${level}.bc`);
        expect(mkimg(["cc", "--clang", clang, level, "-c", fixture, "-o", own]).status).toBe(0);
        execFileSync(link, [own, libc, "-o", linked]);
        const wrapped = wrapModule(new Uint8Array(readFileSync(linked)), { name: "libc", entry: "main" }, linked);
        for (const words of COMMAND_LINES) {
          const result = runModuleBytes(wrapped, linked, { words });
          const output = Buffer.from(result.output).toString("latin1");
          const native = await nativeRunMain(linked, "libc", words, llc);
          expect({ output, value: result.value, ending: result.ending }, words.join(" ")).toEqual({
            output: native.stdout, value: native.returned, ending: native.ending,
          });
          const reference = await runI386(glibc, words);
          const withoutRand = (text: string) => text.replace(/^rand -?\d+\n/gm, "");
          expect({ output: withoutRand(output), status: result.value & 0xff }, `glibc, ${words.join(" ")}`).toEqual({
            output: withoutRand(reference.stdout), status: reference.status,
          });
        }
      });
    }
  });

describePeers(["clang-14", "llvm-link-14", "tar"], "modules/libc/libc.bc", () => {
  // newlib-source is a Debian package of sources, not a tool on PATH: its tarball is the peer.
  const newlibSource = existsSync("/usr/src/newlib") || peersRequired ? it : it.skip;
  newlibSource("is what scripts/build-libc.mjs builds from newlib-source (reproducible)", () => {
    execFileSync("node", [join(root, "scripts/build-libc.mjs"), "--check"], { stdio: "pipe" });
  });

  it("calls nothing but kernel services (llvm-nm) and holds no floating point (llvm-dis)", () => {
    const undefinedSymbols = execFileSync("llvm-nm-14", ["-u", libc], { encoding: "utf8" }).trim().split("\n").map((line) => line.trim().replace(/^U /, ""));
    expect(undefinedSymbols.sort()).toEqual(["kabort", "kexit", "kmalloc", "kputc", "memcmp", "memcpy", "memmove", "memset"]);
    const text = execFileSync("llvm-dis-14", [libc, "-o", "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
    expect(text).not.toMatch(/\b(float|double|x86_fp80)\b/);
  });
});
