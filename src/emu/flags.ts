/**
 * EFLAGS with lazy evaluation of the six status flags.
 *
 * Arithmetic instructions do not compute flags; they record the operation, its operands and its
 * result (`flagsOp`, `flagsA`, `flagsB`, `flagsResult`, `flagsSign`), and a flag is derived only
 * when something reads it (a jcc, setcc, adc, pushfd...). ZF, SF and PF always come from the
 * recorded result; CF, OF and AF depend on the operation (Intel SDM vol. 1, 3.4.3.1 and the
 * per-instruction "Flags Affected" sections). `FLAGS_NONE` means all status flags are in
 * `eflags` itself. `FLAGS_PRESET` is for instructions whose CF/OF/AF are cheap to compute
 * eagerly (shifts, multiplies): those bits sit in `flagsA`, the rest still comes from the result.
 */
import type { Machine } from "./machine.js";

export const CF = 0x1;
export const PF = 0x4;
export const AF = 0x10;
export const ZF = 0x40;
export const SF = 0x80;
export const TF = 0x100;
export const IF = 0x200;
export const DF = 0x400;
export const OF = 0x800;
export const STATUS_FLAGS = CF | PF | AF | ZF | SF | OF;
/** Bits a user-mode POPFD can change (CF PF AF ZF SF DF OF NT AC ID); IF stays set, TF is not emulated. */
export const POPF_MASK = CF | PF | AF | ZF | SF | DF | OF | 0x4000 | 0x40000 | 0x200000;
/** EFLAGS of a fresh Linux process: IF and the always-one bit 1. */
export const INITIAL_EFLAGS = 0x202;

export const FLAGS_NONE = 0;
export const FLAGS_ADD = 1;
/** ADD with a carry-in of 1 (ADC when CF was set). */
export const FLAGS_ADC = 2;
export const FLAGS_SUB = 3;
/** SUB with a borrow-in of 1 (SBB when CF was set). */
export const FLAGS_SBB = 4;
export const FLAGS_LOGIC = 5;
/** INC / DEC: like ADD / SUB of 1, but CF is kept in `eflags`. */
export const FLAGS_INC = 6;
export const FLAGS_DEC = 7;
export const FLAGS_PRESET = 8;

/** Sign bit and mask by operand size in bytes. */
export const SIGN_BIT = [0, 0x80, 0x8000, 0, 0x80000000 | 0];
export const SIZE_MASK = [0, 0xff, 0xffff, 0, -1];

/** 1 where a byte has an even number of set bits (PF). */
export const PARITY = new Uint8Array(256);
for (let value = 0; value < 256; value++) {
  let bits = 0;
  for (let k = 0; k < 8; k++) bits += (value >> k) & 1;
  PARITY[value] = bits % 2 === 0 ? 1 : 0;
}

/** Records a lazily evaluated result. `result`, `a`, `b` are in operand representation. */
export function setLazy(m: Machine, op: number, size: number, a: number, b: number, result: number): void {
  m.flagsOp = op;
  m.flagsA = a;
  m.flagsB = b;
  m.flagsResult = result;
  m.flagsSign = SIGN_BIT[size];
}

/** Records a result whose CF/OF/AF (given as EFLAGS bits in `preset`) were computed eagerly. */
export function setPreset(m: Machine, size: number, result: number, preset: number): void {
  m.flagsOp = FLAGS_PRESET;
  m.flagsA = preset;
  m.flagsResult = result;
  m.flagsSign = SIGN_BIT[size];
}

/*
 * Each status flag is also a pure function of the lazy state (operation, operands, result, sign
 * bit, and EFLAGS for FLAGS_NONE): the block translator keeps that state in local variables and
 * calls these; the getXF(m) readers below apply them to the machine's fields.
 */

export function carryOf(op: number, a: number, b: number, result: number, eflags: number): number {
  switch (op) {
    case FLAGS_ADD: return (result >>> 0) < a >>> 0 ? 1 : 0;
    case FLAGS_ADC: return (result >>> 0) <= a >>> 0 ? 1 : 0;
    case FLAGS_SUB: return a >>> 0 < b >>> 0 ? 1 : 0;
    case FLAGS_SBB: return a >>> 0 <= b >>> 0 ? 1 : 0;
    case FLAGS_LOGIC: return 0;
    case FLAGS_PRESET: return a & CF;
    default: return eflags & CF;
  }
}

export function zeroOf(op: number, result: number, eflags: number): boolean {
  return op === FLAGS_NONE ? (eflags & ZF) !== 0 : result === 0;
}

export function signOf(op: number, result: number, sign: number, eflags: number): boolean {
  return op === FLAGS_NONE ? (eflags & SF) !== 0 : (result & sign) !== 0;
}

export function parityOf(op: number, result: number, eflags: number): boolean {
  return op === FLAGS_NONE ? (eflags & PF) !== 0 : PARITY[result & 0xff] === 1;
}

export function overflowOf(op: number, a: number, b: number, result: number, sign: number, eflags: number): boolean {
  switch (op) {
    case FLAGS_ADD:
    case FLAGS_ADC:
    case FLAGS_INC:
      return ((a ^ result) & (b ^ result) & sign) !== 0;
    case FLAGS_SUB:
    case FLAGS_SBB:
    case FLAGS_DEC:
      return ((a ^ b) & (a ^ result) & sign) !== 0;
    case FLAGS_LOGIC: return false;
    case FLAGS_PRESET: return (a & OF) !== 0;
    default: return (eflags & OF) !== 0;
  }
}

export function getCF(m: Machine): number {
  return carryOf(m.flagsOp, m.flagsA, m.flagsB, m.flagsResult, m.eflags);
}

export function getZF(m: Machine): boolean {
  return zeroOf(m.flagsOp, m.flagsResult, m.eflags);
}

export function getSF(m: Machine): boolean {
  return signOf(m.flagsOp, m.flagsResult, m.flagsSign, m.eflags);
}

export function getPF(m: Machine): boolean {
  return parityOf(m.flagsOp, m.flagsResult, m.eflags);
}

export function getOF(m: Machine): boolean {
  return overflowOf(m.flagsOp, m.flagsA, m.flagsB, m.flagsResult, m.flagsSign, m.eflags);
}

export function getAF(m: Machine): boolean {
  switch (m.flagsOp) {
    case FLAGS_NONE: return (m.eflags & AF) !== 0;
    case FLAGS_LOGIC: return false;
    case FLAGS_PRESET: return (m.flagsA & AF) !== 0;
    default: return ((m.flagsA ^ m.flagsB ^ m.flagsResult) & 0x10) !== 0;
  }
}

/** The full EFLAGS value with the status flags evaluated. */
export function getEflags(m: Machine): number {
  if (m.flagsOp === FLAGS_NONE) return m.eflags;
  let flags = m.eflags & ~STATUS_FLAGS;
  flags |= getCF(m);
  if (getPF(m)) flags |= PF;
  if (getAF(m)) flags |= AF;
  if (getZF(m)) flags |= ZF;
  if (getSF(m)) flags |= SF;
  if (getOF(m)) flags |= OF;
  return flags;
}

/** Sets EFLAGS wholesale (status flags become non-lazy). Bit 1 always reads as one. */
export function setEflags(m: Machine, value: number): void {
  m.eflags = (value | 2) & ~0x8028;
  m.flagsOp = FLAGS_NONE;
}

/** Evaluates the lazy flags into `eflags` and leaves them non-lazy (before changing one flag). */
export function materialize(m: Machine): void {
  if (m.flagsOp !== FLAGS_NONE) setEflags(m, getEflags(m));
}

/** Condition code cc (0..15, the low nibble of Jcc / SETcc / CMOVcc). */
export function condition(m: Machine, cc: number): boolean {
  let value: boolean;
  switch (cc >> 1) {
    case 0: value = getOF(m); break;
    case 1: value = getCF(m) !== 0; break;
    case 2: value = getZF(m); break;
    case 3: value = getCF(m) !== 0 || getZF(m); break;
    case 4: value = getSF(m); break;
    case 5: value = getPF(m); break;
    case 6: value = getSF(m) !== getOF(m); break;
    default: value = getZF(m) || getSF(m) !== getOF(m); break;
  }
  return (cc & 1) === 0 ? value : !value;
}
