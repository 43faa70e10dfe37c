/**
 * `mkimg cat` and `mkimg extract`: copy files out of an image.
 *
 * extract writes under one folder and refuses any name that would land outside it (a crafted
 * image can hold names like ".." or absolute-looking long names); file times are set from the
 * FAT entries.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../errors.js";
import { decodeDosDateTime } from "../fat/dostime.js";
import type { DirEntry, FatVolume } from "../fat/volume.js";
import { normaliseImagePath } from "./paths.js";
import { readImage, type ImageOptions } from "./session.js";

export async function catFile(imagePath: string, target: string, options: ImageOptions): Promise<Uint8Array> {
  const filePath = normaliseImagePath(target, imagePath);
  return readImage(imagePath, options, (volume) => {
    const entry = volume.entry(filePath);
    if (entry === undefined) throw new InputError(imagePath, `${filePath}: no such file`);
    if (entry.isDirectory) throw new InputError(imagePath, `${filePath}: is a directory`);
    return volume.readFile(filePath);
  });
}

export interface ExtractedFile {
  imagePath: string;
  outputPath: string;
  size: number;
}

/** Extracts `targets` (default: everything) into `directory`; directories recursively. */
export async function extractFiles(
  imagePath: string,
  targets: string[],
  directory: string,
  options: ImageOptions,
): Promise<ExtractedFile[]> {
  const paths = (targets.length === 0 ? ["/"] : targets).map((target) => normaliseImagePath(target, imagePath));
  const root = path.resolve(directory);
  return readImage(imagePath, options, (volume) => {
    const plan: { entry: DirEntry; outputPath: string }[] = [];
    for (const start of paths) {
      const entry = volume.entry(start);
      if (entry === undefined) throw new InputError(imagePath, `${start}: no such file or directory`);
      collect(volume, entry, root, entry.isDirectory ? start : parentPath(start), imagePath, plan);
    }
    return plan.map(({ entry, outputPath }) => writeOut(volume, entry, outputPath));
  });
}

function parentPath(filePath: string): string {
  const slash = filePath.lastIndexOf("/");
  return slash <= 0 ? "/" : filePath.slice(0, slash);
}

/** Lists the files under `entry` with their output paths, checking each stays inside `root`. */
function collect(
  volume: FatVolume,
  entry: DirEntry,
  root: string,
  base: string,
  imagePath: string,
  plan: { entry: DirEntry; outputPath: string }[],
): void {
  if (entry.isDirectory) {
    for (const child of volume.list(entry.path)) collect(volume, child, root, base, imagePath, plan);
    return;
  }
  const relative = base === "/" ? entry.path.slice(1) : entry.path.slice(base.length + 1);
  const outputPath = path.resolve(root, ...relative.split("/"));
  const parts = relative.split("/");
  if (parts.some((part) => part === "" || part === "." || part === "..") || !outputPath.startsWith(root + path.sep)) {
    throw new InputError(imagePath, `${entry.path}: name would be extracted outside ${root}; refused`);
  }
  plan.push({ entry, outputPath });
}

function writeOut(volume: FatVolume, entry: DirEntry, outputPath: string): ExtractedFile {
  const bytes = volume.readFile(entry.path);
  fs.mkdirSync(path.dirname(outputPath), { recursive: true });
  fs.writeFileSync(outputPath, bytes);
  const modified = decodeDosDateTime(entry.date, entry.time);
  fs.utimesSync(outputPath, modified, modified);
  return { imagePath: entry.path, outputPath, size: bytes.length };
}
