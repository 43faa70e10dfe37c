/**
 * Hand-built LLVM modules for error tests: IDENTIFICATION, a MODULE with a type table, one
 * FUNCTION record and its body, then STRTAB. Every part can be replaced; `marks` records the
 * bit position where a named part starts, so tests can state the exact offset of an error.
 */
import { BitWriter } from "./bit-writer.js";

export interface ModuleParts {
  producer?: string;
  /** Type records `[code, ...operands]` after NUMENTRY (default: i32, i32 (i32)). */
  types?: number[][];
  numEntries?: number;
  /** FUNCTION record operands (default: @f of type 1, a definition). */
  functionRecord?: number[];
  /** Writes the function block's content (default: DECLAREBLOCKS 1, add, ret). */
  body?: (writer: BitWriter, mark: (name: string) => void) => void;
  strtab?: string;
}

export interface BuiltModule { bytes: Uint8Array; marks: Map<string, number> }

const chars = (text: string): number[] => Array.from(text, (char) => char.charCodeAt(0));

export const defaultFunctionRecord = [0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];

export function defaultBody(writer: BitWriter): void {
  writer.record(1, [1]); // DECLAREBLOCKS 1
  writer.record(2, [1, 1, 0]); // %2 = add i32 %1, %1
  writer.record(10, [1]); // ret i32 %2
}

export function buildModule(parts: ModuleParts = {}): BuiltModule {
  const marks = new Map<string, number>();
  const writer = new BitWriter().magic();
  const mark = (name: string): void => {
    marks.set(name, writer.length);
  };
  writer.enterBlock(13, 5).record(1, chars(parts.producer ?? "LLVM14.0.6")).record(2, [0]).endBlock();
  mark("module");
  writer.enterBlock(8, 3).record(1, [2]);
  const types = parts.types ?? [[7, 32], [21, 0, 0, 0]];
  writer.enterBlock(17, 4);
  mark("types");
  writer.record(1, [parts.numEntries ?? types.length]);
  for (const [code, ...operands] of types) writer.record(code!, operands);
  writer.endBlock();
  writer.record(2, chars("i386-unknown-none"));
  mark("function record");
  writer.record(8, parts.functionRecord ?? defaultFunctionRecord);
  writer.enterBlock(12, 4);
  (parts.body ?? defaultBody)(writer, mark);
  writer.endBlock();
  mark("end of function");
  writer.endBlock();
  writer.enterBlock(23, 3);
  writer.defineAbbrev([{ literal: 1 }, { blob: true }]);
  writer.abbreviated(4, [{ literal: 1 }, { blob: true }], [parts.strtab ?? "f"]);
  writer.endBlock();
  return { bytes: writer.finish(), marks };
}

/** ` (offset 0x..)` or ` at bit N (offset 0x..)` as InputError prints a bit position. */
export function at(bit: number): string {
  const offset = Math.floor(bit / 8).toString(16).padStart(2, "0");
  return `${bit % 8 === 0 ? "" : ` at bit ${bit}`} (offset 0x${offset})`;
}
