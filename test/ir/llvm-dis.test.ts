/**
 * The reader and printer against LLVM itself: for every corpus case (test/ir/corpus.ts) our
 * `printModule(readBitcode(...))` must equal `llvm-dis-N`'s text of the same file, line for
 * line, after the normalisation of docs/IR.md (test/ir/normalise.ts); and the verifier must
 * find nothing wrong with what the reader built.
 */
import { readFileSync } from "node:fs";
import { beforeAll, expect } from "vitest";
import { readBitcode } from "../../src/bitcode/reader.js";
import { printModule } from "../../src/ir/print.js";
import type { Module } from "../../src/ir/values.js";
import { verifyModule } from "../../src/ir/verify.js";
import { describePeers, itPeers } from "../helpers/peers.js";
import { buildCorpus, corpusTools, listCorpus } from "./corpus.js";
import type { CorpusCase } from "./corpus.js";
import { firstDifference, normaliseLlvmText } from "../../src/ir/normalise.js";

const cases = listCorpus();
const groups = new Map<string, CorpusCase[]>();
for (const entry of cases) groups.set(entry.group, [...(groups.get(entry.group) ?? []), entry]);

/** Empty if the case matches; else why not. */
function compareCase(entry: CorpusCase): string[] {
  let module: Module;
  try {
    module = readBitcode(readFileSync(entry.bitcode), { file: entry.name });
  } catch (error) {
    return [`${entry.name}: reader: ${error instanceof Error ? error.message : String(error)}`];
  }
  const problems = verifyModule(module).map((error) => `${entry.name}: verifier: ${error.text}`);
  const ours = normaliseLlvmText(printModule(module));
  const theirs = normaliseLlvmText(readFileSync(entry.disassembly, "latin1"));
  const difference = firstDifference(theirs, ours);
  if (difference !== undefined) problems.push(`${entry.name}: ${difference}`);
  return problems;
}

describePeers(corpusTools(), "printModule(readBitcode(x)) equals llvm-dis(x), normalised", () => {
  beforeAll(async () => {
    await buildCorpus(cases);
  }, 600_000);

  for (const [group, members] of groups) {
    itPeers(corpusTools(), `${group} (${members.length} files)`, () => {
      const problems = members.flatMap(compareCase);
      expect(problems.join("\n\n")).toBe("");
    });
  }
});
