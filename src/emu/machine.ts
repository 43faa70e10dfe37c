/**
 * The machine: registers, EIP, lazy EFLAGS, memory, the decoded-code cache and the run loop.
 *
 * Execution is by straight-line blocks: starting at EIP, instructions are decoded once up to the
 * next control transfer (or 32 instructions) and cached by page; each block remembers the blocks
 * that ran after it. `run` finds the block for EIP and calls each instruction's handler in turn;
 * a block that has started `translateAfter` times is compiled to one JavaScript function
 * (translate.ts) and runs through it from then on. A write to a page holding decoded code drops
 * that page's blocks (and the previous page's, whose blocks may run into it) and ends the current
 * block, so self-modifying code and a JIT replacing functions see their new code.
 *
 * Host services: addresses SERVICE_BASE (0xFFFF0000) and up are reserved. `registerService(a, f)`
 * makes a CALL (or jump) to `a` run the TypeScript function `f` instead of guest code; `f` reads
 * its cdecl arguments with `argument(n)`, may set EAX/EDX directly or through its result, and
 * the machine then returns to the caller as `ret` would. A service can also stop the machine.
 */
import { describeFault, FaultSignal, StopSignal, type StopReason } from "./faults.js";
import { decodeAt } from "./decoder.js";
import { FLAGS_NONE, getEflags, INITIAL_EFLAGS, setEflags } from "./flags.js";
import { DecodedInstruction, type Handler } from "./instruction.js";
import { Memory, PAGE_SHIFT } from "./memory.js";
import { SseState } from "./float/state.js";
import { X87State } from "./float/x87-state.js";
import { pop32 } from "./operands.js";
import { interpreter } from "./interpreter.js";
import { selectRegion, staticSuccessors, translateRegion, type TranslatedRegion } from "./translate.js";

export { type StopReason, type GuestFault } from "./faults.js";

export const SERVICE_BASE = 0xffff0000;
const MAX_BLOCK = 32;
/**
 * A translated region returns to the run loop after at most this many instructions: V8 compiles
 * a function it is still inside (on-stack replacement) to code several times slower than a fresh
 * call of the same function gets, so long loops are run as a series of calls.
 */
const REGION_SLICE = 1 << 17;
/** The most blocks one translated region holds. */
const MAX_REGION = 48;
/** The address of a dropped block: EIP (an unsigned 32-bit value) never equals it. */
const DROPPED = -1;

/** What a service returns: nothing (return to the caller), a value for EAX, or a stop. */
export type ServiceResult =
  | void
  | number
  | { kind: "return"; eax?: number; edx?: number }
  | { kind: "stop"; value: number };

export type ServiceHandler = (machine: Machine) => ServiceResult;

/** Handles `int n`; returns false if the vector is not handled (the guest then gets #GP). */
export type InterruptHandler = (machine: Machine, vector: number) => boolean;

export interface RunOptions {
  /** Stop after this many instructions (a `step-limit` stop reason). */
  maxSteps?: number;
}

export class Machine {
  readonly memory: Memory;
  /** EAX ECX EDX EBX ESP EBP ESI EDI as int32, plus a constant zero at index 8 (see instruction.ts). */
  readonly regs = new Int32Array(9);
  /** The eight general registers (a view of `regs`). */
  readonly registers = this.regs.subarray(0, 8);
  eip = 0;
  /** xmm0-xmm7 and MXCSR (float/state.ts). */
  readonly sse = new SseState();
  /** The x87 FPU: its register stack, control and status words (float/x87-state.ts). */
  readonly x87 = new X87State();
  /** EFLAGS; its status flags are valid only while `flagsOp` is FLAGS_NONE (see flags.ts). */
  eflags = INITIAL_EFLAGS;
  flagsOp = FLAGS_NONE;
  flagsA = 0;
  flagsB = 0;
  flagsResult = 0;
  flagsSign = 0;
  /** Instructions executed by all runs so far. */
  instructionsExecuted = 0;
  interruptHandler: InterruptHandler | null = null;
  /** User mode (CPL 3, as for a Linux process): hlt, cli and sti raise #GP instead of acting. */
  userMode = false;
  private readonly blocks = new Map<number, (Block | undefined)[]>();
  private readonly services = new Map<number, ServiceHandler>();
  /** Bumped whenever decoded code is dropped; ends the running block. */
  codeGeneration = 0;
  /** Index within the running block of the instruction being executed (for faults and stops). */
  blockIndex = 0;
  /** Set by a translated region when an instruction throws: that instruction... */
  thrower: DecodedInstruction | null = null;
  /** ...and the instructions the region completed before it. */
  blockDone = 0;
  /** By page: the blocks whose translated region holds code from that page. */
  private readonly regionsByPage = new Map<number, Set<Block>>();
  /** Whether hot blocks are translated to JavaScript functions (translate.ts); off: pure interpreter. */
  translation = true;
  /** A block is translated when it starts for the this-many-th time (1: at once, for tests). */
  translateAfter = 16;
  /** Regions translated so far (translate.ts), for statistics and tests. */
  regionsTranslated = 0;

  constructor(memory = new Memory()) {
    this.memory = memory;
    memory.onCodeWrite = (page) => this.dropCode(page);
  }

  /** Routes calls to `address` (SERVICE_BASE or above) to `handler`. */
  registerService(address: number, handler: ServiceHandler): void {
    address >>>= 0;
    if (address < SERVICE_BASE) {
      throw new RangeError(`service address 0x${address.toString(16)} is below 0x${SERVICE_BASE.toString(16)}`);
    }
    this.services.set(address, handler);
    this.dropCode(address >>> PAGE_SHIFT);
  }

  /** EFLAGS with the lazily kept status flags evaluated. */
  readEflags(): number {
    return getEflags(this);
  }

  /** Sets EFLAGS (all of it, status flags included; bit 1 always reads as one). */
  writeEflags(value: number): void {
    setEflags(this, value);
  }

  /** The n-th (0-based) 32-bit cdecl argument of a service, read when the service is entered. */
  argument(n: number): number {
    return this.memory.read32((this.regs[4] + 4 + 4 * n) | 0);
  }

  /** Runs until a stop: exit, halt, fault, service stop, or `maxSteps` instructions. */
  run(options: RunOptions = {}): StopReason {
    const limit = options.maxSteps ?? Number.POSITIVE_INFINITY;
    let executed = 0;
    let block: Block | null = null;
    let previous: Block | null = null;
    try {
      while (executed < limit) {
        block = null;
        block = this.nextBlock(previous, this.eip >>> 0);
        executed += this.execute(block, limit - executed);
        previous = block;
      }
      return { kind: "step-limit", executed };
    } catch (signal) {
      let current: DecodedInstruction | null = null;
      if (this.thrower !== null) {
        current = this.thrower;
        executed += this.blockDone;
      } else if (block !== null) {
        current = block.instructions[this.blockIndex];
        executed += this.blockIndex;
      }
      this.thrower = null;
      this.blockDone = 0;
      // The instruction that stopped the machine counts; one that faulted does not.
      if (current !== null && signal instanceof StopSignal) executed++;
      return this.stopped(signal, current);
    } finally {
      this.instructionsExecuted += executed;
    }
  }

  /** Runs `block` (at most `budget` of its instructions); returns how many ran. */
  private execute(block: Block, budget: number): number {
    const count = block.length;
    if (budget < count) {
      // Only the last instruction of a block can branch or stop; the others do not look at
      // EIP (a fault resets it from the instruction), so EIP is set once per block.
      this.eip = block.instructions[budget - 1].next;
      return this.interpret(block.instructions, budget);
    }
    if (block.translated !== null) return block.translated(this, Math.min(budget, REGION_SLICE));
    if (this.translation && ++block.runs >= this.translateAfter) {
      return this.translate(block)(this, Math.min(budget, REGION_SLICE));
    }
    this.eip = block.end;
    return this.interpret(block.instructions, count);
  }

  /**
   * Compiles the region entered at `entry` (translate.ts): the decoded blocks reachable from it.
   * Every block of the region without a translation of its own runs through it from now on.
   */
  private translate(entry: Block): TranslatedRegion {
    const neighbours = (block: Block) => [...staticSuccessors(block).map((address) => this.cachedBlock(address)), block.successor, block.otherSuccessor]
      .map((next) => (next === null || next === undefined || next.address === DROPPED ? undefined : next));
    const blocks = selectRegion(entry, neighbours, MAX_REGION);
    const region = translateRegion(blocks);
    this.regionsTranslated++;
    const members = blocks.filter((block) => block === entry || block.translated === null);
    for (const block of members) block.translated = region;
    const pages = new Set(blocks.flatMap((block) => [block.address >>> PAGE_SHIFT, (block.end - 1) >>> PAGE_SHIFT]));
    for (const page of pages) {
      const registered = this.regionsByPage.get(page) ?? new Set<Block>();
      for (const block of members) registered.add(block);
      this.regionsByPage.set(page, registered);
    }
    return region;
  }

  /** The decoded block at `address`, if there is one (no decoding). */
  private cachedBlock(address: number): Block | undefined {
    return this.blocks.get(address >>> PAGE_SHIFT)?.[address & 0xfff];
  }

  /** The block at `eip`, found through the links of the block that ran before it when possible. */
  private nextBlock(previous: Block | null, eip: number): Block {
    if (previous === null) return this.blockAt(eip);
    const first = previous.successor;
    if (first !== null && first.address === eip) return first;
    const second = previous.otherSuccessor;
    if (second !== null && second.address === eip) return second;
    const found = this.blockAt(eip);
    if (first === null || first.address === DROPPED) previous.successor = found;
    else previous.otherSuccessor = found;
    return found;
  }

  /** Interprets the first `count` instructions of a block; returns how many ran (interpreter.ts). */
  private interpret(instructions: DecodedInstruction[], count: number): number {
    return interpreter()(this, instructions, count);
  }

  /** Executes one instruction. */
  step(): StopReason {
    return this.run({ maxSteps: 1 });
  }

  /** Drops all decoded code (for example after the host rewrote code behind the memory's back). */
  flushCode(): void {
    for (const page of [...this.blocks.keys()]) this.dropCode(page);
    this.codeGeneration++;
  }

  private stopped(signal: unknown, current: DecodedInstruction | null): StopReason {
    if (signal instanceof StopSignal) return signal.reason;
    if (!(signal instanceof FaultSignal)) throw signal;
    if (current !== null) this.eip = current.address;
    return { kind: "fault", fault: describeFault(signal, this.eip, this.instructionBytes(this.eip)) };
  }

  /** Up to 15 bytes at `address` that are mapped (for fault reports). */
  private instructionBytes(address: number): Uint8Array {
    const bytes: number[] = [];
    for (let k = 0; k < 15; k++) {
      const at = (address + k) >>> 0;
      if (!this.memory.isMapped(at)) break;
      bytes.push(this.memory.readBytes(at, 1)[0]);
    }
    return Uint8Array.from(bytes);
  }

  private blockAt(address: number): Block {
    const page = address >>> PAGE_SHIFT;
    let table = this.blocks.get(page);
    if (table === undefined) {
      table = new Array<Block | undefined>(4096);
      this.blocks.set(page, table);
    }
    let block = table[address & 0xfff];
    if (block === undefined) {
      block = new Block(address, this.decodeBlock(address));
      table[address & 0xfff] = block;
    }
    return block;
  }

  private decodeBlock(address: number): DecodedInstruction[] {
    const service = this.services.get(address);
    if (service !== undefined) return [serviceInstruction(address, service)];
    const block: DecodedInstruction[] = [];
    let at = address;
    while (block.length < MAX_BLOCK) {
      let instruction: DecodedInstruction;
      try {
        instruction = decodeAt(this.memory, at);
      } catch (fault) {
        if (block.length === 0 || !(fault instanceof FaultSignal)) throw fault;
        break;
      }
      this.memory.markCode(at >>> PAGE_SHIFT);
      this.memory.markCode((instruction.next - 1) >>> PAGE_SHIFT);
      block.push(instruction);
      if (instruction.endsBlock) break;
      at = instruction.next;
    }
    return block;
  }

  private dropCode(page: number): void {
    // Regions that hold code from the page: their blocks leave them (and may join new ones).
    for (const block of this.regionsByPage.get(page) ?? []) {
      block.translated = null;
      block.runs = 0;
    }
    this.regionsByPage.delete(page);
    for (const dropped of [page, page - 1]) {
      this.blocks.get(dropped)?.forEach((block) => {
        if (block !== undefined) block.address = DROPPED;
      });
      this.blocks.delete(dropped);
    }
    this.codeGeneration++;
  }
}

/** A straight-line run of decoded instructions starting at one address. */
class Block {
  readonly length: number;
  /** EIP after the last instruction. */
  readonly end: number;
  /** Times interpreted (until translated). */
  runs = 0;
  /** The translated region this block enters (translate.ts), once it is hot. */
  translated: TranslatedRegion | null = null;
  /** The blocks that ran after this one (a branch's two ways, or the last two return targets). */
  successor: Block | null = null;
  otherSuccessor: Block | null = null;

  constructor(
    /** Where the block starts; DROPPED once its code was overwritten, so no link matches it. */
    public address: number,
    readonly instructions: DecodedInstruction[],
  ) {
    this.length = instructions.length;
    this.end = instructions[this.length - 1].next;
  }
}

/** The pseudo-instruction that runs a service and returns to the caller. */
function serviceInstruction(address: number, service: ServiceHandler): DecodedInstruction {
  const instruction = new DecodedInstruction();
  instruction.address = address;
  instruction.next = address;
  instruction.mnemonic = "service";
  instruction.endsBlock = true;
  const handler: Handler = (m) => {
    const result = service(m);
    if (typeof result === "number") m.regs[0] = result;
    else if (result !== undefined) {
      if (result.kind === "stop") throw new StopSignal({ kind: "service-stop", value: result.value });
      if (result.eax !== undefined) m.regs[0] = result.eax;
      if (result.edx !== undefined) m.regs[2] = result.edx;
    }
    m.eip = pop32(m) >>> 0;
  };
  instruction.handler = handler;
  return instruction;
}
