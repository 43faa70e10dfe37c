/**
 * `mkimg wrap` and `mkimg info` through bin/mkimg (needs dist/, built by `npm test`):
 * exact output, exact error lines, exit statuses.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseModule } from "../../src/module/index.js";

const root = new URL("../../", import.meta.url).pathname;
let work = "";

function mkimg(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(join(root, "bin/mkimg"), args, { cwd: work, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mkimg-wrap-"));
  copyFileSync(join(root, "test/module/fixtures/answer.bc"), join(work, "answer.bc"));
});

describe("mkimg wrap", () => {
  it("wraps with defaults: OUT = stem.mod, name = stem, entry = name", () => {
    const result = mkimg("wrap", "answer.bc");
    expect(result).toEqual({
      status: 0,
      stdout: "answer.mod: module answer, entry answer, 1912 bytes of bitcode, layout 128, crc 0x3746e725\n",
      stderr: "",
    });
    const parsed = parseModule(new Uint8Array(readFileSync(join(work, "answer.mod"))), "answer.mod");
    expect(parsed.header).toEqual({ name: "answer", entry: "answer", bitcodeSize: 1912, version: 1, optLevel: 0, crc: 0x3746e725, flags: 1 });
  });

  it("takes every option", () => {
    const result = mkimg("wrap", "answer.bc", "-o", "x.mod", "--name", "fortytwo", "--entry", "answer", "--opt", "2", "--version", "9", "--layout", "120");
    expect(result.stdout).toBe("x.mod: module fortytwo, entry answer, 1912 bytes of bitcode, layout 120, no crc\n");
    const parsed = parseModule(new Uint8Array(readFileSync(join(work, "x.mod"))), "x.mod");
    expect([parsed.layout, parsed.header.name, parsed.header.optLevel, parsed.header.version]).toEqual([120, "fortytwo", 2, 9]);
  });

  it.each([
    [["wrap", "missing.bc"], "mkimg: missing.bc: cannot read: no such file or directory\n"],
    [["wrap", "answer.mod"], "mkimg: answer.mod: bitcode: already a wrapped LLBC module (magic 0x4c4c4243) (offset 0x00)\n"],
    [["wrap", "answer.bc", "--name", "a b\tc"], 'mkimg: answer.bc: name "a b\\tc" has U+0009 at character 3, not printable ASCII\n'],
    [["wrap", "answer.bc", "--opt", "4"], "mkimg: option '--opt <level>' argument '4' is invalid. expected 0, 1, 2 or 3. (run `mkimg --help` for usage)\n"],
    [["wrap", "answer.bc", "--layout", "124"], "mkimg: option '--layout <bytes>' argument '124' is invalid. expected 128 or 120. (run `mkimg --help` for usage)\n"],
  ])("refuses %j", (args, stderr) => {
    expect(mkimg(...args)).toEqual({ status: 2, stdout: "", stderr });
  });
});

describe("mkimg info", () => {
  it("prints the header, layout, CRC status and verdict", () => {
    mkimg("wrap", "answer.bc", "-o", "info.mod", "--opt", "1");
    expect(mkimg("info", "info.mod")).toEqual({
      status: 0,
      stderr: "",
      stdout: [
        "file:         info.mod",
        "layout:       128 (bitcode at 128)",
        "name:         answer",
        "entry:        answer",
        "bitcode_size: 1912",
        "version:      1",
        "opt_level:    1",
        "crc:          0x3746e725 (ok)",
        "flags:        0x00000001",
        "verdict:      valid",
        "",
      ].join("\n"),
    });
  });

  it("names a legacy layout and prints JSON", () => {
    mkimg("wrap", "answer.bc", "-o", "legacy.mod", "--layout", "120");
    const result = mkimg("info", "legacy.mod", "--json");
    expect(JSON.parse(result.stdout)).toEqual({
      file: "legacy.mod",
      valid: true,
      layout: 120,
      crcStatus: "absent",
      header: { name: "answer", entry: "answer", bitcodeSize: 1912, version: 1, optLevel: 0, flags: 0 },
    });
  });

  it("prints what it can of a broken module, then the error, with status 2", () => {
    const bytes = readFileSync(join(work, "answer.mod"));
    bytes[108] = 9;
    writeFileSync(join(work, "broken.mod"), bytes);
    expect(mkimg("info", "broken.mod")).toEqual({
      status: 2,
      stdout: [
        "file:         broken.mod",
        "magic:        0x4c4c4243",
        'name:         "answer"',
        'entry:        "answer"',
        "bitcode_size: 1912",
        "version:      1",
        "opt_level:    9",
        "verdict:      invalid",
        "",
      ].join("\n"),
      stderr: "mkimg: broken.mod: header: opt_level 9 is not 0..3 (offset 0x6c)\n",
    });
  });

  it("reports a bad CRC as the verdict and fails", () => {
    const bytes = readFileSync(join(work, "answer.mod"));
    bytes[1000] ^= 0x10;
    writeFileSync(join(work, "badcrc.mod"), bytes);
    const result = mkimg("info", "badcrc.mod");
    expect(result.status).toBe(2);
    expect(result.stdout).toContain("crc:          0x3746e725 (bad)\n");
    expect(result.stdout).toContain("verdict:      invalid: CRC mismatch\n");
    expect(result.stderr).toBe(
      "mkimg: badcrc.mod: header: crc 0x3746e725 does not match the bitcode's CRC-32 0xb708ca61 (offset 0x70)\n",
    );
  });
});
