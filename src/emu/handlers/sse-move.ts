/**
 * SSE/SSE2 data movement: the full-register moves (movaps, movapd, movdqa: aligned; movups,
 * movupd, movdqu), the scalar moves (movss, movsd: a load zeroes the rest of the register, a
 * register-to-register move keeps it), movd and movq, the half-register moves (movlps, movhps,
 * movlpd, movhpd, movhlps, movlhps), the bitwise logic (andps ... xorpd), the shuffles (shufps,
 * shufpd) and interleaves (unpcklps ... unpckhpd), the sign masks (movmskps, movmskpd) and
 * ldmxcsr / stmxcsr.
 */
import { FaultSignal } from "../faults.js";
import type { Handler } from "../instruction.js";
import type { Machine } from "../machine.js";
import { effectiveAddress, readRm, writeRm } from "../operands.js";
import { checkAligned, loadSlot, sourceSlot, storeSlot } from "../float/access.js";
import { MEMORY_SLOT, MXCSR_WRITABLE } from "../float/state.js";

function copy(m: Machine, from: number, to: number, firstByte: number, count: number, toByte = firstByte): void {
  const bytes = m.sse.bytes;
  bytes.copyWithin(to * 16 + toByte, from * 16 + firstByte, from * 16 + firstByte + count);
}

function clear(m: Machine, slot: number, firstByte: number): void {
  m.sse.bytes.fill(0, slot * 16 + firstByte, slot * 16 + 16);
}

/** Vx <- Wx (16 bytes; aligned or not). */
export function loadFull(aligned: boolean): Handler {
  return (m, i) => copy(m, sourceSlot(m, i, 16, aligned), i.reg, 0, 16);
}

/** Wx <- Vx. */
export function storeFull(aligned: boolean): Handler {
  return (m, i) => {
    if (!i.isMemory) return copy(m, i.reg, i.rm, 0, 16);
    const address = effectiveAddress(m, i);
    if (aligned) checkAligned(address, 16);
    storeSlot(m, address, 16, i.reg);
  };
}

/** movss / movsd / movq loads: from memory the rest is zeroed; from a register it is kept (movq: zeroed). */
export function loadScalar(size: number, zeroFromRegister = false): Handler {
  return (m, i) => {
    const source = sourceSlot(m, i, size);
    copy(m, source, i.reg, 0, size);
    if (i.isMemory || zeroFromRegister) clear(m, i.reg, size);
  };
}

/** movss / movsd / movq stores (movq 66 D6 to a register zeroes its upper half). */
export function storeScalar(size: number, zeroToRegister = false): Handler {
  return (m, i) => {
    if (i.isMemory) return storeSlot(m, effectiveAddress(m, i), size, i.reg);
    copy(m, i.reg, i.rm, 0, size);
    if (zeroToRegister) clear(m, i.rm, size);
  };
}

/** movd xmm, r/m32: zero-extended into the register. */
export const movdToXmm: Handler = (m, i) => {
  const value = readRm(m, i, 4);
  clear(m, i.reg, 0);
  m.sse.int32[i.reg * 4] = value;
};

/** movd r/m32, xmm. */
export const movdFromXmm: Handler = (m, i) => {
  writeRm(m, i, 4, m.sse.int32[i.reg * 4]);
};

/** movlps / movlpd / movhps / movhpd loads: 8 bytes of memory into the low (0) or high (8) half. */
export function loadHalf(half: number): Handler {
  return (m, i) => {
    loadSlot(m, effectiveAddress(m, i), 8, MEMORY_SLOT);
    copy(m, MEMORY_SLOT, i.reg, 0, 8, half);
  };
}

/** movlps / movlpd / movhps / movhpd stores: the low (0) or high (8) half to memory. */
export function storeHalf(half: number): Handler {
  return (m, i) => {
    copy(m, i.reg, MEMORY_SLOT, half, 8, 0);
    storeSlot(m, effectiveAddress(m, i), 8, MEMORY_SLOT);
  };
}

/** movhlps (high half of the source to the low half) and movlhps (low half to the high half). */
export const movhlps: Handler = (m, i) => copy(m, i.rm, i.reg, 8, 8, 0);
export const movlhps: Handler = (m, i) => copy(m, i.rm, i.reg, 0, 8, 8);

const LOGIC: Record<string, (a: number, b: number) => number> = {
  and: (a, b) => a & b, andn: (a, b) => ~a & b, or: (a, b) => a | b, xor: (a, b) => a ^ b,
};

/** andps andnps orps xorps and the pd and integer (pand pandn por pxor) forms: 16 bytes, aligned. */
export function logic(operation: "and" | "andn" | "or" | "xor"): Handler {
  const apply = LOGIC[operation];
  return (m, i) => {
    const source = sourceSlot(m, i, 16, true);
    const words = m.sse.int32;
    for (let word = 0; word < 4; word++) words[i.reg * 4 + word] = apply(words[i.reg * 4 + word], words[source * 4 + word]);
  };
}

/** The dwords (or qwords) of destination and source picked into a new destination. */
function pick(m: Machine, destination: number, source: number, picks: [from: "d" | "s", index: number][], size: 4 | 8): void {
  const words = m.sse.int32;
  const per = size / 4;
  const values = picks.flatMap(([from, index]) => {
    const slot = from === "d" ? destination : source;
    return Array.from({ length: per }, (_, k) => words[slot * 4 + index * per + k]);
  });
  values.forEach((value, k) => { words[destination * 4 + k] = value; });
}

/** shufps: two dwords of the destination, then two of the source, chosen by imm8. */
export const shufps: Handler = (m, i) => {
  const source = sourceSlot(m, i, 16, true);
  const imm = i.immediate;
  pick(m, i.reg, source, [["d", imm & 3], ["d", (imm >> 2) & 3], ["s", (imm >> 4) & 3], ["s", (imm >> 6) & 3]], 4);
};

/** shufpd: one qword of the destination, one of the source. */
export const shufpd: Handler = (m, i) => {
  const source = sourceSlot(m, i, 16, true);
  pick(m, i.reg, source, [["d", i.immediate & 1], ["s", (i.immediate >> 1) & 1]], 8);
};

/** unpcklps / unpckhps (dwords) and unpcklpd / unpckhpd (qwords): interleave the low or high halves. */
export function unpack(size: 4 | 8, high: boolean): Handler {
  return (m, i) => {
    const source = sourceSlot(m, i, 16, true);
    const base = high ? 8 / size : 0;
    const picks: [from: "d" | "s", index: number][] = size === 4
      ? [["d", base], ["s", base], ["d", base + 1], ["s", base + 1]]
      : [["d", base], ["s", base]];
    pick(m, i.reg, source, picks, size);
  };
}

/** movmskps / movmskpd: the elements' sign bits into a general register. */
export function signMask(size: 4 | 8): Handler {
  return (m, i) => {
    let mask = 0;
    for (let element = 0; element < 16 / size; element++) mask |= (m.sse.bytes[i.rm * 16 + element * size + size - 1] >> 7) << element;
    m.regs[i.reg] = mask;
  };
}

/** ldmxcsr m32: reserved bits set raise #GP. */
export const ldmxcsr: Handler = (m, i) => {
  const value = m.memory.read32(effectiveAddress(m, i));
  if ((value & ~MXCSR_WRITABLE) !== 0) throw new FaultSignal("general-protection", undefined, undefined, "reserved MXCSR bits");
  m.sse.mxcsr = value;
};

/** stmxcsr m32. */
export const stmxcsr: Handler = (m, i) => {
  m.memory.write32(effectiveAddress(m, i), m.sse.mxcsr);
};
