/**
 * The SSE machine state: xmm0-xmm7 and MXCSR (Intel SDM vol. 1, 10.2).
 *
 * The eight 128-bit registers live in one ArrayBuffer with byte, int32, float32, float64 and
 * 64-bit integer views over it, so an element is read and written bit for bit (a NaN's payload
 * survives). Slot 8 after the registers is the source operand read from memory: handlers take
 * their source from a slot number whether it is a register or memory. Slot 9 holds results
 * until every element is computed (an unmasked exception must leave the destination as it was).
 */

/** MXCSR after reset and in a new process: all exceptions masked, round to nearest. */
export const MXCSR_DEFAULT = 0x1f80;
/** MXCSR bits that may be set (bits 16-31 are reserved: ldmxcsr raises #GP). */
export const MXCSR_WRITABLE = 0xffff;

/** The slot that holds a memory source operand. */
export const MEMORY_SLOT = 8;
/** The slot that holds results before they are written to the destination. */
export const RESULT_SLOT = 9;

export class SseState {
  readonly buffer = new ArrayBuffer(16 * 10);
  readonly bytes = new Uint8Array(this.buffer);
  readonly int8 = new Int8Array(this.buffer);
  readonly int16 = new Int16Array(this.buffer);
  readonly uint16 = new Uint16Array(this.buffer);
  readonly int32 = new Int32Array(this.buffer);
  readonly uint32 = new Uint32Array(this.buffer);
  readonly uint64 = new BigUint64Array(this.buffer);
  readonly float32 = new Float32Array(this.buffer);
  readonly float64 = new Float64Array(this.buffer);
  mxcsr = MXCSR_DEFAULT;

  /** The 16 bytes of xmm`register` (a copy). */
  read(register: number): Uint8Array {
    return this.bytes.slice(register * 16, register * 16 + 16);
  }

  /** Sets xmm`register` from 16 bytes. */
  write(register: number, bytes: Uint8Array): void {
    this.bytes.set(bytes.subarray(0, 16), register * 16);
  }
}
