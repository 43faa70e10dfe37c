/**
 * The SSA IR the rest of mkimg works on: types, values, instructions, attributes.
 * Built by the bitcode reader (src/bitcode), checked by the verifier, printed in LLVM's
 * textual syntax by the printer, compiled by the micro-JIT (src/jit).
 */
export * from "./types.js";
export * from "./values.js";
export * from "./instructions.js";
export * from "./attributes.js";
export * from "./source-location.js";
