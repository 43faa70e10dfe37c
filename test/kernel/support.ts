/**
 * Helpers for the kernel tests: images holding wrapped modules, built with the project's own
 * formatter and `addModules` (what `mkimg new` and `mkimg add` do), so a run goes through the
 * whole pipeline: sector device, FAT16 driver, header, bitcode reader, JIT, emulator.
 */
import { execFileSync } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { openFat16Image } from "../../src/fat/reader.js";
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

/** Compiles test/kernel/fixtures/NAME.c to bitcode with clang-14 (the sample modules' flags, -O0). */
export function compileFixture(name: string, folder: string): Uint8Array {
  const output = join(folder, `${name}.bc`);
  execFileSync("clang-14", [
    "-target", "i386-unknown-none", "-ffreestanding", "-fno-builtin", "-nostdlib", "-c", "-emit-llvm", "-O0",
    "-I", join(root, "modules/include"), join(root, "test/kernel/fixtures", `${name}.c`), "-o", output,
  ]);
  return new Uint8Array(readFileSync(output));
}

export function sampleBitcode(name: string, level = 2, folder = "bc"): Uint8Array {
  return new Uint8Array(readFileSync(join(root, "modules", folder, `${name}.O${level}.bc`)));
}

/** Overwrites bytes of a file inside the image (after `mkimg add` accepted it), at `offset` in the file. */
export function patchImageFile(image: string, diskPath: string, offset: number, bytes: Uint8Array): void {
  const opened = openFat16Image(image);
  try {
    const entry = opened.reader.lookup(diskPath);
    if (entry === undefined || offset + bytes.length > opened.reader.clusterBytes) throw new Error(`patch: ${diskPath} not found or offset past its first cluster`);
    const start = opened.reader.clusterLba(entry.firstCluster) * 512 + offset;
    const descriptor = openSync(image, "r+");
    try {
      writeSync(descriptor, bytes, 0, bytes.length, start);
    } finally {
      closeSync(descriptor);
    }
  } finally {
    opened.close();
  }
}
