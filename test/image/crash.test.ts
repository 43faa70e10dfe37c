/**
 * The kill test: `mkimg add` of 240 modules (some spanning many clusters, some replacing
 * existing files) is killed with SIGKILL at many points -- at exact sector counts inside
 * each commit phase through the MKIMG_CRASH_AT hook (direct data writes, journal write, after
 * its fsync, image apply, after the image fsync, and during a recovery replay; the phase sizes
 * come from MKIMG_COMMIT_STATS), and after random delays over the
 * whole run. After each kill a read command recovers the image; fsck.fat -n must be silent and
 * mtools must see exactly the old content or exactly the new one, never a mix.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { describePeers } from "../helpers/peers.js";
import { MKIMG, expectFsckClean, realBitcode, mkimg, mkimgOk, sha256, tempDir } from "./support.js";

type Content = Map<string, string>;

let work = "";
let inputs: string[] = [];
let oldContent: Content;
let newContent: Content;
let directSectors = 0;
let journaledSectors = 0;
let journalFileSectors = 0;
let runMilliseconds = 0;
const EXISTING = 40;
const ADDED = 240;

/** Everything mtools sees: path -> sha256 (directories map to "dir"). */
function contentOf(image: string): Content {
  const out = fs.mkdtempSync(path.join(work, "read-"));
  const result = spawnSync("mcopy", ["-s", "-n", "-o", "-i", image, "::/", out], {
    env: { ...process.env, MTOOLS_SKIP_CHECK: "1" },
  });
  if (result.status !== 0) throw new Error(`mcopy -s: ${result.stderr}`);
  const content: Content = new Map();
  const walk = (folder: string, prefix: string): void => {
    for (const name of fs.readdirSync(folder)) {
      const full = path.join(folder, name);
      if (fs.statSync(full).isDirectory()) {
        content.set(`${prefix}/${name}`, "dir");
        walk(full, `${prefix}/${name}`);
      } else {
        content.set(`${prefix}/${name}`, sha256(fs.readFileSync(full)));
      }
    }
  };
  walk(out, "");
  fs.rmSync(out, { recursive: true });
  return content;
}

function sameContent(a: Content, b: Content): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}

function freshCopy(name: string): string {
  const image = path.join(work, name);
  fs.copyFileSync(path.join(work, "base.img"), image);
  return image;
}

function addArgs(image: string): string[] {
  return ["add", "--image", image, "--replace", ...inputs];
}

/** After a kill: recover with a read command, then the image must be all old or all new. */
function expectOldOrNew(image: string, label: string): "old" | "new" {
  const listed = mkimg(work, ["ls", image]);
  expect(listed.status, `${label}: ${listed.stderr}`).toBe(0);
  expect(fs.existsSync(`${image}.journal`), label).toBe(false);
  expectFsckClean(image);
  const content = contentOf(image);
  if (sameContent(content, oldContent)) return "old";
  expect(sameContent(content, newContent), `${label}: neither the old nor the new content`).toBe(true);
  return "new";
}

/** Runs the add with a crash point; returns "" when it was killed, else what happened. */
function crashAt(image: string, point: string): string {
  const result = mkimg(work, addArgs(image), { MKIMG_CRASH_AT: point });
  return result.signal === "SIGKILL" ? "" : `exit ${result.status}: ${result.stderr}`;
}

beforeAll(() => {
  work = tempDir("crash");
  mkimgOk(work, ["new", "base.img"]);
  const existing: string[] = [];
  for (let index = 0; index < EXISTING; index++) {
    const name = `m${index}.bc`;
    fs.writeFileSync(path.join(work, name), realBitcode(500 + index * 97, 1000 + index));
    existing.push(name);
  }
  mkimgOk(work, ["add", "--image", "base.img", ...existing]);
  mkimgOk(work, ["mkdir", "base.img", "KEEP"]);
  // The transaction: 240 modules; m0..m19 replace existing files; every 10th spans 30+ clusters.
  for (let index = 0; index < ADDED; index++) {
    const name = `m${index}.bc`;
    const size = index % 10 === 0 ? 60_000 + index * 100 : 200 + ((index * 7919) % 6000);
    fs.writeFileSync(path.join(work, name), realBitcode(size, index));
    inputs.push(name);
  }
  oldContent = contentOf(path.join(work, "base.img"));
  const reference = freshCopy("reference.img");
  const started = Date.now();
  const stats = mkimg(work, addArgs(reference), { MKIMG_COMMIT_STATS: "1" });
  runMilliseconds = Date.now() - started;
  const counts = /^commit: (\d+) direct sectors, (\d+) journaled sectors\n$/.exec(stats.stderr);
  expect(counts, stats.stderr).not.toBeNull();
  directSectors = Number(counts![1]);
  journaledSectors = Number(counts![2]);
  newContent = contentOf(reference);
  // Leave the journal of a complete commit behind to learn its size in sectors.
  const measured = freshCopy("measured.img");
  expect(crashAt(measured, "applied:0")).toBe("");
  journalFileSectors = Math.ceil(fs.statSync(`${measured}.journal`).size / 512);
}, 120_000);

describePeers(["fsck.fat", "mcopy"], "SIGKILL during a large transaction", () => {
  it("has a transaction large enough to be interesting", () => {
    expect(oldContent.size).toBe(EXISTING + 1);
    expect(newContent.size).toBe(ADDED + 1);
    expect(directSectors).toBeGreaterThan(2000);
    expect(journaledSectors).toBeGreaterThan(20);
    expect(journalFileSectors).toBeGreaterThan(journaledSectors);
  });

  it("leaves old or new content when killed at exact points of every commit phase", () => {
    const fractions = [0, 0.001, 0.01, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.99];
    const at = (phase: string, total: number): string[] => [
      ...new Set([...fractions.map((fraction) => Math.floor(fraction * total)), total - 1]),
    ].map((sectors) => `${phase}:${sectors}`);
    const points = [
      ...at("data", directSectors),
      "data:" + directSectors,
      ...at("journal", journalFileSectors),
      "synced:0",
      ...at("apply", journaledSectors),
      "applied:0",
    ];
    const outcomes: string[] = [];
    for (const [index, point] of points.entries()) {
      const image = freshCopy(`point-${index}.img`);
      expect(crashAt(image, point), point).toBe("");
      outcomes.push(`${point}=${expectOldOrNew(image, point)}`);
      fs.rmSync(image);
    }
    // Until the journal is durable the old content survives; from then on recovery gives the new.
    const expected = points.map((point) => `${point}=${/^(data|journal):/.test(point) ? "old" : "new"}`);
    expect(outcomes).toEqual(expected);
  });

  it("finishes the commit when recovery itself is killed part-way", () => {
    const image = freshCopy("replay.img");
    expect(crashAt(image, `apply:${Math.floor(journaledSectors / 2)}`)).toBe("");
    for (const point of ["replay:0", `replay:${Math.floor(journaledSectors / 3)}`, `replay:${journaledSectors - 1}`]) {
      const killed = mkimg(work, ["ls", image], { MKIMG_CRASH_AT: point });
      expect(killed.signal, point).toBe("SIGKILL");
      expect(fs.existsSync(`${image}.journal`), point).toBe(true);
    }
    expect(expectOldOrNew(image, "after killed replays")).toBe("new");
  });

  it("leaves old or new content when killed after random delays", async () => {
    const outcomes = { old: 0, new: 0 };
    for (let index = 0; index < 14; index++) {
      const image = freshCopy(`random-${index}.img`);
      const delay = Math.round(((index + 0.5) / 14) * runMilliseconds * 1.1);
      const child = spawn(MKIMG, addArgs(image), { cwd: work, stdio: "ignore" });
      const timer = setTimeout(() => child.kill("SIGKILL"), delay);
      await new Promise((resolve) => child.on("exit", resolve));
      clearTimeout(timer);
      outcomes[expectOldOrNew(image, `random kill after ${delay} ms`)]++;
      fs.rmSync(image);
    }
    expect(outcomes.old + outcomes.new).toBe(14);
  });

  it("leaves old or new content on SIGTERM and SIGINT, without needing recovery", async () => {
    for (const [index, signal] of (["SIGTERM", "SIGINT", "SIGTERM", "SIGINT"] as const).entries()) {
      const image = freshCopy(`signal-${index}.img`);
      const child = spawn(MKIMG, addArgs(image), { cwd: work, stdio: "ignore" });
      const delay = Math.round(((index + 1) / 5) * runMilliseconds);
      const timer = setTimeout(() => child.kill(signal), delay);
      const exit = await new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, got) => resolve(got)));
      clearTimeout(timer);
      expect(fs.existsSync(`${image}.journal`), `${signal} after ${delay} ms (${exit})`).toBe(false);
      expectFsckClean(image);
      const content = contentOf(image);
      expect(sameContent(content, oldContent) || sameContent(content, newContent), `${signal} after ${delay} ms`).toBe(true);
      fs.rmSync(image);
    }
  });
});
