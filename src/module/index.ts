/**
 * The module layer: the LLBC header (read, validate, write) and its CRC. Other layers import
 * from here.
 */
export * from "./header.js";
export * from "./wrap.js";
export { crc32 } from "./crc32.js";
export { ENTRY_FIELD, NAME_FIELD, type NameField } from "./names.js";
export { dependencyFor, librarySymbols, LIBC_STEM, SERVICE_NAMES } from "./dependency.js";
