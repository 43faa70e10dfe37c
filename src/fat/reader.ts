/**
 * A read-only FAT16 reader of our own, over a sector callback.
 *
 * `readSector(lba)` returns 512 bytes; the reader never needs the whole image, so the kernel
 * simulation can feed it reads from a file and `check` can walk a 2 GiB image in little memory.
 * FAT sectors are cached. Cluster chains are bounded: a chain that leaves the volume, runs into
 * a free, reserved or bad cluster, or loops, is an InputError naming the file (`disk.img:/A/B.BC`).
 * Like BareFlow's driver, `findRootShortName` looks at the root directory and first FAT only.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { InputError } from "../errors.js";
import { SECTOR_SIZE } from "../disk/device.js";
import { parseBootSector, type BootSector } from "./bootsector.js";
import { decodeEntry, entryKind, ENTRY_BYTES, LongNameAssembler, type DirEntry } from "./direntry.js";
import { describeSystemError } from "./file-errors.js";
import { toShortName } from "./names.js";

export type { DirEntry } from "./direntry.js";
export type ReadSector = (lba: number) => Uint8Array;

/** FAT16 entry values (Microsoft's FAT specification, "FAT Data Structure"). */
export const FAT16 = { free: 0x0000, reserved: 0x0001, bad: 0xfff7, endOfChainMin: 0xfff8 } as const;

export interface ChainProblem {
  kind: "out-of-range" | "free" | "bad" | "loop";
  text: string;
}

export interface TracedChain {
  clusters: number[];
  problem?: ChainProblem;
}

/** One directory as read: its entries and anything odd about how they are stored. */
export interface DirectoryListing {
  entries: DirEntry[];
  /** "." and ".." entries of a subdirectory, for checking. */
  dotEntries: DirEntry[];
  volumeLabels: string[];
  problems: string[];
}

export class Fat16Reader {
  readonly bootSector: BootSector;
  readonly clusterBytes: number;
  private readonly fatCache = new Map<number, Uint8Array>();

  constructor(
    private readonly readSector: ReadSector,
    readonly file: string,
    bootSector?: BootSector,
  ) {
    this.bootSector = bootSector ?? parseBootSector(readSector(0), Number.POSITIVE_INFINITY, file);
    this.clusterBytes = this.bootSector.sectorsPerCluster * SECTOR_SIZE;
  }

  /** The highest valid cluster number. */
  get lastCluster(): number {
    return this.bootSector.clusterCount + 1;
  }

  /** FAT entry `cluster` of FAT copy `copy` (0 = the first FAT). */
  fatEntry(cluster: number, copy = 0): number {
    const byteOffset = cluster * 2;
    const lba = this.bootSector.fatStartLba + copy * this.bootSector.sectorsPerFat + Math.floor(byteOffset / SECTOR_SIZE);
    let sector = this.fatCache.get(lba);
    if (sector === undefined) {
      sector = this.readSector(lba);
      this.fatCache.set(lba, sector);
    }
    const within = byteOffset % SECTOR_SIZE;
    return sector[within]! | (sector[within + 1]! << 8);
  }

  /** The clusters of the chain starting at `first`, checked; stops after `limit` clusters. */
  chain(first: number, path: string, limit = Number.POSITIVE_INFINITY): number[] {
    const traced = this.traceChain(first, limit);
    if (traced.problem !== undefined) throw new InputError(`${this.file}:${path}`, traced.problem.text);
    return traced.clusters;
  }

  /**
   * Follows the chain from `first` without throwing: the clusters up to the end of the chain,
   * `limit` clusters, or the first problem (then `clusters` holds the valid part before it).
   */
  traceChain(first: number, limit = Number.POSITIVE_INFINITY): TracedChain {
    if (first < 2 || first > this.lastCluster) {
      return { clusters: [], problem: { kind: "out-of-range", text: `first cluster ${first} is outside the data area (2 to ${this.lastCluster})` } };
    }
    const clusters = [first];
    const seen = new Set(clusters);
    let cluster = first;
    while (clusters.length < limit) {
      const next = this.fatEntry(cluster);
      if (next >= FAT16.endOfChainMin) break;
      const problem = this.linkProblem(cluster, next, seen);
      if (problem !== undefined) return { clusters, problem };
      clusters.push(next);
      seen.add(next);
      cluster = next;
    }
    return { clusters };
  }

  private linkProblem(cluster: number, next: number, seen: Set<number>): ChainProblem | undefined {
    if (next === FAT16.free) return { kind: "free", text: `cluster chain runs into a free cluster (FAT[${cluster}] = 0)` };
    if (next === FAT16.reserved) return { kind: "free", text: `cluster chain runs into the reserved value 1 (FAT[${cluster}])` };
    if (next === FAT16.bad) return { kind: "bad", text: `cluster chain runs into a bad cluster (FAT[${cluster}] = 0xfff7)` };
    if (next > this.lastCluster) {
      return { kind: "out-of-range", text: `cluster ${cluster} points to cluster ${next}, beyond the last cluster ${this.lastCluster}` };
    }
    if (seen.has(next)) return { kind: "loop", text: `cluster chain loops: cluster ${cluster} points back to cluster ${next}` };
    return undefined;
  }

  /** One sector of the volume (uncached). */
  readSectorAt(lba: number): Uint8Array {
    return this.readSector(lba);
  }

  /** First sector of data cluster `cluster`. */
  clusterLba(cluster: number): number {
    return this.bootSector.dataStartLba + (cluster - 2) * this.bootSector.sectorsPerCluster;
  }

  /** The sectors holding a directory: the fixed root area (cluster 0) or a subdirectory's chain. */
  directorySectors(cluster: number, path: string): number[] {
    const { rootDirLba, rootDirSectors, sectorsPerCluster } = this.bootSector;
    if (cluster === 0) return Array.from({ length: rootDirSectors }, (_, index) => rootDirLba + index);
    return this.chain(cluster, path).flatMap((each) =>
      Array.from({ length: sectorsPerCluster }, (_, index) => this.clusterLba(each) + index),
    );
  }

  /** Reads one directory (cluster 0 = root) with everything odd about it. */
  readDirectory(cluster: number, path: string): DirectoryListing {
    const listing: DirectoryListing = { entries: [], dotEntries: [], volumeLabels: [], problems: [] };
    const longNames = new LongNameAssembler(path);
    let index = 0;
    scan: for (const lba of this.directorySectors(cluster, path)) {
      const sector = this.readSector(lba);
      for (let offset = 0; offset < SECTOR_SIZE; offset += ENTRY_BYTES, index++) {
        const entry = sector.subarray(offset, offset + ENTRY_BYTES);
        const kind = entryKind(entry);
        if (kind === "end") break scan;
        if (kind === "longName") longNames.addPart(entry, index);
        else if (kind === "file") listing.entries.push(decodeEntry(entry, longNames.finish(entry), path));
        else {
          longNames.dropRun(index);
          if (kind === "volumeLabel") listing.volumeLabels.push(String.fromCharCode(...entry.subarray(0, 11)).trimEnd());
          if (kind === "dot") listing.dotEntries.push(decodeEntry(entry, undefined, path));
        }
      }
    }
    longNames.dropRun(index);
    listing.problems.push(...longNames.problems);
    return listing;
  }

  listRoot(): DirEntry[] {
    return this.readDirectory(0, "/").entries;
  }

  /** Lists a directory given by its first cluster (0 = root) or its path ("/MODS"). */
  listDirectory(clusterOrPath: number | string): DirEntry[] {
    if (typeof clusterOrPath === "number") return this.readDirectory(clusterOrPath, `cluster ${clusterOrPath}`).entries;
    if (clusterOrPath === "/" || clusterOrPath === "") return this.listRoot();
    const directory = this.lookup(clusterOrPath);
    if (directory === undefined) throw new InputError(this.file, `${clusterOrPath}: no such directory`);
    if (!directory.isDirectory) throw new InputError(this.file, `${clusterOrPath}: not a directory`);
    return this.readDirectory(directory.firstCluster, directory.path).entries;
  }

  /** The entry at `path` ("/MODS/fib.bc"), matching long or short names without regard to case. */
  lookup(path: string): DirEntry | undefined {
    const parts = path.split("/").filter((part) => part !== "");
    let entries = this.listRoot();
    let found: DirEntry | undefined;
    for (const [position, part] of parts.entries()) {
      const wanted = part.toUpperCase();
      found = entries.find((entry) => entry.name.toUpperCase() === wanted || entry.shortName === wanted);
      if (found === undefined) return undefined;
      if (position < parts.length - 1) {
        if (!found.isDirectory) return undefined;
        entries = this.readDirectory(found.firstCluster, found.path).entries;
      }
    }
    return found;
  }

  /** The root entry whose stored short name is exactly `name83` ("FIB.BC"), as BareFlow looks files up. */
  findRootShortName(name83: string): DirEntry | undefined {
    const raw = toShortName(name83);
    if (raw === undefined) return undefined;
    return this.listRoot().find((entry) => entry.rawName === raw && !entry.isDirectory);
  }

  /** A file's contents: the first ceil(size / cluster) clusters of its chain. */
  readFile(entry: DirEntry): Uint8Array {
    if (entry.isDirectory) throw new InputError(this.file, `${entry.path}: is a directory`);
    const data = new Uint8Array(entry.size);
    if (entry.size === 0) return data;
    const needed = Math.ceil(entry.size / this.clusterBytes);
    const clusters = this.chain(entry.firstCluster, entry.path, needed);
    if (clusters.length < needed) {
      throw new InputError(
        `${this.file}:${entry.path}`,
        `cluster chain ends after ${clusters.length} of the ${needed} clusters its size ${entry.size} needs`,
      );
    }
    let filled = 0;
    for (const cluster of clusters) {
      const lba = this.clusterLba(cluster);
      for (let index = 0; index < this.bootSector.sectorsPerCluster && filled < entry.size; index++) {
        const sector = this.readSector(lba + index);
        const count = Math.min(SECTOR_SIZE, entry.size - filled);
        data.set(sector.subarray(0, count), filled);
        filled += count;
      }
    }
    return data;
  }

  /** Every entry below the root, depth first, directories before their contents. */
  walk(): DirEntry[] {
    const result: DirEntry[] = [];
    const visited = new Set<number>([0]);
    const visit = (cluster: number, path: string): void => {
      for (const entry of this.readDirectory(cluster, path).entries) {
        result.push(entry);
        if (!entry.isDirectory) continue;
        if (visited.has(entry.firstCluster)) {
          throw new InputError(`${this.file}:${entry.path}`, `directory cluster ${entry.firstCluster} is reached twice (a directory cycle)`);
        }
        visited.add(entry.firstCluster);
        visit(entry.firstCluster, entry.path);
      }
    };
    visit(0, "/");
    return result;
  }
}

/** An image file opened for reading, 512 bytes at a time, optionally at a byte offset (a partition). */
export interface OpenImage {
  reader: Fat16Reader;
  imageSize: number;
  close(): void;
}

export function openFat16Image(path: string, offsetBytes = 0): OpenImage {
  const descriptor = openForReading(path);
  try {
    const imageSize = Math.max(0, fstatSync(descriptor).size - offsetBytes);
    const readSector: ReadSector = (lba) => {
      const sector = new Uint8Array(SECTOR_SIZE);
      readSync(descriptor, sector, 0, SECTOR_SIZE, offsetBytes + lba * SECTOR_SIZE);
      return sector;
    };
    const sector0 = new Uint8Array(SECTOR_SIZE);
    readSync(descriptor, sector0, 0, SECTOR_SIZE, offsetBytes);
    const bootSector = parseBootSector(sector0, imageSize, path);
    return { reader: new Fat16Reader(readSector, path, bootSector), imageSize, close: () => closeSync(descriptor) };
  } catch (error) {
    closeSync(descriptor);
    throw error;
  }
}

/** Opens `path`, turning "no such file" and the like into one-line InputErrors. */
export function openForReading(path: string): number {
  let descriptor: number;
  try {
    descriptor = openSync(path, "r");
  } catch (error) {
    const description = describeSystemError(error);
    throw new InputError(path, description === "no such file or directory" ? "no such file" : description);
  }
  if (fstatSync(descriptor).isDirectory()) {
    closeSync(descriptor);
    throw new InputError(path, "is a directory, not a disk image");
  }
  return descriptor;
}
