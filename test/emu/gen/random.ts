/**
 * Seeded pseudo-random numbers for the instruction test generator (mulberry32), with pickers for
 * the edge values the tests are about: 0, 1, -1, the signed limits 0x7f.. / 0x80.., 0xff.., and
 * alternating bit patterns, at 8, 16 or 32 bits.
 */

export type OperandSize = 8 | 16 | 32;

export const sizeMask: Record<OperandSize, number> = { 8: 0xff, 16: 0xffff, 32: 0xffffffff };

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniformly distributed unsigned 32-bit number. */
  next32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let mixed = this.state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return (mixed ^ (mixed >>> 14)) >>> 0;
  }

  /** An integer in [low, high] (both inclusive). */
  int(low: number, high: number): number {
    return low + (this.next32() % (high - low + 1));
  }

  bool(probability = 0.5): boolean {
    return this.next32() / 0x100000000 < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.next32() % items.length] as T;
  }

  /** An operand value: half the time one of the edge values for `size`, else random bits. */
  value(size: OperandSize): number {
    const mask = sizeMask[size];
    const sign = 2 ** (size - 1);
    if (this.bool(0.5)) {
      const edges = [0, 1, 2, mask, mask - 1, sign - 1, sign, sign + 1, 0x55555555 & mask, 0xaaaaaaaa & mask];
      return this.pick(edges) >>> 0;
    }
    if (this.bool(0.25)) return this.int(3, 40);
    return (this.next32() & mask) >>> 0;
  }

  /** A shift or rotate count: the interesting ones (0, 1, size-1, size, size+1, 31, 32, 33...) often. */
  count(size: OperandSize): number {
    if (this.bool(0.6)) return this.pick([0, 1, 2, 7, 8, 9, 15, 16, 17, size - 1, size, size + 1, 31, 32, 33, 63, 64, 255]);
    return this.int(0, 255);
  }
}
