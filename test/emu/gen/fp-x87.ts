/**
 * The x87 variants of the floating-point cases. The emulator's x87 computes in double precision
 * with the double exponent range (docs/EMULATOR.md), so each case sets the precision control to
 * 53 bits (fninit; fldcw with a random rounding mode, exceptions masked) and uses operands the
 * two agree on: signed zeros, infinities, NaNs with payloads, and numbers whose results stay in
 * the double range (no denormals, nothing near overflow), except where a value is only loaded or
 * stored (fld m32 of denormal singles, fst m32 overflow, fist out of range). Then the case's
 * instruction runs on a stack of one to three values, and the state is written over the data
 * bytes: status word at scratch+48, control word at +50, and ST(0)..ST(5) popped to +0..+47
 * (an empty register pops as the default NaN, with IE and SF, after the status was saved).
 */
import { doubleWords } from "./fp-values.js";
import type { FpBuilder } from "./fp-builder.js";
import type { FpVariant } from "./fp-table.js";

const MODERATE = [0, -0, 1, -1, 0.5, 2.5, -2.5, 3.5, 1 / 3, 0.1, 7, -7, 1e10, 1e-10, 2 ** 31, -(2 ** 31), 2 ** 31 - 0.5, 32767.5, -32768.5, 65536.25, 1 + 2 ** -52, Infinity, -Infinity];

function x87Value(b: FpBuilder): [number, number] {
  const choice = b.random.int(0, 9);
  if (choice <= 4) return doubleWords(b.random.pick(MODERATE));
  if (choice === 5) return [b.random.next32(), ((b.random.bool() ? 0x7ff80000 : 0xfff00000) | (b.random.next32() & 0x7ffff) | 1) >>> 0];
  return [b.random.next32(), ((b.random.next32() & 0x800fffff) | (b.random.int(1023 - 60, 1023 + 60) << 20)) >>> 0];
}

const SINGLES = [0x00000001, 0x807fffff, 0x7f800000, 0x7fa00001, 0xffc00000, 0x3f800000, 0x3eaaaaab, 0x4b800001];

/**
 * Data: doubles at 0..23, singles at 24..31, integers at 32..47 (the qword at 40 within 32 bits:
 * fild m64 beyond 2^53 is rounded here, exact on the CPU), control word at 60.
 */
function setup(b: FpBuilder, depth: number): void {
  for (let k = 0; k < 3; k++) [b.memory[2 * k], b.memory[2 * k + 1]] = x87Value(b);
  b.memory[6] = b.random.bool() ? b.random.pick(SINGLES) : ((b.random.next32() & 0x87ffffff) | 0x38000000) >>> 0;
  b.memory[7] = b.memory[6] ?? 0;
  for (let k = 8; k < 11; k++) b.memory[k] = b.random.pick([0, 1, -1 >>> 0, 0x7fffffff, 0x80000000, 0x8000, 0x7fff, 0xffff8000, b.random.next32()]);
  b.memory[11] = (b.memory[10] ?? 0) & 0x80000000 ? 0xffffffff : 0;
  b.memory[15] = 0x027f | (b.random.int(0, 3) << 10);
  b.emit("fninit", "fldcw word ptr [scratch+60]");
  for (let k = 0; k < depth; k++) b.emit(`fld qword ptr [scratch+${k * 8}]`);
}

function record(b: FpBuilder): void {
  b.emit("fnstsw word ptr [scratch+48]", "fnstcw word ptr [scratch+50]");
  for (let k = 0; k < 6; k++) b.emit(`fstp qword ptr [scratch+${k * 8}]`);
}

function x87(name: string, depth: number, lines: (b: FpBuilder) => string[]): FpVariant {
  return {
    name, kind: "double", build: (b) => {
      setup(b, depth);
      b.emit(...lines(b));
      record(b);
    },
  };
}

const ARITHMETIC = ["fadd", "fsub", "fsubr", "fmul", "fdiv", "fdivr"];

export const x87Variants: FpVariant[] = [
  ...ARITHMETIC.flatMap((op) => [
    x87(`${op} m64`, 1, () => [`${op} qword ptr [scratch+8]`]),
    x87(`${op} m32`, 1, () => [`${op} dword ptr [scratch+24]`]),
    x87(`${op} st, st(i)`, 2, () => [`${op} st(0), st(1)`]),
    x87(`${op} st(i), st`, 2, () => [`${op} st(1), st(0)`]),
    x87(`${op}p`, 3, () => [`${op}p st(2), st(0)`]),
  ]),
  ...["fcom", "fcomp", "fucom", "fucomp"].map((op) => x87(op, 2, () => [`${op} st(1)`])),
  x87("fcom m64", 1, () => ["fcom qword ptr [scratch+8]"]),
  x87("fcompp", 2, () => ["fcompp"]),
  x87("fucompp", 2, () => ["fucompp"]),
  ...["fcomi", "fucomi", "fcomip", "fucomip"].map((op) => x87(op, 2, (b) => [`${op} st(0), st(1)`, b.random.pick(["seta al", "setb cl", "sete dl", "setp bl"])])),
  ...["fchs", "fabs", "fsqrt", "frndint", "ftst", "fxam", "fld1", "fldz", "fldpi"].map((op) => x87(op, 1, () => [op])),
  x87("fxch", 2, () => ["fxch st(1)"]),
  x87("fld st(i)", 2, () => ["fld st(1)"]),
  x87("fld m32", 0, () => ["fld dword ptr [scratch+24]"]),
  x87("fst st(i)", 2, () => ["fst st(1)"]),
  x87("fstp st(i)", 3, () => ["fstp st(1)"]),
  x87("fst m32", 1, () => ["fst dword ptr [scratch+28]"]),
  x87("fstp m32", 1, () => ["fstp dword ptr [scratch+28]"]),
  ...[["word", 32], ["dword", 36], ["qword", 40]].flatMap(([size, offset]) => [
    x87(`fild ${size}`, 1, () => [`fild ${size} ptr [scratch+${offset}]`]),
    x87(`fistp ${size}`, 1, () => [`fistp ${size} ptr [scratch+${offset}]`]),
    x87(`fisttp ${size}`, 1, () => [`fisttp ${size} ptr [scratch+${offset}]`]),
    ...(size === "qword" ? [] : [x87(`fist ${size}`, 1, () => [`fist ${size} ptr [scratch+${offset}]`])]),
  ]),
  x87("fnstsw ax", 2, () => ["fcom st(1)", "fnstsw ax"]),
  x87("underflow", 1, () => ["fadd st(0), st(3)"]),
  x87("fdiv chain", 3, () => ["fdiv st(0), st(1)", "fsqrt", "fmulp st(2), st(0)", "frndint"]),
];
