/**
 * The action of `mkimg disasm` (loaded on demand): finds the module's bitcode (a file, or on
 * an image through the kernel's FAT view), compiles it with the micro-JIT at the simulated
 * kernel's pool addresses, and returns the listing (src/jit/listing.ts).
 */
import type { Tier } from "../../jit/tiers.js";
import { existsSync } from "node:fs";
import { withImageRead, type LockOptions } from "../../disk/access.js";
import { InputError } from "../../errors.js";
import { BITCODE_FILE_LIMIT } from "../../image/module-input.js";
import { readBitcode } from "../../bitcode/reader.js";
import { readInputFile } from "../../module/io.js";
import { isWrappedModule, parseModule } from "../../module/header.js";
import { KernelFat } from "../../kernel/fat-driver.js";
import { SectorDevice } from "../../kernel/sector-device.js";
import { SERVICES, serviceAddress } from "../../kernel/services.js";
import { compileModule } from "../../jit/module.js";
import { listModule } from "../../jit/listing.js";
import { moduleSymbols, writeElf } from "../../jit/elf.js";
import { writeOutputFile } from "../../gdb/debug-run.js";
import { DEFAULT_POOL_SIZES, MAX_POOL_SIZE, planLayout } from "../../kernel/layout.js";
import type { DisasmFlags } from "./disasm.js";
import { lockOptions } from "./image-options.js";

const CODE_ADDRESS = 0x00400000;
const DATA_ADDRESS = 0x00800000;

function fromImage(image: string, name: string, anyPath: boolean, lock: LockOptions): { bytes: Uint8Array; where: string } {
  return withImageRead(image, lock, () => {
    const device = new SectorDevice(image);
    try {
      const found = new KernelFat(device).findModule(name, { anyPath });
      return { bytes: found.bytes, where: found.where };
    } finally {
      device.close();
    }
  });
}

/** The raw bytes of the module the words name, and the name to use in messages. */
function locate(words: string[], anyPath: boolean, lock: LockOptions): { bytes: Uint8Array; where: string } {
  if (words.length === 2) return fromImage(words[0]!, words[1]!, anyPath, lock);
  if (words.length !== 1) throw new InputError(words.join(" "), "expected [IMG] MODULE");
  const spec = words[0]!;
  const colon = spec.lastIndexOf(":");
  if (!existsSync(spec) && colon > 0 && existsSync(spec.slice(0, colon))) return fromImage(spec.slice(0, colon), spec.slice(colon + 1), true, lock);
  if (!existsSync(spec)) throw new InputError(spec, "no such file");
  return { bytes: readInputFile(spec, BITCODE_FILE_LIMIT), where: spec };
}

export function disasmCommand(words: string[], flags: DisasmFlags): string {
  const { bytes, where } = locate(words, flags.anyPath === true, lockOptions("disasm", flags));
  const wrapped = isWrappedModule(bytes) ? parseModule(bytes, where) : undefined;
  const module = readBitcode(wrapped?.bitcode ?? bytes, { file: where });
  const services = new Map(SERVICES.map(([name], index) => [name, serviceAddress(index)]));
  // --elf: where `mkimg run` puts the code (default pool sizes), so gdb can use the symbols.
  const layout = planLayout(DEFAULT_POOL_SIZES);
  const compiled = compileModule(module, {
    allocateCode: () => (flags.elf === undefined ? CODE_ADDRESS : layout.code.base),
    allocateData: () => (flags.elf === undefined ? DATA_ADDRESS : layout.data.base),
    checkData: (size) => {
      if (size > MAX_POOL_SIZE) {
        throw new InputError(where, `the module's data needs more than ${MAX_POOL_SIZE} bytes, the largest data pool (--data-pool 1024M)`);
      }
    },
    resolveExternal: (name) => services.get(name),
  }, { file: where, optLevel: Math.min(wrapped?.header.optLevel ?? 0, 3) as Tier, ...(flags.tier === undefined ? {} : { tier: flags.tier }) });
  if (flags.elf !== undefined) {
    const entry = compiled.functions.get(wrapped?.header.entry ?? "")?.address ?? 0;
    writeOutputFile(flags.elf, writeElf(compiled, moduleSymbols(compiled), entry));
    return "";
  }
  if (flags.function !== undefined && !compiled.functions.has(flags.function)) {
    throw new InputError(where, `no function "${flags.function}" (functions: ${[...compiled.functions.keys()].join(", ")})`);
  }
  return listModule(compiled, { ...(flags.function !== undefined ? { function: flags.function } : {}), syntax: flags.syntax });
}
