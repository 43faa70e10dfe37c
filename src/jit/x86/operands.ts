/**
 * Memory operands and relocations.
 *
 * A memory operand is `[base + index*scale + disp]`; any part may be absent. An absolute
 * address that is not known while code is generated (a global in the data pool, a function's
 * stub in the code pool) is a displacement plus a relocation: the linker in module.ts adds the
 * pool's final address once the target has allocated it.
 */
import { Reg } from "./registers.js";

/** A position in one of the two pools; the final address is pool base + offset. */
export interface Symbol { pool: "code" | "data"; offset: number }

export interface Mem {
  base?: Reg;
  index?: Reg;
  scale?: 1 | 2 | 4 | 8;
  disp: number;
  /** When set, `disp` is relative to this symbol's final address. */
  symbol?: Symbol;
}

/** An immediate, possibly the address of a symbol plus `value`. */
export interface Imm { value: number; symbol?: Symbol }

export function mem(base: Reg | undefined, disp = 0, index?: Reg, scale: 1 | 2 | 4 | 8 = 1): Mem {
  const result: Mem = { disp };
  if (base !== undefined) result.base = base;
  if (index !== undefined) { result.index = index; result.scale = scale; }
  return result;
}

export function absolute(symbol: Symbol | undefined, disp: number): Mem {
  return symbol === undefined ? { disp } : { disp, symbol };
}

/** Shift a memory operand by a constant number of bytes (e.g. the high half of an i64). */
export function offsetMem(operand: Mem, delta: number): Mem {
  return { ...operand, disp: operand.disp + delta };
}

export function fitsInt8(value: number): boolean {
  return value >= -128 && value <= 127;
}
