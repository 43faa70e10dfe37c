/**
 * Edge values for the floating-point cases, as bit patterns (dwords, little-endian order): signed
 * zeros, the smallest and largest denormals and normals, infinities, QNaNs and SNaNs with random
 * payloads, the default NaN, rounding ties (1 + half an ulp, 2.5, -0.5...), the limits of the
 * 32-bit integer conversions (2^31, -2^31 - 0.5...), values whose sums and products round at the
 * bottom of the normal range, and random finite numbers of all magnitudes.
 */
import type { Random } from "./random.js";

const view = new DataView(new ArrayBuffer(8));

/** A double's bits as [low, high] dwords. */
export function doubleWords(value: number): [number, number] {
  view.setFloat64(0, value, true);
  return [view.getUint32(0, true), view.getUint32(4, true)];
}

function singleWord(value: number): number {
  view.setFloat32(0, value, true);
  return view.getUint32(0, true);
}

const DOUBLE_EDGES: [number, number][] = [
  [0, 0], [0, 0x80000000], [1, 0], [1, 0x80000000], [0xffffffff, 0x000fffff], [0xffffffff, 0x800fffff],
  [0, 0x00100000], [0, 0x80100000], [0xffffffff, 0x7fefffff], [0xffffffff, 0xffefffff], [0, 0x7ff00000], [0, 0xfff00000],
  [0, 0xfff80000], [0, 0x7ff80000], [1, 0x7ff00000], [0, 0x7ff40000], [0, 0x00080000], [1, 0x00100000],
];
const DOUBLE_VALUES = [1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, 3.5, 1 + 2 ** -52, 1 - 2 ** -53, 2 ** -53, 3 * 2 ** -54, 2 ** 31, -(2 ** 31), 2 ** 31 - 0.5,
  2 ** 31 - 1, 2147483647.5, -2147483648.5, -2147483648.75, 2 ** 32, 1e300, -1e-300, 2 ** -1022 * 1.5, 2 ** -1000, 2 ** 1023, 3.4028234663852886e38,
  3.4028235677973366e38, 1.1754943508222875e-38, 1.401298464324817e-45, 7.006492321624085e-46, 0.1, 1 / 3, 16777217, 16777216.5];
const SINGLE_EDGES = [0, 0x80000000, 1, 0x80000001, 0x007fffff, 0x807fffff, 0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000,
  0xffc00000, 0x7fc00000, 0x7f800001, 0x7fa00000, 0x00400000, 0x00800001];

/** A double (as [low, high]): an edge value, a NaN with a random payload, or a random number. */
export function randomDouble(random: Random): [number, number] {
  const choice = random.int(0, 9);
  if (choice <= 2) return random.pick(DOUBLE_EDGES);
  if (choice <= 5) return doubleWords(random.pick(DOUBLE_VALUES) * (random.bool(0.2) ? -1 : 1));
  if (choice === 6) return [random.next32(), (random.bool() ? 0x7ff00000 : 0xfff00000) | (random.next32() & 0xfffff) | (random.bool() ? 0x80000 : 0)];
  if (choice === 7) return [random.next32(), (random.next32() & 0x800fffff) >>> 0];
  const exponent = random.bool(0.7) ? random.int(1023 - 40, 1023 + 40) : random.int(1, 2046);
  return [random.next32(), ((random.next32() & 0x800fffff) | (exponent << 20)) >>> 0];
}

/** A single's bits, chosen the same way. */
export function randomSingle(random: Random): number {
  const choice = random.int(0, 9);
  if (choice <= 2) return random.pick(SINGLE_EDGES) >>> 0;
  if (choice <= 5) return singleWord(random.pick(DOUBLE_VALUES) * (random.bool(0.2) ? -1 : 1));
  if (choice === 6) return ((random.bool() ? 0x7f800000 : 0xff800000) | (random.next32() & 0x3fffff) | (random.bool() ? 0x400000 : 0) | 1) >>> 0;
  if (choice === 7) return (random.next32() & 0x807fffff) >>> 0;
  const exponent = random.bool(0.7) ? random.int(127 - 20, 127 + 20) : random.int(1, 254);
  return ((random.next32() & 0x807fffff) | (exponent << 23)) >>> 0;
}

/** A 32-bit integer for conversions and integer lanes: edges or random. */
export function randomInteger(random: Random): number {
  if (random.bool(0.5)) return random.pick([0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0x80000001, 16777217, 0xff000001, 0x8000, 0x7fff, 0x80, 0x7f, 0xff]);
  return random.next32();
}

export type ElementKind = "single" | "double" | "integer";

/** Sixteen bytes (four dwords) of `kind` elements. */
export function randomVector(random: Random, kind: ElementKind): number[] {
  if (kind === "double") return [...randomDouble(random), ...randomDouble(random)];
  if (kind === "single") return [randomSingle(random), randomSingle(random), randomSingle(random), randomSingle(random)];
  return [randomInteger(random), randomInteger(random), randomInteger(random), randomInteger(random)];
}

/** MXCSR: all exceptions masked, a random rounding mode, some sticky flags already set, rarely FTZ or DAZ. */
export function randomMxcsr(random: Random): number {
  let value = 0x1f80 | (random.int(0, 3) << 13);
  if (random.bool(0.3)) value |= random.next32() & 0x3f;
  if (random.bool(0.1)) value |= 0x8000;
  if (random.bool(0.1)) value |= 0x40;
  return value;
}
