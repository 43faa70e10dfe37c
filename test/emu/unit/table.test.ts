/**
 * The instruction table (src/emu/table/) against iced-x86. For each form, representative
 * encodings are built from the table row alone (register and memory operand where the form has
 * both, 32- and 16-bit operand size where it has both): our decoder must decode them as that
 * form, and iced-x86 must agree on the mnemonic, the length and the operand count; on the flags
 * read and written (InstructionInfo's RFLAGS bits: every flag the SDM defines as written is in
 * the table's `written`, and the table writes no flag the CPU leaves alone); on whether the
 * instruction ends a block (iced's flow control); and on memory access through the ModRM
 * operand and implicitly (stack, strings); on the encoding (map, mandatory prefix, opcode, group
 * member) and whether LOCK and REP apply. Where we differ on purpose, `KNOWN` says why.
 * Also: the interpreter's "may write memory" knowledge from the table matches the templates.
 */
import {
  Decoder, DecoderOptions, FlowControl, InstructionInfoFactory, MandatoryPrefix as IcedPrefix, Mnemonic, OpAccess, Register, RflagsBits,
} from "iced-x86";
import { afterAll, describe, expect, it } from "vitest";
import { decodeAt } from "../../../src/emu/decoder.js";
import { TEMPLATE_BODIES, templateNumber } from "../../../src/emu/handlers/templates.js";
import { AF, CF, DF, OF, PF, SF, ZF, type Form, type MemoryAccess } from "../../../src/emu/table/form.js";
import { DECODE_TABLE, FORMS, formHandlers, mapNumber, prefixNumber, slotIndex, writesMemory } from "../../../src/emu/table/index.js";

interface Sample {
  form: Form;
  bytes: number[];
  memory: boolean;
  label: string;
}

const MAP_BYTES = { "one-byte": [], "0f": [0x0f], "0f38": [0x0f, 0x38], "0f3a": [0x0f, 0x3a] };
const PREFIX_BYTES = { none: [], "66": [0x66], f2: [0xf2], f3: [0xf3] };

function immediateBytes(form: Form, word: boolean): number[] {
  switch (form.immediate) {
    case "none": case "one": return [];
    case "ib": case "ibs": case "jb": return [0x05];
    case "iw": return [0x34, 0x12];
    case "iz": case "jz": return word ? [0x34, 0x12] : [0x78, 0x56, 0x34, 0x12];
    case "enter": return [0x10, 0x00, 0x02];
    case "moffs": return [0x00, 0x10, 0x00, 0x00];
  }
}

/** An encoding of `form`: register 1 in the opcode, ModRM reg = the group member or 2, r/m ECX or [EBX]. */
function encode(form: Form, memory: boolean, word: boolean): number[] {
  const bytes = [...(word ? [0x66] : []), ...PREFIX_BYTES[form.prefix], ...MAP_BYTES[form.map]];
  bytes.push(form.opcode + (form.registerInOpcode ? 1 : 0));
  const reg = form.reg ?? 2;
  if (form.modrm) bytes.push(memory ? (reg << 3) | 3 : 0xc0 | (reg << 3) | 1);
  return [...bytes, ...immediateBytes(form, word)];
}

function samples(): Sample[] {
  const list: Sample[] = [];
  for (const form of FORMS) {
    const s = form.semantics;
    const variants = form.immediate === "moffs" ? [true] : form.modrm ? [false, true] : [false];
    for (const memory of variants) {
      if ((memory ? s.memory ?? s.memory32 : s.register ?? s.register32) === undefined) continue;
      for (const word of form.size === "operand" ? [false, true] : [false]) {
        const bytes = encode(form, memory && form.modrm, word);
        list.push({ form, bytes, memory, label: Buffer.from(bytes).toString("hex") });
      }
    }
  }
  return list;
}

/** Table flag bits (EFLAGS positions) as iced's RflagsBits. */
function toIced(flags: number): number {
  const pairs: [number, number][] = [[CF, RflagsBits.CF], [PF, RflagsBits.PF], [AF, RflagsBits.AF], [ZF, RflagsBits.ZF], [SF, RflagsBits.SF], [OF, RflagsBits.OF], [DF, RflagsBits.DF]];
  return pairs.reduce((bits, [ours, theirs]) => ((flags & ours) !== 0 ? bits | theirs : bits), 0);
}

const MASK = toIced(CF | PF | AF | ZF | SF | OF | DF);

function accessOf(access: OpAccess): MemoryAccess {
  if (access === OpAccess.Read || access === OpAccess.CondRead) return "read";
  if (access === OpAccess.Write || access === OpAccess.CondWrite) return "write";
  if (access === OpAccess.ReadWrite || access === OpAccess.ReadCondWrite) return "read-write";
  return "none";
}

function union(a: MemoryAccess, b: MemoryAccess): MemoryAccess {
  if (a === "none" || a === b) return b;
  if (b === "none") return a;
  return "read-write";
}

interface Facts {
  mnemonic: string;
  length: number;
  operands: number;
  read: number;
  defined: number;
  modified: number;
  endsBlock: boolean;
  memory: MemoryAccess;
  implicitMemory: MemoryAccess;
  /** Opcode map number : mandatory prefix : opcode : group member ("-" if none). */
  encoding: string;
  lockable: boolean;
  rep: boolean;
}

const PREFIXES: Record<number, string> = { [IcedPrefix.None]: "none", [IcedPrefix.PNP]: "none", [IcedPrefix.P66]: "66", [IcedPrefix.PF3]: "f3", [IcedPrefix.PF2]: "f2" };

function encodingOf(map: number, prefix: string, opcode: number, group: number | null): string {
  return `${map}:${prefix}:${opcode.toString(16)}:${group ?? "-"}`;
}

const infoFactory = new InstructionInfoFactory();
afterAll(() => infoFactory.free());

/** What iced-x86 says about the first instruction of `bytes` (`memory`: it has a ModRM or moffs memory operand). */
function icedFacts(bytes: number[], memory: boolean): Facts {
  const decoder = new Decoder(32, Uint8Array.from(bytes), DecoderOptions.None);
  const instruction = decoder.decode();
  const info = infoFactory.info(instruction);
  let explicitMemory: MemoryAccess = "none";
  let implicitMemory: MemoryAccess = "none";
  for (const used of info.usedMemory() as { base: Register; index: Register; displacement: bigint; access: OpAccess; free(): void }[]) {
    const operand = used.index === Register.None && (used.base === Register.EBX || (used.base === Register.None && used.displacement === 0x1000n));
    if (memory && operand) explicitMemory = union(explicitMemory, accessOf(used.access));
    else implicitMemory = union(implicitMemory, accessOf(used.access));
    used.free();
  }
  const undefinedFlags = instruction.rflagsUndefined;
  const opCode = instruction.opCode;
  const facts: Facts = {
    mnemonic: (Mnemonic[instruction.mnemonic] ?? "?").toLowerCase(),
    length: instruction.length,
    operands: instruction.opCount,
    read: instruction.rflagsRead & MASK,
    defined: (instruction.rflagsWritten | instruction.rflagsCleared | instruction.rflagsSet) & ~undefinedFlags & MASK,
    modified: instruction.rflagsModified & MASK,
    endsBlock: instruction.flowControl !== FlowControl.Next,
    memory: explicitMemory,
    implicitMemory,
    encoding: encodingOf(opCode.table, PREFIXES[opCode.mandatoryPrefix], opCode.opCode, opCode.isGroup ? opCode.groupIndex : null),
    lockable: opCode.canUseLockPrefix,
    rep: opCode.canUseRepPrefix,
  };
  opCode.free();
  info.free();
  instruction.free();
  decoder.free();
  return facts;
}

/** Where the table differs from iced-x86 on purpose: samples (by their hex bytes), the facts that differ, and why. */
const KNOWN: { bytes: RegExp; mnemonic?: string; fields: (keyof Facts)[]; reason: string }[] = [
  { bytes: /^(66)?cd/, fields: ["implicitMemory"], reason: "int n runs the machine's interrupt handler: Linux system calls read and write guest memory" },
  { bytes: /^(66)?f4$/, fields: ["endsBlock"], reason: "hlt stops the machine (kernel mode) or raises #GP (user mode); iced's flow control for it is Next" },
  { bytes: /^(66)?0f1f/, fields: ["mnemonic", "operands"], reason: "0F 1F with a ModRM reg other than 0 is a nop here as before the table; iced calls it reservednop (same execution)" },
  { bytes: /^(66)?0f(18|0d)[c-f][0-9a-f]$/, fields: ["operands"], reason: "a prefetch hint with a register operand is iced's reservednop Ev,Gv; the row states the prefetch's one memory operand" },
  { bytes: /^(66)?(f3)?0f(18|0d|1e)/, mnemonic: "reservednop", fields: ["encoding"], reason: "iced has one reserved-nop form per opcode (0F 18 /r, no F3); the table states the group member or F3 form it decodes from" },
  { bytes: /^(66)?0f18(33|3b)$/, fields: ["mnemonic", "operands"], reason: "0F 18 /6 /7 with memory are prefetchit1 / prefetchit0 on CPUs with PREFETCHI; a reserved nop here, as on CPUs without it" },
  { bytes: /^d[8-f][c-f][0-9a-f]$/, fields: ["operands", "encoding"], reason: "an x87 row holds a group member's memory form and its register forms; iced counts ST(0), ST(i) as operands and keys register forms by their second byte" },
  { bytes: /^d[8-f][c-f][0-9a-f]$/, mnemonic: "invalid", fields: ["mnemonic", "endsBlock"], reason: "an x87 register encoding this emulator does not implement raises #UD when executed" },
  { bytes: /^df2b$/, fields: ["modified"], reason: "the DF /5 row holds fild m64 and fucomip: its flags are fucomip's" },
  { bytes: /^d[ab](03|0b|13|1b)$/, fields: ["read"], reason: "the DA, DB /0-3 rows hold an integer memory form and fcmovcc: the flags read are fcmov's" },
];

function known(label: string, mnemonic: string, field: keyof Facts): boolean {
  return KNOWN.some((entry) => entry.bytes.test(label) && (entry.mnemonic ?? mnemonic) === mnemonic && entry.fields.includes(field));
}

describe("instruction table against iced-x86", () => {
  const list = samples();
  it("has a representative encoding for every form", () => {
    const covered = new Set(list.map((sample) => sample.form));
    expect(FORMS.filter((form) => !covered.has(form))).toEqual([]);
  });

  it.each(list.map((sample) => [sample.label, sample] as const))("%s", (label, { form, bytes, memory }) => {
    const ours = decodeAt(Uint8Array.from(bytes), 0);
    expect(ours.form).toBe(form);
    expect(ours.length).toBe(bytes.length);
    const iced = icedFacts(bytes, memory);
    const mnemonic = ours.mnemonic;
    if (!known(label, mnemonic, "mnemonic")) expect(mnemonic).toBe(iced.mnemonic);
    expect(iced.length).toBe(bytes.length);
    if (!known(label, mnemonic, "operands")) expect(form.operands.length).toBe(iced.operands);
    if (!known(label, mnemonic, "read")) expect(toIced(form.flags.read)).toBe(iced.read);
    const written = toIced(form.flags.written);
    if (!known(label, mnemonic, "defined")) expect(iced.defined & ~written).toBe(0);
    if (!known(label, mnemonic, "modified")) expect(written & ~iced.modified).toBe(0);
    if (!known(label, mnemonic, "endsBlock")) expect(form.endsBlock).toBe(iced.endsBlock);
    if (!known(label, mnemonic, "memory")) expect(memory ? form.memory : "none").toBe(iced.memory);
    if (!known(label, mnemonic, "implicitMemory")) expect(form.implicitMemory).toBe(iced.implicitMemory);
    if (!known(label, mnemonic, "encoding")) expect(encodingOf(mapNumber(form.map), form.prefix, form.opcode, form.reg)).toBe(iced.encoding);
    if (!known(label, mnemonic, "lockable")) expect(form.lockable).toBe(iced.lockable);
    if (!known(label, mnemonic, "rep")) expect(form.string !== null).toBe(iced.rep);
  });
});

describe("instruction table against the templates", () => {
  // The interpreter checks for dropped code after a template case exactly when the table says
  // a form using that template may write memory; the template text must agree.
  it("says which templates write memory", () => {
    const table = new Set<number>();
    for (const form of FORMS) {
      for (const { handler, memory } of formHandlers(form)) if (writesMemory(form, memory)) table.add(templateNumber(handler));
    }
    const mismatches = TEMPLATE_BODIES.map((body, n) => ({ n, body }))
      .filter(({ n, body }) => n > 0 && /\.write(8|16|32)\(/.test(body) !== table.has(n))
      .map(({ body }) => body);
    expect(mismatches).toEqual([]);
  });
});

describe("the decode key: opcode map x mandatory prefix x opcode", () => {
  const decode = (bytes: number[]) => decodeAt(Uint8Array.from(bytes), 0);
  // [bytes, mnemonic, operand size, length]
  const cases: [number[], string, number, number][] = [
    [[0xf3, 0x0f, 0xbc, 0xc1], "tzcnt", 4, 4],
    [[0xf2, 0x0f, 0xbc, 0xc1], "bsf", 4, 4], // no F2 form: the prefix-less one
    [[0x66, 0xf3, 0x0f, 0xb8, 0xc1], "popcnt", 2, 5], // F3 selects, 66 keeps its operand size
    [[0xf3, 0x66, 0x0f, 0xbd, 0xc1], "lzcnt", 2, 5],
    [[0xf3, 0x90], "pause", 4, 2],
    [[0xf2, 0x90], "nop", 4, 2],
    [[0x66, 0x90], "nop", 2, 2],
    [[0x91], "xchg", 4, 1], // 90+r xchg around the exact 90 nop
    [[0x0f, 0xb8, 0xc1], "invalid", 4, 2], // popcnt needs F3
    [[0x0f, 0x38, 0x00, 0xc1], "invalid", 4, 3], // 0F 38 and 0F 3A maps: no forms yet
    [[0x66, 0x0f, 0x3a, 0x0f, 0xc1, 0x01], "invalid", 2, 4],
  ];
  it.each(cases)("%j is %s", (bytes, mnemonic, operandSize, length) => {
    expect(decode(bytes)).toMatchObject({ mnemonic, operandSize, length });
  });

  it("has one slot per key and every form in its slot", () => {
    for (const form of FORMS) {
      const opcode = form.opcode + (form.registerInOpcode ? 1 : 0);
      const slot = DECODE_TABLE[slotIndex(mapNumber(form.map), prefixNumber(form.prefix), opcode)];
      expect(form.reg === null ? slot?.form : slot?.group?.[form.reg]).toBe(form);
    }
  });
});
