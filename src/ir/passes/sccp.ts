/**
 * Sparse conditional constant propagation (Wegman and Zadeck, "Constant Propagation with
 * Conditional Branches", 1991), over integer values. Each value is unknown (not yet seen to
 * run), one constant, or overdefined; blocks become executable only along edges whose branch
 * condition may take them. Values proved constant are replaced by the constant; branches on a
 * proved condition become jumps (the blocks they no longer reach are left for simplify-cfg).
 * undef, arguments, loads and calls are overdefined: nothing is assumed about them.
 */
import { UseMap } from "../analysis/uses.js";
import { isTerminator, successors, type Instruction } from "../instructions.js";
import { constantInt, type BasicBlock, type Function, type Value } from "../values.js";
import type { IntType } from "../types.js";
import { jumpTo, removeInstructions, terminatorOf } from "./edit.js";
import { foldInstruction, intBits } from "./fold.js";

const OVERDEFINED = "overdefined";
type Lattice = bigint | typeof OVERDEFINED;

/** The opcodes fold.ts folds; every other instruction is overdefined as soon as it runs. */
const foldable: ReadonlySet<string> = new Set([
  "add", "sub", "mul", "udiv", "urem", "sdiv", "srem", "shl", "lshr", "ashr", "and", "or", "xor", "icmp", "trunc", "zext", "sext", "select",
]);

class Solver {
  readonly values = new Map<Value, Lattice>();
  readonly executable = new Set<BasicBlock>();
  private readonly edges = new Set<string>();
  private readonly edgeIds = new Map<BasicBlock, number>();
  private readonly blockWork: BasicBlock[] = [];
  private readonly valueWork: Instruction[] = [];

  constructor(private readonly fn: Function, private readonly uses: UseMap) {
    fn.blocks.forEach((block, index) => this.edgeIds.set(block, index));
  }

  solve(): void {
    if (this.fn.blocks.length === 0) return;
    this.markBlock(this.fn.blocks[0]!);
    while (this.blockWork.length > 0 || this.valueWork.length > 0) {
      while (this.valueWork.length > 0) {
        for (const user of this.uses.usersOf(this.valueWork.pop()!)) if (this.executable.has(user.parent!)) this.visit(user);
      }
      const block = this.blockWork.pop();
      if (block !== undefined) for (const instruction of block.instructions) this.visit(instruction);
    }
  }

  valueOf(value: Value): Lattice | undefined {
    if (value.valueKind === "int") return value.value;
    if (value.valueKind === "instruction") return this.values.get(value);
    return OVERDEFINED;
  }

  edgeIsExecutable(from: BasicBlock, to: BasicBlock): boolean {
    return this.edges.has(`${this.edgeIds.get(from)}>${this.edgeIds.get(to)}`);
  }

  private markBlock(block: BasicBlock): void {
    if (this.executable.has(block)) return;
    this.executable.add(block);
    this.blockWork.push(block);
  }

  private markEdge(from: BasicBlock, to: BasicBlock): void {
    const key = `${this.edgeIds.get(from)}>${this.edgeIds.get(to)}`;
    if (this.edges.has(key)) return;
    this.edges.add(key);
    if (this.executable.has(to)) {
      for (const instruction of to.instructions) if (instruction.opcode === "phi") this.visit(instruction);
    } else {
      this.markBlock(to);
    }
  }

  private set(instruction: Instruction, value: Lattice): void {
    const old = this.values.get(instruction);
    if (old === OVERDEFINED || old === value) return;
    this.values.set(instruction, old === undefined ? value : OVERDEFINED);
    this.valueWork.push(instruction);
  }

  private visit(instruction: Instruction): void {
    if (instruction.opcode === "phi") return this.visitPhi(instruction);
    if (isTerminator(instruction)) return this.visitTerminator(instruction);
    if (intBits(instruction.type) === undefined || !foldable.has(instruction.opcode)) return this.set(instruction, OVERDEFINED);
    const operands = instruction.operands.map((operand) => this.valueOf(operand));
    const known = (value: Value): bigint | undefined => {
      const state = this.valueOf(value);
      return typeof state === "bigint" ? state : undefined;
    };
    const folded = foldInstruction(instruction, known);
    if (folded !== undefined) return this.set(instruction, folded);
    const waiting = instruction.opcode === "select" ? operands[0] === undefined : operands.some((state) => state === undefined);
    if (!waiting) this.set(instruction, OVERDEFINED);
  }

  private visitPhi(phi: Instruction & { opcode: "phi" }): void {
    if (intBits(phi.type) === undefined) return this.set(phi, OVERDEFINED);
    let merged: Lattice | undefined;
    phi.blocks.forEach((from, index) => {
      if (!this.edgeIsExecutable(from, phi.parent!)) return;
      const state = this.valueOf(phi.operands[index]!);
      if (state === undefined) return;
      merged = merged === undefined || merged === state ? state : OVERDEFINED;
    });
    if (merged !== undefined) this.set(phi, merged);
  }

  private visitTerminator(instruction: Instruction): void {
    const block = instruction.parent!;
    const targets = successors(instruction);
    const condition = instruction.operands[0] === undefined ? OVERDEFINED : this.valueOf(instruction.operands[0]);
    if (condition === undefined) return;
    if (condition === OVERDEFINED || (instruction.opcode !== "br" && instruction.opcode !== "switch")) {
      for (const target of targets) this.markEdge(block, target);
      return;
    }
    this.markEdge(block, takenTarget(instruction, condition)!);
  }
}

/** The target a br or switch takes when its condition is `value`. */
function takenTarget(instruction: Instruction, value: bigint): BasicBlock | undefined {
  if (instruction.opcode === "br") return instruction.targets[value !== 0n ? 0 : 1];
  if (instruction.opcode === "switch") return instruction.cases.find((entry) => entry.value.value === value)?.target ?? instruction.defaultTarget;
  return undefined;
}

export function sccp(fn: Function): boolean {
  const uses = new UseMap(fn);
  const solver = new Solver(fn, uses);
  solver.solve();
  let changed = false;
  const dead = new Set<Instruction>();
  for (const block of fn.blocks) {
    if (!solver.executable.has(block)) continue;
    for (const instruction of block.instructions) {
      const state = solver.values.get(instruction);
      if (typeof state !== "bigint" || instruction.type.kind !== "int") continue;
      uses.replaceAllUses(instruction, constantInt(instruction.type as IntType, state));
      dead.add(instruction);
      changed = true;
    }
    const last = terminatorOf(block)!;
    const condition = last.operands[0] === undefined ? undefined : solver.valueOf(last.operands[0]);
    if ((last.opcode === "br" && last.targets.length === 2) || last.opcode === "switch") {
      if (typeof condition === "bigint") {
        jumpTo(block, takenTarget(last, condition)!);
        changed = true;
      }
    }
  }
  removeInstructions(fn, dead);
  return changed;
}
