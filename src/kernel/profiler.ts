/**
 * The kernel's function table and the profiler's per-function call counters.
 *
 * The function table lives in the metadata pool, one 16-byte record per compiled function:
 * `[code address, code size, call slot address, calls]` (u32 each, in the order of the JIT's
 * function map). It is what a kernel-side debugger or the tier manager reads.
 *
 * Counting calls needs no help from the JIT: every call to a module function goes through its
 * slot (`call dword [slot]`, function pointers through a stub doing `jmp dword [slot]`; see
 * src/jit/module.ts). With profiling on, each slot is pointed at an 11-byte trampoline in the
 * code pool, `inc dword [calls]; jmp body`, so every call bumps the record's counter. Flags are
 * dead across a cdecl call, so the `inc` changes nothing the program can see; the cost is two
 * instructions per call (inc, jmp). TODO(tiers): recompile when a counter passes 100 / 1000 / 10000 by
 * storing the new body's address into the trampoline's jump or the slot.
 */
import type { Machine } from "../emu/machine.js";
import type { CompiledFunction, CompiledModule } from "../jit/module.js";
import type { JitAllocator } from "./allocator.js";

const RECORD_BYTES = 16;
const CALLS_FIELD = 12;
const TRAMPOLINE_BYTES = 11;

export interface FunctionRecord {
  fn: CompiledFunction;
  /** Address of the record in the metadata pool. */
  record: number;
  /** Address of the counting trampoline, when profiling. */
  trampoline?: number;
}

/** Writes the function table into the metadata pool. */
export function writeFunctionTable(machine: Machine, allocator: JitAllocator, compiled: CompiledModule): FunctionRecord[] {
  const functions = [...compiled.functions.values()];
  const base = allocator.metadata.allocate(Math.max(functions.length, 1) * RECORD_BYTES, 16);
  return functions.map((fn, index) => {
    const record = base + index * RECORD_BYTES;
    const bytes = new Uint8Array(RECORD_BYTES);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, fn.address, true);
    view.setUint32(4, fn.size, true);
    view.setUint32(8, fn.slotAddress, true);
    machine.memory.load(record, bytes);
    return { fn, record };
  });
}

/** Routes every function's slot through a counting trampoline. */
export function installCallCounters(machine: Machine, allocator: JitAllocator, records: FunctionRecord[]): void {
  for (const entry of records) {
    const trampoline = allocator.code.allocate(TRAMPOLINE_BYTES, 16);
    const bytes = new Uint8Array(TRAMPOLINE_BYTES);
    const view = new DataView(bytes.buffer);
    bytes[0] = 0xff; // inc dword [disp32]: FF /0, modrm 00 000 101
    bytes[1] = 0x05;
    view.setUint32(2, entry.record + CALLS_FIELD, true);
    bytes[6] = 0xe9; // jmp rel32
    view.setInt32(7, entry.fn.address - (trampoline + TRAMPOLINE_BYTES), true);
    machine.memory.load(trampoline, bytes);
    machine.memory.poke32(entry.fn.slotAddress, trampoline);
    entry.trampoline = trampoline;
  }
}

/** Calls counted so far, by function, most called first (name order among equals). */
export function readCallCounts(machine: Machine, records: FunctionRecord[]): { name: string; calls: number }[] {
  return records
    .map((entry) => ({ name: entry.fn.name, calls: machine.memory.peek32(entry.record + CALLS_FIELD) >>> 0 }))
    .sort((a, b) => b.calls - a.calls || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
