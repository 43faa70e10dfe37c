/**
 * Table rows for control transfer and the rest: jcc, setcc, cmovcc, loop/jecxz, jmp, call,
 * ret, enter, leave, int, int3, hlt, cli, sti, the ud forms, the flag instructions (clc stc cmc
 * cld std) and the nops (90, pause, 0F 1F /0, prefetch hints, reserved nops, endbr32).
 */
import * as alu from "../handlers/alu.js";
import * as control from "../handlers/control.js";
import * as data from "../handlers/data.js";
import { FAST } from "../handlers/fast.js";
import { JCC_HANDLERS } from "../handlers/templates.js";
import type { DecodedInstruction } from "../instruction.js";
import { both, CF, CONDITION_FLAGS, CONDITION_NAMES, DF, form, ZF, type Form, type FormSpec } from "./form.js";

function conditionForms(): Form[] {
  return CONDITION_NAMES.flatMap((name, cc) => {
    const common = { operation: cc, flags: { read: CONDITION_FLAGS[cc] } };
    const branch = { ...common, mnemonic: `j${name}`, endsBlock: true, semantics: both(JCC_HANDLERS[cc]) };
    return [
      form({ ...branch, opcode: 0x70 + cc, operands: ["Jb"] }),
      form({ ...branch, map: "0f", opcode: 0x80 + cc, operands: ["Jz"] }),
      form({ ...common, mnemonic: `cmov${name}`, map: "0f", opcode: 0x40 + cc, operands: ["Gv", "Ev"], memory: "read", semantics: both(data.cmovcc) }),
      form({ ...common, mnemonic: `set${name}`, map: "0f", opcode: 0x90 + cc, operands: ["Eb"], size: "byte", memory: "write", semantics: both(data.setcc) }),
    ];
  });
}

function transferForms(): Form[] {
  const ends = (spec: FormSpec) => form({ endsBlock: true, ...spec });
  const loop = (mnemonic: string, opcode: number, read: number) => ends({ mnemonic, opcode, operands: ["Jb"], flags: { read }, semantics: both(control.loop) });
  const ret = { ...both(control.ret), register32: FAST.ret };
  const indirect = { reg: 0, size: "dword" as const, operands: ["Ed" as const], memory: "read" as const };
  return [
    loop("loopne", 0xe0, ZF), loop("loope", 0xe1, ZF), loop("loop", 0xe2, 0), loop("jecxz", 0xe3, 0),
    ends({ mnemonic: "call", opcode: 0xe8, operands: ["Jz"], implicitMemory: "write", semantics: { ...both(control.callRelative), register32: FAST.call } }),
    ends({ mnemonic: "jmp", opcode: 0xe9, operands: ["Jz"], semantics: { ...both(control.jmpRelative), register32: FAST.jmp } }),
    ends({ mnemonic: "jmp", opcode: 0xeb, operands: ["Jb"], semantics: { ...both(control.jmpRelative), register32: FAST.jmp } }),
    ends({ ...indirect, mnemonic: "call", opcode: 0xff, reg: 2, implicitMemory: "write", semantics: { ...both(control.callIndirect), register32: FAST.callRegister, memory32: FAST.callMemory } }),
    ends({ ...indirect, mnemonic: "jmp", opcode: 0xff, reg: 4, semantics: { ...both(control.jmpIndirect), register32: FAST.jmpRegister, memory32: FAST.jmpMemory } }),
    ends({ mnemonic: "ret", opcode: 0xc2, operands: ["Iw"], size: "dword", implicitMemory: "read", semantics: ret }),
    ends({ mnemonic: "ret", opcode: 0xc3, size: "dword", implicitMemory: "read", semantics: ret }),
    form({ mnemonic: "enter", opcode: 0xc8, operands: ["Iw", "Ib"], size: "dword", implicitMemory: "read-write", semantics: both(control.enter) }),
    form({ mnemonic: "leave", opcode: 0xc9, size: "dword", implicitMemory: "read", semantics: both(control.leave) }),
  ];
}

function systemForms(): Form[] {
  const ends = (spec: FormSpec) => form({ endsBlock: true, ...spec });
  const ud = (mnemonic: string, opcode: number, modrm: boolean) =>
    ends({ mnemonic, map: "0f", opcode, operands: modrm ? ["Gv", "Ev"] : [], faults: ["invalid-opcode"], semantics: both(control.ud2) });
  return [
    ends({ mnemonic: "int3", opcode: 0xcc, faults: ["breakpoint"], semantics: both(control.int3) }),
    // The interrupt handler (Linux system calls) may read and write guest memory, or stop.
    ends({ mnemonic: "int", opcode: 0xcd, operands: ["Ib"], implicitMemory: "read-write", faults: ["general-protection", "stop"], semantics: both(control.interrupt) }),
    ends({ mnemonic: "hlt", opcode: 0xf4, faults: ["general-protection", "stop"], semantics: both(control.hlt) }),
    ud("ud2", 0x0b, false), ud("ud1", 0xb9, true), ud("ud0", 0xff, true),
    form({ mnemonic: "cli", opcode: 0xfa, faults: ["general-protection"], semantics: both(control.cli) }),
    form({ mnemonic: "sti", opcode: 0xfb, faults: ["general-protection"], semantics: both(control.sti) }),
    form({ mnemonic: "cmc", opcode: 0xf5, flags: { read: CF, written: CF }, semantics: both(alu.cmc) }),
    form({ mnemonic: "clc", opcode: 0xf8, flags: { written: CF }, semantics: both(alu.clc) }),
    form({ mnemonic: "stc", opcode: 0xf9, flags: { written: CF }, semantics: both(alu.stc) }),
    form({ mnemonic: "cld", opcode: 0xfc, flags: { written: DF }, semantics: both(alu.cld) }),
    form({ mnemonic: "std", opcode: 0xfd, flags: { written: DF }, semantics: both(alu.std) }),
  ];
}

/** F3 0F 1E FB is endbr32, F3 0F 1E FA endbr64 (a nop here too); other ModRM bytes are reserved nops. */
function endbrName(i: DecodedInstruction): string {
  if (!i.isMemory && i.reg === 7 && i.rm === 3) return "endbr32";
  if (!i.isMemory && i.reg === 7 && i.rm === 2) return "endbr64";
  return "reservednop";
}

function nopForms(): Form[] {
  const nop = both(control.nop);
  const reserved = (opcode: number, reg: number | null = null) =>
    form({ mnemonic: "reservednop", map: "0f", opcode, reg, operands: ["Ev", "Gv"], semantics: nop });
  // Prefetch hints: nops; with a register operand iced calls them reserved nops.
  const prefetch = (opcode: number, names: string[]) =>
    names.map((name, reg) => form({ mnemonic: (i) => (i.isMemory ? name : "reservednop"), map: "0f", opcode, reg, operands: ["Mb"], semantics: nop }));
  return [
    form({ mnemonic: "nop", opcode: 0x90, semantics: nop }),
    form({ mnemonic: "pause", opcode: 0x90, prefix: "f3", semantics: nop }),
    form({ mnemonic: "nop", map: "0f", opcode: 0x1f, operands: ["Ev"], semantics: nop }),
    ...prefetch(0x18, ["prefetchnta", "prefetcht0", "prefetcht1", "prefetcht2"]),
    ...[4, 5, 6, 7].map((reg) => reserved(0x18, reg)),
    ...prefetch(0x0d, ["prefetch", "prefetchw", "prefetchwt1", "prefetchw", "prefetch", "prefetch", "prefetch", "prefetch"]),
    reserved(0x19), reserved(0x1d), reserved(0x1e),
    form({ mnemonic: endbrName, map: "0f", opcode: 0x1e, prefix: "f3", operands: ["Ev", "Gv"], semantics: nop }),
  ];
}

export const CONTROL_FORMS: Form[] = [...conditionForms(), ...transferForms(), ...systemForms(), ...nopForms()];
