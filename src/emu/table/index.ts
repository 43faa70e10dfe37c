/**
 * The emulator's instruction table: every form the emulator executes (table/arith.ts,
 * table/data.ts, table/control.ts, table/sse.ts, table/x87.ts), and what is generated from it:
 * - the decode tables: a slot per (opcode map, mandatory prefix, opcode byte) holding a form or
 *   a group of eight chosen by ModRM reg; register-in-opcode forms fill eight slots, where a
 *   form stated for one exact opcode (90 nop among the 90+r xchg) takes precedence;
 * - what the translator and the interpreter need to know per instruction: whether it may write
 *   memory, whether it may fault, whether it overwrites all status flags or touches none.
 * Opcodes absent here (MMX, segment loads, I/O, BCD, far transfers) decode as invalid.
 */
import { STATUS_FLAGS } from "../flags.js";
import type { DecodedInstruction, Handler } from "../instruction.js";
import { ARITHMETIC_FORMS } from "./arith.js";
import { CONTROL_FORMS } from "./control.js";
import { DATA_FORMS } from "./data.js";
import { SSE_FORMS } from "./sse.js";
import { X87_FORMS } from "./x87.js";
import { MANDATORY_PREFIXES, OPCODE_MAPS, type Form, type MandatoryPrefix, type MemoryAccess, type OpcodeMap } from "./form.js";

export const FORMS: readonly Form[] = [...ARITHMETIC_FORMS, ...DATA_FORMS, ...CONTROL_FORMS, ...SSE_FORMS, ...X87_FORMS];

/** One decode-table slot: a form, or a group of eight forms by ModRM reg (null: invalid). */
export interface Slot {
  form: Form | null;
  group: (Form | null)[] | null;
}

/** Slots by slotIndex(map, prefix, opcode); null where nothing is defined. */
export const DECODE_TABLE: (Slot | null)[] = buildDecodeTable(FORMS);

export function slotIndex(map: number, prefix: number, opcode: number): number {
  return (map * MANDATORY_PREFIXES.length + prefix) * 256 + opcode;
}

export function mapNumber(map: OpcodeMap): number {
  return OPCODE_MAPS.indexOf(map);
}

export function prefixNumber(prefix: MandatoryPrefix): number {
  return MANDATORY_PREFIXES.indexOf(prefix);
}

function buildDecodeTable(forms: readonly Form[]): (Slot | null)[] {
  const table: (Slot | null)[] = new Array<Slot | null>(OPCODE_MAPS.length * MANDATORY_PREFIXES.length * 256).fill(null);
  const ranged = forms.filter((f) => f.registerInOpcode);
  const exact = forms.filter((f) => !f.registerInOpcode);
  for (const f of ranged) {
    for (let register = 0; register < 8; register++) place(table, f, f.opcode + register, true);
  }
  for (const f of exact) place(table, f, f.opcode, false);
  return table;
}

function place(table: (Slot | null)[], f: Form, opcode: number, ranged: boolean): void {
  const index = slotIndex(mapNumber(f.map), prefixNumber(f.prefix), opcode);
  const existing = table[index];
  const where = `${f.map} ${f.prefix} ${opcode.toString(16)}`;
  if (f.reg === null) {
    if (existing !== null && (ranged || !existing.form?.registerInOpcode)) throw new Error(`instruction table: two forms at ${where}`);
    table[index] = { form: f, group: null };
    return;
  }
  const slot = existing ?? { form: null, group: new Array<Form | null>(8).fill(null) };
  if (slot.group === null || slot.group[f.reg] !== null) throw new Error(`instruction table: two forms at ${where} /${f.reg}`);
  slot.group[f.reg] = f;
  table[index] = slot;
}

function writes(access: MemoryAccess): boolean {
  return access === "write" || access === "read-write";
}

/** Whether an instruction of form `f` (with a memory operand or not) may write guest memory. */
export function writesMemory(f: Form, isMemory: boolean): boolean {
  return (isMemory && writes(f.memory)) || writes(f.implicitMemory);
}

export function mayWriteMemory(f: Form, i: DecodedInstruction): boolean {
  return writesMemory(f, i.isMemory);
}

/** Whether executing `i` may raise a fault or stop (a page fault needs a memory access). */
export function mayFault(f: Form, i: DecodedInstruction): boolean {
  return f.faults.length > 0 || (i.isMemory && f.memory !== "none") || f.implicitMemory !== "none";
}

/** `i` neither reads nor writes flags and cannot fault: flag state passes through it unseen. */
export function isFlagTransparent(f: Form, i: DecodedInstruction): boolean {
  return f.flags.read === 0 && f.flags.written === 0 && !mayFault(f, i);
}

/** `i` overwrites all six status flags without reading any, and cannot fault. */
export function killsStatusFlags(f: Form, i: DecodedInstruction): boolean {
  if (f.flags.read !== 0 || (f.flags.written & STATUS_FLAGS) !== STATUS_FLAGS || mayFault(f, i)) return false;
  if (f.flags.when === "always") return true;
  if (f.flags.when === "element") return i.repPrefix === "";
  // A shift by a count of 0 changes no flags; a count in CL is unknown until it runs.
  return (f.immediate === "ib" || f.immediate === "one") && (i.immediate & 31) !== 0;
}

/** The handlers of a form with whether each runs with a memory operand. */
export function formHandlers(f: Form): { handler: Handler; memory: boolean }[] {
  const s = f.semantics;
  const list = [
    { handler: s.register, memory: false }, { handler: s.register32, memory: false },
    { handler: s.memory, memory: true }, { handler: s.memory32, memory: true },
  ];
  return list.filter((entry): entry is { handler: Handler; memory: boolean } => entry.handler !== undefined);
}
