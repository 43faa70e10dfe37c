/**
 * The x87 FPU state (Intel SDM vol. 1, 8.1): eight data registers used as a stack, TOP, the
 * control word, the status word's flags and condition codes, and which registers are empty.
 *
 * The registers hold IEEE doubles, not 80-bit extended values: this emulator's x87 computes in
 * double precision with the double exponent range (docs/EMULATOR.md says what differs from a
 * CPU, which agrees when the precision control is 53 bits and values stay in the double range).
 * Register `k` of the stack, ST(k), is physical register (top + k) & 7.
 */

/** The control word after finit and in a new Linux process: all exceptions masked, 64-bit precision, round to nearest. */
export const CONTROL_DEFAULT = 0x037f;

/** Status word bits (TOP, bits 11-13, is kept in `top`). */
export const STACK_FAULT = 0x40;
export const ERROR_SUMMARY = 0x80;
export const C0 = 0x100;
export const C1 = 0x200;
export const C2 = 0x400;
export const C3 = 0x4000;
export const CONDITION_CODES = C0 | C1 | C2 | C3;

export class X87State {
  private readonly buffer = new ArrayBuffer(64);
  /** The registers as numbers and as bit patterns (moves copy bits, so NaN payloads survive). */
  readonly registers = new Float64Array(this.buffer);
  readonly bits = new BigUint64Array(this.buffer);
  /** 1 where the physical register is empty. */
  readonly empty = new Uint8Array(8).fill(1);
  top = 0;
  control = CONTROL_DEFAULT;
  /** The status word without TOP. */
  status = 0;

  /** finit / fninit. */
  reset(): void {
    this.empty.fill(1);
    this.top = 0;
    this.control = CONTROL_DEFAULT;
    this.status = 0;
  }

  physical(stackIndex: number): number {
    return (this.top + stackIndex) & 7;
  }

  /** The status word as fnstsw stores it. */
  statusWord(): number {
    return (this.status & ~0x3800) | (this.top << 11);
  }

  /** The tag word (00 valid, 01 zero, 10 special, 11 empty) as fnstenv stores it. */
  tagWord(): number {
    let word = 0;
    for (let register = 0; register < 8; register++) {
      const value = this.registers[register];
      const tag = this.empty[register] ? 3 : value === 0 ? 1 : Number.isFinite(value) ? 0 : 2;
      word |= tag << (2 * register);
    }
    return word;
  }
}
