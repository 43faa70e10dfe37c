/**
 * Table rows for SSE and SSE2 (the forms clang and gcc emit for i686 with SSE2): moves, the
 * floating-point arithmetic, comparisons and conversions, bitwise logic, shuffles, the integer
 * vector forms, and ldmxcsr / stmxcsr. Map 0F; the mandatory prefix picks the element type
 * (none: ps, 66: pd or integer, F3: ss, F2: sd). The handlers are in handlers/sse-*.ts; none is
 * a template, so the translator calls them (translate.ts). `faults`: "divide-error" stands for
 * #XM (an unmasked SIMD floating-point exception, SIGFPE), "general-protection" for an
 * unaligned 16-byte memory operand or reserved MXCSR bits.
 */
import * as float from "../handlers/sse-float.js";
import * as integer from "../handlers/sse-integer.js";
import * as move from "../handlers/sse-move.js";
import type { Handler } from "../instruction.js";
import { DOUBLE, SINGLE } from "../float/ieee.js";
import type { Binary } from "../float/operations.js";
import { both, CF, form, OF, PF, SF, ZF, AF, type FaultKind, type Form, type FormSpec, type MandatoryPrefix, type Operand } from "./form.js";

const XM: FaultKind[] = ["divide-error"];
const GP: FaultKind[] = ["general-protection"];

/** A 0F-map form with 32-bit size and the same handler for register and memory operands. */
function sse(spec: Omit<FormSpec, "semantics"> & { handler: Handler; registerOnly?: boolean; memoryOnly?: boolean }): Form {
  const { handler, registerOnly, memoryOnly, ...rest } = spec;
  const semantics = registerOnly === true ? { register: handler } : memoryOnly === true ? { memory: handler } : both(handler);
  return form({ map: "0f", size: "dword", ...rest, semantics });
}

/** A form `mnemonic` at `prefix` `opcode`: operands (V, W), reads memory. */
const load = (mnemonic: string, prefix: MandatoryPrefix, opcode: number, operands: Operand[], handler: Handler, faults = GP) =>
  sse({ mnemonic, prefix, opcode, operands, memory: "read", faults, handler });

const store = (mnemonic: string, prefix: MandatoryPrefix, opcode: number, operands: Operand[], handler: Handler, faults = GP) =>
  sse({ mnemonic, prefix, opcode, operands, memory: "write", faults, handler });

function moveForms(): Form[] {
  return [
    load("movups", "none", 0x10, ["Vx", "Wx"], move.loadFull(false)),
    load("movupd", "66", 0x10, ["Vx", "Wx"], move.loadFull(false)),
    load("movss", "f3", 0x10, ["Vss", "Wss"], move.loadScalar(4)),
    load("movsd", "f2", 0x10, ["Vsd", "Wsd"], move.loadScalar(8)),
    store("movups", "none", 0x11, ["Wx", "Vx"], move.storeFull(false)),
    store("movupd", "66", 0x11, ["Wx", "Vx"], move.storeFull(false)),
    store("movss", "f3", 0x11, ["Wss", "Vss"], move.storeScalar(4)),
    store("movsd", "f2", 0x11, ["Wsd", "Vsd"], move.storeScalar(8)),
    load("movaps", "none", 0x28, ["Vx", "Wx"], move.loadFull(true)),
    load("movapd", "66", 0x28, ["Vx", "Wx"], move.loadFull(true)),
    store("movaps", "none", 0x29, ["Wx", "Vx"], move.storeFull(true)),
    store("movapd", "66", 0x29, ["Wx", "Vx"], move.storeFull(true)),
    load("movdqa", "66", 0x6f, ["Vx", "Wx"], move.loadFull(true)),
    load("movdqu", "f3", 0x6f, ["Vx", "Wx"], move.loadFull(false)),
    store("movdqa", "66", 0x7f, ["Wx", "Vx"], move.storeFull(true)),
    store("movdqu", "f3", 0x7f, ["Wx", "Vx"], move.storeFull(false)),
    load("movd", "66", 0x6e, ["Vd", "Ed"], move.movdToXmm),
    store("movd", "66", 0x7e, ["Ed", "Vd"], move.movdFromXmm),
    load("movq", "f3", 0x7e, ["Vq", "Wq"], move.loadScalar(8, true)),
    store("movq", "66", 0xd6, ["Wq", "Vq"], move.storeScalar(8, true)),
  ];
}

/** 0F 12/13/16/17: the half-register moves; the register forms of 0F 12 and 16 are movhlps / movlhps. */
function halfForms(): Form[] {
  const half = (mnemonic: string, prefix: MandatoryPrefix, opcode: number, handler: Handler, write: boolean) =>
    sse({ mnemonic, prefix, opcode, operands: write ? ["Wq", "Vq"] : ["Vq", "Wq"], memory: write ? "write" : "read", memoryOnly: true, handler });
  return [
    form({ mnemonic: (i) => (i.isMemory ? "movlps" : "movhlps"), map: "0f", size: "dword", opcode: 0x12, operands: ["Vq", "Wq"], memory: "read",
      semantics: { memory: move.loadHalf(0), register: move.movhlps } }),
    form({ mnemonic: (i) => (i.isMemory ? "movhps" : "movlhps"), map: "0f", size: "dword", opcode: 0x16, operands: ["Vq", "Wq"], memory: "read",
      semantics: { memory: move.loadHalf(8), register: move.movlhps } }),
    half("movlps", "none", 0x13, move.storeHalf(0), true),
    half("movhps", "none", 0x17, move.storeHalf(8), true),
    half("movlpd", "66", 0x12, move.loadHalf(0), false),
    half("movlpd", "66", 0x13, move.storeHalf(0), true),
    half("movhpd", "66", 0x16, move.loadHalf(8), false),
    half("movhpd", "66", 0x17, move.storeHalf(8), true),
  ];
}

/** add, mul, sub, min, div, max (0F 58 59 5C 5D 5E 5F) and sqrt (51) in ps, pd, ss, sd. */
function arithmeticForms(): Form[] {
  const kinds = [
    { suffix: "ps", prefix: "none" as const, format: SINGLE, packed: true, operands: ["Vx", "Wx"] as Operand[] },
    { suffix: "pd", prefix: "66" as const, format: DOUBLE, packed: true, operands: ["Vx", "Wx"] as Operand[] },
    { suffix: "ss", prefix: "f3" as const, format: SINGLE, packed: false, operands: ["Vss", "Wss"] as Operand[] },
    { suffix: "sd", prefix: "f2" as const, format: DOUBLE, packed: false, operands: ["Vsd", "Wsd"] as Operand[] },
  ];
  const operations: [Binary, number][] = [["add", 0x58], ["mul", 0x59], ["sub", 0x5c], ["min", 0x5d], ["div", 0x5e], ["max", 0x5f]];
  return kinds.flatMap(({ suffix, prefix, format, packed, operands }) => [
    ...operations.map(([operation, opcode]) => load(`${operation}${suffix}`, prefix, opcode, operands, float.arithmetic(operation, format, packed), [...XM, ...GP])),
    load(`sqrt${suffix}`, prefix, 0x51, operands, float.squareRoots(format, packed), [...XM, ...GP]),
    sse({ mnemonic: `cmp${suffix}`, prefix, opcode: 0xc2, operands: [...operands, "Ib"], memory: "read", faults: [...XM, ...GP], handler: float.comparePredicates(format, packed) }),
  ]);
}

function compareForms(): Form[] {
  const flags = { written: ZF | PF | CF | OF | SF | AF };
  const comparison = (mnemonic: string, prefix: MandatoryPrefix, opcode: number, operands: Operand[], handler: Handler) =>
    sse({ mnemonic, prefix, opcode, operands, memory: "read", flags, faults: XM, handler });
  return [
    comparison("ucomiss", "none", 0x2e, ["Vss", "Wss"], float.compareFlags(SINGLE, false)),
    comparison("ucomisd", "66", 0x2e, ["Vsd", "Wsd"], float.compareFlags(DOUBLE, false)),
    comparison("comiss", "none", 0x2f, ["Vss", "Wss"], float.compareFlags(SINGLE, true)),
    comparison("comisd", "66", 0x2f, ["Vsd", "Wsd"], float.compareFlags(DOUBLE, true)),
  ];
}

function conversionForms(): Form[] {
  const convert = (mnemonic: string, prefix: MandatoryPrefix, opcode: number, operands: Operand[], handler: Handler) =>
    load(mnemonic, prefix, opcode, operands, handler, [...XM, ...GP]);
  const packed = (from: typeof SINGLE | "int", to: typeof SINGLE | "int", count: number, sourceSize: number, truncate = false) =>
    float.convertPacked({ from, to, count, sourceSize, truncate });
  return [
    convert("cvtsi2ss", "f3", 0x2a, ["Vss", "Ed"], float.fromInteger32(SINGLE)),
    convert("cvtsi2sd", "f2", 0x2a, ["Vsd", "Ed"], float.fromInteger32(DOUBLE)),
    convert("cvttss2si", "f3", 0x2c, ["Gd", "Wss"], float.toInteger32(SINGLE, true)),
    convert("cvttsd2si", "f2", 0x2c, ["Gd", "Wsd"], float.toInteger32(DOUBLE, true)),
    convert("cvtss2si", "f3", 0x2d, ["Gd", "Wss"], float.toInteger32(SINGLE, false)),
    convert("cvtsd2si", "f2", 0x2d, ["Gd", "Wsd"], float.toInteger32(DOUBLE, false)),
    convert("cvtps2pd", "none", 0x5a, ["Vx", "Wq"], packed(SINGLE, DOUBLE, 2, 8)),
    convert("cvtpd2ps", "66", 0x5a, ["Vx", "Wx"], packed(DOUBLE, SINGLE, 2, 16)),
    convert("cvtss2sd", "f3", 0x5a, ["Vsd", "Wss"], float.convertScalar(SINGLE, DOUBLE)),
    convert("cvtsd2ss", "f2", 0x5a, ["Vss", "Wsd"], float.convertScalar(DOUBLE, SINGLE)),
    convert("cvtdq2ps", "none", 0x5b, ["Vx", "Wx"], packed("int", SINGLE, 4, 16)),
    convert("cvtps2dq", "66", 0x5b, ["Vx", "Wx"], packed(SINGLE, "int", 4, 16)),
    convert("cvttps2dq", "f3", 0x5b, ["Vx", "Wx"], packed(SINGLE, "int", 4, 16, true)),
    convert("cvttpd2dq", "66", 0xe6, ["Vx", "Wx"], packed(DOUBLE, "int", 2, 16, true)),
    convert("cvtdq2pd", "f3", 0xe6, ["Vx", "Wq"], packed("int", DOUBLE, 2, 8)),
    convert("cvtpd2dq", "f2", 0xe6, ["Vx", "Wx"], packed(DOUBLE, "int", 2, 16)),
  ];
}

function logicAndShuffleForms(): Form[] {
  const operations = ["and", "andn", "or", "xor"] as const;
  const vector = (mnemonic: string, prefix: MandatoryPrefix, opcode: number, handler: Handler, operands: Operand[] = ["Vx", "Wx"]) =>
    load(mnemonic, prefix, opcode, operands, handler);
  return [
    ...operations.flatMap((operation, k) => [
      vector(`${operation}ps`, "none", 0x54 + k, move.logic(operation)),
      vector(`${operation}pd`, "66", 0x54 + k, move.logic(operation)),
    ]),
    vector("unpcklps", "none", 0x14, move.unpack(4, false)),
    vector("unpcklpd", "66", 0x14, move.unpack(8, false)),
    vector("unpckhps", "none", 0x15, move.unpack(4, true)),
    vector("unpckhpd", "66", 0x15, move.unpack(8, true)),
    vector("shufps", "none", 0xc6, move.shufps, ["Vx", "Wx", "Ib"]),
    vector("shufpd", "66", 0xc6, move.shufpd, ["Vx", "Wx", "Ib"]),
    sse({ mnemonic: "movmskps", opcode: 0x50, operands: ["Gd", "Ux"], registerOnly: true, handler: move.signMask(4) }),
    sse({ mnemonic: "movmskpd", prefix: "66", opcode: 0x50, operands: ["Gd", "Ux"], registerOnly: true, handler: move.signMask(8) }),
    sse({ mnemonic: "ldmxcsr", opcode: 0xae, reg: 2, operands: ["Md"], memory: "read", faults: GP, memoryOnly: true, handler: move.ldmxcsr }),
    sse({ mnemonic: "stmxcsr", opcode: 0xae, reg: 3, operands: ["Md"], memory: "write", memoryOnly: true, handler: move.stmxcsr }),
  ];
}

function integerForms(): Form[] {
  const vector = (mnemonic: string, opcode: number, handler: Handler, operands: Operand[] = ["Vx", "Wx"], prefix: MandatoryPrefix = "66") =>
    load(mnemonic, prefix, opcode, operands, handler);
  const lanes = [["b", 1], ["w", 2], ["d", 4]] as const;
  const shifts = [["srl", "right", 0xd0], ["sra", "arithmetic", 0xe0], ["sll", "left", 0xf0]] as const;
  const immediateShift = (mnemonic: string, opcode: number, reg: number, handler: Handler) =>
    sse({ mnemonic, prefix: "66", opcode, reg, operands: ["Ux", "Ib"], registerOnly: true, handler });
  const groupOf = { w: 0x71, d: 0x72, q: 0x73 } as const;
  const regOf = { right: 2, arithmetic: 4, left: 6 } as const;
  return [
    ...lanes.flatMap(([suffix, size], k) => [
      vector(`padd${suffix}`, 0xfc + k, integer.add(size)),
      vector(`psub${suffix}`, 0xf8 + k, integer.subtract(size)),
      vector(`pcmpeq${suffix}`, 0x74 + k, integer.compareEqual(size)),
      vector(`pcmpgt${suffix}`, 0x64 + k, integer.compareGreater(size)),
      vector(`punpckl${suffix}${["w", "d", "q"][k]}`, 0x60 + k, integer.interleave(size, false)),
      vector(`punpckh${suffix}${["w", "d", "q"][k]}`, 0x68 + k, integer.interleave(size, true)),
    ]),
    vector("paddq", 0xd4, integer.add(8)),
    vector("psubq", 0xfb, integer.subtract(8)),
    vector("punpcklqdq", 0x6c, integer.interleave(8, false)),
    vector("punpckhqdq", 0x6d, integer.interleave(8, true)),
    vector("pand", 0xdb, move.logic("and")),
    vector("pandn", 0xdf, move.logic("andn")),
    vector("por", 0xeb, move.logic("or")),
    vector("pxor", 0xef, move.logic("xor")),
    vector("pshufd", 0x70, integer.shuffle("dwords"), ["Vx", "Wx", "Ib"]),
    vector("pshuflw", 0x70, integer.shuffle("low-words"), ["Vx", "Wx", "Ib"], "f2"),
    vector("pshufhw", 0x70, integer.shuffle("high-words"), ["Vx", "Wx", "Ib"], "f3"),
    ...shifts.flatMap(([name, kind, base]) => (["w", "d", "q"] as const).flatMap((suffix, k) => {
      if (kind === "arithmetic" && suffix === "q") return [];
      const size = ([2, 4, 8] as const)[k];
      return [
        vector(`p${name}${suffix}`, base + 1 + k, integer.shiftByRegister(size, kind)),
        immediateShift(`p${name}${suffix}`, groupOf[suffix], regOf[kind], integer.shiftImmediate(size, kind)),
      ];
    })),
    immediateShift("psrldq", 0x73, 3, integer.shiftBytes(false)),
    immediateShift("pslldq", 0x73, 7, integer.shiftBytes(true)),
    sse({ mnemonic: "pmovmskb", prefix: "66", opcode: 0xd7, operands: ["Gd", "Ux"], registerOnly: true, handler: integer.pmovmskb }),
  ];
}

export const SSE_FORMS: Form[] = [
  ...moveForms(), ...halfForms(), ...arithmeticForms(), ...compareForms(), ...conversionForms(), ...logicAndShuffleForms(), ...integerForms(),
];
