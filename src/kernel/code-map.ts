/**
 * Names for code addresses in panic reports: `fib_recursive+0x1c` inside a compiled function,
 * `kernel service kprint` at a service address, `call counter of f` in a profiler trampoline,
 * `module code+0x40` in the rest of the JIT's output (call stubs, runtime routines).
 */
import type { CompiledModule } from "../jit/module.js";
import type { Region } from "./layout.js";
import type { CodeMap } from "./panic.js";
import type { FunctionRecord } from "./profiler.js";

interface Range {
  start: number;
  end: number;
  name: string;
}

export class ModuleCodeMap implements CodeMap {
  private readonly ranges: Range[] = [];
  private readonly services = new Map<number, string>();

  constructor(
    readonly kernelReturn: number,
    readonly stack: Region,
    services: Map<string, number>,
  ) {
    for (const [name, address] of services) this.services.set(address, name);
  }

  /** Adds the functions (and trampolines) of a loaded module. */
  addModule(compiled: CompiledModule, records: FunctionRecord[]): void {
    for (const { address, bytes } of compiled.code) this.ranges.push({ start: address, end: address + bytes.length, name: "module code" });
    for (const { fn, trampoline } of records) {
      this.ranges.push({ start: fn.address, end: fn.address + fn.size, name: fn.name });
      if (trampoline !== undefined) this.ranges.push({ start: trampoline, end: trampoline + 16, name: `call counter of ${fn.name}` });
    }
    // Narrowest first, so a function wins over the module code range that contains it.
    this.ranges.sort((a, b) => a.end - a.start - (b.end - b.start));
  }

  isService(address: number): boolean {
    return this.services.has(address >>> 0) || address >>> 0 === this.kernelReturn;
  }

  locate(address: number): string {
    address >>>= 0;
    const service = this.services.get(address);
    if (service !== undefined) return `kernel service ${service}`;
    if (address === this.kernelReturn) return "kernel";
    const range = this.ranges.find((candidate) => address >= candidate.start && address < candidate.end);
    if (range === undefined) return "outside module code";
    return `${range.name}+0x${(address - range.start).toString(16)}`;
  }
}
