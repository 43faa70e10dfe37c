/**
 * The C test programs (test/emu/programs/*.c) and the builds they are run in: gcc -m32 and
 * clang-14 -m32, each at -O0 and -O2, static, no libc (start.c), linked with libgcc.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { type Compiler, type Optimisation, compileC, repositoryRoot } from "./build.js";

export const programsDirectory = join(repositoryRoot, "test/emu/programs");

export interface ProgramBuild {
  name: string;
  compiler: Compiler;
  optimisation: Optimisation;
  path: string;
  argv: string[];
}

/**
 * Extra compiler/linker flags: smc rewrites its own code, so it is linked with writable text;
 * doubles computes with SSE2 and doubles387 (the same C) with the x87; sqrt is the instruction (no errno).
 */
const programFlags: Record<string, string[]> = {
  smc: ["-Wl,-N", "-Wl,--no-warn-rwx-segments"],
  doubles: ["-msse2", "-mfpmath=sse", "-fno-math-errno"],
  doubles387: ["-mfpmath=387", "-fno-math-errno"],
};

/** Arguments some programs are run with (the rest get none). */
const programArguments: Record<string, string[]> = { strings: ["12", "-7", "hello", "2147483647"] };

export const compilers: Compiler[] = ["gcc", "clang-14"];
export const optimisations: Optimisation[] = ["-O0", "-O2"];

export function programNames(): string[] {
  return readdirSync(programsDirectory).filter((file) => file.endsWith(".c")).map((file) => file.slice(0, -2)).sort();
}

/** Every program in every build (compiled on first use, then cached under .cache/emu/programs). */
export function buildPrograms(): ProgramBuild[] {
  return programNames().flatMap((name) =>
    compilers.flatMap((compiler) =>
      optimisations.map((optimisation) => ({
        name,
        compiler,
        optimisation,
        path: compileC([join(programsDirectory, `${name}.c`)], compiler, optimisation, "programs", programFlags[name] ?? []),
        argv: programArguments[name] ?? [],
      })),
    ),
  );
}
