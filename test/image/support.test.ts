/**
 * The image tests' inputs are real: realBitcode() makes bitcode that llvm-dis (LLVM's own
 * reader) reads, of exactly the size asked for, different for each seed.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { expect, it } from "vitest";
import { describePeers } from "../helpers/peers.js";
import { realBitcode, sha256, tempDir } from "./support.js";

describePeers(["llvm-dis-14"], "realBitcode", () => {
  it("is bitcode llvm-dis reads, of exactly the size asked for, distinct per seed", () => {
    const work = tempDir("support");
    const sizes = [160, 3001, 100_000, 1 << 20];
    for (const [index, size] of sizes.entries()) {
      const bytes = realBitcode(size, index);
      expect(bytes.length).toBe(size - (size % 4));
      const file = path.join(work, `m${index}.bc`);
      fs.writeFileSync(file, bytes);
      const result = spawnSync("llvm-dis-14", [file, "-o", "-"], { encoding: "utf8", maxBuffer: 1 << 26 });
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
      expect(result.stdout).toMatch(/^define dso_local i32 @f\(i32 %0\) \{$/m);
    }
    expect(new Set([1, 2, 3].map((seed) => sha256(realBitcode(64, seed)))).size).toBe(3);
  });
});
