/**
 * The whole run of `mkimg run IMG MODULE ARGS...`: the simulated kernel from boot to result.
 *
 *   attach the image (sector-device.ts, under its shared lock: src/disk/access.ts) -> find the
 *   module (fat-driver.ts), unlock -> boot the machine (boot.ts, layout.ts) and install the
 *   services (services.ts) -> load: header, CRC, bitcode, JIT into the pools (loader.ts,
 *   allocator.ts) -> function table, call counters (profiler.ts) -> call the entry with the
 *   integer arguments, or argc and argv for a main (arguments.ts) -> run until it returns, ends itself, faults or hits the step limit ->
 *   the result, or a kernel panic report (panic.ts).
 *
 * Problems with the input (image, module file, arguments) are InputErrors thrown before the
 * module runs; everything that happens once it runs is in the RunResult.
 */
import type { Tier } from "../jit/tiers.js";
import { withImageRead, type LockOptions } from "../disk/access.js";
import { InputError } from "../errors.js";
import { parseModule } from "../module/header.js";
import type { Machine, StopReason } from "../emu/machine.js";
import type { CompiledModule } from "../jit/module.js";
import type { GuestFault } from "../emu/faults.js";
import { JitAllocator } from "./allocator.js";
import { bootMachine, KERNEL_RETURN, prepareCall } from "./boot.js";
import { ModuleCodeMap } from "./code-map.js";
import { Console, DEFAULT_KEPT_OUTPUT } from "./console.js";
import { KernelFat } from "./fat-driver.js";
import { Heap } from "./heap.js";
import { DEFAULT_POOL_SIZES, planLayout, type AddressLayout, type PoolSizes, type Region } from "./layout.js";
import { entryCall } from "./arguments.js";
import { compileReadModule, loadLibrary, readModuleFile, type EntryKind, type LoadedLibrary, type ReadModule } from "./loader.js";
import { librarySymbols } from "../module/dependency.js";
import { KernelPanic, panicAt, panicWithoutState, type PanicReport } from "./panic.js";
import { installCallCounters, readCallCounts, writeFunctionTable } from "./profiler.js";
import { SectorDevice } from "./sector-device.js";
import { installServices, type ServiceContext } from "./services.js";

export interface RunOptions {
  /** The disk image file. */
  image: string;
  /** Header name (`fib`) or file name (`FIB.BC`). */
  module: string;
  /** Integer arguments for an integer entry. */
  args?: number[];
  /** The command line's words: integers for an integer entry, argv[1..] for main (arguments.ts). */
  words?: string[];
  /** Look in subdirectories and by long names too. */
  anyPath?: boolean;
  /** Instructions before a runaway module is stopped (a kernel panic). */
  maxSteps?: number;
  pools?: Partial<PoolSizes>;
  /** Count calls per function (profiler.ts). */
  profile?: boolean;
  /** Read bitcode from untested LLVM versions. */
  force?: boolean;
  /** Compile every function at this JIT tier instead of the header's opt_level (src/jit/tiers.ts). */
  tier?: Tier;
  /** Each piece of output as the module writes it. */
  onOutput?: (bytes: Uint8Array) => void;
  /** Bytes of output kept in the result (default DEFAULT_KEPT_OUTPUT, 1 MiB; console.ts). */
  keepOutput?: number;
  /** Waiting for another process's lock on the image (held only while the module is read). */
  lock?: LockOptions;
}

/** A run of module bytes already read: `module` (as the user named it) only for messages. */
export type BytesRunOptions = Omit<RunOptions, "image" | "module"> & {
  module?: string;
  /** The module its header names as its dependency (LIBC.BC), read from the same image. */
  dependency?: { bytes: Uint8Array; where: string };
};

/** `killed`: ended from the debugger (gdb's kill, or its connection dropped). */
export type Ending = "returned" | "exited" | "aborted" | "panic" | "killed";

export interface RunStats {
  bitcodeBytes: number;
  functionsCompiled: number;
  readMs: number;
  jitMs: number;
  codeBytes: number;
  dataBytes: number;
  instructions: number;
  runMs: number;
  wallMs: number;
  sectorsRead: number;
  heapPeakBytes: number;
}

export interface RunResult {
  /** The module's header name. */
  module: string;
  /** `disk.img:FIB.BC` */
  where: string;
  /** The output, up to `keepOutput` bytes of it. */
  output: Uint8Array;
  /** Every byte the module printed: more than `output` holds when it was cut. */
  outputBytes: number;
  ending: Ending;
  /** The entry's result (or kexit's status); 0 when aborted or panicked. */
  value: number;
  panic?: PanicReport;
  stats: RunStats;
  /** Per-function call counts, when profiling. */
  calls?: { name: string; calls: number }[];
  /** How the entry was called (absent when loading failed). */
  entryKind?: EntryKind;
  /** The entry is C's main (either signature): its result is an exit status, as a process's. */
  processExit?: boolean;
}

const DEFAULT_MAX_STEPS = 1_000_000_000;

export function runModule(options: RunOptions): RunResult {
  const started = performance.now();
  const found = readModule(options);
  const dependency = readDependency(options, found.bytes, found.where);
  const result = runModuleBytes(found.bytes, found.where, { ...options, dependency });
  result.stats.sectorsRead = found.sectorsRead;
  result.stats.wallMs = performance.now() - started;
  return result;
}

/**
 * The module's bytes from the image, found as the kernel's driver finds it; the image is locked
 * (and an interrupted mkimg transaction finished or dropped) only while reading.
 */
export function readModule(options: Pick<RunOptions, "image" | "module" | "anyPath" | "lock">): { bytes: Uint8Array; where: string; sectorsRead: number } {
  return withImageRead(options.image, options.lock ?? {}, () => {
    const device = new SectorDevice(options.image);
    try {
      const found = new KernelFat(device).findModule(options.module, { anyPath: options.anyPath });
      return { bytes: found.bytes, where: found.where, sectorsRead: device.sectorsRead };
    } finally {
      device.close();
    }
  });
}

/**
 * The module a module's header names as its dependency (`LIBC`: the root file LIBC.BC), read
 * from the same image; undefined when it names none or the image lacks it (the loader then
 * says which file is missing).
 */
export function readDependency(options: Pick<RunOptions, "image" | "lock">, bytes: Uint8Array, where: string): BytesRunOptions["dependency"] {
  const stem = parseModule(bytes, where).header.dependency;
  if (stem === undefined) return undefined;
  try {
    const found = readModule({ image: options.image, module: `${stem}.BC`, lock: options.lock });
    return { bytes: found.bytes, where: found.where };
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
}

/** The booted machine and the kernel state around it. */
interface BootedKernel {
  machine: Machine;
  layout: AddressLayout;
  context: ServiceContext;
  console: Console;
  services: Map<string, number>;
  codeMap: ModuleCodeMap;
  allocator: JitAllocator;
}

function boot(options: Omit<RunOptions, "image" | "module">): BootedKernel {
  const layout = planLayout({ ...DEFAULT_POOL_SIZES, ...options.pools });
  const console = new Console(options.keepOutput ?? DEFAULT_KEPT_OUTPUT, options.onOutput);
  let context: ServiceContext | undefined;
  const machine = bootMachine(layout, (m) => {
    if (context !== undefined) context.ending = { kind: "returned", value: m.regs[0] };
  });
  context = {
    write: (piece) => console.write(piece),
    heap: new Heap(machine.memory, layout.heap),
    ticks: 0,
    ending: undefined,
  };
  const services = installServices(machine, context);
  const codeMap = new ModuleCodeMap(KERNEL_RETURN, layout.stack, services);
  return { machine, layout, context, console, services, codeMap, allocator: new JitAllocator(layout) };
}

/**
 * Loads the module (and the part of its library it needs: loader.ts) into the pools, writes
 * their function tables, installs the call counters.
 */
function loadAndLink(kernel: BootedKernel, bytes: Uint8Array, where: string, options: BytesRunOptions) {
  const { machine, allocator, services } = kernel;
  const read = readModuleFile(bytes, where, options.force);
  const library = linkLibrary(kernel, read, options);
  const resolveExternal = (name: string): number | undefined => services.get(name) ?? library?.exports.get(name);
  const loaded = compileReadModule(read, { allocator, resolveExternal, force: options.force, tier: options.tier });
  const call = entryCall(machine, kernel.layout.stack, loaded, { module: options.module ?? where, args: options.args, words: options.words });
  const records = [library?.compiled, loaded.compiled].flatMap((compiled) => {
    if (compiled === undefined) return [];
    for (const chunk of [...compiled.code, ...compiled.data]) machine.memory.load(chunk.address, chunk.bytes);
    const table = writeFunctionTable(machine, allocator, compiled);
    kernel.codeMap.addModule(compiled, table);
    return table;
  });
  if (options.profile) installCallCounters(machine, allocator, records);
  return { loaded, library, records, call };
}

/**
 * The library's C start-up (modules/libc/syscalls.c): `__mkimg_start(main, argc, argv)` calls
 * exit(main(argc, argv)), so that stdout is flushed and atexit handlers run, as crt0 does. The
 * kernel calls it instead of a main(argc, argv) or main(void) entry when the library defines it.
 */
const LIBRARY_START = "__mkimg_start";

/** The module's dependency compiled for it, or undefined when its header names none. */
function linkLibrary(kernel: BootedKernel, read: ReadModule, options: BytesRunOptions): LoadedLibrary | undefined {
  const stem = read.header.dependency;
  if (stem === undefined) return undefined;
  const file = options.dependency;
  if (file === undefined) throw new InputError(read.where, `needs ${stem}.BC (its header's dependency), which is not on the image`);
  const library = readModuleFile(file.bytes, file.where, options.force);
  const resolveExternal = (name: string): number | undefined => kernel.services.get(name);
  const needs = [...librarySymbols(read.module), LIBRARY_START];
  return loadLibrary(library, needs, { allocator: kernel.allocator, resolveExternal, force: options.force });
}

/** Boots, loads `bytes` (a wrapped module named `where` in messages) and runs its entry. */
export function runModuleBytes(bytes: Uint8Array, where: string, options: BytesRunOptions): RunResult {
  const prepared = prepareModuleBytes(bytes, where, options);
  if (!("machine" in prepared)) return prepared;
  const runStart = performance.now();
  const stop = advance(prepared.machine, prepared.maxSteps);
  const runMs = performance.now() - runStart;
  return prepared.finish(prepared.outcome(stop), runMs);
}

/** A machine stop, or a kernel panic raised by a service while the machine ran. */
export type KernelStop = StopReason | KernelPanic;

/** A module loaded and linked, the machine stopped before the first instruction of its entry. */
export interface PreparedRun {
  machine: Machine;
  codeMap: ModuleCodeMap;
  compiled: CompiledModule;
  /** `disk.img:FIB.BC` */
  where: string;
  maxSteps: number;
  /** What a stop of the machine means for the run. */
  outcome(stop: KernelStop): Outcome;
  /** The run's result once it ended with `outcome`. */
  finish(outcome: Outcome, runMs: number): RunResult;
}

/** Boots and loads; a RunResult when loading already panicked (a pool out of memory). */
export function prepareModuleBytes(bytes: Uint8Array, where: string, options: BytesRunOptions): PreparedRun | RunResult {
  const started = performance.now();
  const kernel = boot(options);
  const { machine, context, codeMap } = kernel;
  const stats = emptyStats(bytes.length);
  const finish = (outcome: Outcome, runMs: number): RunResult => {
    stats.runMs = runMs;
    stats.wallMs = performance.now() - started;
    stats.heapPeakBytes = context.heap.peakBytes;
    stats.instructions = machine.instructionsExecuted;
    const output = kernel.console.keptOutput();
    return { module: where, where, output, outputBytes: kernel.console.totalBytes, ending: outcome.ending, value: outcome.value, panic: outcome.panic, stats };
  };
  let linked: ReturnType<typeof loadAndLink>;
  try {
    linked = loadAndLink(kernel, bytes, where, options);
  } catch (error) {
    if (error instanceof KernelPanic) return finish({ ending: "panic", value: 0, panic: panicWithoutState(error.panicCause, error.message) }, 0);
    throw error;
  }
  const { loaded, library, records, call } = linked;
  const compiledStats = loaded.compiled.stats;
  const libraryStats = library?.compiled.stats ?? { functions: 0, codeBytes: 0, dataBytes: 0 };
  Object.assign(stats, {
    bitcodeBytes: loaded.bitcodeBytes + (library?.read.bitcodeBytes ?? 0),
    functionsCompiled: compiledStats.functions + libraryStats.functions,
    readMs: loaded.readMs + (library?.read.readMs ?? 0), jitMs: loaded.jitMs + (library?.jitMs ?? 0),
    codeBytes: compiledStats.codeBytes + libraryStats.codeBytes, dataBytes: compiledStats.dataBytes + libraryStats.dataBytes,
  });
  // Through the entry's call slot, like every other call (so the profiler counts it too).
  const entryAddress = machine.memory.peek32(loaded.entry.slotAddress) >>> 0;
  const startsLikeMain = loaded.entryKind === "argv" || loaded.entryParameters === 0;
  const start = startsLikeMain ? library?.exports.get(LIBRARY_START) : undefined;
  if (start === undefined) prepareCall(machine, call.stackTop, entryAddress, call.args);
  else prepareCall(machine, call.stackTop, start, [entryAddress, ...(call.args.length === 2 ? call.args : [0, 0])]);
  return {
    machine, codeMap, compiled: loaded.compiled, where, maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
    outcome: (stop) => outcomeOf(machine, codeMap, context, stop),
    finish: (outcome, runMs) => {
      const result = finish(outcome, runMs);
      result.module = loaded.header.name;
      result.entryKind = loaded.entryKind;
      result.processExit = loaded.entryKind === "argv" || loaded.header.entry === "main";
      if (options.profile) result.calls = readCallCounts(machine, records);
      return result;
    },
  };
}

export interface Outcome {
  ending: Ending;
  value: number;
  panic?: PanicReport;
}

/** Runs the machine for at most `steps` instructions; a service's kernel panic is returned. */
export function advance(machine: Machine, steps: number): KernelStop {
  try {
    return machine.run({ maxSteps: steps });
  } catch (error) {
    if (!(error instanceof KernelPanic)) throw error;
    return error;
  }
}

function outcomeOf(machine: Machine, codeMap: ModuleCodeMap, context: ServiceContext, stop: KernelStop): Outcome {
  if (stop instanceof KernelPanic) return { ending: "panic", value: 0, panic: panicAt(machine, codeMap, stop.panicCause, stop.message) };
  if (stop.kind === "service-stop") return endingOutcome(machine, codeMap, context);
  if (stop.kind === "fault") {
    return { ending: "panic", value: 0, panic: panicAt(machine, codeMap, "fault", faultHeadline(stop.fault, codeMap.stack), stop.fault.eip) };
  }
  if (stop.kind === "step-limit") {
    const message = `runaway module: still running after ${machine.instructionsExecuted} instructions (--max-steps)`;
    return { ending: "panic", value: 0, panic: panicAt(machine, codeMap, "step-limit", message) };
  }
  return { ending: "panic", value: 0, panic: panicAt(machine, codeMap, "fault", `the module stopped the machine (${stop.kind})`) };
}

function endingOutcome(machine: Machine, codeMap: ModuleCodeMap, context: ServiceContext): Outcome {
  const ending = context.ending;
  if (ending === undefined) throw new Error("kernel: a service stopped the machine without an ending");
  if (ending.kind === "returned" || ending.kind === "exited") return { ending: ending.kind, value: ending.value };
  if (ending.kind === "aborted") return { ending: "aborted", value: 0 };
  // kpanic: report from the service, so frame #1 is the module's call site.
  return { ending: "panic", value: 0, panic: panicAt(machine, codeMap, "kpanic", ending.message, machine.eip) };
}

const GUARD_BYTES = 0x10000;

/** "page fault writing 0x00000000 (null pointer)" from the emulator's one-line message. */
function faultHeadline(fault: GuestFault, stack: Region): string {
  const at = fault.message.indexOf(" at eip ");
  const headline = at === -1 ? fault.message : fault.message.slice(0, at);
  if (fault.kind !== "page-fault" || fault.address === undefined) return headline;
  if (fault.address < 0x1000) return `${headline} (null pointer)`;
  if (fault.address < stack.base && fault.address >= stack.base - GUARD_BYTES) return `${headline} (stack overflow: the guard page below the stack)`;
  return headline;
}

function emptyStats(fileBytes: number): RunStats {
  return {
    bitcodeBytes: fileBytes, functionsCompiled: 0, readMs: 0, jitMs: 0, codeBytes: 0, dataBytes: 0,
    instructions: 0, runMs: 0, wallMs: 0, sectorsRead: 0, heapPeakBytes: 0,
  };
}
