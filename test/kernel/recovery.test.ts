/**
 * Readers that open an image their own way (mkimg run, mkimg disasm, IMG:PATH inputs) first
 * finish an interrupted transaction, like every image command: an `add` killed after its
 * journal was made durable (MKIMG_CRASH_AT=synced:0, docs/JOURNAL.md) is replayed, so the new
 * module is there and the image passes fsck.fat.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { describePeers, itPeers } from "../helpers/peers.js";

const root = join(import.meta.dirname, "../..");
const mkimg = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(join(root, "bin/mkimg"), args, { encoding: "utf8", env: { ...process.env, ...env } });

function crashedAdd(): string {
  const work = mkdtempSync(join(tmpdir(), "mkimg-recovery-"));
  const image = join(work, "k.img");
  expect(mkimg(["new", image]).status).toBe(0);
  copyFileSync(join(root, "modules/bc/fib.O2.bc"), join(work, "fib.bc"));
  const killed = mkimg(["add", join(work, "fib.bc"), "--image", image], { MKIMG_CRASH_AT: "synced:0" });
  expect(killed.signal).toBe("SIGKILL");
  expect(existsSync(`${image}.journal`)).toBe(true);
  return image;
}

describePeers(["fsck.fat"], "recovery before reading", () => {
  itPeers(["fsck.fat"], "mkimg run replays the journal of a killed add", () => {
    const image = crashedAdd();
    const run = mkimg(["run", image, "fib"]);
    expect([run.status, run.stdout]).toEqual([0, "fib returned 6765\n"]);
    expect(existsSync(`${image}.journal`)).toBe(false);
    execFileSync("fsck.fat", ["-n", image]);
  });

  itPeers(["fsck.fat"], "mkimg ir IMG:PATH replays it too", () => {
    const image = crashedAdd();
    const ir = mkimg(["ir", `${image}:FIB.BC`, "--function", "fib"]);
    expect(ir.status).toBe(0);
    expect(ir.stdout).toMatch(/^define dso_local i32 @fib\(\)/);
    expect(existsSync(`${image}.journal`)).toBe(false);
  });
});
