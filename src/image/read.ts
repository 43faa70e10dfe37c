/**
 * `mkimg cat` and `mkimg extract`: copy files out of an image.
 *
 * extract writes under one folder, each file at its path on the image (as tar does:
 * `extract IMG LIB/FIB.BC -C out` writes out/LIB/FIB.BC), and refuses any name that would land
 * outside the folder (a crafted image can hold a long name with "/" or ".." in it); file times
 * are set from the FAT entries. Nothing is written unless every name is safe and no symbolic
 * link is in the way (output-folder.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../errors.js";
import { decodeDosDateTime } from "../fat/dostime.js";
import type { DirEntry, FatVolume } from "../fat/volume.js";
import { codeOf, makeFolders, refuseLinks, writeNoFollow } from "./output-folder.js";
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
  directory: boolean;
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
      collect(volume, entry, { root, imagePath, plan, visited: new Set() });
    }
    for (const { outputPath } of plan) refuseLinks(root, outputPath);
    try {
      makeFolders(root);
    } catch (error) {
      throw new InputError(root, `cannot write: ${codeOf(error)}`);
    }
    return plan.map(({ entry, outputPath }) => writeOut(volume, entry, outputPath));
  });
}

interface Plan {
  root: string;
  imagePath: string;
  plan: { entry: DirEntry; outputPath: string }[];
  /** First clusters of the directories walked so far (a cycle is refused). */
  visited: Set<number>;
}

/** Lists the entries under `entry` with their output paths, checking each stays inside `root`. */
function collect(volume: FatVolume, entry: DirEntry, into: Plan): void {
  if (entry.path !== "/") into.plan.push({ entry, outputPath: outputPathFor(entry, into.root, into.imagePath) });
  if (entry.isDirectory) {
    for (const child of volume.list(entry.path, into.visited)) collect(volume, child, into);
  }
}

function outputPathFor(entry: DirEntry, root: string, imagePath: string): string {
  const parts = entry.path.slice(1).split("/");
  const outputPath = path.resolve(root, ...parts);
  if (parts.some((part) => part === "" || part === "." || part === "..") || !outputPath.startsWith(root + path.sep)) {
    throw new InputError(imagePath, `${entry.path}: name would be extracted outside ${root}; refused`);
  }
  return outputPath;
}

function writeOut(volume: FatVolume, entry: DirEntry, outputPath: string): ExtractedFile {
  const bytes = entry.isDirectory ? undefined : volume.readFile(entry.path);
  try {
    if (bytes === undefined) {
      makeFolders(outputPath);
    } else {
      makeFolders(path.dirname(outputPath));
      writeNoFollow(outputPath, bytes);
      const modified = decodeDosDateTime(entry.date, entry.time);
      fs.utimesSync(outputPath, modified, modified);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(outputPath, `cannot write: ${codeOf(error)}`);
  }
  return { imagePath: entry.path, outputPath, size: bytes?.length ?? 0, directory: bytes === undefined };
}
