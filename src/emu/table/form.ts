/**
 * The shape of one row of the emulator's instruction table (v86's way: one declarative table
 * drives the decoder, the interpreter, the block translator and the tests).
 *
 * A form is one encoding of one instruction: where it sits in the opcode maps (Intel SDM
 * vol. 2, appendix A: map, mandatory prefix, opcode byte, ModRM reg field for group members or
 * a register in the opcode's low three bits), its operands in the SDM's opcode-map notation
 * (Eb, Gv, Iz, ...), its operand size, the status flags (and DF) it reads and writes, how it
 * touches memory, the faults it can raise besides page faults, whether it ends a block, and its
 * semantics (the handlers that execute it). Decoding facts (ModRM present, immediate kind) are
 * derived from the operands, not stated twice.
 */
import { AF, CF, DF, OF, PF, SF, ZF } from "../flags.js";
import type { DecodedInstruction, Handler } from "../instruction.js";

/** The opcode maps: one-byte, 0F, 0F 38, 0F 3A. */
export type OpcodeMap = "one-byte" | "0f" | "0f38" | "0f3a";
export const OPCODE_MAPS: readonly OpcodeMap[] = ["one-byte", "0f", "0f38", "0f3a"];

/** The mandatory prefix that selects the form ("none": any prefixes keep their legacy meaning). */
export type MandatoryPrefix = "none" | "66" | "f2" | "f3";
export const MANDATORY_PREFIXES: readonly MandatoryPrefix[] = ["none", "66", "f2", "f3"];

/**
 * Operands in the SDM's opcode-map notation (appendix A.2): E = ModRM r/m, G = ModRM reg,
 * M = ModRM memory only, I = immediate (Ibs: a byte sign-extended to the operand size),
 * J = relative branch, O = moffs, X = DS:[ESI], Y = ES:[EDI]; sizes b (byte), w (word),
 * d (dword), v (word or dword by operand size), z (as v, immediates at most 32 bits), q (qword).
 * Z is a register in the opcode's low three bits; AL, rAX, CL and 1 are themselves;
 * "xlat" is XLAT's implicit [EBX + AL].
 * SSE operands (A.2.1): V = an xmm register in ModRM reg, W = an xmm register or memory in
 * ModRM r/m, U = an xmm register in ModRM r/m (no memory); sizes x (128 bits), ss / sd (a
 * scalar single / double), q (64 bits), d (32 bits); Mw and Md are 16- and 32-bit memory
 * operands (x87 and MXCSR), Gd a 32-bit general register.
 */
export type Operand =
  | "Eb" | "Ew" | "Ev" | "Ed" | "Gb" | "Gv" | "M" | "Mb" | "Mq"
  | "Ib" | "Ibs" | "Iw" | "Iz" | "Jb" | "Jz" | "Ob" | "Ov" | "Xb" | "Xv" | "Yb" | "Yv"
  | "Zb" | "Zv" | "Zd" | "AL" | "rAX" | "CL" | "1" | "xlat"
  | "Vx" | "Vss" | "Vsd" | "Vq" | "Vd" | "Wx" | "Wss" | "Wsd" | "Wq" | "Ux" | "Md" | "Gd" | "Mw";

/**
 * none; one (the constant 1 of D0/D1); ib (unsigned byte); ibs (byte sign-extended to the
 * operand size); iw; iz (word or dword by operand size); enter (iw, ib); moffs (a 32-bit
 * address: memory operand, reg 0); jb / jz (relative branch displacements).
 */
export type ImmediateKind = "none" | "one" | "ib" | "ibs" | "iw" | "iz" | "enter" | "moffs" | "jb" | "jz";

/** What `DecodedInstruction.operandSize` becomes: 1, 2 or 4 by the 0x66 prefix, or always 4. */
export type OperandSize = "byte" | "operand" | "dword";

/** How a form touches memory: through its ModRM / moffs operand, or implicitly (stack, strings). */
export type MemoryAccess = "none" | "read" | "write" | "read-write";

/** Faults a form can raise besides page faults (which follow from its memory access). */
export type FaultKind = "divide-error" | "invalid-opcode" | "general-protection" | "breakpoint" | "stop";

/**
 * When the written flags are written: always; only for a non-zero masked count (shifts and
 * rotates); only if an element is processed (string instructions, not under rep with ECX 0).
 */
export type FlagsCondition = "always" | "count" | "element";

/** The flag bits the table speaks of (EFLAGS positions): the six status flags and DF. */
export const TABLE_FLAGS = CF | PF | AF | ZF | SF | OF | DF;
export { AF, CF, DF, OF, PF, SF, ZF };

export interface FlagEffects {
  read: number;
  written: number;
  when: FlagsCondition;
}

export interface HandlerSet {
  register?: Handler;
  memory?: Handler;
  /** Faster handlers for 32-bit operands, where they exist. */
  register32?: Handler;
  memory32?: Handler;
}

export interface Form {
  /** iced-x86's Mnemonic name, lowercased; a function where it depends on the operands. */
  mnemonic: string | ((i: DecodedInstruction) => string);
  map: OpcodeMap;
  opcode: number;
  prefix: MandatoryPrefix;
  /** The ModRM reg field that selects this member of a group opcode, or null. */
  reg: number | null;
  /** The opcode's low three bits name a register (opcode is the first of the eight). */
  registerInOpcode: boolean;
  operands: Operand[];
  size: OperandSize;
  flags: FlagEffects;
  memory: MemoryAccess;
  implicitMemory: MemoryAccess;
  /** Faults besides page faults; a page fault is possible exactly when memory is accessed. */
  faults: FaultKind[];
  endsBlock: boolean;
  /** A LOCK prefix is allowed (with a memory destination). */
  lockable: boolean;
  /** String instructions: which rep spelling an F3 prefix has. */
  string: "move" | "compare" | null;
  /** DecodedInstruction.operation: ALU operation, condition code, group member. */
  operation: number;
  semantics: HandlerSet;
  /** Derived from the operands: a ModRM byte follows the opcode. */
  modrm: boolean;
  /** Derived from the operands. */
  immediate: ImmediateKind;
}

/** What a table row states; the rest has defaults or is derived. */
export type FormSpec = Partial<Omit<Form, "modrm" | "immediate" | "flags">> &
  Pick<Form, "mnemonic" | "opcode" | "semantics"> & { flags?: Partial<FlagEffects> };

const IMMEDIATES: Partial<Record<Operand, ImmediateKind>> = {
  "1": "one", Ib: "ib", Ibs: "ibs", Iw: "iw", Iz: "iz", Jb: "jb", Jz: "jz", Ob: "moffs", Ov: "moffs",
};

function immediateOf(operands: Operand[]): ImmediateKind {
  if (operands.includes("Iw") && operands.includes("Ib")) return "enter";
  for (const operand of operands) {
    const kind = IMMEDIATES[operand];
    if (kind !== undefined) return kind;
  }
  return "none";
}

/**
 * A complete form from a table row (defaults: one-byte map, no mandatory prefix, 16/32-bit
 * operands, no flags, no memory access, no faults). Every form has the same fields in the same
 * order, so the decoder's reads of them stay monomorphic.
 */
export function form(spec: FormSpec): Form {
  const operands = spec.operands ?? [];
  const reg = spec.reg ?? null;
  return {
    mnemonic: spec.mnemonic, map: spec.map ?? "one-byte", opcode: spec.opcode, prefix: spec.prefix ?? "none",
    reg, registerInOpcode: spec.registerInOpcode ?? false, operands, size: spec.size ?? "operand",
    flags: { read: spec.flags?.read ?? 0, written: spec.flags?.written ?? 0, when: spec.flags?.when ?? "always" },
    memory: spec.memory ?? "none", implicitMemory: spec.implicitMemory ?? "none", faults: spec.faults ?? [],
    endsBlock: spec.endsBlock ?? false, lockable: spec.lockable ?? false, string: spec.string ?? null,
    operation: spec.operation ?? reg ?? 0, semantics: spec.semantics,
    modrm: reg !== null || operands.some((operand) => /^[EGMVWU]/.test(operand)),
    immediate: immediateOf(operands),
  };
}

export const both = (handler: Handler): HandlerSet => ({ register: handler, memory: handler });

/** The status flags a condition code (0..15) reads (Intel SDM vol. 1, appendix B). */
export const CONDITION_FLAGS = [OF, OF, CF, CF, ZF, ZF, CF | ZF, CF | ZF, SF, SF, PF, PF, SF | OF, SF | OF, ZF | SF | OF, ZF | SF | OF];
export const CONDITION_NAMES = ["o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"];
