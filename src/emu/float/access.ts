/**
 * Operand access for the SSE handlers: the source operand as a slot of the xmm state (a register,
 * or memory read into the memory slot), stores of 4, 8 or 16 bytes that change nothing when they
 * fault, the 16-byte alignment that legacy SSE packed memory operands require (#GP), the
 * rounding environment from MXCSR, and raising exception flags (#XM if one is unmasked).
 */
import { FaultSignal } from "../faults.js";
import type { DecodedInstruction } from "../instruction.js";
import type { Machine } from "../machine.js";
import { WRITE } from "../memory.js";
import { effectiveAddress } from "../operands.js";
import type { Environment } from "./ieee.js";
import { MEMORY_SLOT } from "./state.js";

/** Memory operands of 16 bytes of these forms must be 16-byte aligned (#GP otherwise). */
export function checkAligned(address: number, size: number): void {
  if (size === 16 && (address & 15) !== 0) throw new FaultSignal("general-protection", undefined, undefined, "unaligned 16-byte operand");
}

/** Reads `size` bytes at `address` into slot `slot` (the rest of the slot is zeroed). */
export function loadSlot(m: Machine, address: number, size: number, slot: number): void {
  const words = m.sse.int32;
  const values: number[] = [];
  for (let offset = 0; offset < size; offset += 4) values.push(m.memory.read32((address + offset) | 0));
  for (let word = 0; word < 4; word++) words[slot * 4 + word] = values[word] ?? 0;
}

/** The slot holding the r/m source operand: its register, or `size` bytes of memory (aligned if asked). */
export function sourceSlot(m: Machine, i: DecodedInstruction, size: number, aligned = false): number {
  if (!i.isMemory) return i.rm;
  const address = effectiveAddress(m, i);
  if (aligned) checkAligned(address, size);
  loadSlot(m, address, size, MEMORY_SLOT);
  return MEMORY_SLOT;
}

/** Stores the low `size` bytes of slot `slot` at `address`; a page fault leaves memory unchanged. */
export function storeSlot(m: Machine, address: number, size: number, slot: number): void {
  const last = (address + size - 1) >>> 0;
  for (const at of [address >>> 0, last]) {
    if ((m.memory.permissions(at) & WRITE) === 0 || !m.memory.isMapped(at)) throw FaultSignal.page(at, "write");
  }
  const words = m.sse.int32;
  for (let offset = 0; offset < size; offset += 4) m.memory.write32((address + offset) | 0, words[slot * 4 + offset / 4]);
}

export function environment(m: Machine): Environment {
  const mxcsr = m.sse.mxcsr;
  return { mode: (mxcsr >> 13) & 3, flushToZero: (mxcsr & 0x8000) !== 0, denormalsAreZero: (mxcsr & 0x40) !== 0 };
}

/**
 * Checks the exception flags raised by one instruction: an unmasked one raises #XM (SIGFPE
 * under Linux) before anything is written; otherwise the flags are made sticky in MXCSR.
 */
export function raiseFlags(m: Machine, flags: number): void {
  if (flags === 0) return;
  const unmasked = flags & ~(m.sse.mxcsr >> 7) & 0x3f;
  if (unmasked !== 0) throw new FaultSignal("divide-error", undefined, undefined, "unmasked SIMD floating-point exception (#XM)");
  m.sse.mxcsr |= flags & 0x3f;
}
