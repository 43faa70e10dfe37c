/**
 * EFLAGS bits and the rules for which of them the Intel SDM (vol. 2, per-instruction "Flags
 * Affected") leaves undefined. The comparison masks these bits; everything else must match the CPU.
 */
import type { OperandSize } from "./random.js";

export const CF = 0x1, PF = 0x4, AF = 0x10, ZF = 0x40, SF = 0x80, TF = 0x100, IF = 0x200, DF = 0x400, OF = 0x800;
export const STATUS_FLAGS = CF | PF | AF | ZF | SF | OF;
/** The bits compared in the register dump: status flags and DF. */
export const COMPARED_FLAGS = STATUS_FLAGS | DF;

export const flagNames: [string, number][] = [["CF", CF], ["PF", PF], ["AF", AF], ["ZF", ZF], ["SF", SF], ["DF", DF], ["OF", OF]];

/** SHL/SHR/SAL/SAR: nothing for count 0; AF always, OF unless count 1, CF for SHL/SHR when count >= size. */
export function shiftUndefined(mnemonic: string, size: OperandSize, count: number): number {
  const masked = count & 31;
  if (masked === 0) return 0;
  let undefinedFlags = AF;
  if (masked !== 1) undefinedFlags |= OF;
  if ((mnemonic === "shl" || mnemonic === "shr") && masked >= size) undefinedFlags |= CF;
  return undefinedFlags;
}

/** ROL/ROR/RCL/RCR: only CF and OF are written; OF is defined only for a (masked) count of 1. */
export function rotateUndefined(count: number): number {
  const masked = count & 31;
  return masked === 0 || masked === 1 ? 0 : OF;
}

/** SHLD/SHRD: nothing for count 0; AF always, OF unless count 1. */
export function doubleShiftUndefined(count: number): number {
  const masked = count & 31;
  if (masked === 0) return 0;
  return masked === 1 ? AF : AF | OF;
}

export const LOGIC_UNDEFINED = AF;
export const MULTIPLY_UNDEFINED = SF | ZF | AF | PF;
export const DIVIDE_UNDEFINED = STATUS_FLAGS;
export const BIT_SCAN_UNDEFINED = CF | OF | SF | AF | PF;
export const BIT_TEST_UNDEFINED = OF | SF | AF | PF;
