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

/** Runs `body` once, or ECX times under a rep prefix; `body` returns false to stop early. */
function repeat(m: Machine, i: DecodedInstruction, body: () => boolean): void {
  if (i.repPrefix === "") {
    body();
    return;
  }
  const regs = m.regs;
  while (regs[ECX] !== 0) {
    const keepGoing = body();
    regs[ECX] = (regs[ECX] - 1) | 0;
    if (!keepGoing) return;
  }
}

export const movs: Handler = (m, i) => {
  const size = i.operandSize;
  const regs = m.regs;
  const delta = step(m, size);
  repeat(m, i, () => {
    writeMemory(m, regs[EDI], size, readMemory(m, regs[ESI], size));
    regs[ESI] = (regs[ESI] + delta) | 0;
    regs[EDI] = (regs[EDI] + delta) | 0;
    return true;
  });
};

export const stos: Handler = (m, i) => {
  const size = i.operandSize;
  const regs = m.regs;
  const delta = step(m, size);
  const value = readRegister(m, 0, size);
  repeat(m, i, () => {
    writeMemory(m, regs[EDI], size, value);
    regs[EDI] = (regs[EDI] + delta) | 0;
    return true;
  });
};

export const lods: Handler = (m, i) => {
  const size = i.operandSize;
  const regs = m.regs;
  const delta = step(m, size);
  repeat(m, i, () => {
    writeRegister(m, 0, size, readMemory(m, regs[ESI], size));
    regs[ESI] = (regs[ESI] + delta) | 0;
    return true;
  });
};

/** Records flags as CMP a, b; returns whether a rep / repe / repne loop continues. */
function compare(m: Machine, i: DecodedInstruction, size: number, a: number, b: number): boolean {
  const result = (a - b) & SIZE_MASK[size];
  setLazy(m, FLAGS_SUB, size, a, b, result);
  return i.repPrefix === "repne" ? result !== 0 : result === 0;
}

export const cmps: Handler = (m, i) => {
  const size = i.operandSize;
  const regs = m.regs;
  const delta = step(m, size);
  repeat(m, i, () => {
    const a = readMemory(m, regs[ESI], size);
    const b = readMemory(m, regs[EDI], size);
    regs[ESI] = (regs[ESI] + delta) | 0;
    regs[EDI] = (regs[EDI] + delta) | 0;
    return compare(m, i, size, a, b);
  });
};

export const scas: Handler = (m, i) => {
  const size = i.operandSize;
  const regs = m.regs;
  const delta = step(m, size);
  repeat(m, i, () => {
    const b = readMemory(m, regs[EDI], size);
    regs[EDI] = (regs[EDI] + delta) | 0;
    return compare(m, i, size, readRegister(m, 0, size), b);
  });
};
