/**
 * What each pass changes, on clang-14 IR of test/ir/opt/c/loops.c and modules/*.c (-O0 keeps
 * every local in an alloca; -O2 is already optimised by LLVM). The verifier runs after every
 * pass (support.ts); each case states what must be gone or must stay. Behaviour against the
 * real CPU is differential.test.ts's job.
 */
import { expect } from "vitest";
import type { Instruction } from "../../../src/ir/instructions.js";
import type { PassName } from "../../../src/ir/passes/pipeline.js";
import type { Function, Module } from "../../../src/ir/values.js";
import { findLoops } from "../../../src/ir/analysis/loops.js";
import { describePeers, itPeers } from "../../helpers/peers.js";
import { compileC, cSources, optimiseVerified, readModule } from "./support.js";

const loopsC = (level: 0 | 2): Module => readModule(compileC(cSources()[0]!, level));
const instructions = (fn: Function): Instruction[] => fn.blocks.flatMap((block) => block.instructions);
const named = (module: Module, name: string): Function => module.functions.find((fn) => fn.name === name)!;
const opcodes = (fn: Function, opcode: string): number => instructions(fn).filter((instruction) => instruction.opcode === opcode).length;

function run(passes: PassName[], level: 0 | 2 = 0, source = cSources()[0]!): Module {
  const module = readModule(compileC(source, level));
  optimiseVerified(module, source, passes);
  return module;
}

describePeers(["clang-14"], "tier-2 passes, one at a time", () => {
  itPeers(["clang-14"], "mem2reg leaves no promotable alloca in -O0 code and removes its loads and stores", () => {
    for (const source of cSources()) {
      const before = readModule(compileC(source, 0));
      const after = run(["mem2reg"], 0, source);
      for (const fn of after.functions.filter((candidate) => candidate.blocks.length > 0)) {
        const original = named(before, fn.name);
        // What stays has its address taken: used by something other than a simple load or store of it.
        for (const alloca of instructions(fn).filter((instruction) => instruction.opcode === "alloca")) {
          const users = instructions(fn).filter((user) => user.operands.includes(alloca));
          const escapes = users.some((user) => !(user.opcode === "load" || (user.opcode === "store" && user.operands[1] === alloca && user.operands[0] !== alloca)));
          const scalar = "allocatedType" in alloca && ["int", "pointer", "float"].includes(alloca.allocatedType.kind);
          expect(escapes || !scalar, `${source} @${fn.name}`).toBe(true);
        }
        expect(opcodes(fn, "load"), fn.name).toBeLessThanOrEqual(opcodes(original, "load"));
      }
    }
    const nested = named(run(["mem2reg"]), "nested");
    expect(opcodes(nested, "alloca")).toBe(0);
    expect(opcodes(nested, "load")).toBe(0);
    expect(opcodes(nested, "store")).toBe(0);
    expect(opcodes(nested, "phi")).toBeGreaterThanOrEqual(3);
  });

  itPeers(["clang-14"], "mem2reg keeps slots whose address escapes", () => {
    // sha256's compress keeps its message schedule (uint32_t w[64]) and state words in arrays.
    const sha256 = run(["mem2reg"], 0, cSources().find((path) => path.endsWith("sha256.c"))!);
    const compress = named(sha256, "compress");
    expect(opcodes(compress, "alloca")).toBe(2);
    for (const alloca of instructions(compress).filter((instruction) => instruction.opcode === "alloca")) {
      expect("allocatedType" in alloca && alloca.allocatedType.kind).toBe("array");
    }
  });

  itPeers(["clang-14"], "simplify-cfg merges straight-line blocks and removes what became unreachable", () => {
    const before = named(loopsC(0), "nested").blocks.length;
    const after = named(run(["mem2reg", "simplify-cfg"]), "nested").blocks.length;
    expect(after).toBeLessThan(before);
    for (const fn of run(["mem2reg", "simplify-cfg"]).functions) {
      // No block but the entry holds only `br` to a block without phis (it would have been skipped).
      for (const block of fn.blocks.slice(1)) {
        const last = block.instructions[block.instructions.length - 1]!;
        if (block.instructions.length !== 1 || last.opcode !== "br" || last.targets.length !== 1) continue;
        expect(last.targets[0]!.instructions[0]!.opcode, fn.name).toBe("phi");
      }
    }
  });

  itPeers(["clang-14"], "sccp folds what the constants decide and drops the branch not taken", () => {
    const module = run(["mem2reg", "sccp", "simplify-cfg", "dce"], 0, cSources().find((path) => path.endsWith("compute.c"))!);
    const plain = run(["mem2reg", "simplify-cfg", "dce"], 0, cSources().find((path) => path.endsWith("compute.c"))!);
    const count = (m: Module): number => m.functions.reduce((total, fn) => total + instructions(fn).length, 0);
    expect(count(module)).toBeLessThanOrEqual(count(plain));
  });

  itPeers(["clang-14"], "instcombine turns multiplication and unsigned division by powers of two into shifts", () => {
    const twoLatches = named(run(["mem2reg", "instcombine"]), "twoLatches");
    expect(opcodes(twoLatches, "udiv")).toBe(0);
    expect(opcodes(twoLatches, "lshr")).toBe(1);
    const invariant = named(run(["mem2reg", "instcombine"]), "invariant");
    expect(opcodes(invariant, "shl")).toBeGreaterThanOrEqual(1);
  });

  itPeers(["clang-14"], "licm moves the invariant a * b + 3 and a << 2 into the preheader", () => {
    const fn = named(run(["mem2reg", "simplify-cfg", "licm"]), "invariant");
    const forest = findLoops(fn);
    expect(forest.loops).toHaveLength(1);
    const body = [...forest.loops[0]!.blocks].flatMap((block) => block.instructions);
    expect(body.filter((instruction) => instruction.opcode === "mul" && instruction.operands.every((operand) => operand.valueKind === "argument"))).toEqual([]);
    expect(body.filter((instruction) => instruction.opcode === "shl")).toEqual([]);
    const preheader = forest.loops[0]!.preheader!;
    expect(preheader.instructions.some((instruction) => instruction.opcode === "mul")).toBe(true);
  });

  itPeers(["clang-14"], "cse leaves no two equal speculatable instructions where one dominates the other", () => {
    // -O0 code recomputes sext/getelementptr of the same index: after mem2reg, cse merges them.
    const module = run(["mem2reg", "cse"], 0, cSources().find((path) => path.endsWith("matmul.c"))!);
    const unmerged = run(["mem2reg"], 0, cSources().find((path) => path.endsWith("matmul.c"))!);
    const count = (m: Module): number => m.functions.reduce((total, fn) => total + instructions(fn).length, 0);
    expect(count(module)).toBeLessThan(count(unmerged));
  });

  itPeers(["clang-14"], "dce removes what nothing uses and keeps stores and calls", () => {
    const before = run(["mem2reg"], 0, cSources().find((path) => path.endsWith("strops.c"))!);
    const after = run(["mem2reg", "dce"], 0, cSources().find((path) => path.endsWith("strops.c"))!);
    for (const fn of after.functions) {
      expect(opcodes(fn, "store")).toBe(opcodes(named(before, fn.name), "store"));
      expect(opcodes(fn, "call")).toBe(opcodes(named(before, fn.name), "call"));
      for (const instruction of instructions(fn)) {
        if (["add", "sub", "mul", "getelementptr", "sext", "zext", "trunc", "icmp", "phi"].includes(instruction.opcode)) {
          expect(instructions(fn).some((user) => user.operands.includes(instruction)), `${fn.name} ${instruction.opcode}`).toBe(true);
        }
      }
    }
  });

  itPeers(["clang-14"], "the whole pipeline removes at least a third of -O0 code and leaves -O2 code no bigger", () => {
    for (const source of cSources()) {
      for (const level of [0, 2] as const) {
        const module = readModule(compileC(source, level));
        const [before, after] = optimiseVerified(module, source);
        if (level === 0) expect(after, source).toBeLessThan(before * 0.67);
        else expect(after, source).toBeLessThanOrEqual(before);
      }
    }
  });
});
