/**
 * SSE2 integer instructions on xmm registers (the 66-prefixed forms; the MMX ones are not
 * supported): padd/psub b/w/d/q (wrapping), pcmpeq and pcmpgt b/w/d (signed), the shifts
 * psll/psrl w/d/q and psra w/d by imm8 or by the low 64 bits of an xmm operand (a count beyond
 * the element width clears, or fills with the sign for psra), pslldq/psrldq (bytes), pshufd,
 * pshuflw, pshufhw, punpckl/h bw wd dq qdq, pmovmskb. A memory operand is 16 aligned bytes.
 */
import type { Handler } from "../instruction.js";
import type { Machine } from "../machine.js";
import { sourceSlot } from "../float/access.js";

export type Lane = 1 | 2 | 4 | 8;

/** Element `index` of `slot` as an unsigned bigint of `lane` bytes. */
function lane(m: Machine, slot: number, index: number, size: Lane): bigint {
  let value = 0n;
  for (let byte = size - 1; byte >= 0; byte--) value = (value << 8n) | BigInt(m.sse.bytes[slot * 16 + index * size + byte]);
  return value;
}

function setLane(m: Machine, slot: number, index: number, size: Lane, value: bigint): void {
  let rest = BigInt.asUintN(size * 8, value);
  for (let byte = 0; byte < size; byte++) {
    m.sse.bytes[slot * 16 + index * size + byte] = Number(rest & 0xffn);
    rest >>= 8n;
  }
}

/** Lane-wise `operate(destination, source)` on `size`-byte lanes (values unsigned; signed for `signedLanes`). */
function laneWise(size: Lane, operate: (a: bigint, b: bigint) => bigint, signedLanes = false): Handler {
  const bits = size * 8;
  return (m, i) => {
    const source = sourceSlot(m, i, 16, true);
    const read = (slot: number, index: number) => {
      const value = lane(m, slot, index, size);
      return signedLanes ? BigInt.asIntN(bits, value) : value;
    };
    const results = Array.from({ length: 16 / size }, (_, index) => operate(read(i.reg, index), read(source, index)));
    results.forEach((value, index) => setLane(m, i.reg, index, size, value));
  };
}

export const add = (size: Lane): Handler => laneWise(size, (a, b) => a + b);
export const subtract = (size: Lane): Handler => laneWise(size, (a, b) => a - b);
export const compareEqual = (size: Lane): Handler => laneWise(size, (a, b) => (a === b ? -1n : 0n));
export const compareGreater = (size: Lane): Handler => laneWise(size, (a, b) => (a > b ? -1n : 0n), true);

export type ShiftKind = "left" | "right" | "arithmetic";

function shiftLane(value: bigint, count: bigint, bits: number, kind: ShiftKind): bigint {
  if (kind === "arithmetic") return BigInt.asIntN(bits, value) >> (count >= BigInt(bits) ? BigInt(bits - 1) : count);
  if (count >= BigInt(bits)) return 0n;
  return kind === "left" ? value << count : value >> count;
}

function shiftRegister(m: Machine, register: number, size: Lane, kind: ShiftKind, count: bigint): void {
  for (let index = 0; index < 16 / size; index++) setLane(m, register, index, size, shiftLane(lane(m, register, index, size), count, size * 8, kind));
}

/** psllw ... psrad by imm8 (the register is the r/m operand). */
export function shiftImmediate(size: Lane, kind: ShiftKind): Handler {
  return (m, i) => shiftRegister(m, i.rm, size, kind, BigInt(i.immediate & 0xff));
}

/** psllw ... psrad by the low 64 bits of the source (xmm or m128). */
export function shiftByRegister(size: Lane, kind: ShiftKind): Handler {
  return (m, i) => {
    const source = sourceSlot(m, i, 16, true);
    shiftRegister(m, i.reg, size, kind, m.sse.uint64[source * 2]);
  };
}

/** pslldq / psrldq: the whole register by imm8 bytes. */
export function shiftBytes(left: boolean): Handler {
  return (m, i) => {
    const count = Math.min(i.immediate & 0xff, 16);
    const old = m.sse.bytes.slice(i.rm * 16, i.rm * 16 + 16);
    for (let byte = 0; byte < 16; byte++) {
      const from = left ? byte - count : byte + count;
      m.sse.bytes[i.rm * 16 + byte] = from >= 0 && from < 16 ? old[from] : 0;
    }
  };
}

/** pshufd (dwords 0-3), pshuflw (words 0-3, the high qword copied), pshufhw (words 4-7). */
export function shuffle(kind: "dwords" | "low-words" | "high-words"): Handler {
  return (m, i) => {
    const source = sourceSlot(m, i, 16, true);
    const size: Lane = kind === "dwords" ? 4 : 2;
    const first = kind === "high-words" ? 4 : 0;
    const old = Array.from({ length: 16 / size }, (_, index) => lane(m, source, index, size));
    const result = [...old];
    for (let k = 0; k < 4; k++) result[first + k] = old[first + ((i.immediate >> (2 * k)) & 3)];
    result.forEach((value, index) => setLane(m, i.reg, index, size, value));
  };
}

/** punpckl* / punpckh*: interleave the low or high halves of destination and source, `size`-byte lanes. */
export function interleave(size: Lane, high: boolean): Handler {
  return (m, i) => {
    const source = sourceSlot(m, i, 16, true);
    const half = 8 / size;
    const base = high ? half : 0;
    const result: bigint[] = [];
    for (let index = 0; index < half; index++) result.push(lane(m, i.reg, base + index, size), lane(m, source, base + index, size));
    result.forEach((value, index) => setLane(m, i.reg, index, size, value));
  };
}

/** pmovmskb: the sixteen bytes' sign bits. */
export const pmovmskb: Handler = (m, i) => {
  let mask = 0;
  for (let byte = 0; byte < 16; byte++) mask |= (m.sse.bytes[i.rm * 16 + byte] >> 7) << byte;
  m.regs[i.reg] = mask;
};
