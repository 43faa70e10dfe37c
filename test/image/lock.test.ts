/**
 * Two writers, one image (issue 12): the lock of src/disk/lock.ts through bin/mkimg.
 *
 * A holder in this process (the test's own pid) makes a second writer give up after --wait with
 * the one-line message naming it; readers share; stale locks (a dead pid, this pid reused, a dead
 * reader, a process killed in the middle of a locked write) are taken over. Then 20 rounds of two
 * concurrent adds and an ls, and a round with a SIGKILL in the middle of a locked write: every
 * add that reported success is on the image, as fsck.fat -n and mtools see it, and no lock file
 * is left. No test depends on how long anything takes: waits are either 0.5 s against a holder
 * that never lets go, or long enough never to run out.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { hostname } from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { lockImage } from "../../src/disk/lock.js";
import { InputError } from "../../src/errors.js";
import { wrapModule } from "../../src/module/index.js";
import { describePeers } from "../helpers/peers.js";
import { MKIMG, REAL_BITCODE_ENTRY, expectImageHolds, realBitcode, fileHash, mkimg, mkimgOk, tempDir } from "./support.js";

let work = "";
/** Wrapped modules by file name ("a0.mod"): stored on the image byte for byte. */
const modules = new Map<string, Uint8Array>();
const ROUNDS = 20;
const LONG_WAIT = "600";

function moduleFile(name: string): string {
  if (!modules.has(name)) {
    const bitcode = realBitcode(700 + modules.size * 331, modules.size + 1);
    const bytes = wrapModule(bitcode, { name: name.replace(/\..*/, ""), entry: REAL_BITCODE_ENTRY }, name);
    fs.writeFileSync(path.join(work, name), bytes);
    modules.set(name, bytes);
  }
  return name;
}

/** The image's path on the disk for module file `name`: "a0.mod" -> "/A0.BC". */
function diskPath(name: string): string {
  return `/${name.replace(/\..*/, "").toUpperCase()}.BC`;
}

function freshImage(name: string): string {
  mkimgOk(work, ["new", name]);
  return path.join(work, name);
}

/** Lock files left beside the images. */
function lockFiles(): string[] {
  return fs.readdirSync(work).filter((name) => name.includes(".lock"));
}

/** A pid that no process has any more. */
function deadPid(): number {
  const exited = spawnSync("true");
  return exited.pid!;
}

function writeLock(file: string, pid: number, mode: "exclusive" | "shared", token: string): void {
  const record = { pid, command: "mkimg add", mode, started: new Date().toISOString(), host: hostname(), token };
  fs.writeFileSync(file, JSON.stringify(record));
}

interface Outcome {
  args: string[];
  pid: number;
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

type Watcher = (stderr: string, kill: (signal: NodeJS.Signals) => void) => void;

/** Starts bin/mkimg in `work` (or its subfolder `folder`); resolves when it has ended. `onStderr` sees stderr as it comes. */
function start(args: string[], env: Record<string, string> = {}, onStderr?: Watcher, folder = "."): Promise<Outcome> {
  const cwd = path.join(work, folder);
  fs.mkdirSync(cwd, { recursive: true });
  return new Promise((resolve) => {
    const child = spawn(MKIMG, args, { cwd, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      onStderr?.(stderr, (signal) => child.kill(signal));
    });
    child.on("close", (status, signal) => resolve({ args, pid: child.pid!, status, signal, stdout, stderr }));
  });
}

const HOLDER = (pid: number, command: string, doing: "writing" | "reading", wait: string): RegExp =>
  new RegExp(
    `^mkimg: [^ ]+: locked by pid ${pid} \\(${command}, ${doing} since \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\\); ` +
      `gave up after ${wait.replace(".", "\\.")} s \\(--wait SECONDS waits longer\\)\\n$`,
  );

beforeAll(() => {
  work = tempDir("lock");
});

describe("the image lock in one process", () => {
  it("a second exclusive lock waits for the first, then fails naming this pid; shared locks coexist", () => {
    const image = path.join(work, "inproc.img");
    const first = lockImage(image, "exclusive", { command: "mkimg first" });
    expect(() => lockImage(image, "exclusive", { waitSeconds: 0.5 })).toThrow(InputError);
    const holder = `locked by pid ${process.pid} (mkimg first, writing since`;
    expect(() => lockImage(image, "shared", { waitSeconds: 0 })).toThrow(holder);
    first.release();
    const readers = [lockImage(image, "shared"), lockImage(image, "shared")];
    expect(() => lockImage(image, "exclusive", { waitSeconds: 0 })).toThrow(`locked by pid ${process.pid} (mkimg, reading since`);
    for (const reader of readers) reader.release();
    lockImage(image, "exclusive", { waitSeconds: 0 }).release();
    expect(lockFiles()).toEqual([]);
  });

  it("takes over a lock of this pid that this process does not hold (a pid reused after a restart)", () => {
    const image = path.join(work, "reused.img");
    writeLock(`${image}.lock`, process.pid, "exclusive", "from-before-the-restart");
    const lock = lockImage(image, "exclusive", { waitSeconds: 0 });
    expect(JSON.parse(fs.readFileSync(`${image}.lock`, "utf8")).token).not.toBe("from-before-the-restart");
    lock.release();
    expect(lockFiles()).toEqual([]);
  });
});

describePeers(["fsck.fat", "mcopy", "mdir"], "two writers, one image", () => {
  it("a second writer with --wait 0.5 fails with one line naming the holder, and writes nothing", () => {
    const image = freshImage("held.img");
    const holder = lockImage(image, "exclusive", { command: "mkimg holder" });
    const before = fileHash(image);
    const refused = mkimg(work, ["add", "--image", "held.img", "--wait", "0.5", moduleFile("h0.mod")]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(HOLDER(process.pid, "mkimg holder", "writing", "0.5"));
    expect(refused.stderr.startsWith("mkimg: held.img: locked by pid")).toBe(true);
    expect(fileHash(image)).toBe(before);
    holder.release();
    mkimgOk(work, ["add", "--image", "held.img", "--wait", "0", "h0.mod"]);
    expectImageHolds(image, { [diskPath("h0.mod")]: modules.get("h0.mod")! });
    expect(lockFiles()).toEqual([]);
  });

  it("readers share the image; a writer waits for them, and they for a writer", () => {
    const image = freshImage("shared.img");
    const reader = lockImage(image, "shared", { command: "mkimg reader" });
    expect(mkimg(work, ["ls", "--wait", "0", "shared.img"]).status).toBe(0);
    expect(mkimg(work, ["check", "--wait", "0", "shared.img"]).status).toBe(0);
    const writer = mkimg(work, ["rm", "--wait", "0.5", "shared.img", "/NONE.BC"]);
    expect(writer.stderr).toMatch(HOLDER(process.pid, "mkimg reader", "reading", "0.5"));
    reader.release();
    const holder = lockImage(image, "exclusive", { command: "mkimg writer" });
    for (const args of [["ls", "shared.img"], ["cat", "shared.img", "/X"], ["check", "shared.img"], ["run", "shared.img", "x"]]) {
      const waited = mkimg(work, [...args, "--wait", "0.5"]);
      expect({ args, status: waited.status }).toEqual({ args, status: 2 });
      expect(waited.stderr).toMatch(HOLDER(process.pid, "mkimg writer", "writing", "0.5"));
    }
    holder.release();
    expect(lockFiles()).toEqual([]);
  });

  it("takes over stale locks: a writer's and a reader's whose pids are gone", () => {
    const image = freshImage("stale.img");
    writeLock(`${image}.lock`, deadPid(), "exclusive", "dead-writer");
    writeLock(`${image}.lock.read-dead-reader`, deadPid(), "shared", "dead-reader");
    mkimgOk(work, ["add", "--image", "stale.img", "--wait", "0", moduleFile("s0.mod")]);
    expect(lockFiles()).toEqual([]);
    const sleeper = spawn("sleep", ["600"]);
    writeLock(`${image}.lock.read-live-reader`, sleeper.pid!, "shared", "live-reader");
    const refused = mkimg(work, ["add", "--image", "stale.img", "--wait", "0.5", moduleFile("s1.mod")]);
    sleeper.kill("SIGKILL");
    expect(refused.stderr).toMatch(HOLDER(sleeper.pid!, "mkimg add", "reading", "0.5"));
    fs.rmSync(`${image}.lock.read-live-reader`);
    expectImageHolds(image, { [diskPath("s0.mod")]: modules.get("s0.mod")! });
  });

  it("SIGKILL in the middle of a locked write: the next writer takes the lock over and recovers first", () => {
    const image = freshImage("killed.img");
    const killed = spawnSync(MKIMG, ["add", "--image", "killed.img", moduleFile("k0.mod")], {
      cwd: work,
      env: { ...process.env, MKIMG_CRASH_AT: "apply:1" },
    });
    expect(killed.signal).toBe("SIGKILL");
    expect(JSON.parse(fs.readFileSync(`${image}.lock`, "utf8"))).toMatchObject({ pid: killed.pid, mode: "exclusive" });
    expect(fs.existsSync(`${image}.journal`)).toBe(true);
    mkimgOk(work, ["add", "--image", "killed.img", "--wait", "0", moduleFile("k1.mod")]);
    expect(lockFiles()).toEqual([]);
    expect(fs.existsSync(`${image}.journal`)).toBe(false);
    // The killed add's journal was complete, so recovery finished it: both modules are there.
    expectImageHolds(image, { [diskPath("k0.mod")]: modules.get("k0.mod")!, [diskPath("k1.mod")]: modules.get("k1.mod")! });
  });

  it("SIGTERM while a commit holds the lock: the commit finishes, the lock file goes, then the process ends", async () => {
    const image = freshImage("term.img");
    const names = Array.from({ length: 60 }, (_, index) => moduleFile(`t${index}.mod`));
    let sent = false;
    const outcome = await start(["add", "--image", "term.img", ...names], { MKIMG_COMMIT_STATS: "1" }, (text, kill) => {
      if (sent || !text.includes("commit:")) return;
      sent = true;
      kill("SIGTERM"); // the commit has begun: signals are held until it has ended and the lock is gone
    });
    expect(sent).toBe(true);
    expect(outcome.signal === "SIGTERM" || outcome.status === 0, outcome.stderr).toBe(true);
    expect(lockFiles()).toEqual([]);
    expect(fs.existsSync(`${image}.journal`)).toBe(false);
    expectImageHolds(image, Object.fromEntries(names.map((name) => [diskPath(name), modules.get(name)!])));
  });

  it("two concurrent adds to images/disk.img, which does not exist yet: one makes it, both modules are on it", async () => {
    const add = (name: string): Promise<Outcome> =>
      start(["add", "--wait", LONG_WAIT, path.join("..", moduleFile(name))], {}, undefined, "fresh");
    const outcomes = await Promise.all([add("d0.mod"), add("d1.mod")]);
    expect(outcomes.map((outcome) => [outcome.status, outcome.stderr])).toEqual([[0, ""], [0, ""]]);
    const image = path.join(work, "fresh/images/disk.img");
    expectImageHolds(image, { [diskPath("d0.mod")]: modules.get("d0.mod")!, [diskPath("d1.mod")]: modules.get("d1.mod")! });
    expect(fs.readdirSync(path.dirname(image))).toEqual(["disk.img"]);
  });

  it(`${ROUNDS} rounds of two concurrent adds and an ls, then a SIGKILL in the middle of a locked write`, async () => {
    const image = freshImage("busy.img");
    const added = new Map<string, Uint8Array>();
    for (let round = 0; round < ROUNDS; round++) {
      const [first, second, listing] = await Promise.all([
        start(["add", "--image", "busy.img", "--wait", LONG_WAIT, moduleFile(`a${round}.mod`)]),
        start(["add", "--image", "busy.img", "--wait", LONG_WAIT, moduleFile(`b${round}.mod`)]),
        start(["ls", "--wait", LONG_WAIT, "busy.img"]),
      ]);
      for (const add of [first, second]) {
        expect({ round, status: add.status, stderr: add.stderr }).toEqual({ round, status: 0, stderr: "" });
        const name = add.args.at(-1)!;
        added.set(diskPath(name), modules.get(name)!);
      }
      // ls saw a whole image: every earlier round's modules, and nothing that was never added.
      expect(listing.status, listing.stderr).toBe(0);
      const lines = listing.stdout.split("\n").filter((line) => line !== "");
      const listed = lines.map((line) => `/${line.trim().split(/\s+/).at(-1)}`);
      const earlier = [...added.keys()].filter((file) => !/[AB]\d+\.BC$/.test(file) || Number(/\d+/.exec(file)![0]) < round);
      expect(listed.filter((file) => !added.has(file))).toEqual([]);
      expect(earlier.filter((file) => !listed.includes(file))).toEqual([]);
    }
    expect(added.size).toBe(2 * ROUNDS);
    const outcomes = await Promise.all([
      start(["add", "--image", "busy.img", "--wait", LONG_WAIT, moduleFile("kill.mod")], { MKIMG_CRASH_AT: "apply:1" }),
      start(["add", "--image", "busy.img", "--wait", LONG_WAIT, moduleFile("after.mod")]),
      start(["ls", "--wait", LONG_WAIT, "busy.img"]),
    ]);
    expect(outcomes.map((outcome) => outcome.signal ?? outcome.status)).toEqual(["SIGKILL", 0, 0]);
    added.set(diskPath("after.mod"), modules.get("after.mod")!);
    // The killed add may have died after the others ended: a reader takes its lock over and recovers.
    expect(mkimg(work, ["ls", "--wait", "0", "busy.img"]).status).toBe(0);
    expect(lockFiles()).toEqual([]);
    added.set(diskPath("kill.mod"), modules.get("kill.mod")!); // its journal was complete: recovery finished it
    expectImageHolds(image, Object.fromEntries(added));
  });
});
