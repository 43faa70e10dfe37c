/**
 * `mkimg cc [--clang PATH] CLANG-ARGS...`: compiles C into module bitcode with a clang 14-19,
 * adding the module target, the pinned flags and the module headers (src/module/compile-c.ts);
 * everything else goes to clang unchanged (`mkimg cc -O2 -c fft.c -o fft.bc`). The exit status
 * is clang's.
 */
import type { Command } from "commander";

export function registerCc(program: Command): void {
  program
    .command("cc")
    .description("compile C into module bitcode with clang 14-19 (module target, pinned flags and headers added)")
    .argument("[clang-args...]", "passed to clang unchanged, e.g. -O2 -c fft.c -o fft.bc (-c is added when no -c, -S or -E is given)")
    .option("--clang <path>", "the clang to run (default: the first of clang-14 ... clang-19, clang on PATH)")
    .helpOption("--help", "display help for command")
    .allowUnknownOption()
    .allowExcessArguments()
    .passThroughOptions()
    .action(async (given: string[], flags: { clang?: string }) => {
      const { runDriver } = await import("../../module/compile-c.js");
      process.exitCode = runDriver(given, flags.clang);
    });
}
