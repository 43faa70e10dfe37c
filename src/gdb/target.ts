/**
 * What the gdb server debugs: a stopped program it can read, change, step and resume. The
 * protocol side (commands.ts, server.ts) knows only this interface; machine-target.ts
 * implements it on the emulator, and the kernel decides what a stop of the machine means.
 *
 * Signals are gdb's numbers (gdb/signals.def), which the stop replies carry: `T05` a breakpoint
 * or a finished step, `T0b` a page fault, `X0b` the program killed by it, `W00` an exit.
 */

export const SIGNALS = { SIGINT: 2, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGFPE: 8, SIGSEGV: 11, SIGXCPU: 24 } as const;

export type WatchKind = "watch" | "rwatch" | "awatch";

export type StopEvent =
  /** Stopped and alive: a step, a breakpoint (`swbreak`), a watchpoint, an interrupt. */
  | { kind: "stopped"; signal: number; swbreak?: boolean; watch?: { kind: WatchKind; address: number } }
  /** Stopped by a fatal event (a guest fault, a kernel panic): resuming ends the program. */
  | { kind: "fatal"; signal: number }
  | { kind: "exited"; status: number }
  | { kind: "killed"; signal: number };

export interface DebugTarget {
  /** eax ecx edx ebx esp ebp esi edi eip eflags cs ss ds es fs gs. */
  readRegisters(): number[];
  writeRegister(index: number, value: number): void;
  /** Throws (any error) when a byte is not mapped. */
  readMemory(address: number, length: number): Uint8Array;
  writeMemory(address: number, bytes: Uint8Array): void;
  /** False when there is no code to patch at `address`. */
  insertBreakpoint(address: number): boolean;
  removeBreakpoint(address: number): void;
  insertWatchpoint(kind: WatchKind, address: number, length: number): boolean;
  removeWatchpoint(kind: WatchKind, address: number, length: number): void;
  /** One instruction. */
  step(): StopEvent;
  /** Runs at most `budget` instructions; undefined when it is still running after them. */
  resume(budget: number): StopEvent | undefined;
  /** Removes every breakpoint and watchpoint (gdb detaches; the program runs on without it). */
  detach(): void;
  /** Ends the program (gdb's `k`, or the connection dropped). */
  kill(): void;
}
