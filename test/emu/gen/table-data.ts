/**
 * Instruction table, data part: arithmetic, logic, shifts and rotates, multiply and divide, bit
 * operations, moves and conversions. Each variant is one (mnemonic, operand size, operand form)
 * whose `build` fills a case with operands and edge values and records the flags the manual
 * leaves undefined for those values.
 */
import { CaseBuilder, EAX, ECX, EDX, registerOperand } from "./builder.js";
import {
  BIT_SCAN_UNDEFINED, BIT_TEST_UNDEFINED, DIVIDE_UNDEFINED, LOGIC_UNDEFINED, MULTIPLY_UNDEFINED,
  doubleShiftUndefined, rotateUndefined, shiftUndefined,
} from "./flags.js";
import { type OperandSize, sizeMask } from "./random.js";

export interface Variant {
  mnemonic: string;
  name: string;
  build: (builder: CaseBuilder) => void;
}

export const allSizes: OperandSize[] = [8, 16, 32];
const wideSizes: OperandSize[] = [16, 32];

function variantsFor(mnemonics: string[], sizes: OperandSize[], forms: Record<string, (b: CaseBuilder, m: string, s: OperandSize) => void>): Variant[] {
  const variants: Variant[] = [];
  for (const mnemonic of mnemonics) {
    for (const size of sizes) {
      for (const [form, build] of Object.entries(forms)) {
        variants.push({ mnemonic, name: `${mnemonic} ${form} ${size}`, build: (builder) => build(builder, mnemonic, size) });
      }
    }
  }
  return variants;
}

const accumulator = (size: OperandSize) => registerOperand(size, 0);

/** `{load}`/`{store}` pick the 03 or 01 encoding of a register-register form at random. */
function direction(b: CaseBuilder): string {
  return b.random.pick(["", "{load} ", "{store} "]);
}

const twoOperandForms = {
  "rm,r": (b: CaseBuilder, m: string, s: OperandSize) => {
    const destination = b.registerOrMemory(s, b.random.value(s));
    const source = b.register(s);
    b.set(source, b.random.value(s));
    b.emit(`${destination.register ? direction(b) : ""}${m} ${destination.text}, ${source.name}`);
  },
  "r,rm": (b: CaseBuilder, m: string, s: OperandSize) => {
    const source = b.registerOrMemory(s, b.random.value(s));
    const destination = b.register(s);
    b.set(destination, b.random.value(s));
    b.emit(`${source.register ? "{load} " : ""}${m} ${destination.name}, ${source.text}`);
  },
  "rm,imm": (b: CaseBuilder, m: string, s: OperandSize) => {
    const destination = b.registerOrMemory(s, b.random.value(s));
    b.emit(`${m} ${destination.text}, ${b.random.value(s)}`);
  },
  "acc,imm": (b: CaseBuilder, m: string, s: OperandSize) => {
    b.set(accumulator(s), b.random.value(s));
    b.reserve(EAX);
    b.emit(`${m} ${accumulator(s).name}, ${b.random.value(s)}`);
  },
};

function withUndefined(forms: typeof twoOperandForms, undefinedFlags: number): typeof twoOperandForms {
  const wrapped = { ...forms };
  for (const key of Object.keys(wrapped) as (keyof typeof twoOperandForms)[]) {
    const build = forms[key];
    wrapped[key] = (b, m, s) => {
      b.undefinedFlags |= undefinedFlags;
      build(b, m, s);
    };
  }
  return wrapped;
}

function shiftForms(undefinedFor: (m: string, s: OperandSize, count: number) => number) {
  return {
    "rm,1": (b: CaseBuilder, m: string, s: OperandSize) => {
      const destination = b.registerOrMemory(s, b.random.value(s));
      b.undefinedFlags |= undefinedFor(m, s, 1);
      b.emit(`${m} ${destination.text}, 1`);
    },
    "rm,cl": (b: CaseBuilder, m: string, s: OperandSize) => {
      const count = b.random.count(s);
      b.set(registerOperand(8, ECX), count);
      b.reserve(ECX);
      const destination = b.registerOrMemory(s, b.random.value(s), { exclude: [ECX] });
      b.undefinedFlags |= undefinedFor(m, s, count);
      b.emit(`${m} ${destination.text}, cl`);
    },
    "rm,imm8": (b: CaseBuilder, m: string, s: OperandSize) => {
      const count = b.random.count(s);
      const destination = b.registerOrMemory(s, b.random.value(s));
      b.undefinedFlags |= undefinedFor(m, s, count);
      b.emit(`${m} ${destination.text}, ${count}`);
    },
  };
}

/** SHLD/SHRD: a 16-bit count above 16 leaves the result undefined, so it is not generated. */
function doubleShift(b: CaseBuilder, m: string, s: OperandSize, viaCl: boolean): void {
  let count = b.random.count(s);
  while (s === 16 && (count & 31) > 16) count = b.random.count(s);
  if (viaCl) {
    b.set(registerOperand(8, ECX), count);
    b.reserve(ECX);
  }
  const destination = b.registerOrMemory(s, b.random.value(s), { exclude: viaCl ? [ECX] : [] });
  const source = b.register(s, { exclude: viaCl ? [ECX] : [] });
  b.set(source, b.random.value(s));
  b.undefinedFlags |= doubleShiftUndefined(count);
  b.emit(`${m} ${destination.text}, ${source.name}, ${viaCl ? "cl" : count}`);
}

/** Dividend high half and divisor such that the quotient fits (no divide error). */
function divisionOperands(b: CaseBuilder, signed: boolean, s: OperandSize): { low: number; high: number; divisor: number } {
  const bits = BigInt(s);
  const toSigned = (value: bigint, width: bigint) => (value >= 1n << (width - 1n) ? value - (1n << width) : value);
  for (;;) {
    const low = b.random.value(s);
    const divisor = b.random.value(s);
    if (divisor === 0) continue;
    const signExtension = (low & (2 ** (s - 1))) !== 0 ? sizeMask[s] : 0;
    const high = b.random.pick([0, signExtension, b.random.int(0, 3), b.random.value(s)]) >>> 0;
    const dividend = (BigInt(high) << bits) | BigInt(low);
    if (!signed) {
      if (dividend / BigInt(divisor) < 1n << bits) return { low, high, divisor };
      continue;
    }
    const quotient = toSigned(dividend, bits * 2n) / toSigned(BigInt(divisor), bits);
    if (quotient >= -(1n << (bits - 1n)) && quotient < 1n << (bits - 1n)) return { low, high, divisor };
  }
}

function divide(b: CaseBuilder, m: string, s: OperandSize): void {
  const { low, high, divisor } = divisionOperands(b, m === "idiv", s);
  b.reserve(EAX, EDX);
  if (s === 8) b.set(registerOperand(16, EAX), (high << 8) | low);
  else {
    b.set(accumulator(s), low);
    b.set(registerOperand(s, EDX), high);
  }
  const source = b.registerOrMemory(s, divisor, { exclude: [EAX, EDX] });
  b.undefinedFlags |= DIVIDE_UNDEFINED;
  b.emit(`${m} ${source.text}`);
}

function multiplyOne(b: CaseBuilder, m: string, s: OperandSize): void {
  b.set(accumulator(s), b.random.value(s));
  b.set(registerOperand(32, EDX), b.random.next32());
  b.reserve(EAX, EDX);
  const source = b.registerOrMemory(s, b.random.value(s));
  b.undefinedFlags |= MULTIPLY_UNDEFINED;
  b.emit(`${m} ${source.text}`);
}

const conditions = ["o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"];
export { conditions };

function bitTest(b: CaseBuilder, m: string, s: OperandSize, form: string): void {
  b.undefinedFlags |= BIT_TEST_UNDEFINED;
  if (form === "imm8") {
    const destination = b.registerOrMemory(s, b.random.value(s));
    b.emit(`${m} ${destination.text}, ${b.random.count(s)}`);
    return;
  }
  const offset = b.register(s);
  if (form === "r,r") {
    const destination = b.register(s, { exclude: [offset.number] });
    b.set(destination, b.random.value(s));
    b.set(offset, b.random.bool() ? b.random.count(s) : b.random.value(s));
    b.emit(`${m} ${destination.name}, ${offset.name}`);
    return;
  }
  // Memory with a register bit offset addresses a bit string around the operand (SDM "BT").
  b.set(offset, b.random.int(-256, 255) & sizeMask[s]);
  b.emit(`${m} ${b.memoryOperand(s, 32)}, ${offset.name}`);
}

function bitScan(b: CaseBuilder, m: string, s: OperandSize): void {
  const value = b.random.bool(0.2) ? 0 : b.random.value(s);
  const source = b.registerOrMemory(s, value);
  const destination = b.register(s);
  if (destination.number !== source.register?.number) b.set(destination, b.random.value(s));
  b.undefinedFlags |= BIT_SCAN_UNDEFINED;
  if (value === 0) b.undefinedRegisters.push(destination.number);
  b.emit(`${m} ${destination.name}, ${source.text}`);
}

export const dataVariants: Variant[] = [
  ...variantsFor(["add", "adc", "sub", "sbb", "cmp"], allSizes, twoOperandForms),
  ...variantsFor(["and", "or", "xor"], allSizes, withUndefined(twoOperandForms, LOGIC_UNDEFINED)),
  ...variantsFor(["test"], allSizes, withUndefined({ ...twoOperandForms, "r,rm": twoOperandForms["rm,r"] }, LOGIC_UNDEFINED)),
  ...variantsFor(["inc", "dec", "neg", "not"], allSizes, {
    rm: (b, m, s) => b.emit(`${m} ${b.registerOrMemory(s, b.random.value(s), { allowStack: m === "not" }).text}`),
  }),
  ...variantsFor(["shl", "shr", "sar"], allSizes, shiftForms(shiftUndefined)),
  ...variantsFor(["rol", "ror", "rcl", "rcr"], allSizes, shiftForms((_m, _s, count) => rotateUndefined(count))),
  ...variantsFor(["shld", "shrd"], wideSizes, {
    "rm,r,imm8": (b, m, s) => doubleShift(b, m, s, false),
    "rm,r,cl": (b, m, s) => doubleShift(b, m, s, true),
  }),
  ...variantsFor(["mul", "imul"], allSizes, { rm: multiplyOne }),
  ...variantsFor(["div", "idiv"], allSizes, { rm: divide }),
  ...variantsFor(["imul"], wideSizes, {
    "r,rm": (b, _m, s) => {
      const source = b.registerOrMemory(s, b.random.value(s));
      const destination = b.register(s);
      if (destination.number !== source.register?.number) b.set(destination, b.random.value(s));
      b.undefinedFlags |= MULTIPLY_UNDEFINED;
      b.emit(`imul ${destination.name}, ${source.text}`);
    },
    "r,rm,imm": (b, _m, s) => {
      const source = b.registerOrMemory(s, b.random.value(s));
      const destination = b.register(s);
      b.undefinedFlags |= MULTIPLY_UNDEFINED;
      b.emit(`imul ${destination.name}, ${source.text}, ${b.random.bool() ? b.random.int(-128, 127) : b.random.value(s)}`);
    },
  }),
  ...["cbw", "cwde", "cwd", "cdq"].map((mnemonic): Variant => ({
    mnemonic,
    name: mnemonic,
    build: (b) => {
      b.set(registerOperand(32, EAX), b.random.value(32));
      b.set(registerOperand(16, EAX), b.random.value(16));
      b.set(registerOperand(8, EAX), b.random.value(8));
      b.emit(mnemonic);
    },
  })),
  ...["bt", "bts", "btr", "btc"].flatMap((mnemonic) =>
    variantsFor([mnemonic], wideSizes, {
      "r,r": (b, m, s) => bitTest(b, m, s, "r,r"),
      "m,r": (b, m, s) => bitTest(b, m, s, "m,r"),
      "rm,imm8": (b, m, s) => bitTest(b, m, s, "imm8"),
    }),
  ),
  ...variantsFor(["bsf", "bsr"], wideSizes, { "r,rm": bitScan }),
];
