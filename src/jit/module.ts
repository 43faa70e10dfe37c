/**
 * The micro-JIT's public entry: a Module in, x86-32 code and data out, placed where the
 * target says (absolute addresses). Pipeline, each step linear in the module's size:
 *
 *   checkSupported -> data pool (globals + initialisers, one call slot per function)
 *   -> code pool: one stub per function (`jmp dword [slot]`), then each function body,
 *      then the shared runtime routines that were used (i64 division)
 *   -> target.allocateData / allocateCode -> relocations applied.
 *
 * Replaceable code: every call to a module function is `call dword [slot]`, and a function's
 * address as a value (function pointers, tables) is its stub, which jumps through the same
 * slot. Storing a new body's address into the slot (one aligned 4-byte store) redirects every
 * later call; code already running finishes in the old body, which must stay mapped.
 */
import type { CompileUnit, Function, Module, SourceLocation, Subprogram } from "../ir/index.js";
import { InputError } from "../errors.js";
import { Assembler, type Label } from "./x86/encoder.js";
import type { Symbol } from "./x86/operands.js";
import { DataPool } from "./data.js";
import { Layout } from "./layout.js";
import { checkSupported } from "./support.js";
import { compileFunction, type FunctionCode } from "./function.js";
import type { MirDump, ModuleServices, RuntimeRoutine } from "./lower/context.js";
import { emitSignedDivide, emitUnsignedDivide } from "./runtime.js";
import type { AllocatorPolicy } from "./regalloc/allocate.js";
import { type Tier, type TierPlan, tiers } from "./tiers.js";

export { checkSupported } from "./support.js";

export interface JitTarget {
  /** Where code and data will live in guest memory; the JIT emits absolute addresses. */
  allocateCode(size: number): number;
  allocateData(size: number, align: number): number;
  /** Throws if the data pool cannot take `size` bytes (before the JIT lays them out on the host). */
  checkData?(size: number): void;
  /** Address of an external symbol (a kernel service), or undefined if unknown. */
  resolveExternal(name: string): number | undefined;
}

export interface CompiledFunction {
  name: string;
  address: number;
  size: number;
  blocks: { name: string; offset: number }[];
  slotAddress: number;
  /** With debug info: the function's DISubprogram and where each source location's code starts. */
  subprogram?: Subprogram;
  lines?: { address: number; location: SourceLocation }[];
}

export interface CompiledModule {
  functions: Map<string, CompiledFunction>;
  code: { address: number; bytes: Uint8Array }[];
  data: { address: number; bytes: Uint8Array }[];
  /** Where each defined global variable lives (for symbol tables: src/jit/elf.ts). */
  globals: { name: string; address: number; size: number }[];
  stats: { functions: number; codeBytes: number; dataBytes: number; compileMs: number };
  /** The module's DICompileUnit, when it has debug info (for the ELF's DWARF: src/jit/debug-line.ts). */
  compileUnit?: CompileUnit;
}

const stubBytes = 8;

class ModuleBuilder implements ModuleServices {
  readonly asm = new Assembler();
  readonly layout: Layout;
  readonly data: DataPool;
  readonly defined: Function[];
  readonly slots = new Map<Function, number>();
  private readonly stubs = new Map<string, number>();
  private readonly externals = new Map<string, number>();
  private readonly routines = new Map<RuntimeRoutine, Label>();
  private tables: { at: number; label: Label }[] = [];

  readonly plan: TierPlan;
  readonly check: boolean;
  readonly dump: MirDump | undefined;

  constructor(readonly module: Module, readonly target: JitTarget, readonly file: string, options: CompileOptions) {
    const tier = tiers[options.tier ?? options.optLevel ?? 0];
    this.plan = options.allocator === undefined ? tier : { ...tier, allocator: options.allocator };
    this.check = options.check ?? false;
    this.dump = options.dump;
    this.layout = new Layout(module.dataLayout);
    this.defined = module.functions.filter((fn) => fn.blocks.length > 0);
    this.defined.forEach((fn, index) => this.stubs.set(fn.name, index * stubBytes));
    this.data = new DataPool(this.layout, {
      external: (name) => this.external(name),
      functionStub: (name) => {
        const offset = this.stubs.get(name);
        return offset === undefined ? undefined : { pool: "code", offset };
      },
    }, file, target.checkData?.bind(target));
  }

  private external(name: string): number {
    let address = this.externals.get(name);
    if (address === undefined) {
      address = this.target.resolveExternal(name);
      if (address === undefined) throw new InputError(this.file, `undefined external symbol "${name}"`);
      this.externals.set(name, address);
    }
    return address;
  }

  slotOf(fn: Function): number | undefined {
    return this.slots.get(fn);
  }

  runtime(name: RuntimeRoutine): Label {
    let label = this.routines.get(name);
    if (label === undefined) {
      label = this.asm.newLabel();
      this.routines.set(name, label);
      if (name === "sdivmod64") this.runtime("udivmod64");
    }
    return label;
  }

  jumpTable(dataOffset: number, label: Label): void {
    this.tables.push({ at: dataOffset, label });
  }

  layOutGlobals(): void {
    const defined = this.module.globals.filter((global) => global.initializer !== undefined);
    for (const global of defined) {
      const size = Math.max(this.layout.allocSize(global.valueType), 1);
      const align = Math.max(global.align ?? 1, this.layout.alignOf(global.valueType));
      this.data.globals.set(global, this.data.reserve(size, align));
    }
    for (const global of defined) this.data.writeConstant(this.data.globals.get(global)!, global.initializer!, global.valueType);
    for (const alias of this.module.aliases) {
      const target = this.data.constantAddress(alias.aliasee);
      if (target.symbol?.pool === "data" && target.value === 0) this.data.globals.set(alias, target.symbol.offset);
    }
  }

  emitStubs(): void {
    for (const fn of this.defined) {
      const slot = this.data.reserve(4, 4);
      this.slots.set(fn, slot);
      this.asm.jmpIndirect({ disp: 0, symbol: { pool: "data", offset: slot } });
      this.asm.nop();
      this.asm.nop();
    }
  }

  emitFunctions(): FunctionCode[] {
    return this.defined.map((fn) => {
      const code = compileFunction(this, fn);
      this.data.writeDword(this.slots.get(fn)!, 0, { pool: "code", offset: code.start });
      for (const table of this.tables) this.data.writeDword(table.at, 0, { pool: "code", offset: table.label.position });
      this.tables = [];
      return code;
    });
  }

  emitRuntime(): void {
    const unsigned = this.routines.get("udivmod64");
    if (unsigned !== undefined) emitUnsignedDivide(this.asm, unsigned);
    const signed = this.routines.get("sdivmod64");
    if (signed !== undefined) emitSignedDivide(this.asm, signed, unsigned!);
  }
}

function applyRelocations(bytes: Uint8Array, relocations: readonly { at: number; symbol: Symbol }[], bases: Record<Symbol["pool"], number>): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const { at, symbol } of relocations) {
    view.setUint32(at, (view.getUint32(at, true) + bases[symbol.pool] + symbol.offset) >>> 0, true);
  }
}

export interface CompileOptions {
  /** The module header's opt_level: the starting tier (tiers.ts). */
  optLevel?: Tier;
  /** Compile every function at this tier, whatever the header says. */
  tier?: Tier;
  file?: string;
  /** Overrides the tier's register allocation policy; `slots` (tier 0) keeps every value in its frame slot. */
  allocator?: AllocatorPolicy;
  /** Check each function's machine IR after every pass (slower; for tests). */
  check?: boolean;
  /** Receives each function's machine IR as text after every pass. */
  dump?: MirDump;
}

export function compileModule(module: Module, target: JitTarget, options: CompileOptions = {}): CompiledModule {
  const started = performance.now();
  const file = options.file ?? "module";
  checkSupported(module, file);
  const builder = new ModuleBuilder(module, target, file, options);
  builder.layOutGlobals();
  builder.emitStubs();
  const codes = builder.emitFunctions();
  builder.emitRuntime();
  const dataBytes = builder.data.bytes.slice(0, Math.max(builder.data.length, 4));
  const codeBytes = builder.asm.result();
  const bases = { data: target.allocateData(dataBytes.length, 16), code: target.allocateCode(codeBytes.length) };
  applyRelocations(codeBytes, builder.asm.relocations, bases);
  applyRelocations(dataBytes, builder.data.relocations, bases);
  const functions = new Map<string, CompiledFunction>();
  builder.defined.forEach((fn, index) => {
    const code = codes[index]!;
    const compiled: CompiledFunction = {
      name: fn.name, address: bases.code + code.start, size: code.end - code.start, blocks: code.blocks,
      slotAddress: bases.data + builder.slots.get(fn)!,
    };
    if (fn.subprogram !== undefined) compiled.subprogram = fn.subprogram;
    if (code.lines.length > 0) compiled.lines = code.lines.map((line) => ({ address: compiled.address + line.offset, location: line.location }));
    functions.set(fn.name, compiled);
  });
  const compiledModule: CompiledModule = {
    functions,
    code: [{ address: bases.code, bytes: codeBytes }],
    data: [{ address: bases.data, bytes: dataBytes }],
    globals: builder.module.globals.filter((global) => builder.data.globals.has(global)).map((global) => ({
      name: global.name, address: bases.data + builder.data.globals.get(global)!, size: builder.layout.allocSize(global.valueType),
    })),
    stats: { functions: functions.size, codeBytes: codeBytes.length, dataBytes: dataBytes.length, compileMs: performance.now() - started },
  };
  if (module.compileUnit !== undefined) compiledModule.compileUnit = module.compileUnit;
  return compiledModule;
}
