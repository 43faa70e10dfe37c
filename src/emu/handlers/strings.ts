/**
 * String instructions: movs, stos, lods, cmps, scas (byte, word, dword), with the rep / repe /
 * repne prefixes (32-bit addressing: ESI, EDI, ECX). DF selects the direction. A repeated
 * instruction runs to completion within one step; ECX, ESI and EDI are updated per element, so
 * a page fault part-way leaves them pointing at the faulting element, as on the processor.
 */
import { DF, FLAGS_SUB, SIZE_MASK, setLazy } from "../flags.js";
import type { DecodedInstruction, Handler } from "../instruction.js";
import type { Machine } from "../machine.js";
import { readMemory, readRegister, writeMemory, writeRegister } from "../operands.js";

const ESI = 6;
const EDI = 7;
const ECX = 1;

function step(m: Machine, size: number): number {
  return m.eflags & DF ? -size : size;
}

/**
 * Each handler runs one element per loop turn: without a rep prefix once; with one, while ECX
 * is not zero, decrementing ECX after each element (compare instructions also stop on ZF).
 * There are no closures, so a string instruction allocates nothing.
 */
function finished(m: Machine, i: DecodedInstruction): boolean {
  if (i.repPrefix === "") return true;
  m.regs[ECX] = (m.regs[ECX] - 1) | 0;
  return m.regs[ECX] === 0;
}

function skipped(m: Machine, i: DecodedInstruction): boolean {
  return i.repPrefix !== "" && m.regs[ECX] === 0;
}

export const movs: Handler = (m, i) => {
  const size = i.operandSize;
  const regs = m.regs;
  const delta = step(m, size);
  if (skipped(m, i)) return;
  do {
    writeMemory(m, regs[EDI], size, readMemory(m, regs[ESI], size));
    regs[ESI] = (regs[ESI] + delta) | 0;
    regs[EDI] = (regs[EDI] + delta) | 0;
  } while (!finished(m, i));
};

export const stos: Handler = (m, i) => {
  const size = i.operandSize;
  const regs = m.regs;
  const delta = step(m, size);
  const value = readRegister(m, 0, size);
  if (skipped(m, i)) return;
  do {
    writeMemory(m, regs[EDI], size, value);
    regs[EDI] = (regs[EDI] + delta) | 0;
  } while (!finished(m, i));
};

export const lods: Handler = (m, i) => {
  const size = i.operandSize;
  const regs = m.regs;
  const delta = step(m, size);
  if (skipped(m, i)) return;
  do {
    writeRegister(m, 0, size, readMemory(m, regs[ESI], size));
    regs[ESI] = (regs[ESI] + delta) | 0;
  } while (!finished(m, i));
};

/** Records flags as CMP a, b; returns whether a repe / repne loop stops on this element. */
function compareStops(m: Machine, i: DecodedInstruction, size: number, a: number, b: number): boolean {
  const result = (a - b) & SIZE_MASK[size];
  setLazy(m, FLAGS_SUB, size, a, b, result);
  return i.repPrefix === "repne" ? result === 0 : result !== 0;
}

export const cmps: Handler = (m, i) => {
  const size = i.operandSize;
  const regs = m.regs;
  const delta = step(m, size);
  if (skipped(m, i)) return;
  for (;;) {
    const a = readMemory(m, regs[ESI], size);
    const b = readMemory(m, regs[EDI], size);
    regs[ESI] = (regs[ESI] + delta) | 0;
    regs[EDI] = (regs[EDI] + delta) | 0;
    const stops = compareStops(m, i, size, a, b);
    if (finished(m, i) || stops) return;
  }
};

export const scas: Handler = (m, i) => {
  const size = i.operandSize;
  const regs = m.regs;
  const delta = step(m, size);
  if (skipped(m, i)) return;
  for (;;) {
    const b = readMemory(m, regs[EDI], size);
    regs[EDI] = (regs[EDI] + delta) | 0;
    const stops = compareStops(m, i, size, readRegister(m, 0, size), b);
    if (finished(m, i) || stops) return;
  }
};
