/**
 * Real peers (fsck.fat, mtools, clang, llc, gcc -m32, qemu-i386, nasm...) for differential tests.
 *
 * `peer("fsck.fat")` says whether a tool is on PATH. Tests that need one use `describePeers` /
 * `itPeers`: on a developer machine without the tool the test is skipped; in CI
 * (MKIMG_REQUIRE_PEERS=1, set by .ci/run) a missing peer is a failure, never a silent skip.
 */
import { execFileSync } from "node:child_process";
import { describe, it } from "vitest";
import { i386Reference } from "../reference/i386.mjs";

const cache = new Map<string, boolean>();

/** The pseudo-tool of tests that run i386 programs: the CPU or qemu-i386 (test/reference/i386.mjs). */
export const I386_REFERENCE = "i386-reference";

/** " (i386 reference: the CPU)" or " (i386 reference: qemu-i386)": for the names of tests that run i386 programs. */
export function referenceLabel(): string {
  try {
    return ` (i386 reference: ${i386Reference().kind === "cpu" ? "the CPU" : "qemu-i386"})`;
  } catch {
    return " (no i386 reference)";
  }
}

export function peer(tool: string): boolean {
  let found = cache.get(tool);
  if (found === undefined && tool === I386_REFERENCE) {
    try {
      i386Reference();
      found = true;
    } catch {
      found = false;
    }
    cache.set(tool, found);
  }
  if (found === undefined) {
    try {
      execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
      found = true;
    } catch {
      found = false;
    }
    cache.set(tool, found);
  }
  return found;
}

export const peersRequired = process.env.MKIMG_REQUIRE_PEERS === "1";

/** The tools in `tools` that are missing. Throws in CI if any is. */
export function missingPeers(tools: string[]): string[] {
  const missing = tools.filter((tool) => !peer(tool));
  if (missing.length > 0 && peersRequired) {
    throw new Error(`required peer(s) missing: ${missing.join(", ")} (MKIMG_REQUIRE_PEERS=1)`);
  }
  return missing;
}

/** `describe` that needs the given tools: skipped without them, failing in CI. */
export function describePeers(tools: string[], name: string, body: () => void): void {
  const missing = peersRequired ? [] : tools.filter((tool) => !peer(tool));
  if (missing.length > 0) {
    describe.skip(`${name} (missing: ${missing.join(", ")})`, body);
    return;
  }
  describe(name, () => {
    it("has its peers", () => {
      missingPeers(tools);
    });
    body();
  });
}

/** `it` that needs the given tools. */
export function itPeers(tools: string[], name: string, body: () => void | Promise<void>, timeout?: number): void {
  const missing = peersRequired ? [] : tools.filter((tool) => !peer(tool));
  if (missing.length > 0) {
    it.skip(`${name} (missing: ${missing.join(", ")})`, body);
    return;
  }
  it(name, async () => {
    missingPeers(tools);
    await body();
  }, timeout);
}
