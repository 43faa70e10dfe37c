/**
 * A 2 GiB sparse image: transactions journal only the sectors they write, so the image is
 * never copied and stays sparse (allocated blocks grow by about what was written).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { expect, it } from "vitest";
import { describePeers } from "../helpers/peers.js";
import { REAL_BITCODE_ENTRY, expectImageHolds, realBitcode, mkimgOk, tempDir } from "./support.js";
import { wrapModule } from "../../src/module/index.js";

describePeers(["fsck.fat", "mcopy", "mdir"], "2 GiB sparse image", () => {
  it("adds, moves and removes without copying the image", () => {
    const work = tempDir("large");
    mkimgOk(work, ["new", "big.img", "--size", "2G"]);
    const image = path.join(work, "big.img");
    const allocated = (): number => fs.statSync(image).blocks * 512;
    const before = allocated();
    const bitcode = realBitcode(1024 * 1024, 5);
    fs.writeFileSync(path.join(work, "huge.bc"), bitcode);
    fs.writeFileSync(path.join(work, "tiny.bc"), realBitcode(100, 6));
    mkimgOk(work, ["add", "--image", "big.img", "huge.bc", "tiny.bc"]);
    mkimgOk(work, ["mkdir", "big.img", "SUB"]);
    mkimgOk(work, ["mv", "big.img", "TINY.BC", "SUB"]);
    expect(fs.statSync(image).size).toBe(2 * 1024 ** 3);
    expect(allocated() - before).toBeLessThan(1.5 * 1024 * 1024);
    expectImageHolds(
      image,
      {
        "/HUGE.BC": wrapModule(bitcode, { name: "huge", entry: REAL_BITCODE_ENTRY }, "huge.bc"),
        "/SUB/TINY.BC": wrapModule(realBitcode(100, 6), { name: "tiny", entry: REAL_BITCODE_ENTRY }, "tiny.bc"),
      },
      ["/SUB"],
    );
  });
});
