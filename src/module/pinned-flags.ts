/**
 * The pinned flags for module bitcode, read from modules/flags.json: the one place that both
 * `npm run modules` (scripts/build-modules.mjs) and `mkimg cc` take them from. The file sits
 * two folders above this module in every form mkimg runs in (src/module/, dist/module/ and
 * the bundle in dist/bundle/), so one relative URL finds it.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface PinnedFlags {
  target: string;
  /** Code generation: freestanding, no builtins, no standard library. */
  flags: string[];
  /** What makes clang write bitcode: `-c -emit-llvm`. */
  output: string[];
  warnings: string[];
  /** Header folders, relative to modules/. */
  include: string[];
  clangVersions: { lowest: number; highest: number };
}

/** modules/, where the headers, flags.json and the committed bitcode live. */
export const MODULES_FOLDER = fileURLToPath(new URL("../../modules/", import.meta.url));

let cached: PinnedFlags | undefined;

export function pinnedFlags(): PinnedFlags {
  cached ??= JSON.parse(readFileSync(`${MODULES_FOLDER}flags.json`, "utf8")) as PinnedFlags;
  return cached;
}
