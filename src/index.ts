/**
 * mkimg as a library: the public entry points of each layer, in pipeline order.
 * (The CLI in src/cli/ is built on exactly these.)
 */
export { InputError } from "./errors.js";

// Module header (LLBC)
export * from "./module/index.js";

// FAT16 images
export { formatImage, formatSectors } from "./fat/format.js";
export { fat16Geometry } from "./fat/geometry.js";
export { parseBootSector, findFat16Partition } from "./fat/bootsector.js";
export { Fat16Reader, openFat16Image } from "./fat/reader.js";
export { checkImage, checkImageFile } from "./fat/check.js";
export { addModules } from "./image/add.js";
export { listImage } from "./image/list.js";
export { catFile, extractFiles } from "./image/read.js";
export { removeFiles, makeDirectory, moveFile } from "./image/edit.js";

// LLVM bitcode and the IR
export { readBitcode } from "./bitcode/reader.js";
export { readModuleInput } from "./image/module-input.js";
export * as ir from "./ir/index.js";
export { printModule, printFunction } from "./ir/print.js";
export { verifyModule, checkModule } from "./ir/verify.js";

// Micro-JIT, emulator, kernel simulation
export { compileModule } from "./jit/module.js";
export { Machine } from "./emu/machine.js";
export { Memory } from "./emu/memory.js";
export { runElf } from "./emu/linux.js";
export { runModule, runModuleBytes } from "./kernel/kernel.js";
