/**
 * Kernel services touching module memory with the module's own rights: a service reading or
 * writing through a pointer the module gave it must fault exactly where the module itself
 * would (null page, guard pages, the read-only code pool). These helpers check page
 * permissions first and raise the emulator's page fault, which ends the run as a panic
 * located in the service and its caller; then they copy in bulk.
 */
import { FaultSignal, type Access } from "../emu/faults.js";
import { EXECUTE, PAGE_SIZE, READ, WRITE, type Memory } from "../emu/memory.js";

const NEEDED: Record<Access, number> = { read: READ, write: WRITE, execute: EXECUTE };

/** Throws a page fault at the first byte of [address, address+size) the guest may not access. */
export function checkAccess(memory: Memory, address: number, size: number, access: Access): void {
  if (size <= 0) return;
  let at = address >>> 0;
  const end = address + size;
  while (at < end) {
    const wrapped = at >>> 0;
    if (!memory.isMapped(wrapped) || (memory.permissions(wrapped) & NEEDED[access]) === 0) {
      throw FaultSignal.page(wrapped, access);
    }
    at = (Math.floor(at / PAGE_SIZE) + 1) * PAGE_SIZE;
  }
}

export function readGuest(memory: Memory, address: number, size: number): Uint8Array {
  checkAccess(memory, address, size, "read");
  return memory.readBytes(address >>> 0, size);
}

export function writeGuest(memory: Memory, address: number, bytes: Uint8Array): void {
  checkAccess(memory, address, bytes.length, "write");
  memory.writeBytes(address >>> 0, bytes);
}

/** The bytes of the NUL-terminated string at `address` (without the NUL), read page by page. */
export function readGuestString(memory: Memory, address: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let at = address >>> 0;
  for (;;) {
    const chunk = readGuest(memory, at, PAGE_SIZE - (at % PAGE_SIZE));
    const end = chunk.indexOf(0);
    if (end !== -1) {
      parts.push(chunk.subarray(0, end));
      return Buffer.concat(parts);
    }
    parts.push(chunk);
    at = (at + chunk.length) >>> 0;
  }
}
