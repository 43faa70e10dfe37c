#!/usr/bin/env node
/**
 * Bundles the command line (src/cli/main.ts and everything it imports) with esbuild into
 * dist/bundle/: one entry file, mkimg.js, that bin/mkimg loads, and one lazy chunk per group of
 * modules that a command's action loads with a dynamic import. Starting mkimg then reads a few
 * files instead of resolving and compiling some 150 modules one by one (docs/STARTUP.md).
 *
 * Packages that load files of their own at run time (iced-x86, js-fatfs: wasm) stay external and
 * load from node_modules; commander and binary-parser are bundled. Run by `npm install` (the
 * prepare script), `npm run build` and the test suite's global setup; it takes well under a
 * second.
 *
 * dist/bundle/meta.json is esbuild's metafile: which source modules each chunk holds (the test
 * test/cli/startup.test.ts reads it to check what each command loads).
 *
 *   node scripts/bundle.mjs
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const root = new URL("../", import.meta.url).pathname;
export const BUNDLE_DIR = join(root, "dist/bundle");

export async function bundle() {
  rmSync(BUNDLE_DIR, { recursive: true, force: true }); // no stale chunks
  const result = await build({
    absWorkingDir: root,
    entryPoints: { mkimg: "src/cli/main.ts" },
    outdir: BUNDLE_DIR,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: ["iced-x86", "js-fatfs"],
    chunkNames: "chunk-[hash]",
    sourcemap: true,
    metafile: true,
    // commander is CommonJS: its require() calls of node: modules need a real require.
    banner: { js: 'import { createRequire as __mkimgCreateRequire } from "node:module"; const require = __mkimgCreateRequire(import.meta.url);' },
    logLevel: "warning",
  });
  writeFileSync(join(BUNDLE_DIR, "meta.json"), JSON.stringify(result.metafile));
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await bundle();
}
