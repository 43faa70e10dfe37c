/**
 * The formatter against mkfs.fat 4.2, size by size: boot sector, both FATs and the root directory
 * byte for byte (only the metadata region is read, images are sparse), then fsck.fat -n and mdir
 * on ours. Also the geometry table from shared/notes/fat16.md, the size limits, labels,
 * SOURCE_DATE_EPOCH, and `mkimg new`.
 */
import { chmodSync, existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseBootSector } from "../../src/fat/bootsector.js";
import { formatImage, formatSectors } from "../../src/fat/format.js";
import { FAT16_MAX_BYTES, FAT16_MIN_BYTES, fat16Geometry, tryGeometry } from "../../src/fat/geometry.js";
import { itPeers } from "../helpers/peers.js";
import { mkimg, readRegion, run, temporaryDirectory, tool } from "./support.js";

const MiB = 2 ** 20;
/** mkfs.fat --invariant's fixed volume id and time (dosfstools src/mkfs.fat.c). */
const INVARIANT = { volumeId: 0x1234abcd, createdAt: new Date(1426325213 * 1000) };

// shared/notes/fat16.md, measured with mkfs.fat 4.2.
const TABLE = [
  // MiB, totSec16, totSec32, sectors/cluster, reserved, sectors/FAT, root entries, clusters, sectors/track, heads
  [8, 16384, 0, 2, 2, 32, 512, 8143, 32, 2],
  [16, 32768, 0, 4, 4, 32, 512, 8167, 32, 2],
  [32, 0, 65536, 4, 4, 64, 512, 16343, 32, 4],
  [64, 0, 131072, 4, 4, 128, 512, 32695, 32, 8],
  [128, 0, 262144, 4, 4, 256, 512, 65399, 32, 8],
  [256, 0, 524288, 8, 8, 256, 512, 65467, 32, 16],
  [512, 0, 1048572, 16, 16, 256, 512, 65500, 63, 32],
  [1024, 0, 2097144, 32, 32, 256, 512, 65517, 63, 64],
  [2048, 0, 4194288, 128, 128, 128, 2048, 32763, 63, 128],
] as const;

let work = "";
beforeAll(() => {
  work = temporaryDirectory("format");
});

describe("geometry", () => {
  it.each(TABLE)("%i MiB matches the notes' table", (mib, tot16, tot32, cluster, reserved, perFat, root, clusters, track, heads) => {
    const sector = formatSectors("x.img", { sizeBytes: mib * MiB, label: "BAREFLOW", ...INVARIANT }).get(0)!;
    const view = Buffer.from(sector);
    expect([
      view.readUInt16LE(0x13), view.readUInt32LE(0x20), view[0x0d], view.readUInt16LE(0x0e), view.readUInt16LE(0x16),
      view.readUInt16LE(0x11), fat16Geometry(mib * MiB).clusterCount, view.readUInt16LE(0x18), view.readUInt16LE(0x1a),
    ]).toEqual([tot16, tot32, cluster, reserved, perFat, root, clusters, track, heads]);
    expect(parseBootSector(sector, mib * MiB, "x.img").clusterCount).toBe(clusters);
  });

  it("accepts exactly the sizes from FAT16_MIN_BYTES to FAT16_MAX_BYTES", () => {
    expect([FAT16_MIN_BYTES, FAT16_MAX_BYTES]).toEqual([2080 * 1024, 4194004 * 1024]);
    expect(tryGeometry(FAT16_MIN_BYTES)?.sectorsPerCluster).toBe(1);
    expect(tryGeometry(FAT16_MIN_BYTES - 512)).toBeUndefined();
    expect(tryGeometry(FAT16_MAX_BYTES)?.sectorsPerCluster).toBe(128);
    expect(tryGeometry(FAT16_MAX_BYTES + 512)).toBeUndefined();
  });

  it.each([
    [2 * MiB, undefined, "disk.img: 2 MiB cannot be FAT16: sizes from 2080 KiB to 4194004 KiB"],
    [5 * 1024 * MiB, undefined, "disk.img: 5 GiB cannot be FAT16: sizes from 2080 KiB to 4194004 KiB"],
    [16 * MiB, 128, "disk.img: 16 MiB cannot be FAT16 with 128 sectors per cluster: sizes from 2080 KiB to 4194004 KiB"],
    [1000, undefined, "disk.img: size 1000 is not a positive multiple of 512 bytes"],
    [16 * MiB, 3, "disk.img: sectors per cluster 3 is not a power of two from 1 to 128"],
  ])("refuses %i bytes (cluster %s)", (size, cluster, message) => {
    expect(() => fat16Geometry(size, cluster, "disk.img")).toThrow(message);
  });
});

/** mkfs.fat's arguments for the same volume; below 4 sectors/cluster we pass -s as the notes say. */
function mkfsArguments(image: string, sizeBytes: number): string[] {
  const cluster = fat16Geometry(sizeBytes).sectorsPerCluster;
  const fixed = cluster < 4 ? ["-s", String(cluster)] : [];
  return ["-F", "16", "--invariant", "-n", "BAREFLOW", ...fixed, "-C", image, String(sizeBytes / 1024)];
}

function metadataBytes(image: string): Buffer {
  const boot = parseBootSector(readRegion(image, 0, 512), Number.POSITIVE_INFINITY, image);
  return readRegion(image, 0, boot.dataStartLba * 512);
}

describe("formatter against mkfs.fat -F 16 --invariant", () => {
  const sizes = [...TABLE.map((row) => row[0] * MiB), FAT16_MIN_BYTES, 4 * MiB, 100 * MiB, 3000 * MiB, FAT16_MAX_BYTES];
  itPeers(["mkfs.fat"], "writes byte-identical metadata for every size", () => {
    for (const size of sizes) {
      const theirs = join(work, `mkfs-${size}.img`);
      const ours = join(work, `ours-${size}.img`);
      tool("mkfs.fat", mkfsArguments(theirs, size));
      formatImage(ours, { sizeBytes: size, label: "BAREFLOW", ...INVARIANT });
      expect(statSync(ours).size, `${size}`).toBe(statSync(theirs).size);
      expect(metadataBytes(ours).equals(metadataBytes(theirs)), `${size} bytes`).toBe(true);
    }
  }, 30_000);

  itPeers(["mkfs.fat"], "with SOURCE_DATE_EPOCH differs only in the volume id (its low 32 bits)", () => {
    const theirs = join(work, "mkfs-16m.img");
    const ours = join(work, "epoch-16m.img");
    tool("mkfs.fat", mkfsArguments(theirs, 16 * MiB));
    process.env.SOURCE_DATE_EPOCH = "1426325213";
    try {
      formatImage(ours, { sizeBytes: 16 * MiB, label: "BAREFLOW" });
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
    const a = metadataBytes(ours);
    const b = metadataBytes(theirs);
    const differing = [...a.keys()].filter((index) => a[index] !== b[index]);
    expect(differing.every((index) => index >= 0x27 && index < 0x2b)).toBe(true);
    expect(a.readUInt32LE(0x27)).toBe(1426325213);
  });

  itPeers(["fsck.fat", "mdir"], "passes fsck.fat -n and mdir", () => {
    for (const mib of [8, 16, 2048]) {
      const image = join(work, `check-${mib}.img`);
      formatImage(image, { sizeBytes: mib * MiB, label: "BAREFLOW", volumeId: 0xcafe0001 });
      const fsck = run("fsck.fat", ["-n", image]);
      expect(fsck.status, fsck.stdout).toBe(0);
      expect(fsck.stdout).toContain(`0/${fat16Geometry(mib * MiB).clusterCount} clusters`);
      const listing = tool("mdir", ["-i", image, "::/"]);
      expect(listing).toContain("Volume in drive : is BAREFLOW");
      expect(listing).toContain("Volume Serial Number is CAFE-0001");
    }
  });

  it("writes a sparse file: a 2 GiB image takes under 1 MiB of disk", () => {
    const image = join(work, "sparse.img");
    formatImage(image, { sizeBytes: 2048 * MiB, label: "BAREFLOW" });
    const stat = statSync(image);
    expect(stat.size).toBe(2048 * MiB);
    expect(stat.blocks * 512).toBeLessThan(MiB);
  });
});

describe("labels", () => {
  it.each([
    ["bareflow", "BAREFLOW   "],
    ["A B", "A B        "],
    [undefined, "NO NAME    "],
  ])("label %s is stored as %j", (label, stored) => {
    const sector = Buffer.from(formatSectors("x.img", { sizeBytes: 16 * MiB, label, volumeId: 1 }).get(0)!);
    expect(sector.subarray(0x2b, 0x36).toString("latin1")).toBe(stored);
  });

  it.each([
    ["TWELVECHARS!", 'x.img: label "TWELVECHARS!" is longer than 11 characters'],
    ["A.B", 'x.img: label "A.B" has a character FAT does not allow: .'],
    [" LEAD", 'x.img: label " LEAD" starts with a space'],
    ["caf\u00e9", 'x.img: label "caf\u00e9" has a character that is not printable ASCII'],
  ])("refuses %j", (label, message) => {
    expect(() => formatSectors("x.img", { sizeBytes: 16 * MiB, label })).toThrow(message);
  });

  it("refuses a SOURCE_DATE_EPOCH that is not a number", () => {
    process.env.SOURCE_DATE_EPOCH = "yesterday";
    try {
      expect(() => formatSectors("x.img", { sizeBytes: 16 * MiB })).toThrow(
        'SOURCE_DATE_EPOCH: not a whole number of seconds since 1970: "yesterday"',
      );
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
  });
});

describe("mkimg new", () => {
  it("creates images/disk.img, 16 MiB, label BAREFLOW, and refuses to overwrite it", () => {
    const cwd = temporaryDirectory("new");
    const env = { SOURCE_DATE_EPOCH: "1700000000" };
    expect(mkimg(cwd, ["new"], env)).toEqual({
      status: 0,
      stdout: "images/disk.img: FAT16, 16 MiB, 8167 clusters of 2048 bytes, label BAREFLOW, volume id 6553-F100\n",
      stderr: "",
    });
    expect(statSync(join(cwd, "images/disk.img")).size).toBe(16 * MiB);
    expect(mkimg(cwd, ["new"], env)).toEqual({
      status: 2,
      stdout: "",
      stderr: "mkimg: images/disk.img: already exists (use --force to replace it)\n",
    });
    expect(mkimg(cwd, ["new", "--force", "--size", "8M", "--label", "demo"], env).stdout).toBe(
      "images/disk.img: FAT16, 8 MiB, 8143 clusters of 1024 bytes, label DEMO, volume id 6553-F100\n",
    );
  });

  it.each([
    [["new", "a.img", "--size", "2M"], "mkimg: a.img: 2 MiB cannot be FAT16: sizes from 2080 KiB to 4194004 KiB\n"],
    [["new", "b.img", "--size", "2G", "--label", "x/y"], 'mkimg: b.img: label "x/y" has a character FAT does not allow: /\n'],
    [["new", "c.img", "--size", "16Q"], "mkimg: option '--size <size>' argument '16Q' is invalid. expected a size such as 16M, 2G or 8192K. (run `mkimg --help` for usage)\n"],
  ])("mkimg %j fails with one line", (args, stderr) => {
    const cwd = temporaryDirectory("new");
    const result = mkimg(cwd, args);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(stderr);
    expect(existsSync(join(cwd, args[1]!))).toBe(false);
  });

  it("reports file-system errors as one line", () => {
    const cwd = temporaryDirectory("new");
    writeFileSync(join(cwd, "plain"), "");
    expect(mkimg(cwd, ["new", "plain/x.img"])).toEqual({
      status: 2, stdout: "", stderr: "mkimg: plain: a component of the path exists and is not a directory\n",
    });
  });

  // root ignores permissions, so this runs only for other users.
  it.skipIf(process.getuid?.() === 0)("reports permission denied as one line", () => {
    const cwd = temporaryDirectory("new");
    chmodSync(cwd, 0o500);
    try {
      expect(mkimg(cwd, ["new", "denied.img"])).toEqual({ status: 2, stdout: "", stderr: "mkimg: denied.img: permission denied\n" });
    } finally {
      chmodSync(cwd, 0o700);
    }
  });

  it("takes sizes in K, M and G", () => {
    const cwd = temporaryDirectory("new");
    expect(mkimg(cwd, ["new", "k.img", "--size", "8192K", "--volume-id", "0x00c0ffee"]).stdout).toBe(
      "k.img: FAT16, 8 MiB, 8143 clusters of 1024 bytes, label BAREFLOW, volume id 00C0-FFEE\n",
    );
    expect(mkimg(cwd, ["new", "g.img", "--size", "1G"]).status).toBe(0);
    expect(statSync(join(cwd, "g.img")).size).toBe(1024 * MiB);
  });
});
