/**
 * Kernel services: the functions of modules/include/kernel.h, as docs/KERNEL_API.md specifies
 * them, implemented in TypeScript and reached by the module as ordinary cdecl calls.
 *
 * Each service gets an emulator service address (SERVICE_BASE + 16 * its index in the table);
 * the loader resolves a module's external symbol to that address, so `call kprint` lands in
 * the handler, which reads its arguments from the guest stack and returns in EAX. Pointers
 * from the module are accessed with the module's rights (guest-access.ts). The ending
 * services record how the module ended and stop the machine.
 */
import { SERVICE_BASE, type Machine, type ServiceResult } from "../emu/machine.js";
import { checkAccess, readGuest, readGuestString, writeGuest } from "./guest-access.js";
import type { Heap } from "./heap.js";

export type ModuleEnding =
  | { kind: "returned"; value: number }
  | { kind: "exited"; value: number }
  | { kind: "aborted" }
  | { kind: "panic"; message: string };

/** What the services act on: the console, the heap, the clock, the run's ending. */
export interface ServiceContext {
  write(bytes: Uint8Array): void;
  readonly heap: Heap;
  ticks: number;
  ending: ModuleEnding | undefined;
}

type Service = (machine: Machine, context: ServiceContext) => ServiceResult;

const STOP: ServiceResult = { kind: "stop", value: 0 };

function end(context: ServiceContext, ending: ModuleEnding): ServiceResult {
  context.ending = ending;
  return STOP;
}

/** Copies front to back, one byte at a time in effect (what the harness's memcpy loop does). */
function copyForward(machine: Machine, destination: number, source: number, size: number): void {
  if (size === 0) return;
  checkAccess(machine.memory, destination, size, "write");
  const distance = (destination - source) >>> 0;
  if (distance === 0 || distance >= size) {
    writeGuest(machine.memory, destination, readGuest(machine.memory, source, size));
    return;
  }
  // The destination starts inside the source: the first `distance` bytes repeat.
  const pattern = readGuest(machine.memory, source, distance);
  const bytes = new Uint8Array(size);
  for (let k = 0; k < size; k++) bytes[k] = pattern[k % distance];
  readGuest(machine.memory, source, size);
  writeGuest(machine.memory, destination, bytes);
}

function compare(machine: Machine, a: number, b: number, size: number): number {
  if (size === 0) return 0;
  const left = readGuest(machine.memory, a, size);
  const right = readGuest(machine.memory, b, size);
  for (let k = 0; k < size; k++) if (left[k] !== right[k]) return left[k] - right[k];
  return 0;
}

const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (character) => character.charCodeAt(0));

/** The services by name, in address order. */
export const SERVICES: readonly [string, Service][] = [
  ["kprint", (m, c) => c.write(readGuestString(m.memory, m.argument(0)))],
  ["kprint_int", (m, c) => c.write(latin1(String(m.argument(0) | 0)))],
  ["kputc", (m, c) => c.write(Uint8Array.of(m.argument(0) & 0xff))],
  ["memcpy", (m) => (copyForward(m, m.argument(0), m.argument(1), m.argument(2) >>> 0), m.argument(0))],
  ["memmove", (m) => {
    const size = m.argument(2) >>> 0;
    if (size > 0) writeGuest(m.memory, m.argument(0), readGuest(m.memory, m.argument(1), size));
    return m.argument(0);
  }],
  ["memset", (m) => {
    const size = m.argument(2) >>> 0;
    if (size > 0) writeGuest(m.memory, m.argument(0), new Uint8Array(size).fill(m.argument(1) & 0xff));
    return m.argument(0);
  }],
  ["memcmp", (m) => compare(m, m.argument(0), m.argument(1), m.argument(2) >>> 0)],
  ["kmalloc", (m, c) => c.heap.allocate(m.argument(0) >>> 0) | 0],
  ["kfree", (m, c) => c.heap.free(m.argument(0) >>> 0)],
  ["kticks", (_m, c) => ++c.ticks | 0],
  ["kexit", (m, c) => end(c, { kind: "exited", value: m.argument(0) | 0 })],
  ["kabort", (_m, c) => end(c, { kind: "aborted" })],
  ["kpanic", (m, c) => end(c, { kind: "panic", message: Buffer.from(readGuestString(m.memory, m.argument(0))).toString("latin1") })],
];

const SERVICE_SPACING = 16;

export function serviceAddress(index: number): number {
  return (SERVICE_BASE + SERVICE_SPACING * index) >>> 0;
}

/** Registers every service on the machine; returns name -> address (for linking and panics). */
export function installServices(machine: Machine, context: ServiceContext): Map<string, number> {
  const addresses = new Map<string, number>();
  SERVICES.forEach(([name, service], index) => {
    const address = serviceAddress(index);
    machine.registerService(address, (m) => service(m, context));
    addresses.set(name, address);
  });
  return addresses;
}
