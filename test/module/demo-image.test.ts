/**
 * scripts/demo-image.mjs (run by `npm install`): the image it builds is deterministic under
 * SOURCE_DATE_EPOCH, clean for fsck.fat, lists every sample module under its 8.3 name in mtools,
 * and holds for each exactly the wrapped -O2 bitcode. Uses dist/ (built by `npm test`).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect } from "vitest";
import { wrapModule } from "../../src/module/index.js";
import { describePeers, itPeers } from "../helpers/peers.js";

const root = new URL("../../", import.meta.url).pathname;
const names = readdirSync(join(root, "modules/bc")).filter((file) => file.endsWith(".O2.bc")).map((file) => file.split(".")[0]).sort();
let work = "";

function build(output: string, epoch: string): Buffer {
  execFileSync("node", [join(root, "scripts/demo-image.mjs"), "--output", output], {
    env: { ...process.env, SOURCE_DATE_EPOCH: epoch },
    stdio: "pipe",
  });
  return readFileSync(output);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mkimg-demo-test-"));
});

describePeers(["fsck.fat", "mdir", "mcopy"], "demo image", () => {
  itPeers(["fsck.fat", "mdir", "mcopy"], "is deterministic, fsck-clean, and holds every module as wrapped -O2 bitcode", () => {
    const first = build(join(work, "a.img"), "1735689600");
    expect(build(join(work, "b.img"), "1735689600").equals(first)).toBe(true);
    expect(build(join(work, "c.img"), "1735689601").equals(first)).toBe(false);

    execFileSync("fsck.fat", ["-n", join(work, "a.img")], { stdio: "pipe" });
    const listing = execFileSync("mdir", ["-b", "-i", join(work, "a.img"), "::/"], { encoding: "utf8" });
    expect(listing.trim().split("\n").sort()).toEqual(names.map((name) => `::/${name.toUpperCase()}.BC`));
    for (const name of names) {
      const stored = execFileSync("mcopy", ["-n", "-i", join(work, "a.img"), `::/${name.toUpperCase()}.BC`, "-"]);
      const bitcode = new Uint8Array(readFileSync(join(root, "modules/bc", `${name}.O2.bc`)));
      expect(new Uint8Array(stored), name).toEqual(wrapModule(bitcode, { name, entry: name, optLevel: 2 }, name));
    }
  });
});
