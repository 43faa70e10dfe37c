#!/usr/bin/env node
/**
 * Builds images/demo.img: a 16 MiB FAT16 image (label BAREFLOW) holding every sample module at
 * -O2 (modules/bc/<name>.O2.bc), wrapped with module name and entry = <name>, stored in the
 * root as <NAME>.BC where BareFlow's kernel looks. Run by `npm install` (the prepare script)
 * after tsc, so it uses the compiled library in dist/.
 *
 * Deterministic: the image is a function of the committed bitcode. Timestamps and the volume id
 * come from SOURCE_DATE_EPOCH, which defaults to a fixed instant when unset. Idempotent: the
 * image is rebuilt under a temporary name and renamed over the old one.
 *
 *   node scripts/demo-image.mjs [--output PATH]
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** 2025-01-01T00:00:00Z, used when SOURCE_DATE_EPOCH is not set. */
const DEFAULT_EPOCH = "1735689600";
const root = new URL("../", import.meta.url).pathname;

async function main(argv) {
  const outputIndex = argv.indexOf("--output");
  const output = outputIndex >= 0 ? argv[outputIndex + 1] : join(root, "images/demo.img");
  if (!process.env.SOURCE_DATE_EPOCH) process.env.SOURCE_DATE_EPOCH = DEFAULT_EPOCH;
  const { wrapModule } = await import("../dist/module/index.js");
  const { formatImage } = await import("../dist/fat/format.js");
  const { addModules, DEFAULT_IMAGE_SIZE, DEFAULT_LABEL } = await import("../dist/image/add.js");

  const staging = mkdtempSync(join(tmpdir(), "mkimg-demo-"));
  mkdirSync(dirname(output), { recursive: true });
  const temporary = `${output}.tmp-${process.pid}`;
  try {
    const files = [];
    const folder = join(root, "modules/bc");
    for (const file of readdirSync(folder).filter((name) => name.endsWith(".O2.bc")).sort()) {
      const name = file.slice(0, -".O2.bc".length);
      const module = wrapModule(new Uint8Array(readFileSync(join(folder, file))), { name, entry: name, optLevel: 2 }, file);
      const staged = join(staging, `${name}.mod`);
      writeFileSync(staged, module);
      files.push(staged);
    }
    formatImage(temporary, { sizeBytes: DEFAULT_IMAGE_SIZE, label: DEFAULT_LABEL });
    await addModules(files, { image: temporary });
    renameSync(temporary, output);
    console.log(`${output}: ${files.length} modules (${files.map((file) => file.slice(staging.length + 1, -4)).join(" ")})`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(temporary, { force: true });
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`demo-image: ${error.message}`);
  process.exitCode = 1;
});
