/**
 * c-testsuite (vendored in single-exec/, see ATTRIBUTION.md): every program compiled by
 * clang-14 and clang-19 at -O0 and -O2 through `mkimg cc`'s arguments and run under the
 * simulated kernel with LIBC.BC (run-suite.ts). The score per compiler and level is printed;
 * the programs that do not pass yet are in known-failures.txt with their reason and count as
 * failures in the score. A failure not on that list fails the test, and so does a listed
 * program that now passes (the list only shrinks). One test file per compiler
 * (clang-14.test.ts, clang-19.test.ts), so that vitest runs the two in parallel workers.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { describePeers, itPeers } from "../helpers/peers.js";
import { programs, runProgram, type Configuration } from "./run-suite.js";

const LEVELS = ["-O0", "-O2"];

/** `clang-14 -O0 00040 reason...` lines; `*` for the compiler or level matches every one. */
function knownFailures(): Map<string, string> {
  const text = readFileSync(join(new URL(".", import.meta.url).pathname, "known-failures.txt"), "utf8");
  const known = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^(\S+) (\S+) (\d{5}) (.*)$/.exec(line);
    if (match !== null) known.set(`${match[1]} ${match[2]} ${match[3]}`, match[4]!);
  }
  return known;
}

function isKnown(known: Map<string, string>, { clang, level }: Configuration, name: string): boolean {
  return [`${clang} ${level}`, `${clang} *`, `* ${level}`, "* *"].some((prefix) => known.has(`${prefix} ${name}`));
}

/** The suite at -O0 and -O2 with `clang`. */
export function describeSuite(clang: string): void {
  describePeers([clang], `c-testsuite single-exec, ${clang}`, () => {
    const known = knownFailures();
    for (const configuration of LEVELS.map((level) => ({ clang, level }))) {
      itPeers([configuration.clang], `${configuration.clang} ${configuration.level}`, async () => {
        const names = programs();
        const unexpected: string[] = [];
        const fixed: string[] = [];
        let passed = 0;
        for (const name of names) {
          const outcome = await runProgram(name, configuration);
          if (outcome.passed) passed++;
          const listed = isKnown(known, configuration, name);
          if (!outcome.passed && !listed) unexpected.push(`${configuration.clang} ${configuration.level} ${name} ${outcome.reason}`);
          if (outcome.passed && listed) fixed.push(name);
        }
        console.log(`c-testsuite ${configuration.clang} ${configuration.level}: ${passed}/${names.length} passed`);
        expect(unexpected, "failures not in known-failures.txt").toEqual([]);
        expect(fixed, "listed in known-failures.txt but passing: remove them").toEqual([]);
      }, 900_000);
    }
  });
}
