/**
 * The library entry (src/index.ts, the package's "main"): the whole pipeline through the public
 * API only: format an image, add a raw module, list it, run it. The expected values come from
 * the C sources' semantics (fib(20) = 6765, 1 + ... + 100 = 5050), which the native tests
 * (test/kernel/modules.test.ts) also check against llc + gcc -m32 builds.
 */
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as mkimg from "../src/index.js";

describe("library entry", () => {
  it("formats, adds, lists and runs modules", async () => {
    const work = mkdtempSync(join(tmpdir(), "mkimg-library-"));
    const image = join(work, "disk.img");
    mkimg.formatImage(image, { sizeBytes: 16 << 20, label: "LIBRARY" });
    copyFileSync(join(import.meta.dirname, "../modules/bc/fib.O1.bc"), join(work, "fib.bc"));
    copyFileSync(join(import.meta.dirname, "../modules/bc/sum.O0.bc"), join(work, "sum.bc"));
    await mkimg.addModules([join(work, "fib.bc"), join(work, "sum.bc")], { image });
    const listed = await mkimg.listImage(image, "/", {});
    expect(listed.map((entry) => entry.name)).toEqual(["FIB.BC", "SUM.BC"]);
    expect(mkimg.runModule({ image, module: "fib" }).value).toBe(6765);
    expect(mkimg.runModule({ image, module: "SUM.BC" }).value).toBe(5050);
  });

  it("refuses bad input with the one error type", () => {
    expect(() => mkimg.readBitcode(new Uint8Array([1, 2, 3, 4]), { file: "x.bc" })).toThrow(mkimg.InputError);
  });
});
