/**
 * `mkimg check` and the boot-sector parser on corrupt and foreign input.
 *
 * Each corruption is made on a fresh copy of one image (our formatter + mcopy), and both
 * fsck.fat -n (the reference) and we must flag it: fsck.fat by its exit status, we with exact
 * lines and exit status 1. Images we cannot read at all (empty, truncated, FAT12, FAT32, a
 * partition table, a bad boot sector) give exactly one line and exit status 2. The kernel's
 * view is checked on modules placed where BareFlow cannot load them.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseBootSector } from "../../src/fat/bootsector.js";
import { formatImage } from "../../src/fat/format.js";
import { checkImage } from "../../src/fat/check.js";
import { Fat16Reader, openFat16Image } from "../../src/fat/reader.js";
import { InputError } from "../../src/errors.js";
import { wrapModule } from "../../src/module/wrap.js";
import { describePeers } from "../helpers/peers.js";
import {
  findRootEntry, mkimg, readRegion, REAL_BITCODE, rootEntryOffset, run, setFatEntry, temporaryDirectory, tool, writeRegion, writeUint32,
} from "./support.js";

const MiB = 2 ** 20;
let work = "";
let base = "";

function fresh(name: string): string {
  const path = join(work, name);
  copyFileSync(base, path);
  return path;
}

function fsckFlags(image: string): boolean {
  const result = run("fsck.fat", ["-n", image]);
  if (result.status !== 0 && result.status !== 1) throw new Error(`fsck.fat: ${result.stderr}`);
  return result.status === 1;
}

/** Runs `mkimg check` in the work directory on a file name there. */
function check(name: string, ...extra: string[]) {
  return mkimg(work, ["check", name, ...extra]);
}

function writeUint16(path: string, offset: number, value: number): void {
  writeRegion(path, offset, Uint8Array.of(value & 0xff, value >> 8));
}

describePeers(["mkfs.fat", "fsck.fat", "mcopy", "mmd"], "mkimg check on corrupted images, against fsck.fat -n", () => {
  // BIG.BIN takes clusters 2..26 (50000 bytes, 2048-byte clusters), SMALL.TXT cluster 27,
  // "A Long Name.txt" (root entries 3-5) cluster 28, SUB cluster 29.
  beforeAll(() => {
    work = temporaryDirectory("check");
    base = join(work, "base.img");
    formatImage(base, { sizeBytes: 16 * MiB, label: "BAREFLOW", volumeId: 0x12345678 });
    writeFileSync(join(work, "big.bin"), Buffer.alloc(50_000, 7));
    writeFileSync(join(work, "small.txt"), "abc");
    tool("mcopy", ["-i", base, join(work, "big.bin"), "::/BIG.BIN"]);
    tool("mcopy", ["-i", base, join(work, "small.txt"), "::/SMALL.TXT"]);
    tool("mcopy", ["-i", base, join(work, "small.txt"), "::/A Long Name.txt"]);
    tool("mmd", ["-i", base, "::/SUB"]);
  });

  it("passes a clean image (and so does fsck.fat)", () => {
    expect(fsckFlags(base)).toBe(false);
    expect(check("base.img")).toEqual({
      status: 0,
      stdout: "base.img: clean; 3 files, 1 directory, 0 modules (0 loadable), 28 of 8167 clusters used\n",
      stderr: "",
    });
  });

  const FAT1 = 4 * 512;
  const FAT2 = 36 * 512;
  const rootEntry = (index: number) => 68 * 512 + index * 32;
  const subdirectory = 100 * 512 + (29 - 2) * 4 * 512;
  // label, corruption, our lines, what fsck.fat -n says about it
  const cases: [string, (image: string) => void, string[], string][] = [
    ["a FAT copy changed", (image) => setFatEntry(image, 100, 0xffff, [1]), [
      "FAT copy 2 differs from FAT copy 1 in 1 entry, first at cluster 100 (0xffff instead of 0x0000)",
    ], "FATs differ"],
    ["a cluster loop", (image) => setFatEntry(image, 5, 3), [
      "/BIG.BIN: cluster chain loops: cluster 5 points back to cluster 3",
      "21 lost clusters in 1 chain, allocated but in no file (first at cluster 6)",
    ], "Circular cluster chain"],
    ["an out-of-range cluster", (image) => setFatEntry(image, 4, 0xfff0), [
      "/BIG.BIN: cluster 4 points to cluster 65520, beyond the last cluster 8168",
      "22 lost clusters in 1 chain, allocated but in no file (first at cluster 5)",
    ], "out of range (65520 > 8168)"],
    ["a chain running into a free cluster", (image) => setFatEntry(image, 10, 0), [
      "/BIG.BIN: cluster chain runs into a free cluster (FAT[10] = 0)",
      "16 lost clusters in 1 chain, allocated but in no file (first at cluster 11)",
    ], "Contains a free cluster (10)"],
    ["a wrong size", (image) => writeUint32(image, rootEntryOffset(image, findRootEntry(image, "BIG     BIN")) + 28, 10_000), [
      "/BIG.BIN: size 10000 needs 5 clusters but the chain has 25",
    ], "File size is 10000 bytes, cluster chain length is > 10240 bytes"],
    ["a lost cluster", (image) => setFatEntry(image, 200, 0xffff), [
      "1 lost cluster in 1 chain, allocated but in no file (first at cluster 200)",
    ], "Reclaimed 1 unused cluster"],
    ["cross-linked files", (image) => writeUint16(image, rootEntryOffset(image, findRootEntry(image, "SMALL   TXT")) + 26, 10), [
      "/SMALL.TXT: cluster 10 is also in the chain of /BIG.BIN (cross-linked)",
      "1 lost cluster in 1 chain, allocated but in no file (first at cluster 27)",
    ], "share clusters"],
    ["the dirty flag in FAT[1]", (image) => setFatEntry(image, 1, 0x7fff), [
      "the volume is marked dirty (FAT[1] bit 15 clear: not cleanly unmounted)",
    ], "Dirty bit is set"],
    ["the dirty flag in the boot sector", (image) => writeRegion(image, 0x25, Uint8Array.of(1)), [
      "the volume is marked dirty (boot sector offset 0x25 bit 0: not cleanly unmounted)",
    ], "Dirty bit is set"],
    ["a long name with a wrong checksum", (image) => writeRegion(image, rootEntry(3) + 13, Uint8Array.of(0)), [
      '/ALONGN~1.TXT: long name "A Long Name.txt" ignored: its parts carry different checksums',
    ], 'Wrong checksum for long file name "A Long Name.txt"'],
    ["an orphaned long name", (image) => writeRegion(image, rootEntry(5), Uint8Array.of(0xe5)), [
      '/: entry 5: long name "A Long Name.txt" belongs to no file (orphaned)',
      "1 lost cluster in 1 chain, allocated but in no file (first at cluster 28)",
    ], 'Orphaned long file name part "A Long Name.txt"'],
    ["a duplicate name", (image) => writeRegion(image, rootEntry(2), Buffer.from("BIG     BIN", "latin1")), [
      "/: short name BIG.BIN appears twice",
    ], "Duplicate directory entry"],
    ["a directory with a size", (image) => writeUint32(image, rootEntry(6) + 28, 16), [
      "/SUB: directory with non-zero size 16",
    ], "Directory has non-zero size"],
    ["a directory's cluster loop", (image) => setFatEntry(image, 29, 29), [
      "/SUB: cluster chain loops: cluster 29 points back to cluster 29",
    ], "Circular cluster chain"],
    ["a wrong \".\" entry", (image) => writeUint16(image, subdirectory + 26, 5), [
      '/SUB: "." entry points to cluster 5, not 29',
    ], "Invalid '.' entry in the first slot"],
  ];

  it.each(cases)("flags %s", (label, corrupt, expected, fsckSays) => {
    const name = `${label.replace(/[^a-z0-9]+/gi, "-")}.img`;
    const image = fresh(name);
    corrupt(image);
    expect(run("fsck.fat", ["-n", image]).stdout, "fsck.fat -n flags it too").toContain(fsckSays);
    const result = check(name);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.slice(0, -1)).toEqual(expected.map((line) => `${name}: ${line}`));
    expect(lines.at(-1)).toMatch(new RegExp(`^${name}: ${expected.length} problems?; `));
    expect([result.status, result.stderr]).toEqual([1, ""]);
  });

  it("first drops an incomplete journal left by a crash, as every command does", () => {
    fresh("journal.img");
    writeFileSync(join(work, "journal.img.journal"), "MKIMGJN1 cut short");
    expect(check("journal.img").stdout.split("\n").slice(0, 2)).toEqual([
      "journal.img: dropped an interrupted transaction (its journal was incomplete; the image was not touched)",
      "journal.img: clean; 3 files, 1 directory, 0 modules (0 loadable), 28 of 8167 clusters used",
    ]);
    expect(existsSync(join(work, "journal.img.journal"))).toBe(false);
  });

  it("never crashes on randomly damaged metadata: a report or one InputError", () => {
    const pristine = readRegion(base, 0, 200 * 512);
    let state = 2026;
    const random = (limit: number) => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state % limit;
    };
    const regions = [0, 4 * 512, 36 * 512, 68 * 512, 100 * 512 + 27 * 4 * 512];
    const outcomes = { report: 0, inputError: 0 };
    for (let iteration = 0; iteration < 400; iteration++) {
      const bytes = Buffer.from(pristine);
      for (let flip = random(6); flip >= 0; flip--) bytes[regions[random(regions.length)]! + random(128)] = random(256);
      const readSector = (lba: number) => Uint8Array.from(lba < 200 ? bytes.subarray(lba * 512, lba * 512 + 512) : readRegion(base, lba * 512, 512));
      try {
        checkImage(new Fat16Reader(readSector, "fuzz.img", parseBootSector(readSector(0), 16 * MiB, "fuzz.img")));
        outcomes.report++;
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        outcomes.inputError++;
      }
    }
    expect(outcomes.report).toBeGreaterThan(100);
    expect(outcomes.inputError).toBeGreaterThan(0);
  });

  it("reports as JSON", () => {
    const image = fresh("json.img");
    setFatEntry(image, 200, 0xffff);
    const result = check("json.img", "--json");
    const report = JSON.parse(result.stdout);
    expect(result.status).toBe(1);
    expect(report.clean).toBe(false);
    expect(report.findings).toEqual([
      { kind: "lost-clusters", message: "1 lost cluster in 1 chain, allocated but in no file (first at cluster 200)" },
    ]);
    expect([report.files, report.clusterCount, report.clusterBytes, report.label]).toEqual([3, 8167, 2048, "BAREFLOW"]);
  });
});

describePeers(["mcopy", "mmd", "fsck.fat"], "mkimg check: the kernel's view of modules", () => {
  it("names each module it cannot load and why, and the layout of those it can", () => {
    const directory = temporaryDirectory("kernel-view");
    const image = join(directory, "mods.img");
    formatImage(image, { sizeBytes: 16 * MiB, label: "BAREFLOW", volumeId: 1 });
    const bitcode = new Uint8Array(readFileSync(REAL_BITCODE));
    const wrapped = wrapModule(bitcode, { name: "answer", entry: "answer", optLevel: 2 }, "answer.bc");
    const legacy = wrapModule(bitcode, { name: "answer", entry: "answer", layout: 120 }, "answer.bc");
    const corrupted = wrapped.slice();
    corrupted[corrupted.length - 1]! ^= 0xff;
    const files: [string, Uint8Array][] = [
      ["ANSWER.BC", wrapped], ["OLD.MOD", legacy], ["RAW.BC", bitcode], ["BADCRC.BC", corrupted],
      ["answer-module.bc", wrapped], ["mods/SUB.BC", wrapped], ["NOTES.TXT", wrapped],
    ];
    tool("mmd", ["-i", image, "::/mods"]);
    for (const [name, bytes] of files) {
      const local = join(directory, name.replace("/", "_"));
      writeFileSync(local, bytes);
      tool("mcopy", ["-i", image, local, `::/${name}`]);
    }
    expect(fsckFlags(image)).toBe(false);
    const result = mkimg(directory, ["check", "mods.img"]);
    const kernel = "the kernel cannot load it";
    expect(result.stdout.split("\n")).toEqual([
      `mods.img: /mods/SUB.BC: ${kernel}: in a subdirectory (the kernel reads the root directory only)`,
      `mods.img: /RAW.BC: ${kernel}: invalid module: header: magic 0xdec04342 is not LLBC (0x4c4c4243): this is raw LLVM bitcode, not a wrapped module (offset 0x00)`,
      `mods.img: /BADCRC.BC: ${kernel}: the bitcode's CRC-32 does not match the header (corrupted)`,
      `mods.img: /answer-module.bc: ${kernel}: no exact 8.3 short name (the kernel looks up "answer-module.bc" as ANSWER-M.BC; the short name is ANSWER~1.BC)`,
      "mods.img: /ANSWER.BC: module answer, entry answer, O2, version 1, 1912 bytes of bitcode, layout 128, CRC ok",
      "mods.img: /OLD.MOD: module answer, entry answer, O0, version 1, 1912 bytes of bitcode, layout 120, CRC absent",
      "mods.img: /NOTES.TXT: module answer, entry answer, O2, version 1, 1912 bytes of bitcode, layout 128, CRC ok",
      "mods.img: 4 problems; 7 files, 1 directory, 7 modules (3 loadable), 8 of 8167 clusters used",
      "",
    ]);
    expect(result.status).toBe(1);
  });
});

describe("images mkimg cannot read: one line, exit status 2", () => {
  let directory = "";
  beforeAll(() => {
    directory = temporaryDirectory("foreign");
    const good = join(directory, "good.img");
    formatImage(good, { sizeBytes: 16 * MiB, label: "GOOD", volumeId: 1 });
    writeFileSync(join(directory, "empty.img"), "");
    writeFileSync(join(directory, "tiny.img"), Buffer.alloc(100));
    writeFileSync(join(directory, "cut.img"), readRegion(good, 0, MiB));
    const patched = (name: string, offset: number, bytes: number[]) => {
      copyFileSync(good, join(directory, name));
      writeRegion(join(directory, name), offset, Uint8Array.from(bytes));
    };
    patched("nosig.img", 0x1fe, [0, 0]);
    patched("bps513.img", 0x0b, [0x01, 0x02]);
    patched("bps4096.img", 0x0b, [0x00, 0x10]);
    patched("spc3.img", 0x0d, [3]);
    writePartitioned(join(directory, "partitioned.img"), 0x06);
    writePartitioned(join(directory, "linux.img"), 0x83);
    mkdirSync(join(directory, "folder.img"));
  });

  it.each([
    ["empty.img", "empty.img: empty file, not a disk image"],
    ["tiny.img", "tiny.img: truncated: 100 bytes, shorter than one 512-byte sector"],
    ["cut.img", "cut.img: truncated: the boot sector says 32768 sectors (16777216 bytes) but the image has 1048576 bytes"],
    ["nosig.img", "nosig.img: boot sector: no 55 AA signature, not a FAT volume (offset 0x1fe)"],
    ["bps513.img", "bps513.img: boot sector: bytes per sector 513 is not a power of two (offset 0x0b)"],
    ["bps4096.img", "bps4096.img: boot sector: bytes per sector 4096 is not supported (mkimg and BareFlow need 512) (offset 0x0b)"],
    ["spc3.img", "spc3.img: boot sector: sectors per cluster 3 is not a power of two (offset 0x0d)"],
    ["partitioned.img", "partitioned.img: has a partition table; the FAT16 partition starts at sector 2048: use --offset 1048576"],
    ["linux.img", "linux.img: has a partition table with no FAT16 partition (types 0x83)"],
    ["missing.img", "missing.img: no such file"],
    ["folder.img", "folder.img: is a directory, not a disk image"],
  ])("%s", (name, message) => {
    expect(mkimg(directory, ["check", name])).toEqual({ status: 2, stdout: "", stderr: `mkimg: ${message}\n` });
  });

  describePeers(["mkfs.fat"], "FAT12, FAT32 and partitions made by mkfs.fat", () => {
    it.each([
      [["-F", "12", "-C", "fat12.img", "4096"], "fat12.img", "fat12.img: is a FAT12 volume (2036 clusters); mkimg handles FAT16 only (4085 to 65524 clusters)"],
      [["-F", "32", "-C", "fat32.img", String(64 * 1024)], "fat32.img", "fat32.img: is a FAT32 volume (129022 clusters); mkimg handles FAT16 only (4085 to 65524 clusters)"],
    ])("mkfs.fat %j", (args, name, message) => {
      tool("mkfs.fat", args, directory);
      const counted = /\/(\d+) clusters/.exec(run("fsck.fat", ["-n", join(directory, name)]).stdout)?.[1];
      expect(message).toContain(`(${counted} clusters)`);
      expect(mkimg(directory, ["check", name])).toEqual({ status: 2, stdout: "", stderr: `mkimg: ${message}\n` });
    });

    it("reads the FAT16 partition with --offset", () => {
      const image = join(directory, "partitioned.img");
      tool("mkfs.fat", ["-F", "16", "--offset", "2048", "-n", "PART", image, "19456"]);
      expect(mkimg(directory, ["check", "partitioned.img", "--offset", "1048576"])).toEqual({
        status: 0,
        stdout: "partitioned.img: clean; 0 files, 0 directories, 0 modules (0 loadable), 0 of 9699 clusters used\n",
        stderr: "",
      });
      expect(mkimg(directory, ["check", "partitioned.img"]).stderr).toBe(
        "mkimg: partitioned.img: has a partition table; the FAT16 partition starts at sector 2048: use --offset 1048576\n",
      );
      const opened = openFat16Image(image, 1048576);
      expect(opened.reader.bootSector.volumeLabel).toBe("PART");
      opened.close();
    });
  });

  it("parseBootSector names the file with no size check when given Infinity", () => {
    const sector = readRegion(join(directory, "good.img"), 0, 512);
    expect(parseBootSector(sector, Number.POSITIVE_INFINITY, "good.img").clusterCount).toBe(8167);
  });
});

/** A 20 MiB disk with one MBR partition of `type` from sector 2048, written by hand (no sfdisk here). */
function writePartitioned(path: string, type: number): void {
  const sector = Buffer.alloc(512);
  sector[0x1be] = 0x80;
  sector[0x1be + 4] = type;
  sector.writeUInt32LE(2048, 0x1be + 8);
  sector.writeUInt32LE(38912, 0x1be + 12);
  sector[0x1fe] = 0x55;
  sector[0x1ff] = 0xaa;
  writeFileSync(path, sector);
  writeRegion(path, 20 * MiB - 1, Uint8Array.of(0));
}
