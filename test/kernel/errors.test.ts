/**
 * Finding modules and refusing bad ones: each problem is one InputError line naming the image
 * and the module file (`disk.img:FIB.BC: ...`), with the exact text asserted. Long names and
 * subdirectories are made with mtools (mmd, mcopy), as a user would.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runModule } from "../../src/kernel/kernel.js";
import { wrapModule } from "../../src/module/index.js";
import { describePeers, itPeers } from "../helpers/peers.js";
import { buildImage, compileFixture, patchImageFile, sampleBitcode, temporaryFolder, type ImageModule } from "./support.js";

let image = "";
let work = "";

function corrupted(bitcode: Uint8Array, start: number, length: number): Uint8Array {
  const copy = bitcode.slice();
  copy.fill(0xff, start, start + length);
  return copy;
}

beforeAll(async () => {
  work = temporaryFolder("kernel-errors");
  const fib = sampleBitcode("fib", 0);
  const modules: ImageModule[] = [
    { bytes: sampleBitcode("fib"), diskName: "FIB.BC", name: "fib", entry: "fib" },
    { bytes: sampleBitcode("sum"), diskName: "OTHER.BC", name: "summer", entry: "sum" },
    { bytes: sampleBitcode("args"), diskName: "ARGS.BC", name: "args", entry: "args" },
    { bytes: fib, diskName: "WRONGENT.BC", name: "wrongentry", entry: "main" },
    { bytes: corrupted(fib, 100, 40), diskName: "CORRUPT2.BC", name: "corrupt2", entry: "fib" },
    { bytes: fib.slice(0, fib.length >> 1), diskName: "TRUNC.BC", name: "truncated", entry: "fib" },
    { bytes: fib, diskName: "BADCRC.BC", name: "badcrc", entry: "fib" },
    { bytes: fib, diskName: "BADMAGIC.BC", name: "badmagic", entry: "fib" },
    // modules/bc19/matmul.O0.bc with one bit flipped in STRTAB: it reads, but two globals are
    // named @b (llvm-dis renames one @b.1); the verifier refuses it before the JIT sees it.
    { bytes: readFileSync(join(import.meta.dirname, "fixtures/invalid-ir.bc")), diskName: "BADIR.BC", name: "badir", entry: "matmul" },
  ];
  image = await buildImage(join(work, "errors.img"), modules);
  patchImageFile(image, "/BADCRC.BC", 128 + 300, Uint8Array.of(0x55)); // a byte of bitcode after the CRC was computed
  patchImageFile(image, "/BADMAGIC.BC", 0, Uint8Array.of(0x44));
});

describe("finding modules", () => {
  const found: [string, string, string][] = [
    ["header name", "fib", "fib"],
    ["file name", "FIB.BC", "fib"],
    ["file name in lower case", "fib.bc", "fib"],
    ["header name differing from the file name", "summer", "summer"],
    ["file stem", "other", "summer"],
  ];
  it.each(found)("by %s", (_, asked, module) => {
    const result = runModule({ image, module: asked });
    expect(result.module).toBe(module);
    expect(result.ending).toBe("returned");
  });

  it("lists what is there when a module is not", () => {
    expect(() => runModule({ image, module: "nope" })).toThrow(
      `${image}: no module "nope" on the disk (modules in the root directory: fib (FIB.BC), summer (OTHER.BC), args (ARGS.BC), ` +
        "wrongentry (WRONGENT.BC), corrupt2 (CORRUPT2.BC), truncated (TRUNC.BC), badcrc (BADCRC.BC), badir (BADIR.BC))",
    );
  });
});

describe("bad modules", () => {
  const cases: [string, string, string][] = [
    ["wrong entry", "wrongentry", `WRONGENT.BC: entry function "main" named in the header is not in the module (defined: fib, fib_recursive, fib_iterative)`],
    ["corrupt bitcode", "corrupt2", "CORRUPT2.BC: bitcode: VBR value is longer than 64 bits at bit 799 (offset 0xe3)"],
    ["truncated bitcode", "truncated", "TRUNC.BC: bitcode: bitcode is truncated: MODULE block needs 2136 bytes, 1178 remain (offset 0xa4)"],
    ["bad CRC", "BADCRC.BC", "BADCRC.BC: header: crc 0x9bb49779 does not match the bitcode's CRC-32 0x83ab2a1f (offset 0x70)"],
    ["bad magic", "BADMAGIC.BC", "BADMAGIC.BC: header: magic 0x4c4c4244 is not LLBC (0x4c4c4243) (offset 0x00)"],
    ["invalid IR", "badir", "BADIR.BC: invalid IR: @b: 2 globals have this name"],
  ];
  it.each(cases)("%s", (_, module, message) => {
    expect(() => runModule({ image, module })).toThrow(`${image}:${message}`);
  });

  it("too many arguments for the entry", () => {
    expect(() => runModule({ image, module: "args", args: [1, 2, 3] })).toThrow(`${image}:ARGS.BC: entry function "args" takes 2 arguments, 3 given`);
  });
});

describePeers(["clang-14"], "modules the JIT cannot link or compile", () => {
  itPeers(["clang-14"], "floating point and undefined symbols are refused at load time", async () => {
    const folder = temporaryFolder("kernel-fixtures");
    const refused = await buildImage(join(folder, "refused.img"), [
      { bytes: compileFixture("float", folder), diskName: "FLOAT.BC", name: "float", entry: "average" },
      { bytes: compileFixture("external", folder), diskName: "EXTERNAL.BC", name: "external", entry: "external" },
    ]);
    expect(() => runModule({ image: refused, module: "float" })).toThrow(
      `${refused}:FLOAT.BC: function "average": unsupported instruction: sitofp float (floating point)`,
    );
    expect(() => runModule({ image: refused, module: "external" })).toThrow(`${refused}:EXTERNAL.BC: undefined external symbol "printf"`);
  });
});

describePeers(["mmd", "mcopy"], "modules BareFlow's kernel cannot see", () => {
  itPeers(["mmd", "mcopy"], "in a subdirectory or by a long name only: said so, and --any-path loads them", async () => {
    const folder = temporaryFolder("kernel-hidden");
    const hidden = await buildImage(join(folder, "hidden.img"), []);
    const file = join(folder, "fib.mod");
    writeFileSync(file, wrapModule(sampleBitcode("fib"), { name: "fib", entry: "fib" }, file));
    execFileSync("mmd", ["-i", hidden, "::/MODS"]);
    execFileSync("mcopy", ["-i", hidden, file, "::/MODS/SUB.BC"]);
    execFileSync("mcopy", ["-i", hidden, file, "::/fibonacci.bc"]);
    execFileSync("mcopy", ["-i", hidden, file, "::/KERNEL.MOD"]);
    expect(runModule({ image: hidden, module: "kernel" })).toMatchObject({ where: `${hidden}:KERNEL.MOD`, value: 6765 });
    expect(() => runModule({ image: hidden, module: "SUB.BC" })).toThrow(
      `${hidden}: module "SUB.BC" is /MODS/SUB.BC, in a subdirectory: the kernel reads the root directory only (--any-path loads it anyway)`,
    );
    expect(() => runModule({ image: hidden, module: "fibonacci.bc" })).toThrow(
      `${hidden}: module "fibonacci.bc" is /fibonacci.bc, a long name: the kernel matches 8.3 short names only ` +
        "(it looks up FIBONACC.BC; the file's short name is FIBONA~1.BC; --any-path loads it anyway)",
    );
    expect(runModule({ image: hidden, module: "SUB.BC", anyPath: true })).toMatchObject({ where: `${hidden}:MODS/SUB.BC`, value: 6765 });
    expect(runModule({ image: hidden, module: "/mods/sub.bc", anyPath: true })).toMatchObject({ where: `${hidden}:MODS/SUB.BC`, value: 6765 });
    expect(runModule({ image: hidden, module: "fibonacci.bc", anyPath: true })).toMatchObject({ where: `${hidden}:fibonacci.bc`, value: 6765 });
    expect(runModule({ image: hidden, module: "FIBONA~1.BC" })).toMatchObject({ value: 6765 });
  });
});
