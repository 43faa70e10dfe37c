/**
 * Images we did not write: made by mkfs.fat and mcopy (long names, lowercase names, nested
 * subdirectories, a multi-cluster file), a partitioned image (mkfs.fat --offset behind an MBR),
 * and foreign or broken inputs. ls, cat and extract must agree with what mtools put there.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { describePeers } from "../helpers/peers.js";
import { MKIMG, realBitcode, mcopyIn, mkfs, mkimg, mkimgOk, mmd, sha256, tempDir } from "./support.js";

let work = "";
const image = "foreign.img";
const contents: Record<string, Buffer> = {
  "/hello.txt": Buffer.from("hello\n"),
  "/multi.bin": Buffer.from(realBitcode(300_000, 7)),
  "/A Long File Name.txt": Buffer.from("long\n"),
  "/subdir/deeper/lower.c": Buffer.from("int x;\n"),
  "/subdir/README": Buffer.from("readme\n"),
  "/ÉTÉ.TXT": Buffer.from("code page 437\n"),
};

beforeAll(() => {
  work = tempDir("foreign");
  const source = path.join(work, "src");
  fs.mkdirSync(source);
  mkfs(path.join(work, image), 16384);
  mmd(path.join(work, image), "subdir");
  mmd(path.join(work, image), "subdir/deeper");
  for (const [file, bytes] of Object.entries(contents)) {
    const local = path.join(source, path.basename(file));
    fs.writeFileSync(local, bytes);
    mcopyIn(path.join(work, image), local, file);
  }
});

function mdirTimes(directory: string): Map<string, string> {
  const listing = spawnSync("mdir", ["-i", path.join(work, image), `::${directory}`], {
    encoding: "utf8",
    env: { ...process.env, MTOOLS_SKIP_CHECK: "1" },
  }).stdout;
  const times = new Map<string, string>();
  for (const match of listing.matchAll(/^(\S+)\s+(\S*)\s+(?:<DIR>|\d+)\s+(\d{4}-\d\d-\d\d)\s+(\d\d:\d\d)/gm)) {
    times.set(`${match[1]}${match[2] ? `.${match[2]}` : ""}`.toUpperCase(), `${match[3]} ${match[4]}`);
  }
  return times;
}

describePeers(["mkfs.fat", "mcopy", "mdir", "mmd"], "images made by mkfs.fat and mcopy", () => {
  it("ls -R --json shows every name, 8.3 alias and size", () => {
    const listed = JSON.parse(mkimgOk(work, ["ls", "-R", "--json", image])) as {
      path: string;
      shortName: string;
      size: number;
      directory: boolean;
    }[];
    expect(listed.map(({ path: entryPath, shortName, size, directory }) => [entryPath, shortName, size, directory])).toEqual([
      ["/subdir", "SUBDIR", 0, true],
      ["/subdir/deeper", "DEEPER", 0, true],
      ["/subdir/deeper/lower.c", "LOWER.C", 7, false],
      ["/subdir/README", "README", 7, false],
      ["/hello.txt", "HELLO.TXT", 6, false],
      ["/multi.bin", "MULTI.BIN", 300_000, false],
      ["/A Long File Name.txt", "ALONGF~1.TXT", 5, false],
      ["/ÉTÉ.TXT", "ÉTÉ.TXT", 14, false],
    ]);
  });

  it("ls shows the times mtools shows", () => {
    const times = mdirTimes("/");
    const plain = mkimgOk(work, ["ls", image]).trimEnd().split("\n");
    expect(plain).toHaveLength(5);
    for (const line of plain) {
      const [, when, name] = /^\s+\S+\s+(\d{4}-\d\d-\d\d \d\d:\d\d):\d\d\s+(.*)$/.exec(line)!;
      const short = name === "A Long File Name.txt" ? "ALONGF~1.TXT" : name!.replace(/\/$/, "").toUpperCase();
      expect(when, name).toBe(times.get(short));
    }
  });

  it("cat reads every file byte for byte", () => {
    for (const [file, bytes] of Object.entries(contents)) {
      const result = spawnSync(MKIMG, ["cat", image, file], { cwd: work });
      expect([result.status, sha256(result.stdout)], file).toEqual([0, sha256(bytes)]);
    }
  });

  it("extract copies the whole tree, or one subdirectory", () => {
    mkimgOk(work, ["extract", image, "-C", "all"]);
    for (const [file, bytes] of Object.entries(contents)) {
      expect(sha256(fs.readFileSync(path.join(work, "all", file))), file).toBe(sha256(bytes));
    }
    expect(mkimgOk(work, ["extract", image, "/subdir", "-C", "sub"])).toBe(
      [`${path.join(work, "sub/subdir")}/`, `${path.join(work, "sub/subdir/deeper")}/`,
        `${path.join(work, "sub/subdir/deeper/lower.c")} (7 bytes)`, `${path.join(work, "sub/subdir/README")} (7 bytes)`, ""].join("\n"),
    );
  });

  it("refuses to extract a crafted long name that would escape the folder", () => {
    const crafted = path.join(work, "crafted.img");
    fs.copyFileSync(path.join(work, image), crafted);
    writeRootEntryWithLongName(crafted, "../../evil");
    expect(mkimg(work, ["extract", "crafted.img", "-C", "safe"])).toMatchObject({
      status: 2,
      stderr: `mkimg: crafted.img: /../../evil: name would be extracted outside ${path.join(work, "safe")}; refused\n`,
    });
    expect(fs.existsSync(path.join(work, "evil"))).toBe(false);
  });
});

/**
 * Writes a long-name entry + 8.3 entry ("EVIL    TXT", empty) into free root slots: what a
 * hostile tool could write, since FAT itself does not forbid "/" in a long name.
 */
function writeRootEntryWithLongName(file: string, longName: string): void {
  const bytes = fs.readFileSync(file);
  const rootStart = (bytes.readUInt16LE(14) + bytes[16]! * bytes.readUInt16LE(22)) * 512;
  let slot = rootStart;
  while (bytes[slot] !== 0) slot += 32;
  const short = Buffer.from("EVIL    TXT", "latin1");
  let checksum = 0;
  for (const byte of short) checksum = (((checksum & 1) << 7) + (checksum >> 1) + byte) & 0xff;
  const units = [...longName].map((character) => character.charCodeAt(0));
  units.push(0);
  while (units.length < 13) units.push(0xffff);
  const entry = Buffer.alloc(32);
  entry[0] = 0x41;
  entry[11] = 0x0f;
  entry[13] = checksum;
  const offsets = [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30];
  offsets.forEach((offset, index) => entry.writeUInt16LE(units[index]!, offset));
  entry.copy(bytes, slot);
  short.copy(bytes, slot + 32);
  bytes[slot + 32 + 11] = 0x20;
  fs.writeFileSync(file, bytes);
}

describePeers(["mkfs.fat", "mcopy", "mdir"], "an image with a partition table", () => {
  const partitioned = "parted.img";
  const offset = 2048 * 512;

  beforeAll(() => {
    const file = path.join(work, partitioned);
    fs.writeFileSync(file, Buffer.alloc(0));
    fs.truncateSync(file, offset + 16 * 1024 * 1024);
    const made = spawnSync("mkfs.fat", ["-F", "16", "--invariant", "-n", "BAREFLOW", "--offset", "2048", file, "16384"]);
    expect(made.status).toBe(0);
    const mbr = Buffer.alloc(512);
    mbr.writeUInt8(0x06, 0x1be + 4);
    mbr.writeUInt32LE(2048, 0x1be + 8);
    mbr.writeUInt32LE(32768, 0x1be + 12);
    mbr.writeUInt16LE(0xaa55, 510);
    const descriptor = fs.openSync(file, "r+");
    fs.writeSync(descriptor, mbr, 0, 512, 0);
    fs.closeSync(descriptor);
  });

  it("is refused with the --offset to use, then works with it", () => {
    expect(mkimg(work, ["ls", partitioned])).toMatchObject({
      status: 2,
      stderr: "mkimg: parted.img: has a partition table; the FAT16 partition starts at sector 2048: use --offset 1048576\n",
    });
    fs.writeFileSync(path.join(work, "p.bc"), realBitcode(5000, 3));
    mkimgOk(work, ["add", "--image", partitioned, "--offset", String(offset), "p.bc"]);
    mkimgOk(work, ["mkdir", partitioned, "--offset", String(offset), "SUB"]);
    expect(mkimgOk(work, ["ls", partitioned, "--offset", String(offset)])).toMatch(/^ +5128 .* P\.BC\n +<DIR> .* SUB\/\n$/);
    const viaMtools = spawnSync("mcopy", ["-i", `${path.join(work, partitioned)}@@${offset}`, "::P.BC", "-"], {
      env: { ...process.env, MTOOLS_SKIP_CHECK: "1" },
    });
    const viaUs = spawnSync(MKIMG, ["cat", partitioned, "P.BC", "--offset", String(offset)], { cwd: work });
    expect(viaMtools.status).toBe(0);
    expect(sha256(viaUs.stdout)).toBe(sha256(viaMtools.stdout));
    const volume = path.join(work, "volume.img");
    fs.writeFileSync(volume, fs.readFileSync(path.join(work, partitioned)).subarray(offset));
    const fsck = spawnSync("fsck.fat", ["-n", volume], { encoding: "utf8" });
    expect([fsck.status, fsck.stdout.trim().split("\n").length]).toEqual([0, 2]);
  });
});

it.each([
  ["empty.img", Buffer.alloc(0), "mkimg: empty.img: empty file, not a disk image\n"],
  ["short.img", Buffer.from("hello\n"), "mkimg: short.img: truncated: 6 bytes, shorter than one 512-byte sector\n"],
  ["zero.img", Buffer.alloc(4096), "mkimg: zero.img: boot sector: no 55 AA signature, not a FAT volume (offset 0x1fe)\n"],
])("ls refuses %s with one line", (name, bytes, stderr) => {
  const folder = tempDir("bad");
  fs.writeFileSync(path.join(folder, name), bytes);
  expect(mkimg(folder, ["ls", name])).toEqual({ status: 2, signal: null, stdout: "", stderr });
});
