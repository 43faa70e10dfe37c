/**
 * `mkimg check`: a structural check of a FAT16 image, plus the kernel's view of its modules.
 *
 * Structure (what fsck.fat -n also looks at): the boot sector (parsed by bootsector.ts, which
 * refuses what we cannot read at all), FAT[0] and FAT[1], the FAT copies being equal, every
 * cluster chain in range and loop-free, no cluster in two chains, file sizes matching chain
 * lengths, "." and ".." entries, long-name runs, duplicate names, and lost clusters (allocated in
 * the FAT, owned by no file). The walk goes on after a problem, so one run lists all of them.
 * The kernel's view (kernel-view.ts) then looks at every module-like file.
 */
import { SECTOR_SIZE } from "../disk/device.js";
import type { DirEntry } from "./direntry.js";
import { FAT16, Fat16Reader, openFat16Image } from "./reader.js";
import { checkModules, type ModuleReport } from "./kernel-view.js";

export type FindingKind =
  | "fat-id" | "dirty" | "fat-copies" | "chain" | "cross-link" | "size" | "lost-clusters"
  | "directory" | "long-name" | "entry" | "module";

export interface Finding {
  kind: FindingKind;
  /** The file or directory it is about, if any. */
  path?: string;
  message: string;
}

export interface CheckReport {
  image: string;
  label: string;
  clusterCount: number;
  clusterBytes: number;
  usedClusters: number;
  files: number;
  directories: number;
  findings: Finding[];
  modules: ModuleReport[];
}

/** Opens `path` (optionally at a partition offset) and checks it. Unreadable input throws InputError. */
export function checkImageFile(path: string, offsetBytes = 0): CheckReport {
  const image = openFat16Image(path, offsetBytes);
  try {
    return checkImage(image.reader);
  } finally {
    image.close();
  }
}

export function checkImage(reader: Fat16Reader): CheckReport {
  const findings: Finding[] = [];
  findings.push(...checkReservedEntries(reader), ...compareFatCopies(reader));
  const walk = new TreeWalk(reader, findings);
  walk.run();
  findings.push(...lostClusters(reader, walk.owners));
  const modules = checkModules(reader, walk.files, findings);
  return {
    image: reader.file,
    label: walk.label ?? reader.bootSector.volumeLabel,
    clusterCount: reader.bootSector.clusterCount,
    clusterBytes: reader.clusterBytes,
    usedClusters: countUsed(reader),
    files: walk.files.length,
    directories: walk.directories,
    findings,
    modules,
  };
}

/** Damage that makes changing the image unsafe: FatFs would reuse a used cluster or follow a bad chain. */
const UNSAFE_TO_CHANGE: ReadonlySet<FindingKind> = new Set(["chain", "cross-link", "size", "directory"]);

/**
 * The structural findings that must stop a write (the tree walk only: no module is read). A
 * cluster marked free while a file uses it would otherwise be handed to the next new file,
 * cross-linking the two.
 */
export function unsafeToChange(reader: Fat16Reader): Finding[] {
  const findings: Finding[] = [];
  new TreeWalk(reader, findings).run();
  return findings.filter((finding) => UNSAFE_TO_CHANGE.has(finding.kind));
}

/** Linux's (and fsck.fat's) dirty flag: bit 0 of the FAT16 boot sector's reserved byte. */
const BOOT_SECTOR_FLAGS = 0x25;

/** FAT[0] holds the media byte and 0xFF; FAT[1] is end-of-chain, bit 15 "clean", bit 14 "no errors". */
function checkReservedEntries(reader: Fat16Reader): Finding[] {
  const findings: Finding[] = [];
  const media = reader.bootSector.mediaDescriptor;
  const first = reader.fatEntry(0);
  if (first !== (0xff00 | media)) {
    findings.push({ kind: "fat-id", message: `FAT[0] is ${hex16(first)}: expected ${hex16(0xff00 | media)} (media byte ${hex8(media)})` });
  }
  const second = reader.fatEntry(1);
  if ((second & 0x3fff) !== 0x3fff) {
    findings.push({ kind: "fat-id", message: `FAT[1] is ${hex16(second)}: expected 0xffff (end of chain)` });
  } else if ((second & 0x8000) === 0) {
    findings.push({ kind: "dirty", message: "the volume is marked dirty (FAT[1] bit 15 clear: not cleanly unmounted)" });
  }
  if ((reader.readSectorAt(0)[BOOT_SECTOR_FLAGS]! & 1) !== 0) {
    findings.push({ kind: "dirty", message: "the volume is marked dirty (boot sector offset 0x25 bit 0: not cleanly unmounted)" });
  }
  return findings;
}

/** Every FAT copy must equal the first, entry for entry. */
function compareFatCopies(reader: Fat16Reader): Finding[] {
  const findings: Finding[] = [];
  const { fatCount, sectorsPerFat } = reader.bootSector;
  const entries = Math.min((sectorsPerFat * SECTOR_SIZE) / 2, reader.lastCluster + 1);
  for (let copy = 1; copy < fatCount; copy++) {
    let differing = 0;
    let firstCluster = -1;
    for (let cluster = 0; cluster < entries; cluster++) {
      if (reader.fatEntry(cluster, copy) === reader.fatEntry(cluster, 0)) continue;
      differing++;
      if (firstCluster === -1) firstCluster = cluster;
    }
    if (differing === 0) continue;
    const values = `${hex16(reader.fatEntry(firstCluster, copy))} instead of ${hex16(reader.fatEntry(firstCluster, 0))}`;
    findings.push({
      kind: "fat-copies",
      message: `FAT copy ${copy + 1} differs from FAT copy 1 in ${plural(differing, "entry", "entries")}, first at cluster ${firstCluster} (${values})`,
    });
  }
  return findings;
}

/** Walks the tree from the root, recording each cluster's owner and every problem on the way. */
class TreeWalk {
  readonly owners = new Map<number, string>();
  readonly files: DirEntry[] = [];
  directories = 0;
  label: string | undefined;
  private readonly visited = new Set<number>();

  constructor(private readonly reader: Fat16Reader, private readonly findings: Finding[]) {}

  run(): void {
    this.visitDirectory(0, "/", 0);
  }

  private visitDirectory(cluster: number, path: string, parentCluster: number): void {
    const listing = this.reader.readDirectory(cluster, path);
    for (const problem of listing.problems) this.findings.push({ kind: "long-name", path, message: problem });
    if (cluster === 0) this.label = listing.volumeLabels[0];
    else if (listing.volumeLabels.length > 0) this.add("entry", path, `${path}: volume label entry inside a subdirectory`);
    if (cluster !== 0) this.checkDotEntries(listing.dotEntries, cluster, parentCluster, path);
    this.checkDuplicates(listing.entries, path);
    for (const entry of listing.entries) this.visitEntry(entry, cluster);
  }

  private visitEntry(entry: DirEntry, parentCluster: number): void {
    if (!isSaneShortName(entry.rawName)) {
      this.add("entry", entry.path, `${entry.path}: short name "${entry.rawName}" has characters FAT does not allow`);
    }
    if (entry.isDirectory) {
      this.directories++;
      this.visitSubdirectory(entry, parentCluster);
      return;
    }
    this.files.push(entry);
    if (entry.size === 0) {
      if (entry.firstCluster !== 0) this.add("size", entry.path, `${entry.path}: size 0 but starts at cluster ${entry.firstCluster}`);
      return;
    }
    if (entry.firstCluster === 0) {
      this.add("size", entry.path, `${entry.path}: size ${entry.size} but no clusters`);
      return;
    }
    const clusters = this.claim(entry);
    const needed = Math.ceil(entry.size / this.reader.clusterBytes);
    if (clusters !== undefined && clusters !== needed) {
      this.add("size", entry.path, `${entry.path}: size ${entry.size} needs ${plural(needed, "cluster", "clusters")} but the chain has ${clusters}`);
    }
  }

  private visitSubdirectory(entry: DirEntry, parentCluster: number): void {
    if (entry.size !== 0) this.add("directory", entry.path, `${entry.path}: directory with non-zero size ${entry.size}`);
    if (entry.firstCluster === 0) {
      this.add("directory", entry.path, `${entry.path}: directory without clusters`);
      return;
    }
    if (this.visited.has(entry.firstCluster)) {
      this.add("directory", entry.path, `${entry.path}: directory cluster ${entry.firstCluster} is reached twice (a directory cycle)`);
      return;
    }
    this.visited.add(entry.firstCluster);
    if (this.claim(entry) === undefined) return;
    this.visitDirectory(entry.firstCluster, entry.path, parentCluster);
  }

  /** Follows and claims the entry's chain; its length, or undefined if the chain is broken. */
  private claim(entry: DirEntry): number | undefined {
    const traced = this.reader.traceChain(entry.firstCluster);
    for (const cluster of traced.clusters) {
      const owner = this.owners.get(cluster);
      if (owner !== undefined) {
        this.add("cross-link", entry.path, `${entry.path}: cluster ${cluster} is also in the chain of ${owner} (cross-linked)`);
        return undefined;
      }
      this.owners.set(cluster, entry.path);
    }
    if (traced.problem === undefined) return traced.clusters.length;
    this.add("chain", entry.path, `${entry.path}: ${traced.problem.text}`);
    return undefined;
  }

  private checkDotEntries(dots: DirEntry[], cluster: number, parentCluster: number, path: string): void {
    const dot = dots.find((entry) => entry.rawName === ".          ");
    const dotDot = dots.find((entry) => entry.rawName === "..         ");
    if (dot === undefined || dot.firstCluster !== cluster) {
      this.add("directory", path, `${path}: "." entry ${dot === undefined ? "missing" : `points to cluster ${dot.firstCluster}, not ${cluster}`}`);
    }
    if (dotDot === undefined || dotDot.firstCluster !== parentCluster) {
      this.add("directory", path, `${path}: ".." entry ${dotDot === undefined ? "missing" : `points to cluster ${dotDot.firstCluster}, not ${parentCluster}`}`);
    }
  }

  private checkDuplicates(entries: DirEntry[], path: string): void {
    const seen = new Set<string>();
    for (const entry of entries) {
      if (seen.has(entry.rawName)) this.add("entry", entry.path, `${path}: short name ${entry.shortName} appears twice`);
      seen.add(entry.rawName);
    }
  }

  private add(kind: FindingKind, path: string, message: string): void {
    this.findings.push({ kind, path, message });
  }
}

/** Raw name bytes allowed by Microsoft's specification (lowercase is tolerated: some tools write it). */
function isSaneShortName(raw: string): boolean {
  if (raw.startsWith(" ")) return false;
  return [...raw].every((character) => character.charCodeAt(0) >= 0x20 && !'"*+,./:;<=>?[\\]|'.includes(character));
}

/** Clusters allocated in the first FAT that no chain reached. */
function lostClusters(reader: Fat16Reader, owners: Map<number, string>): Finding[] {
  const lost: number[] = [];
  for (let cluster = 2; cluster <= reader.lastCluster; cluster++) {
    const value = reader.fatEntry(cluster);
    if (value !== FAT16.free && value !== FAT16.bad && !owners.has(cluster)) lost.push(cluster);
  }
  if (lost.length === 0) return [];
  const lostSet = new Set(lost);
  const pointedTo = new Set(lost.map((cluster) => reader.fatEntry(cluster)).filter((next) => lostSet.has(next)));
  const chains = Math.max(1, lost.filter((cluster) => !pointedTo.has(cluster)).length);
  return [{
    kind: "lost-clusters",
    message: `${plural(lost.length, "lost cluster", "lost clusters")} in ${plural(chains, "chain", "chains")}, allocated but in no file (first at cluster ${lost[0]})`,
  }];
}

function countUsed(reader: Fat16Reader): number {
  let used = 0;
  for (let cluster = 2; cluster <= reader.lastCluster; cluster++) {
    if (reader.fatEntry(cluster) !== FAT16.free) used++;
  }
  return used;
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function hex16(value: number): string {
  return `0x${value.toString(16).padStart(4, "0")}`;
}

function hex8(value: number): string {
  return `0x${value.toString(16).padStart(2, "0")}`;
}

