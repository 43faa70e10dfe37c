/**
 * The machine IR (MIR) that lowering produces and the encoder consumes: a flat list of x86
 * instructions per function, each an x86 mnemonic, an operand size and its operands in Intel
 * order (destination first). An operand is a physical register, a virtual register (one
 * 32-bit word of an SSA value; an i33..i64 value is the pair of its low and high words), an
 * immediate, a memory operand or a label. Block starts are `label` instructions.
 *
 * Lowering writes virtual registers wherever x86 takes an r/m operand; register allocation
 * (regalloc/) replaces each by a physical register or a stack slot, so that after its rewrite
 * stage only physical operands remain and the peephole pass and the encoder see plain x86.
 * The fixed-register constraints of each mnemonic (div's eax/edx, a shift's cl, a call's
 * clobbers) are data in ops.ts.
 */
import type { Cond, Reg } from "../x86/registers.js";
import type { Imm, Mem } from "../x86/operands.js";
import type { Label, Size } from "../x86/encoder.js";

/** A virtual register: one 32-bit word, numbered per function. */
export class VReg {
  constructor(readonly vreg: number) {}
}

export type Operand = Reg | VReg | Mem | Imm | Label;

export const aluMnemonics = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"] as const;
export const shiftMnemonics = ["rol", "ror", "rcl", "rcr", "shl", "shr", "sar"] as const;
export const unaryMnemonics = ["not", "neg", "mul", "div", "idiv"] as const;

export type MirOp =
  | "mov" | (typeof aluMnemonics)[number] | "test" | "lea" | "movzx" | "movsx" | "imul"
  | (typeof shiftMnemonics)[number] | "shld" | "shrd" | (typeof unaryMnemonics)[number]
  | "setcc" | "bsf" | "bsr" | "bswap" | "push" | "pop"
  | "label" | "jmp" | "jcc" | "call" | "ret"
  | "cdq" | "ud2" | "rep_movsb" | "rep_stosb" | "std" | "cld" | "nop";

export interface MirInstruction {
  readonly op: MirOp;
  /** Operand size in bits; for movzx/movsx the size of the source. */
  readonly size: Size;
  readonly operands: Operand[];
  /** jcc, setcc. */
  readonly cond: Cond | undefined;
  /** jmp, jcc: the label is promised to be a near forward target (short form). */
  readonly short: boolean;
  /**
   * mov: the store of a value whose only reader is the next IR instruction; the peephole
   * drops it when the next machine instruction reloads it.
   */
  readonly elidable: boolean;
  /**
   * The source location of the IR instruction this was lowered from, as an index into the
   * function's table (FunctionCompiler.sources); undefined for the prologue, for code made by
   * later passes and for modules without debug info. Emission turns it into line rows.
   */
  readonly source: number | undefined;
}

/** Every instruction is made here, with all its fields, so that they all share one shape. */
export function instruction(op: MirOp, size: Size, operands: Operand[], cond?: Cond, short = false, elidable = false, source?: number): MirInstruction {
  return { op, size, operands, cond, short, elidable, source };
}

export function isPhysical(operand: Operand): operand is Reg {
  return typeof operand === "number";
}

export function isVReg(operand: Operand): operand is VReg {
  return operand instanceof VReg;
}

export function isImm(operand: Operand): operand is Imm {
  return typeof operand === "object" && "value" in operand;
}

export function isLabel(operand: Operand): operand is Label {
  return typeof operand === "object" && "uses" in operand;
}

export function isMem(operand: Operand): operand is Mem {
  return typeof operand === "object" && "disp" in operand;
}

/** Same address, relocations excluded (a symbol never takes part in the peepholes). */
export function sameMem(a: Mem, b: Mem): boolean {
  return a.base === b.base && a.index === b.index && (a.scale ?? 1) === (b.scale ?? 1) && a.disp === b.disp;
}
