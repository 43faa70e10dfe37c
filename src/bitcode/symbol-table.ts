/**
 * Names: the STRTAB blob (global names, MODULE_CODE_VERSION 2) and a function's VALUE_SYMTAB
 * (`VST_CODE_ENTRY [value id, name chars]` for arguments and instructions, `VST_CODE_BBENTRY
 * [block number, name chars]` for blocks). clang discards local names unless asked to keep
 * them; llvm-as keeps them. The module-level VALUE_SYMTAB holds only function offsets
 * (FNENTRY) and is skipped.
 */
import type { BasicBlock } from "../ir/values.js";
import { ENTRY_END_BLOCK, ENTRY_SUBBLOCK, type BitstreamCursor } from "./bitstream.js";
import type { ReaderContext } from "./context.js";
import { STRTAB_CODE, VST_CODE } from "./record-codes.js";

/** Reads a STRTAB block and returns its blob (the cursor has just returned its ENTRY_SUBBLOCK). */
export function readStringTable(cursor: BitstreamCursor): Uint8Array {
  cursor.enterBlock();
  let table: Uint8Array = new Uint8Array(0);
  for (;;) {
    const entry = cursor.advance();
    if (entry === ENTRY_END_BLOCK) return table;
    if (entry === ENTRY_SUBBLOCK) {
      cursor.skipBlock();
      continue;
    }
    if (cursor.code === STRTAB_CODE.BLOB) {
      if (cursor.blob === undefined) cursor.fail("STRTAB record without a blob");
      table = cursor.blob;
    }
  }
}

export function readFunctionSymbolTable(context: ReaderContext, blocks: readonly BasicBlock[]): void {
  const cursor = context.cursor;
  cursor.enterBlock();
  for (;;) {
    const entry = cursor.advance();
    if (entry === ENTRY_END_BLOCK) return;
    if (entry === ENTRY_SUBBLOCK) {
      cursor.skipBlock();
      continue;
    }
    if (cursor.code === VST_CODE.ENTRY) nameValue(context);
    else if (cursor.code === VST_CODE.BBENTRY) {
      const index = context.op(0, "VST_BBENTRY");
      const block = blocks[index];
      if (block === undefined) context.fail(`VST_BBENTRY names block ${index} of ${blocks.length}`);
      block.name = cursor.opsText(1);
    }
  }
}

function nameValue(context: ReaderContext): void {
  const id = context.op(0, "VST_ENTRY");
  const value = context.values.values[id];
  if (value === undefined) context.fail(`VST_ENTRY names value id ${id}, which is out of range (${context.values.length} values)`);
  if (value.valueKind === "argument" || value.valueKind === "instruction") value.name = context.cursor.opsText(1);
}
