/**
 * One temporary folder per test run: every test's temporary files (images, compiled programs)
 * go under it through TMPDIR, which the worker processes inherit, and it is removed when the
 * run ends, so test runs do not fill /tmp. MKIMG_KEEP_TEST_TMP=1 keeps it for a post-mortem.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const folder = mkdtempSync(join(tmpdir(), "mkimg-test-run-"));
  process.env.TMPDIR = folder;
  return () => {
    if (process.env.MKIMG_KEEP_TEST_TMP === "1") {
      console.log(`test files kept in ${folder}`);
      return;
    }
    rmSync(folder, { recursive: true, force: true });
  };
}
