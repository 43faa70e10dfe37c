/**
 * Reproducible images: with SOURCE_DATE_EPOCH set, the same commands on the same inputs give a
 * byte-identical image whatever the wall clock or time zone (file times and the volume id come
 * from the epoch); another epoch gives another image.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { expect, it } from "vitest";
import { describePeers } from "../helpers/peers.js";
import { REAL_BITCODE, expectFsckClean, realBitcode, fileHash, mkimgOk, tempDir } from "./support.js";

function build(epoch: string, zone: string): string {
  const work = tempDir("repro");
  fs.copyFileSync(REAL_BITCODE, path.join(work, "answer.bc"));
  for (let index = 0; index < 20; index++) fs.writeFileSync(path.join(work, `m${index}.bc`), realBitcode(1000 + index * 700, index));
  const env = { SOURCE_DATE_EPOCH: epoch, TZ: zone };
  const inputs = fs.readdirSync(work).filter((name) => name.endsWith(".bc")).sort();
  mkimgOk(work, ["add", ...inputs], env);
  mkimgOk(work, ["mkdir", "images/disk.img", "LIB"], env);
  mkimgOk(work, ["mv", "images/disk.img", "M3.BC", "LIB"], env);
  mkimgOk(work, ["rm", "images/disk.img", "M7.BC"], env);
  mkimgOk(work, ["add", "--image", "images/disk.img", "--replace", "m4.bc", "--version", "3"], env);
  return path.join(work, "images/disk.img");
}

describePeers(["fsck.fat"], "SOURCE_DATE_EPOCH", () => {
  it("gives byte-identical images across runs and time zones, and differs with the epoch", async () => {
    const first = build("1700000000", "UTC");
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const second = build("1700000000", "America/New_York");
    const other = build("1600000000", "UTC");
    expectFsckClean(first);
    expect(fileHash(second)).toBe(fileHash(first));
    expect(fileHash(other)).not.toBe(fileHash(first));
    // volume id = the epoch's low 32 bits (1700000000 = 0x6553f100), at offset 0x27
    expect(fs.readFileSync(first).readUInt32LE(0x27)).toBe(1700000000);
    expect(mkimgOk(path.dirname(first), ["ls", "disk.img", "LIB"])).toBe("      3228  2023-11-14 22:13:20  M3.BC\n");
  });
});
