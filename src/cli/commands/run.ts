/**
 * `mkimg run [IMG] MODULE [ARGS...]`: boots the simulated kernel with IMG as its disk, loads
 * MODULE (header name or 8.3 file name), JIT-compiles it and runs its entry with the integer
 * ARGS (negative ones too: `args -1 2`), or, for an `int main(int argc, char **argv)` entry,
 * with ARGS as argv[1..] (src/kernel/arguments.ts). Prints the module's output and
 * `MODULE returned N`.
 * IMG may be left out when images/disk.img is meant. Exit status: 0 the module returned (or
 * called kexit; for a main(argc, argv) entry, its result or kexit's status, low 8 bits, as a
 * process's), 2 bad input (image, module file, arguments), 3 kernel panic (guest fault,
 * runaway past --max-steps, kpanic, out of pool memory), 4 the module called kabort, 5 killed
 * from gdb. With --gdb the run stops before the entry and serves gdb (src/gdb/).
 */
import { Command, InvalidArgumentError } from "commander";
import { addWaitOption, parseTier, type WaitFlags } from "./image-options.js";
import type { Tier } from "../../jit/tiers.js";

export interface RunFlags extends WaitFlags {
  stats?: boolean;
  json?: boolean;
  maxSteps?: number;
  anyPath?: boolean;
  profile?: boolean;
  force?: boolean;
  codePool?: number;
  dataPool?: number;
  metadataPool?: number;
  heap?: number;
  stack?: number;
  gdb?: string;
  elf?: string;
  tier?: Tier;
}

export function registerRun(program: Command): void {
  const command = program
    .command("run")
    .description("JIT-compile a module from an image and run it on the simulated kernel")
    .argument("<words...>", "[IMG] MODULE [ARGS...]: image (default images/disk.img), module name, integer arguments (argv strings for an int main(int argc, char **argv))")
    .option("--stats", "print bitcode size, functions compiled, JIT time, code bytes, instructions, wall time (stderr)")
    .option("--json", "print the result as one JSON object")
    .option("--max-steps <n>", "stop a module after N instructions: a kernel panic (default 1e9)", parseCount)
    .option("--any-path", "also find modules in subdirectories and by long names (BareFlow cannot)")
    .option("--profile", "count calls per function and print the counts (stderr)")
    .option("--force", "read bitcode from LLVM versions mkimg was not tested with")
    .option("--tier <n>", "compile every function at JIT tier N (0 slots, 1 register allocation; 2, 3 as 1 for now) instead of the header's opt_level", parseTier)
    .option("--code-pool <bytes>", "JIT code pool size (K/M suffixes; default 4M)", parseSize)
    .option("--data-pool <bytes>", "JIT data pool size (default 4M)", parseSize)
    .option("--metadata-pool <bytes>", "JIT metadata pool size (default 64K)", parseSize)
    .option("--heap <bytes>", "kernel heap size for kmalloc (default 1M)", parseSize)
    .option("--stack <bytes>", "module stack size (default 8M)", parseSize)
    .option("--gdb <[host:]port>", "stop before the entry and wait for gdb on HOST:PORT (host 127.0.0.1 by default): " +
      "`gdb -ex 'set architecture i386' -ex 'file OUT.elf' -ex 'target remote HOST:PORT'`")
    .option("--elf <file>", "write the module's code as an ELF with function and block symbols at their run-time addresses (for gdb's `file`, objdump -d)")
    .allowUnknownOption();
  addWaitOption(command, "reads").action(async (words: string[], flags: RunFlags) => {
    const { runCommand, debugCommand } = await import("./run-action.js");
    process.exitCode = flags.gdb === undefined && flags.elf === undefined ? runCommand(words, flags) : await debugCommand(words, flags);
  });
}

function parseCount(value: string): number {
  if (!/^[0-9]+(e[0-9]+)?$/.test(value) || !(Number(value) >= 1) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError("expected a positive number of instructions.");
  }
  return Number(value);
}

const UNITS: Record<string, number> = { "": 1, k: 1024, m: 1024 * 1024 };

function parseSize(value: string): number {
  const match = /^([0-9]+)([kKmM]?)$/.exec(value);
  const bytes = match === null ? NaN : Number(match[1]) * UNITS[match[2].toLowerCase()];
  if (!(bytes >= 4096 && bytes <= 1024 * 1024 * 1024)) throw new InvalidArgumentError("expected a size from 4K to 1024M (e.g. 512K, 8M).");
  return bytes;
}
