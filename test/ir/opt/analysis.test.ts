/**
 * The analyses of src/ir/analysis on clang-14's -O0 and -O2 IR of test/ir/opt/c/loops.c and
 * every modules/*.c. Natural loops must equal what `opt-14 -passes='print<loops>'` prints
 * (header, depth, blocks); liveness must equal a second, independent method (walking back
 * from every use to the definition, as in Appel's "Modern Compiler Implementation", 19.6);
 * def-use chains and dominance frontiers must equal their definitions computed by brute force.
 */
import { spawnSync } from "node:child_process";
import { expect } from "vitest";
import { computeDominance } from "../../../src/ir/analysis/dominance-frontier.js";
import { computeLiveness } from "../../../src/ir/analysis/liveness.js";
import { findLoops } from "../../../src/ir/analysis/loops.js";
import { blockNeighbours } from "../../../src/ir/analysis/predecessors.js";
import { UseMap } from "../../../src/ir/analysis/uses.js";
import { localName, numberLocals } from "../../../src/ir/names.js";
import type { BasicBlock, Function, Value } from "../../../src/ir/values.js";
import { describePeers, itPeers } from "../../helpers/peers.js";
import { compileC, cSources, readModule } from "./support.js";

const builds = (): string[] => cSources().flatMap((source) => [compileC(source, 0), compileC(source, 2)]);
const defined = (path: string): Function[] => readModule(path).functions.filter((fn) => fn.blocks.length > 0);

/** `fn depth N: %h | %a %b ...` per loop, from opt's printout. */
function llvmLoops(bc: string): string[] {
  // opt prints analyses on stderr.
  const text = spawnSync("opt-14", ["-passes=print<loops>", "-disable-output", bc], { encoding: "utf8" }).stderr;
  const lines: string[] = [];
  // opt prints per function without naming it; loops are listed per function in block order.
  for (const match of text.matchAll(/Loop at depth (\d+) containing: (.*)/g)) {
    const blocks = match[2]!.split(",").map((entry) => entry.replace(/<[^>]*>/g, ""));
    const header = match[2]!.split(",").find((entry) => entry.includes("<header>"))!.replace(/<[^>]*>/g, "");
    lines.push(`depth ${match[1]}: ${header} | ${blocks.sort().join(" ")}`);
  }
  return lines.sort();
}

function ourLoops(functions: Function[]): string[] {
  const lines: string[] = [];
  for (const fn of functions) {
    const slots = numberLocals(fn);
    for (const loop of findLoops(fn).loops) {
      const names = [...loop.blocks].map((block) => localName(block, slots)).sort();
      lines.push(`depth ${loop.depth}: ${localName(loop.header, slots)} | ${names.join(" ")}`);
    }
  }
  return lines.sort();
}

const isVariable = (value: Value): boolean => value.valueKind === "instruction" || value.valueKind === "argument";

/** Live-in sets by walking back from each use to the definition (a different method). */
function livenessByPaths(fn: Function): Map<BasicBlock, Set<Value>> {
  const { predecessors } = blockNeighbours(fn);
  const liveIn = new Map<BasicBlock, Set<Value>>(fn.blocks.map((block) => [block, new Set()]));
  const definedIn = (value: Value, block: BasicBlock): boolean => value.valueKind === "instruction" && value.parent === block;
  const walkFromEnd = (value: Value, block: BasicBlock): void => {
    const work = [block];
    const seenEnd = new Set<BasicBlock>();
    while (work.length > 0) {
      const current = work.pop()!;
      if (seenEnd.has(current)) continue;
      seenEnd.add(current);
      if (definedIn(value, current) || liveIn.get(current)!.has(value)) continue;
      liveIn.get(current)!.add(value);
      work.push(...predecessors.get(current)!);
    }
  };
  for (const block of fn.blocks) {
    for (const instruction of block.instructions) {
      instruction.operands.forEach((operand, index) => {
        if (!isVariable(operand)) return;
        if (instruction.opcode === "phi") {
          const from = instruction.blocks[index]!;
          if (!definedIn(operand, from)) walkFromEnd(operand, from);
          return;
        }
        if (definedIn(operand, block)) return;
        walkFromEnd(operand, block);
      });
    }
  }
  return liveIn;
}

const tools = ["clang-14", "opt-14"];

describePeers(tools, "IR analyses on clang-14 output", () => {
  itPeers(tools, "natural loops equal opt-14's print<loops>", () => {
    let total = 0;
    for (const bc of builds()) {
      const theirs = llvmLoops(bc);
      total += theirs.length;
      expect(ourLoops(defined(bc)), bc).toEqual(theirs);
    }
    expect(total).toBeGreaterThan(30);
  }, 120_000);

  itPeers(tools, "loop depth, latches and preheaders of loops.c", () => {
    for (const level of [0, 2] as const) {
      const fn = defined(compileC(cSources()[0]!, level)).find((candidate) => candidate.name === "nested")!;
      const forest = findLoops(fn);
      const { predecessors, successors } = blockNeighbours(fn);
      expect(forest.loops.map((loop) => loop.depth).sort()).toEqual([1, 2, 2]);
      for (const loop of forest.loops) {
        const outside = predecessors.get(loop.header)!.filter((block) => !loop.blocks.has(block));
        const expected = outside.length === 1 && successors.get(outside[0]!)!.length === 1 ? outside[0] : undefined;
        expect(loop.preheader).toBe(expected);
        expect(loop.latches.every((latch) => loop.blocks.has(latch) && successors.get(latch)!.includes(loop.header))).toBe(true);
        expect(forest.depthOf(loop.header)).toBe(loop.depth);
        expect(loop.exits.length).toBeGreaterThan(0);
        expect(loop.exits.every((exit) => !loop.blocks.has(exit))).toBe(true);
      }
      expect(forest.loops.filter((loop) => loop.preheader !== undefined).length).toBeGreaterThan(0);
      expect(forest.depthOf(fn.blocks[0]!)).toBe(0);
    }
  });

  itPeers(tools, "liveness equals the path-walking method", () => {
    let checked = 0;
    for (const bc of builds()) {
      for (const fn of defined(bc)) {
        const { liveIn } = computeLiveness(fn);
        const expected = livenessByPaths(fn);
        for (const block of fn.blocks) {
          expect(new Set(liveIn.get(block)), `${bc} @${fn.name}`).toEqual(expected.get(block));
          checked += expected.get(block)!.size;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  }, 120_000);

  itPeers(tools, "def-use chains and dominance frontiers equal their definitions", () => {
    for (const bc of builds()) {
      for (const fn of defined(bc)) {
        const uses = new UseMap(fn);
        for (const block of fn.blocks) {
          for (const instruction of block.instructions) {
            const expected = fn.blocks.flatMap((other) => other.instructions).filter((user) => user.operands.includes(instruction));
            expect(uses.usersOf(instruction)).toEqual(expected);
          }
        }
        const info = computeDominance(fn);
        for (const x of info.order) {
          const expected = info.order.filter((y) => info.graph.predecessors.get(y)!.some((p) => info.tree.isReachable(p) && info.tree.dominates(x, p)) &&
            !(x !== y && info.tree.dominates(x, y)));
          expect([...info.frontier.get(x)!].sort((a, b) => fn.blocks.indexOf(a) - fn.blocks.indexOf(b)), `${bc} @${fn.name}`)
            .toEqual(expected.sort((a, b) => fn.blocks.indexOf(a) - fn.blocks.indexOf(b)));
        }
      }
    }
  }, 120_000);
});
