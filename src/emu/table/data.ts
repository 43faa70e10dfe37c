/**
 * Table rows for data movement: mov (all forms, moffs), movzx, movsx, lea, xchg, push and pop,
 * pusha/popa, pushf/popf, cbw/cwd, lahf/sahf, xlat, the string instructions, and the bit
 * instructions (bt*, bsf, bsr, tzcnt, lzcnt, popcnt, bswap, cmpxchg, cmpxchg8b, xadd).
 */
import * as alu from "../handlers/alu.js";
import * as bits from "../handlers/bits.js";
import * as data from "../handlers/data.js";
import { FAST } from "../handlers/fast.js";
import * as strings from "../handlers/strings.js";
import type { DecodedInstruction, Handler } from "../instruction.js";
import { STATUS_FLAGS } from "../flags.js";
import { AF, both, CF, DF, form, PF, SF, ZF, type Form, type Operand } from "./form.js";

const ALL = STATUS_FLAGS;
const bySize = (word: string, dword: string) => (i: DecodedInstruction) => (i.operandSize === 2 ? word : dword);

function registerForms(): Form[] {
  const plus = { registerInOpcode: true };
  return [
    form({ ...plus, mnemonic: "push", opcode: 0x50, operands: ["Zv"], implicitMemory: "write", semantics: { ...both(data.pushRegister), register32: FAST.push } }),
    form({ ...plus, mnemonic: "pop", opcode: 0x58, operands: ["Zv"], implicitMemory: "read", semantics: { ...both(data.popRegister), register32: FAST.pop } }),
    form({ ...plus, mnemonic: "mov", opcode: 0xb0, operands: ["Zb", "Ib"], size: "byte", semantics: both(data.movRegImmediate) }),
    form({ ...plus, mnemonic: "mov", opcode: 0xb8, operands: ["Zv", "Iz"], semantics: { ...both(data.movRegImmediate), register32: FAST.movRegisterImmediate } }),
    form({ ...plus, mnemonic: "xchg", opcode: 0x90, operands: ["Zv", "rAX"], semantics: both(data.xchg) }),
    form({ ...plus, mnemonic: "bswap", map: "0f", opcode: 0xc8, operands: ["Zd"], semantics: both(bits.bswap) }),
  ];
}

function stackForms(): Form[] {
  const pushImmediate = { ...both(data.pushImmediate), register32: FAST.pushImmediate };
  return [
    form({ mnemonic: bySize("pusha", "pushad"), opcode: 0x60, implicitMemory: "write", semantics: both(data.pusha) }),
    form({ mnemonic: bySize("popa", "popad"), opcode: 0x61, implicitMemory: "read", semantics: both(data.popa) }),
    form({ mnemonic: "push", opcode: 0x68, operands: ["Iz"], implicitMemory: "write", semantics: pushImmediate }),
    form({ mnemonic: "push", opcode: 0x6a, operands: ["Ibs"], implicitMemory: "write", semantics: pushImmediate }),
    form({ mnemonic: "pop", opcode: 0x8f, reg: 0, operands: ["Ev"], memory: "write", implicitMemory: "read", semantics: both(data.popRm) }),
    form({ mnemonic: "push", opcode: 0xff, reg: 6, operands: ["Ev"], memory: "read", implicitMemory: "write", semantics: both(data.pushRm) }),
    form({ mnemonic: bySize("pushf", "pushfd"), opcode: 0x9c, flags: { read: ALL | DF }, implicitMemory: "write", semantics: both(data.pushf) }),
    form({ mnemonic: bySize("popf", "popfd"), opcode: 0x9d, flags: { written: ALL | DF }, implicitMemory: "read", semantics: both(data.popf) }),
  ];
}

function moveForms(): Form[] {
  const mov = (opcode: number, operands: Operand[], memory: "read" | "write", semantics: Form["semantics"]) =>
    form({ mnemonic: "mov", opcode, operands, memory, size: operands.some((o) => o.endsWith("b") || o === "AL") ? "byte" : "operand", semantics });
  const test = { mnemonic: "test", flags: { written: ALL } };
  return [
    form({ ...test, opcode: 0x84, operands: ["Eb", "Gb"], size: "byte", memory: "read", semantics: both(alu.testRmReg) }),
    form({ ...test, opcode: 0x85, operands: ["Ev", "Gv"], memory: "read", semantics: { ...both(alu.testRmReg), register32: FAST.testRegisters } }),
    form({ ...test, opcode: 0xa8, operands: ["AL", "Ib"], size: "byte", semantics: both(alu.testAccumulatorImmediate) }),
    form({ ...test, opcode: 0xa9, operands: ["rAX", "Iz"], semantics: both(alu.testAccumulatorImmediate) }),
    form({ mnemonic: "xchg", opcode: 0x86, operands: ["Eb", "Gb"], size: "byte", memory: "read-write", lockable: true, semantics: both(data.xchg) }),
    form({ mnemonic: "xchg", opcode: 0x87, operands: ["Ev", "Gv"], memory: "read-write", lockable: true, semantics: both(data.xchg) }),
    mov(0x88, ["Eb", "Gb"], "write", { register: data.movRmReg, memory: FAST.movByteMemoryRegister }),
    mov(0x89, ["Ev", "Gv"], "write", { ...both(data.movRmReg), register32: FAST.movRmRegister, memory32: FAST.movMemoryRegister }),
    mov(0x8a, ["Gb", "Eb"], "read", { register: data.movRegRm, memory: FAST.movByteRegisterMemory }),
    mov(0x8b, ["Gv", "Ev"], "read", { ...both(data.movRegRm), register32: FAST.movRegisterRm, memory32: FAST.movRegisterMemory }),
    mov(0xa0, ["AL", "Ob"], "read", both(data.movRegRm)),
    mov(0xa1, ["rAX", "Ov"], "read", both(data.movRegRm)),
    mov(0xa2, ["Ob", "AL"], "write", both(data.movRmReg)),
    mov(0xa3, ["Ov", "rAX"], "write", both(data.movRmReg)),
    form({ mnemonic: "mov", opcode: 0xc6, reg: 0, operands: ["Eb", "Ib"], size: "byte", memory: "write", semantics: { ...both(data.movRmImmediate), memory: FAST.movByteMemoryImmediate, memory32: FAST.movMemoryImmediate } }),
    form({ mnemonic: "mov", opcode: 0xc7, reg: 0, operands: ["Ev", "Iz"], memory: "write", semantics: { ...both(data.movRmImmediate), memory32: FAST.movMemoryImmediate } }),
    form({ mnemonic: "lea", opcode: 0x8d, operands: ["Gv", "M"], semantics: { memory: data.lea, memory32: FAST.lea } }),
    form({ mnemonic: bySize("cbw", "cwde"), opcode: 0x98, semantics: both(data.convertAccumulator) }),
    form({ mnemonic: bySize("cwd", "cdq"), opcode: 0x99, semantics: both(data.convertToDouble) }),
    form({ mnemonic: "sahf", opcode: 0x9e, flags: { written: SF | ZF | AF | PF | CF }, semantics: both(data.sahf) }),
    form({ mnemonic: "lahf", opcode: 0x9f, flags: { read: SF | ZF | AF | PF | CF }, semantics: both(data.lahf) }),
    form({ mnemonic: "xlatb", opcode: 0xd7, operands: ["xlat"], size: "byte", implicitMemory: "read", semantics: both(data.xlat) }),
  ];
}

function extendForms(): Form[] {
  const extend = (mnemonic: string, opcode: number, source: Operand, handler: Handler, memory32: Handler) =>
    form({ mnemonic, map: "0f", opcode, operands: ["Gv", source], memory: "read", semantics: { ...both(handler), memory32 } });
  return [
    extend("movzx", 0xb6, "Eb", data.movzx, FAST.movzxByteMemory),
    extend("movzx", 0xb7, "Ew", data.movzx, FAST.movzxWordMemory),
    extend("movsx", 0xbe, "Eb", data.movsx, FAST.movsxByteMemory),
    extend("movsx", 0xbf, "Ew", data.movsx, FAST.movsxWordMemory),
  ];
}

/** movs cmps stos lods scas: byte form at `opcode`, word/dword at `opcode + 1`. */
function stringForms(): Form[] {
  const add = (opcode: number, name: string, handler: Handler, operands: [Operand[], Operand[]], access: "read" | "write" | "read-write") => {
    const compare = name === "cmps" || name === "scas";
    const common = {
      string: compare ? ("compare" as const) : ("move" as const), implicitMemory: access,
      flags: { read: DF, written: compare ? ALL : 0, when: "element" as const }, semantics: both(handler),
    };
    return [
      form({ ...common, mnemonic: `${name}b`, opcode, operands: operands[0], size: "byte" }),
      form({ ...common, mnemonic: bySize(`${name}w`, `${name}d`), opcode: opcode + 1, operands: operands[1] }),
    ];
  };
  return [
    ...add(0xa4, "movs", strings.movs, [["Yb", "Xb"], ["Yv", "Xv"]], "read-write"),
    ...add(0xa6, "cmps", strings.cmps, [["Xb", "Yb"], ["Xv", "Yv"]], "read"),
    ...add(0xaa, "stos", strings.stos, [["Yb", "AL"], ["Yv", "rAX"]], "write"),
    ...add(0xac, "lods", strings.lods, [["AL", "Xb"], ["rAX", "Xv"]], "read"),
    ...add(0xae, "scas", strings.scas, [["AL", "Yb"], ["rAX", "Yv"]], "read"),
  ];
}

function bitForms(): Form[] {
  const test = (mnemonic: string, operation: number) => ({
    mnemonic, operation, map: "0f" as const, flags: { written: CF },
    memory: operation === 0 ? ("read" as const) : ("read-write" as const), lockable: operation !== 0,
  });
  const scan = (mnemonic: string, opcode: number, handler: Handler, written: number, prefix: "none" | "f3" = "none") =>
    form({ mnemonic, map: "0f", opcode, prefix, operands: ["Gv", "Ev"], flags: { written }, memory: "read", semantics: both(handler) });
  return [
    ...["bt", "bts", "btr", "btc"].map((mnemonic, operation) =>
      form({ ...test(mnemonic, operation), opcode: 0xa3 + operation * 8, operands: ["Ev", "Gv"], semantics: both(bits.bitTestRegister) })),
    ...["bt", "bts", "btr", "btc"].map((mnemonic, operation) =>
      form({ ...test(mnemonic, operation), operation: operation + 4, opcode: 0xba, reg: operation + 4, operands: ["Ev", "Ib"], semantics: both(bits.bitTestImmediate) })),
    scan("bsf", 0xbc, bits.bitScan, ALL),
    scan("bsr", 0xbd, bits.bitScan, ALL),
    scan("tzcnt", 0xbc, bits.countZeros, CF | ZF | SF | AF | PF, "f3"),
    scan("lzcnt", 0xbd, bits.countZeros, CF | ZF | SF | AF | PF, "f3"),
    scan("popcnt", 0xb8, bits.popcnt, ALL, "f3"),
  ];
}

function exchangeForms(): Form[] {
  const rmw = { map: "0f" as const, memory: "read-write" as const, lockable: true, flags: { written: ALL } };
  return [
    form({ ...rmw, mnemonic: "cmpxchg", opcode: 0xb0, operands: ["Eb", "Gb"], size: "byte", semantics: both(alu.cmpxchg) }),
    form({ ...rmw, mnemonic: "cmpxchg", opcode: 0xb1, operands: ["Ev", "Gv"], semantics: both(alu.cmpxchg) }),
    form({ ...rmw, mnemonic: "xadd", opcode: 0xc0, operands: ["Eb", "Gb"], size: "byte", semantics: both(alu.xadd) }),
    form({ ...rmw, mnemonic: "xadd", opcode: 0xc1, operands: ["Ev", "Gv"], semantics: both(alu.xadd) }),
    form({ ...rmw, mnemonic: "cmpxchg8b", opcode: 0xc7, reg: 1, operands: ["Mq"], flags: { written: ZF }, semantics: { memory: alu.cmpxchg8b } }),
  ];
}

export const DATA_FORMS: Form[] = [
  ...registerForms(), ...stackForms(), ...moveForms(), ...extendForms(), ...stringForms(), ...bitForms(), ...exchangeForms(),
];
