/**
 * Booting the simulated machine: the regions of layout.ts mapped with their permissions, the
 * kernel's return address registered, and the call of a module's entry set up.
 *
 * The entry is called as cdecl from the kernel: ESP 16-byte aligned at the call, the integer
 * arguments above the return address, which is the kernel-return service (SERVICE_BASE +
 * 0xFFF0): when the entry returns there, the machine stops and EAX is the result.
 */
import { Machine, SERVICE_BASE } from "../emu/machine.js";
import { EXECUTE, READ, WRITE } from "../emu/memory.js";
import type { AddressLayout } from "./layout.js";

export const KERNEL_RETURN = (SERVICE_BASE + 0xfff0) >>> 0;

export function bootMachine(layout: AddressLayout, onReturn: (machine: Machine) => void): Machine {
  const machine = new Machine();
  machine.memory.map(layout.metadata.base, layout.metadata.size, READ | WRITE);
  machine.memory.map(layout.code.base, layout.code.size, READ | EXECUTE);
  machine.memory.map(layout.data.base, layout.data.size, READ | WRITE);
  machine.memory.map(layout.heap.base, layout.heap.size, READ | WRITE);
  machine.memory.map(layout.stack.base, layout.stack.size, READ | WRITE);
  machine.registerService(KERNEL_RETURN, (m) => {
    onReturn(m);
    return { kind: "stop", value: m.regs[0] };
  });
  return machine;
}

/** Points the machine at `entry` with `args` on a fresh stack below `top` (16-byte aligned), returning to the kernel. */
export function prepareCall(machine: Machine, top: number, entry: number, args: number[]): void {
  let esp = top - Math.ceil((args.length * 4) / 16) * 16;
  args.forEach((value, index) => machine.memory.poke32(esp + 4 * index, value | 0));
  esp -= 4;
  machine.memory.poke32(esp, KERNEL_RETURN | 0);
  machine.regs.fill(0);
  machine.regs[4] = esp;
  machine.eip = entry >>> 0;
}
