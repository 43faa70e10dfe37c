/**
 * One temporary folder per test run: every test's temporary files (images, compiled programs)
 * go under it through TMPDIR, which the worker processes inherit, and it is removed when the
 * run ends, so test runs do not fill /tmp. MKIMG_KEEP_TEST_TMP=1 keeps it for a post-mortem.
 * It also bundles the CLI (scripts/bundle.mjs, well under a second), so that the tests that run
 * bin/mkimg run the sources as they are, not the bundle of the last `npm install`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundle } from "../scripts/bundle.mjs";
import { i386Reference } from "./reference/i386.mjs";

export default async function setup(): Promise<() => void> {
  await bundle();
  const folder = mkdtempSync(join(tmpdir(), "mkimg-test-run-"));
  process.env.TMPDIR = folder;
  decideI386Reference();
  return () => {
    if (process.env.MKIMG_KEEP_TEST_TMP === "1") {
      console.log(`test files kept in ${folder}`);
      return;
    }
    rmSync(folder, { recursive: true, force: true });
  };
}

function decideI386Reference(): void {
  try {
    const reference = i386Reference();
    process.env.MKIMG_I386_REFERENCE = reference.kind;
    process.env.MKIMG_I386_REFERENCE_REASON = reference.reason;
    console.log(`i386 reference: ${reference.kind} (${reference.reason})`);
  } catch (error) {
    // No reference at all: the tests that need one fail (in CI) or skip, each saying why.
    console.log(`i386 reference: none (${(error as Error).message})`);
  }
}
