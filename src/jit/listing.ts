/**
 * A readable listing of compiled code: per function its address and size, each IR block's
 * label where its code starts, and every instruction as address, bytes and iced-x86's text
 * (Intel or GAS syntax). Used by `mkimg disasm` and by the JIT's golden files.
 */
import type { CompiledModule } from "./module.js";
import { disassemble, hex } from "./disassemble.js";

export interface ListingOptions { function?: string; syntax?: "intel" | "gas" }

/** The bytes of [address, address + size) from the compiled code segments. */
function codeBytes(compiled: CompiledModule, address: number, size: number): Uint8Array {
  for (const segment of compiled.code) {
    const offset = address - segment.address;
    if (offset >= 0 && offset + size <= segment.bytes.length) return segment.bytes.subarray(offset, offset + size);
  }
  throw new Error(`internal error: no code segment holds 0x${address.toString(16)}`);
}

function address8(value: number): string {
  return value.toString(16).padStart(8, "0");
}

export function listFunction(compiled: CompiledModule, name: string, syntax: "intel" | "gas" = "intel"): string {
  const fn = compiled.functions.get(name);
  if (fn === undefined) throw new Error(`internal error: no compiled function ${name}`);
  const starts = new Map<number, string[]>();
  for (const block of fn.blocks) starts.set(fn.address + block.offset, [...(starts.get(fn.address + block.offset) ?? []), block.name]);
  const lines = [`${fn.name}:  ; ${address8(fn.address)}, ${fn.size} bytes, slot ${address8(fn.slotAddress)}`];
  for (const line of disassemble(codeBytes(compiled, fn.address, fn.size), fn.address, syntax)) {
    for (const label of starts.get(line.address) ?? []) lines.push(` %${label}:`);
    lines.push(`  ${address8(line.address)}  ${hex(line.bytes).padEnd(24)}  ${line.text}`);
  }
  return lines.join("\n");
}

export function listModule(compiled: CompiledModule, options: ListingOptions = {}): string {
  const names = options.function !== undefined ? [options.function] : [...compiled.functions.keys()];
  return names.map((name) => listFunction(compiled, name, options.syntax)).join("\n\n") + "\n";
}
