/**
 * The variants of the floating-point differential cases (the x87 ones: fp-x87.ts): every form of table/sse.ts
 * with register and memory sources (arithmetic, sqrt, min/max, cmp with all eight predicates,
 * comis/ucomis followed by flag readers, conversions both ways, moves, logic, shuffles, integer
 * vector forms, shifts by immediate and by register, ldmxcsr/stmxcsr), and a generator that
 * visits them in a seeded shuffled round-robin.
 */
import { FpBuilder, type FpCase } from "./fp-builder.js";
import { randomDouble, randomInteger, randomMxcsr, randomSingle, type ElementKind } from "./fp-values.js";
import { Random } from "./random.js";
import { x87Variants } from "./fp-x87.js";

export interface FpVariant {
  name: string;
  kind: ElementKind;
  build: (b: FpBuilder) => void;
}

const variant = (name: string, kind: ElementKind, build: (b: FpBuilder) => void): FpVariant => ({ name, kind, build });

const FLOAT_SUFFIXES = [
  { suffix: "ps", kind: "single" as const, size: 16 },
  { suffix: "pd", kind: "double" as const, size: 16 },
  { suffix: "ss", kind: "single" as const, size: 4 },
  { suffix: "sd", kind: "double" as const, size: 8 },
];

function arithmeticVariants(): FpVariant[] {
  return FLOAT_SUFFIXES.flatMap(({ suffix, kind, size }) => [
    ...["add", "sub", "mul", "div", "min", "max", "sqrt"].map((operation) =>
      variant(`${operation}${suffix}`, kind, (b) => b.emit(`${operation}${suffix} ${b.xmmRegister()}, ${b.source(size)}`))),
    variant(`cmp${suffix}`, kind, (b) => b.emit(`cmp${suffix} ${b.xmmRegister()}, ${b.source(size)}, ${b.random.int(0, 7)}`)),
  ]);
}

function compareVariants(): FpVariant[] {
  const readers = ["seta al", "setae cl", "setb dl", "setbe bl", "sete al", "setne cl", "setp dl", "setnp bl", "seto al", "sets cl", "setg dl", "setl bl"];
  return ["ucomiss", "ucomisd", "comiss", "comisd"].map((mnemonic) => {
    const double = mnemonic.endsWith("d");
    return variant(mnemonic, double ? "double" : "single", (b) => {
      b.emit(`${mnemonic} ${b.xmmRegister()}, ${b.source(double ? 8 : 4)}`);
      if (b.random.bool()) b.emit(b.random.pick(readers));
    });
  });
}

function conversionVariants(): FpVariant[] {
  const toInteger = ["cvtss2si", "cvttss2si", "cvtsd2si", "cvttsd2si"].map((mnemonic) => {
    const double = mnemonic.includes("sd");
    return variant(mnemonic, double ? "double" : "single", (b) => {
      const source = b.source(double ? 8 : 4);
      b.emit(`${mnemonic} ${b.general().name}, ${source}`);
    });
  });
  const fromInteger = ["cvtsi2ss", "cvtsi2sd"].map((mnemonic) =>
    variant(mnemonic, mnemonic.endsWith("sd") ? "double" : "single", (b) => {
      const source = b.random.bool() ? b.general(randomInteger(b.random)).name : b.memoryOperand(4, false);
      b.emit(`${mnemonic} ${b.xmmRegister()}, ${source}`);
    }));
  const packed: [string, ElementKind, number][] = [
    ["cvtss2sd", "single", 4], ["cvtsd2ss", "double", 8], ["cvtps2pd", "single", 8], ["cvtpd2ps", "double", 16],
    ["cvtdq2ps", "integer", 16], ["cvtps2dq", "single", 16], ["cvttps2dq", "single", 16], ["cvtdq2pd", "integer", 8],
    ["cvttpd2dq", "double", 16], ["cvtpd2dq", "double", 16],
  ];
  const other = packed.map(([mnemonic, kind, size]) =>
    variant(mnemonic, kind, (b) => b.emit(`${mnemonic} ${b.xmmRegister()}, ${b.source(size, size === 16)}`)));
  return [...toInteger, ...fromInteger, ...other];
}

function moveVariants(): FpVariant[] {
  const full: [string, boolean][] = [["movups", false], ["movupd", false], ["movaps", true], ["movapd", true], ["movdqa", true], ["movdqu", false]];
  const scalar: [string, number][] = [["movss", 4], ["movsd", 8], ["movq", 8]];
  const half = ["movlps", "movhps", "movlpd", "movhpd"];
  return [
    ...full.flatMap(([mnemonic, aligned]) => [
      variant(`${mnemonic} load`, "integer", (b) => b.emit(`${mnemonic} ${b.xmmRegister()}, ${b.source(16, aligned)}`)),
      variant(`${mnemonic} store`, "integer", (b) => b.emit(`${mnemonic} ${b.memoryOperand(16, aligned)}, ${b.xmmRegister()}`)),
    ]),
    ...scalar.flatMap(([mnemonic, size]) => [
      variant(`${mnemonic} load`, "double", (b) => b.emit(`${mnemonic} ${b.xmmRegister()}, ${b.source(size)}`)),
      variant(`${mnemonic} store`, "double", (b) => b.emit(`${mnemonic} ${b.random.bool() ? b.xmmRegister() : b.memoryOperand(size, false)}, ${b.xmmRegister()}`)),
    ]),
    ...half.flatMap((mnemonic) => [
      variant(`${mnemonic} load`, "double", (b) => b.emit(`${mnemonic} ${b.xmmRegister()}, ${b.memoryOperand(8, false)}`)),
      variant(`${mnemonic} store`, "double", (b) => b.emit(`${mnemonic} ${b.memoryOperand(8, false)}, ${b.xmmRegister()}`)),
    ]),
    variant("movhlps", "single", (b) => b.emit(`movhlps ${b.xmmRegister()}, ${b.xmmRegister()}`)),
    variant("movlhps", "single", (b) => b.emit(`movlhps ${b.xmmRegister()}, ${b.xmmRegister()}`)),
    variant("movd load", "integer", (b) => b.emit(`movd ${b.xmmRegister()}, ${b.random.bool() ? b.general().name : b.memoryOperand(4, false)}`)),
    variant("movd store", "integer", (b) => b.emit(`movd ${b.random.bool() ? b.general().name : b.memoryOperand(4, false)}, ${b.xmmRegister()}`)),
  ];
}

function logicVariants(): FpVariant[] {
  const floating = ["and", "andn", "or", "xor"].flatMap((operation) => ["ps", "pd"].map((suffix) =>
    variant(`${operation}${suffix}`, suffix === "ps" ? "single" : "double", (b) => b.emit(`${operation}${suffix} ${b.xmmRegister()}, ${b.source(16)}`))));
  const shuffles = [
    variant("shufps", "single", (b) => b.emit(`shufps ${b.xmmRegister()}, ${b.source(16)}, ${b.random.int(0, 255)}`)),
    variant("shufpd", "double", (b) => b.emit(`shufpd ${b.xmmRegister()}, ${b.source(16)}, ${b.random.int(0, 3)}`)),
    ...["unpcklps", "unpckhps", "unpcklpd", "unpckhpd"].map((mnemonic) =>
      variant(mnemonic, "single", (b) => b.emit(`${mnemonic} ${b.xmmRegister()}, ${b.source(16)}`))),
    ...["movmskps", "movmskpd", "pmovmskb"].map((mnemonic) =>
      variant(mnemonic, "integer", (b) => b.emit(`${mnemonic} ${b.general().name}, ${b.xmmRegister()}`))),
  ];
  return [...floating, ...shuffles];
}

function integerVariants(): FpVariant[] {
  const binary = [
    "paddb", "paddw", "paddd", "paddq", "psubb", "psubw", "psubd", "psubq", "pcmpeqb", "pcmpeqw", "pcmpeqd", "pcmpgtb", "pcmpgtw", "pcmpgtd",
    "punpcklbw", "punpcklwd", "punpckldq", "punpcklqdq", "punpckhbw", "punpckhwd", "punpckhdq", "punpckhqdq", "pand", "pandn", "por", "pxor",
  ].map((mnemonic) => variant(mnemonic, "integer", (b) => b.emit(`${mnemonic} ${b.xmmRegister()}, ${b.source(16)}`)));
  const shuffles = ["pshufd", "pshuflw", "pshufhw"].map((mnemonic) =>
    variant(mnemonic, "integer", (b) => b.emit(`${mnemonic} ${b.xmmRegister()}, ${b.source(16)}, ${b.random.int(0, 255)}`)));
  const counts = [0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 255];
  const shifts = ["psllw", "pslld", "psllq", "psrlw", "psrld", "psrlq", "psraw", "psrad"].flatMap((mnemonic) => [
    variant(`${mnemonic} imm`, "integer", (b) => b.emit(`${mnemonic} ${b.xmmRegister()}, ${b.random.pick(counts)}`)),
    variant(`${mnemonic} xmm`, "integer", (b) => {
      const count = b.xmmRegister();
      b.emit(`${mnemonic} ${b.xmmRegister()}, ${count}`);
      const register = Number(count.slice(3));
      b.xmm[register * 4] = b.random.bool(0.8) ? b.random.pick(counts) : randomInteger(b.random);
      b.xmm[register * 4 + 1] = b.random.bool(0.8) ? 0 : randomInteger(b.random);
    }),
  ]);
  const byteShifts = ["pslldq", "psrldq"].map((mnemonic) =>
    variant(mnemonic, "integer", (b) => b.emit(`${mnemonic} ${b.xmmRegister()}, ${b.random.pick([0, 1, 3, 8, 15, 16, 17, 255])}`)));
  return [...binary, ...shuffles, ...shifts, ...byteShifts];
}

function controlVariants(): FpVariant[] {
  return [
    variant("stmxcsr", "double", (b) => b.emit(`stmxcsr ${b.memoryAt(4, b.random.int(0, 15) * 4)}`)),
    variant("ldmxcsr then addsd", "double", (b) => {
      const offset = b.random.int(0, 15) * 4;
      b.poke(offset, randomMxcsr(b.random));
      b.emit(`ldmxcsr ${b.memoryAt(4, offset)}`, `addsd ${b.xmmRegister()}, ${b.xmmRegister()}`);
    }),
    variant("mulss chain", "single", (b) => {
      const [first, second] = [b.xmmRegister(), b.xmmRegister()];
      b.emit(`mulss ${first}, ${second}`, `addss ${second}, ${first}`, `cvtss2sd ${first}, ${second}`);
    }),
    variant("divsd chain", "double", (b) => {
      const [first, second] = [b.xmmRegister(), b.xmmRegister()];
      b.emit(`divsd ${first}, ${second}`, `sqrtsd ${second}, ${first}`, `cvttsd2si ${b.general().name}, ${second}`);
    }),
  ];
}

export const fpVariants: FpVariant[] = [
  ...x87Variants, ...arithmeticVariants(), ...compareVariants(), ...conversionVariants(), ...moveVariants(), ...logicVariants(), ...integerVariants(), ...controlVariants(),
];

/** Cases with both operands near each other, so that additions round at ties and cancel. */
function nudgeForTies(b: FpBuilder, kind: ElementKind): void {
  if (kind === "integer" || !b.random.bool(0.2)) return;
  for (let element = 0; element < 32; element += kind === "double" ? 2 : 1) {
    if (!b.random.bool(0.5)) continue;
    if (kind === "double") {
      const [low, high] = randomDouble(b.random);
      b.xmm[element] = (low & ~0xff) >>> 0;
      b.xmm[element + 1] = high;
    } else b.xmm[element] = (randomSingle(b.random) & ~0xf) >>> 0;
  }
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = random.int(0, index);
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}

/** `count` cases numbered from `first`, from `seed`, covering every variant once per round. */
export function generateFpCases(seed: number, count: number, first = 0): FpCase[] {
  const random = new Random(seed);
  const cases: FpCase[] = [];
  let order: FpVariant[] = [];
  for (let index = 0; index < count; index++) {
    if (index % fpVariants.length === 0) order = shuffled(fpVariants, random);
    const chosen = order[index % fpVariants.length] as FpVariant;
    const builder = new FpBuilder(random, first + index, chosen.name, chosen.kind);
    nudgeForTies(builder, chosen.kind);
    chosen.build(builder);
    cases.push(builder.build());
  }
  return cases;
}
