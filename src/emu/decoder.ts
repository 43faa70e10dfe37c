/**
 * The x86-32 decoder: prefixes, opcode (one or two bytes, via the tables in opcodes.ts), ModRM,
 * SIB, displacement and immediates, into a `DecodedInstruction` (Intel SDM vol. 2, chapter 2).
 *
 * Prefixes: 0x66 (operand size 16), F2 / F3 (repne / rep, also selecting tzcnt, lzcnt, popcnt,
 * pause and endbr32), F0 (lock: #UD unless the instruction is lockable with a memory
 * destination; otherwise it changes nothing on a single-threaded machine), segment overrides (recorded and ignored:
 * flat model). 0x67 (16-bit addressing) is not supported: such instructions decode as invalid.
 * An undefined opcode, a register operand where only memory is allowed, or an instruction longer
 * than 15 bytes decodes into an instruction whose handler raises the fault (#UD or #GP) when it
 * executes; reading bytes that are not executable raises a page fault right away.
 */
import { FaultSignal } from "./faults.js";
import { DecodedInstruction, NO_REGISTER } from "./instruction.js";
import type { Memory } from "./memory.js";
import { templateNumber } from "./handlers/templates.js";
import { ONE_BYTE, TWO_BYTE, type ImmediateKind, type OpcodeEntry } from "./opcodes.js";

const MAX_LENGTH = 15;

/** Where instruction bytes come from. */
interface ByteSource {
  byte(address: number): number;
}

class MemorySource implements ByteSource {
  constructor(private readonly memory: Memory) {}
  byte(address: number): number {
    return this.memory.fetch8(address);
  }
}

class ArraySource implements ByteSource {
  constructor(private readonly bytes: Uint8Array, private readonly origin: number) {}
  byte(address: number): number {
    const offset = (address - this.origin) >>> 0;
    if (offset >= this.bytes.length) throw FaultSignal.page(address, "execute");
    return this.bytes[offset];
  }
}

/** Decoding state for one instruction. */
class Cursor {
  at: number;
  constructor(readonly source: ByteSource, readonly start: number) {
    this.at = start;
  }
  u8(): number {
    const value = this.source.byte(this.at);
    this.at = (this.at + 1) >>> 0;
    return value;
  }
  u16(): number {
    return this.u8() | (this.u8() << 8);
  }
  i32(): number {
    return this.u8() | (this.u8() << 8) | (this.u8() << 16) | (this.u8() << 24);
  }
}

/**
 * Decodes the instruction at `address`. With a byte array, `bytes[0]` is at address `origin`
 * (so `decodeAt(bytes, 0)` decodes the first instruction of the array at address 0).
 */
export function decodeAt(source: Memory | Uint8Array, address: number, origin = 0): DecodedInstruction {
  const bytes = source instanceof Uint8Array ? new ArraySource(source, origin) : new MemorySource(source);
  const cursor = new Cursor(bytes, address >>> 0);
  const i = new DecodedInstruction();
  i.address = address >>> 0;
  const entry = decodeOpcode(cursor, i);
  if (entry !== undefined) decodeOperands(cursor, i, entry);
  i.length = (cursor.at - i.address) >>> 0;
  i.next = cursor.at;
  if (i.length > MAX_LENGTH) makeFaulting(i, "general-protection", "instruction longer than 15 bytes");
  return i;
}

/** Reads prefixes and the opcode byte(s); returns the table entry (undefined: invalid). */
function decodeOpcode(cursor: Cursor, i: DecodedInstruction): OpcodeEntry | undefined {
  let byte = cursor.u8();
  let addressSize16 = false;
  for (let count = 0; count < MAX_LENGTH; count++) {
    if (byte === 0x66) i.operandSize = 2;
    else if (byte === 0x67) addressSize16 = true;
    else if (byte === 0xf2 || byte === 0xf3) i.mandatoryPrefix = byte;
    else if (byte === 0xf0) i.lock = true;
    else if (SEGMENT_PREFIXES.has(byte)) i.segment = SEGMENT_PREFIXES.get(byte) as number;
    else break;
    byte = cursor.u8();
  }
  let entry: OpcodeEntry | null | undefined;
  if (byte === 0x0f) {
    byte = cursor.u8();
    i.opcode = 0x0f00 | byte;
    entry = TWO_BYTE[byte];
  } else {
    i.opcode = byte;
    entry = ONE_BYTE[byte];
  }
  if (entry?.prefixed !== undefined && i.mandatoryPrefix === 0xf3 && entry.prefixed.f3 !== undefined) {
    entry = entry.prefixed.f3;
  }
  if (entry === null || entry === undefined || addressSize16) {
    makeFaulting(i, "invalid-opcode");
    return undefined;
  }
  return entry;
}

const SEGMENT_PREFIXES = new Map([
  [0x26, 0],
  [0x2e, 1],
  [0x36, 2],
  [0x3e, 3],
  [0x64, 4],
  [0x65, 5],
]);

function decodeOperands(cursor: Cursor, i: DecodedInstruction, entry: OpcodeEntry): void {
  if (entry.byteOperands) i.operandSize = 1;
  else if (entry.size32) i.operandSize = 4;
  i.reg = i.opcode & 7;
  if (entry.modrm) {
    decodeModrm(cursor, i, cursor.u8());
    if (entry.group !== undefined) {
      const member = entry.group[i.reg];
      if (member === null) return makeFaulting(i, "invalid-opcode");
      i.operation = i.reg;
      entry = member;
    }
  }
  if (entry.operation !== undefined) i.operation = entry.operation;
  decodeImmediate(cursor, i, entry.immediate);
  const handler = selectHandler(entry, i);
  if (handler === undefined) return makeFaulting(i, "invalid-opcode");
  // LOCK is only valid on read-modify-write instructions with a memory destination (else #UD).
  if (i.lock && (entry.lockable !== true || !i.isMemory)) return makeFaulting(i, "invalid-opcode");
  i.handler = handler;
  i.template = templateNumber(handler);
  i.mnemonic = mnemonicOf(entry, i);
  if (entry.string && i.mandatoryPrefix !== 0) i.repPrefix = repOf(entry, i.mandatoryPrefix);
  i.endsBlock = entry.endsBlock === true;
}

function selectHandler(entry: OpcodeEntry, i: DecodedInstruction) {
  const set = entry.handlers;
  if (i.isMemory) return i.operandSize === 4 && set.memory32 !== undefined ? set.memory32 : set.memory;
  return i.operandSize === 4 && set.register32 !== undefined ? set.register32 : set.register;
}

function mnemonicOf(entry: OpcodeEntry, i: DecodedInstruction): string {
  if (typeof entry.mnemonic === "string") return entry.mnemonic;
  return entry.mnemonic(i);
}

function repOf(entry: OpcodeEntry, prefix: number): "rep" | "repe" | "repne" {
  if (prefix === 0xf2) return "repne";
  return entry.string === "compare" ? "repe" : "rep";
}

function decodeModrm(cursor: Cursor, i: DecodedInstruction, modrm: number): void {
  const mod = modrm >> 6;
  const rm = modrm & 7;
  i.reg = (modrm >> 3) & 7;
  if (mod === 3) {
    i.rm = rm;
    return;
  }
  i.isMemory = true;
  if (rm === 4) {
    const sib = cursor.u8();
    i.scale = sib >> 6;
    const index = (sib >> 3) & 7;
    i.index = index === 4 ? NO_REGISTER : index;
    const base = sib & 7;
    if (base === 5 && mod === 0) i.displacement = cursor.i32();
    else i.base = base;
  } else if (rm === 5 && mod === 0) {
    i.displacement = cursor.i32();
    return;
  } else {
    i.base = rm;
  }
  if (mod === 1) i.displacement = (cursor.u8() << 24) >> 24;
  else if (mod === 2) i.displacement = cursor.i32();
}

function decodeImmediate(cursor: Cursor, i: DecodedInstruction, kind: ImmediateKind): void {
  const size = i.operandSize;
  switch (kind) {
    case "none": return;
    case "one": i.immediate = 1; return;
    case "ib": i.immediate = cursor.u8(); return;
    case "ibs": i.immediate = maskTo(((cursor.u8() << 24) >> 24), size); return;
    case "iw": i.immediate = cursor.u16(); return;
    case "iz": i.immediate = size === 2 ? cursor.u16() : cursor.i32(); return;
    case "enter": i.immediate = cursor.u16(); i.immediate2 = cursor.u8(); return;
    case "moffs": i.isMemory = true; i.reg = 0; i.displacement = cursor.i32(); return;
    case "jb": i.immediate = (cursor.u8() << 24) >> 24; break;
    case "jz": i.immediate = size === 2 ? (cursor.u16() << 16) >> 16 : cursor.i32(); break;
  }
  i.target = (cursor.at + i.immediate) >>> 0;
  if (size === 2) i.target &= 0xffff;
}

function maskTo(value: number, size: number): number {
  return size === 4 ? value | 0 : value & (size === 2 ? 0xffff : 0xff);
}

/** Turns `i` into an instruction that raises `kind` when executed. */
function makeFaulting(i: DecodedInstruction, kind: "invalid-opcode" | "general-protection", detail?: string): void {
  i.mnemonic = "invalid";
  i.endsBlock = true;
  i.template = 0;
  i.handler = () => {
    throw new FaultSignal(kind, undefined, undefined, detail);
  };
}
