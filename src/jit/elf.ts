/**
 * The JIT's output as an ELF32 i386 executable with a symbol table, for `objdump -d` and gdb
 * (`file OUT.elf`): the code and data at the addresses where they run, and names for them.
 *
 * Layout (System V ABI, ELF32): the ELF header, two PT_LOAD program headers (code r-x, data
 * rw-), the code and the data (file offsets congruent to their addresses modulo 4 KiB), then
 * .symtab, .strtab, the DWARF sections when the module has debug info (.debug_line,
 * .debug_abbrev, .debug_info: src/jit/debug-line.ts), .shstrtab and the section header table.
 *
 * Symbols (`FunctionSymbol` below says how a tier names its code):
 *   - each function body: a global STT_FUNC with its size, named as the IR names it (`fib`);
 *     a later tier's body of the same function adds a suffix (`fib.t2`);
 *   - each function's call stub (`jmp dword [slot]`): a local STT_FUNC `fib.stub`, 8 bytes;
 *   - each IR block: a local label `.Lfib.if.then` at its first instruction. objdump prints the
 *     labels; gdb skips `.L` symbols as compiler labels, so frames keep the function's name;
 *   - each named global variable: a global STT_OBJECT in .data (`watch *(int *)&counter`).
 */
import type { CompiledModule } from "./module.js";
import { debugSections } from "./debug-line.js";

export interface FunctionSymbol {
  name: string;
  address: number;
  size: number;
  /** `local`: a stub or a helper routine; bodies are global. */
  binding: "global" | "local";
  labels: { name: string; address: number }[];
}

const EM_386 = 3;
const ET_EXEC = 2;
const PT_LOAD = 1;
const SHT = { progbits: 1, symtab: 2, strtab: 3 } as const;
const SHF = { write: 1, alloc: 2, exec: 4 } as const;
const STT = { notype: 0, object: 1, func: 2 } as const;
const STB = { local: 0, global: 1 } as const;
const HEADER = 52;
const PROGRAM_HEADER = 32;
const SECTION_HEADER = 40;
const SYMBOL = 16;
const STUB_BYTES = 8;

/** The symbols of a compiled module: bodies (with their blocks as labels) and call stubs. */
export function moduleSymbols(compiled: CompiledModule, suffix = ""): FunctionSymbol[] {
  const functions = [...compiled.functions.values()];
  const codeBase = compiled.code[0]?.address ?? 0;
  const stubs: FunctionSymbol[] = functions.map((fn, index) => ({
    name: `${fn.name}${suffix}.stub`, address: codeBase + index * STUB_BYTES, size: STUB_BYTES, binding: "local", labels: [],
  }));
  const bodies: FunctionSymbol[] = functions.map((fn) => ({
    name: `${fn.name}${suffix}`, address: fn.address, size: fn.size, binding: "global",
    labels: fn.blocks.map((block) => ({ name: `.L${fn.name}${suffix}.${block.name}`, address: fn.address + block.offset })),
  }));
  return [...stubs, ...bodies];
}

class StringTable {
  private readonly parts: Buffer[] = [Buffer.from([0])];
  private length = 1;

  add(text: string): number {
    const at = this.length;
    const bytes = Buffer.from(`${text}\0`, "utf8");
    this.parts.push(bytes);
    this.length += bytes.length;
    return at;
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** A global variable in the data pool: a global STT_OBJECT (private `.str` constants left out). */
export interface DataSymbol {
  name: string;
  address: number;
  size: number;
}

/** The .symtab bytes (locals first, as the ELF rules want) and the index of the first global. */
function symbolTable(symbols: FunctionSymbol[], objects: DataSymbol[], strings: StringTable): { bytes: Buffer; firstGlobal: number } {
  const entries: Buffer[] = [Buffer.alloc(SYMBOL)];
  const entry = (name: string, value: number, size: number, type: number, binding: number): Buffer => {
    const bytes = Buffer.alloc(SYMBOL);
    bytes.writeUInt32LE(strings.add(name), 0);
    bytes.writeUInt32LE(value >>> 0, 4);
    bytes.writeUInt32LE(size, 8);
    bytes[12] = (binding << 4) | type;
    bytes.writeUInt16LE(type === STT.object ? 2 : 1, 14); // section 1: .text, 2: .data
    return bytes;
  };
  for (const symbol of symbols) {
    for (const label of symbol.labels) entries.push(entry(label.name, label.address, 0, STT.notype, STB.local));
    if (symbol.binding === "local") entries.push(entry(symbol.name, symbol.address, symbol.size, STT.func, STB.local));
  }
  const firstGlobal = entries.length;
  for (const symbol of symbols) {
    if (symbol.binding === "global") entries.push(entry(symbol.name, symbol.address, symbol.size, STT.func, STB.global));
  }
  for (const object of objects) {
    if (object.name !== "" && !object.name.startsWith(".")) entries.push(entry(object.name, object.address, object.size, STT.object, STB.global));
  }
  return { bytes: Buffer.concat(entries), firstGlobal };
}

interface Section {
  name: string;
  type: number;
  flags: number;
  address: number;
  bytes: Buffer;
  link?: number;
  info?: number;
  align: number;
  entrySize?: number;
}

/** An ELF32 executable holding `compiled`'s code and data, with `symbols`; `entry` is e_entry. */
export function writeElf(compiled: CompiledModule, symbols: FunctionSymbol[], entry: number): Uint8Array {
  const code = compiled.code[0] ?? { address: 0, bytes: new Uint8Array() };
  const data = compiled.data[0] ?? { address: 0, bytes: new Uint8Array() };
  const strings = new StringTable();
  const table = symbolTable(symbols, compiled.globals, strings);
  const sectionNames = new StringTable();
  const sections: Section[] = [
    { name: ".text", type: SHT.progbits, flags: SHF.alloc | SHF.exec, address: code.address, bytes: Buffer.from(code.bytes), align: 16 },
    { name: ".data", type: SHT.progbits, flags: SHF.alloc | SHF.write, address: data.address, bytes: Buffer.from(data.bytes), align: 16 },
    { name: ".symtab", type: SHT.symtab, flags: 0, address: 0, bytes: table.bytes, link: 4, info: table.firstGlobal, align: 4, entrySize: SYMBOL },
    { name: ".strtab", type: SHT.strtab, flags: 0, address: 0, bytes: strings.bytes(), align: 1 },
  ];
  const debug = debugSections(compiled);
  if (debug !== undefined) {
    sections.push({ name: ".debug_line", type: SHT.progbits, flags: 0, address: 0, bytes: debug.line, align: 1 },
      { name: ".debug_abbrev", type: SHT.progbits, flags: 0, address: 0, bytes: debug.abbrev, align: 1 },
      { name: ".debug_info", type: SHT.progbits, flags: 0, address: 0, bytes: debug.info, align: 1 });
  }
  const names: Section = { name: ".shstrtab", type: SHT.strtab, flags: 0, address: 0, bytes: Buffer.alloc(0), align: 1 };
  sections.push(names);
  const nameOffsets = sections.map((section) => sectionNames.add(section.name));
  names.bytes = sectionNames.bytes();
  return assemble(sections, nameOffsets, entry);
}

/** Places the sections (loadable ones at offsets congruent to their addresses) and writes the headers. */
function assemble(sections: Section[], nameOffsets: number[], entry: number): Uint8Array {
  let offset = HEADER + 2 * PROGRAM_HEADER;
  const offsets = sections.map((section) => {
    if (section.flags & SHF.alloc) offset += (section.address - offset) & 0xfff;
    else offset = (offset + section.align - 1) & ~(section.align - 1);
    const at = offset;
    offset += section.bytes.length;
    return at;
  });
  const sectionTable = (offset + 3) & ~3;
  const out = Buffer.alloc(sectionTable + SECTION_HEADER * (sections.length + 1));
  writeHeader(out, entry, sectionTable, sections.length + 1);
  sections.slice(0, 2).forEach((section, index) => {
    const at = HEADER + index * PROGRAM_HEADER;
    const flags = section.flags & SHF.exec ? 5 : 6; // PF_R|PF_X, PF_R|PF_W
    [PT_LOAD, offsets[index], section.address, section.address, section.bytes.length, section.bytes.length, flags, 0x1000]
      .forEach((value, field) => out.writeUInt32LE(value >>> 0, at + 4 * field));
  });
  sections.forEach((section, index) => {
    section.bytes.copy(out, offsets[index]);
    const at = sectionTable + SECTION_HEADER * (index + 1);
    const fields = [nameOffsets[index], section.type, section.flags, section.address, offsets[index], section.bytes.length,
      section.link ?? 0, section.info ?? 0, section.align, section.entrySize ?? 0];
    fields.forEach((value, field) => out.writeUInt32LE(value >>> 0, at + 4 * field));
  });
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

function writeHeader(out: Buffer, entry: number, sectionTable: number, sectionCount: number): void {
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0]).copy(out, 0); // ELFCLASS32, little-endian, version 1, System V
  out.writeUInt16LE(ET_EXEC, 16);
  out.writeUInt16LE(EM_386, 18);
  out.writeUInt32LE(1, 20);
  out.writeUInt32LE(entry >>> 0, 24);
  out.writeUInt32LE(HEADER, 28); // program headers right after this header
  out.writeUInt32LE(sectionTable, 32);
  out.writeUInt16LE(HEADER, 40);
  out.writeUInt16LE(PROGRAM_HEADER, 42);
  out.writeUInt16LE(2, 44);
  out.writeUInt16LE(SECTION_HEADER, 46);
  out.writeUInt16LE(sectionCount, 48);
  out.writeUInt16LE(sectionCount - 1, 50); // .shstrtab is the last section
}
