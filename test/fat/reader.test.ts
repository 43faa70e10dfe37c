/**
 * Fat16Reader on images written by mkfs.fat + mtools (long names, lowercase and code-page-437
 * short names, nested subdirectories, a directory spanning several clusters, multi-cluster and
 * empty files): the tree must match `mdir -/ -b` and every file `mcopy ... -` byte for byte.
 * Then broken chains, and the sector callback never reading more than it needs.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatImage } from "../../src/fat/format.js";
import { Fat16Reader, openFat16Image } from "../../src/fat/reader.js";
import { describePeers } from "../helpers/peers.js";
import { readRegion, setFatEntry, temporaryDirectory, tool } from "./support.js";

/** Deterministic bytes (a linear congruential generator). */
export function pseudoRandomBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

const FILES: [string, number][] = [
  ["hello.bc", 700],
  ["UP.BC", 3],
  ["A Long Name.txt", 2],
  ["café.txt", 5],
  ["empty.txt", 0],
  ["exact.bin", 2048],
  ["big.bin", 50_000],
  ["mods/fibonacci.mod", 130],
  ["mods/deep/big.bin", 70_001],
  ...Array.from({ length: 60 }, (_, index): [string, number] => [`many/file number ${index} with a long name.txt`, index]),
];

let work = "";
let image = "";
const environment = { ...process.env, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" };

function mtools(command: string, args: string[]): Buffer {
  const result = spawnSync(command, args, { env: environment, maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${result.stderr.toString()}`);
  return result.stdout;
}

describePeers(["mkfs.fat", "mcopy", "mmd", "mdir"], "Fat16Reader on a mkfs.fat + mtools image", () => {
  beforeAll(() => {
    work = temporaryDirectory("reader");
    image = join(work, "tools.img");
    tool("mkfs.fat", ["-F", "16", "-n", "TOOLS", "-C", image, "16384"]);
    mtools("mmd", ["-i", image, "::/mods", "::/mods/deep", "::/many"]);
    for (const [index, [path, size]] of FILES.entries()) {
      const local = join(work, `source-${index}`);
      writeFileSync(local, pseudoRandomBytes(size, index + 1));
      mtools("mcopy", ["-i", image, local, `::/${path}`]);
    }
  });

  it("lists the same tree as mdir -/ -b", () => {
    const opened = openFat16Image(image);
    const ours = opened.reader.walk().map((entry) => entry.path + (entry.isDirectory ? "/" : "")).sort();
    opened.close();
    const theirs = mtools("mdir", ["-/", "-b", "-i", image, "::/"]).toString("utf8").trim().split("\n")
      .map((line) => line.replace(/^::/, "")).sort();
    expect(ours).toEqual(theirs);
    expect(ours).toHaveLength(FILES.length + 3);
  });

  it("reads every file byte-identical to mcopy", () => {
    const opened = openFat16Image(image);
    for (const [index, [path, size]] of FILES.entries()) {
      const entry = opened.reader.lookup(`/${path}`);
      expect(entry, path).toBeDefined();
      const ours = Buffer.from(opened.reader.readFile(entry!));
      expect(ours.equals(mtools("mcopy", ["-n", "-i", image, `::/${path}`, "-"])), path).toBe(true);
      expect(ours.equals(pseudoRandomBytes(size, index + 1)), path).toBe(true);
    }
    opened.close();
  });

  it("decodes short names, long names and the NT lowercase flags", () => {
    const opened = openFat16Image(image);
    const pick = (path: string) => {
      const entry = opened.reader.lookup(path)!;
      return [entry.shortName, entry.longName, entry.name, entry.size, entry.isDirectory];
    };
    expect(pick("/hello.bc")).toEqual(["HELLO.BC", undefined, "hello.bc", 700, false]);
    expect(pick("/UP.BC")).toEqual(["UP.BC", undefined, "UP.BC", 3, false]);
    expect(pick("/A Long Name.txt")).toEqual(["ALONGN~1.TXT", "A Long Name.txt", "A Long Name.txt", 2, false]);
    expect(pick("/cafÉ.txt")).toEqual(["CAFÉ.TXT", undefined, "cafÉ.txt", 5, false]);
    expect(pick("/mods/fibonacci.mod")).toEqual(["FIBONA~1.MOD", "fibonacci.mod", "fibonacci.mod", 130, false]);
    expect(pick("/MODS/DEEP")).toEqual(["DEEP", undefined, "deep", 0, true]);
    expect(opened.reader.listDirectory("/many")).toHaveLength(60);
    opened.close();
  });

  it("finds root files by exact 8.3 short name only, as BareFlow's driver does", () => {
    const opened = openFat16Image(image);
    const found = (name: string) => opened.reader.findRootShortName(name)?.path;
    expect(["HELLO.BC", "hello.bc", "UP.BC", "ALONGN~1.TXT", "A Long Name.txt", "FIBONA~1.MOD", "MODS", "nothing.bc"].map(found))
      .toEqual(["/hello.bc", "/hello.bc", "/UP.BC", "/A Long Name.txt", undefined, undefined, undefined, undefined]);
    opened.close();
  });

  it("reports broken chains as one-line errors naming the file", () => {
    const broken = join(work, "broken.img");
    const first = openFat16Image(image);
    const big = first.reader.lookup("/big.bin")!;
    const chain = first.reader.chain(big.firstCluster, big.path);
    const last = first.reader.lastCluster;
    first.close();
    const cases: [number, number, string][] = [
      [chain[3]!, chain[1]!, `${broken}:/big.bin: cluster chain loops: cluster ${chain[3]} points back to cluster ${chain[1]}`],
      [chain[2]!, 0xfff0, `${broken}:/big.bin: cluster ${chain[2]} points to cluster 65520, beyond the last cluster ${last}`],
      [chain[2]!, 0, `${broken}:/big.bin: cluster chain runs into a free cluster (FAT[${chain[2]}] = 0)`],
      [chain[4]!, 0xffff, `${broken}:/big.bin: cluster chain ends after 5 of the 25 clusters its size 50000 needs`],
    ];
    for (const [cluster, value, message] of cases) {
      copyFileSync(image, broken);
      setFatEntry(broken, cluster, value, [0]);
      const opened = openFat16Image(broken);
      expect(() => opened.reader.readFile(opened.reader.lookup("/big.bin")!)).toThrow(message);
      opened.close();
    }
  });
});

describe("Fat16Reader over a sector callback", () => {
  it("lists a 2 GiB image reading only the sectors it needs", () => {
    const path = join(temporaryDirectory("reader"), "large.img");
    formatImage(path, { sizeBytes: 2048 * 2 ** 20, label: "LARGE", volumeId: 7 });
    const reads: number[] = [];
    const reader = new Fat16Reader((lba) => {
      reads.push(lba);
      return readRegion(path, lba * 512, 512);
    }, path);
    expect(reader.bootSector.volumeLabel).toBe("LARGE");
    expect(reader.listRoot()).toEqual([]);
    expect(reader.walk()).toEqual([]);
    // Sector 0, then the first root directory sector (it ends the listing) each time.
    expect(reads).toEqual([0, reader.bootSector.rootDirLba, reader.bootSector.rootDirLba]);
  });
});
