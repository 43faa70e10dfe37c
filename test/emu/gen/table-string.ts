/**
 * Instruction table, string operations: movs, stos, lods, cmps, scas in byte, word and dword
 * sizes, without a prefix, with rep, and with repe/repne for the comparing ones, in both
 * directions (DF). ESI/EDI point into the data area (EDI sometimes into the stack area); ECX is a
 * small count including 0. For cmps/scas the generator plants equal elements so that repe runs on.
 */
import { CaseBuilder, EAX, ECX, EDI, ESI, registerOperand } from "./builder.js";
import { DF } from "./flags.js";
import type { OperandSize } from "./random.js";
import type { Variant } from "./table-data.js";

const suffix: Record<OperandSize, string> = { 8: "b", 16: "w", 32: "d" };

function setUp(b: CaseBuilder, size: OperandSize, prefix: string): { source: number; destination: number; count: number } {
  const backwards = b.random.bool();
  b.flags = (b.flags & ~DF) | (backwards ? DF : 0);
  const count = prefix === "" ? 1 : b.random.pick([0, 1, 2, 3, 4, 5]);
  const source = b.random.int(24, 39);
  const destination = b.random.bool(0.7) ? b.random.int(24, 39) : b.random.int(88, 103);
  b.setAddress(ESI, "scratch", source);
  b.setAddress(EDI, "scratch", destination);
  b.registers[ECX] = prefix === "" ? b.random.next32() : count;
  b.reserve(EAX, ECX);
  b.set(registerOperand(32, EAX), b.random.next32());
  return { source, destination, count };
}

/** Make the first `equal` elements at source and destination the same (and then one differ). */
function plantEqualRun(b: CaseBuilder, size: OperandSize, source: number, destination: number, backwards: boolean): void {
  const bytes = size / 8;
  const equal = b.random.int(0, 5);
  for (let element = 0; element <= equal; element++) {
    const step = (backwards ? -element : element) * bytes;
    const value = b.random.value(size);
    b.poke(source + step, size, value);
    b.poke(destination + step, size, element === equal ? (value ^ 1) : value);
  }
}

function stringVariant(operation: string, size: OperandSize, prefix: string): Variant {
  const mnemonic = `${operation}${suffix[size]}`;
  return {
    mnemonic: operation,
    name: `${prefix}${prefix ? " " : ""}${mnemonic}`,
    build: (b) => {
      const { source, destination } = setUp(b, size, prefix);
      const backwards = (b.flags & DF) !== 0;
      if (operation === "cmps" && b.random.bool(0.7)) plantEqualRun(b, size, source, destination, backwards);
      if (operation === "scas" && b.random.bool(0.7)) {
        const value = b.random.value(size);
        b.set(registerOperand(size, EAX), value);
        const at = destination + (backwards ? -1 : 1) * b.random.int(0, 4) * (size / 8);
        b.poke(at, size, b.random.bool() ? value : value ^ 0x80);
      }
      b.emit(`${prefix}${prefix ? " " : ""}${mnemonic}`);
    },
  };
}

const sizes: OperandSize[] = [8, 16, 32];

export const stringVariants: Variant[] = [
  ...["movs", "stos", "lods"].flatMap((operation) => sizes.flatMap((size) => ["", "rep"].map((prefix) => stringVariant(operation, size, prefix)))),
  ...["cmps", "scas"].flatMap((operation) => sizes.flatMap((size) => ["", "repe", "repne"].map((prefix) => stringVariant(operation, size, prefix)))),
];
