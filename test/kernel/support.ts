/**
 * Helpers for the kernel tests: images holding wrapped modules, built with the project's own
 * formatter and `addModules` (what `mkimg new` and `mkimg add` do), so a run goes through the
 * whole pipeline: sector device, FAT16 driver, header, bitcode reader, JIT, emulator.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatImage } from "../../src/fat/format.js";
import { addModules } from "../../src/image/add.js";
import { wrapModule } from "../../src/module/index.js";
import type { RunResult } from "../../src/kernel/kernel.js";
import type { NativeResult } from "../helpers/native.js";

export const root = new URL("../../", import.meta.url).pathname;

export interface ImageModule {
  /** Raw bitcode, or already-wrapped bytes when `wrapped` is set. */
  bytes: Uint8Array;
  /** The 8.3 name on the disk: "FIB.BC". */
  diskName: string;
  name: string;
  entry: string;
  optLevel?: number;
  wrapped?: boolean;
}

export function temporaryFolder(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `mkimg-${prefix}-`));
}

/** A fresh 16 MiB FAT16 image at `path` holding `modules` in its root directory. */
export async function buildImage(path: string, modules: ImageModule[], sizeBytes = 16 << 20): Promise<string> {
  const staging = mkdtempSync(join(tmpdir(), "mkimg-kernel-stage-"));
  const files = modules.map((module) => {
    const folder = join(staging, module.diskName);
    mkdirSync(folder);
    const file = join(folder, module.diskName);
    const bytes = module.wrapped
      ? module.bytes
      : wrapModule(module.bytes, { name: module.name, entry: module.entry, optLevel: module.optLevel ?? 0 }, file);
    writeFileSync(file, bytes);
    return file;
  });
  formatImage(path, { sizeBytes, label: "BAREFLOW" });
  await addModules(files, { image: path });
  return path;
}

/** A run in the shape of the native harness's result, for comparing the two. */
export function asNative(result: RunResult): NativeResult {
  const shaped: NativeResult = {
    stdout: Buffer.from(result.output).toString("latin1"),
    returned: result.ending === "returned" || result.ending === "exited" ? result.value : 0,
    ending: result.ending,
  };
  if (result.ending === "panic") shaped.message = result.panic?.cause === "kpanic" ? result.panic.message : `(${result.panic?.cause}) ${result.panic?.message}`;
  return shaped;
}
