/**
 * Errors in the middle of a transaction: disk full (f_write's short count), root directory
 * full, a name that exists. Each is one exact line, and the image's bytes are unchanged (the
 * transaction's writes were only ever in memory), with no journal left behind.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { describePeers } from "../helpers/peers.js";
import { expectFsckClean, realBitcode, fileHash, mkimg, mkimgOk, mtoolsTree, tempDir } from "./support.js";

let work = "";

function makeInputs(prefix: string, count: number, size: number): string[] {
  const names: string[] = [];
  for (let index = 0; index < count; index++) {
    const name = `${prefix}${index}.bc`;
    fs.writeFileSync(path.join(work, name), realBitcode(size, index));
    names.push(name);
  }
  return names;
}

function expectRefusedUnchanged(image: string, args: string[], stderr: string): void {
  const before = fileHash(path.join(work, image));
  expect(mkimg(work, args)).toEqual({ status: 2, signal: null, stdout: "", stderr });
  expect(fileHash(path.join(work, image))).toBe(before);
  expect(fs.existsSync(path.join(work, `${image}.journal`))).toBe(false);
  expectFsckClean(path.join(work, image));
}

beforeAll(() => {
  work = tempDir("failures");
});

describePeers(["fsck.fat", "mdir"], "errors mid-transaction leave the image unchanged", () => {
  it("disk full: eight 1 MiB modules do not fit an 8 MiB image", () => {
    mkimgOk(work, ["new", "small.img", "--size", "8M"]);
    // 8143 clusters of 1 KiB; each 1048704-byte module takes 1025: after seven, 968 are left.
    const inputs = makeInputs("F", 8, 1024 * 1024);
    expectRefusedUnchanged(
      "small.img",
      ["add", "--image", "small.img", ...inputs],
      "mkimg: small.img: /F7.BC: disk full: needs 1048704 bytes, only 991232 fit\n",
    );
    expect(mtoolsTree(path.join(work, "small.img"))).toEqual([]);
    mkimgOk(work, ["add", "--image", "small.img", ...inputs.slice(0, 7)]);
    expect(mtoolsTree(path.join(work, "small.img"))).toHaveLength(7);
    expectFsckClean(path.join(work, "small.img"));
  });

  it("root directory full: 511 files and the label fill the 512 entries", () => {
    mkimgOk(work, ["new", "root.img"]);
    const inputs = makeInputs("R", 512, 64);
    expectRefusedUnchanged(
      "root.img",
      ["add", "--image", "root.img", ...inputs],
      "mkimg: root.img: /R511.BC: cannot create: root directory is full\n",
    );
    mkimgOk(work, ["add", "--image", "root.img", ...inputs.slice(0, 511)]);
    expect(mtoolsTree(path.join(work, "root.img"))).toHaveLength(511);
    expectRefusedUnchanged(
      "root.img",
      ["mkdir", "root.img", "SUB"],
      "mkimg: root.img: /SUB: cannot create: root directory is full or disk full\n",
    );
    expectRefusedUnchanged(
      "root.img",
      ["add", "--image", "root.img", inputs[511]!],
      "mkimg: root.img: /R511.BC: cannot create: root directory is full\n",
    );
  });

  it("a name that exists, found after other files were already written in the transaction", () => {
    mkimgOk(work, ["new", "exists.img"]);
    const inputs = makeInputs("E", 5, 3000);
    mkimgOk(work, ["add", "--image", "exists.img", inputs[4]!]);
    expectRefusedUnchanged(
      "exists.img",
      ["add", "--image", "exists.img", ...inputs],
      "mkimg: exists.img: /E4.BC already exists (from E4.bc); use --replace to overwrite it\n",
    );
    expect(mtoolsTree(path.join(work, "exists.img"))).toEqual(["/E4.BC"]);
  });
});
