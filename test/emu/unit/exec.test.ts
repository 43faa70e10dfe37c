/**
 * `mkimg exec` end to end (runs bin/mkimg, so dist/ must be built: `npm test` builds first):
 * output and exit status of the program, the one-line fault report and its signal-style exit
 * status, --max-steps, --stats, guest arguments, and bad input.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ENTRY, EXIT, HELLO, makeElf } from "./elf.js";

const MKIMG = new URL("../../../bin/mkimg", import.meta.url).pathname;
let dir = "";

function exec(args: string[]) {
  const result = spawnSync(MKIMG, ["exec", ...args], { cwd: dir, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mkimg-exec-"));
  fs.writeFileSync(path.join(dir, "hi.elf"), makeElf(HELLO));
  fs.writeFileSync(path.join(dir, "null.elf"), makeElf([0xc7, 0x00, 0x01, 0, 0, 0]));
  fs.writeFileSync(path.join(dir, "div.elf"), makeElf([0xf7, 0xf3]));
  fs.writeFileSync(path.join(dir, "spin.elf"), makeElf([0xeb, 0xfe]));
  fs.writeFileSync(path.join(dir, "argc.elf"), makeElf([0x8b, 0x1c, 0x24, ...EXIT]));
  fs.writeFileSync(path.join(dir, "bad.elf"), "not an elf at all, just text\n");
});

const eip = `0x${ENTRY.toString(16).padStart(8, "0")}`;

describe("mkimg exec", () => {
  it("prints what the program writes and exits with its status", () => {
    expect(exec(["hi.elf"])).toEqual({ status: 7, stdout: "hi\n", stderr: "" });
  });

  it("reports a page fault in one line and exits 139 like SIGSEGV", () => {
    expect(exec(["null.elf"])).toEqual({
      status: 139,
      stdout: "",
      stderr: `mkimg: null.elf: page fault writing 0x00000000 at eip ${eip}: mov dword ptr [eax],1\n`,
    });
  });

  it("reports a divide error and exits 136 like SIGFPE", () => {
    expect(exec(["div.elf"])).toEqual({ status: 136, stdout: "", stderr: `mkimg: div.elf: divide error at eip ${eip}: div ebx\n` });
  });

  it("stops at --max-steps with status 124", () => {
    expect(exec(["spin.elf", "--max-steps", "1000"])).toEqual({
      status: 124,
      stdout: "",
      stderr: "mkimg: spin.elf: stopped after 1000 instructions (--max-steps)\n",
    });
  });

  it("prints instructions and MIPS with --stats", () => {
    const result = exec(["--stats", "hi.elf"]);
    expect(result.status).toBe(7);
    expect(result.stderr).toMatch(/^mkimg: hi\.elf: 8 instructions in [0-9]+\.[0-9]{3} s, [0-9]+\.[0-9] MIPS\n$/);
  });

  it("gives the same result with --no-translate", () => {
    expect(exec(["--no-translate", "hi.elf"])).toEqual({ status: 7, stdout: "hi\n", stderr: "" });
  });

  it("passes arguments, after -- when they look like options", () => {
    expect(exec(["argc.elf", "a", "b"]).status).toBe(3);
    expect(exec(["argc.elf", "--", "-x", "--y"]).status).toBe(3);
  });

  it("rejects bad input with one line and status 2", () => {
    expect(exec(["bad.elf"])).toEqual({ status: 2, stdout: "", stderr: "mkimg: bad.elf: not an ELF file (bad magic) (offset 0x00)\n" });
    expect(exec(["missing.elf"])).toEqual({ status: 2, stdout: "", stderr: "mkimg: missing.elf: no such file\n" });
    expect(exec(["hi.elf", "--max-steps", "lots"])).toEqual({
      status: 2,
      stdout: "",
      stderr: "mkimg: --max-steps: not a number of instructions: lots\n",
    });
  });
});
