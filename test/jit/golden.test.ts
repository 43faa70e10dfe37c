// Golden listings: for a fixed set of committed modules, the JIT's bytes and iced-x86's
// disassembly of them, compiled at fixed addresses. A change in code generation shows up as
// a diff here; after checking the new code (the differential tests must still pass), refresh
// with `npm run golden:jit` (MKIMG_UPDATE_GOLDEN=1).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readBitcode } from "../../src/bitcode/reader.js";
import { compileModule } from "../../src/jit/module.js";
import { listModule } from "../../src/jit/listing.js";

const root = new URL("../../", import.meta.url).pathname;
const goldenFolder = join(root, "test/jit/golden");
const update = process.env.MKIMG_UPDATE_GOLDEN === "1";
const services = ["kprint", "kprint_int", "kputc", "memcpy", "memmove", "memset", "memcmp", "kmalloc", "kfree", "kticks", "kexit", "kabort", "kpanic"];
const modules = ["fib.O0", "fib.O2", "sum.O1", "args.O2", "primes.O2", "regexdfa.O1", "hello.O1", "strops.O2"];

describe("golden JIT listings", () => {
  it.each(modules)("%s", (name) => {
    const file = `modules/bc/${name}.bc`;
    const module = readBitcode(readFileSync(join(root, file)), { file });
    const compiled = compileModule(module, {
      allocateCode: () => 0x00400000,
      allocateData: () => 0x00800000,
      resolveExternal: (symbol) => (services.includes(symbol) ? 0xffff0000 + 16 * services.indexOf(symbol) : undefined),
    }, { file });
    const listing = listModule(compiled);
    const golden = join(goldenFolder, `${name}.txt`);
    if (update || !existsSync(golden)) {
      mkdirSync(goldenFolder, { recursive: true });
      writeFileSync(golden, listing);
      if (!update) throw new Error(`golden file ${golden} was missing and has been written; check it and commit it`);
    }
    expect(listing).toBe(readFileSync(golden, "utf8"));
  });
});
