/**
 * `mkimg cc` and `mkimg add FILE.c` through bin/mkimg: the driver adds the pinned flags of
 * modules/flags.json (the same bitcode as the committed modules/bc and modules/bc19, byte for
 * byte), passes the rest to clang, and a module added from C prints what the same source prints
 * when gcc -m32 builds it and the i386 reference runs it. Exact error lines and statuses.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readInputBytes } from "../../src/image/module-input.js";
import { parseModule } from "../../src/module/index.js";
import { nativeRunC } from "../helpers/native.js";
import { describePeers, I386_REFERENCE, itPeers } from "../helpers/peers.js";

const root = new URL("../../", import.meta.url).pathname;
let work = "";

function mkimg(args: string[], env: NodeJS.ProcessEnv = process.env): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, "bin/mkimg"), ...args], { cwd: work, encoding: "utf8", env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mkimg-cc-"));
  for (const name of ["hello", "sha256", "args"]) copyFileSync(join(root, `modules/${name}.c`), join(work, `${name}.c`));
  writeFileSync(join(work, "broken.c"), "int broken(void) { return missing; }\n");
});

describePeers(["clang-14", "clang-19", "llvm-dis-14"], "mkimg cc", () => {
  it.each([
    ["clang-14", "bc", "-O0", "hello"],
    ["clang-14", "bc", "-O2", "sha256"],
    ["clang-19", "bc19", "-O1", "args"],
  ])("--clang %s: the same bitcode as npm run modules (modules/%s, %s %s)", (clang, folder, level, name) => {
    const output = `${name}-${clang}${level}.bc`;
    const result = mkimg(["cc", "--clang", clang, level, "-c", `${name}.c`, "-o", output]);
    expect(result).toEqual({ status: 0, stdout: "", stderr: "" });
    const committed = readFileSync(join(root, `modules/${folder}/${name}.O${level.slice(2)}.bc`));
    expect(readFileSync(join(work, output)).equals(committed)).toBe(true);
  });

  it("adds -c when no stage is given, and passes -S through (llvm-dis agrees on the target)", () => {
    expect(mkimg(["cc", "hello.c"]).status).toBe(0);
    expect(existsSync(join(work, "hello.bc"))).toBe(true);
    const text = spawnSync("llvm-dis-14", [join(work, "hello.bc"), "-o", "-"], { encoding: "utf8" }).stdout;
    expect(text).toContain('target triple = "i386-unknown-none"');
    const assembly = mkimg(["cc", "-S", "hello.c", "-o", "-"]);
    expect(assembly.stdout).toContain('target triple = "i386-unknown-none"');
  });

  it("exits with clang's status when clang fails", () => {
    const result = mkimg(["cc", "-c", "broken.c", "-o", "broken.bc"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("use of undeclared identifier 'missing'");
  });

  it.each([
    [["cc", "--clang", "no-such-clang", "hello.c"], "mkimg: no-such-clang: --clang: not a clang that runs (`--clang PATH` names a clang binary)\n"],
    [["cc", "--clang", "llvm-dis-14", "hello.c"], "mkimg: llvm-dis-14: --clang: not a clang that runs (`--clang PATH` names a clang binary)\n"],
  ])("refuses %j", (args, stderr) => {
    expect(mkimg(args)).toEqual({ status: 2, stdout: "", stderr });
  });
});

describe("without clang", () => {
  const noClang = { ...process.env, PATH: "/nonexistent" };
  const message = "compiling C needs clang 14 to 19, and none is on PATH: install the Debian package clang-14 (or pass --clang PATH)";

  it("mkimg cc says which package to install", () => {
    expect(mkimg(["cc", "-c", "hello.c"], noClang)).toEqual({ status: 2, stdout: "", stderr: `mkimg: cc: ${message}\n` });
  });

  it("mkimg add FILE.c says which package to install, and writes nothing", () => {
    expect(mkimg(["add", "--image", "none.img", "--create", "hello.c"], noClang)).toEqual({ status: 2, stdout: "", stderr: `mkimg: hello.c: ${message}\n` });
    expect(existsSync(join(work, "none.img"))).toBe(false);
  });
});

describePeers(["clang-14", "gcc", I386_REFERENCE], "mkimg add FILE.c", () => {
  itPeers(["clang-14"], "compiles, wraps at -O2 and runs as the native build of the same source does", async () => {
    const added = mkimg(["add", "--image", "c.img", "--create", "hello.c", "sha256.c"]);
    expect(added).toEqual({
      status: 0,
      stdout:
        "c.img: added /HELLO.BC (3036 bytes, compiled by clang-14 from hello.c)\n" +
        `c.img: added /SHA256.BC (${readFileSync(join(root, "modules/bc/sha256.O2.bc")).length + 128} bytes, compiled by clang-14 from sha256.c)\n`,
      stderr: "",
    });
    for (const name of ["hello", "sha256"]) {
      const run = mkimg(["run", "--json", "c.img", name]);
      const result = JSON.parse(run.stdout) as { output: string; value: number; ending: string };
      const native = await nativeRunC(join(work, `${name}.c`), name, []);
      expect({ output: result.output, value: result.value }).toEqual({ output: native.stdout, value: native.returned });
    }
    const { bytes } = readInputBytes(join(work, "c.img:SHA256.BC"));
    expect(parseModule(bytes, "SHA256.BC").header).toMatchObject({ name: "sha256", entry: "sha256", optLevel: 2 });
  });

  it("reports a source clang cannot compile in one line after clang's messages, exit 2", () => {
    const result = mkimg(["add", "--image", "c.img", "broken.c"]);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split("\n").pop()).toBe("mkimg: broken.c: clang-14 could not compile it (exit status 1; its messages are above)");
  });
});
