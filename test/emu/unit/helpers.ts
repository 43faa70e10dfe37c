/**
 * Running hand-assembled code in a bare Machine: code at CODE (read/execute), a data page at
 * DATA (read/write), a stack page below STACK_TOP. The code is followed by `hlt`, so a run ends
 * with a "halt" stop unless it faults first.
 */
import { getEflags, STATUS_FLAGS } from "../../../src/emu/flags.js";
import { Machine } from "../../../src/emu/machine.js";
import { EXECUTE, READ, WRITE } from "../../../src/emu/memory.js";
import type { StopReason } from "../../../src/emu/faults.js";

export const CODE = 0x1000;
export const DATA = 0x3000;
export const STACK_TOP = 0x9000;

export const REGISTER_NAMES = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"] as const;
export type RegisterName = (typeof REGISTER_NAMES)[number];

const FLAG_BITS: Record<string, number> = { CF: 0x1, PF: 0x4, AF: 0x10, ZF: 0x40, SF: 0x80, DF: 0x400, OF: 0x800 };

/** "CF ZF" -> EFLAGS bits. */
export function flagBits(names: string): number {
  return names.split(/\s+/).filter(Boolean).reduce((bits, name) => bits | FLAG_BITS[name], 0);
}

/** EFLAGS status bits as "CF PF ..." in a fixed order. */
export function flagNames(eflags: number): string {
  return Object.entries(FLAG_BITS).filter(([name, bit]) => name !== "DF" && (eflags & bit) !== 0).map(([name]) => name).join(" ");
}

export interface Setup {
  registers?: Partial<Record<RegisterName, number>>;
  /** Initial status flags, e.g. "CF". */
  flags?: string;
  /** Bytes to place at DATA. */
  data?: number[];
}

export function machineWith(code: number[], setup: Setup = {}): Machine {
  const machine = new Machine();
  machine.memory.map(CODE, 0x2000, READ | EXECUTE);
  machine.memory.load(CODE, Uint8Array.from([...code, 0xf4]));
  machine.memory.map(DATA, 0x1000, READ | WRITE);
  machine.memory.map(STACK_TOP - 0x1000, 0x1000, READ | WRITE);
  if (setup.data) machine.memory.load(DATA, Uint8Array.from(setup.data));
  machine.regs[4] = STACK_TOP;
  for (const [name, value] of Object.entries(setup.registers ?? {})) {
    machine.regs[REGISTER_NAMES.indexOf(name as RegisterName)] = value;
  }
  machine.eflags = 0x202 | flagBits(setup.flags ?? "");
  machine.eip = CODE;
  return machine;
}

export function run(code: number[], setup: Setup = {}, configure?: (machine: Machine) => void): { machine: Machine; stop: StopReason } {
  const machine = machineWith(code, setup);
  configure?.(machine);
  const stop = machine.run({ maxSteps: 10_000 });
  return { machine, stop };
}

export function register(machine: Machine, name: RegisterName): number {
  return machine.regs[REGISTER_NAMES.indexOf(name)] >>> 0;
}

export function statusFlags(machine: Machine): string {
  return flagNames(getEflags(machine) & STATUS_FLAGS);
}
