/**
 * The opcode tables (Intel SDM vol. 2, appendix A, "Opcode Map"): one entry per one-byte and
 * two-byte opcode, saying how to decode the operands (ModRM, immediate kind, byte operands),
 * the mnemonic (iced-x86's Mnemonic name, lowercased) and the handler(s) that execute it.
 * Group opcodes (80-83, C0-D3, F6, F7, FE, FF, 0F BA, ...) have eight members chosen by ModRM reg.
 * Opcodes absent here (x87, segment loads, I/O, BCD, far transfers, SSE) decode as invalid.
 */
import * as alu from "./handlers/alu.js";
import * as bits from "./handlers/bits.js";
import * as control from "./handlers/control.js";
import * as data from "./handlers/data.js";
import * as muldiv from "./handlers/muldiv.js";
import { doubleShiftHandler, shiftGroup, shiftRegister32 } from "./handlers/shifts.js";
import * as strings from "./handlers/strings.js";
import { FAST } from "./handlers/fast.js";
import { aluHandler8, aluHandler32, JCC_HANDLERS } from "./handlers/templates.js";
import type { DecodedInstruction, Handler } from "./instruction.js";

/**
 * none; one (the constant 1 of D0/D1); ib (unsigned byte); ibs (byte sign-extended to the
 * operand size); iw; iz (word or dword by operand size); enter (iw, ib); moffs (a 32-bit
 * address: memory operand, reg 0); jb / jz (relative branch displacements).
 */
export type ImmediateKind = "none" | "one" | "ib" | "ibs" | "iw" | "iz" | "enter" | "moffs" | "jb" | "jz";

export interface HandlerSet {
  register?: Handler;
  memory?: Handler;
  /** Faster handlers for 32-bit operands, where they exist. */
  register32?: Handler;
  memory32?: Handler;
}

export interface OpcodeEntry {
  mnemonic: string | ((i: DecodedInstruction) => string);
  modrm: boolean;
  immediate: ImmediateKind;
  handlers: HandlerSet;
  byteOperands?: boolean;
  /** Operand size is 32 whatever the prefixes. */
  size32?: boolean;
  operation?: number;
  endsBlock?: boolean;
  group?: (OpcodeEntry | null)[];
  /** Replacement entry under an F3 prefix (pause, tzcnt, lzcnt, popcnt, endbr32). */
  prefixed?: { f3?: OpcodeEntry };
  /** A LOCK prefix is allowed (with a memory destination). */
  lockable?: boolean;
  /** String instructions: which rep spelling an F3 prefix has. */
  string?: "move" | "compare";
}

type EntryOptions = Partial<OpcodeEntry> & Pick<OpcodeEntry, "mnemonic" | "handlers">;

function entry(options: EntryOptions): OpcodeEntry {
  return { modrm: false, immediate: "none", ...options };
}

const both = (handler: Handler): HandlerSet => ({ register: handler, memory: handler });
const memoryOnly = (handler: Handler): HandlerSet => ({ memory: handler });
const bySize = (word: string, dword: string) => (i: DecodedInstruction) => (i.operandSize === 2 ? word : dword);

export const CONDITION_NAMES = ["o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"];
const ALU_NAMES = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"];
const SHIFT_NAMES = ["rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar"];

export const ONE_BYTE: (OpcodeEntry | null)[] = new Array<OpcodeEntry | null>(256).fill(null);
export const TWO_BYTE: (OpcodeEntry | null)[] = new Array<OpcodeEntry | null>(256).fill(null);

function addAlu(): void {
  ALU_NAMES.forEach((mnemonic, operation) => {
    const base = operation * 8;
    const common = { mnemonic, operation, modrm: true };
    const lockable = operation !== 7;
    ONE_BYTE[base] = entry({
      ...common, lockable, byteOperands: true,
      handlers: { register: alu.aluRmReg, memory: aluHandler8(operation, "memoryRegister") },
    });
    ONE_BYTE[base + 1] = entry({
      ...common,
      lockable,
      handlers: { ...both(alu.aluRmReg), register32: aluHandler32(operation, "rmRegister"), memory32: aluHandler32(operation, "memoryRegister") },
    });
    ONE_BYTE[base + 2] = entry({
      ...common, byteOperands: true,
      handlers: { register: alu.aluRegRm, memory: aluHandler8(operation, "registerMemory") },
    });
    ONE_BYTE[base + 3] = entry({
      ...common,
      handlers: { ...both(alu.aluRegRm), register32: aluHandler32(operation, "registerRm"), memory32: aluHandler32(operation, "registerMemory") },
    });
    const accumulator = {
      mnemonic, operation,
      handlers: { ...both(alu.aluAccumulatorImmediate), register32: aluHandler32(operation, "accumulatorImmediate") },
    };
    ONE_BYTE[base + 4] = entry({ ...accumulator, byteOperands: true, immediate: "ib" });
    ONE_BYTE[base + 5] = entry({ ...accumulator, immediate: "iz" });
  });
  const group = (immediate: ImmediateKind, bytes = false) =>
    ALU_NAMES.map((mnemonic, operation) =>
      entry({
        mnemonic, immediate, lockable: operation !== 7,
        handlers: {
          register: alu.aluRmImmediate,
          memory: bytes ? aluHandler8(operation, "memoryImmediate") : alu.aluRmImmediate,
          register32: aluHandler32(operation, "rmImmediate"),
          memory32: aluHandler32(operation, "memoryImmediate"),
        },
      }),
    );
  ONE_BYTE[0x80] = entry({ mnemonic: "", modrm: true, byteOperands: true, group: group("ib", true), handlers: {} });
  ONE_BYTE[0x81] = entry({ mnemonic: "", modrm: true, group: group("iz"), handlers: {} });
  ONE_BYTE[0x82] = ONE_BYTE[0x80];
  ONE_BYTE[0x83] = entry({ mnemonic: "", modrm: true, group: group("ibs"), handlers: {} });
}

function addIncDecPushPop(): void {
  for (let register = 0; register < 8; register++) {
    ONE_BYTE[0x40 + register] = entry({ mnemonic: "inc", operation: 0, handlers: { ...both(alu.incDecRegister), register32: FAST.inc } });
    ONE_BYTE[0x48 + register] = entry({ mnemonic: "dec", operation: 1, handlers: { ...both(alu.incDecRegister), register32: FAST.dec } });
    ONE_BYTE[0x50 + register] = entry({ mnemonic: "push", handlers: { ...both(data.pushRegister), register32: FAST.push } });
    ONE_BYTE[0x58 + register] = entry({ mnemonic: "pop", handlers: { ...both(data.popRegister), register32: FAST.pop } });
    ONE_BYTE[0xb0 + register] = entry({ mnemonic: "mov", byteOperands: true, immediate: "ib", handlers: both(data.movRegImmediate) });
    ONE_BYTE[0xb8 + register] = entry({ mnemonic: "mov", immediate: "iz", handlers: { ...both(data.movRegImmediate), register32: FAST.movRegisterImmediate } });
    TWO_BYTE[0xc8 + register] = entry({ mnemonic: "bswap", handlers: both(bits.bswap) });
    if (register > 0) ONE_BYTE[0x90 + register] = entry({ mnemonic: "xchg", handlers: both(data.xchg) });
  }
  ONE_BYTE[0x60] = entry({ mnemonic: bySize("pusha", "pushad"), handlers: both(data.pusha) });
  ONE_BYTE[0x61] = entry({ mnemonic: bySize("popa", "popad"), handlers: both(data.popa) });
  ONE_BYTE[0x68] = entry({ mnemonic: "push", immediate: "iz", handlers: { ...both(data.pushImmediate), register32: FAST.pushImmediate } });
  ONE_BYTE[0x6a] = entry({ mnemonic: "push", immediate: "ibs", handlers: { ...both(data.pushImmediate), register32: FAST.pushImmediate } });
  ONE_BYTE[0x8f] = entry({
    mnemonic: "", modrm: true, handlers: {},
    group: [entry({ mnemonic: "pop", handlers: both(data.popRm) }), null, null, null, null, null, null, null],
  });
  ONE_BYTE[0x9c] = entry({ mnemonic: bySize("pushf", "pushfd"), handlers: both(data.pushf) });
  ONE_BYTE[0x9d] = entry({ mnemonic: bySize("popf", "popfd"), handlers: both(data.popf) });
}

function addMoves(): void {
  ONE_BYTE[0x84] = entry({ mnemonic: "test", modrm: true, byteOperands: true, handlers: both(alu.testRmReg) });
  ONE_BYTE[0x85] = entry({ mnemonic: "test", modrm: true, handlers: { ...both(alu.testRmReg), register32: FAST.testRegisters } });
  ONE_BYTE[0x86] = entry({ mnemonic: "xchg", modrm: true, lockable: true, byteOperands: true, handlers: both(data.xchg) });
  ONE_BYTE[0x87] = entry({ mnemonic: "xchg", modrm: true, lockable: true, handlers: both(data.xchg) });
  ONE_BYTE[0x88] = entry({ mnemonic: "mov", modrm: true, byteOperands: true, handlers: { register: data.movRmReg, memory: FAST.movByteMemoryRegister } });
  ONE_BYTE[0x89] = entry({
    mnemonic: "mov", modrm: true,
    handlers: { ...both(data.movRmReg), register32: FAST.movRmRegister, memory32: FAST.movMemoryRegister },
  });
  ONE_BYTE[0x8a] = entry({ mnemonic: "mov", modrm: true, byteOperands: true, handlers: { register: data.movRegRm, memory: FAST.movByteRegisterMemory } });
  ONE_BYTE[0x8b] = entry({
    mnemonic: "mov", modrm: true,
    handlers: { ...both(data.movRegRm), register32: FAST.movRegisterRm, memory32: FAST.movRegisterMemory },
  });
  ONE_BYTE[0x8d] = entry({ mnemonic: "lea", modrm: true, handlers: { memory: data.lea, memory32: FAST.lea } });
  ONE_BYTE[0x90] = entry({
    mnemonic: "nop", handlers: both(control.nop),
    prefixed: { f3: entry({ mnemonic: "pause", handlers: both(control.nop) }) },
  });
  ONE_BYTE[0x98] = entry({ mnemonic: bySize("cbw", "cwde"), handlers: both(data.convertAccumulator) });
  ONE_BYTE[0x99] = entry({ mnemonic: bySize("cwd", "cdq"), handlers: both(data.convertToDouble) });
  ONE_BYTE[0x9e] = entry({ mnemonic: "sahf", handlers: both(data.sahf) });
  ONE_BYTE[0x9f] = entry({ mnemonic: "lahf", handlers: both(data.lahf) });
  ONE_BYTE[0xa0] = entry({ mnemonic: "mov", immediate: "moffs", byteOperands: true, handlers: both(data.movRegRm) });
  ONE_BYTE[0xa1] = entry({ mnemonic: "mov", immediate: "moffs", handlers: both(data.movRegRm) });
  ONE_BYTE[0xa2] = entry({ mnemonic: "mov", immediate: "moffs", byteOperands: true, handlers: both(data.movRmReg) });
  ONE_BYTE[0xa3] = entry({ mnemonic: "mov", immediate: "moffs", handlers: both(data.movRmReg) });
  ONE_BYTE[0xa8] = entry({ mnemonic: "test", immediate: "ib", byteOperands: true, handlers: both(alu.testAccumulatorImmediate) });
  ONE_BYTE[0xa9] = entry({ mnemonic: "test", immediate: "iz", handlers: both(alu.testAccumulatorImmediate) });
  const movImmediate = (immediate: ImmediateKind, byteMemory?: Handler) => [
    entry({ mnemonic: "mov", immediate, handlers: { ...both(data.movRmImmediate), memory: byteMemory ?? data.movRmImmediate, memory32: FAST.movMemoryImmediate } }),
    null, null, null, null, null, null, null,
  ];
  ONE_BYTE[0xc6] = entry({ mnemonic: "", modrm: true, byteOperands: true, group: movImmediate("ib", FAST.movByteMemoryImmediate), handlers: {} });
  ONE_BYTE[0xc7] = entry({ mnemonic: "", modrm: true, group: movImmediate("iz"), handlers: {} });
  ONE_BYTE[0xd7] = entry({ mnemonic: "xlatb", handlers: both(data.xlat) });
}

function addStrings(): void {
  const add = (opcode: number, name: string, handler: Handler, kind: "move" | "compare") => {
    ONE_BYTE[opcode] = entry({ mnemonic: `${name}b`, byteOperands: true, string: kind, handlers: both(handler) });
    ONE_BYTE[opcode + 1] = entry({ mnemonic: bySize(`${name}w`, `${name}d`), string: kind, handlers: both(handler) });
  };
  add(0xa4, "movs", strings.movs, "move");
  add(0xa6, "cmps", strings.cmps, "compare");
  add(0xaa, "stos", strings.stos, "move");
  add(0xac, "lods", strings.lods, "move");
  add(0xae, "scas", strings.scas, "compare");
}

/** The template handler for a 32-bit register shl / sal / shr / sar, if there is one. */
function fastShift(mnemonic: string, immediate: ImmediateKind): Handler | undefined {
  const kind = mnemonic === "sal" ? "shl" : mnemonic;
  if (kind !== "shl" && kind !== "shr" && kind !== "sar") return undefined;
  return FAST[`${kind}${immediate === "none" ? "Cl" : "Immediate"}`];
}

function addShifts(): void {
  const group = (immediate: ImmediateKind) =>
    SHIFT_NAMES.map((mnemonic) =>
      entry({ mnemonic, immediate, handlers: { ...both(shiftGroup), register32: fastShift(mnemonic, immediate) ?? shiftRegister32 } }),
    );
  const add = (opcode: number, immediate: ImmediateKind) => {
    ONE_BYTE[opcode] = entry({ mnemonic: "", modrm: true, byteOperands: true, group: group(immediate), handlers: {} });
    ONE_BYTE[opcode + 1] = entry({ mnemonic: "", modrm: true, group: group(immediate), handlers: {} });
  };
  add(0xc0, "ib");
  add(0xd0, "one");
  add(0xd2, "none");
  const double = (mnemonic: string, immediate: ImmediateKind) =>
    entry({ mnemonic, modrm: true, immediate, handlers: both(doubleShiftHandler) });
  TWO_BYTE[0xa4] = double("shld", "ib");
  TWO_BYTE[0xa5] = double("shld", "none");
  TWO_BYTE[0xac] = double("shrd", "ib");
  TWO_BYTE[0xad] = double("shrd", "none");
}

function addGroup3(): void {
  const members = (immediate: ImmediateKind) => [
    entry({ mnemonic: "test", immediate, handlers: both(alu.testRmImmediate) }),
    entry({ mnemonic: "test", immediate, handlers: both(alu.testRmImmediate) }),
    entry({ mnemonic: "not", lockable: true, handlers: both(alu.notRm) }),
    entry({ mnemonic: "neg", lockable: true, handlers: both(alu.negRm) }),
    entry({ mnemonic: "mul", handlers: both(muldiv.mul) }),
    entry({ mnemonic: "imul", handlers: both(muldiv.imulOne) }),
    entry({ mnemonic: "div", handlers: both(muldiv.div) }),
    entry({ mnemonic: "idiv", handlers: both(muldiv.idiv) }),
  ];
  ONE_BYTE[0xf6] = entry({ mnemonic: "", modrm: true, byteOperands: true, group: members("ib"), handlers: {} });
  ONE_BYTE[0xf7] = entry({ mnemonic: "", modrm: true, group: members("iz"), handlers: {} });
  const incDec = [
    entry({ mnemonic: "inc", operation: 0, lockable: true, handlers: both(alu.incDecRm) }),
    entry({ mnemonic: "dec", operation: 1, lockable: true, handlers: both(alu.incDecRm) }),
  ];
  ONE_BYTE[0xfe] = entry({ mnemonic: "", modrm: true, byteOperands: true, group: [...incDec, null, null, null, null, null, null], handlers: {} });
  ONE_BYTE[0xff] = entry({
    mnemonic: "", modrm: true, handlers: {},
    group: [
      ...incDec,
      entry({
        mnemonic: "call", size32: true, endsBlock: true,
        handlers: { ...both(control.callIndirect), register32: FAST.callRegister, memory32: FAST.callMemory },
      }),
      null,
      entry({
        mnemonic: "jmp", size32: true, endsBlock: true,
        handlers: { ...both(control.jmpIndirect), register32: FAST.jmpRegister, memory32: FAST.jmpMemory },
      }),
      null,
      entry({ mnemonic: "push", handlers: both(data.pushRm) }),
      null,
    ],
  });
  const imulImmediate = { ...both(muldiv.imulThree), register32: FAST.imulRegisterImmediate, memory32: FAST.imulMemoryImmediate };
  ONE_BYTE[0x69] = entry({ mnemonic: "imul", modrm: true, immediate: "iz", handlers: imulImmediate });
  ONE_BYTE[0x6b] = entry({ mnemonic: "imul", modrm: true, immediate: "ibs", handlers: imulImmediate });
  TWO_BYTE[0xaf] = entry({
    mnemonic: "imul", modrm: true,
    handlers: { ...both(muldiv.imulTwo), register32: FAST.imulRegisters, memory32: FAST.imulRegisterMemory },
  });
}

function addControl(): void {
  CONDITION_NAMES.forEach((name, cc) => {
    const branch = { endsBlock: true, handlers: both(JCC_HANDLERS[cc]) };
    ONE_BYTE[0x70 + cc] = entry({ mnemonic: `j${name}`, operation: cc, immediate: "jb", ...branch });
    TWO_BYTE[0x80 + cc] = entry({ mnemonic: `j${name}`, operation: cc, immediate: "jz", ...branch });
    TWO_BYTE[0x40 + cc] = entry({ mnemonic: `cmov${name}`, operation: cc, modrm: true, handlers: both(data.cmovcc) });
    TWO_BYTE[0x90 + cc] = entry({ mnemonic: `set${name}`, operation: cc, modrm: true, byteOperands: true, handlers: both(data.setcc) });
  });
  const ends = (options: EntryOptions) => entry({ endsBlock: true, ...options });
  ONE_BYTE[0xe0] = ends({ mnemonic: "loopne", immediate: "jb", handlers: both(control.loop) });
  ONE_BYTE[0xe1] = ends({ mnemonic: "loope", immediate: "jb", handlers: both(control.loop) });
  ONE_BYTE[0xe2] = ends({ mnemonic: "loop", immediate: "jb", handlers: both(control.loop) });
  ONE_BYTE[0xe3] = ends({ mnemonic: "jecxz", immediate: "jb", handlers: both(control.loop) });
  ONE_BYTE[0xe8] = ends({ mnemonic: "call", immediate: "jz", handlers: { ...both(control.callRelative), register32: FAST.call } });
  ONE_BYTE[0xe9] = ends({ mnemonic: "jmp", immediate: "jz", handlers: { ...both(control.jmpRelative), register32: FAST.jmp } });
  ONE_BYTE[0xeb] = ends({ mnemonic: "jmp", immediate: "jb", handlers: { ...both(control.jmpRelative), register32: FAST.jmp } });
  ONE_BYTE[0xc2] = ends({ mnemonic: "ret", immediate: "iw", size32: true, handlers: { ...both(control.ret), register32: FAST.ret } });
  ONE_BYTE[0xc3] = ends({ mnemonic: "ret", size32: true, handlers: { ...both(control.ret), register32: FAST.ret } });
  ONE_BYTE[0xc8] = entry({ mnemonic: "enter", immediate: "enter", size32: true, handlers: both(control.enter) });
  ONE_BYTE[0xc9] = entry({ mnemonic: "leave", size32: true, handlers: both(control.leave) });
  ONE_BYTE[0xcc] = ends({ mnemonic: "int3", handlers: both(control.int3) });
  ONE_BYTE[0xcd] = ends({ mnemonic: "int", immediate: "ib", handlers: both(control.interrupt) });
  ONE_BYTE[0xf4] = ends({ mnemonic: "hlt", handlers: both(control.hlt) });
  TWO_BYTE[0x0b] = ends({ mnemonic: "ud2", handlers: both(control.ud2) });
  TWO_BYTE[0xb9] = ends({ mnemonic: "ud1", modrm: true, handlers: both(control.ud2) });
  TWO_BYTE[0xff] = ends({ mnemonic: "ud0", modrm: true, handlers: both(control.ud2) });
  ONE_BYTE[0xfa] = entry({ mnemonic: "cli", handlers: both(control.cli) });
  ONE_BYTE[0xfb] = entry({ mnemonic: "sti", handlers: both(control.sti) });
}

function addFlagsAndNops(): void {
  ONE_BYTE[0xf5] = entry({ mnemonic: "cmc", handlers: both(alu.cmc) });
  ONE_BYTE[0xf8] = entry({ mnemonic: "clc", handlers: both(alu.clc) });
  ONE_BYTE[0xf9] = entry({ mnemonic: "stc", handlers: both(alu.stc) });
  ONE_BYTE[0xfc] = entry({ mnemonic: "cld", handlers: both(alu.cld) });
  ONE_BYTE[0xfd] = entry({ mnemonic: "std", handlers: both(alu.std) });
  const hint = (mnemonic: string) => entry({ mnemonic, handlers: both(control.nop) });
  // Prefetch hints: nops; with a register operand iced calls them reserved nops.
  const prefetch = (name: string) => entry({ mnemonic: (i) => (i.isMemory ? name : "reservednop"), handlers: both(control.nop) });
  TWO_BYTE[0x18] = entry({
    mnemonic: "", modrm: true, handlers: {},
    group: ["prefetchnta", "prefetcht0", "prefetcht1", "prefetcht2"].map(prefetch).concat([1, 2, 3, 4].map(() => hint("reservednop"))),
  });
  TWO_BYTE[0x0d] = entry({
    mnemonic: "", modrm: true, handlers: {},
    group: ["prefetch", "prefetchw", "prefetchwt1", "prefetchw", "prefetch", "prefetch", "prefetch", "prefetch"].map(prefetch),
  });
  for (const opcode of [0x19, 0x1d]) TWO_BYTE[opcode] = entry({ mnemonic: "reservednop", modrm: true, handlers: both(control.nop) });
  TWO_BYTE[0x1e] = entry({
    mnemonic: "reservednop", modrm: true, handlers: both(control.nop),
    prefixed: { f3: entry({ mnemonic: (i) => endbrName(i), modrm: true, handlers: both(control.nop) }) },
  });
  TWO_BYTE[0x1f] = entry({ mnemonic: "nop", modrm: true, handlers: both(control.nop) });
}

/** F3 0F 1E FB is endbr32, F3 0F 1E FA endbr64 (a nop here too); other ModRM bytes are reserved nops. */
function endbrName(i: DecodedInstruction): string {
  if (!i.isMemory && i.reg === 7 && i.rm === 3) return "endbr32";
  if (!i.isMemory && i.reg === 7 && i.rm === 2) return "endbr64";
  return "reservednop";
}

function addBits(): void {
  const bt = (mnemonic: string, operation: number) =>
    entry({ mnemonic, operation, modrm: true, lockable: operation !== 0, handlers: both(bits.bitTestRegister) });
  TWO_BYTE[0xa3] = bt("bt", 0);
  TWO_BYTE[0xab] = bt("bts", 1);
  TWO_BYTE[0xb3] = bt("btr", 2);
  TWO_BYTE[0xbb] = bt("btc", 3);
  const immediate = (mnemonic: string) =>
    entry({ mnemonic, immediate: "ib", lockable: mnemonic !== "bt", handlers: both(bits.bitTestImmediate) });
  TWO_BYTE[0xba] = entry({
    mnemonic: "", modrm: true, handlers: {},
    group: [null, null, null, null, immediate("bt"), immediate("bts"), immediate("btr"), immediate("btc")],
  });
  const modrm = (mnemonic: string, handler: Handler) => entry({ mnemonic, modrm: true, handlers: both(handler) });
  TWO_BYTE[0xbc] = { ...modrm("bsf", bits.bitScan), prefixed: { f3: modrm("tzcnt", bits.countZeros) } };
  TWO_BYTE[0xbd] = { ...modrm("bsr", bits.bitScan), prefixed: { f3: modrm("lzcnt", bits.countZeros) } };
  TWO_BYTE[0xb8] = { ...modrm("invalid", bits.popcnt), handlers: {}, prefixed: { f3: modrm("popcnt", bits.popcnt) } };
  const extend = (mnemonic: string, handler: Handler, memory32: Handler) => ({ ...modrm(mnemonic, handler), handlers: { ...both(handler), memory32 } });
  TWO_BYTE[0xb6] = extend("movzx", data.movzx, FAST.movzxByteMemory);
  TWO_BYTE[0xb7] = extend("movzx", data.movzx, FAST.movzxWordMemory);
  TWO_BYTE[0xbe] = extend("movsx", data.movsx, FAST.movsxByteMemory);
  TWO_BYTE[0xbf] = extend("movsx", data.movsx, FAST.movsxWordMemory);
  TWO_BYTE[0xb0] = { ...modrm("cmpxchg", alu.cmpxchg), byteOperands: true, lockable: true };
  TWO_BYTE[0xb1] = { ...modrm("cmpxchg", alu.cmpxchg), lockable: true };
  TWO_BYTE[0xc7] = entry({
    mnemonic: "", modrm: true, handlers: {},
    group: [null, entry({ mnemonic: "cmpxchg8b", lockable: true, handlers: memoryOnly(alu.cmpxchg8b) }), null, null, null, null, null, null],
  });
  TWO_BYTE[0xc0] = { ...modrm("xadd", alu.xadd), byteOperands: true, lockable: true };
  TWO_BYTE[0xc1] = { ...modrm("xadd", alu.xadd), lockable: true };
}

addAlu();
addIncDecPushPop();
addMoves();
addStrings();
addShifts();
addGroup3();
addControl();
addFlagsAndNops();
addBits();
