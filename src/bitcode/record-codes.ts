/**
 * Block ids and record codes of LLVM bitcode, as data (llvm/Bitcode/LLVMBitCodes.h and
 * llvm/Bitstream/BitCodes.h, LLVM 14..19). Only the codes the reader acts on are named; any
 * other record in a block we read is either skipped on purpose (listed in `ignoredRecords`)
 * or refused as unknown.
 */

/** Block ids (BitCodes.h `StandardBlockIDs`, LLVMBitCodes.h `BlockIDs`). */
export const BLOCK = {
  BLOCKINFO: 0,
  MODULE: 8,
  PARAMATTR: 9,
  PARAMATTR_GROUP: 10,
  CONSTANTS: 11,
  FUNCTION: 12,
  IDENTIFICATION: 13,
  VALUE_SYMTAB: 14,
  METADATA: 15,
  METADATA_ATTACHMENT: 16,
  TYPE_NEW: 17,
  USELIST: 18,
  MODULE_STRTAB: 19,
  GLOBALVAL_SUMMARY: 20,
  OPERAND_BUNDLE_TAGS: 21,
  METADATA_KIND: 22,
  STRTAB: 23,
  FULL_LTO_GLOBALVAL_SUMMARY: 24,
  SYMTAB: 25,
  SYNC_SCOPE_NAMES: 26,
} as const;

/** Block names for messages. */
export function blockName(id: number): string {
  const entry = Object.entries(BLOCK).find(([, value]) => value === id);
  return entry === undefined ? `block ${id}` : `${entry[0]} block`;
}

/** Built-in abbreviation ids (BitCodes.h `FixedAbbrevIDs`). */
export const ABBREV_ID = { END_BLOCK: 0, ENTER_SUBBLOCK: 1, DEFINE_ABBREV: 2, UNABBREV_RECORD: 3 } as const;

/** Records of the BLOCKINFO block. */
export const BLOCKINFO_CODE = { SETBID: 1, BLOCKNAME: 2, SETRECORDNAME: 3 } as const;

export const IDENTIFICATION_CODE = { STRING: 1, EPOCH: 2 } as const;

export const MODULE_CODE = {
  VERSION: 1, TRIPLE: 2, DATALAYOUT: 3, ASM: 4, SECTIONNAME: 5, DEPLIB: 6, GLOBALVAR: 7,
  FUNCTION: 8, ALIAS_OLD: 9, GCNAME: 11, COMDAT: 12, VSTOFFSET: 13, ALIAS: 14,
  METADATA_VALUES_UNUSED: 15, SOURCE_FILENAME: 16, HASH: 17, IFUNC: 18,
} as const;

export const TYPE_CODE = {
  NUMENTRY: 1, VOID: 2, FLOAT: 3, DOUBLE: 4, LABEL: 5, OPAQUE: 6, INTEGER: 7, POINTER: 8,
  FUNCTION_OLD: 9, HALF: 10, ARRAY: 11, VECTOR: 12, X86_FP80: 13, FP128: 14, PPC_FP128: 15,
  METADATA: 16, X86_MMX: 17, STRUCT_ANON: 18, STRUCT_NAME: 19, STRUCT_NAMED: 20, FUNCTION: 21,
  TOKEN: 22, BFLOAT: 23, X86_AMX: 24, OPAQUE_POINTER: 25, TARGET_TYPE: 26,
} as const;

export const PARAMATTR_CODE = { ENTRY_OLD: 1, ENTRY: 2, GROUP_ENTRY: 3 } as const;

export const CONSTANTS_CODE = {
  SETTYPE: 1, NULL: 2, UNDEF: 3, INTEGER: 4, WIDE_INTEGER: 5, FLOAT: 6, AGGREGATE: 7, STRING: 8,
  CSTRING: 9, CE_BINOP: 10, CE_CAST: 11, CE_GEP_OLD: 12, CE_SELECT: 13, CE_EXTRACTELT: 14,
  CE_INSERTELT: 15, CE_SHUFFLEVEC: 16, CE_CMP: 17, INLINEASM_OLD: 18, CE_SHUFVEC_EX: 19,
  CE_INBOUNDS_GEP: 20, BLOCKADDRESS: 21, DATA: 22, INLINEASM_OLD2: 23,
  CE_GEP_WITH_INRANGE_INDEX_OLD: 24, CE_UNOP: 25, POISON: 26, DSO_LOCAL_EQUIVALENT: 27,
  INLINEASM_OLD3: 28, NO_CFI_VALUE: 29, INLINEASM: 30, CE_GEP_WITH_INRANGE: 31, CE_GEP: 32,
  PTRAUTH: 33,
} as const;

export const FUNCTION_CODE = {
  DECLAREBLOCKS: 1, BINOP: 2, CAST: 3, GEP_OLD: 4, SELECT: 5, EXTRACTELT: 6, INSERTELT: 7,
  SHUFFLEVEC: 8, CMP: 9, RET: 10, BR: 11, SWITCH: 12, INVOKE: 13, UNREACHABLE: 15, PHI: 16,
  ALLOCA: 19, LOAD: 20, VAARG: 23, STORE_OLD: 24, EXTRACTVAL: 26, INSERTVAL: 27, CMP2: 28,
  VSELECT: 29, INBOUNDS_GEP_OLD: 30, INDIRECTBR: 31, DEBUG_LOC_AGAIN: 33, CALL: 34, DEBUG_LOC: 35,
  FENCE: 36, CMPXCHG_OLD: 37, ATOMICRMW_OLD: 38, RESUME: 39, LANDINGPAD_OLD: 40, LOADATOMIC: 41,
  STOREATOMIC_OLD: 42, GEP: 43, STORE: 44, STOREATOMIC: 45, CMPXCHG: 46, LANDINGPAD: 47,
  CLEANUPRET: 48, CATCHRET: 49, CATCHPAD: 50, CLEANUPPAD: 51, CATCHSWITCH: 52, OPERAND_BUNDLE: 55,
  UNOP: 56, CALLBR: 57, FREEZE: 58, ATOMICRMW: 59, BLOCKADDR_USERS: 60,
  DEBUG_RECORD_VALUE: 61, DEBUG_RECORD_DECLARE: 62, DEBUG_RECORD_ASSIGN: 63,
  DEBUG_RECORD_VALUE_SIMPLE: 64, DEBUG_RECORD_LABEL: 65,
} as const;

/** METADATA_BLOCK records (`MetadataCodes`); src/bitcode/metadata.ts says which it reads. */
export const METADATA_CODE = {
  STRING_OLD: 1, VALUE: 2, NODE: 3, NAME: 4, DISTINCT_NODE: 5, KIND: 6, LOCATION: 7, OLD_NODE: 8,
  OLD_FN_NODE: 9, NAMED_NODE: 10, ATTACHMENT: 11, GENERIC_DEBUG: 12, SUBRANGE: 13, ENUMERATOR: 14,
  BASIC_TYPE: 15, FILE: 16, DERIVED_TYPE: 17, COMPOSITE_TYPE: 18, SUBROUTINE_TYPE: 19,
  COMPILE_UNIT: 20, SUBPROGRAM: 21, LEXICAL_BLOCK: 22, LEXICAL_BLOCK_FILE: 23, NAMESPACE: 24,
  TEMPLATE_TYPE: 25, TEMPLATE_VALUE: 26, GLOBAL_VAR: 27, LOCAL_VAR: 28, EXPRESSION: 29,
  OBJC_PROPERTY: 30, IMPORTED_ENTITY: 31, MODULE: 32, MACRO: 33, MACRO_FILE: 34, STRINGS: 35,
  GLOBAL_DECL_ATTACHMENT: 36, GLOBAL_VAR_EXPR: 37, INDEX_OFFSET: 38, INDEX: 39, LABEL: 40,
  STRING_TYPE: 41, COMMON_BLOCK: 44, GENERIC_SUBRANGE: 45, ARG_LIST: 46, ASSIGN_ID: 47,
} as const;

/** Function-block records that carry only debug-variable or use-list information: skipped. */
export const ignoredFunctionRecords: ReadonlySet<number> = new Set([
  FUNCTION_CODE.OPERAND_BUNDLE,
  FUNCTION_CODE.BLOCKADDR_USERS, FUNCTION_CODE.DEBUG_RECORD_VALUE, FUNCTION_CODE.DEBUG_RECORD_DECLARE,
  FUNCTION_CODE.DEBUG_RECORD_ASSIGN, FUNCTION_CODE.DEBUG_RECORD_VALUE_SIMPLE,
  FUNCTION_CODE.DEBUG_RECORD_LABEL,
]);

/** Records whose instruction ends a basic block. */
export const terminatorCodes: ReadonlySet<number> = new Set([
  FUNCTION_CODE.RET, FUNCTION_CODE.BR, FUNCTION_CODE.SWITCH, FUNCTION_CODE.INDIRECTBR, FUNCTION_CODE.INVOKE,
  FUNCTION_CODE.UNREACHABLE, FUNCTION_CODE.RESUME, FUNCTION_CODE.CLEANUPRET, FUNCTION_CODE.CATCHRET,
  FUNCTION_CODE.CATCHSWITCH, FUNCTION_CODE.CALLBR,
]);

export const VST_CODE = { ENTRY: 1, BBENTRY: 2, FNENTRY: 3, COMBINED_ENTRY: 5 } as const;

export const STRTAB_CODE = { BLOB: 1 } as const;

/** Cast opcodes as numbered in bitcode (`CastOpcodes`). */
export const castOpcodeTable = [
  "trunc", "zext", "sext", "fptoui", "fptosi", "uitofp", "sitofp", "fptrunc", "fpext",
  "ptrtoint", "inttoptr", "bitcast", "addrspacecast",
] as const;

/** Binary opcodes (`BinaryOpcodes`): integer name, floating-point name (if any). */
export const binaryOpcodeTable: readonly (readonly [string, string | undefined])[] = [
  ["add", "fadd"], ["sub", "fsub"], ["mul", "fmul"], ["udiv", undefined], ["sdiv", "fdiv"],
  ["urem", undefined], ["srem", "frem"], ["shl", undefined], ["lshr", undefined], ["ashr", undefined],
  ["and", undefined], ["or", undefined], ["xor", undefined],
];

/** Which binary opcodes carry nuw/nsw (OverflowingBinaryOperator) or exact (PossiblyExact). */
export const overflowingOpcodes: ReadonlySet<string> = new Set(["add", "sub", "mul", "shl"]);
export const exactOpcodes: ReadonlySet<string> = new Set(["udiv", "sdiv", "lshr", "ashr"]);

/** CmpInst::Predicate numbering: 0..15 floating point, 32..41 integer. */
export const floatPredicateTable = [
  "false", "oeq", "ogt", "oge", "olt", "ole", "one", "ord", "uno", "ueq", "ugt", "uge", "ult", "ule",
  "une", "true",
] as const;
export const integerPredicateTable = ["eq", "ne", "ugt", "uge", "ult", "ule", "sgt", "sge", "slt", "sle"] as const;
export const INTEGER_PREDICATE_BASE = 32;

/** AtomicOrdering as stored (`AtomicOrderingCodes`); 0 = not atomic. */
export const atomicOrderingTable = [
  undefined, "unordered", "monotonic", "acquire", "release", "acq_rel", "seq_cst",
] as const;

/** RMW operations (`RMWOperations`) for messages. */
export const atomicRmwTable = [
  "xchg", "add", "sub", "and", "nand", "or", "xor", "max", "min", "umax", "umin", "fadd", "fsub",
  "fmax", "fmin", "uinc_wrap", "udec_wrap",
];

/** Linkage as stored (BitcodeReader `getDecodedLinkage`), including obsolete values. */
export const linkageTable = [
  "external", "weak", "appending", "internal", "linkonce", "external", "external", "extern_weak",
  "common", "private", "weak_odr", "linkonce_odr", "available_externally", "private", "private",
  "external", "weak", "weak_odr", "linkonce", "linkonce_odr",
] as const;

export const visibilityTable = ["default", "hidden", "protected"] as const;
export const unnamedAddrTable = ["none", "unnamed_addr", "local_unnamed_addr"] as const;
export const threadLocalTable = [undefined, "generaldynamic", "localdynamic", "initialexec", "localexec"] as const;
