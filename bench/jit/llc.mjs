/**
 * The llc side of the JIT benchmarks (bench/jit, bench/tiers): a module's .bc compiled by
 * `llc-14 -O<level>` and linked with bench/jit/start.c into a static i386 ELF (cached in
 * .cache/bench-jit), and the instructions it executes in our emulator (`mkimg exec`).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runElf } from "../../dist/emu/linux.js";

const here = dirname(fileURLToPath(import.meta.url));
const cache = join(resolve(here, "../.."), ".cache/bench-jit");

export function elfFor(bcPath, entry, level) {
  mkdirSync(cache, { recursive: true });
  const key = createHash("sha256").update(readFileSync(bcPath)).update(readFileSync(join(here, "start.c"))).update(`${entry} ${level}`).digest("hex").slice(0, 16);
  const elf = join(cache, `${entry}-${key}.elf`);
  if (!existsSync(elf)) {
    const object = `${elf}.o`;
    execFileSync("llc-14", [`-O${level}`, "-filetype=obj", bcPath, "-o", object]);
    execFileSync("gcc", ["-m32", "-O2", "-static", "-nostdlib", "-fno-pie", "-no-pie", "-fno-stack-protector", "-ffreestanding",
      "-fno-builtin", "-fno-tree-loop-distribute-patterns", `-Wl,--defsym=module_entry=${entry}`, "-o", elf, join(here, "start.c"), object, "-lgcc"]);
  }
  return elf;
}

export function elfInstructions(elf) {
  const result = runElf(new Uint8Array(readFileSync(elf)), { file: elf, maxSteps: 5e9 });
  return result.instructions;
}
