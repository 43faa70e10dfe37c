/**
 * DWARF for the JIT's code, when the module has debug info (`clang -g`): a line table and a
 * minimal compile unit, so that gdb maps addresses to source lines (`break fib.c:12`, `list`,
 * `next`, frames `at fib.c:6`) and objdump prints them (`--dwarf=decodedline`, `-dl`).
 *
 * DWARF 4 (dwarfstd.org, DWARF Debugging Information Format Version 4):
 *   - .debug_line (section 6.2): a version 4 header (file and directory tables), then one
 *     sequence per function: DW_LNE_set_address at its start, a row with the DISubprogram's line
 *     for the prologue, a row where the code of each new source line starts (the emitter's line
 *     rows, consecutive rows of one line merged, the first marked prologue_end), and
 *     DW_LNE_end_sequence at its end. Only standard opcodes, no special ones: a little longer,
 *     simpler to check.
 *   - .debug_abbrev and .debug_info (section 7.5): one DW_TAG_compile_unit (producer, language,
 *     name, comp_dir, stmt_list, low/high pc over the function bodies) whose children are one
 *     DW_TAG_subprogram per function (name, decl file and line, low/high pc, frame base ebp).
 *     No types or variables: gdb shows frames and lines, not locals.
 *
 * Addresses are where the code runs (tier 0's code pool). Other tiers would add their own
 * sequences (docs/JIT.md, "Source lines").
 */
import type { CompileUnit, SourceFile } from "../ir/index.js";
import type { CompiledFunction, CompiledModule } from "./module.js";

export interface DebugSections {
  readonly line: Buffer;
  readonly abbrev: Buffer;
  readonly info: Buffer;
}

const DW_LNS = { copy: 1, advancePc: 2, advanceLine: 3, setFile: 4, setPrologueEnd: 10 } as const;
const DW_LNE = { endSequence: 1, setAddress: 2 } as const;
/** Operand counts of standard opcodes 1..12 (DWARF 4 section 6.2.5.2). */
const STANDARD_OPCODE_LENGTHS = [0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1];
const LINE_BASE = -5;
const LINE_RANGE = 14;
const DW_TAG = { compileUnit: 0x11, subprogram: 0x2e } as const;
const DW_AT = {
  name: 0x03, stmtList: 0x10, lowPc: 0x11, highPc: 0x12, language: 0x13, compDir: 0x1b, producer: 0x25,
  declFile: 0x3a, declLine: 0x3b, frameBase: 0x40,
} as const;
const DW_FORM = { addr: 0x01, data2: 0x05, data4: 0x06, string: 0x08, udata: 0x0f, secOffset: 0x17, exprloc: 0x18 } as const;
const DW_OP_REG5 = 0x55; // ebp
const ABBREV_UNIT = 1;
const ABBREV_SUBPROGRAM = 2;

/** Little-endian bytes, LEB128 and C strings (DWARF 4 section 7.6). */
class ByteWriter {
  private readonly bytes: number[] = [];

  get length(): number {
    return this.bytes.length;
  }

  u8(value: number): this {
    this.bytes.push(value & 0xff);
    return this;
  }

  u16(value: number): this {
    return this.u8(value).u8(value >>> 8);
  }

  u32(value: number): this {
    return this.u16(value & 0xffff).u16(value >>> 16);
  }

  uleb(value: number): this {
    let rest = value;
    do {
      const low = rest % 128;
      rest = Math.floor(rest / 128);
      this.u8(rest > 0 ? low | 0x80 : low);
    } while (rest > 0);
    return this;
  }

  sleb(value: number): this {
    let rest = value;
    for (;;) {
      const low = rest & 0x7f;
      rest >>= 7;
      const done = (rest === 0 && (low & 0x40) === 0) || (rest === -1 && (low & 0x40) !== 0);
      this.u8(done ? low : low | 0x80);
      if (done) return this;
    }
  }

  string(text: string): this {
    for (const byte of Buffer.from(text, "utf8")) this.u8(byte);
    return this.u8(0);
  }

  append(other: ByteWriter): this {
    for (const byte of other.bytes) this.u8(byte);
    return this;
  }

  toBuffer(): Buffer {
    return Buffer.from(this.bytes);
  }
}

/** The file table: DWARF file numbers (1-based) and include directories (0 = comp_dir). */
class FileTable {
  readonly directories: string[] = [];
  readonly files: { name: string; directory: number }[] = [];
  private readonly numbers = new Map<SourceFile, number>();

  constructor(private readonly compDir: string) {}

  number(file: SourceFile): number {
    let number = this.numbers.get(file);
    if (number !== undefined) return number;
    const same = this.files.findIndex((entry, index) => entry.name === file.name && this.directoryOf(index) === file.directory);
    if (same >= 0) number = same + 1;
    else number = this.files.push({ name: file.name, directory: this.directoryIndex(file.directory) });
    this.numbers.set(file, number);
    return number;
  }

  private directoryOf(index: number): string {
    const directory = this.files[index]!.directory;
    return directory === 0 ? this.compDir : this.directories[directory - 1]!;
  }

  private directoryIndex(directory: string): number {
    if (directory === this.compDir || directory === "") return 0;
    const found = this.directories.indexOf(directory);
    return found >= 0 ? found + 1 : this.directories.push(directory);
  }
}

interface Row { address: number; file: number; line: number }

/** The rows of one function: the prologue at its DISubprogram's line, then each new line. */
function functionRows(fn: CompiledFunction, files: FileTable): Row[] {
  const rows: Row[] = [];
  const add = (address: number, location: { file: SourceFile; line: number }): void => {
    const row = { address, file: files.number(location.file), line: location.line };
    const previous = rows[rows.length - 1];
    if (previous !== undefined && previous.address === address) rows[rows.length - 1] = row;
    else if (previous === undefined || previous.file !== row.file || previous.line !== row.line) rows.push(row);
  };
  if (fn.subprogram !== undefined) add(fn.address, fn.subprogram);
  for (const line of fn.lines ?? []) if (line.location.line > 0) add(line.address, line.location);
  return rows;
}

/** One sequence: set_address, the rows, end_sequence at the function's end. */
function writeSequence(program: ByteWriter, fn: CompiledFunction, rows: Row[]): void {
  program.u8(0).uleb(5).u8(DW_LNE.setAddress).u32(fn.address);
  let state = { address: fn.address, file: 1, line: 1 };
  rows.forEach((row, index) => {
    if (row.file !== state.file) program.u8(DW_LNS.setFile).uleb(row.file);
    if (row.line !== state.line) program.u8(DW_LNS.advanceLine).sleb(row.line - state.line);
    if (row.address !== state.address) program.u8(DW_LNS.advancePc).uleb(row.address - state.address);
    if (index === 1) program.u8(DW_LNS.setPrologueEnd);
    program.u8(DW_LNS.copy);
    state = row;
  });
  program.u8(DW_LNS.advancePc).uleb(fn.address + fn.size - state.address);
  program.u8(0).uleb(1).u8(DW_LNE.endSequence);
}

/** .debug_line: the version 4 header, then the program (section 6.2.4). */
function lineSection(functions: readonly CompiledFunction[], files: FileTable): Buffer {
  const program = new ByteWriter();
  for (const fn of functions) {
    const rows = functionRows(fn, files);
    if (rows.length > 0) writeSequence(program, fn, rows);
  }
  const header = new ByteWriter();
  header.u8(1).u8(1).u8(1).u8(LINE_BASE).u8(LINE_RANGE).u8(STANDARD_OPCODE_LENGTHS.length + 1);
  for (const length of STANDARD_OPCODE_LENGTHS) header.u8(length);
  for (const directory of files.directories) header.string(directory);
  header.u8(0);
  for (const file of files.files) header.string(file.name).uleb(file.directory).uleb(0).uleb(0);
  header.u8(0);
  const unit = new ByteWriter().u16(4).u32(header.length).append(header).append(program);
  return new ByteWriter().u32(unit.length).append(unit).toBuffer();
}

function abbrevSection(): Buffer {
  const abbrev = new ByteWriter();
  abbrev.uleb(ABBREV_UNIT).uleb(DW_TAG.compileUnit).u8(1);
  for (const [attribute, form] of [[DW_AT.producer, DW_FORM.string], [DW_AT.language, DW_FORM.data2], [DW_AT.name, DW_FORM.string],
    [DW_AT.compDir, DW_FORM.string], [DW_AT.stmtList, DW_FORM.secOffset], [DW_AT.lowPc, DW_FORM.addr], [DW_AT.highPc, DW_FORM.data4]]) {
    abbrev.uleb(attribute!).uleb(form!);
  }
  abbrev.u8(0).u8(0);
  abbrev.uleb(ABBREV_SUBPROGRAM).uleb(DW_TAG.subprogram).u8(0);
  for (const [attribute, form] of [[DW_AT.name, DW_FORM.string], [DW_AT.declFile, DW_FORM.udata], [DW_AT.declLine, DW_FORM.udata],
    [DW_AT.lowPc, DW_FORM.addr], [DW_AT.highPc, DW_FORM.data4], [DW_AT.frameBase, DW_FORM.exprloc]]) {
    abbrev.uleb(attribute!).uleb(form!);
  }
  abbrev.u8(0).u8(0).u8(0);
  return abbrev.toBuffer();
}

/** .debug_info: the compile unit and a subprogram per function with a DISubprogram. */
function infoSection(unit: CompileUnit, functions: readonly CompiledFunction[], files: FileTable): Buffer {
  const low = Math.min(...functions.map((fn) => fn.address));
  const high = Math.max(...functions.map((fn) => fn.address + fn.size));
  const dies = new ByteWriter();
  dies.uleb(ABBREV_UNIT).string(unit.producer).u16(unit.language).string(unit.file.name).string(unit.file.directory)
    .u32(0).u32(low).u32(high - low);
  for (const fn of functions) {
    const subprogram = fn.subprogram;
    if (subprogram === undefined) continue;
    dies.uleb(ABBREV_SUBPROGRAM).string(subprogram.name).uleb(files.number(subprogram.file)).uleb(subprogram.line)
      .u32(fn.address).u32(fn.size).uleb(1).u8(DW_OP_REG5);
  }
  dies.u8(0);
  const body = new ByteWriter().u16(4).u32(0).u8(4).append(dies);
  return new ByteWriter().u32(body.length).append(body).toBuffer();
}

/** The DWARF sections of a compiled module, or undefined when it has no debug info. */
export function debugSections(compiled: CompiledModule): DebugSections | undefined {
  const unit = compiled.compileUnit;
  const functions = [...compiled.functions.values()].sort((a, b) => a.address - b.address);
  if (unit === undefined || functions.length === 0) return undefined;
  const files = new FileTable(unit.file.directory);
  files.number(unit.file);
  const line = lineSection(functions, files);
  return { line, abbrev: abbrevSection(), info: infoSection(unit, functions, files) };
}
