/**
 * IDENTIFICATION_BLOCK: who wrote the bitcode (`STRING` "LLVM14.0.6", `EPOCH` 0), and the gate
 * on it. Record layouts change between LLVM versions, so only producers we test against are
 * read (LLVM 14, 15, 16 and 19, from clang or llvm-as); anything else is refused with its
 * version named unless the caller forces it.
 */
import { ENTRY_END_BLOCK, ENTRY_SUBBLOCK, type BitstreamCursor } from "./bitstream.js";
import { IDENTIFICATION_CODE } from "./record-codes.js";

export const TESTED_LLVM_MAJORS: readonly number[] = [14, 15, 16, 19];

export interface Identification { readonly producer: string | undefined; readonly epoch: number | undefined }

export function readIdentificationBlock(cursor: BitstreamCursor): Identification {
  cursor.enterBlock();
  let producer: string | undefined;
  let epoch: number | undefined;
  for (;;) {
    const entry = cursor.advance();
    if (entry === ENTRY_END_BLOCK) return { producer, epoch };
    if (entry === ENTRY_SUBBLOCK) {
      cursor.skipBlock();
      continue;
    }
    if (cursor.code === IDENTIFICATION_CODE.STRING) producer = cursor.opsText();
    else if (cursor.code === IDENTIFICATION_CODE.EPOCH) epoch = cursor.ops[0];
  }
}

/** The major version in a producer string like "LLVM14.0.6" (0 when it has none). */
export function producerMajor(producer: string | undefined): number {
  const match = /^LLVM(\d+)\./.exec(producer ?? "");
  return match === null ? 0 : Number(match[1]);
}

/** Why this producer is refused, or undefined when it is one we test. */
export function untestedProducer(identification: Identification | undefined): string | undefined {
  if (identification === undefined) return "bitcode has no IDENTIFICATION block (producer unknown)";
  if (identification.epoch !== undefined && identification.epoch !== 0) {
    return `bitcode epoch ${identification.epoch} is not 0`;
  }
  const producer = identification.producer ?? "an unnamed producer";
  if (TESTED_LLVM_MAJORS.includes(producerMajor(identification.producer))) return undefined;
  return `bitcode produced by ${producer}, which mkimg has not been tested with`;
}
