/**
 * The IR verifier: what LLVM's Verifier.cpp checks that matters to mkimg's later layers.
 *
 * Per function: every block ends with its only terminator; phis come first in their block and
 * have exactly one incoming entry per predecessor edge (equal values for repeated edges); the
 * entry block has no predecessors; branch targets are blocks of the same function; operands
 * belong to the same function and are defined before use (SSA dominance, from
 * ./dominators.ts); operand and result types fit the opcode (./verify-types.ts); constants are
 * well formed (./verify-constants.ts); attributes fit their parameters (./verify-attributes.ts).
 * Per module: global initialisers have the global's type;
 * definitions have one argument per parameter; names are unique.
 *
 * Each problem names the function, the block and the instruction as llvm-dis would print them:
 * `@f, block %3, "%5 = add i32 %3, %4": operands have types i32 and i64, result i32`.
 */
import { InputError } from "../errors.js";
import { buildControlFlowGraph, DominatorTree } from "./dominators.js";
import type { ControlFlowGraph } from "./dominators.js";
import type { Instruction, PhiInstruction } from "./instructions.js";
import { isTerminator, successors } from "./instructions.js";
import { localName, numberLocals, quoteName } from "./names.js";
import type { LocalValue } from "./names.js";
import { printInstruction } from "./print.js";
import { printType } from "./print-types.js";
import { ValuePrinter } from "./print-values.js";
import { sameType } from "./types.js";
import { typeRule } from "./verify-types.js";
import type { BasicBlock, Constant, Function, Module, Value } from "./values.js";
import { isConstant } from "./values.js";
import { attributeProblem } from "./verify-attributes.js";
import { constantProblem } from "./verify-constants.js";

export interface VerifyError {
  /** `@f`, or `@x` for a global variable. */
  readonly function: string;
  /** `%3` or `%entry`; undefined for problems of the whole function. */
  readonly block: string | undefined;
  /** The instruction as printed (first line), if the problem is about one. */
  readonly instruction: string | undefined;
  readonly message: string;
  /** All of the above in one line. */
  readonly text: string;
}

/** Every problem found, in module order; empty for a valid module. */
export function verifyModule(module: Module): VerifyError[] {
  const errors: VerifyError[] = [];
  const printer = new ValuePrinter(module);
  const checked = new Set<Constant>();
  for (const global of module.globals) {
    const init = global.initializer;
    if (init === undefined) continue;
    const problem = sameType(init.type, global.valueType)
      ? constantProblem(init, checked) : `initializer has type ${printType(init.type)}, expected ${printType(global.valueType)}`;
    if (problem !== undefined) errors.push(makeError(printer.globalName(global), undefined, undefined, problem));
  }
  checkNames(module, errors);
  for (const fn of module.functions) new FunctionVerifier(fn, printer, errors, checked).run();
  return errors;
}

/** Global names are unique (the JIT and the kernel link by name). */
function checkNames(module: Module, errors: VerifyError[]): void {
  const counts = new Map<string, number>();
  for (const global of [...module.globals, ...module.functions, ...module.aliases]) {
    if (global.name) counts.set(global.name, (counts.get(global.name) ?? 0) + 1);
  }
  for (const [name, count] of counts) {
    if (count > 1) errors.push(makeError(`@${quoteName(name)}`, undefined, undefined, `${count} globals have this name`));
  }
}

/** Verify, and throw an InputError naming the first problem (and how many more there are). */
export function checkModule(module: Module, file: string): void {
  const errors = verifyModule(module);
  if (errors.length === 0) return;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  throw new InputError(file, `invalid IR: ${errors[0]!.text}${more}`);
}

function makeError(fn: string, block: string | undefined, instruction: string | undefined, message: string): VerifyError {
  const parts = [fn];
  if (block !== undefined) parts.push(`block ${block}`);
  if (instruction !== undefined) parts.push(JSON.stringify(instruction));
  return { function: fn, block, instruction, message, text: `${parts.join(", ")}: ${message}` };
}

/** Types a value used as an operand can have (not void, label, function...). */
const usableOperandKinds: ReadonlySet<string> = new Set(["int", "float", "pointer", "array", "vector", "struct", "token"]);

/** Do two lists hold the same blocks the same number of times? */
function sameEdges(left: readonly BasicBlock[], right: readonly BasicBlock[]): boolean {
  if (left.length !== right.length) return false;
  const counts = new Map<BasicBlock, number>();
  for (const block of left) counts.set(block, (counts.get(block) ?? 0) + 1);
  for (const block of right) {
    const count = counts.get(block);
    if (!count) return false;
    counts.set(block, count - 1);
  }
  return true;
}

class FunctionVerifier {
  private readonly name: string;
  private numbering: Map<LocalValue, number> | undefined;
  private readonly blockSet: Set<BasicBlock>;
  private readonly position = new Map<Instruction, number>();
  private graph: ControlFlowGraph | undefined;
  private tree: DominatorTree | undefined;

  constructor(private readonly fn: Function, private readonly printer: ValuePrinter, private readonly errors: VerifyError[],
    private readonly checkedConstants: Set<Constant>) {
    this.name = printer.globalName(fn);
    this.blockSet = new Set(fn.blocks);
  }

  run(): void {
    const fn = this.fn;
    if (fn.params.length !== fn.functionType.params.length) {
      this.report(undefined, undefined, `has ${fn.params.length} arguments, its type ${printType(fn.functionType)} has ${fn.functionType.params.length} parameters`);
      return;
    }
    const wrongArgument = fn.params.find((param, index) => !sameType(param.type, fn.functionType.params[index]!) || param.parent !== fn);
    if (wrongArgument !== undefined) this.report(undefined, undefined, `argument ${wrongArgument.index} does not match the function type`);
    const attributes = attributeProblem(fn.attributes, fn.functionType.params, fn.functionType.result);
    if (attributes !== undefined) this.report(undefined, undefined, attributes);
    if (fn.blocks.length === 0) return;
    if (!fn.blocks.every((block) => this.checkShape(block))) return;
    this.graph = buildControlFlowGraph(fn);
    this.tree = new DominatorTree(this.graph);
    const entry = fn.blocks[0]!;
    if (this.graph.predecessors.get(entry)!.length > 0) this.report(entry, undefined, "the entry block has predecessors");
    for (const block of fn.blocks) {
      for (const instruction of block.instructions) this.checkInstruction(block, instruction);
    }
  }

  /** One terminator, at the end; phis first; parent links right. False stops further checks. */
  private checkShape(block: BasicBlock): boolean {
    const instructions = block.instructions;
    if (block.parent !== this.fn) return this.report(block, undefined, "the block's parent is another function");
    if (instructions.length === 0) return this.report(block, undefined, "the block is empty");
    let seenOther = false;
    for (const [index, instruction] of instructions.entries()) {
      this.position.set(instruction, index);
      if (instruction.parent !== block) return this.report(block, instruction, "the instruction's parent is another block");
      const last = index === instructions.length - 1;
      if (isTerminator(instruction) && !last) return this.report(block, instruction, "a terminator in the middle of the block");
      if (last && !isTerminator(instruction)) return this.report(block, instruction, "the block does not end with a terminator");
      if (instruction.opcode === "phi" && seenOther) return this.report(block, instruction, "a phi after other instructions");
      if (instruction.opcode !== "phi") seenOther = true;
    }
    const foreign = successors(instructions[instructions.length - 1]!).find((target) => !this.blockSet.has(target));
    if (foreign !== undefined) return this.report(block, instructions[instructions.length - 1]!, "branches to a block of another function");
    return true;
  }

  private checkInstruction(block: BasicBlock, instruction: Instruction): void {
    for (const operand of instruction.operands) {
      if (operand === undefined) {
        this.report(block, instruction, "an operand is missing");
        return;
      }
      if (!usableOperandKinds.has(operand.type.kind) && operand.valueKind !== "metadata") {
        this.report(block, instruction, `an operand has type ${printType(operand.type)}`);
        return;
      }
      const problem = isConstant(operand) ? constantProblem(operand, this.checkedConstants) : undefined;
      if (problem !== undefined) {
        this.report(block, instruction, problem);
        return;
      }
    }
    const problem = typeRule(instruction.opcode)?.(instruction, this.fn);
    if (problem !== undefined) this.report(block, instruction, problem);
    if (instruction.opcode === "phi") this.checkPhi(block, instruction);
    else instruction.operands.forEach((operand) => this.checkUse(block, instruction, operand, block, false));
  }

  /** An operand is defined in this function and dominates its use. */
  private checkUse(block: BasicBlock, user: Instruction, operand: Value, useBlock: BasicBlock, atEnd: boolean): void {
    if (operand.valueKind === "argument") {
      if (operand.parent !== this.fn) this.report(block, user, `operand ${this.describe(operand)} is an argument of another function`);
      return;
    }
    if (operand.valueKind !== "instruction") return;
    const defBlock = operand.parent;
    if (defBlock === undefined || !this.blockSet.has(defBlock) || !this.position.has(operand)) {
      this.report(block, user, `operand ${this.describe(operand)} is not an instruction of this function`);
      return;
    }
    if (!this.tree!.isReachable(useBlock)) return;
    const dominated = defBlock === useBlock
      ? atEnd || this.position.get(operand)! < this.position.get(user)!
      : this.tree!.dominates(defBlock, useBlock);
    if (!dominated) this.report(block, user, `operand ${this.describe(operand)} does not dominate this use`);
  }

  /** Slot numbers, for messages only: computed on the first problem. */
  private get slots(): Map<LocalValue, number> {
    if (this.numbering === undefined) {
      this.numbering = numberLocals(this.fn);
      this.printer.enterFunction(this.fn);
    }
    return this.numbering;
  }

  private checkPhi(block: BasicBlock, phi: PhiInstruction): void {
    const predecessors = this.graph!.predecessors.get(block)!;
    const names = (blocks: readonly BasicBlock[]): string =>
      blocks.map((each) => localName(each, this.slots)).sort().join(", ");
    if (phi.blocks.length !== phi.operands.length || !sameEdges(phi.blocks, predecessors)) {
      this.report(block, phi, `incoming blocks (${names(phi.blocks)}) do not match the predecessors (${names(predecessors)})`);
      return;
    }
    const valueFor = new Map<BasicBlock, Value>();
    phi.blocks.forEach((incoming, index) => {
      const value = phi.operands[index]!;
      const previous = valueFor.get(incoming);
      if (previous !== undefined && previous !== value) {
        this.report(block, phi, `different values for predecessor ${localName(incoming, this.slots)}`);
      }
      valueFor.set(incoming, value);
      this.checkUse(block, phi, value, incoming, true);
    });
  }

  private describe(value: LocalValue): string {
    const slots = this.slots;
    return value.valueKind === "instruction" || value.valueKind === "argument"
      ? this.printer.operand(value) : localName(value, slots);
  }

  private report(block: BasicBlock | undefined, instruction: Instruction | undefined, message: string): false {
    void this.slots;
    const blockName = block === undefined ? undefined : localName(block, this.slots);
    const text = instruction === undefined ? undefined : printInstruction(instruction, this.printer).split("\n")[0];
    this.errors.push(makeError(this.name, blockName, text, message));
    return false;
  }
}
