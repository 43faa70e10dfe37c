/**
 * Table rows for the x87 subset gcc -m32 and llc emit (opcodes D8-DF, Intel SDM vol. 2, table
 * one row per group member (ModRM reg), holding the member's memory form (m32fp,
 * m64fp, m16int, m32int, m64int, m2byte) and its register forms (ST(i), or a few fixed
 * encodings chosen by ModRM r/m: fchs, fabs, fld1, fsqrt, fnstsw ax...). Register encodings of a
 * member that are not implemented (transcendentals, fcmov...) raise #UD; members with neither
 * form decode as invalid. Handlers: handlers/x87-*.ts.
 */
import * as arith from "../handlers/x87-arith.js";
import * as move from "../handlers/x87-move.js";
import { FaultSignal } from "../faults.js";
import type { DecodedInstruction, Handler } from "../instruction.js";
import { DOUBLE, SINGLE } from "../float/ieee.js";
import { AF, CF, form, OF, PF, SF, ZF, type Form, type FormSpec, type Operand } from "./form.js";

/** Register forms chosen by ModRM r/m: a handler per r/m (undefined: #UD). */
function byRm(handlers: (Handler | undefined)[]): Handler {
  return (m, i) => {
    const handler = handlers[i.rm];
    if (handler === undefined) throw new FaultSignal("invalid-opcode");
    handler(m, i);
  };
}

interface Member {
  opcode: number;
  reg: number;
  memory?: [mnemonic: string, operand: Operand, handler: Handler, access: "read" | "write"];
  register?: [mnemonic: string | string[], handler: Handler];
  flags?: FormSpec["flags"];
}

function row(member: Member): Form {
  const [memoryName, operand, memoryHandler, access] = member.memory ?? ["", "M", undefined, "read"];
  const [registerName, registerHandler] = member.register ?? ["", undefined];
  const registerMnemonic = (i: DecodedInstruction) => (typeof registerName === "string" ? registerName : registerName[i.rm] ?? "invalid");
  const dispatches = Array.isArray(registerName);
  return form({
    mnemonic: (i) => (i.isMemory ? memoryName : registerMnemonic(i)), opcode: member.opcode, reg: member.reg, size: "dword",
    operands: member.memory ? [operand] : [], memory: member.memory ? access : "none", flags: member.flags,
    faults: dispatches ? ["invalid-opcode"] : [], semantics: { memory: memoryHandler, register: registerHandler },
  });
}

const OPERATIONS: arith.X87Operation[] = ["add", "mul", "add", "add", "sub", "subr", "div", "divr"];
const NAMES = ["fadd", "fmul", "fcom", "fcomp", "fsub", "fsubr", "fdiv", "fdivr"];
/** DC and DE register forms: ST(i) = ST(i) op ST(0), with sub/subr and div/divr named the other way round. */
const REVERSED: [string, arith.X87Operation][] = [["fadd", "add"], ["fmul", "mul"], ["", "add"], ["", "add"], ["fsubr", "subr"], ["fsub", "sub"], ["fdivr", "divr"], ["fdiv", "div"]];

function arithmeticRows(): Form[] {
  return NAMES.flatMap((name, reg) => {
    const compare = reg === 2 || reg === 3;
    const pops = reg === 3 ? 1 : 0;
    const d8: Member = {
      opcode: 0xd8, reg,
      memory: [name, "Md", compare ? arith.compareCodes(true, pops, SINGLE) : arith.arithmeticMemory(OPERATIONS[reg] as arith.X87Operation, SINGLE), "read"],
      register: [name, compare ? arith.compareCodes(true, pops, "register") : arith.arithmeticRegister(OPERATIONS[reg] as arith.X87Operation, true, false)],
    };
    const [reversedName, reversed] = REVERSED[reg] as [string, arith.X87Operation];
    const dc: Member = {
      opcode: 0xdc, reg,
      memory: [name, "Mq", compare ? arith.compareCodes(true, pops, DOUBLE) : arith.arithmeticMemory(OPERATIONS[reg] as arith.X87Operation, DOUBLE), "read"],
      register: compare ? undefined : [reversedName, arith.arithmeticRegister(reversed, false, false)],
    };
    const de: Member | undefined = compare
      ? (reg === 3 ? { opcode: 0xde, reg, register: [["", "fcompp"], byRm([undefined, arith.compareCodes(true, 2, "register")])] } : undefined)
      : { opcode: 0xde, reg, register: [`${reversedName}p`, arith.arithmeticRegister(reversed, false, true)] };
    const integer = (bytes: 2 | 4) => (compare ? arith.compareCodes(true, pops, bytes) : arith.arithmeticMemory(OPERATIONS[reg] as arith.X87Operation, bytes));
    const intName = `fi${name.slice(1)}`;
    const da: Member = reg === 5
      ? { opcode: 0xda, reg, memory: [intName, "Md", integer(4), "read"], register: [["", "fucompp"], byRm([undefined, arith.compareCodes(false, 2, "register")])] }
      : { opcode: 0xda, reg, memory: [intName, "Md", integer(4), "read"], ...(reg < 4 ? { register: [FCMOV[reg] as string, arith.conditionalMove(FCMOV_CONDITIONS[reg] as number)], flags: { read: FCMOV_FLAGS[reg] } } : {}) };
    const deMemory: Member["memory"] = [intName, "Mw", integer(2), "read"];
    return [row(d8), row(dc), row(da), row(de ? { ...de, memory: deMemory } : { opcode: 0xde, reg, memory: deMemory })];
  });
}

/** fcmovb fcmove fcmovbe fcmovu (DA /0-3) and their negations (DB /0-3): condition codes and the flags they read. */
const FCMOV = ["fcmovb", "fcmove", "fcmovbe", "fcmovu"];
const FCMOV_CONDITIONS = [2, 4, 6, 10];
const FCMOV_FLAGS = [CF, ZF, CF | ZF, PF];
const fcmovNot = (reg: number): Pick<Member, "register" | "flags"> => ({
  register: [`fcmovn${(FCMOV[reg] as string).slice(5)}`, arith.conditionalMove((FCMOV_CONDITIONS[reg] as number) + 1)], flags: { read: FCMOV_FLAGS[reg] },
});

const EFLAGS_WRITTEN = { written: ZF | PF | CF | OF | SF | AF };
const CONSTANT_NAMES = ["fld1", "fldl2t", "fldl2e", "fldpi", "fldlg2", "fldln2", "fldz"];

function loadStoreRows(): Members {
  return [
    { opcode: 0xd9, reg: 0, memory: ["fld", "Md", move.loadFloat(SINGLE), "read"], register: ["fld", move.loadRegister] },
    { opcode: 0xd9, reg: 1, register: ["fxch", arith.fxch] },
    { opcode: 0xd9, reg: 2, memory: ["fst", "Md", move.storeFloat(SINGLE, false), "write"], register: [["fnop"], byRm([() => {}])] },
    { opcode: 0xd9, reg: 3, memory: ["fstp", "Md", move.storeFloat(SINGLE, true), "write"] },
    { opcode: 0xd9, reg: 4, register: [["fchs", "fabs", "", "", "ftst", "fxam"], byRm([arith.fchs, arith.fabs, undefined, undefined, arith.ftst, arith.fxam])] },
    { opcode: 0xd9, reg: 5, memory: ["fldcw", "Mw", move.fldcw, "read"], register: [CONSTANT_NAMES, byRm(CONSTANT_NAMES.map(() => move.loadConstant))] },
    { opcode: 0xd9, reg: 7, memory: ["fnstcw", "Mw", move.fnstcw, "write"], register: [["fprem", "fyl2xp1", "fsqrt", "fsincos", "frndint"], byRm([undefined, undefined, arith.fsqrt, undefined, arith.frndint])] },
    { opcode: 0xdb, reg: 0, memory: ["fild", "Md", move.loadInteger(4), "read"], ...fcmovNot(0) },
    { opcode: 0xdb, reg: 1, memory: ["fisttp", "Md", move.storeInteger(4, true, true), "write"], ...fcmovNot(1) },
    { opcode: 0xdb, reg: 2, memory: ["fist", "Md", move.storeInteger(4, false, false), "write"], ...fcmovNot(2) },
    { opcode: 0xdb, reg: 3, memory: ["fistp", "Md", move.storeInteger(4, true, false), "write"], ...fcmovNot(3) },
    { opcode: 0xdb, reg: 4, register: [["fneni", "fndisi", "fnclex", "fninit", "fnsetpm"], move.initOrClear] },
    { opcode: 0xdb, reg: 5, register: ["fucomi", arith.compareEflags(false, false)], flags: EFLAGS_WRITTEN },
    { opcode: 0xdb, reg: 6, register: ["fcomi", arith.compareEflags(true, false)], flags: EFLAGS_WRITTEN },
    { opcode: 0xdd, reg: 0, memory: ["fld", "Mq", move.loadFloat(DOUBLE), "read"] },
    { opcode: 0xdd, reg: 1, memory: ["fisttp", "Mq", move.storeInteger(8, true, true), "write"] },
    { opcode: 0xdd, reg: 2, memory: ["fst", "Mq", move.storeFloat(DOUBLE, false), "write"], register: ["fst", move.storeRegister(false)] },
    { opcode: 0xdd, reg: 3, memory: ["fstp", "Mq", move.storeFloat(DOUBLE, true), "write"], register: ["fstp", move.storeRegister(true)] },
    { opcode: 0xdd, reg: 4, register: ["fucom", arith.compareCodes(false, 0, "register")] },
    { opcode: 0xdd, reg: 5, register: ["fucomp", arith.compareCodes(false, 1, "register")] },
    { opcode: 0xdd, reg: 7, memory: ["fnstsw", "Mw", move.fnstswMemory, "write"] },
    { opcode: 0xdf, reg: 0, memory: ["fild", "Mw", move.loadInteger(2), "read"] },
    { opcode: 0xdf, reg: 1, memory: ["fisttp", "Mw", move.storeInteger(2, true, true), "write"] },
    { opcode: 0xdf, reg: 2, memory: ["fist", "Mw", move.storeInteger(2, false, false), "write"] },
    { opcode: 0xdf, reg: 3, memory: ["fistp", "Mw", move.storeInteger(2, true, false), "write"] },
    { opcode: 0xdf, reg: 4, register: [["fnstsw"], byRm([move.fnstswAx])] },
    { opcode: 0xdf, reg: 5, memory: ["fild", "Mq", move.loadInteger(8), "read"], register: ["fucomip", arith.compareEflags(false, true)], flags: EFLAGS_WRITTEN },
    { opcode: 0xdf, reg: 6, register: ["fcomip", arith.compareEflags(true, true)], flags: EFLAGS_WRITTEN },
    { opcode: 0xdf, reg: 7, memory: ["fistp", "Mq", move.storeInteger(8, true, false), "write"] },
  ];
}

type Members = Member[];

export const X87_FORMS: Form[] = [
  ...arithmeticRows(), ...loadStoreRows().map(row),
  form({ mnemonic: "wait", opcode: 0x9b, size: "dword", semantics: { register: move.fwait } }),
];
