/**
 * Names and numbers of values as LLVM's assembly writer shows them (AsmWriter.cpp
 * `PrintLLVMName`, `printEscapedString`, and the `SlotTracker`).
 *
 * A name made only of letters, digits, `-`, `.` and `_`, not starting with a digit, is printed
 * bare (`%x.addr`); any other is quoted with `\XX` escapes (`@"a b"`). Unnamed values get
 * numbers: unnamed globals, then unnamed functions, at module level (`@0`); inside a function,
 * unnamed arguments, then for each block in order the block itself (if unnamed) and its unnamed
 * non-void instructions (`%0`, `%1`, ...).
 */
import type { Instruction } from "./instructions.js";
import type { Argument, BasicBlock, Function, GlobalValue, Module } from "./values.js";

/** `\\` for a backslash, `\XX` (upper-case hex) for `"` and bytes that are not printable ASCII. */
export function escapeString(text: string): string {
  let result = "";
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x5c) result += "\\\\";
    else if (code >= 0x20 && code <= 0x7e && code !== 0x22) result += text[index];
    else result += `\\${(code & 0xff).toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return result;
}

/** Escape raw bytes (a c"..." string). */
export function escapeBytes(bytes: readonly bigint[]): string {
  let result = "";
  for (const byte of bytes) {
    const code = Number(byte & 0xffn);
    if (code === 0x5c) result += "\\\\";
    else if (code >= 0x20 && code <= 0x7e && code !== 0x22) result += String.fromCharCode(code);
    else result += `\\${code.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return result;
}

const bareName = /^[A-Za-z_.\-][A-Za-z0-9_.\-]*$/;

/** A name with LLVM's quoting rules, without prefix. */
export function quoteName(name: string): string {
  return bareName.test(name) ? name : `"${escapeString(name)}"`;
}

export type LocalValue = Argument | BasicBlock | Instruction;

/** Numbers of a function's unnamed arguments, blocks and instructions. */
export function numberLocals(fn: Function): Map<LocalValue, number> {
  const slots = new Map<LocalValue, number>();
  let next = 0;
  for (const param of fn.params) if (!param.name) slots.set(param, next++);
  for (const block of fn.blocks) {
    if (!block.name) slots.set(block, next++);
    for (const instruction of block.instructions) {
      if (instruction.type.kind !== "void" && !instruction.name) slots.set(instruction, next++);
    }
  }
  return slots;
}

/** Numbers of the module's unnamed globals and functions. */
export function numberGlobals(module: Module): Map<GlobalValue, number> {
  const slots = new Map<GlobalValue, number>();
  let next = 0;
  for (const global of module.globals) if (!global.name) slots.set(global, next++);
  for (const alias of module.aliases) if (!alias.name) slots.set(alias, next++);
  for (const fn of module.functions) if (!fn.name) slots.set(fn, next++);
  return slots;
}

/** `%name` or `%N` for a local value; `%<badref>` when it is not in the numbering. */
export function localName(value: LocalValue, slots: ReadonlyMap<LocalValue, number>): string {
  if (value.name) return `%${quoteName(value.name)}`;
  const slot = slots.get(value);
  return slot === undefined ? "<badref>" : `%${slot}`;
}

/** A block as a label definition: `name:` or `N:`. */
export function blockLabel(block: BasicBlock, slots: ReadonlyMap<LocalValue, number>): string {
  if (block.name) return `${quoteName(block.name)}:`;
  const slot = slots.get(block);
  return slot === undefined ? "<badref>:" : `${slot}:`;
}
