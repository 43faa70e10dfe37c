/**
 * Finding the clang that compiles C into module bitcode: `--clang PATH` when given, else the
 * first of clang-14 ... clang-19 and plain `clang` on PATH whose major version is one the
 * bitcode reader was tested with (modules/flags.json, clangVersions). The version is read from
 * `clang --version` ("Debian clang version 14.0.6", "clang version 19.1.7").
 *
 * Without a usable clang the error names the Debian package to install.
 */
import { spawnSync } from "node:child_process";
import { InputError } from "../errors.js";
import { pinnedFlags } from "./pinned-flags.js";

export interface Clang {
  /** The command as run: a name looked up on PATH or a path. */
  command: string;
  /** The major version, e.g. 14. */
  version: number;
}

/** The Debian package a user without clang is told to install. */
export const CLANG_PACKAGE = "clang-14";

/** The clang to use, or an InputError about `file` (the source or `cc`) saying what to install. */
export function findClang(file: string, given?: string): Clang {
  const { lowest, highest } = pinnedFlags().clangVersions;
  if (given !== undefined) {
    const version = clangVersion(given);
    if (version === undefined) throw new InputError(given, "--clang: not a clang that runs (`--clang PATH` names a clang binary)");
    if (version < lowest || version > highest) {
      throw new InputError(given, `--clang: clang ${version} is not supported (clang ${lowest} to ${highest})`);
    }
    return { command: given, version };
  }
  for (const command of candidates(lowest, highest)) {
    const version = clangVersion(command);
    if (version !== undefined && version >= lowest && version <= highest) return { command, version };
  }
  throw new InputError(
    file,
    `compiling C needs clang ${lowest} to ${highest}, and none is on PATH: install the Debian package ${CLANG_PACKAGE} (or pass --clang PATH)`,
  );
}

function candidates(lowest: number, highest: number): string[] {
  const versioned = Array.from({ length: highest - lowest + 1 }, (_, index) => `clang-${lowest + index}`);
  return [...versioned, "clang"];
}

/** The major version `command --version` prints, or undefined when it does not run as clang. */
export function clangVersion(command: string): number | undefined {
  const result = spawnSync(command, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  if (result.error !== undefined || result.status !== 0) return undefined;
  const match = /clang version (\d+)\./.exec(result.stdout);
  return match === null ? undefined : Number(match[1]);
}
