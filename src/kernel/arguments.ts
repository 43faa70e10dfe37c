/**
 * The arguments a module's entry is called with, from the words of `mkimg run IMG MODULE
 * WORDS...` (or the integers a caller of runModule gives).
 *
 * An integer entry, `int f(int a, int b)`, gets each word as a C int: decimal or 0x hex, from
 * -2147483648 to 4294967295 (an unsigned value becomes the int a cast gives: 4294967295 is -1);
 * a number that does not fit 32 bits is an error, never wrapped. Missing ones are 0, as in the
 * native harness. An argv entry, `int main(int argc, char **argv)`, gets the words as strings,
 * placed at the top of the module's stack as a process's are: the strings (NUL-terminated),
 * then argv[0..argc] (argv[0] is the module's header name, argv[argc] is NULL), then the call.
 */
import { InputError } from "../errors.js";
import type { Machine } from "../emu/machine.js";
import type { Region } from "./layout.js";
import type { LoadedModule } from "./loader.js";

/** What the entry is called with, and the stack top below the argv block (if any). */
export interface EntryCall {
  args: number[];
  /** The highest stack address the call may use; strings and argv live above it. */
  stackTop: number;
}

/** The most bytes of argv strings and pointers a run may pass (a Linux process gets 2 MiB). */
export const MAX_ARGV_BYTES = 64 * 1024;

export interface ArgumentSource {
  /** The module as the user named it, for messages about a word. */
  module: string;
  /** Integers for an integer entry (runModule's callers). */
  args?: number[];
  /** The words of the command line, for either kind of entry. */
  words?: string[];
}

/** The call of `loaded`'s entry with `source`'s arguments; argv strings are written to `machine`. */
export function entryCall(machine: Machine, stack: Region, loaded: LoadedModule, source: ArgumentSource): EntryCall {
  const top = (stack.base + stack.size) & ~15;
  if (loaded.entryKind === "argv") {
    const words = source.words ?? (source.args ?? []).map(String);
    return placeArgv(machine, top, [loaded.header.name, ...words], loaded.where);
  }
  const given = source.args ?? (source.words ?? []).map((word) => parseIntegerArgument(source.module, word));
  if (given.length > loaded.entryParameters) {
    const plural = loaded.entryParameters === 1 ? "" : "s";
    throw new InputError(loaded.where, `entry function "${loaded.header.entry}" takes ${loaded.entryParameters} argument${plural}, ${given.length} given`);
  }
  return { args: Array.from({ length: loaded.entryParameters }, (_, index) => given[index] ?? 0), stackTop: top };
}

/** Writes the strings and the argv array below `top`; returns argc, argv and the new top. */
function placeArgv(machine: Machine, top: number, strings: string[], where: string): EntryCall {
  const encoded = strings.map((text) => Buffer.from(`${text}\0`, "utf8"));
  const stringBytes = encoded.reduce((sum, bytes) => sum + bytes.length, 0);
  const pointerBytes = 4 * (strings.length + 1);
  if (stringBytes + pointerBytes > MAX_ARGV_BYTES) {
    throw new InputError(where, `the arguments take ${stringBytes + pointerBytes} bytes, more than the ${MAX_ARGV_BYTES} an entry can be given`);
  }
  let address = top - stringBytes;
  const pointers: number[] = [];
  for (const bytes of encoded) {
    machine.memory.load(address, bytes);
    pointers.push(address);
    address += bytes.length;
  }
  const argv = (top - stringBytes - pointerBytes) & ~15;
  [...pointers, 0].forEach((pointer, index) => machine.memory.poke32(argv + 4 * index, pointer | 0));
  return { args: [strings.length, argv], stackTop: argv };
}

/** A C int from a command-line word (see the header comment). */
export function parseIntegerArgument(module: string, text: string): number {
  if (!/^[-+]?(0x[0-9a-f]+|[0-9]+)$/i.test(text)) throw new InputError(module, `argument "${text}" is not an integer`);
  const negative = text.startsWith("-");
  const magnitude = BigInt(text.replace(/^[-+]/, ""));
  const value = negative ? -magnitude : magnitude;
  if (value < -(2n ** 31n) || value >= 2n ** 32n) {
    throw new InputError(module, `argument "${text}" does not fit 32 bits (-2147483648..4294967295)`);
  }
  return Number(BigInt.asIntN(32, value));
}
