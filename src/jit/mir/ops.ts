/**
 * What each MIR mnemonic does to its operands and to the registers it does not name: the
 * constraints a register allocator must respect, as data (Intel SDM vol. 2, per instruction).
 *
 * - access: per explicit operand, destination first: read (`use`), written (`def`) or both.
 * - register: operand positions that must be a register, never memory (lea's destination...);
 *   a virtual register there needs a physical register, a slot will not do.
 * - fixed: operand positions that, when a register, must be that register: a variable shift
 *   count is cl (ecx).
 * - implicitUses / implicitDefs: registers read or written without being operands: div/idiv
 *   divide edx:eax and leave quotient and remainder there, mul writes edx:eax, cdq reads eax
 *   and writes edx, a call returns in eax (edx:eax for i64) and clobbers the caller-saved
 *   eax/ecx/edx, rep movsb/stosb consume ecx/esi/edi (and al).
 *
 * An i64 value is a pair of virtual registers (low and high word); the instructions that
 * combine the halves (adc, sbb, shld, shrd, mul) name both. Any 8-bit register operand must be
 * al, cl, dl or bl (eax..ebx) on i386.
 */
import { Reg } from "../x86/registers.js";
import type { MirOp } from "./mir.js";

export type Access = "use" | "def" | "usedef";

export interface OpInfo {
  readonly access: readonly Access[];
  /** Fewest explicit operands (when some are optional: imul's immediate, ret's byte count). */
  readonly minimum?: number;
  readonly register?: readonly number[];
  readonly fixed?: Readonly<Record<number, Reg>>;
  readonly implicitUses?: readonly Reg[];
  readonly implicitDefs?: readonly Reg[];
}

const binary: OpInfo = { access: ["usedef", "use"] };
const compare: OpInfo = { access: ["use", "use"] };
const shift: OpInfo = { access: ["usedef", "use"], fixed: { 1: Reg.ecx } };
const doubleShift: OpInfo = { access: ["usedef", "use", "use"], register: [1], fixed: { 2: Reg.ecx } };
const extend: OpInfo = { access: ["def", "use"], register: [0] };
const divide: OpInfo = { access: ["use"], implicitUses: [Reg.eax, Reg.edx], implicitDefs: [Reg.eax, Reg.edx] };
const none: OpInfo = { access: [] };
const callerSaved = [Reg.eax, Reg.ecx, Reg.edx];

export const ops: Record<MirOp, OpInfo> = {
  mov: { access: ["def", "use"] },
  add: binary, or: binary, adc: binary, sbb: binary, and: binary, sub: binary, xor: binary,
  cmp: compare, test: compare,
  lea: { access: ["def", "use"], register: [0] },
  movzx: extend, movsx: extend,
  // The destination is only written in the three-operand form; `usedef` is the safe reading.
  imul: { access: ["usedef", "use", "use"], minimum: 2, register: [0] },
  rol: shift, ror: shift, rcl: shift, rcr: shift, shl: shift, shr: shift, sar: shift,
  shld: doubleShift, shrd: doubleShift,
  not: { access: ["usedef"] }, neg: { access: ["usedef"] },
  mul: { access: ["use"], implicitUses: [Reg.eax], implicitDefs: [Reg.eax, Reg.edx] },
  div: divide, idiv: divide,
  setcc: { access: ["def"] },
  bsf: extend, bsr: extend,
  bswap: { access: ["usedef"], register: [0] },
  push: { access: ["use"] },
  pop: { access: ["def"], register: [0] },
  label: { access: ["use"] },
  jmp: { access: ["use"] },
  jcc: { access: ["use"] },
  call: { access: ["use"], implicitDefs: callerSaved },
  ret: { access: ["use"], minimum: 0, implicitUses: [Reg.eax, Reg.edx] },
  cdq: { access: [], implicitUses: [Reg.eax], implicitDefs: [Reg.edx] },
  rep_movsb: { access: [], implicitUses: [Reg.ecx, Reg.esi, Reg.edi], implicitDefs: [Reg.ecx, Reg.esi, Reg.edi] },
  rep_stosb: { access: [], implicitUses: [Reg.eax, Reg.ecx, Reg.edi], implicitDefs: [Reg.ecx, Reg.edi] },
  ud2: none, std: none, cld: none, nop: none,
};
