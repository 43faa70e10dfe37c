/**
 * The x86-32 decoder: prefixes, opcode (one-byte, 0F, 0F 38 or 0F 3A map, through the decode
 * table generated from the instruction table in table/), ModRM, SIB, displacement and
 * immediates, into a `DecodedInstruction` (Intel SDM vol. 2, chapter 2).
 *
 * Prefixes: 0x66 (operand size 16), F2 / F3 (repne / rep; as mandatory prefixes they select
 * tzcnt, lzcnt, popcnt, pause and endbr32), F0 (lock: #UD unless the instruction is lockable
 * with a memory destination; otherwise it changes nothing on a single-threaded machine),
 * segment overrides (recorded and ignored: flat model). 0x67 (16-bit addressing) is not
 * supported: such instructions decode as invalid.
 * An undefined opcode, a register operand where only memory is allowed, or an instruction longer
 * than 15 bytes decodes into an instruction whose handler raises the fault (#UD or #GP) when it
 * executes; reading bytes that are not executable raises a page fault right away.
 */
import { FaultSignal } from "./faults.js";
import { DecodedInstruction, NO_REGISTER, type Handler } from "./instruction.js";
import type { Memory } from "./memory.js";
import { templateNumber } from "./handlers/templates.js";
import { DECODE_TABLE, slotIndex, type Slot } from "./table/index.js";
import type { HandlerSet, ImmediateKind } from "./table/form.js";

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
  const slot = decodeOpcode(cursor, i);
  if (slot !== undefined) decodeOperands(cursor, i, slot);
  i.length = (cursor.at - i.address) >>> 0;
  i.next = cursor.at;
  if (i.length > MAX_LENGTH) makeFaulting(i, "general-protection", "instruction longer than 15 bytes");
  return i;
}

/** Reads prefixes and the opcode byte(s); returns the decode-table slot (undefined: invalid). */
function decodeOpcode(cursor: Cursor, i: DecodedInstruction): Slot | undefined {
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
  const map = byte === 0x0f ? opcodeMap(cursor, i) : 0;
  if (map === 0) i.opcode = byte;
  const slot = lookup(map, i);
  if (slot === null || addressSize16) {
    makeFaulting(i, "invalid-opcode");
    return undefined;
  }
  return slot;
}

/** After 0F: the map (1: 0F, 2: 0F 38, 3: 0F 3A), with i.opcode set to 0x0Fxx / 0x0F38xx / 0x0F3Axx. */
function opcodeMap(cursor: Cursor, i: DecodedInstruction): number {
  const byte = cursor.u8();
  if (byte !== 0x38 && byte !== 0x3a) {
    i.opcode = 0x0f00 | byte;
    return 1;
  }
  i.opcode = (0x0f00 | byte) * 256 + cursor.u8();
  return byte === 0x38 ? 2 : 3;
}

/**
 * The slot for i.opcode in `map`: a form for the mandatory prefix present (F2 / F3, else 66)
 * if the table has one, else the form without a mandatory prefix (F2 / F3 then mean rep and 66
 * the operand size). A 66 taken as a mandatory prefix no longer sets the operand size.
 */
function lookup(map: number, i: DecodedInstruction): Slot | null {
  const opcode = i.opcode & 0xff;
  const prefix = i.mandatoryPrefix === 0xf3 ? 3 : i.mandatoryPrefix === 0xf2 ? 2 : i.operandSize === 2 ? 1 : 0;
  if (prefix !== 0) {
    const slot = DECODE_TABLE[slotIndex(map, prefix, opcode)];
    if (slot !== null) {
      if (prefix === 1) i.operandSize = 4;
      return slot;
    }
  }
  return DECODE_TABLE[slotIndex(map, 0, opcode)];
}

const SEGMENT_PREFIXES = new Map([
  [0x26, 0],
  [0x2e, 1],
  [0x36, 2],
  [0x3e, 3],
  [0x64, 4],
  [0x65, 5],
]);

const SIZES = { byte: 1, dword: 4, operand: 0 } as const;

function decodeOperands(cursor: Cursor, i: DecodedInstruction, slot: Slot): void {
  i.reg = i.opcode & 7;
  let form = slot.form;
  if (slot.group !== null || form?.modrm === true) decodeModrm(cursor, i, cursor.u8());
  if (slot.group !== null) form = slot.group[i.reg];
  if (form === null) return makeFaulting(i, "invalid-opcode");
  const size = SIZES[form.size];
  if (size !== 0) i.operandSize = size;
  i.operation = form.operation;
  decodeImmediate(cursor, i, form.immediate);
  const handler = selectHandler(form.semantics, i);
  if (handler === undefined) return makeFaulting(i, "invalid-opcode");
  // LOCK is only valid on read-modify-write instructions with a memory destination (else #UD).
  if (i.lock && (!form.lockable || !i.isMemory)) return makeFaulting(i, "invalid-opcode");
  i.form = form;
  i.handler = handler;
  i.template = templateNumber(handler);
  i.mnemonic = typeof form.mnemonic === "string" ? form.mnemonic : form.mnemonic(i);
  if (form.string !== null && i.mandatoryPrefix !== 0) i.repPrefix = repOf(form.string, i.mandatoryPrefix);
  i.endsBlock = form.endsBlock;
}

function selectHandler(set: HandlerSet, i: DecodedInstruction): Handler | undefined {
  if (i.isMemory) return i.operandSize === 4 && set.memory32 !== undefined ? set.memory32 : set.memory;
  return i.operandSize === 4 && set.register32 !== undefined ? set.register32 : set.register;
}

function repOf(kind: "move" | "compare", prefix: number): "rep" | "repe" | "repne" {
  if (prefix === 0xf2) return "repne";
  return kind === "compare" ? "repe" : "rep";
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
