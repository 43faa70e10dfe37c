/**
 * Dominator trees against LLVM's: for every function of the corpus bitcode built by clang and
 * llvm-as 14, 15, 16 and 19 (test/ir/corpus.ts), the immediate dominator our DominatorTree
 * finds for each reachable block must be the parent in the tree `opt-N -passes='print<domtree>'`
 * prints (opt skips optnone functions, so -O0 code takes no part).
 */
import { readFileSync } from "node:fs";
import { beforeAll, expect } from "vitest";
import { readBitcode } from "../../src/bitcode/reader.js";
import { buildControlFlowGraph, DominatorTree } from "../../src/ir/dominators.js";
import { localName, numberLocals } from "../../src/ir/names.js";
import type { Module } from "../../src/ir/values.js";
import { describePeers, itPeers } from "../helpers/peers.js";
import { buildCorpus, buildDomtrees, corpusTools, domtreePath, listCorpus, versions } from "./corpus.js";
import type { CorpusCase } from "./corpus.js";

const cases = listCorpus().filter((entry) => entry.build !== undefined);
const tools = [...corpusTools(), ...versions.map((version) => `opt-${version}`)];

/** `fn: %block <- %idom` lines from opt's printout (the root has `<- none`). */
function llvmTree(text: string): string[] {
  const lines: string[] = [];
  let fn = "";
  const stack: string[] = [];
  for (const line of text.split("\n")) {
    const header = /^DominatorTree for function: (.*)$/.exec(line);
    if (header) {
      fn = header[1]!;
      stack.length = 0;
      continue;
    }
    const node = /^\s*\[(\d+)\] (%(?:"[^"]*"|\S+)) \{/.exec(line);
    if (!node) continue;
    const depth = Number(node[1]);
    stack.length = depth - 1;
    lines.push(`${fn}: ${node[2]} <- ${stack[depth - 2] ?? "none"}`);
    stack.push(node[2]!);
  }
  return lines.sort();
}

function ourTree(module: Module): string[] {
  const lines: string[] = [];
  for (const fn of module.functions) {
    if (fn.blocks.length === 0) continue;
    const slots = numberLocals(fn);
    const tree = new DominatorTree(buildControlFlowGraph(fn));
    for (const block of fn.blocks) {
      if (!tree.isReachable(block)) continue;
      const parent = tree.immediateDominator(block);
      lines.push(`${fn.name}: ${localName(block, slots)} <- ${parent === undefined ? "none" : localName(parent, slots)}`);
    }
  }
  return lines.sort();
}

function compare(entry: CorpusCase): string | undefined {
  const module = readBitcode(readFileSync(entry.bitcode), { file: entry.name });
  const theirs = llvmTree(readFileSync(domtreePath(entry), "latin1"));
  // opt skips optnone functions (everything at -O0): compare the functions it printed.
  const printed = new Set(theirs.map((line) => line.slice(0, line.indexOf(": "))));
  const ours = ourTree(module).filter((line) => printed.has(line.slice(0, line.indexOf(": "))));
  const missing = theirs.filter((line) => !ours.includes(line));
  const extra = ours.filter((line) => !theirs.includes(line));
  if (missing.length === 0 && extra.length === 0) return undefined;
  return `${entry.name}: LLVM has ${missing.slice(0, 3).join("; ")}; we have ${extra.slice(0, 3).join("; ")}`;
}

describePeers(tools, "DominatorTree equals opt's print<domtree>", () => {
  beforeAll(async () => {
    // Built from the other end than llvm-dis.test.ts, which may be filling the same cold cache.
    await buildCorpus([...cases].reverse());
    await buildDomtrees(cases);
  }, 600_000);

  itPeers(tools, `on ${cases.length} files from clang and llvm-as 14, 15, 16 and 19`, () => {
    const differences = cases.map(compare).filter((text) => text !== undefined);
    expect(differences.join("\n")).toBe("");
    const blocks = cases.reduce((total, entry) => total + llvmTree(readFileSync(domtreePath(entry), "latin1")).length, 0);
    expect(blocks).toBeGreaterThan(1000);
  });
});
