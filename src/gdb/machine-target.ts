/**
 * A DebugTarget on the emulator's Machine: registers, memory, breakpoints and watchpoints.
 *
 * Breakpoints are `int3` bytes patched into guest code (host writes, so the machine drops the
 * decoded blocks of that page); the machine reports `int3` as a breakpoint fault with EIP at the
 * patched byte, which is the breakpoint address gdb expects (`swbreak`, so gdb does not move PC
 * back). Reads through the target show the original bytes; resuming from a breakpoint address
 * first steps the original instruction.
 *
 * Watchpoints use the memory layer's watched pages (memory.ts `watchPage`, `onWatch`): an access
 * that overlaps a watched range throws a breakpoint fault before it changes anything, the target
 * then runs that one instruction with watching suspended and reports the stop after it, with the
 * address (`T05watch:ADDR;`), as x86 debug registers do.
 *
 * What other stops mean (the module returned, a fault, a kernel panic) is the Execution's call:
 * the kernel supplies it (src/kernel/debug-run.ts).
 */
import type { Machine, StopReason } from "../emu/machine.js";
import { FaultSignal } from "../emu/faults.js";
import { PAGE_SHIFT } from "../emu/memory.js";
import { SIGNALS, type DebugTarget, type StopEvent, type WatchKind } from "./target.js";

/** A machine stop, or a host-side stop (a kernel panic raised by a service). */
export type RunStop = StopReason | { kind: "panic"; error: Error };

export interface Execution {
  readonly machine: Machine;
  /** Runs at most `steps` instructions. */
  run(steps: number): RunStop;
  /** What a stop means; undefined when the program just ran out of `steps` and goes on. */
  meaning(stop: RunStop): StopEvent | undefined;
  /** The program is ended by the debugger (kill, detach from a dead program, a dropped connection). */
  end(): void;
}

interface Watchpoint {
  kind: WatchKind;
  address: number;
  length: number;
}

const INT3 = 0xcc;
const MATCHES: Record<WatchKind, ReadonlySet<string>> = {
  watch: new Set(["write"]),
  rwatch: new Set(["read"]),
  awatch: new Set(["read", "write"]),
};

export class MachineTarget implements DebugTarget {
  private readonly machine: Machine;
  /** Breakpoint address -> the code byte under the int3. */
  private readonly breakpoints = new Map<number, number>();
  private watchpoints: Watchpoint[] = [];
  private watchedPages = new Set<number>();
  private watchHit: { kind: WatchKind; address: number } | undefined;
  private watching = true;
  /** Set once the program stopped for good: resuming then reports it killed. */
  private fatal: number | undefined;

  constructor(private readonly execution: Execution) {
    this.machine = execution.machine;
    this.machine.memory.onWatch = (address, size, access) => this.checkWatch(address, size, access);
  }

  readRegisters(): number[] {
    const m = this.machine;
    return [...Array.from(m.registers, (value) => value >>> 0), m.eip >>> 0, m.readEflags() >>> 0, 0x23, 0x2b, 0x2b, 0x2b, 0, 0];
  }

  writeRegister(index: number, value: number): void {
    if (index < 8) this.machine.regs[index] = value | 0;
    else if (index === 8) this.machine.eip = value >>> 0;
    else if (index === 9) this.machine.writeEflags(value);
    // Segment registers are fixed (every base is 0); writes to them are ignored.
  }

  readMemory(address: number, length: number): Uint8Array {
    const bytes = this.machine.memory.readBytes(address >>> 0, length);
    for (const [at, original] of this.breakpoints) {
      const offset = (at - address) >>> 0;
      if (offset < length) bytes[offset] = original;
    }
    return bytes;
  }

  writeMemory(address: number, bytes: Uint8Array): void {
    const memory = this.machine.memory;
    memory.writeBytes(address >>> 0, bytes);
    for (const [at] of this.breakpoints) {
      const offset = (at - address) >>> 0;
      if (offset >= bytes.length) continue;
      this.breakpoints.set(at, bytes[offset]);
      memory.writeBytes(at, Uint8Array.of(INT3));
    }
  }

  insertBreakpoint(address: number): boolean {
    address >>>= 0;
    if (this.breakpoints.has(address)) return true;
    const memory = this.machine.memory;
    if (!memory.isMapped(address)) return false;
    this.breakpoints.set(address, memory.readBytes(address, 1)[0]);
    memory.writeBytes(address, Uint8Array.of(INT3));
    return true;
  }

  removeBreakpoint(address: number): void {
    address >>>= 0;
    const original = this.breakpoints.get(address);
    if (original === undefined) return;
    this.breakpoints.delete(address);
    this.machine.memory.writeBytes(address, Uint8Array.of(original));
  }

  insertWatchpoint(kind: WatchKind, address: number, length: number): boolean {
    if (length < 1 || length > 0x10000) return false;
    this.watchpoints.push({ kind, address: address >>> 0, length });
    this.refreshWatchedPages();
    return true;
  }

  removeWatchpoint(kind: WatchKind, address: number, length: number): void {
    const index = this.watchpoints.findIndex((w) => w.kind === kind && w.address === address >>> 0 && w.length === length);
    if (index >= 0) this.watchpoints.splice(index, 1);
    this.refreshWatchedPages();
  }

  step(): StopEvent {
    return this.advance(1) ?? { kind: "stopped", signal: SIGNALS.SIGTRAP };
  }

  resume(budget: number): StopEvent | undefined {
    if (this.fatal === undefined && this.breakpoints.has(this.machine.eip >>> 0)) {
      // Step the original instruction under the breakpoint first.
      const event = this.withoutBreakpoint(this.machine.eip >>> 0, () => this.advance(1));
      if (event !== undefined) return event;
      budget--;
    }
    return this.advance(Math.max(budget, 1));
  }

  detach(): void {
    for (const address of [...this.breakpoints.keys()]) this.removeBreakpoint(address);
    this.watchpoints = [];
    this.refreshWatchedPages();
  }

  kill(): void {
    this.fatal = SIGNALS.SIGSEGV;
    this.execution.end();
  }

  /** Runs up to `steps` instructions and says why it stopped (undefined: it did not). */
  private advance(steps: number): StopEvent | undefined {
    if (this.fatal !== undefined) return { kind: "killed", signal: this.fatal };
    this.watchHit = undefined;
    const stop = this.execution.run(steps);
    const hit = this.watchHit as { kind: WatchKind; address: number } | undefined;
    if (hit !== undefined && stop.kind === "fault") return this.finishWatchedInstruction(hit);
    if (stop.kind === "fault" && stop.fault.kind === "breakpoint" && this.breakpoints.has(stop.fault.eip >>> 0)) {
      return { kind: "stopped", signal: SIGNALS.SIGTRAP, swbreak: true };
    }
    const event = this.execution.meaning(stop);
    if (event?.kind === "fatal") this.fatal = event.signal;
    return event;
  }

  /** The access was stopped before it happened: run its instruction, then report the watchpoint. */
  private finishWatchedInstruction(hit: { kind: WatchKind; address: number }): StopEvent {
    this.watching = false;
    try {
      const stop = this.execution.run(1);
      const event = this.execution.meaning(stop);
      if (event?.kind === "fatal") this.fatal = event.signal;
      return event ?? { kind: "stopped", signal: SIGNALS.SIGTRAP, watch: hit };
    } finally {
      this.watching = true;
    }
  }

  private withoutBreakpoint<T>(address: number, body: () => T): T {
    const original = this.breakpoints.get(address)!;
    this.breakpoints.delete(address);
    this.machine.memory.writeBytes(address, Uint8Array.of(original));
    try {
      return body();
    } finally {
      if (this.machine.memory.isMapped(address)) {
        this.breakpoints.set(address, this.machine.memory.readBytes(address, 1)[0]);
        this.machine.memory.writeBytes(address, Uint8Array.of(INT3));
      }
    }
  }

  private checkWatch(address: number, size: number, access: "read" | "write"): void {
    if (!this.watching) return;
    const watchpoint = this.watchpoints.find(
      (w) => MATCHES[w.kind].has(access) && address < w.address + w.length && w.address < address + size,
    );
    if (watchpoint === undefined) return;
    this.watchHit = { kind: watchpoint.kind, address: watchpoint.address };
    throw new FaultSignal("breakpoint", address, access, "watchpoint");
  }

  private refreshWatchedPages(): void {
    const pages = new Set<number>();
    for (const { address, length } of this.watchpoints) {
      for (let page = address >>> PAGE_SHIFT; page <= ((address + length - 1) >>> 0) >>> PAGE_SHIFT; page++) pages.add(page);
    }
    for (const page of this.watchedPages) if (!pages.has(page)) this.machine.memory.watchPage(page, false);
    for (const page of pages) this.machine.memory.watchPage(page, true);
    this.watchedPages = pages;
  }
}
