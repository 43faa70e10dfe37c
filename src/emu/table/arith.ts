/**
 * Table rows for integer arithmetic: the eight ALU operations (00-3D, group 1: 80-83), inc and
 * dec, group 3 (test not neg mul imul div idiv), two- and three-operand imul, the shift and
 * rotate group 2 (C0 C1 D0-D3), shld and shrd. Flags as in each instruction's "Flags Affected"
 * section (Intel SDM vol. 2); where the SDM leaves a flag undefined, "written" says what this
 * emulator does (see docs/EMULATOR.md, Flags).
 */
import * as alu from "../handlers/alu.js";
import { FAST } from "../handlers/fast.js";
import * as muldiv from "../handlers/muldiv.js";
import { doubleShiftHandler, shiftGroup, shiftRegister32 } from "../handlers/shifts.js";
import { aluHandler8, aluHandler32 } from "../handlers/templates.js";
import type { Handler } from "../instruction.js";
import { STATUS_FLAGS } from "../flags.js";
import { AF, both, CF, form, OF, PF, SF, ZF, type Form, type FormSpec, type Operand } from "./form.js";

const ALU_NAMES = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"];
const SHIFT_NAMES = ["rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar"];
const ALL = STATUS_FLAGS;

/** 00-3D: op Eb,Gb / Ev,Gv / Gb,Eb / Gv,Ev / AL,Ib / rAX,Iz. */
function aluForms(operation: number): Form[] {
  const cmp = operation === 7;
  const common = {
    mnemonic: ALU_NAMES[operation], operation,
    flags: { read: operation === 2 || operation === 3 ? CF : 0, written: ALL },
  };
  const destination = { ...common, memory: cmp ? ("read" as const) : ("read-write" as const), lockable: !cmp };
  const source = { ...common, memory: "read" as const };
  const h32 = aluHandler32;
  const accumulator = { ...both(alu.aluAccumulatorImmediate), register32: h32(operation, "accumulatorImmediate") };
  const base = operation * 8;
  return [
    form({ ...destination, opcode: base, operands: ["Eb", "Gb"], size: "byte", semantics: { register: alu.aluRmReg, memory: aluHandler8(operation, "memoryRegister") } }),
    form({ ...destination, opcode: base + 1, operands: ["Ev", "Gv"], semantics: { ...both(alu.aluRmReg), register32: h32(operation, "rmRegister"), memory32: h32(operation, "memoryRegister") } }),
    form({ ...source, opcode: base + 2, operands: ["Gb", "Eb"], size: "byte", semantics: { register: alu.aluRegRm, memory: aluHandler8(operation, "registerMemory") } }),
    form({ ...source, opcode: base + 3, operands: ["Gv", "Ev"], semantics: { ...both(alu.aluRegRm), register32: h32(operation, "registerRm"), memory32: h32(operation, "registerMemory") } }),
    form({ ...common, opcode: base + 4, operands: ["AL", "Ib"], size: "byte", semantics: accumulator }),
    form({ ...common, opcode: base + 5, operands: ["rAX", "Iz"], semantics: accumulator }),
  ];
}

/** Group 1 (80, 81, 82 = 80, 83): op E, imm by ModRM reg. */
function aluGroup(opcode: number, operands: Operand[], bytes: boolean): Form[] {
  return ALU_NAMES.map((mnemonic, operation) =>
    form({
      mnemonic, opcode, reg: operation, operands, size: bytes ? "byte" : "operand",
      flags: { read: operation === 2 || operation === 3 ? CF : 0, written: ALL },
      memory: operation === 7 ? "read" : "read-write", lockable: operation !== 7,
      semantics: {
        register: alu.aluRmImmediate,
        memory: bytes ? aluHandler8(operation, "memoryImmediate") : alu.aluRmImmediate,
        register32: aluHandler32(operation, "rmImmediate"),
        memory32: aluHandler32(operation, "memoryImmediate"),
      },
    }),
  );
}

function incDecForms(): Form[] {
  const flags = { written: OF | SF | ZF | AF | PF };
  const rm = (operation: number, opcode: number, operands: Operand[], size: "byte" | "operand") =>
    form({ mnemonic: operation === 0 ? "inc" : "dec", opcode, reg: operation, operands, size, flags, memory: "read-write", lockable: true, semantics: both(alu.incDecRm) });
  return [
    form({ mnemonic: "inc", opcode: 0x40, registerInOpcode: true, operands: ["Zv"], operation: 0, flags, semantics: { ...both(alu.incDecRegister), register32: FAST.inc } }),
    form({ mnemonic: "dec", opcode: 0x48, registerInOpcode: true, operands: ["Zv"], operation: 1, flags, semantics: { ...both(alu.incDecRegister), register32: FAST.dec } }),
    rm(0, 0xfe, ["Eb"], "byte"), rm(1, 0xfe, ["Eb"], "byte"), rm(0, 0xff, ["Ev"], "operand"), rm(1, 0xff, ["Ev"], "operand"),
  ];
}

/** Group 3 (F6, F7): test not neg mul imul div idiv. */
function group3(opcode: number, bytes: boolean): Form[] {
  const e: Operand = bytes ? "Eb" : "Ev";
  const size = bytes ? "byte" : "operand";
  const member = (reg: number, spec: Omit<FormSpec, "opcode" | "reg">) => form({ opcode, reg, size, operands: [e], ...spec });
  const test = (reg: number) =>
    member(reg, { mnemonic: "test", operands: [e, bytes ? "Ib" : "Iz"], flags: { written: ALL }, memory: "read", semantics: both(alu.testRmImmediate) });
  const multiply = (reg: number, mnemonic: string, handler: Handler) =>
    member(reg, { mnemonic, flags: { written: ALL }, memory: "read", semantics: both(handler) });
  const divide = (reg: number, mnemonic: string, handler: Handler) =>
    member(reg, { mnemonic, memory: "read", faults: ["divide-error"], semantics: both(handler) });
  return [
    test(0), test(1),
    member(2, { mnemonic: "not", memory: "read-write", lockable: true, semantics: both(alu.notRm) }),
    member(3, { mnemonic: "neg", memory: "read-write", lockable: true, flags: { written: ALL }, semantics: both(alu.negRm) }),
    multiply(4, "mul", muldiv.mul), multiply(5, "imul", muldiv.imulOne),
    divide(6, "div", muldiv.div), divide(7, "idiv", muldiv.idiv),
  ];
}

function imulForms(): Form[] {
  const common = { mnemonic: "imul", flags: { written: ALL }, memory: "read" as const };
  const three = { ...both(muldiv.imulThree), register32: FAST.imulRegisterImmediate, memory32: FAST.imulMemoryImmediate };
  return [
    form({ ...common, opcode: 0x69, operands: ["Gv", "Ev", "Iz"], semantics: three }),
    form({ ...common, opcode: 0x6b, operands: ["Gv", "Ev", "Ibs"], semantics: three }),
    form({ ...common, map: "0f", opcode: 0xaf, operands: ["Gv", "Ev"], semantics: { ...both(muldiv.imulTwo), register32: FAST.imulRegisters, memory32: FAST.imulRegisterMemory } }),
  ];
}

/** The template handler for a 32-bit register shl / sal / shr / sar, if there is one. */
function fastShift(mnemonic: string, count: Operand): Handler | undefined {
  const kind = mnemonic === "sal" ? "shl" : mnemonic;
  if (kind !== "shl" && kind !== "shr" && kind !== "sar") return undefined;
  return FAST[`${kind}${count === "CL" ? "Cl" : "Immediate"}`];
}

/** Group 2: rol ror rcl rcr shl shr sal sar, by an immediate (C0 C1), 1 (D0 D1) or CL (D2 D3). */
function shiftGroup2(opcode: number, count: Operand, bytes: boolean): Form[] {
  return SHIFT_NAMES.map((mnemonic, reg) => {
    const rotate = reg < 4;
    return form({
      mnemonic, opcode, reg, operands: [bytes ? "Eb" : "Ev", count], size: bytes ? "byte" : "operand",
      flags: { read: reg === 2 || reg === 3 ? CF : 0, written: rotate ? CF | OF : ALL, when: "count" },
      memory: "read-write",
      semantics: { ...both(shiftGroup), register32: fastShift(mnemonic, count) ?? shiftRegister32 },
    });
  });
}

function doubleShifts(): Form[] {
  const double = (mnemonic: string, opcode: number, count: Operand) =>
    form({
      mnemonic, map: "0f", opcode, operands: ["Ev", "Gv", count], flags: { written: ALL, when: "count" },
      memory: "read-write", semantics: both(doubleShiftHandler),
    });
  return [double("shld", 0xa4, "Ib"), double("shld", 0xa5, "CL"), double("shrd", 0xac, "Ib"), double("shrd", 0xad, "CL")];
}

export const ARITHMETIC_FORMS: Form[] = [
  ...[0, 1, 2, 3, 4, 5, 6, 7].flatMap(aluForms),
  ...aluGroup(0x80, ["Eb", "Ib"], true),
  ...aluGroup(0x81, ["Ev", "Iz"], false),
  ...aluGroup(0x82, ["Eb", "Ib"], true),
  ...aluGroup(0x83, ["Ev", "Ibs"], false),
  ...incDecForms(),
  ...group3(0xf6, true),
  ...group3(0xf7, false),
  ...imulForms(),
  ...shiftGroup2(0xc0, "Ib", true),
  ...shiftGroup2(0xc1, "Ib", false),
  ...shiftGroup2(0xd0, "1", true),
  ...shiftGroup2(0xd1, "1", false),
  ...shiftGroup2(0xd2, "CL", true),
  ...shiftGroup2(0xd3, "CL", false),
  ...doubleShifts(),
];
