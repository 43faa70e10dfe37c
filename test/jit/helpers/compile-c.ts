/**
 * Compiles the JIT's own C test programs (test/jit/c/*.c) to bitcode with the pinned module
 * flags of scripts/build-modules.mjs, cached under .cache/jit-c/ by a hash of source + compiler.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../../../", import.meta.url).pathname;
export const cSources = join(root, "test/jit/c");

export function compileC(name: string, level: 0 | 1 | 2, compiler = "clang-14", defines: string[] = []): string {
  const source = join(cSources, `${name}.c`);
  const key = createHash("sha256").update(readFileSync(source)).update(`${compiler} -O${level} ${defines.join(" ")}`).digest("hex").slice(0, 16);
  const folder = join(root, ".cache/jit-c");
  const output = join(folder, `${name}.${compiler}.O${level}.${key}.bc`);
  if (existsSync(output)) return output;
  mkdirSync(folder, { recursive: true });
  const temporary = `${output}.tmp-${process.pid}`;
  execFileSync(compiler, ["-target", "i386-unknown-none", "-ffreestanding", "-fno-builtin", "-nostdlib", "-c", "-emit-llvm",
    `-O${level}`, ...defines.map((define) => `-D${define}`), "-I", join(root, "modules/include"), source, "-o", temporary], { stdio: ["ignore", "pipe", "pipe"] });
  renameSync(temporary, output);
  return output;
}
