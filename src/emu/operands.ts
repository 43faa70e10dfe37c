/**
 * Operand access shared by the instruction handlers: registers by size (with AH..BH for byte
 * registers 4..7), the effective address of a ModRM memory operand, and r/m reads and writes.
 * Segment overrides are ignored: every segment base is 0 (flat model, see docs/EMULATOR.md).
 */
import type { DecodedInstruction } from "./instruction.js";
import type { Machine } from "./machine.js";

export function effectiveAddress(m: Machine, i: DecodedInstruction): number {
  const regs = m.regs;
  return (regs[i.base] + (regs[i.index] << i.scale) + i.displacement) | 0;
}

export function readRegister(m: Machine, register: number, size: number): number {
  const regs = m.regs;
  if (size === 4) return regs[register];
  if (size === 2) return regs[register] & 0xffff;
  return register < 4 ? regs[register] & 0xff : (regs[register - 4] >> 8) & 0xff;
}

export function writeRegister(m: Machine, register: number, size: number, value: number): void {
  const regs = m.regs;
  if (size === 4) regs[register] = value;
  else if (size === 2) regs[register] = (regs[register] & ~0xffff) | (value & 0xffff);
  else if (register < 4) regs[register] = (regs[register] & ~0xff) | (value & 0xff);
  else regs[register - 4] = (regs[register - 4] & ~0xff00) | ((value & 0xff) << 8);
}

export function readMemory(m: Machine, address: number, size: number): number {
  if (size === 4) return m.memory.read32(address);
  if (size === 2) return m.memory.read16(address);
  return m.memory.read8(address);
}

export function writeMemory(m: Machine, address: number, size: number, value: number): void {
  if (size === 4) m.memory.write32(address, value);
  else if (size === 2) m.memory.write16(address, value);
  else m.memory.write8(address, value);
}

/** The r/m operand's value (register or memory). */
export function readRm(m: Machine, i: DecodedInstruction, size: number): number {
  if (!i.isMemory) return readRegister(m, i.rm, size);
  return readMemory(m, effectiveAddress(m, i), size);
}

export function writeRm(m: Machine, i: DecodedInstruction, size: number, value: number): void {
  if (!i.isMemory) writeRegister(m, i.rm, size, value);
  else writeMemory(m, effectiveAddress(m, i), size, value);
}

/** Sign-extends a value of `size` bytes to int32. */
export function signExtend(value: number, size: number): number {
  if (size === 1) return (value << 24) >> 24;
  if (size === 2) return (value << 16) >> 16;
  return value | 0;
}

export function push32(m: Machine, value: number): void {
  const esp = (m.regs[4] - 4) | 0;
  m.memory.write32(esp, value);
  m.regs[4] = esp;
}

export function pop32(m: Machine): number {
  const esp = m.regs[4];
  const value = m.memory.read32(esp);
  m.regs[4] = (esp + 4) | 0;
  return value;
}

/** Push of a 2- or 4-byte value (the 0x66 prefix makes PUSH / POP 16-bit). */
export function push(m: Machine, value: number, size: number): void {
  if (size === 4) return push32(m, value);
  const esp = (m.regs[4] - 2) | 0;
  m.memory.write16(esp, value);
  m.regs[4] = esp;
}

export function pop(m: Machine, size: number): number {
  if (size === 4) return pop32(m);
  const esp = m.regs[4];
  const value = m.memory.read16(esp);
  m.regs[4] = (esp + 2) | 0;
  return value;
}
