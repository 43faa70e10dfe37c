/**
 * MODULE_BLOCK: the records and sub-blocks of one module, in the order LLVM writes them
 * (VERSION, BLOCKINFO, types, attributes, triple and layout, globals and functions, constants,
 * metadata, function bodies, symbol table). Debug metadata is read for source locations
 * (metadata.ts); blocks the IR does not need (use lists, metadata kinds, the module symbol table,
 * operand bundle tags, sync scopes) are skipped in O(1).
 */
import { ENTRY_END_BLOCK, ENTRY_SUBBLOCK } from "./bitstream.js";
import { readAttributeBlock, readAttributeGroupBlock } from "./attributes.js";
import { readConstantsBlock } from "./constants.js";
import type { ReaderContext } from "./context.js";
import { readFunctionBody } from "./function-body.js";
import { readAlias, readFunctionRecord, readGlobalVariable, resolveInitializers } from "./globals.js";
import { BLOCK, MODULE_CODE } from "./record-codes.js";
import { readTypeBlock } from "./types.js";

/** Reads the module block (the cursor has just returned its ENTRY_SUBBLOCK). */
export function readModuleBlock(context: ReaderContext): void {
  const cursor = context.cursor;
  cursor.enterBlock();
  let bodies = 0;
  for (;;) {
    const entry = cursor.advance();
    if (entry === ENTRY_END_BLOCK) break;
    if (entry === ENTRY_SUBBLOCK) {
      if (cursor.code === BLOCK.FUNCTION) {
        if (bodies === 0) {
          resolveInitializers(context);
          context.debug.endModuleLevel();
        }
        const fn = context.functionsWithBodies[bodies++];
        if (fn === undefined) context.fail(`function body ${bodies} has no FUNCTION record with a body`);
        readFunctionBody(context, fn);
      } else {
        readModuleSubBlock(context);
      }
      continue;
    }
    readModuleRecord(context);
  }
  resolveInitializers(context);
  const compileUnit = context.debug.compileUnit();
  if (compileUnit !== undefined) context.module.compileUnit = compileUnit;
  const missing = context.functionsWithBodies[bodies];
  if (missing !== undefined) context.fail(`function ${missing.name} is defined but has no body block`);
}

function readModuleSubBlock(context: ReaderContext): void {
  switch (context.cursor.code) {
    case BLOCK.TYPE_NEW: readTypeBlock(context); return;
    case BLOCK.PARAMATTR_GROUP: readAttributeGroupBlock(context); return;
    case BLOCK.PARAMATTR: readAttributeBlock(context); return;
    case BLOCK.CONSTANTS: readConstantsBlock(context); return;
    case BLOCK.METADATA: context.debug.readBlock(); return;
    default: context.cursor.skipBlock();
  }
}

function readModuleRecord(context: ReaderContext): void {
  const cursor = context.cursor;
  const module = context.module;
  switch (cursor.code) {
    case MODULE_CODE.VERSION:
      context.moduleVersion = context.op(0, "VERSION");
      if (context.moduleVersion !== 2) context.fail(`module version ${context.moduleVersion} is not supported (LLVM 5 and later write 2)`);
      return;
    case MODULE_CODE.TRIPLE: module.triple = cursor.opsText(); return;
    case MODULE_CODE.DATALAYOUT: module.dataLayout = cursor.opsText(); return;
    case MODULE_CODE.SOURCE_FILENAME: module.sourceFileName = cursor.opsText(); return;
    case MODULE_CODE.SECTIONNAME: context.sectionNames.push(cursor.opsText()); return;
    case MODULE_CODE.GCNAME: context.gcNames.push(cursor.opsText()); return;
    case MODULE_CODE.GLOBALVAR: readGlobalVariable(context); return;
    case MODULE_CODE.FUNCTION: readFunctionRecord(context); return;
    case MODULE_CODE.ALIAS: readAlias(context); return;
    case MODULE_CODE.IFUNC: context.fail("ifunc globals are not supported");
    // Module asm, comdats, the VST offset, the hash and dependent libraries do not change the IR we build.
    default: return;
  }
}
