/**
 * FUNCTION_BLOCK: one function's body (LLVM BitcodeReader `parseFunctionBody`).
 *
 * DECLAREBLOCKS says how many basic blocks there are; instructions then fill them in order and
 * each terminator closes the current block (there are no label records). Values are numbered
 * after the module's: arguments, this function's constants, then every instruction with a
 * result. Operands are relative (`instruction number - value id`, mod 2^32); an operand that
 * refers forward is followed by its type id, PHI operands are signed, and a few operands are
 * absolute (SWITCH case values, ALLOCA size, block numbers). Forward references get typed
 * placeholders, patched once the block is read. The function's VALUE_SYMTAB (present when the
 * producer kept value names) names arguments, instructions and blocks. With debug info, the
 * function's METADATA block, DEBUG_LOC records (each gives the instruction just read its
 * source location) and the function's `!dbg` attachment are read by metadata.ts; use lists are
 * skipped whole.
 */
import type { Type } from "../ir/types.js";
import type { BasicBlock, Function, Value } from "../ir/values.js";
import type { Instruction } from "../ir/instructions.js";
import { ENTRY_END_BLOCK, ENTRY_SUBBLOCK } from "./bitstream.js";
import { readConstantsBlock } from "./constants.js";
import type { ReaderContext } from "./context.js";
import { instructionReaders } from "./instructions.js";
import { decodeSignedNumber } from "./numbers.js";
import { BLOCK, FUNCTION_CODE, ignoredFunctionRecords, terminatorCodes } from "./record-codes.js";
import { readFunctionSymbolTable } from "./symbol-table.js";

/** Operand decoding for the record being read; handed to the instruction readers. */
export class FunctionState {
  readonly context: ReaderContext;
  readonly fn: Function;
  blocks: BasicBlock[] = [];
  /** Next operand index in the current record. */
  slot = 0;
  /** Instructions holding placeholders for values defined later. */
  readonly patch: Instruction[] = [];

  constructor(context: ReaderContext, fn: Function) {
    this.context = context;
    this.fn = fn;
  }

  /** Operand count of the current record. */
  get length(): number {
    return this.context.cursor.ops.length;
  }

  /** The next raw operand. */
  next(what: string): number {
    const value = this.context.cursor.ops[this.slot];
    if (value === undefined) this.context.fail(`${what} record is too short (${this.context.cursor.ops.length} operands)`);
    this.slot++;
    return value;
  }

  hasMore(): boolean {
    return this.slot < this.context.cursor.ops.length;
  }

  /** A type id operand. */
  type(what: string): Type {
    return this.context.type(this.next(what), what);
  }

  /** A relative operand followed by its type id when it refers forward. */
  valueAndType(what: string): Value {
    const values = this.context.values;
    const id = (values.length - this.next(what)) >>> 0;
    if (id < values.length) return values.values[id]!;
    return values.get(id, this.type(what));
  }

  /** A relative operand of known type. */
  value(type: Type, what: string): Value {
    const values = this.context.values;
    const id = (values.length - this.next(what)) >>> 0;
    // A metadata argument (llvm.dbg.*) is a metadata id, not a value id: kept opaque.
    if (type.kind === "metadata") return { valueKind: "metadata", type, text: `!${id}` };
    return values.get(id, type);
  }

  /** A signed relative operand of known type (PHI). */
  signedValue(type: Type, what: string): Value {
    const values = this.context.values;
    const id = values.length - decodeSignedNumber(this.next(what));
    if (id < 0) this.context.fail(`${what}: value id ${id} is out of range`);
    return values.get(id, type);
  }

  /** An absolute value id of known type. */
  absoluteValue(type: Type, what: string): Value {
    return this.context.values.get(this.next(what), type);
  }

  /** A basic block number. */
  block(what: string): BasicBlock {
    const index = this.next(what);
    const block = this.blocks[index];
    if (block === undefined) this.context.fail(`${what}: block ${index} is out of range (${this.blocks.length} blocks)`);
    return block;
  }
}

/** Reads the body of `fn` (the cursor has just returned its ENTRY_SUBBLOCK). */
export function readFunctionBody(context: ReaderContext, fn: Function): void {
  const cursor = context.cursor;
  cursor.enterBlock();
  const moduleValues = context.values.length;
  for (const param of fn.params) context.values.push(param);
  const state = new FunctionState(context, fn);
  let current = 0;
  // The current block's instructions: `open[0..count)`, copied out exactly at its terminator.
  // The array is reused from block to block (emptying it would free its storage each time).
  const open: Instruction[] = [];
  let count = 0;
  let last: Instruction | undefined;
  for (;;) {
    const entry = cursor.advance();
    if (entry === ENTRY_END_BLOCK) break;
    if (entry === ENTRY_SUBBLOCK) {
      readSubBlock(state);
      continue;
    }
    const code = cursor.code;
    if (code === FUNCTION_CODE.DECLAREBLOCKS) {
      declareBlocks(state);
      continue;
    }
    if (code === FUNCTION_CODE.DEBUG_LOC || code === FUNCTION_CODE.DEBUG_LOC_AGAIN) {
      attachLocation(state, last, code);
      continue;
    }
    if (ignoredFunctionRecords.has(code)) continue;
    const reader = instructionReaders[code];
    if (reader === undefined) context.fail(`${fn.name}: instruction record ${code} is not supported`);
    const block = state.blocks[current];
    if (block === undefined) context.fail(`${fn.name}: instruction after the last basic block`);
    state.slot = 0;
    const instruction = reader(state);
    instruction.parent = block;
    open[count++] = instruction;
    last = instruction;
    if (context.values.handedOut) {
      state.patch.push(instruction);
      context.values.handedOut = false;
    }
    if (instruction.type.kind !== "void") context.values.push(instruction);
    if (terminatorCodes.has(code)) {
      // An exact-size copy: arrays grown by push keep spare capacity for the module's lifetime.
      block.instructions = open.slice(0, count);
      count = 0;
      current++;
    }
  }
  finishFunction(state, current);
  context.values.truncate(moduleValues);
  context.debug.endFunction();
}

/** DEBUG_LOC / DEBUG_LOC_AGAIN: the source location of the instruction read just before. */
function attachLocation(state: FunctionState, instruction: Instruction | undefined, code: number): void {
  const debug = state.context.debug;
  if (instruction === undefined) state.context.fail(`${state.fn.name}: debug location before any instruction`);
  const location = code === FUNCTION_CODE.DEBUG_LOC ? debug.location(state.context.cursor.ops) : debug.last;
  if (location !== undefined) instruction.location = location;
}

/** Instructions of a declared block until its terminator is read (a function with a block left so is refused). */
const notFilledYet: Instruction[] = Object.freeze([]) as unknown as Instruction[];

function declareBlocks(state: FunctionState): void {
  const context: ReaderContext = state.context;
  const count = context.op(0, "DECLAREBLOCKS");
  if (state.blocks.length > 0) context.fail(`${state.fn.name}: DECLAREBLOCKS twice`);
  if (count === 0 || count > context.cursor.remaining()) context.fail(`${state.fn.name}: DECLAREBLOCKS of ${count} blocks`);
  const blocks: BasicBlock[] = new Array<BasicBlock>(count);
  for (let index = 0; index < count; index++) blocks[index] = { valueKind: "block", name: undefined, instructions: notFilledYet, parent: state.fn };
  state.blocks = blocks;
}

function readSubBlock(state: FunctionState): void {
  const context: ReaderContext = state.context;
  switch (context.cursor.code) {
    case BLOCK.CONSTANTS: readConstantsBlock(context); return;
    case BLOCK.VALUE_SYMTAB: readFunctionSymbolTable(context, state.blocks); return;
    case BLOCK.METADATA: context.debug.readBlock(); return;
    case BLOCK.METADATA_ATTACHMENT: {
      const subprogram = context.debug.readAttachments();
      if (subprogram !== undefined) state.fn.subprogram = subprogram;
      return;
    }
    default: context.cursor.skipBlock();
  }
}

function finishFunction(state: FunctionState, closed: number): void {
  const { context, fn, blocks } = state;
  const end = context.cursor.position();
  if (blocks.length === 0) context.fail(`${fn.name}: function body without DECLAREBLOCKS`, end);
  if (closed < blocks.length) context.fail(`${fn.name}: basic block ${closed} has no terminator`, end);
  const values = context.values;
  if (values.pendingForward) {
    values.checkAllDefined();
    for (const instruction of state.patch) values.resolveAll(instruction.operands);
    values.clearForward();
  }
  fn.blocks = blocks;
}

